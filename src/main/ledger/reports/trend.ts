// 工作台's charts (低保 + 特困 by month over a year, and by village in the report month): the households and persons paid
// in each month, from ONE read of the cases paid in any of the months and their member rows, counted here. The same
// numbers as countSet(paidIn(M) AND category IN (…)) month by month (sets.ts, which the figures and the trace use;
// test/unit/reports/trend.test.ts checks the two agree), at a twelfth of the reads: the dashboard is the first screen
// after login, and twelve passes over the ledger's cases made it wait seconds (issue 17).
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db';

export interface PaidCounts {
  households: number;
  persons: number;
}

/** A case paid in one of the months, once per member row (member columns null when it has none). */
interface Row {
  id: string;
  household_id: string;
  person_id: string | null;
  village_id: string;
  start_month: string;
  stop_month: string | null;
  m_person: string | null;
  m_start: string | null;
  m_stop: string | null;
}

interface Case {
  householdId: string;
  villageId: string;
  start: string;
  stop: string | null;
  /** Its own person: counted when it has no member rows at all. */
  personId: string | null;
  members: { personId: string | null; start: string; stop: string | null }[];
}

const paidAt = (start: string, stop: string | null, m: string): boolean => start <= m && (stop === null || stop > m);

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
  const out = new Map<string, Map<string, PaidCounts>>(months.map((m) => [m, new Map()]));
  if (months.length === 0 || categories.length === 0) return out;
  const sorted = [...months].sort();
  const first = sorted[0] as string;
  const last = sorted.at(-1) as string;
  // The cases paid in at least one of the months: the WHERE of paidIn, widened from one month to [first, last].
  const where = sql`+c.status IN ('active','stopped') AND c.pending_batch_id IS NULL AND c.category <> 'linshi'
    AND c.category IN (${sql.join(categories)}) AND c.start_month <= ${last}
    AND (c.stop_month IS NULL OR c.stop_month > ${first})`;
  const rows = (
    await sql<Row>`
      SELECT c.id, c.household_id, c.person_id, h.village_id, c.start_month, c.stop_month,
        cm.person_id AS m_person, cm.start_month AS m_start, cm.stop_month AS m_stop
      FROM cases c JOIN households h ON h.id = c.household_id LEFT JOIN case_members cm ON cm.case_id = c.id
      WHERE ${where}`.execute(db)
  ).rows;
  const cases = new Map<string, Case>();
  for (const r of rows) {
    let c = cases.get(r.id);
    if (!c)
      cases.set(
        r.id,
        (c = {
          householdId: r.household_id,
          villageId: r.village_id,
          start: r.start_month,
          stop: r.stop_month,
          personId: r.person_id,
          members: [],
        }),
      );
    if (r.m_start !== null) c.members.push({ personId: r.m_person, start: r.m_start, stop: r.m_stop });
  }
  for (const month of months) {
    const groups = new Map<string, { households: Set<string>; persons: Set<string> }>();
    const add = (g: string, c: Case, persons: (string | null)[]) => {
      let acc = groups.get(g);
      if (!acc) groups.set(g, (acc = { households: new Set(), persons: new Set() }));
      acc.households.add(c.householdId);
      for (const p of persons) if (p !== null) acc.persons.add(p);
    };
    for (const c of cases.values()) {
      if (!paidAt(c.start, c.stop, month)) continue;
      // sets.ts personsOf: the members covered in the month; a case with no member rows at all, its own person.
      const persons =
        c.members.length > 0
          ? c.members.filter((m) => paidAt(m.start, m.stop, month)).map((m) => m.personId)
          : [c.personId];
      add('*', c, persons);
      if (month === byVillageIn) add(c.villageId, c, persons);
    }
    const counts = out.get(month) as Map<string, PaidCounts>;
    for (const [g, acc] of groups) counts.set(g, { households: acc.households.size, persons: acc.persons.size });
  }
  return out;
}
