// The long work that can run off the thread that answers calls (issue 23.4), as plain functions of a read side: the
// same functions run in a worker (worker.ts, on its own read-only connection) and in-process (the command line).
// They read only; what they produce is written afterwards by the caller, in the dispatcher's transaction.
//
// Work names no capability: the tasks belong to capabilities above it (a package build, a comparison). Their names
// and what each takes and gives are declared into `TaskTypes`, and their code is registered (`registerTasks`), by the
// API layer (src/main/api/tasks.ts) — on the answering thread when the handlers load, and in the worker thread by its
// entry (src/main/ledger-worker.ts) before it serves.
import type Database from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { DB } from '../db';

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

/**
 * The off-thread tasks by name, each `{ args; result }` (plain data: both cross to and from the worker). Empty here;
 * the API layer declares the capabilities' tasks into it (declaration merging), so a caller's `runWork(ctx, name,
 * args)` is checked against them.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface TaskTypes {}
export type TaskName = keyof TaskTypes & string;
export type TaskArgs<K extends TaskName> = TaskTypes[K] extends { args: infer A } ? A : never;
export type TaskResult<K extends TaskName> = TaskTypes[K] extends { result: infer R } ? R : never;
export type TaskFn<K extends TaskName> = (side: ReadSide, args: TaskArgs<K>) => Promise<TaskResult<K>>;
/** Every declared task's code (a task loads its capability's code when first run). */
export type TaskTable = { [K in TaskName]: TaskFn<K> };

let registered: Partial<TaskTable> = {};

/** The tasks' code, registered once at start-up by the API layer (both threads). */
export function registerTasks(table: TaskTable): void {
  registered = table;
}

/** The code of task `name`; a task that was never registered is a programming error. */
export function taskOf<K extends TaskName>(name: K): TaskFn<K> {
  const run = registered[name] as TaskFn<K> | undefined;
  if (!run) throw new Error(`off-thread task ${name} is not registered (src/main/api/tasks.ts)`);
  return run;
}
