// 工作台's charts (低保 + 特困 by month over a year, and by village in the report month): the households and persons paid
// in each month, from ONE read of the cases paid in any of the months and their member rows, counted here. The same
// numbers as countSet(paidIn(M) AND category IN (…)) month by month (sets.ts, which the figures and the trace use;
// test/unit/reports/trend.test.ts checks the two agree), at a twelfth of the reads: the dashboard is the first screen
// after login, and twelve passes over the ledger's cases made it wait seconds (issue 17).
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db';
import { casesOf, keptCaseRows } from './case-log';
import { amountFenInForce } from './sets';

export interface PaidCounts {
  households: number;
  persons: number;
}

/** A case paid in one of the months, with its amount in force in each draft month asked (a0, a1, …). */
interface CaseRow {
  id: string;
  household_id: string;
  person_id: string | null;
  village_id: string;
  start_month: string;
  stop_month: string | null;
  [amount: `a${number}`]: number | null;
}

/** A member row of such a case. */
interface MemberRow {
  case_id: string;
  person_id: string | null;
  start_month: string;
  stop_month: string | null;
}

/** What the charts need of one case paid in one of the months. */
export interface PaidCase {
  householdId: string;
  villageId: string;
  start: string;
  stop: string | null;
  /** Its own person: counted when it has no member rows at all. */
  personId: string | null;
  members: { personId: string | null; start: string; stop: string | null }[];
  /** The amount in force in each draft month asked, in their order (null: none yet, adds 0). */
  amounts: (number | null)[];
}

const paidAt = (start: string, stop: string | null, m: string): boolean => start <= m && (stop === null || stop > m);

/** What paidAndDueByMonth gives: month -> '*' | village id -> counts, and draft month -> '*' | village id -> fen. */
export interface PaidAndDue {
  counts: Map<string, Map<string, PaidCounts>>;
  amounts: Map<string, Map<string, number>>;
}

/**
 * Households and persons of the cases of `categories` paid in each of `months` (as sets.ts paidIn counts them: a case's
 * covered members, or its own person when it has no member rows at all), in total by month ('*'), and by village for
 * the month `byVillageIn`. Returns month -> '*' | village id -> counts.
 */
export async function paidByMonth(
  db: Kysely<DB>,
  months: string[],
  categories: string[],
  byVillageIn: string | null,
): Promise<Map<string, Map<string, PaidCounts>>> {
  return (await paidAndDueByMonth(db, months, categories, byVillageIn, [])).counts;
}

/**
 * paidByMonth, and for each of `draftMonths` (among `months`) the amounts in force of the cases paid in it added up,
 * as sets.ts draftAmounts(M, …, category IN categories) adds them (the amount in force is sets.ts's own lookup), in
 * total ('*') and, for `byVillageIn`, by village: the same read of the cases gives both.
 */
export async function paidAndDueByMonth(
  db: Kysely<DB>,
  months: string[],
  categories: string[],
  byVillageIn: string | null,
  draftMonths: string[],
): Promise<PaidAndDue> {
  if (months.length === 0) return countPaid([], months, byVillageIn, draftMonths);
  // Kept per case and brought up to date from the log of changed cases (case-log.ts): after a clerk's write only the
  // cases it touched are read again.
  const cases = await keptCaseRows(db, {
    key: `trend|${months.join(',')}|${categories.join(',')}|${draftMonths.join(',')}`,
    read: (db, ids) => readPaidCases(db, months, categories, draftMonths, ids),
  });
  return countPaid([...cases.values()], months, byVillageIn, draftMonths);
}

/**
 * The cases of `categories` paid in at least one of `months` (the WHERE of paidIn, widened from one month to the
 * first..last), each with its members and its amounts in force in `draftMonths`: [case id, case]. All of them, or
 * those of `ids` (case-log.ts).
 */
