// What the 月度报表 pages show besides the figures: packages and their deliveries, the months' 定稿 state, reminders,
// the 工作台 and the report settings.
import type { ReportCheck } from './reports-figures';

/** What the monthly schedule found or did for last month's package. */
export interface DueReportView {
  status: 'not_due' | 'due' | 'already_prepared' | 'final' | 'prepared';
  month: string;
  packageId: string | null;
  checksOk: boolean | null;
  message: string;
}

export interface PackageView {
  id: string;
  month: string;
  /** The n-th package built for the month (1, 2, 3 …): what the page calls 第 n 版. */
  buildNo: number;
  /** The 定稿 revision the package belongs to (2+ after a final month was reopened): 修订第 n 版. */
  revision: number;
  status: 'prepared' | 'final' | 'superseded';
  trigger: 'manual' | 'schedule' | 'cli';
  builtAt: string;
  builtBy: string;
  checksOk: boolean;
  checks: ReportCheck[];
  amountsDraft: boolean;
  xlsxFile: string;
  zipFile: string;
  zipSha256: string;
  finalizedAt: string | null;
  finalizedBy: string | null;
  deliveries: DeliveryView[];
  version: number;
}

export interface DeliveryView {
  id: string;
  method: 'upload' | 'folder';
  target: string;
  status: 'ok' | 'failed';
  attempts: number;
  httpStatus: number | null;
  receipt: string | null;
  at: string;
  byName: string;
}

export interface PeriodView {
  month: string;
  status: 'open' | 'final';
  finalRevision: number;
  amended: boolean;
  finalizedAt: string | null;
  finalizedBy: string | null;
  reopenedAt: string | null;
  reopenReason: string | null;
}

export interface ReminderView {
  id: string;
  month: string;
  message: string;
  packageId: string | null;
  createdAt: string;
}

export interface DashboardView {
  month: string;
  period: PeriodView;
  latestPackage: PackageView | null;
  reminders: ReminderView[];
  /** Things due across the ledgers (each line a Chinese sentence, with a count). */
  due: { key: string; label: string; count: number }[];
  /** Main figures per village for the month (低保+特困 households, persons, amount). */
  byVillage: { villageName: string; households: number; persons: number; amountFen: number }[];
  /** Main figures for the twelve months up to `month`. */
  byMonth: { month: string; households: number; persons: number; amountFen: number }[];
}

/** Names printed in the sign-off fields of the forms (报表设置); empty = a blank line to sign by hand. */
export interface ReportSigners {
  /** 单位负责人 (also 领导签批人 of the 低保 table). */
  unitHead: string;
  /** 分管审核人. */
  deputy: string;
  /** 计财部门审核人. */
  finance: string;
}

export interface ReportSettingsView {
  scheduleDay: number;
  uploadUrl: string | null;
  exportFolder: string | null;
  /** Why the municipal format needs full ID numbers; required when fullIdNumbers is on. */
  fullIdPurpose?: string | null;
  fullIdNumbers: boolean;
  /** Money in the workbook: 元 (2 decimals) or 万元 (the forms' decimals). */
  amountUnit: 'yuan' | 'wan';
  /** 表号 printed on the summary sheet (the county's own); empty = none. */
  formNumber: string;
  signers: ReportSigners;
  version: number;
}
