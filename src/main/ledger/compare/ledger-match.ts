// The ledger's side of a 数据比对: who among the list's ID numbers is a person of the ledgers, and what that means
// for the money this month. Only the list's numbers are looked up, through the ID-number indexes, and only the people
// found are followed into their cases, so the ledger is not read whole (four whole-ledger reads took most of a
// comparison's time). The list's numbers go to SQLite as one JSON array (json_each); a statement returns only rows
// of people who are on the list.
//
// What is found is what reading every person and every paying case would find (test/unit/compare/ledger-match):
//   - a person's key is the 18-digit form of the stored number (a 15-digit number marked legacy is converted); a
//     15-digit stored number is looked up by the 15-digit form of an 18-digit list number born in 19xx, and kept only
//     when its key is that list number;
//   - two records with the same key (a legacy number and its 18-digit form): the one later in ID-number order, and
//     for the registers the children's register after the elders' — as when the ledger was read in index order;
//   - a person's cases in the order the whole-ledger read gave them: covered and household cases by (status,
//     category, case row), stopped ones by case id, each case once.
import type Database from 'better-sqlite3';
import { upgradeLegacyIdNumber } from '../../../shared/idcard';
import { statementOf } from '../kernel';

/** A case a hit refers to, as kept on the work item. */
export interface CaseRef {
  id: string;
  category: string;
  status: string;
}

export type Effect = 'active_recipient' | 'member_of_paying_household' | 'stopped';

export interface LedgerPerson {
  id: string;
  name: string;
  /** What this person's number on a list means for the money, with the cases it comes from; null: none. */
  effect: Effect | null;
  cases: CaseRef[];
}

export interface RegisterEntry {
  id: string;
  name: string;
  personId: string | null;
}

export interface LedgerMatches {
  /** By the 18-digit number: people of the case ledger. */
  people: Map<string, LedgerPerson>;
  /** By the 18-digit number: active entries of the 特殊困难老年人 and children's registers. */
  registers: Map<string, RegisterEntry>;
}

/** The list's numbers, each with its 15-digit form when it is an 18-digit number of someone born in 19xx. */
const KEYS = `WITH k(k, k15) AS (SELECT value, CASE WHEN substr(value, 7, 2) = '19'
    THEN substr(value, 1, 6) || substr(value, 9, 9) END FROM json_each(?))`;

const PEOPLE_SQL = `${KEYS}
  SELECT k.k, p.id, p.name, p.id_number, p.id_legacy FROM k JOIN people p ON p.id_number = k.k
  UNION ALL SELECT k.k, p.id, p.name, p.id_number, p.id_legacy FROM k JOIN people p ON p.id_number = k.k15`;

const REGISTERS_SQL = `${KEYS}
  SELECT k.k, 0, e.id, e.name, e.id_number, e.person_id FROM k
    JOIN elderly_people e ON e.id_number IN (k.k, k.k15) AND e.status = 'active'
  UNION ALL SELECT k.k, 1, c.id, c.name, c.id_number, c.person_id FROM k
    JOIN children c ON c.id_number IN (k.k, k.k15) AND c.status = 'active'`;

// The people found drive each statement (CROSS JOIN keeps them the outer loop: SQLite would otherwise walk every
// paying case and look each one's members up).
const PAYING = `c.status IN ('active','stopped') AND c.category <> 'linshi' AND c.start_month <= @m
    AND (c.stop_month IS NULL OR c.stop_month > @m)`;
const STOPPED = `c.status IN ('active','stopped') AND c.category <> 'linshi' AND c.stop_month IS NOT NULL
    AND c.stop_month <= @m`;
const IDS = `json_each(@ids) j CROSS JOIN`;

/** Covered this month by a paying case. */
const COVERED_SQL = `SELECT cm.person_id, c.id, c.category, c.status FROM ${IDS} case_members cm ON cm.person_id = j.value
    CROSS JOIN cases c ON c.id = cm.case_id
  WHERE ${PAYING} AND cm.start_month <= @m AND (cm.stop_month IS NULL OR cm.stop_month > @m)
  ORDER BY c.status, c.category, c.rowid`;
