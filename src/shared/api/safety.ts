// Contract slice: 备份与隐私 — backups (list, run now), the safety settings (second backup folder, retention period
// for closed cases) and the retention report (report only: nothing is ever deleted by it).
import { z } from 'zod';
import { method } from './contract';
import { paging } from './fields';

export type BackupKindView = 'auto' | 'before' | 'manual';

export interface BackupView {
  name: string;
  /** auto: 每日/关闭时; before: 导入前/月报定稿前; manual: 手动. */
  kind: BackupKindView;
  at: string;
  bytes: number;
  reason: string | null;
  /** Some proof is recorded (inside the file, or beside it for older backups). */
  hasManifest: boolean;
  /**
   * embedded: one-file backup, its proof inside (the full check runs on 核验 and at restore); sidecar: an older
   * backup with its .manifest.json beside it; none: no proof (cannot be vouched for); damaged: the proof is broken.
   */
  proof: BackupProofView;
  /** What is wrong with the proof (damaged, or a one-file backup cut short). */
  problem: string | null;
  /** Its time lies in the future: the computer's clock was wrong when it was made (or is now). */
  suspectTime: boolean;
  /** Backup sequence number (newer backups have higher numbers whatever the clock said); 0 for older backups. */
  seq: number;
  /** Who made it. */
  by: string | null;
}

export type BackupProofView = 'embedded' | 'sidecar' | 'none' | 'damaged';

export interface VerificationCheckView {
  name: string;
  ok: boolean;
  message: string;
}

/** The full verification of one backup file (also what a restore would check first). */
export interface BackupVerificationView {
  name: string;
  proof: BackupProofView;
  /** Everything its proof claims matched: it may be restored. */
  verified: boolean;
  checks: VerificationCheckView[];
  /** For a file without proof: what nobody can vouch for if it is restored anyway. */
  unvouched: string[];
  /** Why it must not be restored at all; null when it may be. */
  refusal: string | null;
  /** What its proof records, when it has one. */
  recorded: {
    at: string;
    kind: string;
    reason: string | null;
    township: string | null;
    schemaVersion: number;
    journalHead: { seq: number; hash: string } | null;
    tables: number;
    by: string | null;
  } | null;
}

export interface BackupList {
  folder: string;
  secondDir: string | null;
  entries: BackupView[];
  total: number;
}

export interface BackupRunResult {
  file: string;
  bytes: number;
  journalEntries: number;
  sha256: string;
  secondCopy: string | null;
  warnings: string[];
}

export interface SafetySettings {
  /** A folder on another drive or a USB stick that receives a copy of every backup; null for none. */
  secondBackupDir: string | null;
  /** 已结案件保存年限: closed cases older than this appear in the retention report; null = no period set. */
  closedCaseRetentionYears: number | null;
  version: number;
}

export interface RetentionRow {
  caseId: string;
  caseNo: string | null;
  category: string;
  status: string;
  /** The date the case was closed (stop month's first day, or the decision date). */
  closedOn: string;
}

export interface RetentionReport {
  retentionYears: number | null;
  /** Cases closed before this date are past the period. */
  cutoff: string | null;
  rows: RetentionRow[];
  total: number;
}

/** Which backup: its kind (folder) and its file name (a bare name, never a path). */
export const backupFile = {
  kind: z.enum(['auto', 'before', 'manual'], { message: '备份类型应为自动、操作前或手动' }),
  name: z
    .string()
    .regex(/^[^/\\]+\.ledger$/, '备份文件名不正确')
    .max(200, '备份文件名不正确'),
};

export const safetyApi = {
  'backups.list': method<BackupList>()({
    input: z.object({
      ...paging(200, 50),
    }),
    access: 'admin',
  }),
  /** A verified backup now. Journalled: a backup is a copy of all personal data. */
  'backups.run': method<BackupRunResult>()({
    input: z.object({ reason: z.string().trim().max(100, '原因不能超过 100 个字').optional() }),
    access: 'admin',
    write: true,
  }),
  /** Verifies one backup completely (proof, SHA-256, integrity, journal chain and head, table digests, anchors). */
  'backups.verify': method<BackupVerificationView>()({
    input: z.object(backupFile),
    access: 'admin',
  }),
  'safety.settings': method<SafetySettings>()({ input: z.object({}), access: 'admin' }),
  'safety.updateSettings': method<SafetySettings>()({
    input: z.object({
      version: z.number().int(),
      secondBackupDir: z.string().trim().max(500, '路径过长').nullable(),
      closedCaseRetentionYears: z
        .number({ message: '保存年限应为整数' })
        .int('保存年限应为整数')
        .min(1, '保存年限至少 1 年')
        .max(100, '保存年限不能超过 100 年')
        .nullable(),
    }),
    access: 'admin',
    write: true,
  }),
  /** Closed cases past the retention period — a list for the office to act on under its archive rules; deletes nothing. */
  'privacy.retentionReport': method<RetentionReport>()({
    input: z.object({
      ...paging(500, 100),
    }),
    access: 'admin',
  }),
};
