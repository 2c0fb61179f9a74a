// 定时生成: on the configured day of each month (reports.scheduleDay, default the 5th) the previous month's package
// is prepared and the reviewer reminded. The Electron shell's scheduler calls prepareDueReport (at start-up and
// daily); it does nothing when the package already exists or the month is final, so calling it often is harmless.
import type { Kysely } from 'kysely';
import type { DueReportView } from '../../../shared/api/reports';
import { addMonths, isDate, monthText } from '../../../shared/time';
import type { DB } from '../db';
import { newId, nowIso } from '../ids';
import { appendJournal } from '../journal';
import type { PackageArgs } from '../work';
import { loadPeriod } from './history';
import { buildPackage, recordPackage, type AssembledPackage, type ReportEnv } from './package';
import { reportSettings } from './settings';

export interface DueReportArgs {
  db: Kysely<DB>;
  /** The connection of `db` (the package's detail rows are stepped through on it). */
  raw: ReportEnv['raw'];
  dataDir: string;
  now?: () => Date;
  /** Assembles the package before the transaction, e.g. in a worker thread (the app's scheduler); else in it. */
  assemble?: (args: PackageArgs) => Promise<AssembledPackage>;
}

export type DueReportResult = DueReportView;

const SYSTEM = { id: null, name: '系统（定时生成）' };

/**
 * `today` is the China calendar date 'YYYY-MM-DD' (src/shared/time.ts). Due and prepared in one transaction as
 * 系统（定时生成）; the app's scheduler does the same in two steps through the dispatcher (reports.due, then
 * reports.prepareScheduled).
 */
export async function prepareDueReport(args: DueReportArgs, today: string): Promise<DueReportResult> {
  const due = await dueReport(args.db, today);
  if (due.status !== 'due') return due;
  const now = args.now ?? (() => new Date());
  const assembled = await args.assemble?.(scheduledPackage(due.month, SYSTEM));
  return args.db.transaction().execute((trx) =>
    prepareScheduled(
      {
        db: trx,
        raw: args.raw,
        dataDir: args.dataDir,
        actor: SYSTEM,
        now,
        journal: (...entries) => appendJournal(trx, SYSTEM, entries, nowIso(now())),
      },
      due.month,
      assembled,
    ),
  );
}

/** What the worker assembles for a scheduled package. */
export const scheduledPackage = (month: string, actor: { id: string | null; name: string }): PackageArgs => ({
  month,
  trigger: 'schedule',
  confirmRebuild: true,
  actor,
});

/** Whether last month's package is due on `today` ('due'), or why nothing is to be done. Reads only. */
export async function dueReport(db: Kysely<DB>, today: string): Promise<DueReportResult> {
  if (!isDate(today)) throw new RangeError(`不是有效日期：${today}`);
  const month = addMonths(today.slice(0, 7), -1);
  const settings = await reportSettings(db);
  const none = { packageId: null, checksOk: null };
  if (Number(today.slice(8, 10)) < settings.scheduleDay) {
    return { status: 'not_due', month, ...none, message: `每月 ${settings.scheduleDay} 日生成上月报表，今天尚未到期` };
  }
  const period = await loadPeriod(db, month);
  if (period?.status === 'final') return { status: 'final', month, ...none, message: `${monthText(month)}报表已定稿` };
  const existing = await db
    .selectFrom('report_packages')
    .select(['id', 'checks_ok'])
    .where('month', '=', month)
    .where('revision', '=', (period?.final_revision ?? 0) + 1)
    .where('status', '=', 'prepared')
    .executeTakeFirst();
  if (existing) {
    return {
      status: 'already_prepared',
      month,
      packageId: existing.id,
      checksOk: existing.checks_ok === 1,
      message: `${monthText(month)}报表包已生成，待审核定稿`,
    };
  }
  return { status: 'due', month, ...none, message: `${monthText(month)}报表包今天应生成` };
}

/** Prepares `month`'s package as the schedule and reminds the reviewer, in the caller's transaction. */
export async function prepareScheduled(
  env: ReportEnv,
  month: string,
  /** The package assembled before the transaction (in the worker thread); else assembled here. */
  assembled?: AssembledPackage,
): Promise<DueReportResult> {
  const trx = env.db;
  const now = env.now;
  const built = assembled ? await recordPackage(env, assembled) : await buildPackage(env, month, 'schedule');
  const ok = built.view.checksOk;
  const message = ok
    ? `${monthText(month)}报表包已自动生成（第 ${built.view.revision} 版），请审核后定稿上报`
    : `${monthText(month)}报表包已自动生成，但有校验未通过，请核对后重新生成再定稿`;
  const reminderId = newId();
  await trx
    .insertInto('report_reminders')
    .values({
      id: reminderId,
      month,
      kind: 'review_package',
      message,
      package_id: built.view.id,
      created_at: nowIso(now()),
      done_at: null,
      done_by: null,
    })
    .execute();
  await env.journal({
    action: 'report.remind',
    entity: 'report_reminders',
    entityId: reminderId,
    after: { month, message },
  });
  return { status: 'prepared' as const, month, packageId: built.view.id, checksOk: ok, message };
}
