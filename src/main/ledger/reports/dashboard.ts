// 工作台: the month's state, what is due across the ledgers, and the main figures by village and by month.
import { lifeEventsDue } from '../lifeevents';
import { facilitiesMissingMonth, visitsDueInMonth } from '../stations';
import { worklist as orgWorklist } from '../orgs';
import type { Kysely } from 'kysely';
import type { WorkItem } from '../../../shared/api/cases';
import type { DashboardView } from '../../../shared/api/reports';
import { addMonths } from '../../../shared/time';
import type { DB } from '../db';
import { countDue, dueTasksOf, rollGaps } from '../cases';
import { todayOf, type ServiceContext } from '../kernel';
import { keptCaseRows } from './case-log';
import { keptFigures } from './figures-cache';
import { listPackages, loadPeriod, periodView } from './history';
import { confirmedRolls, confirmedRollSums, rollOf, type RollRowFull } from './money';
import { reportSettings } from './settings';
import { paidAndDueByMonth, type PaidCounts } from './trend';

/** The row codes of a roll's 低保 and 特困 lines (a 特困 line's code carries its 供养方式). */
const isMainRow = (code: string): boolean => code === 'dibao' || code.startsWith('tekun_');

/**
 * 低保 + 特困 amounts of `month` by village ('*' = all): a confirmed roll's from its sums by row code|area|village
 * (report_roll_sums: added up once and kept in the ledger, as a confirmed roll does not change), otherwise the cases'
 * amounts in force (the draft), as trend.ts added them up for the draft months (`drafts`: month -> '*' | village).
 */
async function mainAmounts(
  db: Kysely<DB>,
  month: string,
  confirmed: RollRowFull[],
  grouping: 'village' | 'all',
  drafts: Map<string, Map<string, number>>,
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const roll = confirmed.find((r) => r.month === month);
  if (!roll) {
    for (const [g, fen] of drafts.get(month) ?? []) if ((g === '*') === (grouping === 'all')) out.set(g, fen);
    return out;
  }
  for (const [key, m] of await confirmedRollSums(db, roll)) {
    const [code = '', , village = ''] = key.split('|');
    if (!isMainRow(code)) continue;
    const g = grouping === 'all' ? '*' : village;
    out.set(g, (out.get(g) ?? 0) + m.amountFen);
  }
  return out;
}

/**
 * 工作台's charts: the report month by village and the 12 months to it. They read only tables whose every write moves
 * the figures' stamp (migration 0018), so they are kept for the stamp (figures-cache.ts): the next 工作台 before such
 * a write does not read the cases again (issue 17: the first screen after login).
 */
async function charts(db: Kysely<DB>, month: string): Promise<Pick<DashboardView, 'byVillage' | 'byMonth'>> {
  const villages = await db
    .selectFrom('villages')
    .select(['id', 'name'])
    .where('active', '=', 1)
    .orderBy('sort_order')
    .execute();
  // The 12 months' and the villages' households and persons: one read of the cases (trend.ts), not 13 countSets.
  const months = Array.from({ length: 12 }, (_, i) => addMonths(month, i - 11));
  // The months without a confirmed roll show the cases' amounts in force, added up in the same read.
  const confirmed = await confirmedRolls(db, months);
  const drafts = months.filter((m) => !confirmed.some((r) => r.month === m));
  const paid = await paidAndDueByMonth(db, months, ['dibao', 'tekun'], month, drafts);
  const counts = paid.counts.get(month) ?? new Map<string, PaidCounts>();
  const money = await mainAmounts(db, month, confirmed, 'village', paid.amounts);
  const byVillage = villages.map((v) => ({
    villageName: v.name,
    households: counts.get(v.id)?.households ?? 0,
    persons: counts.get(v.id)?.persons ?? 0,
    amountFen: money.get(v.id) ?? 0,
  }));

  const byMonth: DashboardView['byMonth'] = [];
  for (const m of months) {
    const c = paid.counts.get(m)?.get('*');
    // The report month's total is the sum of its villages' (already read above).
    const amountFen =
      m === month
        ? [...money.values()].reduce((sum, v) => sum + v, 0)
        : ((await mainAmounts(db, m, confirmed, 'all', paid.amounts)).get('*') ?? 0);
    byMonth.push({ month: m, households: c?.households ?? 0, persons: c?.persons ?? 0, amountFen });
  }
  return { byVillage, byMonth };
}

/**
 * The cases' due work as the clerk must do it (issue 20): one row per step needed, counted from the same worklist the
 * row opens (#/cases/worklist?task=…), so the count is the list's length. In the order a reviewer looks first.
 */
