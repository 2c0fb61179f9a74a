// Backups (备份): a verified copy of the ledger in ONE file that carries its own proof (container.ts): the database
// is copied under a temporary name, checked (integrity_check, journal chain, journal anchors), its manifest (SHA-256,
// size, schema version, journal head, township, per-table row digests, backup sequence number) appended after it,
// fsynced, then renamed — so a file under a backup's final name is always complete and verifiable on its own, and a
// copy or rename cannot separate it from its proof.
//
// Where: <ledger>.files/backups/{auto,before,manual}/, and optionally the same tree under a second folder (another
// drive or a USB stick, setting 'backup.secondDir'). Automatic triggers other capabilities call:
//   backupBeforeRisk(ledger, reason) — before an import, before a month is made final (throws if it fails: the risky
//                                      operation should then not run);
//   backupOnClose(ledger)            — when the app closes;
//   backupIfDue(ledger)              — the schedule (once a day).
// Backups made before format 1 (a .ledger file with a .manifest.json beside it) are still listed and restored.
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type Database from 'better-sqlite3';
import { LedgerError } from '../../../shared/errors';
import { dayStamp, fileStamp } from '../../../shared/time';
import { assertLedgerFile } from '../db';
import { recordAnchor, type JournalHead } from '../journal';
import {
  appendProof,
  CONTAINER_FORMAT,
  readProof,
  sha256Prefix,
  type BackupKind,
  type BackupManifest,
} from './container';
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
import { processAlive } from './lock';
import { collectAnchors } from './proof';
import { backupsToKeep, DEFAULT_ROTATION } from './rotation';
import { rawSetting, sourceOf, verifyPrivateCopy, type LedgerSource } from './snapshot';
import { BACKUP_KINDS, backupsRootFor, ledgerStem, listBackupsIn, MANIFEST_SUFFIX, secondTreeFor } from './listing';

export type { BackupKind, BackupManifest } from './container';
export {
  BACKUP_KINDS,
  backupsRootFor,
  describeBackupFile,
  FUTURE_TOLERANCE_MS,
  listBackups,
  listBackupsIn,
  MANIFEST_SUFFIX,
  newestFirst,
  secondTreeFor,
  type BackupEntry,
  type ProofKind,
} from './listing';
/** How many 'before' and 'manual' backups are kept (newest by sequence first). */
export const KEEP_LATEST = 20;
export const SECOND_DIR_SETTING = 'backup.secondDir';
const SEQUENCE_FILE = 'sequence.json';

export interface BackupResult {
  path: string;
  manifest: BackupManifest;
  /** The copy in the second folder, when one is set and the copy succeeded. */
  secondCopy: string | null;
  /** Problems that did not stop the main backup (second folder missing, old backups not removable). */
  warnings: string[];
}

