// 低收入人口动态监测: the monitoring list of households (低保边缘, 刚性支出, tapered and stopped households, accepted
// discovery leads …) with a review cycle, visits and reviews, warnings handled by one of the four paths (S-39 §三(四)),
// and warning signals read from the ledger since monitoring started: a 支出型 临时救助 granted, a death in the
// household, a disability recorded or worsened, a recorded drop in the household's income.
import type { Kysely } from 'kysely';
import {
  monitoringGroups,
  type MonitoringCounts,
  type MonitoringEntryView,
  type MonitoringGroupValue,
  type MonitoringSignal,
} from '../../../shared/api/discovery';
import { LedgerError, notFound, rule } from '../../../shared/errors';
import { nextMonth, today } from '../../../shared/time';
import {
  actorOf,
  totalOf,
  endVersioned,
  insertVersioned,
  loadForEdit,
  updateVersioned,
  type ServiceContext,
} from '../kernel';
import { newId, nowIso } from '../ids';
import { addMonthsToDate } from '../cases';
import type { DB } from '../db';
import type { MonitoringEntriesTable } from '../lifeevents';

/** Default review cycle by group, months (bianyuan/gangxing half-yearly like unstable 低保; the rest quarterly). */
const DEFAULT_CYCLE: Record<MonitoringGroupValue, number> = {
  bianyuan: 6,
  gangxing: 6,
  tapered: 3,
  stopped: 3,
  lead: 3,
  other: 6,
};

export async function addMonitoring(
  ctx: ServiceContext,
  input: {
    householdId: string;
    group: MonitoringGroupValue;
    cycleMonths?: number | undefined;
    startedOn: string;
    sourceRef?: string | null | undefined;
  },
): Promise<string> {
  const h = await ctx.db.selectFrom('households').select('id').where('id', '=', input.householdId).executeTakeFirst();
  if (!h) throw notFound('该户');
  if (input.startedOn > today(ctx.now()))
    throw new LedgerError('BAD_INPUT', '纳入监测日期不能晚于今天', { startedOn: '不能晚于今天' });
  const existing = await ctx.db
    .selectFrom('monitoring_entries')
    .select('group_code')
    .where('household_id', '=', h.id)
    .where('status', '=', 'active')
    .executeTakeFirst();
  if (existing) throw rule('该户已在动态监测名单中');
  const cycle = input.cycleMonths ?? DEFAULT_CYCLE[input.group];
  const row = await insertVersioned(
    ctx,
    'monitoring_entries',
    {
      household_id: h.id,
      group_code: input.group,
      source_ref: input.sourceRef ?? null,
      cycle_months: cycle,
      started_on: input.startedOn,
      next_review_on: addMonthsToDate(input.startedOn, cycle),
      status: 'active',
      ended_on: null,
      end_reason: null,
      created_by: actorOf(ctx).id,
    },
    {
      action: 'monitoring.add',
      after: { household_id: h.id, group: input.group, cycle_months: cycle, started_on: input.startedOn },
      reason: input.sourceRef ?? null,
    },
  );
  return row.id;
}

const WHAT = '该监测对象';

const load = (ctx: ServiceContext, id: string, version: number): Promise<MonitoringEntriesTable> =>
  loadForEdit(ctx, 'monitoring_entries', id, version, WHAT);

export async function recordMonitoring(
  ctx: ServiceContext,
  input: {
    id: string;
    version: number;
    kind: 'warning' | 'visit' | 'review';
    onDate: string;
    signal?: string | null | undefined;
    path?: string | null | undefined;
    detail: string;
    result?: string | null | undefined;
  },
): Promise<void> {
  const e = await load(ctx, input.id, input.version);
  if (e.status !== 'active') throw rule('该户已结束监测');
  if (input.onDate > today(ctx.now()))
    throw new LedgerError('BAD_INPUT', '日期不能晚于今天', { onDate: '不能晚于今天' });
  if (input.onDate < e.started_on)
    throw new LedgerError('BAD_INPUT', `日期不能早于纳入监测日期（${e.started_on}）`, { onDate: '早于纳入监测日期' });
  if (input.kind === 'warning' && !input.path)
    throw new LedgerError('BAD_INPUT', '预警须选择处置路径（落实政策、推送部门、一事一议或结束监测）', {
      path: '请选择',
    });
  await ctx.db
    .insertInto('monitoring_events')
    .values({
      id: newId(),
      entry_id: e.id,
      kind: input.kind,
      on_date: input.onDate,
      signal: input.signal ?? null,
      path: input.path ?? null,
      detail: input.detail,
      result: input.result ?? null,
      created_by: actorOf(ctx).id,
      created_at: nowIso(ctx.now()),
    })
    .execute();
  const next = input.kind === 'review' ? addMonthsToDate(input.onDate, e.cycle_months) : e.next_review_on;
  await updateVersioned(
    ctx,
    'monitoring_entries',
    e.id,
    input.version,
    { next_review_on: next },
    {
      action: `monitoring.${input.kind}`,
      what: WHAT,
      current: e,
      reason: input.detail,
      entry: {
        before: { next_review_on: e.next_review_on },
        after: { on_date: input.onDate, signal: input.signal ?? null, path: input.path ?? null, next_review_on: next },
      },
    },
  );
}

