// The month's figures at their finest grain — set × row code × area × village × month × 临时救助 type × 致贫原因 —
// from ONE read of the month's cases with their member rows (one statement), added up here. SQLite's GROUP BY with a
// count(DISTINCT …) per column sorts every (case, person) row several times; counting into maps is a fraction of that, so the 22 rows, the 低保 village table, the 特困
// table with its care grades and the 临时救助 split all come from this one pass (docs/DECISIONS.md, issue 17).
// The sets are exactly paidIn / startedIn / stoppedIn / grantedIn (sets.ts), which the trace runs in SQL; the unit test
// test/unit/reports/grain.test.ts checks the two agree on a generated ledger.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../db';
import { DIBAO_ATTRIBUTES } from '../../../shared/api/reports';
import { attributeCondition, type Attribute } from './attributes';

/** The person attributes read from `people` (one bit each): the county 低保 table's, and 特困's 未满16周岁. */
const PERSON_BITS: Attribute[] = [...DIBAO_ATTRIBUTES, 'under16'];

/** Attributes counted (for 低保 and 特困 rows only, at the month given to monthGrain); 致贫原因 from the household. */
export const GRAIN_ATTRIBUTES = [
  ...DIBAO_ATTRIBUTES,
  'under16',
  'causeIllness',
  'causeDisability',
  'causeEducation',
  'causeDisaster',
  'causeNoLabour',
  'causeOther',
] as const;
export type GrainAttribute = (typeof GRAIN_ATTRIBUTES)[number];

/** Bit 0: the person exists in `people` (a member whose person row is missing counts, but has no attributes). */
const EXISTS_BIT = 1;
const bitOf = (a: Attribute): number => 2 << PERSON_BITS.indexOf(a);
const BITS: [Attribute, number][] = PERSON_BITS.map((a) => [a, bitOf(a)]);

const CAUSE_ATTRS: Record<string, GrainAttribute> = {
  illness: 'causeIllness',
  disability: 'causeDisability',
  education: 'causeEducation',
  disaster: 'causeDisaster',
  no_labour: 'causeNoLabour',
  other: 'causeOther',
};

export interface GrainRow {
  /** The set: 'P' paid in M, 'Q' paid in the month before (when asked), 'N' started, 'X' stopped, 'G' granted. */
  s: string;
  k: string;
  area: 'urban' | 'rural';
  village: string;
  month: string;
  ltype: string; // 临时救助 type ('emergency' | 'expenditure' | 'unknown'), '' for other rows
  /** The households' 致贫原因 (one per household, so households add up across causes). */
  cause: string;
  cases: number;
  households: number;
  grantFen: number;
  persons: number;
  /** (case, person) pairs: for 临时救助 the 人次 of the national forms. */
  personTimes: number;
  /** 特困 照料护理 grades (cases): 一档 full, 二档 partial, 三档 none, 未评定. */
  careFull: number;
  carePartial: number;
  careNone: number;
  careUnknown: number;
  a: Record<GrainAttribute, number>;
}

function noAttributes(): Record<GrainAttribute, number> {
  return {
    women: 0,
    elderly: 0,
    minors: 0,
    disabled: 0,
    labourPartial: 0,
    labourNone: 0,
    labour4Able: 0,
    labour4Partial: 0,
    labour4None: 0,
    labour4Age: 0,
    under16: 0,
    causeIllness: 0,
    causeDisability: 0,
    causeEducation: 0,
    causeDisaster: 0,
    causeNoLabour: 0,
    causeOther: 0,
  };
}

/** The person attributes of `p` as one integer (EXISTS_BIT | one bit per attribute); under16 only when asked. */
function attributeMask(month: string, under16: boolean): RawBuilder<unknown> {
  const bits = PERSON_BITS.filter((a) => under16 || a !== 'under16').map(
    (a) => sql`CASE WHEN ${attributeCondition(a, month)} THEN ${sql.raw(String(bitOf(a)))} ELSE 0 END`,
  );
  return sql`${sql.raw(String(EXISTS_BIT))} + ${sql.join(bits, sql` + `)}`;
}

interface Acc {
  row: GrainRow;
  /** Households by their rowid. */
  households: Set<number>;
  /** person → attribute mask (0 when not counted with attributes). */
  persons: Map<string, number>;
}

const CAUSES = new Set(['illness', 'disability', 'education', 'disaster', 'no_labour']);

