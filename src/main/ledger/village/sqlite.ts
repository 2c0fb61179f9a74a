// What the village folder asks SQLite about a ledger's schema (copy cutting, return files, the copy's record sync): a
// table's columns, its key, its links, its row count. The statements themselves go through the kernel's typed query
// helpers (rowsOf, valuesOf, execute, statementOf …).
import type Database from 'better-sqlite3';
import { rowsOf, valueOf, valuesOf } from '../kernel';

export type Raw = Database.Database;

export function quote(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** User tables of a database (`schema` for an attached one), by name. */
export function tableNames(raw: Raw, schema = 'main'): string[] {
  return valuesOf<string>(
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

/** The number of rows in `table`. */
export function rowCountOf(raw: Raw, table: string): number {
  return valueOf<number>(raw, `SELECT count(*) FROM ${quote(table)}`) ?? 0;
}
