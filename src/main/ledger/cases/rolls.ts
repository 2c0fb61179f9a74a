// 发放花名册: the monthly payment roll. Generated in SQL from the cases in payment in the month (roll-lines.ts:
// amount = the case_amounts row in effect; persons = case_members active in the month), compared with the previous
// month, confirmed by a reviewer other than the generator, then locked. Its lines as read, exported and printed:
// roll-export.ts. 临时救助 is not on the roll: it is a one-off grant (paid from the 备用金 or by the county),
// reported by its grant month.
import type { AreaValue, Category, RollConfirmPreview, RollDiff, RollGap, RollView } from '../../../shared/api/cases';
import { conflict, notFound, rule, staleEdit } from '../../../shared/errors';
import { addMonths } from '../../../shared/time';
import { actorOf, countOf, rowsOf, updateVersioned, type ServiceContext } from '../kernel';
import { newId, nowIso } from '../ids';
import { assertMonthOpen } from '../periods';
import { computeRollTotals, loadRoll, rollDiff, userName, writeRollLines } from './roll-lines';
import type { PaymentRollsTable } from './tables';

export { computeRollTotals, LINES_SELECT } from './roll-lines';
export { exportBank, printableRoll, rollLines } from './roll-export';

async function rollView(ctx: ServiceContext, r: PaymentRollsTable): Promise<RollView> {
  const byCategory = rowsOf<{ category: Category; area: AreaValue; lines: number; persons: number; total: number }>(
    ctx.ledger.raw,
    `SELECT category, area, count(*) AS lines, sum(persons) AS persons, sum(amount_fen) AS total FROM payment_roll_lines
     WHERE roll_id = ? GROUP BY category, area ORDER BY category, area`,
    r.id,
  );
  return {
    id: r.id,
    month: r.month,
    status: r.status,
    lineCount: r.line_count,
    totalFen: r.total_fen,
    generatedAt: r.generated_at,
    generatedByName: (await userName(ctx, r.generated_by)) ?? '',
    confirmedAt: r.confirmed_at,
    confirmedByName: await userName(ctx, r.confirmed_by),
    byCategory: byCategory.map((b) => ({
      category: b.category,
      area: b.area,
      lines: b.lines,
      persons: b.persons,
      totalFen: b.total,
    })),
    version: r.version,
  };
}

export async function generateRoll(
  ctx: ServiceContext,
  month: string,
  lockReason?: string | null,
): Promise<RollView & { diff: RollDiff }> {
  const actor = actorOf(ctx);
  await assertMonthOpen(ctx.db, month, lockReason);
  const existing = await loadRoll(ctx, month);
  if (existing?.status === 'confirmed') {
    throw conflict(`${month} 的发放花名册已由审核人确认并锁定，不能重新生成；之后的变动请在下月花名册中补发或追回`);
  }
  const at = nowIso(ctx.now());
  let current: PaymentRollsTable;
  if (existing) current = existing;
  else {
    // Created empty at version 0; the kernel's write below fills it and makes it version 1.
    current = {
      id: newId(),
      month,
      status: 'draft',
      line_count: 0,
      total_fen: 0,
      generated_at: at,
      generated_by: actor.id,
      confirmed_at: null,
      confirmed_by: null,
      version: 0,
      updated_at: at,
    };
    await ctx.db.insertInto('payment_rolls').values(current).execute();
  }
  const rollId = current.id;
  // The lines as they should be now (a regeneration writes only the lines that differ).
  const written = writeRollLines(ctx.ledger.raw, rollId, month);
  const totals = { n: written.lines, t: written.totalFen };
  // Through the write kernel: the version bump, updated_at and the journal entry (line count and total before/after).
  await updateVersioned(
    ctx,
    'payment_rolls',
    rollId,
    current.version,
    { line_count: totals.n, total_fen: totals.t, generated_at: at, generated_by: actor.id },
    {
      action: 'roll.generate',
      what: `${month} 的发放花名册`,
      reason: lockReason ?? null,
      current,
      extra: {
        before: { line_count: current.line_count, total_fen: current.total_fen },
        after: { month, line_count: totals.n, total_fen: totals.t },
      },
    },
  );
  const roll = await loadRoll(ctx, month);
  if (!roll) throw notFound('花名册');
  return { ...(await rollView(ctx, roll)), diff: await rollDiff(ctx, roll) };
}

export async function getRoll(ctx: ServiceContext, month: string): Promise<RollView & { diff: RollDiff }> {
  const roll = await loadRoll(ctx, month);
  if (!roll) throw notFound(`${month} 的发放花名册（请先生成）`);
  return { ...(await rollView(ctx, roll)), diff: await rollDiff(ctx, roll) };
}

export async function listRolls(ctx: ServiceContext): Promise<RollView[]> {
  const rows = await ctx.db.selectFrom('payment_rolls').selectAll().orderBy('month', 'desc').execute();
  return Promise.all(rows.map((r) => rollView(ctx, r)));
}

/** How far back the gap list looks (months before the one asked about). */
const GAP_LOOKBACK = 24;

/**
 * Months from the first roll the ledger has (at most 24 months back) up to `untilMonth` (inclusive) whose roll is
 * missing or still a draft, oldest first. A ledger with no roll yet has no gaps (nothing has been started).
 */
