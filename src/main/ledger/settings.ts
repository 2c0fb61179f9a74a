// Township-wide settings as versioned JSON values. Each capability reads its own keys with a default.
import type { Kysely } from 'kysely';
import { staleEdit } from '../../shared/errors';
import type { DB } from './db';
import { saveVersion, type ServiceContext } from './kernel';

export async function getSetting<T>(db: Kysely<DB>, key: string, fallback: T): Promise<T> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row ? (JSON.parse(row.value) as T) : fallback;
}

export async function getSettingRow(
  db: Kysely<DB>,
  key: string,
): Promise<{ value: unknown; version: number; updated_at: string } | undefined> {
  const row = await db.selectFrom('settings').selectAll().where('key', '=', key).executeTakeFirst();
  return row
    ? { value: JSON.parse(row.value) as unknown, version: row.version, updated_at: row.updated_at }
    : undefined;
}

/** Writes a setting; the caller journals it. Returns the previous value (for the journal's before). */
export async function putSetting(db: Kysely<DB>, key: string, value: unknown, at: string): Promise<unknown> {
  const prev = await db.selectFrom('settings').select(['value', 'version']).where('key', '=', key).executeTakeFirst();
  if (prev) {
    await saveVersion(db, 'settings', 'key', key, prev.version, { value: JSON.stringify(value), updated_at: at });
    return JSON.parse(prev.value) as unknown;
  }
  await db
    .insertInto('settings')
    .values({ key, value: JSON.stringify(value), updated_at: at, version: 1 })
    .execute();
  return undefined;
}

/**
 * A clerk's change of a setting: refuses a stale edit (the version the clerk saw — null when the setting was never
 * saved — is no longer the stored one, also when another writer got in between), saves `value` through the kernel's
 * version bump and journals it as `action` on the setting's key. The entry's before/after are the stored value and
 * `value` unless the service words them. Returns the value stored before (undefined when there was none).
 */
export async function saveSetting(
  ctx: Pick<ServiceContext, 'db' | 'now' | 'journal'>,
  key: string,
  expectedVersion: number | null,
  value: unknown,
  write: { action: string; what: string; before?: unknown; after?: unknown },
): Promise<unknown> {
  const prev = (await storedSettings(ctx.db, [key])).get(key);
  if ((prev?.version ?? null) !== expectedVersion) throw staleEdit(write.what);
  const { action, what, ...wording } = write;
  return saveChange(ctx, prev, { key, value, ...wording }, { action, what, at: ctx.now().toISOString() });
}

/** One setting a settings screen changes: its key, its new value, and the journal entry's wording when not the values. */
export interface SettingChange {
  key: string;
  value: unknown;
  before?: unknown;
  after?: unknown;
}

/**
 * Settings a screen edits together under one version: the sum of the keys' versions (0 for a key never saved), which
 * moves whenever any of them changes. Refuses a stale edit, then `decide` — given the stored values (undefined for a
 * key never saved) — says what changes, or refuses; each change is saved and journalled as saveSetting saves one
 * (also refused when another writer got in between).
 */
export async function saveSettings(
  ctx: Pick<ServiceContext, 'db' | 'now' | 'journal'>,
  keys: string[],
  expectedVersion: number,
  write: { action: string; what: string; reason?: string | null },
  decide: (stored: Record<string, unknown>) => SettingChange[] | Promise<SettingChange[]>,
): Promise<void> {
  const prev = await storedSettings(ctx.db, keys);
  if ([...prev.values()].reduce((sum, p) => sum + p.version, 0) !== expectedVersion) throw staleEdit(write.what);
  const stored = Object.fromEntries(keys.map((k) => [k, prev.get(k)?.value]));
  const at = ctx.now().toISOString();
  for (const change of await decide(stored)) await saveChange(ctx, prev.get(change.key), change, { ...write, at });
}

type Stored = { value: unknown; version: number };

async function storedSettings(db: Kysely<DB>, keys: string[]): Promise<Map<string, Stored>> {
  const rows = await db.selectFrom('settings').select(['key', 'value', 'version']).where('key', 'in', keys).execute();
  return new Map(rows.map((r) => [r.key, { value: JSON.parse(r.value) as unknown, version: r.version }]));
}

/** Saves one setting read as `prev` (through the version bump; refused when another writer got in between) and
 * journals it. Returns the value stored before. */
async function saveChange(
  ctx: Pick<ServiceContext, 'db' | 'journal'>,
  prev: Stored | undefined,
  change: SettingChange,
  write: { action: string; what: string; at: string; reason?: string | null },
): Promise<unknown> {
  const { key, value } = change;
  if (!prev)
    await ctx.db
      .insertInto('settings')
      .values({ key, value: JSON.stringify(value), updated_at: write.at, version: 1 })
      .execute();
  else if (
    !(await saveVersion(ctx.db, 'settings', 'key', key, prev.version, {
      value: JSON.stringify(value),
      updated_at: write.at,
    }))
  )
    throw staleEdit(write.what);
  await ctx.journal({
    action: write.action,
    entity: 'settings',
    entityId: key,
    before: 'before' in change ? change.before : prev?.value,
    after: 'after' in change ? change.after : value,
    ...(write.reason !== undefined ? { reason: write.reason } : {}),
  });
  return prev?.value;
}
