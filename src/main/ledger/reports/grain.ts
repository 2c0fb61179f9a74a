// The month's figures at their finest grain — set × row code × area × village × month × 临时救助 type × 致贫原因 —
// from ONE read of the month's cases with their member rows (one statement, grain-read.ts; kept per case and
// brought up to date from the log of changed cases), added up here. SQLite's GROUP BY with a
// count(DISTINCT …) per column sorts every (case, person) row several times; counting into maps is a fraction of that, so the 22 rows, the 低保 village table, the 特困
// table with its care grades and the 临时救助 split all come from this one pass (docs/DECISIONS.md, issue 17).
// The sets are exactly paidIn / startedIn / stoppedIn / grantedIn (sets.ts), which the trace runs in SQL; the unit test
// test/unit/reports/grain.test.ts checks the two agree on a generated ledger.
import type { Kysely } from 'kysely';
import type { DB } from '../db';
import { DIBAO_ATTRIBUTES } from '../../../shared/api/reports';
import { BITS, EXISTS_BIT, grainCases, type CaseTuple } from './grain-read';

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
  const caseList = await grainCases(db, month, from, options.attributes);

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

  for (const c of caseList.values()) {
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

  // In the order of their keys: the same rows in the same order however the kept cases were brought up to date.
  const out: GrainRow[] = [];
  for (const key of [...accs.keys()].sort()) {
    const acc = accs.get(key) as Acc;
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
