// Field-level comparison of a village change with the office record it was based on (docs/EXCHANGE.md, "Field-level
// review"). The copy's change carries its effects — the columns it changed, with their values before (= the base
// version's) and after. At the office: a column the office also changed since the base, to another value, is a
// conflict: the office's value stays and the village's waits in the review queue. Every other field the village did
// not change is taken from the office's current row, so a change never carries a stale value back over an office edit.
import type Database from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db';
import type { JournalEntryInput } from '../journal';
import { statementOf, type Statement } from '../kernel';
import { canonical } from './canonical';
import { quote } from './sqlite';
import type { ChangeEffect } from './outbox';

export interface FieldConflict {
  column: string;
  /** The input field of the change that carries this column (camelCase), when it has one. */
  field: string | null;
  base: unknown;
  office: unknown;
  village: unknown;
}

/** One record a change was based on, at a version the office has since moved past. */
export interface RecordPlan {
  table: string;
  /** The office's id of the record (after the id map). */
  id: string;
  baseVersion: number;
  /** The office row now. */
  row: Record<string, unknown>;
  /** Columns the village changed: value before (the base version's) and after. */
  village: Map<string, { before: unknown; after: unknown }>;
  conflicts: FieldConflict[];
}

const KERNEL_COLUMNS = new Set(['id', 'version', 'updated_at', 'created_at']);

export const sameValue = (a: unknown, b: unknown): boolean => canonical(a ?? null) === canonical(b ?? null);

export const snakeOf = (field: string): string => field.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`);

/** A column's value in the shape the input field had (0/1 → boolean, JSON text → value, number text → number). */
export function asInputValue(sample: unknown, value: unknown): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (typeof sample === 'boolean') return value === 1 || value === true || value === '1';
  if (typeof sample === 'number' && typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value)))
    return Number(value);
  if (sample && typeof sample === 'object' && typeof value === 'string') {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return value;
    }
  }
  return value;
}

/** Tables with `id` and `version` (the records a change can be based on). */
export async function versionedTables(trx: Kysely<DB>): Promise<string[]> {
  return (
    await sql<{ name: string }>`SELECT m.name FROM sqlite_master m WHERE m.type = 'table'
      AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE 'village_%'
      AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) WHERE name = 'id')
      AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) WHERE name = 'version')`.execute(trx)
  ).rows.map((r) => r.name);
}

/**
 * Finds the table and row of an id (ids are UUIDs: one table each). The lookup keeps one prepared statement per table
 * and tries the table that answered last first (a change file names the same kinds of records over and over).
 */
export class RecordFinder {
  private readonly stmts = new Map<string, Statement<Record<string, unknown>>>();
  private order: string[];
  constructor(
    private readonly raw: Database.Database,
    tables: string[],
  ) {
    this.order = [...tables];
  }
  find(id: string): { table: string; row: Record<string, unknown> } | null {
    for (const t of this.order) {
      let st = this.stmts.get(t);
      if (!st) {
        st = statementOf<Record<string, unknown>>(this.raw, `SELECT * FROM ${quote(t)} WHERE id = ?`);
        this.stmts.set(t, st);
      }
      const row = st.get(id);
      if (row) {
        if (this.order[0] !== t) this.order = [t, ...this.order.filter((x) => x !== t)];
        return { table: t, row };
      }
    }
    return null;
  }
}

/** One record by id, for a single look-up (the review queue). */
export async function findRecord(
  trx: Kysely<DB>,
  tables: string[],
  id: string,
): Promise<{ table: string; row: Record<string, unknown> } | null> {
  for (const t of tables) {
    const row = (await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(t)} WHERE id = ${id}`.execute(trx))
      .rows[0];
    if (row) return { table: t, row };
  }
  return null;
}

/**
 * The columns a village change set on one record (from its effects: first `before`, last `after` per column),
 * limited to the record's own columns. Null when the change carries no effects for the record (a format 1 file, or
 * a method that did not journal the record's columns): then the change can only be judged whole.
 */
