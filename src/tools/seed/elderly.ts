// The benchmark ledger's elderly-services data (养老服务台账): service facilities (60 on the 20,000-household ledger)
// with a monthly figures row for every month they were open, and a register of elderly people (3,000 there) with special difficulties (特殊困难老年人) visited
// over the whole span at the frequency of their risk level (about 150,000 visits over ten years). Deterministic (one
// Rng stream per facility/person); rows are typed by the table contract (stations/tables.ts) and written in bulk.
import type {
  ElderlyCategory,
  ElderlyPeopleTable,
  ElderlyVisitsTable,
  FacilitiesTable,
  FacilityMonthsTable,
  FacilityType,
  RiskLevel,
  VisitWay,
} from '../../main/ledger/stations';
import type { SeedVillage, SpanInfo } from './households';
import { givenName, surname, type IdNumbers } from './names';
import type { Rng } from './random';
import { dateIn, isoOf, monthStr, msecsOf } from './time';

/**
 * The register's size for a township of `households` (the whole ledger's scale: 20,000 households -> 60 facilities
 * and 3,000 people; smaller ledgers proportionally fewer, at least 3 facilities and 30 people).
 */
export function elderlyScale(households: number): { facilities: number; people: number } {
  return {
    facilities: Math.min(60, Math.max(3, Math.round((households * 60) / 20_000))),
    people: Math.min(3000, Math.max(30, Math.round((households * 3000) / 20_000))),
  };
}

export interface ElderlyRows {
  facilities: FacilitiesTable[];
  months: FacilityMonthsTable[];
  people: ElderlyPeopleTable[];
  visits: ElderlyVisitsTable[];
}

const TYPES: (readonly [FacilityType, number])[] = [
  ['center', 2],
  ['station', 20],
  ['mutual_aid', 20],
  ['meal_point', 14],
  ['nursing_home', 4],
];
const TYPE_NAME: Record<FacilityType, string> = {
  center: '养老服务中心',
  station: '社区养老服务站',
  mutual_aid: '互助养老点',
  meal_point: '助餐点',
  nursing_home: '敬老院',
  other: '养老服务点',
};
const CATEGORIES: ElderlyCategory[] = ['alone', 'empty_nest', 'left_behind', 'disabled', 'severe_disability'];
const RISKS: (readonly [RiskLevel, number])[] = [
  ['high', 2],
  ['key', 22],
  ['general', 76],
];
/**
 * Days between visits by risk level, about the default visit plan's (stations/rules.ts: 高风险 weekly, 重点 monthly,
 * 一般 quarterly); with the risk mix above, ~150,000 visits for 3,000 people over ten years.
 */
const EVERY: Record<RiskLevel, number> = { high: 7, key: 31, general: 92 };
const WAYS: (readonly [VisitWay, number])[] = [
  ['home', 6],
  ['phone', 3],
  ['video', 1],
  ['volunteer', 1],
  ['neighbour', 1],
];
const DAY = 86_400_000;
const dayOf = (msecs: number): string => isoOf(msecs).slice(0, 10);