/**
 * The grain of a month's sets (as sets.ts defines them): 'P' paid in M, 'N' started in from..M, 'X' stopped in from..M
 * (from = January unless given), 'G' 临时救助 granted in from..M. With `attributes`, the person attributes of the
 * 低保 and 特困 persons paid in M are counted (other rows leave them 0).
 */
export async function monthGrain(
  db: Kysely<DB>,
  month: string,
  options: { from?: string; attributes: boolean; previous?: string },
): Promise<GrainRow[]> {
  const from = options.from ?? `${month.slice(0, 4)}-01`;
  // 'Q': paid in the previous month (the 上月 column), without attributes; its cases are in the scope below only when
  // that month is in the same year (from <= previous).
  const previous = options.previous !== undefined && options.previous >= from ? options.previous : null;
  const scope = sql`+c.status IN ('active','stopped') AND c.pending_batch_id IS NULL AND ((c.category <> 'linshi' AND c.start_month <= ${month}
    AND (c.stop_month IS NULL OR c.stop_month >= ${from})) OR (c.category = 'linshi' AND c.grant_month BETWEEN ${from} AND ${month}))`;
  const paidM = sql`c.category IN ('dibao','tekun') AND c.start_month <= ${month} AND (c.stop_month IS NULL OR c.stop_month > ${month})`;
  // The attribute masks are looked up only for persons that count with attributes (低保/特困 paid in M).
  const mask = (who: RawBuilder<unknown>) =>
    options.attributes
      ? sql`CASE WHEN c.category = 'tekun' THEN (SELECT ${attributeMask(month, true)} FROM people p WHERE p.id = ${who})
          ELSE (SELECT ${attributeMask(month, false)} FROM people p WHERE p.id = ${who}) END`
      : sql`NULL`;
  // The statement hands back ONE JSON array: a value crossing from SQLite to JavaScript costs more than the row itself,
  // and JSON.parse builds the 60,000 small arrays of a large ledger several times faster. Each case carries its member
  // rows (one correlated look-up in case_members_case_month), so the cases are read once and nothing is regrouped here.
  const cases = await sql<{ j: string }>`SELECT json_group_array(json_array(c.rowid, c.category, c.support_mode, c.area,
      c.start_month, c.stop_month, c.grant_month, h.rowid, c.person_id, c.care_grade, c.linshi_type,
      c.grant_amount_fen, h.village_id, h.poverty_cause,
      CASE WHEN c.person_id IS NOT NULL AND ${paidM} THEN ${mask(sql.raw('c.person_id'))} END,
      json((SELECT json_group_array(json_array(cm.person_id, cm.start_month, cm.stop_month,
          CASE WHEN ${paidM} AND cm.start_month <= ${month} AND (cm.stop_month IS NULL OR cm.stop_month > ${month})
            THEN ${mask(sql.raw('cm.person_id'))} END))
        FROM case_members cm WHERE cm.case_id = c.id)))) AS j
    FROM cases c NOT INDEXED JOIN households h ON h.id = c.household_id WHERE ${scope}`.execute(db);
  // [member person, start month, stop month, attribute mask (only when it counts with attributes)]
  type MemberTuple = [string, string, string | null, number | null];
  // [rowid, category, 供养方式, area, start, stop, grant month, household (its rowid), person, care grade,
  //  临时救助 type, grant fen, village, 致贫原因, attribute mask of the case's own person (only when it counts with
  //  attributes), the case's member rows]
  type CaseTuple = [
    number,
    string,
    string | null,
    'urban' | 'rural',
    string | null,
    string | null,
    string | null,
    number,
    string | null,
    string | null,
    string | null,
    number | null,
    string,
    string | null,
    number | null,
    MemberTuple[],
  ];
  const caseList = JSON.parse(cases.rows[0]?.j ?? '[]') as CaseTuple[];

  const accs = new Map<string, Acc>();
  const add = (c: CaseTuple, s: 'P' | 'Q' | 'N' | 'X' | 'G', m: string): void => {
    const cat = c[1];
    const k =
      cat === 'tekun' || cat === 'guer' ? `${cat}_${c[2] === 'centralized' ? 'centralized' : 'dispersed'}` : cat;
    const ltype = cat === 'linshi' ? (c[10] ?? 'unknown') : '';
    const cause = c[13] !== null && CAUSES.has(c[13]) ? c[13] : 'other';
    const key = `${s}|${k}|${c[3]}|${c[12]}|${m}|${ltype}|${cause}`;
    let acc = accs.get(key);
    if (!acc) {
      acc = { row: emptyGrainRow(s, k, c[3], c[12], m, ltype, cause), households: new Set(), persons: new Map() };
      accs.set(key, acc);
    }
    const g = acc.row;
    g.cases += 1;
    acc.households.add(c[7]);
    g.grantFen += c[11] ?? 0;
    const care = c[9];
    if (care === 'full') g.careFull += 1;
    else if (care === 'partial') g.carePartial += 1;
    else if (care === 'none') g.careNone += 1;
    else g.careUnknown += 1;
    // Attributes only for the 低保/特困 persons paid in M (the masks were looked up for exactly those).
    const withAttributes = options.attributes && s === 'P' && (cat === 'dibao' || cat === 'tekun');
    const persons = acc.persons;
    // A case with member rows counts its covered members; one without any (an individual case) its own person.
    const list = c[15];
    if (list.length === 0) {
      if (c[8] !== null) {
        g.personTimes += 1;
        if (!persons.has(c[8])) persons.set(c[8], withAttributes ? (c[14] ?? 0) : 0);
      }
      return;
    }
    const start = c[4] ?? '';
    const stop = c[5] ?? '';
    for (const r of list) {
      const f = r[1];
      const t = r[2];
      // The member coverage of each set, as paidIn / startedIn / stoppedIn / grantedIn define it (sets.ts).
      const covered =
        s === 'P' || s === 'Q'
          ? f <= m && (t === null || t > m)
          : s === 'N'
            ? f <= start && (t === null || t > start)
            : s === 'X'
              ? f < stop && (t === null || t >= stop)
              : true;
      if (!covered) continue;
      g.personTimes += 1;
      if (!persons.has(r[0])) persons.set(r[0], withAttributes ? (r[3] ?? 0) : 0);
    }
  };

  for (const c of caseList) {
    if (c[1] === 'linshi') {
      const grant = c[6];
      if (grant !== null && grant >= from && grant <= month) add(c, 'G', grant);
      continue;
    }
    const start = c[4];
    if (start === null) continue;
    const stop = c[5];
    if (start <= month && (stop === null || stop > month)) add(c, 'P', month);
    if (previous !== null && start <= previous && (stop === null || stop > previous)) add(c, 'Q', previous);
    if (start >= from && start <= month && (stop === null || stop > start)) add(c, 'N', start);
    if (stop !== null && stop >= from && stop <= month && start < stop) add(c, 'X', stop);
  }

  const out: GrainRow[] = [];
  for (const acc of accs.values()) {
    const g = acc.row;
    g.households = acc.households.size;
    g.persons = acc.persons.size;
    const causeAttr = CAUSE_ATTRS[g.cause];
    for (const mask of acc.persons.values()) {
      if (!(mask & EXISTS_BIT)) continue;
      for (const [a, bit] of BITS) if (mask & bit) g.a[a] += 1;
      if (causeAttr) g.a[causeAttr] += 1;
    }
    out.push(g);
  }
  return out;
}

