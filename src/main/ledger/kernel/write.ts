// The write kernel: the one way a clerk's change to a versioned row is saved (docs/ARCHITECTURE.md, "One write
// path"). It refuses a stale edit (the row's `version` moved on since the clerk opened it), bumps the version, sets
// `updated_at`, and journals the change in the same transaction with before/after of the changed fields only.
//
// Journal key style: before/after keys are the table's column names (snake_case), as the rows store them — one style
// for every table, so a history view or an exchange file reads every record's changes the same way.
import type { Kysely, Selectable, Updateable } from 'kysely';
import { LedgerError, notFound, staleEdit } from '../../../shared/errors';
import type { DB } from '../db';
import { newId, nowIso } from '../ids';
import type { ServiceContext } from './context';

/** Tables whose rows a clerk changes: they carry id, version and updated_at. */
export type VersionedTable = {
  [T in keyof DB]: Selectable<DB[T]> extends { id: string; version: number; updated_at: string } ? T : never;
}[keyof DB];

export type VersionedRow<T extends VersionedTable> = Selectable<DB[T]>;
/** What a write may change: any column except the three the kernel keeps. */
export type VersionedPatch<T extends VersionedTable> = Omit<Updateable<DB[T]>, 'id' | 'version' | 'updated_at'>;

export interface VersionedWrite<T extends VersionedTable> {
  /** The journal action, e.g. 'village.rename'. */
  action: string;
  /** How a clerk names the record in a message, e.g. '村(社区)“东村”' or '该案件'. */
  what: string;
  reason?: string | null;
  /** The row as already loaded (saves a read); the kernel still checks its version against the expected one. */
  current?: VersionedRow<T>;
  /** Extra facts for the journal that are not columns (e.g. the name of a village merged into). */
  extra?: { before?: Record<string, unknown>; after?: Record<string, unknown> };
  /**
   * The journal entry as the service words it, instead of the changed columns: for entries that record facts beyond
   * the row (an event's date, the record it belongs to) — keys still column-style snake_case. `false`: the caller
   * journals one entry for several rows itself (it must still journal in the same transaction).
   */
  entry?: false | { entity?: string; entityId?: string; before?: unknown; after?: unknown };
  /** The time to stamp as `updated_at` when the service stamps other rows with the same moment. */
  at?: string;
}

// Kysely cannot follow a table name that is a type parameter; the kernel works on this loosened view of the same
// connection and keeps the precise types at its edges.
type Loose = Kysely<{
  [table: string]: { id: string; version: number; updated_at: string; [column: string]: unknown };
}>;

/** The columns the kernel stamps on a new row: a fresh id, created/updated now, version 1. */
type Stamped = 'id' | 'created_at' | 'updated_at' | 'version';
/** A new row as the service gives it: every column (nullable ones as null) but the stamps. */
export type NewRow<T extends VersionedTable> = Omit<VersionedRow<T>, Stamped>;

/**
 * Adds a new versioned row — id (newId unless given), created_at = updated_at = now (or `at`), version 1 — and
 * journals it under `action` with `after` (the facts the entry keeps; column-style snake_case keys). Returns the row
 * as stored.
 */
export async function insertVersioned<T extends VersionedTable>(
  ctx: Pick<ServiceContext, 'db' | 'now' | 'journal'>,
  table: T,
  values: NewRow<T> & { id?: string },
  write: {
    action: string;
    after: Record<string, unknown>;
    at?: string;
    reason?: string | null;
    /** The record the entry is about when it is not the new row (an attachment is journalled on its record). */
    entity?: string;
    entityId?: string;
  },
): Promise<VersionedRow<T>> {
  const at = write.at ?? nowIso(ctx.now());
  const row = { ...values, id: values.id ?? newId(), created_at: at, updated_at: at, version: 1 };
  await (ctx.db as unknown as Loose)
    .insertInto(table as string)
    .values(row)
    .execute();
  await ctx.journal({
    action: write.action,
    entity: write.entity ?? table,
    entityId: write.entityId ?? row.id,
    after: write.after,
    reason: write.reason ?? null,
  });
  return row as unknown as VersionedRow<T>;
}

/** What a new voidable (作废-able) row starts with. */
export const NOT_VOIDED = { voided: 0, void_reason: null } as const;

/** Reads a versioned row; null when there is none. */
export async function loadVersioned<T extends VersionedTable>(
  ctx: Pick<ServiceContext, 'db'>,
  table: T,
  id: string,
): Promise<VersionedRow<T> | null> {
  const db = ctx.db as unknown as Loose;
  const row = await db
    .selectFrom(table as string)
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return (row as VersionedRow<T> | undefined) ?? null;
}

/**
 * Reads the versioned row a clerk is about to change: NOT_FOUND (“未找到<what>”) when there is none, the stale-edit
 * CONFLICT when `version` is given and the row moved on since the clerk saw it (no version: a system change).
 */
export async function loadForEdit<T extends VersionedTable>(
  ctx: Pick<ServiceContext, 'db'>,
  table: T,
  id: string,
  version: number | undefined,
  what: string,
  /** How the stale-edit message names the row once it is read (e.g. by its name); `what` otherwise. */
  named?: (row: VersionedRow<T>) => string,
): Promise<VersionedRow<T>> {
  const row = await loadVersioned(ctx, table, id);
  if (!row) throw notFound(what);
  if (version !== undefined && (row as unknown as { version: number }).version !== version)
    throw staleEdit(named ? named(row) : what);
  return row;
}

