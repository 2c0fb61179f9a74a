// 追溯: the records behind one figure, from the same sets (sets.ts) the figure aggregates, so the list's total is
// the figure itself. ID numbers are always masked here.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type {
  DibaoAttribute,
  PovertyCause,
  ReportArea,
  ReportCategory,
  TraceCaseRow,
  TraceMeasure,
  TracePersonRow,
  TraceResult,
} from '../../../shared/api/reports';
import { maskIdNumber } from '../../../shared/idcard';
import { birthYearOnly } from '../../../shared/mask';
import type { DB } from '../db/schema';
import { attributeCondition, CAUSE, rollOf } from './figures';
import {
  andWhere,
  grantedIn,
  latestAmountRowid,
  paidIn,
  personsOf,
  rowKeyIs,
  startedIn,
  stoppedIn,
  ROW_KEY,
  type CaseSet,
} from './sets';

export interface TraceQuery {
  month: string;
  category?: ReportCategory | undefined;
  area?: ReportArea | undefined;
  measure: TraceMeasure;
  villageId?: string | undefined;
  attribute?: DibaoAttribute | undefined;
  cause?: PovertyCause | undefined;
  linshiType?: 'emergency' | 'expenditure' | 'unknown' | undefined;
  offset: number;
  limit: number;
}

/** The set a figure aggregates. */
export function traceSet(q: TraceQuery): CaseSet {
  const isLinshi = q.category === 'linshi' || q.linshiType !== undefined;
  let set: CaseSet;
  if (isLinshi) {
    // A grant is new in its month and never exits.
    set =
      q.measure === 'exitHouseholds' || q.measure === 'exitPersons'
        ? andWhere(grantedIn(q.month, q.month), sql`0 = 1`)
        : grantedIn(q.month, q.month);
  } else if (q.measure === 'newHouseholds' || q.measure === 'newPersons') set = startedIn(q.month, q.month);
  else if (q.measure === 'exitHouseholds' || q.measure === 'exitPersons') set = stoppedIn(q.month, q.month);
  else set = paidIn(q.month);
  const extra: RawBuilder<unknown>[] = [];
  if (q.category) extra.push(rowKeyIs(q.category));
  if (q.area) extra.push(sql`c.area = ${q.area}`);
  if (q.villageId) extra.push(sql`h.village_id = ${q.villageId}`);
  if (q.cause) extra.push(sql`${CAUSE} = ${q.cause}`);
  if (q.linshiType)
    extra.push(q.linshiType === 'unknown' ? sql`c.linshi_type IS NULL` : sql`c.linshi_type = ${q.linshiType}`);
  for (const e of extra) set = andWhere(set, e);
  return set;
}

export async function traceFigure(db: Kysely<DB>, q: TraceQuery): Promise<TraceResult> {
  const set = traceSet(q);
  const personsMeasure =
    q.measure === 'persons' || q.measure === 'newPersons' || q.measure === 'exitPersons' || q.attribute !== undefined;
  if (personsMeasure) {
    const attr = q.attribute ? sql`AND ${attributeCondition(q.attribute, q.month)}` : sql``;
    const base = sql`FROM (${personsOf(set)}) s JOIN people p ON p.id = s.person_id
      JOIN cases c ON c.id = s.case_id JOIN villages v ON v.id = s.village_id WHERE 1 = 1 ${attr}`;
    const total = await sql<{ n: number }>`SELECT count(DISTINCT p.id) AS n ${base}`.execute(db);
    const rows = await sql<{
      id: string;
      name: string;
      id_number: string | null;
      sex: 'M' | 'F' | null;
      birth_date: string | null;
      case_no: string | null;
      village: string;
    }>`SELECT p.id, p.name, p.id_number, p.sex, p.birth_date, min(c.case_no) AS case_no, min(v.name) AS village ${base}
      GROUP BY p.id ORDER BY min(v.sort_order), p.name, p.id LIMIT ${q.limit} OFFSET ${q.offset}`.execute(db);
    const out: TracePersonRow[] = rows.rows.map((r) => ({
      personId: r.id,
      name: r.name,
      idNumber: r.id_number ? maskIdNumber(r.id_number) : '',
      sex: r.sex,
      birthYear: birthYearOnly(r.birth_date), // the year only beside a masked ID number (src/shared/mask.ts)
      caseNo: r.case_no,
      villageName: r.village,
    }));
    return { kind: 'persons', rows: out, total: total.rows[0]?.n ?? 0 };
  }

  const roll = await rollOf(db, q.month);
  const amount =
    roll?.status === 'confirmed'
      ? sql`CASE WHEN c.category = 'linshi' THEN c.grant_amount_fen
          ELSE (SELECT sum(l.amount_fen) FROM payment_roll_lines l WHERE l.roll_id = ${roll.id} AND l.case_id = c.id) END`
      : sql`CASE WHEN c.category = 'linshi' THEN c.grant_amount_fen
          ELSE (SELECT a.amount_fen FROM case_amounts a WHERE a.rowid = (${latestAmountRowid(sql`${q.month}`)})) END`;
  const memberMonthPersons = sql`(SELECT count(DISTINCT cm.person_id) FROM case_members cm WHERE cm.case_id = c.id AND ${set.memberCovered})`;
  const base = sql`FROM cases c JOIN households h ON h.id = c.household_id JOIN villages v ON v.id = h.village_id
    LEFT JOIN people hp ON hp.id = coalesce(h.head_person_id, c.person_id) WHERE ${set.where}`;
  // Households: one row per household (the figure counts distinct households); amount: one row per case.
  const perHousehold = q.measure !== 'amount';
  const total = await sql<{ n: number; fen: number | null }>`
    SELECT ${perHousehold ? sql`count(DISTINCT c.household_id)` : sql`count(*)`} AS n, sum(${amount}) AS fen ${base}`.execute(
    db,
  );
  const rows = await sql<{
    case_id: string;
    case_no: string | null;
    k: ReportCategory;
    area: ReportArea;
    village: string;
    head_name: string | null;
    head_id: string | null;
    persons: number;
    amount: number | null;
    start_month: string | null;
    stop_month: string | null;
  }>`SELECT c.id AS case_id, c.case_no, (${ROW_KEY}) AS k, c.area, v.name AS village, hp.name AS head_name,
      hp.id_number AS head_id, CASE WHEN ${memberMonthPersons} > 0 THEN ${memberMonthPersons}
        WHEN c.person_id IS NOT NULL THEN 1 ELSE 0 END AS persons,
      ${amount} AS amount, c.start_month, c.stop_month
    ${base} ${perHousehold ? sql`GROUP BY c.household_id` : sql``}
    ORDER BY v.sort_order, hp.name, c.id LIMIT ${q.limit} OFFSET ${q.offset}`.execute(db);
  const out: TraceCaseRow[] = rows.rows.map((r) => ({
    caseId: r.case_id,
    caseNo: r.case_no,
    category: r.k,
    area: r.area,
    villageName: r.village,
    headName: r.head_name ?? '',
    headId: r.head_id ? maskIdNumber(r.head_id) : '',
    persons: r.persons,
    amountFen: r.amount,
    startMonth: r.start_month,
    stopMonth: r.stop_month,
  }));
  return {
    kind: 'cases',
    rows: out,
    total: total.rows[0]?.n ?? 0,
    sumFen: q.measure === 'amount' ? (total.rows[0]?.fen ?? 0) : null,
  };
}
