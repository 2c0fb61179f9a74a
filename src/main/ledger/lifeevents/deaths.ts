// A death reaches the money. Recording it (date and source: family, 殡葬/公安 list, visit, 比对):
// - ends the person's coverage from the month after the death (自死亡次月起停发, the default; a setting);
// - stops by itself, with reason 死亡, a case whose last covered person died (or an individual case of that person);
// - proposes the new amount to a reviewer for a case that goes on with fewer persons;
// - regenerates draft (unconfirmed) rolls at once, so they no longer pay the person;
// - where confirmed rolls already paid months from the stop month on, computes the overpayment (paid minus what the
//   remaining members were due by the standards) and opens it for recovery (追回登记);
// - records 惠民殡葬 relief (per the local setting) and 丧葬 handling;
// - chooses a new head where the head died (the one named, else the spouse, else the eldest living member);
// - starts the 3-month re-check deadline for the remaining household (S-兜底 §1(3)).
import { DEATH_SOURCE_LABELS, type DeathResult, type DeathSourceValue } from '../../../shared/api/lifeevents';
import { LedgerError, rule } from '../../../shared/errors';
import { label } from '../../../shared/labels';
import { formatYuan } from '../../../shared/money';
import { monthOf, nextMonth } from '../../../shared/time';
import { actorOf, todayOf, insertVersioned, updateLoaded, type ServiceContext } from '../kernel';
import { newId, nowIso } from '../ids';
import {
  addMonthsToDate,
  addStep,
  amountFor,
  generateRoll,
  getCaseSettings,
  INDIVIDUAL,
  loadCase,
  patchCase,
  type CasesTable,
  type PeopleTable,
} from '../cases';
import { assertMonthsOpenFrom } from '../periods';
import { currentMembership, livingMembers, loadPerson } from '../people';
import { endCoverage, isPaying, personsCovered, proposeAmount } from './membership';
import { getLifeSettings } from './settings';

const yuan = (fen: number) => `${formatYuan(fen)} 元`;

export interface DeathInput {
  personId: string;
  version?: number | undefined;
  diedOn: string;
  source: DeathSourceValue;
  sourceRef?: string | null | undefined;
  newHeadPersonId?: string | null | undefined;
  funeralHandler?: string | null | undefined;
  funeralFeeFen?: number | null | undefined;
  reliefFen?: number | null | undefined;
  reliefNote?: string | null | undefined;
  lockReason?: string | null | undefined;
}

/** The first month a death no longer pays, under the setting. */
export async function deathStopMonth(ctx: ServiceContext, diedOn: string): Promise<string> {
  const s = await getLifeSettings(ctx.db);
  return s.deathStopFrom === 'death_month' ? monthOf(diedOn) : nextMonth(monthOf(diedOn));
}

