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

/** The person attributes of `p` as one integer (EXISTS_BIT | one bit per attribute); under16 only when asked. */
function attributeMask(month: string, under16: boolean): RawBuilder<unknown> {
  const bits = PERSON_BITS.filter((a) => under16 || a !== 'under16').map(
    (a) => sql`CASE WHEN ${attributeCondition(a, month)} THEN ${sql.raw(String(bitOf(a)))} ELSE 0 END`,
  );
  return sql`${sql.raw(String(EXISTS_BIT))} + ${sql.join(bits, sql` + `)}`;
}

/**
 * A person as the grain counts them: their `people` rowid × PERSON_CODE + their attribute mask (the mask only when they
 * count with attributes, else 0), or their id when no `people` row has it (counted, without attributes). A number
 * rather than the id: the JSON is a quarter smaller, and counting by number is quicker and leaves less garbage.
 */
export type PersonCode = number | string;
/** Above every attribute mask (EXISTS_BIT and one bit per attribute). */
export const PERSON_CODE = 4 << PERSON_BITS.length;

/** [member person, start month, stop month] */
export type MemberTuple = [PersonCode, string, string | null];
/**
 * [case id, category, 供养方式, area, start, stop, grant month, household (its rowid), the case's own person, care
 *  grade, 临时救助 type, grant fen, village, 致贫原因, the case's member rows]
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
  PersonCode | null,
  string | null,
  string | null,
  number | null,
  string,
  string | null,
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
  // A person's code (PersonCode), with the attribute mask only for persons that count with attributes (低保/特困 paid
  // in M); one look-up in people either way (its primary key index alone when no mask is wanted).
  const code = (who: RawBuilder<unknown>, withMask: RawBuilder<unknown>) => {
    const rowid = sql`(SELECT p.rowid * ${sql.raw(String(PERSON_CODE))} FROM people p WHERE p.id = ${who})`;
    const masked = (under16: boolean) =>
      sql`(SELECT p.rowid * ${sql.raw(String(PERSON_CODE))} + ${attributeMask(month, under16)} FROM people p WHERE p.id = ${who})`;
    const person = attributes
      ? sql`CASE WHEN ${withMask} THEN CASE WHEN c.category = 'tekun' THEN ${masked(true)} ELSE ${masked(false)} END
          ELSE ${rowid} END`
      : rowid;
    return sql`coalesce(${person}, ${who})`;
  };
  // The statement hands back ONE JSON array: a value crossing from SQLite to JavaScript costs more than the row itself,
  // and JSON.parse builds the 60,000 small arrays of a large ledger several times faster. Each case carries its member
  // rows (one correlated look-up in case_members_case_month), so the cases are read once and nothing is regrouped here.
  // All cases: a scan of the table; a few: looked up by id.
  const cases = await sql<{ j: string }>`SELECT json_group_array(json_array(c.id, c.category, c.support_mode, c.area,
      c.start_month, c.stop_month, c.grant_month, h.rowid,
      CASE WHEN c.person_id IS NOT NULL THEN ${code(sql.raw('c.person_id'), paidM)} END,
      c.care_grade, c.linshi_type, c.grant_amount_fen, h.village_id, h.poverty_cause,
      json((SELECT json_group_array(json_array(${code(
        sql.raw('cm.person_id'),
        sql`${paidM} AND cm.start_month <= ${month} AND (cm.stop_month IS NULL OR cm.stop_month > ${month})`,
      )}, cm.start_month, cm.stop_month))
        FROM case_members cm WHERE cm.case_id = c.id)))) AS j
    FROM ${casesOf(ids, sql`cases c NOT INDEXED`)} JOIN households h ON h.id = c.household_id WHERE ${scope}`.execute(
    db,
  );
  return JSON.parse(cases.rows[0]?.j ?? '[]') as CaseTuple[];
}
