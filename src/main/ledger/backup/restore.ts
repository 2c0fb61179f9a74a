// Restore (从备份恢复). First the backup's proof is verified — before anything else, on a private copy:
//   one-file backup: the manifest's own SHA-256, the database bytes' size and SHA-256, then integrity_check, the
//                    journal chain, the manifest's journal head and per-table digests against the copy;
//   older two-file backup: the whole file's SHA-256 against the .manifest.json beside it;
//   every file: the journal against every anchor found outside it (anchor files, other backups, report packages).
// A file whose proof is missing (an older backup copied alone, a bare copy of a ledger) is refused unless the
// caller passes `unverified` AND an administrator's login; what cannot be vouched for is then shown and journalled.
// Only then is the live ledger kept aside under a dated name and the checked copy renamed into its place (an
// atomic replace in the same folder), so at every moment a complete ledger sits at the ledger's path.
import { copyFileSync, existsSync, linkSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import Database from 'better-sqlite3';
import { LedgerError } from '../../../shared/errors';
import { fileStamp } from '../../../shared/time';
import { rowOf, verifyPassword } from '../kernel';
import { assertLedgerFile } from '../db';
import { recordAnchor, appendJournalRaw, commandLineActor, type JournalActor } from '../journal';
import { fsyncDir, realIo, removeWithSidecars, tempNameFor } from './files';
import { acquireLedgerLock } from './lock';
import { type CopyFacts } from './snapshot';

import { verifyBackup, type BackupVerification } from './verify';

export interface RestoreOptions {
  from: string;
  db: string;
  now?: Date;
  nativeBinding?: string;
  /** Restore a file whose proof is missing; needs `admin` too. */
  unverified?: boolean;
  /** An administrator's login (of the ledger being replaced, or of the file when there is none). */
  admin?: { username: string; password: string };
  reason?: string;
  secondDir?: string | null;
  /** Who asked, when the restore was asked for on the backup screen (journalled as that person). */
  by?: { id: string | null; name: string };
}

export interface RestoreResult {
  /** Where the replaced ledger was kept; null when there was none. */
  replacedKeptAt: string | null;
  facts: CopyFacts;
  /** Whether the backup's proof was present and matched. */
  checksumVerified: boolean;
  verification: BackupVerification;
}

const refuse = (why: string): LedgerError => new LedgerError('BAD_INPUT', `无法从此备份恢复：${why}。现有台账未被改动`);

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

/** Checks an administrator's login against a ledger file; returns the journal actor or throws. */
async function authenticateAdmin(
  ledgerFile: string,
  login: { username: string; password: string } | undefined,
  nativeBinding?: string,
): Promise<JournalActor> {
  const needed = '恢复没有校验记录的文件需要管理员：请用 --user 给出管理员登录名，并输入其密码';
  if (!login || !login.username || !login.password) throw refuse(needed);
  let user: { id: string; display_name: string; role: string; active: number; password_hash: string } | undefined;
  // Reading a WAL ledger creates its -wal/-shm; the lock is held, so the ones this read made are removed after it.
  const made = ['-wal', '-shm'].filter((side) => !existsSync(`${ledgerFile}${side}`));
  try {
    const raw = new Database(ledgerFile, {
      readonly: true,
      fileMustExist: true,
      ...(nativeBinding ? { nativeBinding } : {}),
    });
    try {
      user = rowOf<NonNullable<typeof user>>(
        raw,
        'SELECT id, display_name, role, active, password_hash FROM users WHERE username = ?',
        login.username,
      );
    } finally {
      raw.close();
    }
  } catch (e) {
    throw refuse(`无法读取用户以核对管理员身份：${(e as Error).message}`);
  } finally {
    for (const side of made) rmSync(`${ledgerFile}${side}`, { force: true });
  }
  if (!user || !(await verifyPassword(login.password, user.password_hash))) throw refuse('管理员登录名或密码不正确');
  if (user.role !== 'admin' || user.active !== 1) throw refuse(`“${login.username}”不是启用的管理员；${needed}`);
  return { id: user.id, name: user.display_name };
}

export async function restoreLedger(options: RestoreOptions): Promise<RestoreResult> {
  const { from, db } = options;
  const now = options.now ?? new Date();
  // Nobody may have the ledger open while it is replaced (taken first: the verified copy is put beside it).
  if (!existsSync(dirname(db))) throw refuse(`台账所在文件夹“${dirname(db)}”不存在`);
  const lock = acquireLedgerLock(db);
  const tmp = tempNameFor(db);
  try {
    const v = await verifyBackup(from, {
      ledgerPath: db,
      secondDir: options.secondDir ?? null,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      keepCopyAt: tmp,
    });
    if (v.refusal) throw refuse(v.refusal);
    let actor = options.by ?? commandLineActor();
    if (!v.verified || v.unvouched.length > 0) {
      if (!options.unverified) {
        throw refuse(
          `${v.unvouched.join('；')}。如确需恢复，须由管理员加 --unverified 参数（并用 --user 登录）确认，恢复会记入操作日志`,
        );
      }
      actor = await authenticateAdmin(existsSync(db) ? db : tmp, options.admin, options.nativeBinding);
    }
    const facts = v.facts!;

    let keptAt: string | null = null;
    if (existsSync(db)) {
      keptAt = `${db}.replaced-${fileStamp(now)}`;
      for (let i = 2; existsSync(keptAt); i++) keptAt = `${db}.replaced-${fileStamp(now)}-${i}`;
    }
    // The restore is journalled in the restored ledger itself, before it is put in place.
    let head: { seq: number; hash: string };
    try {
      const raw = new Database(tmp, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
      try {
        head = appendJournalRaw(
          raw,
          actor,
          [
            {
              action: 'backup.restore',
              entity: 'backups',
              entityId: basename(from),
              after: {
                from,
                verified: v.verified && v.unvouched.length === 0,
                proof: v.proof,
                unvouched: v.unvouched,
                restoredHead: facts.journalHead,
                backupAt: v.manifest?.at ?? null,
                replacedKeptAt: keptAt,
              },
              reason: options.reason ?? (v.verified ? '从备份恢复' : '恢复无校验记录的文件（管理员确认）'),
            },
          ],
          now.toISOString(),
        );
      } finally {
        raw.close();
      }
      realIo.fsyncFile(tmp);
    } catch (e) {
      throw refuse(`无法在恢复的台账中记录本次恢复：${(e as Error).message}`);
    }

    if (keptAt) {
      checkpointQuietly(db, options.nativeBinding);
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
    recordAnchor(db, {
      ...head,
      ...(facts.journalHead.first ? { first: facts.journalHead.first } : {}),
      at: now.toISOString(),
      source: 'restore',
      note: from,
    });
    return {
      replacedKeptAt: keptAt,
      facts,
      checksumVerified: v.verified,
      verification: v,
    };
  } finally {
    removeWithSidecars(tmp);
    lock.release();
  }
}
