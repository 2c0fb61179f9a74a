// The month's paid cases with their covered persons, as cases.csv and persons.csv list them (details.ts), kept per
// case between packages (case-log.ts): a package built after a clerk's write re-reads the cases that write touched,
// not the whole month. What a kept row holds depends only on its case, its members, its household and the persons of
// the case and its members — what the log of changed cases follows. The household head's name and number (the head
// need not be a member) and the villages' names and order are read anew for every package.
// docs/DECISIONS.md ("The monthly package: …").
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db';
import { statementOf } from '../kernel';
import { BIRTH_DATE } from './attributes';
import { casesOf, keptCaseRows } from './case-log';
import type { CATEGORY_NAMES } from './labels';
import { amountFenInForce, paidIn, ROW_KEY } from './sets';

type Code = keyof typeof CATEGORY_NAMES;
export type Area = 'urban' | 'rural';
/** A covered person: name, ID number, sex, birth date, disability grade, labour capacity. */
export type PaidPerson = [string, string | null, 'M' | 'F' | null, string | null, number | null, string | null];

/** A paid case as kept (no names of villages or heads: those are not followed by the log). */
interface KeptCase {
  id: string;
  caseNo: string | null;
  k: Code;
  area: Area;
  villageId: string;
  /** The case's own person, else the household's head. */
  headId: string | null;
  /**
   * The head's name and ID number, kept when the log follows the head: the case's own person, or a person with a
   * member row in the case (null: read for each package).
   */
  headKept: [string | null, string | null] | null;
  start: string | null;
  stop: string | null;
  /** Covered member rows (保障人数). */
  members: number;
  /** The amount in force in the month (kept only for a month without a confirmed roll). */
  fen: number | null;
  /** persons.csv's persons of the case (personsOf's), by name as SQLite orders text. */
  persons: PaidPerson[];
}

/** A paid case ready to be written: its kept row with the village's and the head's names. */
export interface PaidCase extends KeptCase {
  village: string;
  /** The village's place in the village order (the first sort key). */
  order: number | null;
  head: string | null;
  headIdNumber: string | null;
}

type Line = [
  id: string,
  caseNo: string | null,
  k: Code,
  area: Area,
  villageId: string,
  headId: string | null,
  headFollowed: 0 | 1,
  headName: string | null,
  headIdNumber: string | null,
  start: string | null,
  stop: string | null,
  fen: number | null,
  member: 0 | 1,
  person: 0 | 1,
  ...PaidPerson,
];

/** The paid cases of `month` with their persons, read in full (ids null) or for the cases of `ids`. */
function readPaid(db: Kysely<DB>, raw: DetailRaw, month: string, draft: boolean, ids: string[] | null): KeptCase[] {
  const paid = paidIn(month);
  // The cases of a full read by a scan of the table: a month pays most live cases.
  const q = sql`SELECT c.id, c.case_no, (${ROW_KEY}), c.area, h.village_id, coalesce(c.person_id, h.head_person_id),
      c.person_id IS NOT NULL OR EXISTS (SELECT 1 FROM case_members y WHERE y.case_id = c.id
        AND y.person_id = h.head_person_id), hp.name, hp.id_number, c.start_month, c.stop_month, ${draft ? sql`(${amountFenInForce(sql`${month}`)})` : sql`NULL`},
      cm.case_id IS NOT NULL, p.id IS NOT NULL, p.name, p.id_number, p.sex, ${BIRTH_DATE}, p.disability_grade,
      p.labour_capacity
    FROM ${casesOf(ids, sql`cases c NOT INDEXED`)} JOIN households h ON h.id = c.household_id
    LEFT JOIN people hp ON hp.id = coalesce(c.person_id, h.head_person_id)
    LEFT JOIN case_members cm ON cm.case_id = c.id AND ${paid.memberCovered}
    LEFT JOIN people p ON p.id = coalesce(cm.person_id, CASE WHEN c.person_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM case_members x WHERE x.case_id = c.id) THEN c.person_id END)
    WHERE ${paid.where}`.compile(db);
  const byId = new Map<string, KeptCase>();
  for (const l of statementOf<Line>(raw, q.sql)
    .raw(true)
    .iterate(...q.parameters)) {
    let c = byId.get(l[0]);
    if (!c) {
      c = {
        id: l[0],
        caseNo: l[1],
        k: l[2],
        area: l[3],
        villageId: l[4],
        headId: l[5],
        headKept: l[6] ? [l[7], l[8]] : null,
        start: l[9],
        stop: l[10],
        fen: l[11],
        members: 0,
        persons: [],
      };
      byId.set(l[0], c);
    }
    if (l[12]) c.members++;
    if (l[13]) c.persons.push([l[14], l[15], l[16], l[17], l[18], l[19]]);
  }
  for (const c of byId.values()) if (c.persons.length > 1) c.persons.sort((a, b) => compareText(a[0], b[0]));
  return [...byId.values()];
}

