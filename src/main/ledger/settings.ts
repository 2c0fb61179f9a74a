// Township-wide settings as versioned JSON values. Each capability reads its own keys with a default.
import type { Kysely } from 'kysely';
import type { DB } from './db/schema';
import { saveVersion } from './kernel/write';

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