export function villageColumns(
  effects: ChangeEffect[] | undefined,
  table: string,
  copyEntityId: string,
  row: Record<string, unknown>,
): Map<string, { before: unknown; after: unknown }> | null {
  if (!effects) return null;
  const mine = effects.filter((e) => e.entity === table && e.entityId === copyEntityId);
  if (mine.length === 0) return null;
  const out = new Map<string, { before: unknown; after: unknown }>();
  for (const e of mine) {
    for (const [col, after] of Object.entries(e.after ?? {})) {
      if (!(col in row) || KERNEL_COLUMNS.has(col)) continue;
      const prev = out.get(col);
      out.set(col, { before: prev ? prev.before : (e.before ?? {})[col], after });
    }
  }
  return out;
}

/** The input field (camelCase) carrying a column in the change's input object for the record, if any. */
function fieldOf(obj: Record<string, unknown> | null, column: string): string | null {
  if (!obj) return null;
  return Object.keys(obj).find((k) => snakeOf(k) === column) ?? null;
}

/** The object of the input that carries the record (`{id, version, …}`). */
export function recordObject(input: unknown, id: string): Record<string, unknown> | null {
  let found: Record<string, unknown> | null = null;
  const walk = (v: unknown): void => {
    if (found) return;
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o.id === id && typeof o.version === 'number') found = o;
      else Object.values(o).forEach(walk);
    }
  };
  walk(input);
  return found;
}

/** Compares the village's columns with the office row: the conflicts (both changed, to different values). */
export function planRecord(
  table: string,
  id: string,
  baseVersion: number,
  row: Record<string, unknown>,
  village: Map<string, { before: unknown; after: unknown }>,
  input: unknown,
): RecordPlan {
  const obj = recordObject(input, id);
  const conflicts: FieldConflict[] = [];
  for (const [column, v] of village) {
    const office = row[column] ?? null;
    if (!sameValue(office, v.before) && !sameValue(office, v.after)) {
      conflicts.push({ column, field: fieldOf(obj, column), base: v.before ?? null, office, village: v.after ?? null });
    }
  }
  return { table, id, baseVersion, row, village, conflicts };
}

/**
 * The change's input as it must run at the office now: each planned record's version set to the current one, and
 * each of its fields taken from `values` (column → value) when given there, else left as the village set it when
 * the village changed that column (and it is no conflict), else the office's current value.
 */
export function mergedInput(
  input: unknown,
  plans: RecordPlan[],
  values?: Map<string, Record<string, unknown>>,
): unknown {
  const copy = JSON.parse(JSON.stringify(input)) as unknown;
  for (const p of plans) {
    const obj = recordObject(copy, p.id);
    if (!obj) continue;
    obj.version = p.row.version;
    const chosen = values?.get(p.id) ?? {};
    const conflicted = new Set(p.conflicts.map((c) => c.column));
    for (const k of Object.keys(obj)) {
      if (k === 'id' || k === 'version') continue;
      const col = snakeOf(k);
      if (!(col in p.row)) continue;
      if (Object.hasOwn(chosen, col)) obj[k] = asInputValue(obj[k], chosen[col]);
      else if (p.village.has(col) && !conflicted.has(col)) continue;
      else obj[k] = asInputValue(obj[k], p.row[col]);
    }
  }
  return copy;
}

/**
 * Columns of a planned record that the office run of a change altered although it had no right to: the safety net
 * under "nothing silently overwritten" (a field the input could not carry, a handler that derives more).
 */
export function overreach(
  entries: JournalEntryInput[],
  plans: RecordPlan[],
  allowed: (p: RecordPlan) => Set<string>,
): string[] {
  const out: string[] = [];
  for (const p of plans) {
    const ok = allowed(p);
    for (const e of entries) {
      if (e.entity !== p.table || e.entityId !== p.id) continue;
      for (const col of Object.keys(e.after ?? {})) {
        if (col in p.row && !KERNEL_COLUMNS.has(col) && !ok.has(col)) out.push(`${p.table}.${col}`);
      }
    }
  }
  return out;
}
