// Per-table row digests: a SHA-256 over each table's rows in rowid order, recorded in every backup's manifest.
// SQLite checksums nothing inside its pages, so a bare copy of a ledger whose rows were altered passes
// integrity_check; comparing its tables with a manifest's digests tells an altered copy from one that was not.
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { rowsOf, statementOf, valuesOf, type Statement } from '../kernel';

export interface TableDigest {
  rows: number;
  sha256: string;
}

export type TableDigests = Record<string, TableDigest>;

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

function encodeValue(v: unknown): unknown {
  if (Buffer.isBuffer(v)) return { blob: v.toString('hex') };
  if (typeof v === 'bigint') return { int: v.toString() };
  return v;
}

/**
 * Tables that hold no ledger content, only a marker of it: the figures' stamp is a random value that every write to
 * the tables the figures read replaces (migration 0018). It differs after any write, so a digest of it would name it
 * beside the table a clerk's data actually changed in. The log of the cases the figures re-read (migration 0020) is
 * such a marker too: every write to a case, its members, amounts, household or persons adds rows to it.
 */
const MARKER_TABLES = new Set(['report_figures_stamp', 'report_case_changes']);

/** Ordinary tables (not SQLite's own, not virtual tables: their content lives in their shadow tables). */
export function digestedTables(raw: Database.Database): string[] {
  return valuesOf<string>(
    raw,
    `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
     AND coalesce(sql, '') NOT LIKE 'CREATE VIRTUAL%' ORDER BY name`,
  ).filter((n) => n.length > 0 && !MARKER_TABLES.has(n));
}

export function tableDigest(raw: Database.Database, table: string): TableDigest {
  let stmt: Statement<unknown[]>;
  try {
    stmt = statementOf<unknown[]>(raw, `SELECT * FROM ${quote(table)} ORDER BY rowid`);
  } catch {
    // WITHOUT ROWID: ordered by every column.
    const cols = rowsOf<{ cid: number }>(raw, `SELECT cid FROM pragma_table_info(?) ORDER BY cid`, table).map(
      (c) => c.cid + 1,
    );
    stmt = statementOf<unknown[]>(raw, `SELECT * FROM ${quote(table)} ORDER BY ${cols.join(', ')}`);
  }
  stmt.raw(true);
  const h = createHash('sha256');
  let rows = 0;
  for (const row of stmt.iterate()) {
    h.update(JSON.stringify(row.map(encodeValue)));
    h.update('\n');
    rows++;
  }
  return { rows, sha256: h.digest('hex') };
}

export function tableDigests(raw: Database.Database): TableDigests {
  const out: TableDigests = {};
  for (const t of digestedTables(raw)) out[t] = tableDigest(raw, t);
  return out;
}

export interface DigestDifference {
  table: string;
  /** What differs, in words a clerk reads. */
  message: string;
}

/** Tables whose rows differ from the recorded digests (missing or extra tables too). */
export function compareDigests(expected: TableDigests, raw: Database.Database): DigestDifference[] {
  const actualTables = new Set(digestedTables(raw));
  const out: DigestDifference[] = [];
  for (const [table, want] of Object.entries(expected)) {
    if (!actualTables.has(table)) {
      out.push({ table, message: `表 ${table} 不存在（备份时有 ${want.rows} 行）` });
      continue;
    }
    const got = tableDigest(raw, table);
    if (got.sha256 !== want.sha256) {
      out.push({
        table,
        message:
          got.rows === want.rows
            ? `表 ${table} 的内容与记录不符（${got.rows} 行，行数相同但内容被改动）`
            : `表 ${table} 的内容与记录不符（记录 ${want.rows} 行，现有 ${got.rows} 行）`,
      });
    }
  }
  for (const table of actualTables) {
    if (!Object.hasOwn(expected, table)) out.push({ table, message: `多出记录中没有的表 ${table}` });
  }
  return out;
}