/** In a household with a paying case. */
const HOUSEHOLD_SQL = `SELECT hm.person_id, c.id, c.category, c.status FROM ${IDS} household_members hm
    ON hm.person_id = j.value AND hm.left_on IS NULL CROSS JOIN cases c ON c.household_id = hm.household_id
  WHERE ${PAYING} ORDER BY c.status, c.category, c.rowid`;
/** On cases that have stopped (as a member or as the case's own person). */
const STOPPED_SQL = `SELECT cm.person_id, c.id, c.category, c.status FROM ${IDS} case_members cm ON cm.person_id = j.value
    CROSS JOIN cases c ON c.id = cm.case_id WHERE ${STOPPED}
  UNION SELECT c.person_id, c.id, c.category, c.status FROM ${IDS} cases c ON c.person_id = j.value WHERE ${STOPPED}
  ORDER BY 1, 2`;

/** The 18-digit key of a stored number: a 15-digit one converted when it is legacy (people) or 15 long (registers). */
function keyOf(idNumber: string, legacy: boolean): string {
  return legacy ? (upgradeLegacyIdNumber(idNumber) ?? idNumber) : idNumber;
}

type PersonRow = [k: string, id: string, name: string, idNumber: string, legacy: number];
type RegisterRow = [k: string, source: number, id: string, name: string, idNumber: string, personId: string | null];
type CaseRow = [personId: string, id: string, category: string, status: string];

/**
 * The people and register entries whose number is in `keys` (18-digit numbers), and for each person what it means
 * for the money in `month`: covered, in a paying household, or only on stopped cases (in that order of precedence).
 */
export function matchLedger(raw: Database.Database, keys: Iterable<string>, month: string): LedgerMatches {
  const json = JSON.stringify([...keys]);
  const people = new Map<string, LedgerPerson>();
  const order = new Map<string, string>(); // key -> the id number chosen for it
  for (const [k, id, name, idNumber, legacy] of statementOf<PersonRow>(raw, PEOPLE_SQL).raw(true).all(json)) {
    if (keyOf(idNumber, legacy !== 0) !== k) continue;
    const before = order.get(k);
    if (before !== undefined && before > idNumber) continue;
    order.set(k, idNumber);
    people.set(k, { id, name, effect: null, cases: [] });
  }

  const registers = new Map<string, RegisterEntry>();
  const rank = new Map<string, [number, string]>();
  for (const [k, source, id, name, idNumber, personId] of statementOf<RegisterRow>(raw, REGISTERS_SQL)
    .raw(true)
    .all(json)) {
    if (keyOf(idNumber, idNumber.length === 15) !== k) continue;
    const before = rank.get(k);
    if (before !== undefined && (before[0] > source || (before[0] === source && before[1] > idNumber))) continue;
    rank.set(k, [source, idNumber]);
    registers.set(k, { id, name, personId });
  }

  // Each effect only for the people the ones before it did not already give one.
  const byId = new Map<string, LedgerPerson>();
  for (const p of people.values()) byId.set(p.id, p);
  let open = [...byId.keys()];
  for (const [effect, sql] of [
    ['active_recipient', COVERED_SQL],
    ['member_of_paying_household', HOUSEHOLD_SQL],
    ['stopped', STOPPED_SQL],
  ] as const) {
    if (open.length === 0) break;
    const rows = statementOf<CaseRow>(raw, sql)
      .raw(true)
      .all({ ids: JSON.stringify(open), m: month });
    for (const [personId, id, category, status] of rows) {
      const p = byId.get(personId)!;
      p.effect = effect;
      if (!p.cases.some((x) => x.id === id)) p.cases.push({ id, category, status });
    }
    open = open.filter((id) => byId.get(id)!.effect === null);
  }
  return { people, registers };
}
