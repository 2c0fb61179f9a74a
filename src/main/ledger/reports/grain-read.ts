// The month's cases as the grain counts them (grain.ts): one statement returning every case in scope with its member
// rows as JSON, read in full or for a few cases only, and kept per case between reads (case-log.ts), so the first
// read after a write re-reads only the cases it touched.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../db';
import { DIBAO_ATTRIBUTES } from '../../../shared/api/reports';
import { attributeCondition, type Attribute } from './attributes';
import { casesOf, keptCaseRows } from './case-log';

/** The person attributes read from `people` (one bit each): the county 低保 table's, and 特困's 未满16周岁. */
export const PERSON_BITS: Attribute[] = [...DIBAO_ATTRIBUTES, 'under16'];

/** Bit 0: the person exists in `people` (a member whose person row is missing counts, but has no attributes). */
export const EXISTS_BIT = 1;
const bitOf = (a: Attribute): number => 2 << PERSON_BITS.indexOf(a);
export const BITS: [Attribute, number][] = PERSON_BITS.map((a) => [a, bitOf(a)]);

/** The person attributes of `p` as one integer (EXISTS_BIT | one bit per attribute); under16 only when asked. */
function attributeMask(month: string, under16: boolean): RawBuilder<unknown> {
  const bits = PERSON_BITS.filter((a) => under16 || a !== 'under16').map(
    (a) => sql`CASE WHEN ${attributeCondition(a, month)} THEN ${sql.raw(String(bitOf(a)))} ELSE 0 END`,
  );
  return sql`${sql.raw(String(EXISTS_BIT))} + ${sql.join(bits, sql` + `)}`;
}

/** [member person, start month, stop month, attribute mask (only when it counts with attributes)] */
export type MemberTuple = [string, string, string | null, number | null];
/**
 * [case id, category, 供养方式, area, start, stop, grant month, household (its rowid), person, care grade,
 *  临时救助 type, grant fen, village, 致贫原因, attribute mask of the case's own person (only when it counts with
 *  attributes), the case's member rows]
 */
export type CaseTuple = [
  string,
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

/** The cases in scope of the grain of `month` from `from` (see monthGrain), kept per case. */
export async function grainCases(
  db: Kysely<DB>,
  month: string,
  from: string,
  attributes: boolean,
): Promise<ReadonlyMap<string, CaseTuple>> {
  return keptCaseRows(db, {
    key: `grain|${month}|${from}|${attributes}`,
    read: async (d, ids) => (await readCases(d, month, from, attributes, ids)).map((c) => [c[0], c]),
  });
}

async function readCases(
  db: Kysely<DB>,
  month: string,
  from: string,
  attributes: boolean,
  ids: string[] | null,
): Promise<CaseTuple[]> {
  const scope = sql`+c.status IN ('active','stopped') AND c.pending_batch_id IS NULL AND ((c.category <> 'linshi' AND c.start_month <= ${month}
    AND (c.stop_month IS NULL OR c.stop_month >= ${from})) OR (c.category = 'linshi' AND c.grant_month BETWEEN ${from} AND ${month}))`;
  const paidM = sql`c.category IN ('dibao','tekun') AND c.start_month <= ${month} AND (c.stop_month IS NULL OR c.stop_month > ${month})`;
  // The attribute masks are looked up only for persons that count with attributes (低保/特困 paid in M).
  const mask = (who: RawBuilder<unknown>) =>
    attributes
      ? sql`CASE WHEN c.category = 'tekun' THEN (SELECT ${attributeMask(month, true)} FROM people p WHERE p.id = ${who})
          ELSE (SELECT ${attributeMask(month, false)} FROM people p WHERE p.id = ${who}) END`
      : sql`NULL`;
  // The statement hands back ONE JSON array: a value crossing from SQLite to JavaScript costs more than the row itself,
  // and JSON.parse builds the 60,000 small arrays of a large ledger several times faster. Each case carries its member
  // rows (one correlated look-up in case_members_case_month), so the cases are read once and nothing is regrouped here.
  // All cases: a scan of the table; a few: looked up by id.
  const cases = await sql<{ j: string }>`SELECT json_group_array(json_array(c.id, c.category, c.support_mode, c.area,
      c.start_month, c.stop_month, c.grant_month, h.rowid, c.person_id, c.care_grade, c.linshi_type,
      c.grant_amount_fen, h.village_id, h.poverty_cause,
      CASE WHEN c.person_id IS NOT NULL AND ${paidM} THEN ${mask(sql.raw('c.person_id'))} END,
      json((SELECT json_group_array(json_array(cm.person_id, cm.start_month, cm.stop_month,
          CASE WHEN ${paidM} AND cm.start_month <= ${month} AND (cm.stop_month IS NULL OR cm.stop_month > ${month})
            THEN ${mask(sql.raw('cm.person_id'))} END))
        FROM case_members cm WHERE cm.case_id = c.id)))) AS j
    FROM ${casesOf(ids, sql`cases c NOT INDEXED`)} JOIN households h ON h.id = c.household_id WHERE ${scope}`.execute(
    db,
  );
  return JSON.parse(cases.rows[0]?.j ?? '[]') as CaseTuple[];
}
