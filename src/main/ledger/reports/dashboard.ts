// 工作台: the month's state, what is due across the ledgers, and the main figures by village and by month.
import { lifeEventsDue } from '../lifeevents/due';
import { computeElderlyFigures } from '../stations/figures';
import { worklist as orgWorklist } from '../orgs/worklist';
import { sql, type Kysely } from 'kysely';
import type { DashboardView } from '../../../shared/api/reports';
import { addMonths } from '../../../shared/time';
import type { DB } from '../db/schema';
import { rollGaps } from '../cases/rolls';
import { rollOf } from './figures';
import { loadPeriod, packageView, periodView } from './package';
import { countSet, draftAmounts, paidIn, rollAmounts, andWhere } from './sets';
import { reportSettings } from './settings';

/** 低保 and 特困: the two figures a township office watches month by month. */
const MAIN = sql`c.category IN ('dibao', 'tekun')`;
const MAIN_LINES = sql`l.category IN ('dibao', 'tekun')`;

async function amountsBy(db: Kysely<DB>, month: string, grouping: 'village' | 'all') {
  const roll = await rollOf(db, month);
  return roll?.status === 'confirmed'
    ? rollAmounts(db, [roll.id], grouping, MAIN_LINES)
    : draftAmounts(db, month, grouping, MAIN);
}

export async function dashboard(db: Kysely<DB>, month: string, today: string): Promise<DashboardView> {
  const period = await loadPeriod(db, month);
  const latest = await db
    .selectFrom('report_packages')
    .selectAll()
    .where('month', '=', month)
    .orderBy('built_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  const reminders = await db
    .selectFrom('report_reminders')
    .selectAll()
    .where('done_at', 'is', null)
    .orderBy('created_at', 'desc')
    .limit(20)
    .execute();

  const settings = await reportSettings(db);
  const due: DashboardView['due'] = [];
  const reportMonth = addMonths(today.slice(0, 7), -1);
  const reportPeriod = await loadPeriod(db, reportMonth);
  if (reportPeriod?.status !== 'final' && Number(today.slice(8, 10)) >= settings.scheduleDay) {
    due.push({ key: 'report', label: `${reportMonth} 月报待定稿上报`, count: 1 });
  }
  // Every month (from the first roll on) whose payment roll is missing or still a draft, and this month's.
  const gaps = await rollGaps(db, today.slice(0, 7));
  if (gaps.length === 0 && !(await rollOf(db, today.slice(0, 7))))
    gaps.push({ month: today.slice(0, 7), status: 'missing' });
  for (const g of gaps)
    due.push({
      key: `roll:${g.month}`,
      label: g.status === 'missing' ? `${g.month} 发放花名册未生成` : `${g.month} 发放花名册待审核确认`,
      count: 1,
    });
  // Applications by what they wait for (the step that is needed), not one "in progress" count.
  const pending = await db
    .selectFrom('cases')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', 'in', ['applied', 'investigating', 'preliminary', 'publicizing', 'reviewing'])
    .groupBy('status')
    .execute();
  const WAITING: Record<string, string> = {
    applied: '救助申请待入户调查',
    investigating: '救助申请待初审',
    preliminary: '救助申请待发布公示',
    publicizing: '救助申请公示中（期满后提交审核）',
    reviewing: '救助申请待审核确认',
  };
  for (const st of ['reviewing', 'applied', 'investigating', 'preliminary', 'publicizing'])
    for (const p of pending)
      if (p.status === st && Number(p.n) > 0)
        due.push({ key: `cases:${st}`, label: WAITING[st] ?? st, count: Number(p.n) });
  const recheckBy = `${addMonths(today.slice(0, 7), 1)}-31`;
  const recheck = await db
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'active')
    .where('next_recheck_on', '<=', recheckBy)
    .executeTakeFirst();
  if (Number(recheck?.n ?? 0) > 0)
    due.push({ key: 'recheck', label: '本月及下月到期的定期复查', count: Number(recheck?.n) });
  if (period?.amended) due.push({ key: 'amended', label: `${month} 已定稿后有更正，需重新开启并出修订版`, count: 1 });
  // The other two ledgers' due work, from their own rules.
  const thisMonth = today.slice(0, 7);
  const elderly = await computeElderlyFigures(db, thisMonth);
  const notVisited = elderly.visits.due - elderly.visits.done;
  if (notVisited > 0) due.push({ key: 'visits', label: '本月尚未探访的特殊困难老年人', count: notVisited });
  if (elderly.missingMonthly.length > 0)
    due.push({ key: 'facility_months', label: '本月未填运营数据的养老服务设施', count: elderly.missingMonthly.length });
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

  const villages = await db
    .selectFrom('villages')
    .select(['id', 'name'])
    .where('active', '=', 1)
    .orderBy('sort_order')
    .execute();
  const counts = await countSet(db, andWhere(paidIn(month), MAIN), 'village');
  const money = await amountsBy(db, month, 'village');
  const byVillage = villages.map((v) => ({
    villageName: v.name,
    households: counts.get(v.id)?.households ?? 0,
    persons: counts.get(v.id)?.persons ?? 0,
    amountFen: money.get(v.id)?.amountFen ?? 0,
  }));

  const byMonth: DashboardView['byMonth'] = [];
  for (let i = 11; i >= 0; i--) {
    const m = addMonths(month, -i);
    const c = (await countSet(db, andWhere(paidIn(m), MAIN), 'all')).get('*');
    const a = (await amountsBy(db, m, 'all')).get('*');
    byMonth.push({ month: m, households: c?.households ?? 0, persons: c?.persons ?? 0, amountFen: a?.amountFen ?? 0 });
  }

  return {
    month,
    period: periodView(month, period),
    latestPackage: latest ? await packageView(db, latest) : null,
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
