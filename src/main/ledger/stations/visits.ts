// 探访关爱: visit records, the due-visit worklist, the monthly visit rate by village (月探访率) and the visit-plan
// settings.
import type { Kysely } from 'kysely';
import type { stationsApi, VisitRateReport, VisitRateRow, VisitView } from '../../../shared/api/stations';
import { addDays } from '../../../shared/time';
import { LedgerError, rule } from '../../../shared/errors';
import { label } from '../../../shared/labels';
import {
  camelFields,
  firstLive,
  insertVersioned,
  NOT_VOIDED,
  totalOf,
  VISIT_VIEW_COLUMNS,
  voidVersioned,
  type Handlers,
  type ServiceContext,
} from '../kernel';
import type { DB } from '../db';
import { saveSetting } from '../settings';
import { loadSettings, notFuture, SETTINGS_KEY, todayOf } from './common';
import { monthEnd, monthlyVisitStatus, monthStart, nextVisitDue, visitRate } from './rules';
import type { ElderlyVisitsTable } from './tables';
import { lastVisits, loadPerson, summaries } from './elderly';

type VisitHandlers = Pick<
  Handlers<typeof stationsApi>,
  | 'elderly.worklist'
  | 'elderly.visits.list'
  | 'elderly.visits.add'
  | 'elderly.visits.void'
  | 'elderly.visitRate'
  | 'stations.settings.get'
  | 'stations.settings.put'
>;

const visitFields = camelFields<ElderlyVisitsTable>()([...VISIT_VIEW_COLUMNS, 'elderly_id', 'created_by']);

function visitView(v: ElderlyVisitsTable): VisitView {
  return { ...visitFields(v), voided: v.voided === 1 };
}

/** Resolves a village to the one it was merged into (撤并), so figures by village follow the current list. */
function villageResolver(rows: { id: string; merged_into_id: string | null }[]): (id: string) => string {
  const into = new Map(rows.map((r) => [r.id, r.merged_into_id]));
  return (id) => {
    let cur = id;
    for (let i = 0; i < 20; i++) {
      const next = into.get(cur);
      if (!next) return cur;
      cur = next;
    }
    return cur;
  };
}

/** 月探访率 by village for `month`, and the totals. Used by the screen and by computeElderlyFigures. */
export async function computeVisitRate(db: Kysely<DB>, month: string): Promise<VisitRateReport> {
  const start = monthStart(month);
  const end = monthEnd(month);
  const [settings, people, before, inMonth, villages] = await Promise.all([
    loadSettings(db),
    db
      .selectFrom('elderly_people')
      .select(['id', 'village_id', 'risk_level', 'registered_on', 'ended_on'])
      .where('registered_on', '<=', end)
      .where((eb) => eb.or([eb('ended_on', 'is', null), eb('ended_on', '>=', start)]))
      .execute(),
    lastVisits(db, null, start),
    db
      .selectFrom('elderly_visits')
      .select('elderly_id')
      .distinct()
      .where('voided', '=', 0)
      .where('visited_on', '>=', start)
      .where('visited_on', '<=', end)
      .execute(),
    db.selectFrom('villages').select(['id', 'name', 'merged_into_id', 'sort_order']).execute(),
  ]);
  const visited = new Set(inMonth.map((r) => r.elderly_id));
  const resolve = villageResolver(villages);
  const villageInfo = new Map(villages.map((v) => [v.id, v]));
  const byVillage = new Map<string, VisitRateRow>();
  const total: VisitRateRow = { villageId: '', villageName: '合计', registered: 0, due: 0, done: 0, rate: null };
  for (const p of people) {
    const vid = resolve(p.village_id);
    let row = byVillage.get(vid);
    if (!row) {
      row = {
        villageId: vid,
        villageName: villageInfo.get(vid)?.name ?? '',
        registered: 0,
        due: 0,
        done: 0,
        rate: null,
      };
      byVillage.set(vid, row);
    }
    const lastBefore = before.get(p.id);
    const visits = [...(lastBefore ? [lastBefore] : []), ...(visited.has(p.id) ? [start] : [])];
    const st = monthlyVisitStatus(
      settings.visitPlan,
      { riskLevel: p.risk_level, registeredOn: p.registered_on, endedOn: p.ended_on },
      visits,
      month,
    );
    const onRegisterAtEnd = p.ended_on === null || p.ended_on > end;
    for (const r of [row, total]) {
      if (onRegisterAtEnd) r.registered += 1;
      if (st.due) r.due += 1;
      if (st.done) r.done += 1;
    }
  }
  const rows = [...byVillage.values()].sort(
    (a, b) =>
      (villageInfo.get(a.villageId)?.sort_order ?? 0) - (villageInfo.get(b.villageId)?.sort_order ?? 0) ||
      a.villageName.localeCompare(b.villageName, 'zh-CN'),
  );
  for (const r of [...rows, total]) r.rate = visitRate(r.done, r.due);
  return { month, rows, total };
}

/** On the visit worklist: due by `horizon`, and (for a month) not visited since `notBefore`. */
function onWorklist(
  nextDueOn: string | null,
  lastVisitOn: string | null,
  horizon: string,
  notBefore: string | null,
): boolean {
  return (
    nextDueOn !== null &&
    nextDueOn <= horizon &&
    (notBefore === null || lastVisitOn === null || lastVisitOn < notBefore)
  );
}

/**
 * visitWorklist(ctx, { month }).total without building its rows (each person's summary, the order): the 工作台's
 * 本月应探访未探访 count (issue 17: the first screen after login).
 */
