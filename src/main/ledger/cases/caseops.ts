// The building blocks every case write uses: load with a version check, patch (version + 1, journalled with the
// changed fields only), record a workflow step, the month guard, and the facts an amount is computed from.
import type { AmountCalc, RecheckCycle } from '../../../shared/api/cases';
import { LedgerError } from '../../../shared/errors';
import { addMonths, daysInMonth, monthText } from '../../../shared/time';
import { ledgerWorkingDays, actorOf, loadForEdit, updateVersioned, type ServiceContext } from '../kernel';
import { newId, nowIso } from '../ids';
import { assertMonthsOpenFrom } from '../periods';
import { livingMembers } from '../people';
import { computeAmount } from './amounts';
import { getCaseSettings, listStandards } from './settings';
import type { CasesTable, PeopleTable } from './tables';

export const loadCase = (ctx: ServiceContext, id: string, version?: number): Promise<CasesTable> =>
  loadForEdit(ctx, 'cases', id, version, '该案件');

/** Updates a case (optimistic: the version it was loaded with) and journals the changed fields. */
export async function patchCase(
  ctx: ServiceContext,
  c: CasesTable,
  patch: Partial<CasesTable>,
  action: string,
  reason?: string | null,
): Promise<CasesTable> {
  return updateVersioned(ctx, 'cases', c.id, c.version, patch, { action, what: '该案件', reason, current: c });
}

/** Moves a case on to `status`, its next task due `days` working days after `from` (this ledger's calendar). */
export async function moveOn(
  ctx: ServiceContext,
  c: CasesTable,
  status: CasesTable['status'],
  task: NonNullable<CasesTable['due_task']>,
  from: string,
  days: number,
  action: string,
): Promise<CasesTable> {
  return patchCase(ctx, c, { status, due_task: task, due_on: await ledgerWorkingDays(ctx.db, from, days) }, action);
}

export async function addStep(
  ctx: ServiceContext,
  caseId: string,
  step: string,
  onDate: string,
  detail?: Record<string, unknown> | null,
): Promise<void> {
  const actor = actorOf(ctx);
  await ctx.db
    .insertInto('case_steps')
    .values({
      id: newId(),
      case_id: caseId,
      step,
      on_date: onDate,
      actor_id: actor.id,
      actor_name: actor.name,
      detail: detail ? JSON.stringify(detail) : null,
      created_at: nowIso(ctx.now()),
    })
    .execute();
}

/**
 * The one guard for writes effective from `fromMonth` on: a final (locked) report month (issue 4's
 * assertMonthsOpenFrom) and a confirmed payment roll both need a correction reason; the reason is journalled by the
 * caller. A confirmed roll itself never changes: the difference is paid or recovered in a later month.
 */
export async function assertMonthWritable(
  ctx: ServiceContext,
  fromMonth: string,
  lockReason: string | null | undefined,
): Promise<void> {
  await assertMonthsOpenFrom(ctx.db, fromMonth, lockReason);
  const confirmed = await ctx.db
    .selectFrom('payment_rolls')
    .select('month')
    .where('status', '=', 'confirmed')
    .where('month', '>=', fromMonth)
    .orderBy('month')
    .executeTakeFirst();
  if (confirmed && !lockReason?.trim()) {
    throw new LedgerError(
      'CONFLICT',
      `${monthText(confirmed.month)}的发放花名册已确认锁定，本次变更自 ${monthText(fromMonth)} 起生效，涉及已确认月份：请填写更正原因（已确认的花名册不变，差额在以后月份补发或追回）`,
      { lockReason: '涉及已确认花名册的月份，须填写更正原因' },
    );
  }
}

/** The same day n months later (clamped to the month's last day). */
export function addMonthsToDate(date: string, n: number): string {
  const m = addMonths(date.slice(0, 7), n);
  const last = daysInMonth(Number(m.slice(0, 4)), Number(m.slice(5, 7)));
  return `${m}-${String(Math.min(Number(date.slice(8, 10)), last)).padStart(2, '0')}`;
}

export const CYCLE_MONTHS: Record<RecheckCycle, number> = { yearly: 12, half_yearly: 6, quarterly: 3 };

/** People a case covers in a month (living members with an open case_members row). */
export async function coveredInMonth(ctx: ServiceContext, caseId: string, month: string): Promise<PeopleTable[]> {
  return ctx.db
    .selectFrom('case_members as m')
    .innerJoin('people as p', 'p.id', 'm.person_id')
    .selectAll('p')
    .where('m.case_id', '=', caseId)
    .where((eb) => eb.or([eb('m.stop_month', 'is', null), eb('m.stop_month', '>', month)]))
    .execute();
}

/** The amount the standards give a case in a month (nothing written). */
export async function amountFor(ctx: ServiceContext, c: CasesTable, month: string): Promise<AmountCalc> {
  const h = await ctx.db
    .selectFrom('households')
    .select('annual_income_fen')
    .where('id', '=', c.household_id)
    .executeTakeFirstOrThrow();
  const living = await livingMembers(ctx, c.household_id);
  const covered = (await coveredInMonth(ctx, c.id, month)).filter(
    (p) => !p.deceased_on || p.deceased_on.slice(0, 7) >= month,
  );
  return computeAmount({
    kase: c,
    covered,
    householdAnnualIncomeFen: h.annual_income_fen,
    householdSize: living.length,
    standards: await listStandards(ctx.db),
    settings: await getCaseSettings(ctx.db),
    month,
  });
}

/** A case's amount rows, the one in effect first: greatest effective_month, then latest entered (ties by id). */
const amountsNewestFirst = (ctx: ServiceContext, caseId: string) =>
  ctx.db
    .selectFrom('case_amounts')
    .where('case_id', '=', caseId)
    .orderBy('effective_month', 'desc')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1);

/** The amount row in effect for a month (greatest effective_month <= month, latest entered). */
export async function amountInEffect(ctx: ServiceContext, caseId: string, month: string) {
  return amountsNewestFirst(ctx, caseId).selectAll().where('effective_month', '<=', month).executeTakeFirst();
}

/** Inserts a dated amount row and keeps cases.monthly_amount_fen = the latest row's amount. */
export async function addAmountRow(
  ctx: ServiceContext,
  c: CasesTable,
  row: {
    effectiveMonth: string;
    baseFen: number;
    supplementFen: number;
    kind: 'initial' | 'increase' | 'decrease' | 'taper' | 'standard' | 'correction';
    reason: string | null;
  },
): Promise<number> {
  const actor = actorOf(ctx);
  const amount = row.baseFen + row.supplementFen;
  const id = newId();
  await ctx.db
    .insertInto('case_amounts')
    .values({
      id,
      case_id: c.id,
      effective_month: row.effectiveMonth,
      amount_fen: amount,
      base_fen: row.baseFen,
      supplement_fen: row.supplementFen,
      kind: row.kind,
      reason: row.reason,
      created_by: actor.id,
      created_at: nowIso(ctx.now()),
    })
    .execute();
  await ctx.journal({
    action: `case.amount_${row.kind}`,
    entity: 'case_amounts',
    entityId: id,
    after: {
      case_id: c.id,
      effective_month: row.effectiveMonth,
      amount_fen: amount,
      base_fen: row.baseFen,
      supplement_fen: row.supplementFen,
    },
    reason: row.reason,
  });
  const latest = await amountsNewestFirst(ctx, c.id).select('amount_fen').executeTakeFirstOrThrow();
  return latest.amount_fen;
}