async function readPaidCases(
  db: Kysely<DB>,
  months: string[],
  categories: string[],
  draftMonths: string[],
  ids: string[] | null,
): Promise<[string, PaidCase][]> {
  if (categories.length === 0) return [];
  const sorted = [...months].sort();
  const first = sorted[0] as string;
  const last = sorted.at(-1) as string;
  const where = sql`+c.status IN ('active','stopped') AND c.pending_batch_id IS NULL AND c.category <> 'linshi'
    AND c.category IN (${sql.join(categories)}) AND c.start_month <= ${last}
    AND (c.stop_month IS NULL OR c.stop_month > ${first})`;
  const amountColumns = draftMonths.map((m, i) => sql`, (${amountFenInForce(sql`${m}`)}) AS ${sql.ref(`a${i}`)}`);
  const caseRows = (
    await sql<CaseRow>`
      SELECT c.id, c.household_id, c.person_id, h.village_id, c.start_month, c.stop_month ${sql.join(amountColumns, sql``)}
      FROM ${casesOf(ids)} JOIN households h ON h.id = c.household_id WHERE ${where}`.execute(db)
  ).rows;
  const memberRows = (
    await sql<MemberRow>`
      SELECT cm.case_id, cm.person_id, cm.start_month, cm.stop_month
      FROM ${casesOf(ids)} JOIN case_members cm ON cm.case_id = c.id WHERE ${where}`.execute(db)
  ).rows;
  const cases = new Map<string, PaidCase>();
  for (const r of caseRows)
    cases.set(r.id, {
      householdId: r.household_id,
      villageId: r.village_id,
      start: r.start_month,
      stop: r.stop_month,
      personId: r.person_id,
      members: [],
      amounts: draftMonths.map((_, i) => r[`a${i}`] ?? null),
    });
  for (const m of memberRows)
    cases.get(m.case_id)?.members.push({ personId: m.person_id, start: m.start_month, stop: m.stop_month });
  return [...cases];
}

/** A village's households, persons and amount in the month counted by village. */
interface VillageAcc {
  households: number;
  persons: Set<string>;
  fen: number;
}

/**
 * Counts `cases` (readPaidCases' for `months` and `draftMonths`) month by month: distinct households and persons paid,
 * the draft months' amounts, and the same by village for `byVillageIn`. A household is in one village (the cases
 * carry its village), a person may be in cases of two, and is then counted in both, as SQL's count(DISTINCT) by
 * village counts them.
 */
function countPaid(cases: PaidCase[], months: string[], byVillageIn: string | null, draftMonths: string[]): PaidAndDue {
  const counts = new Map<string, Map<string, PaidCounts>>(months.map((m) => [m, new Map()]));
  const amounts = new Map<string, Map<string, number>>(draftMonths.map((m) => [m, new Map()]));
  // The month (its place in `months`) each household and person was last counted in.
  const seenHousehold = new Map<string, number>();
  const seenPerson = new Map<string, number>();
  months.forEach((month, at) => {
    const draft = draftMonths.indexOf(month);
    const villages = month === byVillageIn ? new Map<string, VillageAcc>() : null;
    let households = 0;
    let persons = 0;
    let fen = 0;
    const countPerson = (person: string | null, v: VillageAcc | undefined): void => {
      if (person === null) return;
      v?.persons.add(person);
      if (seenPerson.get(person) === at) return;
      seenPerson.set(person, at);
      persons++;
    };
    for (const c of cases) {
      if (!paidAt(c.start, c.stop, month)) continue;
      const due = draft >= 0 ? (c.amounts[draft] ?? 0) : 0;
      fen += due;
      let v: VillageAcc | undefined;
      if (villages) {
        v = villages.get(c.villageId);
        if (!v) villages.set(c.villageId, (v = { households: 0, persons: new Set(), fen: 0 }));
        v.fen += due;
      }
      if (seenHousehold.get(c.householdId) !== at) {
        seenHousehold.set(c.householdId, at);
        households++;
        if (v) v.households++;
      }
      // sets.ts personsOf: the members covered in the month; a case with no member rows at all, its own person.
      if (c.members.length === 0) countPerson(c.personId, v);
      else for (const m of c.members) if (paidAt(m.start, m.stop, month)) countPerson(m.personId, v);
    }
    if (households === 0) return;
    const got = counts.get(month) as Map<string, PaidCounts>;
    const money = amounts.get(month);
    got.set('*', { households, persons });
    money?.set('*', fen);
    for (const [id, v] of villages ?? []) {
      got.set(id, { households: v.households, persons: v.persons.size });
      money?.set(id, v.fen);
    }
  });
  return { counts, amounts };
}
