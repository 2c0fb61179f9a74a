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
import { EXISTS_BIT, grainCases, PERSON_BITS, PERSON_CODE, type CaseTuple, type PersonCode } from './grain-read';
import { codesFilling, rowCode, type SetLabel } from './grain-codes';

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
  /** The row's key (set|row code|area|village|month|临时救助 type|致贫原因): the rows are handed out in its order. */
  key: string;
  /** The row's labels and its case counts (households, persons and attributes are filled in when handed out). */
  row: GrainRow;
  /** The attribute counts, in the order of GRAIN_ATTRIBUTES (no object keyed by name on the hot path). */
  attrs: Int32Array;
  /** Households by their rowid, with how many of the acc's cases name each. */
  households: Map<number, number>;
  /** person → how many times counted × MASKS + attribute mask (0 when not counted with attributes). */
  persons: Map<number | string, number>;
}

/**
 * The grain's counts kept between reads: the accs (multisets, so a case can be taken out as well as put in) and the
 * case tuples they hold. The kept cases (grain-read.ts) hand back the same tuple for a case not re-read, so what
 * changed is found by comparing tuples, whatever brought the cases up to date.
 */
interface Folded {
  accs: Map<number, Acc>;
  cases: Map<string, CaseTuple>;
}
const folded = new Map<string, Folded>();
/** Kept counts: a few months, with and without the 上月 and the attributes. */
const FOLDED = 12;

/** Above every attribute mask (grain-read.ts: one bit per attribute and the exists bit). */
const MASKS = 1 << 16;

const CAUSES = new Set(['illness', 'disability', 'education', 'disaster', 'no_labour']);

// A mask's bit i + 1 is PERSON_BITS[i] (grain-read.ts), which is GRAIN_ATTRIBUTES[i]: the counts are indexed by bit.
PERSON_BITS.forEach((a, i) => {
  if (GRAIN_ATTRIBUTES[i] !== a) throw new Error(`grain: attribute ${a} out of order`);
});
/** The index in GRAIN_ATTRIBUTES of each 致贫原因's count. */
const CAUSE_INDEX = new Map(
  Object.entries(CAUSE_ATTRS).map(([cause, a]) => [cause, GRAIN_ATTRIBUTES.indexOf(a)] as const),
);

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
  const cases = await grainCases(db, month, from, options.attributes);
  if (codesFilling()) folded.clear();
  const key = `${month}|${from}|${options.attributes}|${previous}`;
  let state = folded.get(key);
  folded.delete(key);
  const scope: Scope = { month, from, previous, attributes: options.attributes };
  // The cases that are new, re-read or gone since the counts were kept; from scratch when that is most of them.
  const changed: string[] = [];
  if (state) {
    const most = cases.size / 2;
    for (const [id, c] of cases) if (state.cases.get(id) !== c && changed.push(id) > most) break;
    for (const id of state.cases.keys()) if (changed.length <= most && !cases.has(id)) changed.push(id);
    if (changed.length > most) state = undefined;
  }
  if (!state) {
    state = { accs: new Map(), cases: new Map(cases) };
    for (const c of cases.values()) foldCase(state.accs, c, 1, scope);
  } else {
    // Every changed case out before any is put back: a person counted in two of them (both re-read when the person
    // changed) is then taken out entirely, and counted again with their attributes as they are now.
    for (const id of changed) {
      const was = state.cases.get(id);
      if (was) foldCase(state.accs, was, -1, scope);
    }
    for (const id of changed) {
      const now = cases.get(id);
      if (now) foldCase(state.accs, now, 1, scope);
      if (now) state.cases.set(id, now);
      else state.cases.delete(id);
    }
  }
  folded.set(key, state);
  for (const old of folded.keys()) {
    if (folded.size <= FOLDED) break;
    folded.delete(old);
  }
  // In the order of their keys: the same rows in the same order however the counts were brought up to date.
  const out: GrainRow[] = [];
  for (const acc of [...state.accs.values()].sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0))) {
    const a = noAttributes();
    GRAIN_ATTRIBUTES.forEach((name, i) => (a[name] = acc.attrs[i] ?? 0));
    out.push({ ...acc.row, households: acc.households.size, persons: acc.persons.size, a });
  }
  return out;
}

interface Scope {
  month: string;
  from: string;
  previous: string | null;
  attributes: boolean;
}

