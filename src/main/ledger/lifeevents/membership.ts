// Membership by month: a case covers named persons over dated spans (case_members: start_month <= M < stop_month).
// A member joins (birth, marriage, return …) or leaves (迁出, 分户, 服刑 …) a paying case from the month after the
// event (a setting). The persons count follows the fact at once (rolls and reports count who is covered in each
// month); the amount never changes by itself: the change proposes the amount the standards give with the new
// members, and a reviewer confirms it (a dated amount row) or rejects it with a reason.
import {
  MEMBER_EVENT_LABELS,
  memberAddEvents,
  memberRemoveEvents,
  type MemberChangeView,
  type MemberEventValue,
} from '../../../shared/api/lifeevents';
import { LedgerError, rule } from '../../../shared/errors';
import { label } from '../../../shared/labels';
import { formatYuan } from '../../../shared/money';
import { monthOf, nextMonth } from '../../../shared/time';
import { actorOf, todayOf, loadForEdit, updateVersioned, type ServiceContext } from '../kernel';
import { newId, nowIso } from '../ids';
import {
  addAmountRow,
  addMonthsToDate,
  addStep,
  amountFor,
  amountInEffect,
  assertCoveredIdentified,
  assertMonthWritable,
  loadCase,
  patchCase,
  type CasesTable,
} from '../cases';
import { currentMembership, loadPerson } from '../people';
import { getLifeSettings } from './settings';
import type { MemberChangesTable } from './tables';

const yuan = (fen: number) => `${formatYuan(fen)} 元`;

/** A monthly case that is paid (or will be until its stop month). */
export function isPaying(c: CasesTable, month?: string): boolean {
  if (!((c.status === 'active' || c.status === 'stopped') && c.category !== 'linshi' && c.start_month)) return false;
  return month === undefined || c.stop_month === null || c.stop_month > month;
}

/** Persons a case covers in a month (rows with start_month <= M < stop_month). */
export async function personsCovered(ctx: ServiceContext, caseId: string, month: string): Promise<string[]> {
  const rows = await ctx.db
    .selectFrom('case_members')
    .select('person_id')
    .where('case_id', '=', caseId)
    .where('start_month', '<=', month)
    .where((eb) => eb.or([eb('stop_month', 'is', null), eb('stop_month', '>', month)]))
    .execute();
  return [...new Set(rows.map((r) => r.person_id))];
}

/** The first month a change dated `eventOn` counts in, under the setting. */
export async function effectiveMonthOf(ctx: ServiceContext, eventOn: string): Promise<string> {
  const s = await getLifeSettings(ctx.db);
  return s.memberChangeFrom === 'event_month' ? monthOf(eventOn) : nextMonth(monthOf(eventOn));
}

/**
 * Writes the proposal for a case whose covered persons changed from `month`: the amount the standards give now.
 * Returns the new row's id.
 */
export async function proposeAmount(
  ctx: ServiceContext,
  c: CasesTable,
  change: {
    personId: string;
    kind: 'add' | 'remove';
    event: MemberEventValue;
    eventOn: string;
    month: string;
    personsBefore: number;
    note: string | null;
  },
): Promise<string> {
  const actor = actorOf(ctx);
  const before = await amountInEffect(ctx, c.id, change.month);
  const calc = await amountFor(ctx, c, change.month);
  const after = await personsCovered(ctx, c.id, change.month);
  const at = nowIso(ctx.now());
  const row: MemberChangesTable = {
    id: newId(),
    case_id: c.id,
    household_id: c.household_id,
    person_id: change.personId,
    kind: change.kind,
    event: change.event,
    event_on: change.eventOn,
    reported_on: todayOf(ctx),
    effective_month: change.month,
    persons_before: change.personsBefore,
    persons_after: after.length,
    amount_before_fen: before?.amount_fen ?? 0,
    proposed_fen: calc.amountFen,
    proposed_base_fen: calc.baseFen,
    proposed_supplement_fen: calc.supplementFen,
    explain: calc.explain.join('\n') || null,
    note: change.note,
    status: 'proposed',
    decided_by: null,
    decided_on: null,
    decided_fen: null,
    decision_note: null,
    created_by: actor.id,
    created_at: at,
    updated_at: at,
    version: 1,
  };
  await ctx.db.insertInto('member_changes').values(row).execute();
  await ctx.journal({
    action: `member_change.${change.kind}`,
    entity: 'member_changes',
    entityId: row.id,
    after: {
      case_id: c.id,
      person_id: change.personId,
      event: change.event,
      event_on: change.eventOn,
      effective_month: change.month,
      persons_before: row.persons_before,
      persons_after: row.persons_after,
      amount_before_fen: row.amount_before_fen,
      proposed_fen: row.proposed_fen,
    },
    reason: change.note,
  });
  return row.id;
}

