// Settings of life events (key 'lifeevents.settings'): when a member change and a death take effect, and the local
// 惠民殡葬 rule. Local practice varies (DOMAIN: "paid through the month of death, stopped from the next month" is
// the common rule), so each is a setting with the common default.
import type { Kysely } from 'kysely';
import type { LifeSettings } from '../../../shared/api/lifeevents';
import type { DB } from '../db';
import { getSettingRow } from '../settings';

export const LIFE_SETTINGS_KEY = 'lifeevents.settings';

export const DEFAULT_LIFE_SETTINGS: Omit<LifeSettings, 'version'> = {
  memberChangeFrom: 'next_month',
  deathStopFrom: 'next_month',
  funeralRelief: { enabled: true, maxFen: 0, categories: ['dibao', 'tekun'] },
  compareDeadlineDays: 5,
};

export async function getLifeSettings(db: Kysely<DB>): Promise<LifeSettings> {
  const row = await getSettingRow(db, LIFE_SETTINGS_KEY);
  const stored = (row?.value ?? {}) as Partial<LifeSettings>;
  return { ...DEFAULT_LIFE_SETTINGS, ...stored, version: row?.version ?? 0 };
}
