// 工作台: the month's state, what is due across the ledgers, and the main figures by village and by month.
import { sql, type Kysely } from 'kysely';
import type { DashboardView } from '../../../shared/api/reports';
import { addMonths } from '../../../shared/months';
import type { DB } from '../db/schema';
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
  const roll = await rollOf(db, today.slice(0, 7));
  if (!roll || roll.status !== 'confirmed')
    due.push({ key: 'roll', label: `${today.slice(0, 7)} 发放名册待生成或确认`, count: 1 });
  const pending = await db
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', 'in', ['applied', 'investigating', 'preliminary', 'publicizing', 'reviewing'])
    .executeTakeFirst();
  if (Number(pending?.n ?? 0) > 0) due.push({ key: 'cases', label: '办理中的救助申请', count: Number(pending?.n) });
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