export async function visitsDueInMonth(ctx: ServiceContext, month: string): Promise<number> {
  const [people, last, settings] = await Promise.all([
    ctx.db
      .selectFrom('elderly_people')
      .select(['id', 'risk_level', 'registered_on'])
      .where('status', '=', 'active')
      .execute(),
    lastVisits(ctx.db, null),
    loadSettings(ctx.db),
  ]);
  return people.filter((p) => {
    const lastVisitOn = last.get(p.id) ?? null;
    const nextDueOn = nextVisitDue(settings.visitPlan, p.risk_level, p.registered_on, lastVisitOn);
    return onWorklist(nextDueOn, lastVisitOn, monthEnd(month), monthStart(month));
  }).length;
}

/**
 * The visit worklist: active people whose next visit is due by today + `withinDays`; with `month`, those due by the
 * month's end and not visited in it (what the 工作台's 本月待探访 row counts — it counts this list).
 */
export async function visitWorklist(
  ctx: ServiceContext,
  input: {
    offset: number;
    limit: number;
    withinDays: number;
    villageId?: string;
    overdueOnly?: boolean;
    month?: string;
  },
) {
  const today = todayOf(ctx);
  const horizon = input.month ? monthEnd(input.month) : addDays(today, input.withinDays);
  const notBefore = input.month ? monthStart(input.month) : null;
  let q = ctx.db.selectFrom('elderly_people').selectAll().where('status', '=', 'active');
  if (input.villageId) q = q.where('village_id', '=', input.villageId);
  // The whole active register of one township (hundreds to a few thousand people) is computed at once: the due
  // date depends on the plan setting, which SQL does not know. Only the requested page is returned.
  const people = await q.execute();
  const all = await summaries(ctx, people);
  const due = all
    .filter((s) => onWorklist(s.nextDueOn, s.lastVisitOn, horizon, notBefore) && (!input.overdueOnly || s.overdue))
    .sort((a, b) => (a.nextDueOn ?? '').localeCompare(b.nextDueOn ?? '') || a.name.localeCompare(b.name, 'zh-CN'));
  return {
    rows: due.slice(input.offset, input.offset + input.limit),
    total: due.length,
    overdue: all.filter((s) => s.overdue).length,
    asOf: today,
  };
}

export const visitHandlers: VisitHandlers = {
  'elderly.worklist': async (ctx, input) => visitWorklist(ctx, input),

  'elderly.visits.list': async (ctx, input) => {
    await loadPerson(ctx.db, input.elderlyId);
    const base = ctx.db.selectFrom('elderly_visits').where('elderly_id', '=', input.elderlyId);
    const total = await totalOf(base);
    const rows = await base
      .selectAll()
      .orderBy('visited_on', 'desc')
      .orderBy('created_at', 'desc')
      .offset(input.offset)
      .limit(input.limit)
      .execute();
    return { rows: rows.map(visitView), total };
  },

  'elderly.visits.add': async (ctx, input) => {
    const p = await loadPerson(ctx.db, input.elderlyId);
    notFuture(input.visitedOn, todayOf(ctx), 'visitedOn', '探访日期');
    if (input.visitedOn < p.registered_on) {
      throw rule(`“${p.name}”于 ${p.registered_on} 登记，探访日期不能早于登记日期`, {
        visitedOn: `不能早于 ${p.registered_on}`,
      });
    }
    if (p.ended_on !== null && input.visitedOn > p.ended_on) {
      throw rule(`“${p.name}”已于 ${p.ended_on} 退出登记，探访日期不能晚于该日`, {
        visitedOn: `不能晚于 ${p.ended_on}`,
      });
    }
    const dup = await firstLive(ctx, 'elderly_visits', {
      elderly_id: p.id,
      visited_on: input.visitedOn,
      way: input.way,
      visitor: input.visitor,
    });
    if (dup) {
      throw new LedgerError(
        'CONFLICT',
        `${input.visitor} ${input.visitedOn} 对“${p.name}”的${label('visitWay', input.way)}探访已登记，请勿重复录入`,
        { visitedOn: '同日同方式的探访已登记' },
      );
    }
    const row = await insertVersioned(
      ctx,
      'elderly_visits',
      {
        elderly_id: p.id,
        visited_on: input.visitedOn,
        way: input.way,
        visitor: input.visitor,
        findings: input.findings,
        problems: input.problems,
        referral: input.referral,
        ...NOT_VOIDED,
        created_by: ctx.actor?.name ?? '系统',
      },
      {
        action: 'elderly.visit.add',
        after: {
          elderly_id: p.id,
          visited_on: input.visitedOn,
          way: input.way,
          visitor: input.visitor,
          problems: input.problems,
          referral: input.referral,
        },
      },
    );
    return visitView(row);
  },

  'elderly.visits.void': async (ctx, input) => {
    const v = await voidVersioned(ctx, 'elderly_visits', input.id, input.version, input.reason, {
      action: 'elderly.visit.void',
      missing: '该探访记录',
      what: (v) => `${v.visited_on} 的探访记录`,
    });
    return visitView(v);
  },

  'elderly.visitRate': async (ctx, input) => computeVisitRate(ctx.db, input.month),

  'stations.settings.get': async (ctx) => loadSettings(ctx.db),

  'stations.settings.put': async (ctx, input) => {
    const value = { visitPlan: input.visitPlan, ratingValidityYears: input.ratingValidityYears };
    await saveSetting(ctx, SETTINGS_KEY, input.version, value, { action: 'settings.elderly', what: '养老服务设置' });
    return loadSettings(ctx.db);
  },
};
