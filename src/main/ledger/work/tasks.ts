// The long work that can run off the thread that answers calls (issue 23.4), as plain functions of a read side: the
// same functions run in a worker (worker.ts, on its own read-only connection) and in-process (the command line).
// They read only; what they produce is written afterwards by the caller, in the dispatcher's transaction.
import type Database from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { DB } from '../db';
import type { CompareAnalysis, CompareInput } from '../compare';
import type { AssembledPackage } from '../reports';

/** Where a task is: a step a clerk can read ('生成报表工作簿') and how far along it (done of total). */
export interface WorkStep {
  step: string;
  done: number;
  total: number;
}

export interface ReadSide {
  raw: Database.Database;
  db: Kysely<DB>;
  now: () => Date;
  progress: (p: WorkStep) => void;
}

export interface PackageArgs {
  month: string;
  trigger: 'manual' | 'schedule' | 'cli';
  confirmRebuild: boolean;
  actor: { id: string | null; name: string };
}

export interface TaskTypes {
  'reports.package': { args: PackageArgs; result: AssembledPackage };
  'compare.analyse': { args: CompareInput; result: CompareAnalysis };
}
export type TaskName = keyof TaskTypes;

// Each task loads its code when first run, so a worker starts with only what its first task needs. These two name
// capabilities above work (eslint.config.js allows this file alone to), through their index.
export const tasks: {
  [K in TaskName]: (side: ReadSide, args: TaskTypes[K]['args']) => Promise<TaskTypes[K]['result']>;
} = {
  'reports.package': async (side, a) => {
    const { assemblePackage } = await import('../reports');
    return assemblePackage(
      { db: side.db, raw: side.raw, actor: a.actor, now: side.now },
      a.month,
      a.trigger,
      a.confirmRebuild,
      (step, done, total) => side.progress({ step, done, total }),
    );
  },
  'compare.analyse': async (side, a) => {
    const { analyseCompare } = await import('../compare');
    return analyseCompare({ raw: side.raw, now: side.now }, a, (step, done, total) =>
      side.progress({ step, done, total }),
    );
  },
};