export function planElderly(
  rng: Rng,
  villages: readonly SeedVillage[],
  span: SpanInfo,
  ids: IdNumbers,
  visitor: { id: string; name: string },
  scale: { facilities: number; people: number },
): ElderlyRows {
  const rows: ElderlyRows = { facilities: [], months: [], people: [], visits: [] };
  const startMs = msecsOf(dateIn(span.firstIdx, 1));
  const endMs = msecsOf(dateIn(span.lastIdx, 28));
  for (let i = 0; i < scale.facilities; i++) {
    const r = rng.fork(`facility:${i}`);
    const type = r.weighted(TYPES);
    const village = r.pick(villages);
    // A third existed before the span; the others opened during it.
    const openIdx = r.chance(0.35) ? span.firstIdx - r.int(1, 60) : r.int(span.firstIdx, span.lastIdx);
    const opened = dateIn(openIdx, r.int(1, 28));
    const msecs = msecsOf(opened < span.startDate ? span.startDate : opened, r.int(0, 7200));
    const beds = type === 'nursing_home' ? r.int(40, 120) : type === 'center' ? r.int(10, 40) : 0;
    const occupied = Math.floor(beds * (0.5 + r.next() * 0.4));
    const items = type === 'meal_point' ? ['meal'] : ['meal', 'bath', 'medical'].filter(() => r.chance(0.7));
    const id = r.id(msecs);
    rows.facilities.push({
      id,
      name: `${village.name}${TYPE_NAME[type]}${i + 1}`,
      type,
      village_id: village.id,
      address: `${village.name}${r.int(1, 99)}号`,
      operator_name: type === 'nursing_home' || type === 'center' ? '镇民政办' : `${village.name}村(居)民委员会`,
      operator_uscc: null,
      legal_form: 'unregistered',
      operating_model: 'public_public',
      premises: 'owned',
      contact_name: surname(r) + givenName(r, r.chance(0.5) ? 'M' : 'F'),
      contact_phone: `13${r.digits(9)}`,
      opened_on: opened,
      status: 'operating',
      closed_on: null,
      close_reason: null,
      beds_total: beds,
      beds_nursing: Math.floor(beds / 3),
      beds_occupied: occupied,
      staff_count: r.int(1, 12),
      carer_count: beds > 0 ? r.int(2, 20) : 0,
      service_items: JSON.stringify(items),
      remark: null,
      created_at: isoOf(msecs),
      updated_at: isoOf(msecs),
      version: 1,
    });
    const mealBase = type === 'meal_point' || items.includes('meal') ? r.int(200, 1500) : 0;
    for (let m = Math.max(openIdx, span.firstIdx); m <= span.lastIdx; m++) {
      const meals = Math.floor(mealBase * (0.8 + r.next() * 0.4));
      const at = msecsOf(dateIn(m + 1, r.int(1, 5)), r.int(0, 7200));
      const served: Record<string, number> = {};
      for (const it of items) served[it] = it === 'meal' ? Math.floor(meals / 20) : r.int(5, 60);
      rows.months.push({
        id: r.id(at),
        facility_id: id,
        month: monthStr(m),
        meals_served: meals,
        meals_subsidised: Math.floor(meals * 0.6),
        served: JSON.stringify(served),
        beds_occupied: Math.min(beds, Math.max(0, occupied + r.int(-3, 3))),
        note: null,
        created_at: isoOf(at),
        updated_at: isoOf(at),
        version: 1,
      });
    }
  }
  for (let i = 0; i < scale.people; i++) {
    const r = rng.fork(`elderly:${i}`);
    const sex = r.chance(0.55) ? 'F' : 'M';
    const birth = `${r.int(1926, 1958)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
    // Half were on the register when the span starts; the others are registered during it.
    const regMs = r.chance(0.5) ? startMs : startMs + Math.floor(r.next() * (endMs - startMs));
    const registered = dayOf(regMs);
    const ended = r.chance(0.12) ? Math.min(endMs, regMs + r.duration(3 * 365) * DAY) : null;
    const risk = r.weighted(RISKS);
    const village = r.pick(villages);
    const cats = CATEGORIES.filter((_, k) => k === i % CATEGORIES.length || r.chance(0.1));
    const id = r.id(regMs + r.int(0, 7200) * 1000);
    rows.people.push({
      id,
      person_id: null,
      id_number: ids.make(r, birth, sex),
      name: surname(r) + givenName(r, sex),
      sex,
      birth_date: birth,
      village_id: village.id,
      address: `${village.name}${r.int(1, 200)}号`,
      phone: r.chance(0.6) ? `13${r.digits(9)}` : null,
      categories: JSON.stringify(cats),
      risk_level: risk,
      contact_name: surname(r) + givenName(r, r.chance(0.5) ? 'M' : 'F'),
      contact_phone: `13${r.digits(9)}`,
      registered_on: registered,
      status: ended === null ? 'active' : 'ended',
      ended_on: ended === null ? null : dayOf(ended),
      end_reason: ended === null ? null : '去世',
      remark: null,
      created_at: isoOf(regMs),
      updated_at: isoOf(ended ?? regMs),
      version: ended === null ? 1 : 2,
    });
    const until = ended ?? endMs;
    for (
      let t = regMs + r.int(1, EVERY[risk]) * DAY;
      t <= until;
      t += r.int(Math.round(EVERY[risk] * 0.85), EVERY[risk]) * DAY
    ) {
      const at = t + r.int(0, 28_800) * 1000;
      rows.visits.push({
        id: r.id(at),
        elderly_id: id,
        visited_on: dayOf(at),
        way: r.weighted(WAYS),
        visitor: visitor.name,
        findings: r.chance(0.9) ? '身体状况良好，生活正常' : '身体欠佳，已告知家属',
        problems: null,
        referral: null,
        voided: 0,
        void_reason: null,
        created_by: visitor.id,
        created_at: isoOf(at),
        updated_at: isoOf(at),
        version: 1,
      });
    }
  }
  return rows;
}
