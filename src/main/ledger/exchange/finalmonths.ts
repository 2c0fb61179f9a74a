// 月度结账 and imports: the finalised months an import (or the confirmation of an import batch) would change — a
// new case paid in, starting in or stopping in such a month, a 临时救助 granted in it, or an amount change, stop or
// resumption effective in or before it. Without a correction reason it is refused (naming the months); with one,
// each month is flagged as amended when the data starts to count.
import { LedgerError } from '../../../shared/errors';
import type { ServiceContext } from '../kernel';
import { assertMonthOpen } from '../periods';
import type { ChangeOp } from './cases-plan';

/** A new case as far as the months go: start month (临时救助: the grant month) and stop month. */
export interface CaseSpan {
  category: string;
  startMonth: string;
  stopMonth: string | null;
}

export async function finalMonthsTouched(
  ctx: ServiceContext,
  newCases: CaseSpan[],
  ops: ChangeOp[],
  nowMonth: string,
): Promise<string[]> {
  const finals = (
    await ctx.db.selectFrom('report_periods').select('month').where('status', '=', 'final').orderBy('month').execute()
  ).map((r) => r.month);
  if (finals.length === 0) return [];
  const touched = new Set<string>();
  for (const c of newCases) {
    for (const f of finals) {
      if (
        c.category === 'linshi' ? f === c.startMonth : c.startMonth <= f && (c.stopMonth === null || f <= c.stopMonth)
      )
        touched.add(f);
    }
  }
  for (const op of ops) {
    const from =
      op.kind === 'case.stop' ? op.stopMonth : op.kind === 'case.amount' || op.kind === 'case.resume' ? nowMonth : null;
    if (from !== null) for (const f of finals) if (f >= from) touched.add(f);
  }
  return [...touched].sort();
}

/** Refuses (CONFLICT, naming the months) when finalised months are touched and no correction reason is given. */
export function requireCorrection(months: string[], reason: string | undefined, lead: string, nothing: string): void {
  if (months.length === 0 || (reason ?? '').trim() !== '') return;
  throw new LedgerError(
    'CONFLICT',
    `${lead}（${months.join('、')}），${nothing}。如确需导入，请填写更正原因，更正将在下一版报表中列出`,
    { correctionReason: '涉及已结账月份的导入须填写更正原因' },
  );
}

/** Flags each finalised month as amended (the next package is a new revision). */
export async function flagAmended(ctx: ServiceContext, months: string[], reason: string): Promise<void> {
  for (const m of months) await assertMonthOpen(ctx.db, m, reason);
}
