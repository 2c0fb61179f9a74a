// Plain-data views of cases for the pages: list rows and the case page (members, amounts, steps, next actions).
import type { CaseDetail, CaseRow, Category, DueTask, Page, StepView } from '../../../shared/api/cases';
import { notFound } from '../../../shared/errors';
import { todayOf, countOf, rowOf, rowsOf, type ServiceContext } from '../kernel';
import { personMatch } from '../people';
import { missingStandard } from './amounts';
import { unidentifiedCovered } from './identity';
import { listStandards, standardFor } from './settings';
import { currentPublicity, publicityOverFrom, STEP_LABELS } from './stepdates';
import type { CasesTable } from './tables';

type CaseJoined = CasesTable & { name: string | null; village: string; covered: number };

const BASE_SQL = `SELECT c.*, coalesce(pp.name, hp.name) AS name, v.name AS village,
  (SELECT count(*) FROM case_members m WHERE m.case_id = c.id AND (m.stop_month IS NULL OR m.stop_month > @month)) AS covered
  FROM cases c JOIN households h ON h.id = c.household_id JOIN villages v ON v.id = h.village_id
  LEFT JOIN people pp ON pp.id = c.person_id LEFT JOIN people hp ON hp.id = h.head_person_id`;

export function caseRow(c: CaseJoined): CaseRow {
  return {
    id: c.id,
    householdId: c.household_id,
    personId: c.person_id,
    name: c.name,
    villageName: c.village,
    category: c.category,
    area: c.area,
    singlePerson: c.single_person === 1,
    status: c.status,
    caseNo: c.case_no,
    appliedOn: c.applied_on,
    startMonth: c.start_month,
    stopMonth: c.stop_month,
    monthlyAmountFen: c.monthly_amount_fen,
    grantAmountFen: c.grant_amount_fen,
    coveredPersons: c.covered,
    kinOfStaff: c.kin_of_staff === 1,
    dueTask: c.due_task as DueTask | null,
    dueOn: c.due_on,
    nextRecheckOn: c.next_recheck_on,
    pendingBatchId: c.pending_batch_id ?? null,
  };
}

export async function caseRowsWhere(ctx: ServiceContext, f: { householdId: string }): Promise<CaseRow[]> {
  const rows = rowsOf<CaseJoined>(
    ctx.ledger.raw,
    `${BASE_SQL} WHERE c.household_id = @hh ORDER BY c.applied_on DESC, c.id DESC`,
    { hh: f.householdId, month: todayOf(ctx).slice(0, 7) },
  );
  return rows.map(caseRow);
}

export interface CaseListInput {
  q?: string | undefined;
  villageId?: string | undefined;
  category?: Category | undefined;
  status?: CasesTable['status'] | undefined;
  inPaymentMonth?: string | undefined;
  kinOnly?: boolean | undefined;
  offset: number;
  limit: number;
}

export function listCases(ctx: ServiceContext, input: CaseListInput): Page<CaseRow & { kinNote: string | null }> {
  const params: Record<string, string | number> = { month: todayOf(ctx).slice(0, 7) };
  const where: string[] = [];
  if (input.q) {
    const m = personMatch(input.q);
    params.q = m.param;
    where.push(
      `(c.person_id IN (SELECT p.id FROM people p WHERE ${m.sql}) OR c.household_id IN (SELECT hm.household_id FROM household_members hm JOIN people p ON p.id = hm.person_id WHERE hm.left_on IS NULL AND ${m.sql}))`,
    );
  }
  if (input.villageId) {
    params.village = input.villageId;
    where.push('h.village_id = @village');
  }
  if (input.category) {
    params.category = input.category;
    where.push('c.category = @category');
  }
  if (input.status) {
    params.status = input.status;
    where.push('c.status = @status');
  }
  if (input.inPaymentMonth) {
    params.pm = input.inPaymentMonth;
    where.push(
      `c.status IN ('active','stopped') AND c.start_month <= @pm AND (c.stop_month IS NULL OR c.stop_month > @pm)`,
    );
  }
  if (input.kinOnly) where.push('c.kin_of_staff = 1');
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const raw = ctx.ledger.raw;
  const total = countOf(
    raw,
    `SELECT count(*) FROM cases c JOIN households h ON h.id = c.household_id ${whereSql}`,
    params,
  );
  const rows = rowsOf<CaseJoined>(
    raw,
    `${BASE_SQL} ${whereSql} ORDER BY v.sort_order, c.applied_on DESC, c.id LIMIT @limit OFFSET @offset`,
    { ...params, limit: input.limit, offset: input.offset },
  );
  return { total, rows: rows.map((r) => ({ ...caseRow(r), kinNote: r.kin_note })) };
}

