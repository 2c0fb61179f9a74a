// The application workflow up to the county's decision: 申请/受理 -> 入户调查/核对 -> 初审 -> 公示 (异议 ->
// 重新调查 or 民主评议) -> 审核确认. Each step is a case_steps row (date + who) and moves the pending task's deadline
// (working days from the settings, via shared/calendar).
import { ledgerCalendar, actorOf, todayOf, type ServiceContext } from '../kernel';
import type { Category } from '../../../shared/api/cases';
import { LedgerError, rule } from '../../../shared/errors';
import { addDays, addWorkingDays } from '../../../shared/time';
import { label } from '../../../shared/labels';
import { newId, nowIso } from '../ids';
import { currentMembership, livingMembers, loadHousehold, loadPerson } from '../people';
import { addStep, loadCase, moveOn, patchCase } from './caseops';
import { assertEligible, assertNoExclusion, INDIVIDUAL } from './rules';
import { getCaseSettings } from './settings';
import {
  assertAfterStep,
  assertNotFuture,
  assertStepDate,
  currentPublicity,
  latestDated,
  publicityOverFrom,
  stepsOf,
  WORKFLOW_STEPS,
} from './stepdates';
import type { CasesTable } from './tables';

const statusError = (c: CasesTable, doing: string) =>
  rule(`该案件当前为“${label('caseStatus', c.status)}”，不能${doing}`);

function assertNotBefore(d: string, earlier: string | null, what: string, earlierWhat: string): void {
  if (earlier && d < earlier) throw new LedgerError('BAD_INPUT', `${what}（${d}）不能早于${earlierWhat}（${earlier}）`);
}

export interface CreateCaseInput {
  householdId: string;
  category: Category;
  area?: 'urban' | 'rural' | undefined;
  personId?: string | undefined;
  memberIds?: string[] | undefined;
  singlePerson?: boolean | undefined;
  supportMode?: 'centralized' | 'dispersed' | undefined;
  careGrade?: 'full' | 'partial' | 'none' | undefined;
  linshiType?: 'emergency' | 'expenditure' | undefined;
  grantAmountFen?: number | undefined;
  advanceAid?: boolean | undefined;
  band?: string | undefined;
  appliedOn: string;
  acceptedOn?: string | undefined;
  applyReason?: string | null | undefined;
  specialCase?: boolean | undefined;
  kinOfStaff?: boolean | undefined;
  kinNote?: string | null | undefined;
  recheckCycle?: 'yearly' | 'half_yearly' | 'quarterly' | undefined;
}

const careFromSelfCare = { able: 'none', partial: 'partial', unable: 'full' } as const;