export async function recordDeath(ctx: ServiceContext, input: DeathInput): Promise<DeathResult> {
  const p = await loadPerson(ctx, input.personId, input.version);
  if (p.deceased_on) throw rule(`“${p.name}”已登记于 ${p.deceased_on} 死亡`);
  if (input.diedOn > todayOf(ctx))
    throw new LedgerError('BAD_INPUT', '死亡日期不能晚于今天', { diedOn: '不能晚于今天' });
  if (p.birth_date && input.diedOn < p.birth_date)
    throw new LedgerError('BAD_INPUT', '死亡日期不能早于出生日期', { diedOn: '早于出生日期' });
  const stopFrom = await deathStopMonth(ctx, input.diedOn);
  await assertMonthsOpenFrom(ctx.db, stopFrom, input.lockReason);
  const life = await getLifeSettings(ctx.db);
  const at = nowIso(ctx.now());
  const actor = actorOf(ctx);

  // The cases that cover the person in the death month or later.
  const cases = await ctx.db
    .selectFrom('cases as c')
    .innerJoin('case_members as cm', 'cm.case_id', 'c.id')
    .selectAll('c')
    .distinct()
    .where('cm.person_id', '=', p.id)
    .where((eb) => eb.or([eb('cm.stop_month', 'is', null), eb('cm.stop_month', '>', stopFrom)]))
    .where('c.status', 'not in', ['rejected', 'withdrawn'])
    .execute();

  // 惠民殡葬: recorded for recipients of the categories in the local setting.
  if (input.reliefFen) {
    if (!life.funeralRelief.enabled) throw rule('本地未启用惠民殡葬减免登记（设置 → 生活事件）');
    const eligible = cases.some(
      (c) => life.funeralRelief.categories.includes(c.category) && isPaying(c, monthOf(input.diedOn)),
    );
    if (!eligible)
      throw rule(
        `惠民殡葬减免限于${life.funeralRelief.categories.map((k) => label('caseCategory', k as never)).join('、')}对象：“${p.name}”死亡时不在保障中`,
        { reliefFen: '不符合减免对象' },
      );
    if (life.funeralRelief.maxFen > 0 && input.reliefFen > life.funeralRelief.maxFen)
      throw rule(`惠民殡葬减免 ${yuan(input.reliefFen)} 超过本地上限 ${yuan(life.funeralRelief.maxFen)}`, {
        reliefFen: '超过上限',
      });
  }

  await updateLoaded(
    ctx,
    'people',
    p,
    { deceased_on: input.diedOn },
    {
      action: 'person.death',
      what: `“${p.name}”`,
      reason: DEATH_SOURCE_LABELS[input.source],
      at,
      entry: {
        before: { deceased_on: null },
        after: { deceased_on: input.diedOn, source: input.source, source_ref: input.sourceRef ?? null },
      },
    },
  );

  // The household: the person leaves it; a new head where the head died.
  const m = await currentMembership(ctx, p.id);
  let newHead: PeopleTable | null = null;
  if (m) {
    await updateLoaded(
      ctx,
      'household_members',
      m,
      { left_on: input.diedOn, left_reason: '死亡' },
      {
        action: 'household.member_leave',
        what: `“${p.name}”的户成员记录`,
        reason: '死亡',
        at,
        entry: { after: { household_id: m.household_id, person_id: p.id, name: p.name, left_on: input.diedOn } },
      },
    );
    newHead = await replaceHead(ctx, m.household_id, p, input.newHeadPersonId ?? null);
  } else if (input.newHeadPersonId) {
    throw rule(`“${p.name}”不在任何户中，无需变更户主`);
  }
  const remaining = m ? await livingMembers(ctx, m.household_id) : [];
  const caseSettings = await getCaseSettings(ctx.db);
  const recheckDueOn = remaining.length > 0 ? addMonthsToDate(input.diedOn, caseSettings.deathRecheckMonths) : null;

  const result: DeathResult = {
    deathId: newId(),
    affectedCaseIds: [],
    stoppedCaseIds: [],
    proposalIds: [],
    overpayments: [],
    regeneratedRolls: [],
    newHeadPersonId: newHead?.id ?? null,
    recheckDueOn,
  };
  await insertVersioned(
    ctx,
    'deaths',
    {
      id: result.deathId,
      person_id: p.id,
      died_on: input.diedOn,
      source: input.source,
      source_ref: input.sourceRef ?? null,
      reported_on: todayOf(ctx),
      household_id: m?.household_id ?? null,
      recheck_due_on: recheckDueOn,
      funeral_handler: input.funeralHandler ?? null,
      funeral_fee_fen: input.funeralFeeFen ?? null,
      relief_fen: input.reliefFen ?? null,
      relief_note: input.reliefNote ?? null,
      created_by: actor.id,
    },
    {
      action: 'death.record',
      at,
      after: {
        person_id: p.id,
        died_on: input.diedOn,
        source: input.source,
        source_ref: input.sourceRef ?? null,
        relief_fen: input.reliefFen ?? null,
        funeral_fee_fen: input.funeralFeeFen ?? null,
      },
    },
  );

  for (const c0 of cases) {
    let c: CasesTable = await loadCase(ctx, c0.id);
    result.affectedCaseIds.push(c.id);
    const before = await personsCovered(ctx, c.id, stopFrom);
    const paying = isPaying(c, stopFrom);
    await endCoverage(ctx, c.id, p.id, stopFrom);
    await addStep(ctx, c.id, 'member_death', input.diedOn, {
      personId: p.id,
      name: p.name,
      source: input.source,
      stopFrom,
      recheckDueOn,
    });
    const left = (await personsCovered(ctx, c.id, stopFrom)).length;
    const ownCase = c.person_id === p.id && (INDIVIDUAL.has(c.category) || c.single_person === 1);
    if (paying && (left === 0 || ownCase)) {
      const stopMonth = c.start_month && c.start_month > stopFrom ? c.start_month : stopFrom;
      await ctx.db
        .updateTable('case_members')
        .set({ stop_month: stopMonth })
        .where('case_id', '=', c.id)
        .where((eb) => eb.or([eb('stop_month', 'is', null), eb('stop_month', '>', stopMonth)]))
        .execute();
      await addStep(ctx, c.id, 'stop', `${stopMonth}-01`, { stopMonth, reason: '死亡' });
      c = await patchCase(
        ctx,
        c,
        {
          status: 'stopped',
          stop_month: stopMonth,
          stop_reason: '死亡',
          taper_until_month: c.taper_until_month && c.taper_until_month >= stopMonth ? null : c.taper_until_month,
          next_recheck_on: null,
          due_task: null,
          due_on: null,
        },
        'case.stop',
        `${p.name} ${input.diedOn} 死亡（${DEATH_SOURCE_LABELS[input.source]}），自 ${stopMonth} 起停发`,
      );
      result.stoppedCaseIds.push(c.id);
    } else if (paying) {
      const patch: Partial<CasesTable> = {};
      if (recheckDueOn && (!c.next_recheck_on || c.next_recheck_on > recheckDueOn))
        patch.next_recheck_on = recheckDueOn;
      if (newHead && c.person_id === p.id && !INDIVIDUAL.has(c.category)) patch.person_id = newHead.id;
      if (Object.keys(patch).length > 0) c = await patchCase(ctx, c, patch, 'case.member_death');
      result.proposalIds.push(
        await proposeAmount(ctx, c, {
          personId: p.id,
          kind: 'remove',
          event: 'death',
          eventOn: input.diedOn,
          month: stopFrom,
          personsBefore: before.length,
          note: `死亡（${DEATH_SOURCE_LABELS[input.source]}${input.sourceRef ? `：${input.sourceRef}` : ''}）`,
        }),
      );
    } else if (c.status !== 'active' && c.status !== 'stopped') {
      // An application in progress: the person is no longer covered; the workflow goes on (or is withdrawn) by hand.
      await patchCase(ctx, c, {}, 'case.member_death', `${p.name} ${input.diedOn} 死亡`);
    }
    const over = await overpaymentOf(ctx, c, stopFrom, result.stoppedCaseIds.includes(c.id));
    if (over.total > 0) {
      const months = over.months.map((x) => x.month);
      const { id } = await insertVersioned(
        ctx,
        'overpayments',
        {
          case_id: c.id,
          person_id: p.id,
          death_id: result.deathId,
          first_month: over.months[0]!.month,
          last_month: over.months[over.months.length - 1]!.month,
          months: JSON.stringify(over.months),
          amount_fen: over.total,
          recovered_fen: 0,
          written_off_fen: 0,
          status: 'pending',
          reason: `${p.name} ${input.diedOn} 死亡，已确认花名册在 ${stopFrom} 及以后仍有发放`,
          created_by: actor.id,
        },
        { action: 'overpayment.open', at, after: { case_id: c.id, person_id: p.id, amount_fen: over.total, months } },
      );
      result.overpayments.push({ id, caseId: c.id, amountFen: over.total, months });
    }
  }

  // Draft rolls from the stop month on no longer pay the person.
  const drafts = await ctx.db
    .selectFrom('payment_rolls')
    .select('month')
    .where('status', '=', 'draft')
    .where('month', '>=', stopFrom)
    .orderBy('month')
    .execute();
  for (const d of drafts) {
    await generateRoll(ctx, d.month, input.lockReason ?? null);
    result.regeneratedRolls.push(d.month);
  }
  return result;
}

