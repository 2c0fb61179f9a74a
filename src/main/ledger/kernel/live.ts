// Live rows: a voidable (作废-able) row counts only while it is not voided. One read for the two questions the
// registers ask of them — "is this already entered?" (the same visit, licence or meal month twice) and "does anything
// still rest on this record?" (a subsidy granted on a rating).
import type { Kysely } from 'kysely';
import type { ServiceContext } from './context';
import type { VersionedRow, VoidableTable } from './write';

// Kysely cannot follow a table name that is a type parameter (as in write.ts): the read runs on a loosened view of
// the same connection and returns the table's own row type.
type Loose = Kysely<{ [table: string]: { voided: number; [column: string]: unknown } }>;

/** The first row of `table` that is not voided and has every value of `match` (column = value; no nulls), or undefined. */
export async function firstLive<T extends VoidableTable>(
  ctx: Pick<ServiceContext, 'db'>,
  table: T,
  match: Partial<VersionedRow<T>>,
): Promise<VersionedRow<T> | undefined> {
  let q = (ctx.db as unknown as Loose)
    .selectFrom(table as string)
    .selectAll()
    .where('voided', '=', 0);
  for (const [column, value] of Object.entries(match)) q = q.where(column, '=', value);
  return (await q.executeTakeFirst()) as VersionedRow<T> | undefined;
}