/** Puts a case into the accs (`sign` 1) or takes it out (-1): the sets it belongs to, as sets.ts defines them. */
function foldCase(accs: Map<number, Acc>, c: CaseTuple, sign: 1 | -1, o: Scope): void {
  const { month, from, previous } = o;
  if (c[1] === 'linshi') {
    const grant = c[6];
    if (grant !== null && grant >= from && grant <= month) add(accs, c, 'G', grant, sign, false);
    return;
  }
  const start = c[4];
  if (start === null) return;
  const stop = c[5];
  if (start <= month && (stop === null || stop > month)) add(accs, c, 'P', month, sign, o.attributes);
  if (previous !== null && start <= previous && (stop === null || stop > previous))
    add(accs, c, 'Q', previous, sign, false);
  if (start >= from && start <= month && (stop === null || stop > start)) add(accs, c, 'N', start, sign, false);
  if (stop !== null && stop >= from && stop <= month && start < stop) add(accs, c, 'X', stop, sign, false);
}

/** Counts case `c` into (or out of) its row of set `s` in month `m`; `attributes`: count its persons' attributes. */
function add(accs: Map<number, Acc>, c: CaseTuple, s: SetLabel, m: string, sign: 1 | -1, attributes: boolean): void {
  const cat = c[1];
  const split = cat === 'tekun' || cat === 'guer';
  const code = rowCode(c, s, m, split && c[2] === 'centralized');
  let acc = accs.get(code);
  const cause = c[13] !== null && CAUSES.has(c[13]) ? c[13] : 'other';
  if (!acc) {
    const k = split ? `${cat}_${c[2] === 'centralized' ? 'centralized' : 'dispersed'}` : cat;
    const ltype = cat === 'linshi' ? (c[10] ?? 'unknown') : '';
    acc = {
      key: `${s}|${k}|${c[3]}|${c[12]}|${m}|${ltype}|${cause}`,
      row: emptyGrainRow(s, k, c[3], c[12], m, ltype, cause),
      attrs: new Int32Array(GRAIN_ATTRIBUTES.length),
      households: new Map(),
      persons: new Map(),
    };
    accs.set(code, acc);
  }
  const g = acc.row;
  g.cases += sign;
  count(acc.households, c[7], sign);
  g.grantFen += sign * (c[11] ?? 0);
  const care = c[9];
  if (care === 'full') g.careFull += sign;
  else if (care === 'partial') g.carePartial += sign;
  else if (care === 'none') g.careNone += sign;
  else g.careUnknown += sign;
  // Attributes only for the 低保/特困 persons paid in M (the masks were looked up for exactly those).
  const withAttributes = attributes && (cat === 'dibao' || cat === 'tekun');
  const causeIndex = CAUSE_INDEX.get(cause) ?? -1;
  // A case with member rows counts its covered members; one without any (an individual case) its own person.
  const list = c[14];
  let times = 0;
  if (list.length === 0) {
    if (c[8] !== null) {
      times = 1;
      person(acc, c[8], withAttributes, sign, causeIndex);
    }
  } else {
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
      times++;
      person(acc, r[0], withAttributes, sign, causeIndex);
    }
  }
  g.personTimes += sign * times;
  if (g.cases === 0) accs.delete(code);
}

/**
 * Counts a person into (or out of) an acc. A person counted for the first time adds their attributes (`mask`, 0 when
 * not counted with attributes) and the household's 致贫原因; the last time taken out takes them away. Each person's
 * entry packs how many times they are counted above their attribute mask (no object per person).
 */
function person(acc: Acc, code: PersonCode, withAttributes: boolean, sign: 1 | -1, causeIndex: number): void {
  // By rowid (the mask below it); a person without a `people` row by their id, with no attributes.
  const id = typeof code === 'number' ? Math.floor(code / PERSON_CODE) : code;
  const mask = withAttributes && typeof code === 'number' ? code % PERSON_CODE : 0;
  const p = acc.persons.get(id);
  let bits = mask;
  if (p !== undefined) {
    const n = Math.floor(p / MASKS) + sign;
    if (n > 0) {
      acc.persons.set(id, p + sign * MASKS);
      return;
    }
    acc.persons.delete(id);
    bits = p % MASKS;
  } else acc.persons.set(id, MASKS + mask);
  if (!(bits & EXISTS_BIT)) return;
  const a = acc.attrs;
  for (let b = bits >> 1, i = 0; b !== 0; b >>= 1, i++) if (b & 1) a[i]! += sign;
  if (causeIndex >= 0) a[causeIndex]! += sign;
}

/** Counts `key` in or out of a multiset. */
function count<K>(m: Map<K, number>, key: K, sign: 1 | -1): void {
  const n = (m.get(key) ?? 0) + sign;
  if (n > 0) m.set(key, n);
  else m.delete(key);
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
