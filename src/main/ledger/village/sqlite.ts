// The village folder's raw SQLite statements in one place (copy cutting, return files, the copy's record sync): typed
// helpers over better-sqlite3, so the services name what they ask (a table's columns, its links, a count) instead of
// preparing statements by hand.
import type Database from 'better-sqlite3';

export type Raw = Database.Database;

export function quote(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Rows of a statement as objects. */
export function rowsOf<T>(raw: Raw, text: string, ...params: unknown[]): T[] {
  return raw.prepare(text).all(...params) as T[];
}

/** Rows of a statement as arrays (column order), for carrying whole tables. */
export function arraysOf(raw: Raw, text: string, ...params: unknown[]): unknown[][] {
  return raw
    .prepare(text)
    .raw()
    .all(...params) as unknown[][];
}

/** The first column of every row. */
export function columnOf<T>(raw: Raw, text: string, ...params: unknown[]): T[] {
  return raw
    .prepare(text)
    .pluck()
    .all(...params) as T[];
}

/** The first column of the first row (undefined when there is none). */
export function valueOf<T>(raw: Raw, text: string, ...params: unknown[]): T | undefined {
  return raw
    .prepare(text)
    .pluck()
    .get(...params) as T | undefined;
}

/** Runs a write; the number of rows it changed. */
export function execute(raw: Raw, text: string, ...params: unknown[]): number {
  return raw.prepare(text).run(...params).changes;
}

/** A statement prepared once for a loop. */
export function statement(raw: Raw, text: string): Database.Statement {
  return raw.prepare(text);
}

/** User tables of a database (`schema` for an attached one), by name. */
export function tableNames(raw: Raw, schema = 'main'): string[] {
  return columnOf<string>(
    raw,
    `SELECT name FROM ${quote(schema)}.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
  );
}

export interface ColumnInfo {
  name: string;
  /** 1 when declared NOT NULL. */
  notnull: number;
  /** Position in the primary key (1-based), 0 when not part of it. */
  pk: number;
}

export function columnsOf(raw: Raw, table: string, schema = 'main'): ColumnInfo[] {
  return rowsOf<ColumnInfo>(raw, `SELECT name, "notnull", pk FROM pragma_table_info(?, ?) ORDER BY cid`, table, schema);
}

/** The table's primary key columns, in key order. */
export function primaryKeyOf(columns: ColumnInfo[]): string[] {
  return columns
    .filter((c) => c.pk > 0)
    .sort((a, b) => a.pk - b.pk)
    .map((c) => c.name);
}

/** Declared foreign keys: the column and the table it points to. */
export function foreignKeysOf(raw: Raw, table: string, schema = 'main'): { from: string; table: string }[] {
  return rowsOf(raw, `SELECT "from", "table" FROM pragma_foreign_key_list(?, ?)`, table, schema);
}

/** Rows that break a foreign key (PRAGMA foreign_key_check). */
export function foreignKeyViolations(raw: Raw): { table: string; rowid: number | null }[] {
  return rowsOf(raw, 'PRAGMA foreign_key_check');
}

export function countOf(raw: Raw, table: string): number {
  return valueOf<number>(raw, `SELECT count(*) FROM ${quote(table)}`) ?? 0;
}