export async function createCase(ctx: ServiceContext, input: CreateCaseInput): Promise<string> {
  const actor = actorOf(ctx);
  const today = todayOf(ctx);
  const settings = await getCaseSettings(ctx.db);
  const h = await loadHousehold(ctx, input.householdId);
  if (h.status !== 'active') throw rule('该户已注销，不能申请');
  assertNotFuture(ctx, input.appliedOn, '申请', 'appliedOn');
  const acceptedOn = input.acceptedOn ?? input.appliedOn;
  assertNotFuture(ctx, acceptedOn, '受理', 'acceptedOn');
  assertNotBefore(acceptedOn, input.appliedOn, '受理日期', '申请日期');

  const single = input.category === 'dibao' && input.singlePerson === true;
  const individual = INDIVIDUAL.has(input.category) || single;
  const living = await livingMembers(ctx, h.id);
  let personIds: string[];
  let person = undefined as Awaited<ReturnType<typeof loadPerson>> | undefined;
  if (individual) {
    if (!input.personId)
      throw new LedgerError(
        'BAD_INPUT',
        `${label('caseCategory', input.category)}${single ? '（单人保）' : ''}须选择申请人`,
        { personId: '请选择申请人' },
      );
    person = await loadPerson(ctx, input.personId);
    const m = await currentMembership(ctx, person.id);
    if (!m || m.household_id !== h.id) throw rule(`“${person.name}”不是该户在册成员`);
    if (person.deceased_on) throw rule(`“${person.name}”已死亡`);
    personIds = [person.id];
  } else {
    const livingIds = new Set(living.map((p) => p.id));
    personIds = input.memberIds && input.memberIds.length > 0 ? input.memberIds : [...livingIds];
    const stranger = personIds.find((id) => !livingIds.has(id));
    if (stranger) throw rule('保障对象须是该户在世的在册成员');
    if (personIds.length === 0) throw rule('该户没有在册成员');
    if (input.personId) person = await loadPerson(ctx, input.personId);
  }
  assertEligible(input.category, single, person, today, settings.canjiCareMentalExtension);

  if (input.category === 'tekun' && !input.supportMode)
    throw new LedgerError('BAD_INPUT', '请选择供养方式（集中/分散）', { supportMode: '请选择' });
  if (input.category === 'guer' && !input.supportMode)
    throw new LedgerError('BAD_INPUT', '请选择养育方式（集中养育/社会散居）', { supportMode: '请选择' });
  if (input.category === 'linshi') {
    if (!input.linshiType)
      throw new LedgerError('BAD_INPUT', '请选择临时救助类型（急难型/支出型）', { linshiType: '请选择' });
    if (input.grantAmountFen === undefined)
      throw new LedgerError('BAD_INPUT', '请填写申请救助金额', { grantAmountFen: '请填写' });
    if (input.advanceAid && input.linshiType !== 'emergency')
      throw rule('先行救助只适用于急难型临时救助（民发〔2018〕23号）');
  }
  const month = today.slice(0, 7);
  assertNoExclusion(ctx, { category: input.category, singlePerson: single, householdId: h.id, personIds, month });

  const d = settings.deadlines[input.category];
  // The ledger's calendar: national holidays plus those an administrator entered (设置 → 节假日).
  const cal = await ledgerCalendar(ctx.db);
  const at = nowIso(ctx.now());
  const careGrade =
    input.category === 'tekun'
      ? (input.careGrade ?? (person?.self_care ? careFromSelfCare[person.self_care] : 'none'))
      : null;
  const row: CasesTable = {
    id: newId(),
    household_id: h.id,
    person_id: person?.id ?? h.head_person_id,
    category: input.category,
    area: input.area ?? h.hukou_type,
    single_person: single ? 1 : 0,
    support_mode: input.category === 'tekun' || input.category === 'guer' ? (input.supportMode ?? null) : null,
    care_grade: careGrade,
    linshi_type: input.category === 'linshi' ? (input.linshiType ?? null) : null,
    grant_amount_fen: input.category === 'linshi' ? (input.grantAmountFen ?? null) : null,
    grant_month: null,
    advance_aid: input.category === 'linshi' && input.advanceAid ? 1 : 0,
    paperwork_done_on: null,
    status: 'applied',
    case_no: null,
    applied_on: input.appliedOn,
    accepted_on: acceptedOn,
    decided_on: null,
    start_month: null,
    stop_month: null,
    stop_reason: null,
    monthly_amount_fen: null,
    kin_of_staff: input.kinOfStaff ? 1 : 0,
    kin_note: input.kinNote ?? null,
    recheck_cycle: input.recheckCycle ?? settings.recheck[input.category],
    next_recheck_on: null,
    taper_until_month: null,
    band: input.band ?? null,
    special_case: input.specialCase ? 1 : 0,
    reserve_paid: 0,
    due_task: 'investigate',
    due_on: addWorkingDays(acceptedOn, d.investigateDays, cal),
    overall_due_on: addWorkingDays(acceptedOn, input.specialCase ? d.overallSpecialDays : d.overallDays, cal),
    pending_batch_id: null,
    created_by: actor.id,
    created_at: at,
    updated_at: at,
    version: 1,
  };
  if (!INDIVIDUAL.has(input.category) && !single) row.person_id = h.head_person_id;
  await ctx.db.insertInto('cases').values(row).execute();
  // Covered persons from the application month; approval moves them to the start month.
  await ctx.db
    .insertInto('case_members')
    .values(
      personIds.map((pid) => ({
        id: newId(),
        case_id: row.id,
        person_id: pid,
        start_month: input.appliedOn.slice(0, 7),
        stop_month: null,
        created_at: at,
      })),
    )
    .execute();
  await addStep(ctx, row.id, 'apply', input.appliedOn, input.applyReason ? { reason: input.applyReason } : null);
  await addStep(ctx, row.id, 'accept', acceptedOn, null);
  if (row.kin_of_staff) await addStep(ctx, row.id, 'kin', acceptedOn, { note: row.kin_note });
  await ctx.journal({
    action: 'case.create',
    entity: 'cases',
    entityId: row.id,
    after: {
      household_id: row.household_id,
      person_id: row.person_id,
      category: row.category,
      area: row.area,
      single_person: row.single_person,
      applied_on: row.applied_on,
      accepted_on: row.accepted_on,
      covered: personIds.length,
      kin_of_staff: row.kin_of_staff,
    },
    reason: input.applyReason ?? null,
  });
  return row.id;
}

