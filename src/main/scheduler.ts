// The app's scheduler (plain Node, no `electron` import): at start-up and then every `everyMs`, a daily verified backup
// (backup/backupIfDue), the daily 主动发现 run (discovery/runDiscoveryIfDue) and the monthly report task. Errors are
// reported, never thrown: a failed tick must not take the app down; the next tick tries again.
import type { DueReportView } from '../shared/api/reports';
import type { Core } from './core';
import { backupIfDue } from './ledger/backup';
import { runDiscoveryIfDue } from './ledger/discovery';
import { systemActor } from './ledger/kernel';
import { today } from '../shared/time';

/** `today` is the China calendar date 'YYYY-MM-DD' (src/shared/time.ts). Must be harmless to call often (it is called at start-up and daily). */
export type MonthlyReportTask = (core: Core, today: string) => Promise<unknown>;

/** Who the journal and the package name for the monthly report: a named system actor, not a login. */
export const SCHEDULE_ACTOR = systemActor('schedule', '系统（定时生成）');

/**
 * THE monthly report call site, through the dispatcher as 系统（定时生成）: `reports.due` says whether last month's
 * package is due today (the configured day, not yet prepared, not final); if so `reports.prepareScheduled` prepares
 * it and reminds the reviewer — assembled in the worker thread first (the app keeps answering), then one
 * transaction with its journal entries, like any other write.
 */
export const monthlyReportTask: MonthlyReportTask = async (core, today) => {
  const call = async (method: string, input: unknown): Promise<DueReportView> => {
    const r = await core.dispatcher.dispatchAs(SCHEDULE_ACTOR, { method, input });
    if (!r.ok) throw new Error(r.error.message);
    return r.data as DueReportView;
  };
  const due = await call('reports.due', { today });
  return due.status === 'due' ? call('reports.prepareScheduled', { month: due.month }) : due;
};

export interface SchedulerOptions {
  everyMs?: number;
  now?: () => Date;
  monthly?: MonthlyReportTask | null;
  /** Where problems go (the shell logs them; no personal data is in these messages). */
  report?: (message: string) => void;
}

export interface Scheduler {
  /** Runs one tick now (also used by tests). */
  tick(): Promise<void>;
  stop(): void;
}

export function startScheduler(core: Core, options: SchedulerOptions = {}): Scheduler {
  const now = options.now ?? (() => new Date());
  const report = options.report ?? ((m: string) => process.stderr.write(`[civil-ledger] ${m}\n`));
  const monthly = options.monthly === undefined ? monthlyReportTask : options.monthly;
  let running: Promise<void> | null = null;

  async function once(): Promise<void> {
    try {
      const r = await backupIfDue(core.ledger, now());
      for (const w of r?.warnings ?? []) report(w);
    } catch (e) {
      report(`每日自动备份失败：${(e as Error).message}`);
    }
    try {
      await runDiscoveryIfDue(core.ledger.db, now());
    } catch (e) {
      report(`主动发现每日运行失败：${(e as Error).message}`);
    }
    // `monthly: null` leaves the report out (an embedding that prepares reports elsewhere).
    if (!monthly) return;
    try {
      await monthly(core, today(now()));
    } catch (e) {
      report(`月度报表定时生成失败：${(e as Error).message}`);
    }
  }

  const tick = (): Promise<void> => {
    running ??= once().finally(() => {
      running = null;
    });
    return running;
  };
  const timer = setInterval(() => void tick(), options.everyMs ?? 30 * 60 * 1000);
  timer.unref();
  void tick();
  return {
    tick,
    stop: () => clearInterval(timer),
  };
}