/**
 * What confirmed rolls paid a case from `fromMonth` on beyond what it was due: the whole line for a stopped case;
 * for a case that goes on, the paid amount above what the standards give the remaining members that month.
 */
async function overpaymentOf(
  ctx: ServiceContext,
  c: CasesTable,
  fromMonth: string,
  stopped: boolean,
): Promise<{ total: number; months: { month: string; paidFen: number; dueFen: number; overFen: number }[] }> {
  const lines = await ctx.db
    .selectFrom('payment_roll_lines as l')
    .innerJoin('payment_rolls as r', 'r.id', 'l.roll_id')
    .select(['r.month', 'l.amount_fen'])
    .where('r.status', '=', 'confirmed')
    .where('r.month', '>=', fromMonth)
    .where('l.case_id', '=', c.id)
    .orderBy('r.month')
    .execute();
  const months: { month: string; paidFen: number; dueFen: number; overFen: number }[] = [];
  for (const l of lines) {
    const due = stopped ? 0 : Math.min(l.amount_fen, (await amountFor(ctx, c, l.month)).amountFen);
    if (l.amount_fen - due > 0)
      months.push({ month: l.month, paidFen: l.amount_fen, dueFen: due, overFen: l.amount_fen - due });
  }
  return { total: months.reduce((s, m) => s + m.overFen, 0), months };
}