export async function investigate(
  ctx: ServiceContext,
  input: {
    id: string;
    version: number;
    onDate: string;
    investigators: string[];
    visitNote?: string | null | undefined;
    checkResult: 'pass' | 'fail' | 'pending';
    checkNote?: string | null | undefined;
  },
): Promise<void> {
  const c = await loadCase(ctx, input.id, input.version);
  if (c.status !== 'applied' && c.status !== 'investigating') throw statusError(c, '登记入户调查');
  await assertStepDate(ctx, c.id, input.onDate, '入户调查');
  const names = [...new Set(input.investigators.map((s) => s.trim()).filter(Boolean))];
  if (names.length < 2)
    throw new LedgerError('BAD_INPUT', '入户调查至少需要 2 名不同的调查人员（民发〔2021〕57号第十六条）', {
      investigators: '至少 2 人',
    });
  const d = (await getCaseSettings(ctx.db)).deadlines[c.category];
  await addStep(ctx, c.id, 'investigate', input.onDate, {
    investigators: names,
    visitNote: input.visitNote ?? null,
    checkResult: input.checkResult,
    checkNote: input.checkNote ?? null,
  });
  await patchCase(
    ctx,
    c,
    {
      status: 'investigating',
      due_task: 'preliminary',
      due_on:
        c.status === 'investigating' && c.due_task === 'preliminary'
          ? c.due_on
          : addWorkingDays(c.accepted_on ?? input.onDate, d.townshipDays, await ledgerCalendar(ctx.db)),
    },
    'case.investigate',
  );
}

async function latestStep(ctx: ServiceContext, caseId: string, step: string) {
  const s = await ctx.db
    .selectFrom('case_steps')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('step', '=', step)
    .orderBy('on_date', 'desc')
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return s ? { ...s, data: (s.detail ? JSON.parse(s.detail) : {}) as Record<string, unknown> } : undefined;
}

export async function preliminary(
  ctx: ServiceContext,
  input: {
    id: string;
    version: number;
    onDate: string;
    opinion: 'agree' | 'disagree';
    note?: string | null | undefined;
  },
): Promise<void> {
  const c = await loadCase(ctx, input.id, input.version);
  if (c.status !== 'investigating') throw statusError(c, '初审（请先登记入户调查）');
  const inv = await latestStep(ctx, c.id, 'investigate');
  if (!inv) throw rule('请先登记入户调查');
  await assertStepDate(ctx, c.id, input.onDate, '初审');
  if (inv.data.checkResult === 'pending') throw rule('信息核对结果尚未返回，不能初审；核对结果返回后请重新登记调查');
  const d = (await getCaseSettings(ctx.db)).deadlines[c.category];
  await addStep(ctx, c.id, 'preliminary', input.onDate, { opinion: input.opinion, note: input.note ?? null });
  // 初审不同意: no 公示; the reviewer decides (and will normally refuse with a written notice).
  if (d.publicity && input.opinion === 'agree') {
    await moveOn(ctx, c, 'preliminary', 'publicize', input.onDate, 3, 'case.preliminary');
  } else {
    await moveOn(ctx, c, 'reviewing', 'approve', input.onDate, d.countyDays, 'case.preliminary');
  }
}