export async function endMonitoring(
  ctx: ServiceContext,
  input: { id: string; version: number; endedOn: string; reason: string },
): Promise<void> {
  const e = await load(ctx, input.id, input.version);
  if (e.status !== 'active') throw rule('该户已结束监测');
  if (input.endedOn < e.started_on) throw new LedgerError('BAD_INPUT', '结束日期不能早于纳入监测日期');
  await endVersioned(ctx, 'monitoring_entries', e, input.version, input.endedOn, input.reason, {
    action: 'monitoring.end',
    what: WHAT,
  });
}

/** Warning signals of a household since `from` (dates inclusive), from the ledger itself. */
export async function signalsOf(db: Kysely<DB>, householdId: string, from: string): Promise<MonitoringSignal[]> {
  const out: MonitoringSignal[] = [];
  const grants = await db
    .selectFrom('cases')
    .select(['decided_on', 'grant_amount_fen'])
    .where('household_id', '=', householdId)
    .where('category', '=', 'linshi')
    .where('linshi_type', '=', 'expenditure')
    .where('status', '=', 'active')
    .where('decided_on', '>=', from)
    .execute();
  for (const c of grants)
    out.push({
      kind: 'expenditure_aid',
      on: c.decided_on ?? from,
      text: `获支出型临时救助 ${((c.grant_amount_fen ?? 0) / 100).toFixed(2)} 元`,
    });
  const deaths = await db
    .selectFrom('deaths as d')
    .innerJoin('people as p', 'p.id', 'd.person_id')
    .select(['d.died_on', 'p.name'])
    .where('d.household_id', '=', householdId)
    .where('d.died_on', '>=', from)
    .execute();
  for (const d of deaths) out.push({ kind: 'death', on: d.died_on, text: `家庭成员${d.name}死亡` });
  const members = (
    await db
      .selectFrom('household_members')
      .select('person_id')
      .where('household_id', '=', householdId)
      .where('left_on', 'is', null)
      .execute()
  ).map((m) => m.person_id);
  const journal = (entity: string, ids: string[], action: string) =>
    ids.length === 0
      ? Promise.resolve([] as { at: string; before: string | null; after: string | null }[])
      : db
          .selectFrom('journal')
          .select(['at', 'before', 'after'])
          .where('entity', '=', entity)
          .where('entity_id', 'in', ids)
          .where('action', '=', action)
          .where('at', '>=', from)
          .orderBy('seq')
          .execute();
  for (const j of await journal('people', members, 'person.update')) {
    const b = JSON.parse(j.before ?? '{}') as { disability_grade?: number | null };
    const a = JSON.parse(j.after ?? '{}') as { disability_grade?: number | null };
    if (a.disability_grade && (!b.disability_grade || a.disability_grade < b.disability_grade))
      out.push({ kind: 'disability', on: j.at.slice(0, 10), text: `成员登记为${a.disability_grade}级残疾` });
  }
  for (const j of await journal('households', [householdId], 'household.update')) {
    const b = JSON.parse(j.before ?? '{}') as { annual_income_fen?: number };
    const a = JSON.parse(j.after ?? '{}') as { annual_income_fen?: number };
    if (
      a.annual_income_fen !== undefined &&
      b.annual_income_fen !== undefined &&
      a.annual_income_fen < b.annual_income_fen
    )
      out.push({
        kind: 'income_drop',
        on: j.at.slice(0, 10),
        text: `家庭年收入由 ${(b.annual_income_fen / 100).toFixed(2)} 元降至 ${(a.annual_income_fen / 100).toFixed(2)} 元`,
      });
  }
  return out.sort((x, y) => (x.on < y.on ? -1 : 1));
}

