// 定时生成: on the configured day of each month (reports.scheduleDay, default the 5th) the previous month's package
// is prepared and the reviewer reminded. The Electron shell's scheduler calls prepareDueReport (at start-up and
// daily); it does nothing when the package already exists or the month is final, so calling it often is harmless.
import type { Kysely } from 'kysely';
import { addMonths, isDate, monthText } from '../../../shared/time';
import type { DB } from '../db/schema';
import { newId, nowIso } from '../ids';
import { appendJournal } from '../journal/journal';
import type { PackageArgs } from '../work/tasks';
import { buildPackage, loadPeriod, recordPackage, type AssembledPackage, type ReportEnv } from './package';
import { reportSettings } from './settings';

export interface DueReportArgs {
  db: Kysely<DB>;
  dataDir: string;
  now?: () => Date;
  /** Assembles the package before the transaction, e.g. in a worker thread (the app's scheduler); else in it. */
  assemble?: (args: PackageArgs) => Promise<AssembledPackage>;
}

export interface DueReportResult {
  status: 'not_due' | 'already_prepared' | 'final' | 'prepared';
  month: string;
  packageId: string | null;
  checksOk: boolean | null;
  message: string;
}

const SYSTEM = { id: null, name: '系统（定时生成）' };

/** `today` is the China calendar date 'YYYY-MM-DD' (src/shared/time.ts). */
export async function prepareDueReport(args: DueReportArgs, today: string): Promise<DueReportResult> {
  if (!isDate(today)) throw new RangeError(`不是有效日期：${today}`);
  const month = addMonths(today.slice(0, 7), -1);
  const settings = await reportSettings(args.db);
  const none = { packageId: null, checksOk: null };
  if (Number(today.slice(8, 10)) < settings.scheduleDay) {
    return { status: 'not_due', month, ...none, message: `每月 ${settings.scheduleDay} 日生成上月报表，今天尚未到期` };
  }
  const period = await loadPeriod(args.db, month);
  if (period?.status === 'final') return { status: 'final', month, ...none, message: `${monthText(month)}报表已定稿` };
  const existing = await args.db
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
  const now = args.now ?? (() => new Date());
  const assembled = await args.assemble?.({ month, trigger: 'schedule', confirmRebuild: true, actor: SYSTEM });
  return args.db.transaction().execute(async (trx) => {
    const env: ReportEnv = {
      db: trx,
      dataDir: args.dataDir,
      actor: SYSTEM,
      now,
      journal: (...entries) => appendJournal(trx, SYSTEM, entries, nowIso(now())),
    };
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
  });
}
