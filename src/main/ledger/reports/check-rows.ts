// The cross-checks' own recounts (checks.ts), read per case and kept between reads like the grain (case-log.ts): the
// cases paid in M with their amounts in force (check 1 and 9), the 低保 persons paid in M (checks 2–5) and the
// 临时救助 granted in M (check 1). Each is its own query over sets.ts's definitions, never the figures' grain, so a
// check still compares two independent counts; keeping them per case only spares re-reading unchanged cases.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../db';
import { casesOf, keptCaseRows } from './case-log';
import {
  addMoney,
  amountInForce,
  grantedIn,
  NO_MONEY,
  paidIn,
  payingWhere,
  personsOf,
  ROW_KEY,
  type Money,
} from './sets';

/** Reads `SELECT json_group_array(json_array(id, …))` and returns its tuples by their first element. */
async function tuples<T extends [string, ...unknown[]]>(
  db: Kysely<DB>,
  query: RawBuilder<unknown>,
): Promise<[string, T][]> {
  const r = await sql<{ j: string | null }>`${query}`.execute(db);
  return (JSON.parse(r.rows[0]?.j ?? '[]') as T[]).map((t) => [t[0], t]);
}

/** [case id, row code|area, json_array(amount, base, supplement) of the amount in force or null] */
type DraftTuple = [string, string, [number, number, number] | null];

/**
 * The draft amounts of the cases paid in `month` by row code|area (draftAmounts(month, 'row') in sets.ts, counted
 * per case): `lines` every case paid, with or without an amount.
 */
export async function draftByRow(db: Kysely<DB>, month: string): Promise<Map<string, Money>> {
  const rows = await keptCaseRows(db, {
    key: `checks|draft|${month}`,
    read: (d, ids) =>
      // The cases first, in the order of their ids, then each one's amount: the look-ups then walk the amounts' index
      // (case_amounts_in_force, by case id) in its order instead of jumping about it (~12% less CPU on the bench
      // ledger, whose index is larger than SQLite's page cache).
      tuples<DraftTuple>(
        d,
        sql`WITH p AS MATERIALIZED (SELECT c.id, (${ROW_KEY}) || '|' || c.area AS k
            FROM ${casesOf(ids, sql`cases c INDEXED BY cases_paying`)} WHERE ${payingWhere(month)} ORDER BY c.id)
          SELECT json_group_array(json_array(p.id, p.k, json((${amountInForce(sql`${month}`, sql.raw('p.id'))})))) AS j
          FROM p`,
      ),
  });
  const out = new Map<string, Money>();
  for (const [, key, am] of rows.values()) {
    const one: Money = am
      ? { amountFen: am[0] ?? 0, baseFen: am[1] ?? 0, supplementFen: am[2] ?? 0, lines: 1 }
      : { ...NO_MONEY, lines: 1 };
    out.set(key, addMoney(out.get(key) ?? NO_MONEY, one));
  }
  return out;
}

/** [case id, area, household id, persons] */
type DibaoTuple = [string, string, string, string[]];

/** The 低保 cases paid in `month` recounted by area: distinct households and persons (sets.ts personsOf). */
export async function dibaoRecount(
  db: Kysely<DB>,
  month: string,
): Promise<Map<string, { households: number; persons: number }>> {
  const rows = await keptCaseRows(db, {
    key: `checks|dibao|${month}`,
    read: (d, ids) => {
      const set = paidIn(month);
      const where = sql`${set.where} AND c.category = 'dibao'`;
      return tuples<DibaoTuple>(
        d,
        sql`SELECT json_group_array(json_array(s.case_id, s.area, s.household_id, json(s.persons))) AS j
          FROM (SELECT case_id, area, household_id, json_group_array(person_id) AS persons
            FROM (${personsOf({ ...set, where }, { from: casesOf(ids) })}) GROUP BY case_id) s`,
      );
    },
  });
  const by = new Map<string, { households: Set<string>; persons: Set<string> }>();
  for (const [, area, household, persons] of rows.values()) {
    let a = by.get(area);
    if (!a) by.set(area, (a = { households: new Set(), persons: new Set() }));
    a.households.add(household);
    for (const p of persons) a.persons.add(p);
  }
  return new Map([...by].map(([area, a]) => [area, { households: a.households.size, persons: a.persons.size }]));
}

/** [case id, grant fen] */
type GrantTuple = [string, number];

/** The 临时救助 granted in `month`: how many and their sum (countSet(grantedIn(M, M), 'all') in sets.ts). */
export async function grantsOf(db: Kysely<DB>, month: string): Promise<{ cases: number; grantFen: number }> {
  const rows = await keptCaseRows(db, {
    key: `checks|grants|${month}`,
    read: (d, ids) =>
      tuples<GrantTuple>(
        d,
        sql`SELECT json_group_array(json_array(c.id, coalesce(c.grant_amount_fen, 0))) AS j
          FROM ${casesOf(ids)} JOIN households h ON h.id = c.household_id WHERE ${grantedIn(month, month).where}`,
      ),
  });
  let grantFen = 0;
  for (const [, fen] of rows.values()) grantFen += fen;
  return { cases: rows.size, grantFen };
}