export async function changeMember(
  ctx: ServiceContext,
  input: {
    caseId: string;
    personId: string;
    kind: 'add' | 'remove';
    event: MemberEventValue;
    eventOn: string;
    note?: string | null | undefined;
    lockReason?: string | null | undefined;
  },
): Promise<string> {
  const c = await loadCase(ctx, input.caseId);
  const p = await loadPerson(ctx, input.personId);
  const today = todayOf(ctx);
  if (input.eventOn > today) throw new LedgerError('BAD_INPUT', '事件日期不能晚于今天', { eventOn: '不能晚于今天' });
  if (!isPaying(c)) throw rule(`该案件当前为“${label('caseStatus', c.status)}”，不在发放中，不能办理成员增减`);
  let month = await effectiveMonthOf(ctx, input.eventOn);
  if (c.start_month && month < c.start_month) month = c.start_month;
  if (c.stop_month && month >= c.stop_month)
    throw rule(`该案件自 ${c.stop_month} 起停发，成员变动（${month} 起）不再影响发放`);
  await assertMonthWritable(ctx, month, input.lockReason);
  const covered = await personsCovered(ctx, c.id, month);
  const eventLabel = MEMBER_EVENT_LABELS[input.event];
  if (input.kind === 'add') {
    if (!(memberAddEvents as readonly string[]).includes(input.event))
      throw new LedgerError('BAD_INPUT', `“${eventLabel}”不是增加成员的事由`, {
        event: '请选择出生、收养、结婚迁入、回户等',
      });
    if (p.deceased_on) throw rule(`“${p.name}”已登记死亡，不能纳入保障`);
    const m = await currentMembership(ctx, p.id);
    if (!m || m.household_id !== c.household_id)
      throw rule(`“${p.name}”不是该户在册成员：请先在户页面“添加成员”（出生、结婚迁入等）后再纳入保障`);
    if (covered.includes(p.id)) throw rule(`“${p.name}”在 ${month} 已在该案件保障范围内`);
    await ctx.db
      .insertInto('case_members')
      .values({
        id: newId(),
        case_id: c.id,
        person_id: p.id,
        start_month: month,
        stop_month: c.stop_month,
        created_at: nowIso(ctx.now()),
      })
      .execute();
    // Issue 20: a person joins a paying case's coverage only with a checked ID number or a reviewer's exception.
    await assertCoveredIdentified(ctx, c.id, '纳入保障', [p.id]);
  } else {
    if (input.event === 'death') throw rule('成员死亡请用“死亡登记”办理（会同时处理停发、多发追回和户主变更）');
    if (!(memberRemoveEvents as readonly string[]).includes(input.event))
      throw new LedgerError('BAD_INPUT', `“${eventLabel}”不是减少成员的事由`, { event: '请选择迁出、分户、服刑等' });
    if (!covered.includes(p.id)) throw rule(`“${p.name}”在 ${month} 不在该案件保障范围内`);
    if (covered.length === 1)
      throw rule(`“${p.name}”是该案件唯一的保障对象：减少后无人可保，请由审核人办理停止（${eventLabel}）`);
    await endCoverage(ctx, c.id, p.id, month);
  }
  await addStep(ctx, c.id, input.kind === 'add' ? 'member_add' : 'member_remove', input.eventOn, {
    personId: p.id,
    name: p.name,
    event: input.event,
    effectiveMonth: month,
  });
  const id = await proposeAmount(ctx, c, {
    personId: p.id,
    kind: input.kind,
    event: input.event,
    eventOn: input.eventOn,
    month,
    personsBefore: covered.length,
    note:
      [input.note ?? null, input.lockReason ? `更正：${input.lockReason}` : null].filter(Boolean).join('；') || null,
  });
  return id;
}

/** Ends a person's coverage of a case from `month` (rows that start later are ended where they start). */
export async function endCoverage(ctx: ServiceContext, caseId: string, personId: string, month: string): Promise<void> {
  const rows = await ctx.db
    .selectFrom('case_members')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('person_id', '=', personId)
    .where((eb) => eb.or([eb('stop_month', 'is', null), eb('stop_month', '>', month)]))
    .execute();
  for (const r of rows) {
    await ctx.db
      .updateTable('case_members')
      .set({ stop_month: r.start_month > month ? r.start_month : month })
      .where('id', '=', r.id)
      .execute();
  }
}

const loadChange = (ctx: ServiceContext, id: string, version?: number): Promise<MemberChangesTable> =>
  loadForEdit(ctx, 'member_changes', id, version, '该成员变动记录');

/**
 * The reviewer's decision. Confirm: the proposed amount (or another with a reason) becomes a dated amount row from
 * the change's month (增发/减发). Reject: the amount stays, with the reason. The maker never decides.
 */