function emptyGrainRow(
  s: string,
  k: string,
  area: 'urban' | 'rural',
  village: string,
  month: string,
  ltype: string,
  cause: string,
): GrainRow {
  return {
    s,
    k,
    area,
    village,
    month,
    ltype,
    cause,
    cases: 0,
    households: 0,
    grantFen: 0,
    persons: 0,
    personTimes: 0,
    careFull: 0,
    carePartial: 0,
    careNone: 0,
    careUnknown: 0,
    a: noAttributes(),
  };
}

export interface GrainSum {
  cases: number;
  households: number;
  persons: number;
  personTimes: number;
  grantFen: number;
  careFull: number;
  carePartial: number;
  careNone: number;
  careUnknown: number;
  a: Record<GrainAttribute, number>;
}

export function sumGrain(rows: GrainRow[], pick: (r: GrainRow) => boolean): GrainSum {
  const s: GrainSum = {
    cases: 0,
    households: 0,
    persons: 0,
    personTimes: 0,
    grantFen: 0,
    careFull: 0,
    carePartial: 0,
    careNone: 0,
    careUnknown: 0,
    a: noAttributes(),
  };
  for (const r of rows) {
    if (!pick(r)) continue;
    s.cases += r.cases;
    s.households += r.households;
    s.persons += r.persons;
    s.personTimes += r.personTimes;
    s.grantFen += r.grantFen;
    s.careFull += r.careFull;
    s.carePartial += r.carePartial;
    s.careNone += r.careNone;
    s.careUnknown += r.careUnknown;
    for (const a of GRAIN_ATTRIBUTES) s.a[a] += r.a[a];
  }
  return s;
}
