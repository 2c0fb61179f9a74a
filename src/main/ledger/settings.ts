// Township-wide settings as versioned JSON values. Each capability reads its own keys with a default.
import type { Kysely } from 'kysely';
import { staleEdit } from '../../shared/errors';
import type { DB } from './db';
import type { ServiceContext } from './kernel';
import { saveVersion } from './kernel';

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
  const prev = await ctx.db
    .selectFrom('settings')
    .select(['value', 'version'])
    .where('key', '=', key)
    .executeTakeFirst();
  if ((prev?.version ?? null) !== expectedVersion) throw staleEdit(write.what);
  const at = ctx.now().toISOString();
  if (!prev)
    await ctx.db
      .insertInto('settings')
      .values({ key, value: JSON.stringify(value), updated_at: at, version: 1 })
      .execute();
  else if (
    !(await saveVersion(ctx.db, 'settings', 'key', key, prev.version, { value: JSON.stringify(value), updated_at: at }))
  )
    throw staleEdit(write.what);
  const before = prev ? (JSON.parse(prev.value) as unknown) : undefined;
  await ctx.journal({
    action: write.action,
    entity: 'settings',
    entityId: key,
    before: 'before' in write ? write.before : before,
    after: 'after' in write ? write.after : value,
  });
  return before;
}
