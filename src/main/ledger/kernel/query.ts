// Typed reads for the SQL the query builder cannot say well (a WHERE built from a list's filters, CTEs that page
// narrow rows first): the row type is declared once with the statement, so no caller casts what better-sqlite3
// returns. Writes still go through kysely and the write kernel.
import type Database from 'better-sqlite3';

/** Named (@name) or positional (?) parameters of one statement. */
export type Params = Record<string, unknown> | unknown[];

const statement = <R>(raw: Database.Database, sql: string) => raw.prepare<[Params], R>(sql);

/** Every row of `sql`, typed as `R`. */
export function rowsOf<R>(raw: Database.Database, sql: string, params: Params = {}): R[] {
  return statement<R>(raw, sql).all(params);
}

/** The first row of `sql`, or undefined. */
export function rowOf<R>(raw: Database.Database, sql: string, params: Params = {}): R | undefined {
  return statement<R>(raw, sql).get(params);
}

/** The number in the first column of the first row (a count). */
export function countOf(raw: Database.Database, sql: string, params: Params = {}): number {
  return Number(statement<number>(raw, sql).pluck().get(params) ?? 0);
}