/** The last day of a 公示 that starts on `startOn`. */
export function publicityEnds(startOn: string, p: { days: number; working: boolean }): string {
  return p.working ? addWorkingDays(addDays(startOn, -1), p.days) : addDays(startOn, p.days - 1);
}

export async function publicize(
  ctx: ServiceContext,
  input: { id: string; version: number; startOn: string; place?: string | null | undefined },
): Promise<void> {
  const c = await loadCase(ctx, input.id, input.version);
  if (c.status !== 'preliminary') throw statusError(c, '公示');
  const d = (await getCaseSettings(ctx.db)).deadlines[c.category];
  if (!d.publicity) throw rule(`${label('caseCategory', c.category)}不公示`);
  assertNotFuture(ctx, input.startOn, '公示开始', 'startOn');
  assertAfterStep(input.startOn, '公示开始', latestDated(await stepsOf(ctx, c.id, WORKFLOW_STEPS)), 'startOn');
  const endsOn = publicityEnds(input.startOn, d.publicity);
  await addStep(ctx, c.id, 'publicize', input.startOn, {
    endsOn,
    days: d.publicity.days,
    working: d.publicity.working,
    place: input.place ?? null,
  });
  await moveOn(ctx, c, 'publicizing', 'end_publicity', endsOn, 1, 'case.publicize');
}

export async function objection(
  ctx: ServiceContext,
  input: {
    id: string;
    version: number;
    onDate: string;
    content: string;
    resolution: 'reinvestigate' | 'deliberation';
    deliberation?:
      | { onDate: string; participants: number; result: 'agree' | 'disagree'; note?: string | null | undefined }
      | undefined;
  },
): Promise<void> {
  const c = await loadCase(ctx, input.id, input.version);
  if (c.status !== 'publicizing') throw statusError(c, '登记公示异议');
  await assertStepDate(ctx, c.id, input.onDate, '公示异议');
  await addStep(ctx, c.id, 'objection', input.onDate, { content: input.content, resolution: input.resolution });
  if (input.resolution === 'reinvestigate') {
    // S-43 Art 15: re-investigate and give a new 初审意见 within the township limit, then publicise again.
    const d = (await getCaseSettings(ctx.db)).deadlines[c.category];
    await moveOn(ctx, c, 'investigating', 'preliminary', input.onDate, d.townshipDays, 'case.objection');
    return;
  }
  if (!input.deliberation)
    throw new LedgerError('BAD_INPUT', '选择民主评议时请填写评议日期、参加人数和结果', { deliberation: '请填写' });
  assertNotFuture(ctx, input.deliberation.onDate, '民主评议', 'deliberation');
  assertNotBefore(input.deliberation.onDate, input.onDate, '评议日期', '异议日期');
  await addStep(ctx, c.id, 'deliberation', input.deliberation.onDate, {
    participants: input.deliberation.participants,
    result: input.deliberation.result,
    note: input.deliberation.note ?? null,
  });
  await patchCase(ctx, c, {}, 'case.objection', input.content);
}

export async function endPublicity(
  ctx: ServiceContext,
  input: { id: string; version: number; onDate: string },
): Promise<void> {
  const c = await loadCase(ctx, input.id, input.version);
  if (c.status !== 'publicizing') throw statusError(c, '结束公示');
  const pub = await currentPublicity(ctx, c.id);
  const endsOn = pub?.endsOn ?? null;
  // The period first: a date after it that is still in the future is refused as a future date below.
  if (endsOn && input.onDate <= endsOn)
    throw rule(`公示期至 ${endsOn} 止，期满后才能提交审核确认`, { onDate: `${publicityOverFrom(endsOn)} 起` });
  if (endsOn && todayOf(ctx) <= endsOn)
    throw rule(`公示期至 ${endsOn} 止，${publicityOverFrom(endsOn)} 起才能登记公示期满并提交审核确认`, {
      onDate: '公示期未满',
    });
  await assertStepDate(ctx, c.id, input.onDate, '公示期满');
  const d = (await getCaseSettings(ctx.db)).deadlines[c.category];
  await addStep(ctx, c.id, 'end_publicity', input.onDate, null);
  await moveOn(ctx, c, 'reviewing', 'approve', input.onDate, d.countyDays, 'case.end_publicity');
}
