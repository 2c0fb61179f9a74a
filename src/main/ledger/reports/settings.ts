// 报表设置 (one settings key, 'reports'): the day of the month the previous month's package is prepared, the
// municipal upload address (HTTPS), the folder copies are saved to otherwise, whether the municipal format needs
// ID numbers in full (masked by default), the money unit of the workbook (元 or 万元), the county's own 表号 (none by
// default) and the names printed in the forms' sign-off fields.
import type { Kysely } from 'kysely';
import type { ReportSettingsView } from '../../../shared/api/reports';
import type { DB } from '../db';
import { getSettingRow } from '../settings';

/** The settings as stored (the view of the contract without its version). */
export type ReportSettings = Omit<ReportSettingsView, 'version'>;

export const REPORT_SETTINGS_KEY = 'reports';
export const DEFAULT_REPORT_SETTINGS: ReportSettings = {
  scheduleDay: 5,
  uploadUrl: null,
  exportFolder: null,
  fullIdNumbers: false,
  amountUnit: 'yuan',
  formNumber: '',
  signers: { unitHead: '', deputy: '', finance: '' },
};

export async function reportSettings(db: Kysely<DB>): Promise<ReportSettings & { version: number }> {
  const row = await getSettingRow(db, REPORT_SETTINGS_KEY);
  const v = (row?.value ?? {}) as Partial<ReportSettings>;
  return {
    ...DEFAULT_REPORT_SETTINGS,
    ...v,
    signers: { ...DEFAULT_REPORT_SETTINGS.signers, ...(v.signers ?? {}) },
    version: row?.version ?? 0,
  };
}