export async function rollGaps(db: Pick<ServiceContext, 'db'>['db'], untilMonth: string): Promise<RollGap[]> {
  const rolls = await db
    .selectFrom('payment_rolls')
    .select(['month', 'status'])
    .where('month', '>=', addMonths(untilMonth, -GAP_LOOKBACK))
    .where('month', '<=', untilMonth)
    .orderBy('month')
    .execute();
  const first = await db.selectFrom('payment_rolls').select('month').orderBy('month').limit(1).executeTakeFirst();
  if (!first || first.month > untilMonth) return [];
  const byMonth = new Map(rolls.map((r) => [r.month, r.status] as const));
  const out: RollGap[] = [];
  let m = first.month < addMonths(untilMonth, -GAP_LOOKBACK) ? addMonths(untilMonth, -GAP_LOOKBACK) : first.month;
  for (; m <= untilMonth; m = addMonths(m, 1)) {
    const st = byMonth.get(m);
    if (!st) out.push({ month: m, status: 'missing' });
    else if (st === 'draft') out.push({ month: m, status: 'draft' });
  }
  return out;
}

const gapText = (gaps: RollGap[]) =>
  gaps.map((g) => `${g.month}${g.status === 'missing' ? '未生成' : '仍为草稿、未确认'}`).join('；');

/** What the confirmation dialog shows: totals, the difference from last month, and earlier months not confirmed. */
export async function confirmPreview(ctx: ServiceContext, month: string): Promise<RollConfirmPreview> {
  const actor = actorOf(ctx);
  const roll = await loadRoll(ctx, month);
  if (!roll) throw notFound(`${month} 的发放花名册（请先生成）`);
  const persons = countOf(
    ctx.ledger.raw,
    'SELECT coalesce(sum(persons), 0) AS n FROM payment_roll_lines WHERE roll_id = ?',
    roll.id,
  );
  const prevMonth = addMonths(month, -1);
  const prevRoll = await loadRoll(ctx, prevMonth);
  const prev = prevRoll
    ? { month: prevMonth, status: prevRoll.status, lineCount: prevRoll.line_count, totalFen: prevRoll.total_fen }
    : { month: prevMonth, status: 'missing' as const, ...computeRollTotals(ctx, prevMonth) };
  const previous = {
    month: prev.month,
    status: prev.status,
    lineCount: 'lines' in prev ? prev.lines : prev.lineCount,
    totalFen: prev.totalFen,
  };
  const diff = await rollDiff(ctx, roll);
  const blockers: string[] = [];
  if (roll.status === 'confirmed') blockers.push(`${month} 的发放花名册已确认`);
  if (roll.generated_by === actor.id)
    blockers.push('花名册须由生成人以外的审核人确认（经办与审核分离）：您生成了该花名册，不能确认');
  const now = computeRollTotals(ctx, month);
  if (now.lines !== roll.line_count || now.totalFen !== roll.total_fen)
    blockers.push('花名册生成后台账有变动（人数或金额与现在不一致），请重新生成后再确认');
  return {
    month,
    version: roll.version,
    lineCount: roll.line_count,
    persons,
    totalFen: roll.total_fen,
    previous,
    differenceFen: roll.total_fen - previous.totalFen,
    added: diff.added.length,
    removed: diff.removed.length,
    changed: diff.changed.length,
    earlier: await rollGaps(ctx.db, prevMonth),
    blockers,
  };
}

export async function confirmRoll(
  ctx: ServiceContext,
  month: string,
  version: number,
  acknowledgeEarlier = false,
): Promise<RollView> {
  const actor = actorOf(ctx);
  const roll = await loadRoll(ctx, month);
  if (!roll) throw notFound(`${month} 的发放花名册`);
  if (roll.version !== version) throw staleEdit(`${month} 的发放花名册`);
  if (roll.status === 'confirmed') throw conflict(`${month} 的发放花名册已确认`);
  if (roll.generated_by === actor.id) {
    throw rule('花名册须由生成人以外的审核人确认（经办与审核分离）：您生成了该花名册，不能确认');
  }
  const now = computeRollTotals(ctx, month);
  if (now.lines !== roll.line_count || now.totalFen !== roll.total_fen) {
    throw conflict('花名册生成后台账有变动（人数或金额与现在不一致），请重新生成后再确认');
  }
  // An earlier month not confirmed is said, and the reviewer confirms knowing it (journalled with the months).
  const earlier = await rollGaps(ctx.db, addMonths(month, -1));
  if (earlier.length > 0 && !acknowledgeEarlier) {
    throw rule(
      `之前月份的发放花名册尚未确认：${gapText(earlier)}。请先处理这些月份；如确需先确认 ${month}，请在确认对话框中勾选“已知悉”后再确认`,
      { acknowledgeEarlier: '请确认已知悉之前月份未确认' },
    );
  }
  const at = nowIso(ctx.now());
  await updateVersioned(
    ctx,
    'payment_rolls',
    roll.id,
    version,
    { status: 'confirmed', confirmed_at: at, confirmed_by: actor.id },
    {
      action: 'roll.confirm',
      what: `${month} 的发放花名册`,
      reason: earlier.length > 0 ? `确认时之前月份未确认：${gapText(earlier)}` : null,
      current: roll,
      extra: {
        after: {
          month,
          line_count: roll.line_count,
          total_fen: roll.total_fen,
          ...(earlier.length > 0 ? { earlier_not_confirmed: earlier.map((g) => `${g.month}:${g.status}`) } : {}),
        },
      },
    },
  );
  const done = await loadRoll(ctx, month);
  if (!done) throw notFound('花名册');
  return rollView(ctx, done);
}