/** The fields of `patch` whose value differs from `row`, as before/after maps. */
export function changedFields(
  row: object,
  patch: object,
): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) continue;
    const old = (row as Record<string, unknown>)[k] ?? null;
    if (old !== v) {
      before[k] = old;
      after[k] = v;
    }
  }
  return { before, after };
}

/**
 * Saves `patch` to row `id` of `table` if the row is still at `expectedVersion`, and journals it. Returns the row as
 * saved (version + 1). Throws NOT_FOUND (“未找到…”) when there is no such row and the stale-edit CONFLICT (“…已被
 * 他人修改…”) when the version moved on — also when another writer got in between the read and the update.
 */
export async function updateVersioned<T extends VersionedTable>(
  ctx: Pick<ServiceContext, 'db' | 'now' | 'journal'>,
  table: T,
  id: string,
  expectedVersion: number,
  patch: VersionedPatch<T>,
  write: VersionedWrite<T>,
): Promise<VersionedRow<T>> {
  const current = write.current ?? (await loadVersioned(ctx, table, id));
  if (!current) throw notFound(write.what);
  const row = current as unknown as Record<string, unknown> & { version: number };
  if (row.version !== expectedVersion) throw staleEdit(write.what);
  const values = Object.fromEntries(
    Object.entries(patch as Record<string, unknown>).filter(([, v]) => v !== undefined),
  );
  const updatedAt = write.at ?? nowIso(ctx.now());
  const saved = await saveVersion(ctx.db, table, 'id', id, expectedVersion, { ...values, updated_at: updatedAt });
  if (!saved) throw staleEdit(write.what);
  const next = { ...row, ...values, updated_at: updatedAt, version: expectedVersion + 1 };
  if (write.entry === false) return next as unknown as VersionedRow<T>;
  if (write.entry) {
    await ctx.journal({
      action: write.action,
      entity: write.entry.entity ?? table,
      entityId: write.entry.entityId ?? id,
      before: write.entry.before,
      after: write.entry.after,
      reason: write.reason ?? null,
    });
    return next as unknown as VersionedRow<T>;
  }
  const { before, after } = changedFields(row, values);
  await ctx.journal({
    action: write.action,
    entity: table,
    entityId: id,
    before: { ...before, ...write.extra?.before },
    after: { ...after, ...write.extra?.after },
    reason: write.reason ?? null,
  });
  return next as unknown as VersionedRow<T>;
}

/**
 * A change the system makes to a row it has just read (no clerk saw a version: a death recorded elsewhere, a worker
 * replaced, a password changed by its owner). Same as updateVersioned with the row's own version as the expected one,
 * so a writer that got in between is still refused.
 */
export async function updateLoaded<T extends VersionedTable>(
  ctx: Pick<ServiceContext, 'db' | 'now' | 'journal'>,
  table: T,
  current: VersionedRow<T>,
  patch: VersionedPatch<T>,
  write: Omit<VersionedWrite<T>, 'current'>,
): Promise<VersionedRow<T>> {
  const row = current as unknown as { id: string; version: number };
  return updateVersioned(ctx, table, row.id, row.version, patch, { ...write, current });
}

/**
 * The one statement that bumps a version: sets `values` and `version + 1` on the row whose `keyColumn` is `key` if
 * it is still at `expectedVersion`. False when it is not (or is gone). For tables keyed otherwise than by `id`
 * (settings); services use updateVersioned.
 */
export async function saveVersion(
  db: Kysely<DB>,
  table: string,
  keyColumn: string,
  key: string,
  expectedVersion: number,
  values: Record<string, unknown>,
): Promise<boolean> {
  const res = await (db as unknown as Loose)
    .updateTable(table)
    .set({ ...values, version: expectedVersion + 1 })
    .where(keyColumn, '=', key)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Tables whose rows are voided (作废) with a reason rather than deleted. */
export type VoidableTable = {
  [T in VersionedTable]: Selectable<DB[T]> extends { voided: number; void_reason: string | null } ? T : never;
}[VersionedTable];

/**
 * Voids row `id` (voided = 1 with the reason; nothing a clerk entered is deleted), through updateVersioned: the
 * stale-edit check, the version bump and the journal entry. A row already void is refused (“<what>已作废”). `what`
 * may name the row from its contents (e.g. its date); `missing` is then how a missing row is named. `check` may
 * refuse first (e.g. a goods receipt whose stock was already issued).
 */
export async function voidVersioned<T extends VoidableTable>(
  ctx: Pick<ServiceContext, 'db' | 'now' | 'journal'>,
  table: T,
  id: string,
  expectedVersion: number,
  reason: string,
  write: {
    action: string;
    what: string | ((row: VersionedRow<T>) => string);
    missing?: string;
    check?: (row: VersionedRow<T>) => Promise<void> | void;
    /** Facts of the voided row the journal keeps beside voided/void_reason (e.g. the amount of a voided grant). */
    extra?: (row: VersionedRow<T>) => VersionedWrite<T>['extra'];
  },
): Promise<VersionedRow<T>> {
  const named = typeof write.what === 'string' ? undefined : write.what;
  const missing = write.missing ?? (typeof write.what === 'string' ? write.what : '该记录');
  const row = await loadForEdit(ctx, table, id, undefined, missing);
  const what = named ? named(row) : missing;
  if ((row as unknown as { voided: number }).voided === 1) throw new LedgerError('RULE', `${what}已作废`);
  if ((row as unknown as { version: number }).version === expectedVersion) await write.check?.(row);
  return updateVersioned(
    ctx,
    table,
    id,
    expectedVersion,
    { voided: 1, void_reason: reason } as unknown as VersionedPatch<T>,
    { action: write.action, what, reason, current: row, extra: write.extra?.(row) },
  );
}
