// Restore (从备份恢复): the backup is checked completely — on a private copy — before the live ledger is touched.
// Then the live ledger is kept aside under a dated name and the checked copy is renamed into its place (an atomic
// replace on the same folder), so at every moment a complete ledger sits at the ledger's path.
import { copyFileSync, existsSync, linkSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { LedgerError } from '../../../shared/errors';
import { fileStamp } from '../../../shared/time';
import { assertLedgerFile } from '../db/open';
import { MANIFEST_SUFFIX, type BackupManifest } from './backup';
import { fsyncDir, readJsonFile, realIo, removeWithSidecars, sha256File, tempNameFor } from './files';
import { acquireLedgerLock } from './lock';
import { verifyPrivateCopy, type CopyFacts } from './snapshot';

export interface RestoreOptions {
  from: string;
  db: string;
  now?: Date;
  nativeBinding?: string;
}

export interface RestoreResult {
  /** Where the replaced ledger was kept; null when there was none. */
  replacedKeptAt: string | null;
  facts: CopyFacts;
  /** Whether the backup's recorded SHA-256 was present and matched. */
  checksumVerified: boolean;
}

const refuse = (why: string): LedgerError => new LedgerError('BAD_INPUT', `无法从此备份恢复：${why}。现有台账未被改动`);

/** open.ts's messages end with advice for the live ledger; for a backup, different advice applies. */
function stripTrailingNote(message: string): string {
  return message
    .replace(/[，；。]?\s*(文件未被改动|已拒绝打开，文件未被改动)$/u, '')
    .replace(/。请从备份恢复$/u, '。请换用另一份备份');
}

/** Folds the live ledger's WAL into it so the file kept aside is complete on its own. Best effort. */
function checkpointQuietly(path: string, nativeBinding?: string): void {
  try {
    assertLedgerFile(path);
    const raw = new Database(path, nativeBinding ? { fileMustExist: true, nativeBinding } : { fileMustExist: true });
    try {
      raw.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      raw.close();
    }
  } catch {
    // A damaged live ledger (often the reason for restoring) is kept aside as it is, with its -wal beside it.
  }
}

export async function restoreLedger(options: RestoreOptions): Promise<RestoreResult> {
  const { from, db } = options;
  if (!existsSync(from) || statSync(from).isDirectory()) throw refuse(`找不到备份文件“${from}”`);
  if (statSync(from).size === 0) throw refuse(`“${from}”是空文件`);
  try {
    assertLedgerFile(from);
  } catch (e) {
    throw refuse(stripTrailingNote((e as Error).message));
  }

  const manifest = readJsonFile<BackupManifest>(`${from}${MANIFEST_SUFFIX}`);
  let checksumVerified = false;
  if (manifest?.sha256) {
    if ((await sha256File(from)) !== manifest.sha256) {
      throw refuse('备份文件的内容与备份时记录的 SHA-256 校验值不符（文件已损坏或被改动）');
    }
    checksumVerified = true;
  }

  // Nobody may have the ledger open while it is replaced.
  const lock = acquireLedgerLock(db);
  const tmp = tempNameFor(db);
  try {
    let facts: CopyFacts;
    try {
      copyFileSync(from, tmp);
      facts = verifyPrivateCopy(tmp, options.nativeBinding, from);
      realIo.fsyncFile(tmp);
    } catch (e) {
      throw e instanceof LedgerError
        ? refuse(stripTrailingNote(e.message))
        : refuse(`无法复制备份文件：${(e as Error).message}`);
    }

    let keptAt: string | null = null;
    if (existsSync(db)) {
      checkpointQuietly(db, options.nativeBinding);
      keptAt = `${db}.replaced-${fileStamp(options.now ?? new Date())}`;
      for (let i = 2; existsSync(keptAt); i++) keptAt = `${db}.replaced-${fileStamp(options.now ?? new Date())}-${i}`;
      // A hard link keeps the live file in place until the atomic rename below; a copy where links are unsupported.
      try {
        linkSync(db, keptAt);
      } catch {
        copyFileSync(db, keptAt);
        realIo.fsyncFile(keptAt);
      }
      // Leftover WAL content belongs to the old file, never to the restored one.
      for (const side of ['-wal', '-shm', '-journal']) {
        if (existsSync(`${db}${side}`)) renameSync(`${db}${side}`, `${keptAt}${side}`);
      }
    }
    realIo.rename(tmp, db);
    fsyncDir(dirname(db));
    return { replacedKeptAt: keptAt, facts, checksumVerified };
  } finally {
    removeWithSidecars(tmp);
    lock.release();
  }
}
