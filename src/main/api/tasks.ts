// The off-thread tasks of the capabilities above work (a package build, a comparison of an outside list), declared
// into work's `TaskTypes` and registered with work here in the API layer, so work (a lower layer) names no
// capability. The answering thread registers them when the handlers load (handlers.ts); the worker thread's entry
// (src/main/ledger-worker.ts) registers the same table before it serves. Each loads its capability's code when first
// run, so a worker starts with only what its first task needs.
import type { CompareAnalysis, CompareInput } from '../ledger/compare';
import type { AssembledPackage } from '../ledger/reports';
import type { PackageArgs, TaskTable } from '../ledger/work';

declare module '../ledger/work' {
  interface TaskTypes {
    'reports.package': { args: PackageArgs; result: AssembledPackage };
    'compare.analyse': { args: CompareInput; result: CompareAnalysis };
  }
}

export const offThreadTasks: TaskTable = {
  'reports.package': async (side, a) => {
    const { assemblePackage } = await import('../ledger/reports');
    return assemblePackage(
      { db: side.db, raw: side.raw, actor: a.actor, now: side.now },
      a.month,
      a.trigger,
      a.confirmRebuild,
      (step, done, total) => side.progress({ step, done, total }),
    );
  },
  'compare.analyse': async (side, a) => {
    const { analyseCompare } = await import('../ledger/compare');
    return analyseCompare({ raw: side.raw, now: side.now }, a, (step, done, total) =>
      side.progress({ step, done, total }),
    );
  },
};