export async function decideChange(
  ctx: ServiceContext,
  input: {
    id: string;
    version: number;
    decision: 'confirm' | 'reject';
    amountFen?: number | undefined;
    note?: string | null | undefined;
    lockReason?: string | null | undefined;
  },
): Promise<void> {
  const actor = actorOf(ctx);
  const r = await loadChange(ctx, input.id, input.version);
  if (r.status !== 'proposed') throw rule('该成员变动已处理');
  if (r.created_by === actor.id) throw rule('成员变动的金额须由登记人以外的审核人确认（经办与审核分离）');
  const c = await loadCase(ctx, r.case_id);
  const today = todayOf(ctx);
  let decided: number | null = null;
  if (input.decision === 'reject') {
    if (!input.note?.trim()) throw new LedgerError('BAD_INPUT', '不同意调整金额，请填写原因', { note: '请填写原因' });
  } else {
    const amount = input.amountFen ?? r.proposed_fen;
    if (amount !== r.proposed_fen && !input.note?.trim())
      throw new LedgerError('BAD_INPUT', '确认金额与测算金额不同，请填写原因', { note: '请填写原因' });
    if (amount > r.proposed_fen)
      throw rule(`确认金额 ${yuan(amount)} 高于按标准测算的 ${yuan(r.proposed_fen)}，不能高于标准`, {
        amountFen: '超过标准',
      });
    if (!isPaying(c, r.effective_month)) throw rule(`该案件自 ${c.stop_month ?? ''} 起已停发，无需调整金额`);
    await assertMonthWritable(ctx, r.effective_month, input.lockReason);
    const current = await amountInEffect(ctx, c.id, r.effective_month);
    const now = current?.amount_fen ?? 0;
    decided = amount;
    if (amount !== now) {
      const supplement = Math.min(r.proposed_supplement_fen, amount);
      const reasonText = `成员变动（${MEMBER_EVENT_LABELS[r.event as MemberEventValue]}）：保障人数 ${r.persons_before} → ${r.persons_after}${input.note ? `；${input.note}` : ''}`;
      await addStep(ctx, c.id, 'change_amount', `${r.effective_month}-01`, {
        kind: amount > now ? 'increase' : 'decrease',
        fromFen: now,
        toFen: amount,
        reason: reasonText,
      });
      const latest = await addAmountRow(ctx, c, {
        effectiveMonth: r.effective_month,
        baseFen: amount - supplement,
        supplementFen: supplement,
        kind: amount > now ? 'increase' : 'decrease',
        reason: reasonText,
      });
      await patchCase(
        ctx,
        c,
        { monthly_amount_fen: latest },
        amount > now ? 'case.increase' : 'case.decrease',
        input.lockReason ?? reasonText,
      );
    }
  }
  const status = input.decision === 'confirm' ? 'confirmed' : 'rejected';
  await updateVersioned(
    ctx,
    'member_changes',
    r.id,
    input.version,
    { status, decided_by: actor.id, decided_on: today, decided_fen: decided, decision_note: input.note ?? null },
    {
      action: `member_change.${input.decision}`,
      what: '该成员变动记录',
      current: r,
      reason: input.note ?? null,
      entry: { before: { status: 'proposed' }, after: { status, decided_fen: decided } },
    },
  );
}

export async function listChanges(
  ctx: ServiceContext,
  input: { status?: 'proposed' | 'confirmed' | 'rejected' | undefined; caseId?: string | undefined },
): Promise<MemberChangeView[]> {
  let q = ctx.db
    .selectFrom('member_changes as mc')
    .innerJoin('cases as c', 'c.id', 'mc.case_id')
    .innerJoin('people as p', 'p.id', 'mc.person_id')
    .innerJoin('households as h', 'h.id', 'mc.household_id')
    .leftJoin('people as hp', 'hp.id', 'h.head_person_id')
    .leftJoin('users as u', 'u.id', 'mc.decided_by')
    .selectAll('mc')
    .select([
      'c.case_no',
      'c.category',
      'p.name as person_name',
      'hp.name as head_name',
      'u.display_name as decided_by_name',
    ]);
  if (input.status) q = q.where('mc.status', '=', input.status);
  if (input.caseId) q = q.where('mc.case_id', '=', input.caseId);
  const rows = await q.orderBy('mc.created_at', 'desc').limit(500).execute();
  return rows.map((r) => ({
    id: r.id,
    caseId: r.case_id,
    caseNo: r.case_no,
    category: r.category,
    householdId: r.household_id,
    headName: r.head_name,
    personId: r.person_id,
    personName: r.person_name,
    kind: r.kind,
    event: r.event,
    eventOn: r.event_on,
    reportedOn: r.reported_on,
    lateReport: r.reported_on > addMonthsToDate(r.event_on, 3),
    effectiveMonth: r.effective_month,
    personsBefore: r.persons_before,
    personsAfter: r.persons_after,
    amountBeforeFen: r.amount_before_fen,
    proposedFen: r.proposed_fen,
    explain: r.explain,
    note: r.note,
    status: r.status,
    decidedByName: r.decided_by_name,
    decidedOn: r.decided_on,
    decidedFen: r.decided_fen,
    decisionNote: r.decision_note,
    version: r.version,
  }));
}