const CASE_TASKS: [WorkItem['task'], string][] = [
  ['approve', '救助申请待审核确认'],
  ['investigate', '救助申请待入户调查'],
  ['preliminary', '救助申请待完成调查和初审'],
  ['publicize', '救助申请待发布公示'],
  ['end_publicity', '救助申请公示期满后待提交审核'],
  ['paperwork', '先行救助待补办手续'],
  ['recheck', '在保对象待复核（30 天内到期）'],
  ['taper_end', '渐退期将满待处理'],
];

export async function dashboard(ctx: ServiceContext, asked: string | undefined): Promise<DashboardView> {
  const db = ctx.db;
  const today = todayOf(ctx);
  // One report month for the whole page (heading, due rows, charts): the ledger's, unless the page asks for another.
  const reportMonth = addMonths(today.slice(0, 7), -1);
  const month = asked ?? reportMonth;
  const period = await loadPeriod(db, month);
  const reminders = await db
    .selectFrom('report_reminders')
    .selectAll()
    .where('done_at', 'is', null)
    .orderBy('created_at', 'desc')
    .limit(20)
    .execute();

  const settings = await reportSettings(db);
  const due: DashboardView['due'] = [];
  const reportPeriod = await loadPeriod(db, reportMonth);
  if (reportPeriod?.status !== 'final' && Number(today.slice(8, 10)) >= settings.scheduleDay) {
    due.push({ key: `report:${reportMonth}`, label: `${reportMonth} 月报待定稿上报`, count: 1 });
  }
  // Every month (from the first roll on) whose payment roll is missing or still a draft, and this month's.
  const gaps = await rollGaps(db, today.slice(0, 7));
  if (gaps.length === 0 && !(await rollOf(db, today.slice(0, 7))))
    gaps.push({ month: today.slice(0, 7), status: 'missing' });
  for (const g of gaps)
    due.push({
      key: `roll:${g.month}`,
      label: g.status === 'missing' ? `${g.month} 发放花名册待生成` : `${g.month} 发放花名册待审核确认`,
      count: 1,
    });
  // The list's length by task, counted without building the list (names, working days) it would show, from each
  // case's tasks kept per case: after a write only the cases it touched are read again (case-log.ts).
  const tasks = await keptCaseRows(db, {
    key: `dashboard-work|${today}`,
    read: async (_db, ids) => dueTasksOf(ctx, today, ids),
  });
  const work = countDue(tasks.values(), today);
  for (const [task, what] of CASE_TASKS) {
    const n = work.get(task);
    if (n)
      due.push({
        key: `cases:${task}`,
        label: n.overdue > 0 ? `${what}（其中逾期 ${n.overdue} 项）` : what,
        count: n.count,
      });
  }
  if (period?.amended)
    due.push({ key: `amended:${month}`, label: `${month} 已定稿后有更正，待重新开启并出修订版`, count: 1 });
  // The other two ledgers' due work, from their own rules.
  const thisMonth = today.slice(0, 7);
  // Counted as the list the row opens (#/stations/visits?month=…) counts: due by the month's end, not visited in it.
  const notVisited = await visitsDueInMonth(ctx, thisMonth);
  if (notVisited > 0)
    due.push({ key: `visits:${thisMonth}`, label: '特殊困难老年人本月应探访未探访', count: notVisited });
  const missingMonthly = await facilitiesMissingMonth(db, thisMonth);
  if (missingMonthly.length > 0)
    due.push({
      key: `facility_months:${thisMonth}`,
      label: '养老服务设施本月待填报运营数据',
      count: missingMonthly.length,
    });
  const openRectifications = await db
    .selectFrom('facility_inspections')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'open')
    .executeTakeFirst();
  if (Number(openRectifications?.n ?? 0) > 0)
    due.push({ key: 'rectify', label: '养老服务设施安全检查待整改', count: Number(openRectifications?.n) });
  for (const d of await lifeEventsDue(db, today)) due.push(d);
  const orgWork = await orgWorklist(db, today);
  const orgOverdue = orgWork.items.filter((i) => i.overdue).length;
  if (orgWork.items.length > 0)
    due.push({
      key: 'orgs',
      label:
        orgOverdue > 0 ? `社会组织年检、评估、换届待办（其中逾期 ${orgOverdue} 项）` : '社会组织年检、评估、换届待办',
      count: orgWork.items.length,
    });

  const { byVillage, byMonth } = await keptFigures(db, `dashboard|${month}`, () => charts(db, month));
  // The month's newest package: the first of its list (newest built first), as the 报表 page lists them.
  const [latest] = await listPackages(db, month);

  return {
    month,
    period: periodView(month, period),
    latestPackage: latest ?? null,
    reminders: reminders.map((r) => ({
      id: r.id,
      month: r.month,
      message: r.message,
      packageId: r.package_id,
      createdAt: r.created_at,
    })),
    due,
    byVillage,
    byMonth,
  };
}