export async function caseDetail(ctx: ServiceContext, id: string): Promise<CaseDetail> {
  const c = rowOf<CaseJoined>(ctx.ledger.raw, `${BASE_SQL} WHERE c.id = @id`, { id, month: todayOf(ctx).slice(0, 7) });
  if (!c) throw notFound('该案件');
  const members = await ctx.db
    .selectFrom('case_members as m')
    .innerJoin('people as p', 'p.id', 'm.person_id')
    .select(['m.person_id', 'p.name', 'm.start_month', 'm.stop_month'])
    .where('m.case_id', '=', id)
    .orderBy('m.created_at')
    .execute();
  const amounts = await ctx.db
    .selectFrom('case_amounts')
    .selectAll()
    .where('case_id', '=', id)
    .orderBy('effective_month')
    .orderBy('created_at')
    .execute();
  const steps = await ctx.db
    .selectFrom('case_steps')
    .selectAll()
    .where('case_id', '=', id)
    .orderBy('on_date')
    .orderBy('created_at')
    .execute();
  const creator = await ctx.db
    .selectFrom('users')
    .select('display_name')
    .where('id', '=', c.created_by)
    .executeTakeFirst();
  const publicity = await currentPublicity(ctx, id);
  const unidentified = await unidentifiedCovered(ctx, id);
  const actions = actionsFor(ctx, c);
  const reviewer = ctx.actor?.role === 'reviewer' || ctx.actor?.role === 'admin';
  if (reviewer && unidentified.length > 0 && c.status !== 'rejected' && c.status !== 'withdrawn')
    actions.push('idException');
  // 受理 without a standard for the category (issue 20): say so at once, not first at the reviewer's approval.
  const warnings: string[] = [];
  if (['applied', 'investigating', 'preliminary', 'publicizing', 'reviewing'].includes(c.status)) {
    const month = todayOf(ctx).slice(0, 7);
    const category = c.category === 'linshi' ? 'dibao' : c.category;
    if (!standardFor(await listStandards(ctx.db), category, c.area, month))
      warnings.push(missingStandard({ kase: c, month }, category).message);
  }
  const notYet: Record<string, string> = {};
  if (actions.includes('endPublicity') && publicity && !publicity.endedOn) {
    const from = publicityOverFrom(publicity.endsOn);
    if (todayOf(ctx) < from) notYet.endPublicity = `公示期至 ${publicity.endsOn} 止，${from} 起可登记公示期满`;
  }
  return {
    ...caseRow(c),
    supportMode: c.support_mode,
    careGrade: c.care_grade,
    linshiType: c.linshi_type,
    advanceAid: c.advance_aid === 1,
    reservePaid: c.reserve_paid === 1,
    paperworkDoneOn: c.paperwork_done_on,
    band: c.band,
    specialCase: c.special_case === 1,
    acceptedOn: c.accepted_on,
    decidedOn: c.decided_on,
    stopReason: c.stop_reason,
    taperUntilMonth: c.taper_until_month,
    kinNote: c.kin_note,
    recheckCycle: c.recheck_cycle,
    overallDueOn: c.overall_due_on,
    createdById: c.created_by,
    createdByName: creator?.display_name ?? '',
    members: members.map((m) => ({
      personId: m.person_id,
      name: m.name,
      startMonth: m.start_month,
      stopMonth: m.stop_month,
    })),
    amounts: amounts.map((a) => ({
      id: a.id,
      effectiveMonth: a.effective_month,
      amountFen: a.amount_fen,
      baseFen: a.base_fen,
      supplementFen: a.supplement_fen,
      kind: a.kind,
      reason: a.reason,
      createdAt: a.created_at,
    })),
    steps: steps.map((s): StepView => ({
      id: s.id,
      step: s.step,
      label: STEP_LABELS[s.step] ?? s.step,
      onDate: s.on_date,
      actorName: s.actor_name,
      detail: s.detail ? (JSON.parse(s.detail) as Record<string, unknown>) : null,
    })),
    actions,
    notYet,
    publicity,
    unidentified,
    warnings,
    version: c.version,
  };
}

/** What the caller may do next, by status and role (maker-checker: the case's creator never approves it). */
function actionsFor(ctx: ServiceContext, c: CasesTable): string[] {
  const role = ctx.actor?.role ?? 'clerk';
  const reviewer = role === 'reviewer' || role === 'admin';
  const out: string[] = [];
  const month = todayOf(ctx).slice(0, 7);
  // A case of an import batch waiting for its reviewer (导入待确认) is decided with the batch, not on its own.
  if (c.pending_batch_id) return out;
  switch (c.status) {
    case 'applied':
      if (c.category === 'linshi' && c.advance_aid === 1) out.push('grantAdvance');
      out.push('investigate', 'withdraw');
      break;
    case 'investigating':
      out.push('investigate', 'preliminary', 'withdraw');
      break;
    case 'preliminary':
      out.push('publicize', 'withdraw');
      break;
    case 'publicizing':
      out.push('objection', 'endPublicity', 'withdraw');
      break;
    case 'reviewing':
      if (reviewer && ctx.actor?.id !== c.created_by) out.push('approve', 'reject');
      out.push('withdraw');
      break;
    case 'active':
      if (c.category === 'linshi') {
        if (c.advance_aid === 1 && !c.paperwork_done_on) out.push('completePaperwork');
        break;
      }
      out.push('recheck');
      if (reviewer) out.push('changeAmount', 'taper', 'stop');
      break;
    case 'stopped':
      if (c.stop_month && c.stop_month > month && reviewer) out.push('stop');
      break;
    default:
      break;
  }
  out.push('setKin');
  return out;
}
