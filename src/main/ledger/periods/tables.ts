// Tables of 月度结账与报表: the state of each reporting month (open / final, with its revision), the history of
// report packages built for it, the reviewer's reminders and the deliveries (upload receipts, saved copies).
// Created by migrations/0005_periods.ts.

/** One row per month that has ever been reported or locked. A month without a row is open, revision 0. */
export interface ReportPeriodsTable {
  month: string; // 'YYYY-MM'
  status: 'open' | 'final';
  /** Revision of the last package marked final (0 = never final). The next package is final_revision + 1. */
  final_revision: number;
  finalized_at: string | null;
  finalized_by: string | null; // display name
  reopened_at: string | null;
  reopened_by: string | null;
  reopen_reason: string | null;
  /** 1 when a change effective in this month was written with a reason while the month was final. */
  amended: number;
  created_at: string;
  updated_at: string;
  version: number;
}

export type PackageStatus = 'prepared' | 'final' | 'superseded';

/** Every package ever built (files under <dataDir>/reports/<month>/). Never deleted: superseded instead. */
export interface ReportPackagesTable {
  id: string;
  month: string;
  revision: number;
  status: PackageStatus;
  /** manual (the reports page), schedule (the monthly scheduler), cli (`civil-ledger report`). */
  trigger: 'manual' | 'schedule' | 'cli';
  built_at: string;
  built_by: string; // display name
  /** 1 when every cross-check passed; a package with 0 cannot be marked final. */
  checks_ok: number;
  /** JSON: ReportCheck[] */
  checks: string;
  /** JSON: the summary.json content. */
  summary: string;
  /** Paths relative to the data folder. */
  xlsx_file: string;
  zip_file: string;
  xlsx_sha256: string;
  zip_sha256: string;
  /** 1 when the amounts came from the cases because the month's payment roll was not confirmed (草稿). */
  amounts_draft: number;
  finalized_at: string | null;
  finalized_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

/** Reminders for the reviewer (the scheduler records one when it prepares a month's package). */
export interface ReportRemindersTable {
  id: string;
  month: string;
  kind: 'review_package';
  message: string;
  package_id: string | null;
  created_at: string;
  done_at: string | null;
  done_by: string | null;
}

/** Deliveries of a package: upload to the municipal address (with its receipt) or a copy saved to a folder. */
export interface ReportDeliveriesTable {
  id: string;
  package_id: string;
  method: 'upload' | 'folder';
  target: string;
  status: 'ok' | 'failed';
  attempts: number;
  http_status: number | null;
  /** The receiving system's answer (trimmed to 2,000 characters) or the error message. */
  receipt: string | null;
  at: string;
  by_name: string;
}

/** Cached sums of a confirmed payment roll (g = row code|area|village), keyed by the roll's version stamp. */
export interface ReportRollSumsTable {
  roll_id: string;
  stamp: string;
  g: string;
  amount_fen: number;
  base_fen: number;
  supplement_fen: number;
  lines: number;
}

export interface PeriodsTables {
  report_roll_sums: ReportRollSumsTable;
  report_periods: ReportPeriodsTable;
  report_packages: ReportPackagesTable;
  report_reminders: ReportRemindersTable;
  report_deliveries: ReportDeliveriesTable;
}
