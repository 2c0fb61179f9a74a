// 动态管理 after approval: 复核, 增发/减发 (dated amount rows), 渐退 (<= 6 months), 停止, 近亲属备案 (a member's death:
// lifeevents/deaths.ts). Every change effective in a month passes the month guard.
import { LedgerError, rule } from '../../../shared/errors';
import { label } from '../../../shared/labels';
import { formatYuan } from '../../../shared/money';
import { addMonths, nextMonth } from '../../../shared/time';
import { type ServiceContext, todayOf } from '../kernel';
import {
  addAmountRow,
  addMonthsToDate,
  addStep,
  amountInEffect,
  assertMonthWritable,
  CYCLE_MONTHS,
  loadCase,
  patchCase,
} from './caseops';
import { getCaseSettings } from './settings';
import { assertAfterStep, assertNotFuture, latestDated, stepsOf } from './stepdates';
import type { CasesTable } from './tables';

const yuan = (fen: number) => `${formatYuan(fen)} 元`;

/** A case that is being paid (or will be, until its stop month). */
function assertPaying(c: CasesTable, doing: string): void {
  const paying = (c.status === 'active' || c.status === 'stopped') && c.category !== 'linshi' && c.start_month !== null;
  if (!paying) throw rule(`该案件当前为“${label('caseStatus', c.status)}”，不能${doing}`);
}

function assertWithinPayment(c: CasesTable, month: string, what: string): void {
  if (c.start_month && month < c.start_month) throw rule(`${what}（${month}）不能早于开始发放月份（${c.start_month}）`);
  if (c.stop_month && month >= c.stop_month)
    throw rule(`${what}（${month}）不在发放期内：该案件自 ${c.stop_month} 起停发`);
}

export async function recheck(
  ctx: ServiceContext,
  input: {
    id: string;
    version: number;
    onDate: string;
    result: 'unchanged' | 'change' | 'stop';
    note?: string | null | undefined;
  },
): Promise<void> {
  const c = await loadCase(ctx, input.id, input.version);
  assertPaying(c, '复核');
  // 复核 dates (issue 20): not in the future, not before the decision nor before the previous 复核.
  assertNotFuture(ctx, input.onDate, '复核');
  assertAfterStep(input.onDate, '复核', latestDated(await stepsOf(ctx, c.id, ['approve', 'recheck'])));
  const cycle = c.recheck_cycle;
  await addStep(ctx, c.id, 'recheck', input.onDate, { result: input.result, note: input.note ?? null });
  // A result of 'change' or 'stop' is carried out by cases.changeAmount / cases.stop (a reviewer's decision).
  await patchCase(
    ctx,
    c,
    { next_recheck_on: cycle && input.result !== 'stop' ? addMonthsToDate(input.onDate, CYCLE_MONTHS[cycle]) : null },
    'case.recheck',
    input.note,
  );
}

export async function changeAmount(
  ctx: ServiceContext,
  input: {
    id: string;
    version: number;
    effectiveMonth: string;
    kind: 'increase' | 'decrease' | 'correction';
    baseFen: number;
    supplementFen: number;
    reason: string;
    lockReason?: string | null | undefined;
  },
): Promise<void> {
  const c = await loadCase(ctx, input.id, input.version);
  assertPaying(c, '变更金额');
  assertWithinPayment(c, input.effectiveMonth, '生效月份');
  await assertMonthWritable(ctx, input.effectiveMonth, input.lockReason);
  const current = await amountInEffect(ctx, c.id, input.effectiveMonth);
  const now = current?.amount_fen ?? 0;
  const next = input.baseFen + input.supplementFen;
  if (input.kind === 'increase' && next <= now) throw rule(`增发后的金额（${yuan(next)}）应高于现金额（${yuan(now)}）`);
  if (input.kind === 'decrease' && next >= now) throw rule(`减发后的金额（${yuan(next)}）应低于现金额（${yuan(now)}）`);
  await addStep(ctx, c.id, 'change_amount', `${input.effectiveMonth}-01`, {
    kind: input.kind,
    fromFen: now,
    toFen: next,
    reason: input.reason,
  });
  const latest = await addAmountRow(ctx, c, {
    effectiveMonth: input.effectiveMonth,
    baseFen: input.baseFen,
    supplementFen: input.supplementFen,
    kind: input.kind,
    reason: input.reason,
  });
  await patchCase(
    ctx,
    c,
    { monthly_amount_fen: latest },
    `case.${input.kind}`,
    input.lockReason ? `${input.reason}（更正：${input.lockReason}）` : input.reason,
  );
}

