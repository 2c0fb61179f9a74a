// The total of a paged list: how many rows a query's FROM, joins and WHERE give, counted before its own columns, order
// and page are added (a list answers `{ rows, total }`).
import type { SelectQueryBuilder } from 'kysely';

/** The number of rows `q` (a query without its columns yet) selects. */
export async function totalOf<DB, TB extends keyof DB, O>(q: SelectQueryBuilder<DB, TB, O>): Promise<number> {
  const row = await q
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .$castTo<{ n: number }>()
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