export async function listMonitoring(
  ctx: ServiceContext,
  input: {
    status?: 'active' | 'ended' | undefined;
    group?: MonitoringGroupValue | undefined;
    offset: number;
    limit: number;
    ids?: string[];
  },
): Promise<{ rows: MonitoringEntryView[]; total: number }> {
  let q = ctx.db
    .selectFrom('monitoring_entries as e')
    .innerJoin('households as h', 'h.id', 'e.household_id')
    .leftJoin('people as hp', 'hp.id', 'h.head_person_id')
    .leftJoin('villages as v', 'v.id', 'h.village_id');
  if (input.status) q = q.where('e.status', '=', input.status);
  if (input.group) q = q.where('e.group_code', '=', input.group);
  if (input.ids) q = q.where('e.id', 'in', input.ids);
  const total = await totalOf(q);
  const rows = await q
    .selectAll('e')
    .select(['hp.name as head_name', 'v.name as village_name'])
    .orderBy('e.status')
    .orderBy('e.next_review_on')
    .limit(input.limit)
    .offset(input.offset)
    .execute();
  const day = today(ctx.now());
  const events = rows.length
    ? await ctx.db
        .selectFrom('monitoring_events')
        .selectAll()
        .where(
          'entry_id',
          'in',
          rows.map((r) => r.id),
        )
        .orderBy('on_date')
        .orderBy('created_at')
        .execute()
    : [];
  const signals = new Map<string, MonitoringSignal[]>();
  for (const e of rows)
    if (e.status === 'active') signals.set(e.id, await signalsOf(ctx.db, e.household_id, e.started_on));
  return {
    total,
    rows: rows.map((e) => ({
      id: e.id,
      householdId: e.household_id,
      headName: e.head_name,
      villageName: e.village_name,
      group: e.group_code,
      sourceRef: e.source_ref,
      cycleMonths: e.cycle_months,
      startedOn: e.started_on,
      nextReviewOn: e.next_review_on,
      reviewOverdue: e.status === 'active' && e.next_review_on < day,
      status: e.status,
      endedOn: e.ended_on,
      endReason: e.end_reason,
      signals: signals.get(e.id) ?? [],
      events: events
        .filter((x) => x.entry_id === e.id)
        .map((x) => ({
          kind: x.kind,
          onDate: x.on_date,
          signal: x.signal,
          path: x.path,
          detail: x.detail,
          result: x.result,
        })),
      version: e.version,
    })),
  };
}

/**
 * The monitoring figures of a month, for the report package (engineer F's reports call this): households under
 * monitoring at the end of the month by group, reviews overdue then, households with warning signals, and the
 * month's visits, reviews, entries and exits.
 */
export async function monitoringCounts(db: Kysely<DB>, month: string): Promise<MonitoringCounts> {
  const end = `${month}-31`;
  const first = `${month}-01`;
  const after = `${nextMonth(month)}-01`;
  const entries = await db
    .selectFrom('monitoring_entries')
    .select(['id', 'household_id', 'group_code', 'started_on', 'ended_on', 'status', 'next_review_on'])
    .execute();
  const active = entries.filter((e) => e.started_on <= end && (e.ended_on === null || e.ended_on >= after));
  const byGroup = Object.fromEntries(monitoringGroups.map((g) => [g, 0])) as Record<MonitoringGroupValue, number>;
  for (const e of active) byGroup[e.group_code as MonitoringGroupValue] += 1;
  const events = await db
    .selectFrom('monitoring_events')
    .select(['kind', 'on_date'])
    .where('on_date', '>=', first)
    .where('on_date', '<', after)
    .execute();
  let withSignals = 0;
  for (const e of active) if ((await signalsOf(db, e.household_id, e.started_on)).length > 0) withSignals++;
  return {
    active: active.length,
    byGroup,
    reviewsOverdue: active.filter((e) => e.next_review_on < after && e.status === 'active').length,
    withSignals,
    visitsInMonth: events.filter((x) => x.kind === 'visit').length,
    reviewsInMonth: events.filter((x) => x.kind === 'review').length,
    startedInMonth: entries.filter((e) => e.started_on >= first && e.started_on < after).length,
    endedInMonth: entries.filter((e) => e.ended_on !== null && e.ended_on >= first && e.ended_on < after).length,
  };
}