/** A clerk-readable reason for a failed file operation. */
export function describeIoError(e: unknown): string {
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

export interface BackupMeta {
  kind: BackupKind;
  reason: string | null;
  at: Date;
  /** Backup sequence number (rotation order); runBackup assigns it. */
  seq?: number;
  /** Who made it. */
  by?: string;
  /** The second backup folder, whose backups are anchors too. */
  secondDir?: string | null;
}

/**
 * Writes one verified one-file backup of `source` to `dest` (which must not exist). On any failure nothing is left
 * at `dest` or under a temporary name, the ledger is untouched, and a LedgerError('INTERNAL') says why. A ledger
 * whose journal no longer reaches an anchor (its tail deleted or rewritten) is not backed up: that would launder
 * the change into a backup that verifies.
 */
export async function writeVerifiedBackup(
  source: LedgerSource,
  dest: string,
  meta: BackupMeta,
  io: BackupIo = realIo,
): Promise<BackupManifest> {
  // A ledger another connection has open keeps its newest header in the -wal: then the copy's header is checked.
  if (!existsSync(`${source.path}-wal`)) assertLedgerFile(source.path);
  if (existsSync(dest)) throw new LedgerError('BAD_INPUT', `备份文件“${dest}”已存在，不会覆盖`);
  const tmp = tempNameFor(dest);
  let renamed = false;
  let manifest: BackupManifest;
  try {
    mkdirSync(dirname(dest), { recursive: true });
    await io.copyLedger(source, tmp);
    const facts = verifyPrivateCopy(tmp, source.nativeBinding, source.path, {
      digests: true,
      anchors: collectAnchors(source.path, { secondDir: meta.secondDir ?? null }),
    });
    const broken = facts.anchors?.findings.filter((f) => f.status === 'not_reached' || f.status === 'differs') ?? [];
    if (broken.length > 0) {
      throw new LedgerError('BAD_INPUT', `操作日志与日志锚点不符：${broken[0]!.message}。请运行“检查台账”`);
    }
    const bytes = statSync(tmp).size;
    manifest = {
      app: 'civil-ledger',
      format: CONTAINER_FORMAT,
      file: basename(dest),
      sha256: await sha256File(tmp),
      bytes,
      at: meta.at.toISOString(),
      kind: meta.kind,
      reason: meta.reason,
      schemaVersion: facts.schemaVersion,
      journalEntries: facts.journalEntries,
      township: facts.townshipName,
      ...(meta.seq !== undefined ? { seq: meta.seq } : {}),
      journalHead: facts.journalHead,
      tables: facts.tables ?? {},
      ...(meta.by ? { by: meta.by } : {}),
    };
    appendProof(tmp, manifest);
    io.fsyncFile(tmp);
    io.rename(tmp, dest);
    renamed = true;
    fsyncDir(dirname(dest));
  } catch (e) {
    removeWithSidecars(tmp);
    if (renamed) removeQuietly(dest);
    throw new LedgerError('INTERNAL', `备份失败：${describeIoError(e)}。没有留下不完整的备份文件，台账本身未受影响`);
  }
  recordAnchor(source.path, {
    ...(manifest.journalHead as JournalHead),
    at: manifest.at,
    source: 'backup',
    note: dest,
  });
  return manifest;
}

/**
 * Copies a finished one-file backup to another folder: temp name, fsync, the copy's own proof checked (its database
 * bytes against the SHA-256 inside), rename. The name is kept; an existing file is never overwritten.
 */
export async function copyVerifiedBackup(
  backupPath: string,
  manifest: BackupManifest,
  destDir: string,
  io: BackupIo = realIo,
): Promise<string> {
  let dest = join(destDir, basename(backupPath));
  for (let i = 2; existsSync(dest); i++) dest = join(destDir, `${basename(backupPath, '.ledger')}-${i}.ledger`);
  const tmp = tempNameFor(dest);
  try {
    mkdirSync(destDir, { recursive: true });
    copyFileSync(backupPath, tmp);
    io.fsyncFile(tmp);
    const proof = readProof(tmp);
    if (proof.kind !== 'embedded' || proof.manifest.sha256 !== manifest.sha256) {
      throw new Error('复制后的文件与原备份不一致');
    }
    if ((await sha256Prefix(tmp, manifest.bytes)) !== manifest.sha256) throw new Error('复制后的文件与原备份不一致');
    io.rename(tmp, dest);
    fsyncDir(destDir);
    return dest;
  } catch (e) {
    removeWithSidecars(tmp);
    throw e;
  }
}

/**
 * Applies the rotation to one folder; returns the names removed. `justMade` is never removed. The order is the
 * backup sequence number; the clock only places automatic backups in their day/week/month.
 */
export function rotate(dir: string, kind: BackupKind, justMade?: string): string[] {
  const entries = listBackupsIn(dir, kind);
  const keep =
    kind === 'auto'
      ? backupsToKeep(
          entries.map((e) => ({ name: e.name, at: new Date(e.at), order: e.seq })),
          DEFAULT_ROTATION,
        )
      : new Set(entries.slice(0, KEEP_LATEST).map((e) => e.name));
  if (justMade) keep.add(justMade);
  const removed: string[] = [];
  for (const e of entries) {
    if (keep.has(e.name)) continue;
    rmSync(e.path, { force: true });
    rmSync(`${e.path}${MANIFEST_SUFFIX}`, { force: true });
    removed.push(e.name);
  }
  return removed;
}

/** The next backup sequence number of a backup tree: above every number on disk and in the counter file. */
function nextSequence(root: string): number {
  const counter = readJsonFile<{ next?: number }>(join(root, SEQUENCE_FILE));
  let next = Number.isInteger(counter?.next) ? (counter!.next as number) : 1;
  for (const k of BACKUP_KINDS) for (const e of listBackupsIn(join(root, k), k)) next = Math.max(next, e.seq + 1);
  return next;
}

function saveSequence(root: string, next: number): void {
  try {
    mkdirSync(root, { recursive: true });
    writeFileAtomic(join(root, SEQUENCE_FILE), `${JSON.stringify({ next })}\n`);
  } catch {
    // the numbers on disk still give the next one
  }
}

/** Temporary files of backups whose process has ended (kill -9, power cut): never complete, removed. */
function sweepAbandoned(dir: string): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    const m = /\.partial-(\d+)-[0-9a-f]+/.exec(name);
    if (m && Number(m[1]) !== process.pid && !processAlive(Number(m[1]))) removeQuietly(join(dir, name));
  }
}