export async function taper(
  ctx: ServiceContext,
  input: {
    id: string;
    version: number;
    fromMonth: string;
    months: number;
    amountFen?: number | undefined;
    reason: string;
    lockReason?: string | null | undefined;
  },
): Promise<void> {
  const c = await loadCase(ctx, input.id, input.version);
  if (c.status !== 'active' || c.category === 'linshi')
    throw rule(`该案件当前为“${label('caseStatus', c.status)}”，不能办理渐退`);
  const max = (await getCaseSettings(ctx.db)).taperMaxMonths;
  if (input.months > max)
    throw rule(`渐退期原则上不超过 ${max} 个月（民发〔2021〕57号第三十三条），本次为 ${input.months} 个月`, {
      months: `不超过 ${max} 个月`,
    });
  assertWithinPayment(c, input.fromMonth, '渐退起始月份');
  await assertMonthWritable(ctx, input.fromMonth, input.lockReason);
  const until = addMonths(input.fromMonth, input.months - 1);
  const stopMonth = nextMonth(until);
  let latest = c.monthly_amount_fen;
  if (input.amountFen !== undefined) {
    const current = await amountInEffect(ctx, c.id, input.fromMonth);
    if (current && input.amountFen > current.amount_fen)
      throw rule(`渐退期金额（${yuan(input.amountFen)}）不能高于现金额（${yuan(current.amount_fen)}）`);
    latest = await addAmountRow(ctx, c, {
      effectiveMonth: input.fromMonth,
      baseFen: input.amountFen,
      supplementFen: 0,
      kind: 'taper',
      reason: input.reason,
    });
  }
  await endMembers(ctx, c.id, stopMonth);
  await addStep(ctx, c.id, 'taper', `${input.fromMonth}-01`, {
    fromMonth: input.fromMonth,
    untilMonth: until,
    stopMonth,
    reason: input.reason,
  });
  await patchCase(
    ctx,
    c,
    {
      status: 'stopped',
      taper_until_month: until,
      stop_month: stopMonth,
      stop_reason: `渐退期满停发：${input.reason}`,
      monthly_amount_fen: latest,
      next_recheck_on: null,
    },
    'case.taper',
    input.lockReason ? `${input.reason}（更正：${input.lockReason}）` : input.reason,
  );
}

async function endMembers(ctx: ServiceContext, caseId: string, stopMonth: string): Promise<void> {
  await ctx.db
    .updateTable('case_members')
    .set({ stop_month: stopMonth })
    .where('case_id', '=', caseId)
    .where((eb) => eb.or([eb('stop_month', 'is', null), eb('stop_month', '>', stopMonth)]))
    .execute();
}

export async function stop(
  ctx: ServiceContext,
  input: { id: string; version: number; stopMonth: string; reason: string; lockReason?: string | null | undefined },
): Promise<void> {
  const c = await loadCase(ctx, input.id, input.version);
  assertPaying(c, '停止');
  if (c.start_month && input.stopMonth < c.start_month)
    throw rule(`停止月份（${input.stopMonth}）不能早于开始发放月份（${c.start_month}）`);
  if (c.stop_month && input.stopMonth > c.stop_month) throw rule(`该案件已定于 ${c.stop_month} 起停发，不能推后`);
  await assertMonthWritable(ctx, input.stopMonth, input.lockReason);
  await endMembers(ctx, c.id, input.stopMonth);
  await addStep(ctx, c.id, 'stop', `${input.stopMonth}-01`, { stopMonth: input.stopMonth, reason: input.reason });
  await patchCase(
    ctx,
    c,
    {
      status: 'stopped',
      stop_month: input.stopMonth,
      stop_reason: input.reason,
      taper_until_month: c.taper_until_month && c.taper_until_month >= input.stopMonth ? null : c.taper_until_month,
      next_recheck_on: null,
      due_task: null,
      due_on: null,
    },
    'case.stop',
    input.lockReason ? `${input.reason}（更正：${input.lockReason}）` : input.reason,
  );
}

export async function setKin(
  ctx: ServiceContext,
  input: { id: string; version: number; kinOfStaff: boolean; kinNote?: string | null | undefined },
): Promise<void> {
  const c = await loadCase(ctx, input.id, input.version);
  if (input.kinOfStaff && !input.kinNote)
    throw new LedgerError('BAD_INPUT', '请注明与哪位工作人员或村(居)委成员是近亲属', { kinNote: '请填写' });
  await addStep(ctx, c.id, 'kin', todayOf(ctx), { kinOfStaff: input.kinOfStaff, note: input.kinNote ?? null });
  await patchCase(ctx, c, { kin_of_staff: input.kinOfStaff ? 1 : 0, kin_note: input.kinNote ?? null }, 'case.kin');
}