/** Where the head died: the named person, else the spouse, else the eldest living member becomes head. */
async function replaceHead(
  ctx: ServiceContext,
  householdId: string,
  dead: PeopleTable,
  wanted: string | null,
): Promise<PeopleTable | null> {
  const h = await ctx.db.selectFrom('households').selectAll().where('id', '=', householdId).executeTakeFirstOrThrow();
  if (h.head_person_id !== dead.id) {
    if (wanted) throw rule(`“${dead.name}”不是户主，无需变更户主`);
    return null;
  }
  const members = await ctx.db
    .selectFrom('household_members as hm')
    .innerJoin('people as p', 'p.id', 'hm.person_id')
    .selectAll('p')
    .select(['hm.id as membership_id', 'hm.relation'])
    .where('hm.household_id', '=', householdId)
    .where('hm.left_on', 'is', null)
    .where('p.deceased_on', 'is', null)
    .execute();
  if (members.length === 0) return null;
  let next = wanted ? members.find((x) => x.id === wanted) : undefined;
  if (wanted && !next) throw rule('所选新户主不是该户在世的在册成员', { newHeadPersonId: '请选择该户在册成员' });
  next ??=
    members.find((x) => x.relation === '配偶') ??
    [...members].sort((a, b) => ((a.birth_date ?? '9999') < (b.birth_date ?? '9999') ? -1 : 1))[0]!;
  const at = nowIso(ctx.now());
  await ctx.db
    .updateTable('household_members')
    .set({ relation: '户主', updated_at: at })
    .where('id', '=', next.membership_id)
    .execute();
  await updateLoaded(
    ctx,
    'households',
    h,
    { head_person_id: next.id },
    {
      action: 'household.set_head',
      what: '该户',
      reason: `户主${dead.name}死亡${wanted ? '' : '，按配偶、年长顺序自动选定'}`,
      at,
      extra: { after: { head_name: next.name } },
    },
  );
  const { membership_id: _m, relation: _r, ...person } = next;
  return person;
}
