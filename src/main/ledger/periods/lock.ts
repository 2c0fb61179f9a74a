// 月度结账: a month whose report package was marked final is locked. Writes effective in a locked month (a case's
// start/stop, an amount change, the payment roll) need a reason; the reason is journalled by the caller and the
// month is flagged as amended, so the reviewer knows the next package must be a new revision.
import type { Kysely } from 'kysely';
import { LedgerError } from '../../../shared/errors';
import { monthText } from '../../../shared/time';
import type { DB } from '../db';
import { nowIso } from '../ids';

export interface MonthLockState {
  /** True when the month had been marked final (the write went ahead only because a reason was given). */
  final: boolean;
  finalRevision: number;
}

/**
 * Throws a Chinese LedgerError (CONFLICT) when `month` is final and no reason is given. With a reason the write may
 * proceed: the month is flagged as amended (in the caller's transaction when `db` is one). Call it from every
 * write that changes what a month's report shows.
 */
export async function assertMonthOpen(db: Kysely<DB>, month: string, reason?: string | null): Promise<MonthLockState> {
  const row = await db
    .selectFrom('report_periods')
    .select(['status', 'final_revision'])
    .where('month', '=', month)
    .executeTakeFirst();
  if (!row || row.status !== 'final') return { final: false, finalRevision: row?.final_revision ?? 0 };
  if (!reason || reason.trim() === '') {
    throw new LedgerError(
      'CONFLICT',
      `${monthText(month)}的报表已定稿上报（第 ${row.final_revision} 版），该月已结账。修改该月的数据须填写更正原因，更正将在下一版报表中列出`,
      { reason: '已结账月份的修改须填写原因' },
    );
  }
  await db.updateTable('report_periods').set({ amended: 1, updated_at: nowIso() }).where('month', '=', month).execute();
  return { final: true, finalRevision: row.final_revision };
}

/**
 * For a change effective from `fromMonth` onward (an amount adjustment, a stop): every final month from then on is
 * checked. Returns the final months the change touches (empty when none).
 */
export async function assertMonthsOpenFrom(
  db: Kysely<DB>,
  fromMonth: string,
  reason?: string | null,
): Promise<string[]> {
  const finals = await db
    .selectFrom('report_periods')
    .select('month')
    .where('status', '=', 'final')
    .where('month', '>=', fromMonth)
    .orderBy('month')
    .execute();
  for (const f of finals) await assertMonthOpen(db, f.month, reason);
  return finals.map((f) => f.month);
}

/** The month's lock state as the pages show it. */
export async function monthState(
  db: Kysely<DB>,
  month: string,
): Promise<{ status: 'open' | 'final'; finalRevision: number; amended: boolean; reopenReason: string | null }> {
  const row = await db.selectFrom('report_periods').selectAll().where('month', '=', month).executeTakeFirst();
  return {
    status: row?.status ?? 'open',
    finalRevision: row?.final_revision ?? 0,
    amended: (row?.amended ?? 0) === 1,
    reopenReason: row?.reopen_reason ?? null,
  };
}
