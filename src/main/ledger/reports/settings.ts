// 报表设置 (one settings key, 'reports'): the day of the month the previous month's package is prepared, the
// municipal upload address (HTTPS), the folder copies are saved to otherwise, and whether the municipal format needs
// ID numbers in full (masked by default).
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { getSettingRow } from '../settings';

export interface ReportSettings {
  scheduleDay: number;
  uploadUrl: string | null;
  exportFolder: string | null;
  /** Why the municipal format needs full numbers (required to turn it on); written on the package and journalled. */
  fullIdPurpose?: string | null;
  fullIdNumbers: boolean;
}

export const REPORT_SETTINGS_KEY = 'reports';
export const DEFAULT_REPORT_SETTINGS: ReportSettings = {
  scheduleDay: 5,
  uploadUrl: null,
  exportFolder: null,
  fullIdNumbers: false,
};

export async function reportSettings(db: Kysely<DB>): Promise<ReportSettings & { version: number }> {
  const row = await getSettingRow(db, REPORT_SETTINGS_KEY);
  const v = (row?.value ?? {}) as Partial<ReportSettings>;
  return { ...DEFAULT_REPORT_SETTINGS, ...v, version: row?.version ?? 0 };
}
