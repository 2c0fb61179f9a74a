// Backups (备份): a verified copy of the ledger, written under a temporary name, checked, fsynced, then renamed —
// so a backup file that exists under its final name is always complete and has passed integrity_check and the
// journal-chain check. Each has a manifest beside it (SHA-256, time, reason) so a later bit flip is caught at restore.
//
// Where: <ledger>.files/backups/{auto,before,manual}/, and optionally the same tree under a second folder (another
// drive or a USB stick, setting 'backup.secondDir'). Automatic triggers other capabilities call:
//   backupBeforeRisk(ledger, reason) — before an import, before a month is made final (throws if it fails: the risky
//                                      operation should then not run);
//   backupOnClose(ledger)            — when the app closes;
//   backupIfDue(ledger)              — the schedule (once a day), see schedule.ts.
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import type Database from 'better-sqlite3';
import { LedgerError } from '../../../shared/errors';
import { dayStamp, fileStamp } from '../../../shared/time';
import { assertLedgerFile } from '../db/open';
import { dataDirFor } from '../../paths';
import {
  fsyncDir,
  readJsonFile,
  realIo,
  removeQuietly,
  removeWithSidecars,
  sha256File,
  tempNameFor,
  writeFileAtomic,
  type BackupIo,
} from './files';
import { backupsToKeep, DEFAULT_ROTATION } from './rotation';
import { sourceOf, verifyPrivateCopy, type LedgerSource } from './snapshot';

/** auto: schedule and close (rotated 7 daily / 4 weekly / 12 monthly); before: before a risky operation; manual. */
export type BackupKind = 'auto' | 'before' | 'manual';
export const BACKUP_KINDS: BackupKind[] = ['auto', 'before', 'manual'];
/** How many 'before' and 'manual' backups are kept (newest first). */
export const KEEP_LATEST = 20;
export const MANIFEST_SUFFIX = '.manifest.json';
export const SECOND_DIR_SETTING = 'backup.secondDir';

export interface BackupManifest {
  app: 'civil-ledger';
  file: string;
  sha256: string;
  bytes: number;
  at: string;
  kind: BackupKind;
  reason: string | null;
  schemaVersion: number;
  journalEntries: number;
  township: string | null;
}

export interface BackupResult {
  path: string;
  manifest: BackupManifest;
  /** The copy in the second folder, when one is set and the copy succeeded. */
  secondCopy: string | null;
  /** Problems that did not stop the main backup (second folder missing, old backups not removable). */
  warnings: string[];
}

export function backupsRootFor(ledgerPath: string): string {
  return join(dataDirFor(ledgerPath), 'backups');
}

const stamp = fileStamp;

function ledgerStem(ledgerPath: string): string {
  const b = basename(ledgerPath);
  return extname(b) ? b.slice(0, -extname(b).length) : b;
}

/** A clerk-readable reason for a failed file operation. */
function describeIoError(e: unknown): string {
  if (e instanceof LedgerError) return `备份副本未通过检查：${e.message}`;
  const code = (e as NodeJS.ErrnoException)?.code;
  const msg = (e as Error)?.message ?? String(e);
  if (code === 'ENOSPC' || /SQLITE_FULL|disk is full/i.test(msg)) return '备份位置磁盘空间不足';
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return '没有写入备份位置的权限（或该位置只读）';
  if (code === 'EIO' || /SQLITE_IOERR|disk I\/O error/i.test(msg))
    return '写入时发生读写错误（U 盘或磁盘可能已拔出或损坏）';
  if (code === 'ENOENT' || /directory does not exist/i.test(msg)) return '备份文件夹不存在';
  return msg;
}

/**
 * Writes one verified backup of `source` to `dest` (which must not exist). On any failure nothing is left at `dest`
 * or under a temporary name, the ledger is untouched, and a LedgerError('INTERNAL') says why.
 */
