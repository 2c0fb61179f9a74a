// The month's figures at their finest grain — row code × area × village × month (× 临时救助 type) — from two SQL
// aggregates per set (cases and persons), so one pass over the cases serves the summary rows, the village table
// and the year-to-date sums. A household belongs to one village and a person to one household, so households and
// persons add up exactly across villages; the 合计 of the village table is still recomputed on its own (checks).
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { attributeCondition } from './figures';
import { personsOf, ROW_KEY, type CaseSet } from './sets';

export interface GrainRow {
  k: string;
  area: 'urban' | 'rural';
  village: string;
  month: string;
  ltype: string; // 临时救助 type ('emergency' | 'expenditure' | 'unknown'), '' for other rows
  cases: number;
  households: number;
  grantFen: number;
  persons: number;
  women: number;
  elderly: number;
  minors: number;
  disabled: number;
  labourPartial: number;
  labourNone: number;
}

const LTYPE = sql.raw(`CASE WHEN c.category = 'linshi' THEN coalesce(c.linshi_type, 'unknown') ELSE '' END`);

/**
 * Grain rows of a set; the person categories of the county 低保 table (women, elderly …) are counted for 低保 rows at
 * `attributesMonth` when given (other rows leave them 0).
 */
export async function grainOf(db: Kysely<DB>, set: CaseSet, attributesMonth: string | null): Promise<GrainRow[]> {
  const cases = await sql<{
    k: string;
    area: 'urban' | 'rural';
    village: string;
    month: string;
    ltype: string;
    cases: number;
    households: number;
    grant_fen: number | null;
  }>`SELECT (${ROW_KEY}) AS k, c.area AS area, h.village_id AS village, ${set.monthOf} AS month, ${LTYPE} AS ltype,
      count(*) AS cases, count(DISTINCT c.household_id) AS households, sum(coalesce(c.grant_amount_fen, 0)) AS grant_fen
    FROM cases c JOIN households h ON h.id = c.household_id WHERE ${set.where}
    GROUP BY 1, 2, 3, 4, 5`.execute(db);

  // Persons are made distinct once per grain, then counted with plain sums (cheaper than one DISTINCT per column).
  const attr = (name: 'women' | 'elderly' | 'minors' | 'disabled' | 'labourPartial' | 'labourNone') =>
    attributesMonth ? sql`sum(CASE WHEN ${attributeCondition(name, attributesMonth)} THEN 1 ELSE 0 END)` : sql`0`;
  const persons = await sql<{
    k: string;
    area: string;
    village: string;
    month: string;
    ltype: string;
    persons: number;
    women: number;
    elderly: number;
    minors: number;
    disabled: number;
    lp: number;
    ln: number;
  }>`SELECT d.k, d.area, d.village, d.month, d.ltype, count(*) AS persons, ${attr('women')} AS women,
      ${attr('elderly')} AS elderly, ${attr('minors')} AS minors, ${attr('disabled')} AS disabled,
      ${attr('labourPartial')} AS lp, ${attr('labourNone')} AS ln
    FROM (SELECT DISTINCT s.k, s.area, s.village_id AS village, s.month, s.ltype, s.person_id FROM (${personsOf(set)}) s) d
    ${attributesMonth ? sql`LEFT JOIN people p ON d.k = 'dibao' AND p.id = d.person_id` : sql``}
    GROUP BY 1, 2, 3, 4, 5`.execute(db);

  const key = (r: { k: string; area: string; village: string; month: string; ltype: string }) =>
    `${r.k}|${r.area}|${r.village}|${r.month}|${r.ltype}`;
  const out = new Map<string, GrainRow>();
  for (const r of cases.rows) {
    out.set(key(r), {
      k: r.k,
      area: r.area,
      village: r.village,
      month: r.month,
      ltype: r.ltype,
      cases: r.cases,
      households: r.households,
      grantFen: r.grant_fen ?? 0,
      persons: 0,
      women: 0,
      elderly: 0,
      minors: 0,
      disabled: 0,
      labourPartial: 0,
      labourNone: 0,
    });
  }
  for (const r of persons.rows) {
    const g = out.get(key(r));
    if (!g) continue; // cannot happen: every person row belongs to a case of the set
    g.persons = r.persons;
    g.women = r.women;
    g.elderly = r.elderly;
    g.minors = r.minors;
    g.disabled = r.disabled;
    g.labourPartial = r.lp;
    g.labourNone = r.ln;
  }
  return [...out.values()];
}

export interface GrainSum {
  cases: number;
  households: number;
  persons: number;
  grantFen: number;
  women: number;
  elderly: number;
  minors: number;
  disabled: number;
  labourPartial: number;
  labourNone: number;
}

export function sumGrain(rows: GrainRow[], pick: (r: GrainRow) => boolean): GrainSum {
  const s: GrainSum = {
    cases: 0,
    households: 0,
    persons: 0,
    grantFen: 0,
    women: 0,
    elderly: 0,
    minors: 0,
    disabled: 0,
    labourPartial: 0,
    labourNone: 0,
  };
  for (const r of rows) {
    if (!pick(r)) continue;
    s.cases += r.cases;
    s.households += r.households;
    s.persons += r.persons;
    s.grantFen += r.grantFen;
    s.women += r.women;
    s.elderly += r.elderly;
    s.minors += r.minors;
    s.disabled += r.disabled;
    s.labourPartial += r.labourPartial;
    s.labourNone += r.labourNone;
  }
  return s;
}
