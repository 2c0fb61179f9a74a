// Typed raw SQL for what the query builder cannot say well (a WHERE built from a list's filters, CTEs that page
// narrow rows first, INSERT … SELECT into temporary tables, whole tables carried as arrays): the row type is declared
// once with the statement, so no caller casts what better-sqlite3 returns. This is the one place outside db/ and
// journal/ that prepares a statement.
import type Database from 'better-sqlite3';

/** Named (@name) or positional (?) parameters of one statement. Every helper takes `...params` as better-sqlite3
 * does: one object of named parameters, one array, or the positional values themselves. */
export type Params = Record<string, unknown> | unknown[];

/** A statement prepared once, for a loop or a hot path: `run`, `get`, `all`, `iterate` with rows typed as `R`. */
export type Statement<R = unknown> = Database.Statement<unknown[], R>;

/** Prepares `sql` once; its rows are typed `R` (`.raw(true)` rows: declare `R` as an array type). */
export function statementOf<R = unknown>(raw: Database.Database, sql: string): Statement<R> {
  return raw.prepare<unknown[], R>(sql);
}

/** Every row of `sql`, typed as `R`. */
export function rowsOf<R>(raw: Database.Database, sql: string, ...params: unknown[]): R[] {
  return statementOf<R>(raw, sql).all(...params);
}

/** The first row of `sql`, or undefined. */
export function rowOf<R>(raw: Database.Database, sql: string, ...params: unknown[]): R | undefined {
  return statementOf<R>(raw, sql).get(...params);
}

/** Every row of `sql` as an array of its columns in order (for carrying whole tables). */
export function arraysOf(raw: Database.Database, sql: string, ...params: unknown[]): unknown[][] {
  return statementOf<unknown[]>(raw, sql)
    .raw(true)
    .all(...params);
}

/** The first column of every row, typed as `T`. */
export function valuesOf<T>(raw: Database.Database, sql: string, ...params: unknown[]): T[] {
  return statementOf<T>(raw, sql)
    .pluck()
    .all(...params);
}

/** The first column of the first row, or undefined when there is no row. */
export function valueOf<T>(raw: Database.Database, sql: string, ...params: unknown[]): T | undefined {
  return statementOf<T>(raw, sql)
    .pluck()
    .get(...params);
}

/** The number in the first column of the first row (a count). */
export function countOf(raw: Database.Database, sql: string, ...params: unknown[]): number {
  return Number(valueOf<number>(raw, sql, ...params) ?? 0);
}

/** Runs a statement that writes (or a SAVEPOINT, a DELETE of a temporary table …); the number of rows it changed. */
export function execute(raw: Database.Database, sql: string, ...params: unknown[]): number {
  return statementOf(raw, sql).run(...params).changes;
}
