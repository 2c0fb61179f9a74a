// The app's scheduler (plain Node, no `electron` import): at start-up and then every `everyMs`, a daily verified backup
// (backup/backupIfDue), the daily 主动发现 run (discovery/runDiscoveryIfDue) and the monthly report task. Errors are
// reported, never thrown: a failed tick must not take the app down; the next tick tries again.
import type { Core } from './core';
import { backupIfDue } from './ledger/backup/backup';
import { prepareDueReport } from './ledger/reports/schedule';
import { runDiscoveryIfDue } from './ledger/discovery/service';
import { runTask } from './ledger/work/offthread';
import { today } from '../shared/time';

/** `today` is the China calendar date 'YYYY-MM-DD' (src/shared/time.ts). Must be harmless to call often (it is called at start-up and daily). */
export type MonthlyReportTask = (core: Core, today: string) => Promise<unknown>;

/**
 * THE monthly report call site: the report capability's `prepareDueReport` (src/main/ledger/reports/schedule.ts)
 * prepares last month's package on the configured day and does nothing otherwise, so it is called on every tick.
 */
export const monthlyReportTask: MonthlyReportTask = (core, today) =>
  prepareDueReport(
    {
      db: core.ledger.db,
      dataDir: core.dataDir,
      // Assembled in the worker thread, so the app keeps answering (ledger/work/offthread.ts).
      assemble: (args) =>
        runTask({ ledger: core.ledger, db: core.ledger.db, now: () => new Date() }, 'reports.package', args, {
          what: '定时生成报表包',
        }),
    },
    today,
  );

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
