// The month's elderly-services figures for the report package: facilities by type and status, beds, meals,
// special-difficulty elderly and the visit rate. Computed from the ledger for one month, never typed in; the report
// engineer calls computeElderlyFigures(db, month).
import type { Kysely } from 'kysely';
import {
  ELDERLY_CATEGORIES,
  FACILITY_TYPES,
  RISK_LEVELS,
  type ElderlyCategoryValue,
  type ElderlyFigures,
  type FacilityTypeValue,
  type RiskLevelValue,
} from '../../../shared/api/stations';
import { isMonth } from '../../../shared/time';
import type { DB } from '../db';
import { computeVisitRate } from './visits';
import { monthEnd, monthStart } from './rules';
import type { FacilitiesTable } from './tables';

type StatusAt = 'building' | 'operating' | 'closed';

/**
 * A facility's status on `date`: 停止运营 from its closing date, 运营中 from its opening date, 建设中 from when it
 * was entered; null when it was not in the ledger yet. (Bed counts are the facility's current ones: the ledger
 * keeps their changes in the journal, not as dated rows.)
 */
export function facilityStatusOn(
  f: Pick<FacilitiesTable, 'opened_on' | 'closed_on' | 'created_at'>,
  date: string,
): StatusAt | null {
  if (f.closed_on !== null && f.closed_on <= date) return 'closed';
  if (f.opened_on !== null && f.opened_on <= date) return 'operating';
  // created_at is a UTC instant; the date a clerk entered it in China is 8 hours later.
  const enteredOn = new Date(Date.parse(f.created_at) + 8 * 3_600_000).toISOString().slice(0, 10);
  if (f.closed_on === null && enteredOn <= date) return 'building';
  return null;
}

/** Every facility that operated on any day of the month owes that month's figures. */
function owesMonth(f: Pick<FacilitiesTable, 'opened_on' | 'closed_on'>, start: string, end: string): boolean {
  return f.opened_on !== null && f.opened_on <= end && (f.closed_on === null || f.closed_on >= start);
}

/** computeElderlyFigures(db, month).missingMonthly alone (工作台's 待填报运营数据 count), without the visit rate. */
export async function facilitiesMissingMonth(db: Kysely<DB>, month: string): Promise<ElderlyFigures['missingMonthly']> {
  const start = monthStart(month);
  const end = monthEnd(month);
  const [facilities, months] = await Promise.all([
    db.selectFrom('facilities').select(['id', 'name', 'opened_on', 'closed_on']).execute(),
    db.selectFrom('facility_months').select('facility_id').where('month', '=', month).execute(),
  ]);
  const reported = new Set(months.map((m) => m.facility_id));
  return facilities
    .filter((f) => owesMonth(f, start, end) && !reported.has(f.id))
    .map((f) => ({ facilityId: f.id, name: f.name }));
}

export async function computeElderlyFigures(db: Kysely<DB>, month: string): Promise<ElderlyFigures> {
  if (!isMonth(month)) throw new RangeError(`不是有效月份（应为 YYYY-MM）：${month}`);
  const start = monthStart(month);
  const end = monthEnd(month);
  const [facilities, months, people, visitRecords, rate] = await Promise.all([
    db
      .selectFrom('facilities')
      .select(['id', 'name', 'type', 'opened_on', 'closed_on', 'created_at', 'beds_total', 'beds_nursing'])
      .execute(),
    db
      .selectFrom('facility_months')
      .select(['facility_id', 'meals_served', 'meals_subsidised', 'beds_occupied'])
      .where('month', '=', month)
      .execute(),
    db
      .selectFrom('elderly_people')
      .select(['categories', 'risk_level'])
      .where('registered_on', '<=', end)
      .where((eb) => eb.or([eb('ended_on', 'is', null), eb('ended_on', '>', end)]))
      .execute(),
    db
      .selectFrom('elderly_visits')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('voided', '=', 0)
      .where('visited_on', '>=', start)
      .where('visited_on', '<=', end)
      .executeTakeFirstOrThrow(),
    computeVisitRate(db, month),
  ]);

  const byType = new Map<FacilityTypeValue, ElderlyFigures['facilities']['byType'][number]>(
    FACILITY_TYPES.map((t) => [t, { type: t, building: 0, operating: 0, closed: 0, total: 0 }]),
  );
  const byStatus = { building: 0, operating: 0, closed: 0 };
  const monthByFacility = new Map(months.map((m) => [m.facility_id, m]));
  const beds = { total: 0, nursing: 0, occupied: 0 };
  const missingMonthly: ElderlyFigures['missingMonthly'] = [];
  let openedInMonth = 0;
  let closedInMonth = 0;
  for (const f of facilities) {
    const status = facilityStatusOn(f, end);
    if (status === null) continue;
    const t = byType.get(f.type);
    if (t) {
      t[status] += 1;
      t.total += 1;
    }
    byStatus[status] += 1;
    if (f.opened_on !== null && f.opened_on >= start && f.opened_on <= end) openedInMonth += 1;
    if (f.closed_on !== null && f.closed_on >= start && f.closed_on <= end) closedInMonth += 1;
    const row = monthByFacility.get(f.id);
    if (status === 'operating') {
      beds.total += f.beds_total;
      beds.nursing += f.beds_nursing;
      beds.occupied += row?.beds_occupied ?? 0;
    }
    if (owesMonth(f, start, end) && !row) missingMonthly.push({ facilityId: f.id, name: f.name });
  }

  const byCategory = Object.fromEntries(ELDERLY_CATEGORIES.map((c) => [c, 0])) as Record<ElderlyCategoryValue, number>;
  const byRisk = Object.fromEntries(RISK_LEVELS.map((r) => [r, 0])) as Record<RiskLevelValue, number>;
  for (const p of people) {
    byRisk[p.risk_level] += 1;
    for (const c of JSON.parse(p.categories) as ElderlyCategoryValue[]) {
      if (c in byCategory) byCategory[c] += 1;
    }
  }

  return {
    month,
    facilities: {
      byType: [...byType.values()],
      byStatus,
      total: byStatus.building + byStatus.operating + byStatus.closed,
      openedInMonth,
      closedInMonth,
    },
    beds,
    meals: {
      served: months.reduce((s, m) => s + m.meals_served, 0),
      subsidised: months.reduce((s, m) => s + m.meals_subsidised, 0),
    },
    missingMonthly: missingMonthly.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
    elderly: { total: people.length, byCategory, byRisk },
    visits: {
      due: rate.total.due,
      done: rate.total.done,
      rate: rate.total.rate,
      records: Number(visitRecords.n),
    },
  };
}