type DetailRaw = Parameters<typeof statementOf>[0];

/**
 * Text compared as SQLite compares it (BINARY: UTF-8 bytes, i.e. code points). JavaScript compares UTF-16 units,
 * which puts characters beyond U+FFFF (surrogate pairs, e.g. rare characters of names) before U+E000–U+FFFF.
 */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && x <= 0xdfff && y >= 0xe000) return 1;
    if (y >= 0xd800 && y <= 0xdfff && x >= 0xe000) return -1;
    return x - y;
  }
  return a.length - b.length;
}

/** SQLite's order of values of one type: NULL first. */
function compareNullable<T>(a: T | null, b: T | null, f: (a: T, b: T) => number): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  return f(a, b);
}

/**
 * The month's paid cases in cases.csv's order — village order, row code, 证号 — each with its persons in persons.csv's
 * order (by name). Read inside a transaction (a test, the bench's rolled-back build) the rows are read, not kept.
 */
export async function paidCases(db: Kysely<DB>, raw: DetailRaw, month: string, draft: boolean): Promise<PaidCase[]> {
  const kept = await keptCaseRows(db, {
    key: `details|${month}|${draft ? 'draft' : 'roll'}`,
    read: async (d, ids) => readPaid(d, raw, month, draft, ids).map((c) => [c.id, c]),
  });
  // Taken now: the kept map is valid only until the next await.
  const cases = [...kept.values()];
  const villages = new Map(
    statementOf<[string, string, number | null]>(raw, 'SELECT id, name, sort_order FROM villages')
      .raw(true)
      .all()
      .map((v) => [v[0], v] as const),
  );
  const headIds = [...new Set(cases.flatMap((c) => (c.headKept === null && c.headId !== null ? [c.headId] : [])))];
  const heads = new Map(
    statementOf<[string, string, string | null]>(
      raw,
      'SELECT id, name, id_number FROM people WHERE id IN (SELECT value FROM json_each(?))',
    )
      .raw(true)
      .all(JSON.stringify(headIds))
      .map((p) => [p[0], p] as const),
  );
  const out = cases.map((c): PaidCase => {
    const v = villages.get(c.villageId);
    const h = c.headKept ?? (c.headId === null ? undefined : heads.get(c.headId)?.slice(1));
    return { ...c, village: v?.[1] ?? '', order: v?.[2] ?? null, head: h?.[0] ?? null, headIdNumber: h?.[1] ?? null };
  });
  return sortCases(out);
}

/**
 * Cases in the order village order, row code, 证号 (NULL first, text as SQLite compares it). Sorted by one text key per
 * case compared natively — the comparator over three fields cost ~100 ms for 17,000 cases — unless a 证号 holds a
 * character that JavaScript orders differently from SQLite (U+D800 and above).
 */
function sortCases(cases: PaidCase[]): PaidCase[] {
  if (cases.some((c) => c.caseNo !== null && /[\ud800-\uffff]/.test(c.caseNo))) {
    return cases.sort(
      (a, b) =>
        compareNullable(a.order, b.order, (x, y) => x - y) ||
        compareText(a.k, b.k) ||
        compareNullable(a.caseNo, b.caseNo, compareText),
    );
  }
  // The row code is ASCII without U+0000; a NULL 证号 ('\u0000') comes before any text ('\u0001…').
  const keyed = cases.map((c) => ({
    c,
    order: c.order ?? -Infinity,
    key: `${c.k}\u0000${c.caseNo === null ? '\u0000' : `\u0001${c.caseNo}`}`,
  }));
  keyed.sort((a, b) => a.order - b.order || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map((x) => x.c);
}

/** Whether two paid cases (in order) share cases.csv's sort key: their persons interleave by name. */
export function sameKey(a: PaidCase, b: PaidCase): boolean {
  return a.order === b.order && a.k === b.k && a.caseNo === b.caseNo;
}
