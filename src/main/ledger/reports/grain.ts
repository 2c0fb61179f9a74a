// The month's figures at their finest grain — row code × area × village × month (× 临时救助 type) — from two SQL
// aggregates per set (cases and persons), so one pass over the cases serves the summary rows, the village table,
// the 特困 table and the year-to-date sums. A household belongs to one village and a person to one household, so
// households and persons add up exactly across villages; the 合计 of the village table is still recomputed on its
// own (checks).
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { attributeCondition, type Attribute } from './figures';
import { CAUSE, personsOf, ROW_KEY, type CaseSet } from './sets';

/** Person attributes counted (for 低保 and 特困 rows only, at the month given to grainOf). */
export const GRAIN_ATTRIBUTES = [
  'women',
  'elderly',
  'minors',
  'disabled',
  'labourPartial',
  'labourNone',
  'labour4Able',
  'labour4Partial',
  'labour4None',
  'labour4Age',
  'under16',
  'causeIllness',
  'causeDisability',
  'causeEducation',
  'causeDisaster',
  'causeNoLabour',
  'causeOther',
] as const;
export type GrainAttribute = (typeof GRAIN_ATTRIBUTES)[number];

const CAUSE_ATTRS: Record<string, string> = {
  causeIllness: 'illness',
  causeDisability: 'disability',
  causeEducation: 'education',
  causeDisaster: 'disaster',
  causeNoLabour: 'no_labour',
  causeOther: 'other',
};

export interface GrainRow {
  /** The set (monthSets): 'P' paid in M, 'N' started, 'X' stopped, 'G' granted; '' for a plain set. */
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

const LTYPE = sql.raw(`CASE WHEN c.category = 'linshi' THEN coalesce(c.linshi_type, 'unknown') ELSE '' END`);
const WITH_ATTRIBUTES = `('dibao','tekun_centralized','tekun_dispersed')`;

function noAttributes(): Record<GrainAttribute, number> {
  return Object.fromEntries(GRAIN_ATTRIBUTES.map((a) => [a, 0])) as Record<GrainAttribute, number>;
}

/**
 * Grain rows of a set; the person attributes of the county 低保 table and the 特困 table (women, elderly …, 致贫原因
 * per person) are counted for 低保 and 特困 rows at `attributesMonth` when given (other rows leave them 0).
 */
export async function grainOf(db: Kysely<DB>, set: CaseSet, attributesMonth: string | null): Promise<GrainRow[]> {
  const label = set.label ?? sql`''`;
  const cases = await sql<{
    s: string;
    k: string;
    area: 'urban' | 'rural';
    village: string;
    month: string;
    ltype: string;
    cause: string;
    cases: number;
    households: number;
    grant_fen: number | null;
    cf: number;
    cp: number;
    cn: number;
  }>`SELECT ${label} AS s, (${ROW_KEY}) AS k, c.area AS area, h.village_id AS village, ${set.monthOf} AS month,
      ${LTYPE} AS ltype, ${CAUSE} AS cause, count(*) AS cases, count(DISTINCT c.household_id) AS households,
      sum(coalesce(c.grant_amount_fen, 0)) AS grant_fen,
      sum(c.care_grade = 'full') AS cf, sum(c.care_grade = 'partial') AS cp, sum(c.care_grade = 'none') AS cn
    FROM cases c JOIN households h ON h.id = c.household_id ${set.expand ?? sql``} WHERE ${set.where}
    GROUP BY 1, 2, 3, 4, 5, 6, 7`.execute(db);

  // Persons are made distinct once per grain (counting the (case, person) pairs on the way: 人次), then their
  // attributes are counted with plain sums (cheaper than one DISTINCT per column) — for the paid 低保/特困 only.
  const attrs = attributesMonth
    ? sql.join(
        GRAIN_ATTRIBUTES.map((name) => {
          const cond =
            name in CAUSE_ATTRS
              ? sql`d.cause = ${CAUSE_ATTRS[name]}`
              : attributeCondition(name as Attribute, attributesMonth);
          // 未满16周岁（不含孤儿） is a 特困 category only (its orphan test is a lookup per person).
          const only = name === 'under16' ? sql`d.k <> 'dibao' AND ` : sql``;
          return sql`sum(CASE WHEN p.id IS NOT NULL AND ${only}${cond} THEN 1 ELSE 0 END) AS ${sql.ref(name)}`;
        }),
      )
    : sql.join(GRAIN_ATTRIBUTES.map((name) => sql`0 AS ${sql.ref(name)}`));
  const persons = await sql<
    {
      s: string;
      k: string;
      area: string;
      village: string;
      month: string;
      ltype: string;
      cause: string;
      persons: number;
      times: number;
    } & Record<GrainAttribute, number>
  >`SELECT d.s, d.k, d.area, d.village, d.month, d.ltype, d.cause, count(*) AS persons, sum(d.times) AS times, ${attrs}
    FROM (SELECT x.s, x.k, x.area, x.village_id AS village, x.month, x.ltype, x.cause, x.person_id, count(*) AS times
          FROM (${personsOf(set)}) x GROUP BY 1, 2, 3, 4, 5, 6, 7, 8) d
    ${
      attributesMonth
        ? sql`LEFT JOIN people p ON d.s IN ('', 'P') AND d.k IN ${sql.raw(WITH_ATTRIBUTES)} AND p.id = d.person_id`
        : sql``
    }
    GROUP BY 1, 2, 3, 4, 5, 6, 7`.execute(db);

  const key = (r: {
    s: string;
    k: string;
    area: string;
    village: string;
    month: string;
    ltype: string;
    cause: string;
  }) => `${r.s}|${r.k}|${r.area}|${r.village}|${r.month}|${r.ltype}|${r.cause}`;
  const out = new Map<string, GrainRow>();
  for (const r of cases.rows) {
    out.set(key(r), {
      s: r.s,
      k: r.k,
      area: r.area,
      village: r.village,
      month: r.month,
      ltype: r.ltype,
      cause: r.cause,
      cases: r.cases,
      households: r.households,
      grantFen: r.grant_fen ?? 0,
      persons: 0,
      personTimes: 0,
      careFull: r.cf ?? 0,
      carePartial: r.cp ?? 0,
      careNone: r.cn ?? 0,
      careUnknown: r.cases - (r.cf ?? 0) - (r.cp ?? 0) - (r.cn ?? 0),
      a: noAttributes(),
    });
  }
  for (const r of persons.rows) {
    const g = out.get(key(r));
    if (!g) continue; // cannot happen: every person row belongs to a case of the set
    g.persons = r.persons;
    g.personTimes = r.times ?? 0;
    // Rows of other categories and sets carry no attributes (the people join is skipped for them).
    for (const a of GRAIN_ATTRIBUTES) g.a[a] = r[a] ?? 0;
  }
  return [...out.values()];
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