export async function writeVerifiedBackup(
  source: LedgerSource,
  dest: string,
  meta: { kind: BackupKind; reason: string | null; at: Date },
  io: BackupIo = realIo,
): Promise<BackupManifest> {
  // A ledger another connection has open keeps its newest header in the -wal: then the copy's header is checked.
  if (!existsSync(`${source.path}-wal`)) assertLedgerFile(source.path);
  if (existsSync(dest)) throw new LedgerError('BAD_INPUT', `备份文件“${dest}”已存在，不会覆盖`);
  const tmp = tempNameFor(dest);
  const manifestPath = `${dest}${MANIFEST_SUFFIX}`;
  let renamed = false;
  try {
    mkdirSync(dirname(dest), { recursive: true });
    await io.copyLedger(source, tmp);
    const facts = verifyPrivateCopy(tmp, source.nativeBinding, source.path);
    io.fsyncFile(tmp);
    const manifest: BackupManifest = {
      app: 'civil-ledger',
      file: basename(dest),
      sha256: await sha256File(tmp),
      bytes: statSync(tmp).size,
      at: meta.at.toISOString(),
      kind: meta.kind,
      reason: meta.reason,
      schemaVersion: facts.schemaVersion,
      journalEntries: facts.journalEntries,
      township: facts.townshipName,
    };
    writeFileAtomic(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`, io);
    io.rename(tmp, dest);
    renamed = true;
    fsyncDir(dirname(dest));
    return manifest;
  } catch (e) {
    removeWithSidecars(tmp);
    if (!renamed) removeQuietly(manifestPath);
    throw new LedgerError('INTERNAL', `备份失败：${describeIoError(e)}。没有留下不完整的备份文件，台账本身未受影响`);
  }
}

/** Copies a finished backup to another folder: temp name, fsync, SHA-256 compared with the manifest, rename. */
export function copyVerifiedBackup(
  backupPath: string,
  manifest: BackupManifest,
  destDir: string,
  io: BackupIo = realIo,
): Promise<string> {
  const dest = join(destDir, manifest.file);
  const tmp = tempNameFor(dest);
  return (async () => {
    try {
      mkdirSync(destDir, { recursive: true });
      copyFileSync(backupPath, tmp);
      io.fsyncFile(tmp);
      if ((await sha256File(tmp)) !== manifest.sha256) throw new Error('复制后的文件与原备份不一致');
      writeFileAtomic(`${dest}${MANIFEST_SUFFIX}`, `${JSON.stringify(manifest, null, 2)}\n`, io);
      io.rename(tmp, dest);
      fsyncDir(destDir);
      return dest;
    } catch (e) {
      removeWithSidecars(tmp);
      if (!existsSync(dest)) removeQuietly(`${dest}${MANIFEST_SUFFIX}`);
      throw e;
    }
  })();
}

export interface BackupEntry {
  name: string;
  path: string;
  kind: BackupKind;
  at: string;
  bytes: number;
  reason: string | null;
  /** The manifest's SHA-256 is recorded (the file can be checked for later damage). */
  hasManifest: boolean;
}

/** Backups in one kind's folder, newest first. */
export function listBackupsIn(dir: string, kind: BackupKind): BackupEntry[] {
  if (!existsSync(dir)) return [];
  const out: BackupEntry[] = [];
  for (const name of readdirSync(dir)) {
    if (!name.endsWith('.ledger')) continue;
    const path = join(dir, name);
    const manifest = readJsonFile<BackupManifest>(`${path}${MANIFEST_SUFFIX}`);
    const st = statSync(path);
    out.push({
      name,
      path,
      kind,
      at: manifest?.at ?? st.mtime.toISOString(),
      bytes: st.size,
      reason: manifest?.reason ?? null,
      hasManifest: manifest !== null,
    });
  }
  return out.sort((a, b) => b.at.localeCompare(a.at));
}

export function listBackups(ledgerPath: string): BackupEntry[] {
  const root = backupsRootFor(ledgerPath);
  return BACKUP_KINDS.flatMap((k) => listBackupsIn(join(root, k), k)).sort((a, b) => b.at.localeCompare(a.at));
}

/** Applies the rotation to one folder; returns the names removed. */
export function rotate(dir: string, kind: BackupKind): string[] {
  const entries = listBackupsIn(dir, kind);
  const keep =
    kind === 'auto'
      ? backupsToKeep(
          entries.map((e) => ({ name: e.name, at: new Date(e.at) })),
          DEFAULT_ROTATION,
        )
      : new Set(entries.slice(0, KEEP_LATEST).map((e) => e.name));
  const removed: string[] = [];
  for (const e of entries) {
    if (keep.has(e.name)) continue;
    rmSync(e.path, { force: true });
    rmSync(`${e.path}${MANIFEST_SUFFIX}`, { force: true });
    removed.push(e.name);
  }
  return removed;
}

export interface RunBackupOptions {
  kind: BackupKind;
  reason?: string | null;
  now?: Date;
  /** A second folder (another drive, a USB stick); null/undefined for none. */
  secondDir?: string | null;
  io?: BackupIo;
}

/** Takes one backup into the ledger's backup folder (and the second folder), then applies the rotation. */
export async function runBackup(source: LedgerSource, options: RunBackupOptions): Promise<BackupResult> {
  const at = options.now ?? new Date();
  const io = options.io ?? realIo;
  const dir = join(backupsRootFor(source.path), options.kind);
  let dest = join(dir, `${ledgerStem(source.path)}-${stamp(at)}-${options.kind}.ledger`);
  for (let i = 2; existsSync(dest); i++)
    dest = join(dir, `${ledgerStem(source.path)}-${stamp(at)}-${options.kind}-${i}.ledger`);
  const manifest = await writeVerifiedBackup(
    source,
    dest,
    { kind: options.kind, reason: options.reason ?? null, at },
    io,
  );
  const warnings: string[] = [];
  try {
    rotate(dir, options.kind);
  } catch (e) {
    warnings.push(`清理旧备份时出错：${(e as Error).message}`);
  }
  let secondCopy: string | null = null;
  if (options.secondDir) {
    const secondKindDir = join(options.secondDir, 'civil-ledger-backups', ledgerStem(source.path), options.kind);
    try {
      secondCopy = await copyVerifiedBackup(dest, manifest, secondKindDir, io);
      rotate(secondKindDir, options.kind);
    } catch (e) {
      warnings.push(`第二备份位置“${options.secondDir}”写入失败：${describeIoError(e)}（本机备份已完成）`);
    }
  }
  return { path: dest, manifest, secondCopy, warnings };
}

/** The second backup folder from the ledger's settings. Read through the raw connection: callers may be inside a
 * write transaction, where the kysely connection is busy. */
export function secondDirOf(raw: Database.Database): string | null {
  try {
    const row = raw.prepare('SELECT value FROM settings WHERE key = ?').get(SECOND_DIR_SETTING) as
      { value: string } | undefined;
    const v = row ? (JSON.parse(row.value) as unknown) : null;
    return typeof v === 'string' && v.length > 0 ? v : null;
  } catch {
    return null;
  }
}

export interface LedgerLike {
  path: string;
  raw: Database.Database;
}

/**
 * Before a risky operation (an import, making a month final): a verified backup of the committed state. Safe to call
 * first thing inside a write handler — the copy is read through a separate connection. Throws LedgerError if the
 * backup cannot be made; the caller should then not go on.
 */
export async function backupBeforeRisk(ledger: LedgerLike, reason: string, now?: Date): Promise<BackupResult> {
  try {
    return await runBackup(sourceOf(ledger), {
      kind: 'before',
      reason,
      secondDir: secondDirOf(ledger.raw),
      ...(now ? { now } : {}),
    });
  } catch (e) {
    const msg = e instanceof LedgerError ? e.message : String(e);
    throw new LedgerError('INTERNAL', `“${reason}”前的自动备份未能完成，为安全起见本次操作未执行。${msg}`);
  }
}

/** When the app closes. */
export async function backupOnClose(ledger: LedgerLike, now?: Date): Promise<BackupResult> {
  return runBackup(sourceOf(ledger), {
    kind: 'auto',
    reason: '关闭软件时',
    secondDir: secondDirOf(ledger.raw),
    ...(now ? { now } : {}),
  });
}

/** The schedule's tick: one automatic backup per calendar day. Returns null when today's exists already. */
export async function backupIfDue(ledger: LedgerLike, now: Date = new Date()): Promise<BackupResult | null> {
  const today = dayStamp(now);
  const existing = listBackupsIn(join(backupsRootFor(ledger.path), 'auto'), 'auto');
  if (existing.some((e) => stamp(new Date(e.at)).startsWith(today))) return null;
  return runBackup(sourceOf(ledger), { kind: 'auto', reason: '每日自动备份', secondDir: secondDirOf(ledger.raw), now });
}