export interface RunBackupOptions {
  kind: BackupKind;
  reason?: string | null;
  now?: Date;
  /** A second folder (another drive, a USB stick); null/undefined for none. */
  secondDir?: string | null;
  /** Who asked for it. */
  by?: string;
  io?: BackupIo;
}

/** A backup file name that exists nowhere yet: files never overwrite each other. */
export function freshBackupName(dir: string, stem: string, at: Date, kind: string): string {
  let dest = join(dir, `${stem}-${fileStamp(at)}-${kind}.ledger`);
  for (let i = 2; existsSync(dest); i++) dest = join(dir, `${stem}-${fileStamp(at)}-${kind}-${i}.ledger`);
  return dest;
}

/** Takes one backup into the ledger's backup folder (and the second folder), then applies the rotation. */
export async function runBackup(source: LedgerSource, options: RunBackupOptions): Promise<BackupResult> {
  const at = options.now ?? new Date();
  const io = options.io ?? realIo;
  const root = backupsRootFor(source.path);
  const dir = join(root, options.kind);
  sweepAbandoned(dir);
  const dest = freshBackupName(dir, ledgerStem(source.path), at, options.kind);
  const seq = nextSequence(root);
  const manifest = await writeVerifiedBackup(
    source,
    dest,
    {
      kind: options.kind,
      reason: options.reason ?? null,
      at,
      seq,
      secondDir: options.secondDir ?? null,
      ...(options.by ? { by: options.by } : {}),
    },
    io,
  );
  saveSequence(root, seq + 1);
  const warnings: string[] = [];
  try {
    rotate(dir, options.kind, basename(dest));
  } catch (e) {
    warnings.push(`清理旧备份时出错：${(e as Error).message}`);
  }
  let secondCopy: string | null = null;
  if (options.secondDir) {
    const secondKindDir = join(secondTreeFor(options.secondDir, source.path), options.kind);
    try {
      sweepAbandoned(secondKindDir);
      secondCopy = await copyVerifiedBackup(dest, manifest, secondKindDir, io);
      rotate(secondKindDir, options.kind, basename(secondCopy));
    } catch (e) {
      warnings.push(`第二备份位置“${options.secondDir}”写入失败：${describeIoError(e)}（本机备份已完成）`);
    }
  }
  return { path: dest, manifest, secondCopy, warnings };
}

/** The second backup folder from the ledger's settings. Read through the raw connection: callers may be inside a
 * write transaction, where the kysely connection is busy. */
export function secondDirOf(raw: Database.Database): string | null {
  const v = rawSetting(raw, SECOND_DIR_SETTING);
  return typeof v === 'string' && v.length > 0 ? v : null;
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
      by: '系统（自动）',
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
    by: '系统（自动）',
    ...(now ? { now } : {}),
  });
}

/** The schedule's tick: one automatic backup per calendar day. Returns null when today's exists already. */
export async function backupIfDue(ledger: LedgerLike, now: Date = new Date()): Promise<BackupResult | null> {
  const day = dayStamp(now);
  const existing = listBackupsIn(join(backupsRootFor(ledger.path), 'auto'), 'auto', now);
  if (existing.some((e) => !e.suspectTime && dayStamp(new Date(e.at)) === day)) return null;
  return runBackup(sourceOf(ledger), {
    kind: 'auto',
    reason: '每日自动备份',
    secondDir: secondDirOf(ledger.raw),
    by: '系统（自动）',
    now,
  });
}
