// One program at a time on one ledger. SQLite itself would let two processes share the file (WAL), but two copies of
// the app on one ledger means two idle locks, two schedulers and two sets of backups racing each other, and a clerk
// who does not know which window is current. So a small lock file beside the ledger names the holder (pid, computer,
// since when); a lock left by a process that no longer runs (crash, power cut, kill -9) is taken over once it is
// older than a few seconds. The lock file appears complete or not at all (written aside, then hard-linked).
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  linkSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { LedgerError } from '../../../shared/errors';
import { clockText } from '../../../shared/time';

export interface LedgerLock {
  path: string;
  /** Removes the lock file (idempotent). */
  release(): void;
}

export interface LockHolder {
  pid: number;
  host: string;
  since: string;
  app: string;
}

export function lockPathFor(ledgerPath: string): string {
  return `${ledgerPath}.lock`;
}

function readHolder(lockPath: string): LockHolder | null {
  try {
    return parseHolder(readFileSync(lockPath, 'utf8'));
  } catch {
    return null;
  }
}

function parseHolder(text: string): LockHolder | null {
  try {
    const h = JSON.parse(text) as Partial<LockHolder>;
    if (typeof h.pid !== 'number' || typeof h.host !== 'string') return null;
    return { pid: h.pid, host: h.host, since: String(h.since ?? ''), app: String(h.app ?? '') };
  } catch {
    return null; // half-written or unreadable: treated as stale below
  }
}

/** Whether a process with this pid runs on this computer (EPERM: it runs, under another user). */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function formatSince(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '未知时间';
  return clockText(d);
}

/** A lock younger than this is never judged stale: its holder may have just created it. */
export const LOCK_MIN_AGE_MS = 5000;

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function ageMs(path: string): number | null {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return null;
  }
}

/**
 * Publishes a complete lock file under `lockPath` only if none exists: the content is written and fsynced under a
 * private temporary name, then hard-linked to the lock name (link never replaces an existing file — the operation is
 * atomic on every local file system and on SMB/NFS). So a lock file is never seen half-written.
 */
function publish(lockPath: string, content: string): boolean {
  const tmp = `${lockPath}.new-${process.pid}-${randomBytes(4).toString('hex')}`;
  const fd = openSync(tmp, 'wx');
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(tmp, lockPath);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS') {
      // A file system without hard links (FAT on a USB stick): rename is not no-replace everywhere, so fall back
      // to create-exclusive, writing the (small) content in one call.
      try {
        writeFileSync(lockPath, content, { flag: 'wx' });
        return true;
      } catch (e2) {
        if ((e2 as NodeJS.ErrnoException).code === 'EEXIST') return false;
        throw e2;
      }
    }
    throw e;
  } finally {
    rmSync(tmp, { force: true });
  }
}

/**
 * Removes a lock judged stale without ever removing a lock someone else has just taken: the file is first moved to
 * a private name (only one mover can win), then checked to be the very lock that was judged; if it is not, it is put
 * back.
 */
function removeStale(lockPath: string, judged: string): void {
  const aside = `${lockPath}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    renameSync(lockPath, aside);
  } catch {
    return; // someone else moved it first
  }
  let moved = '';
  try {
    moved = readFileSync(aside, 'utf8');
  } catch {
    // unreadable: treat as what we judged
  }
  if (moved !== judged) {
    try {
      linkSync(aside, lockPath); // a fresh lock taken meanwhile: give it back (no-replace)
    } catch {
      // the lock name is taken again: whoever holds it now stays the holder
    }
  }
  rmSync(aside, { force: true });
}

/**
 * Takes the lock of a ledger, or throws a LedgerError('CONFLICT') that tells the clerk who holds it.
 * A lock whose process is gone (same computer) is stale and taken over — but never one younger than a few seconds.
 * A lock held from another computer (a ledger on a shared folder) cannot be checked from here, so it is refused
 * with the path of the lock file to remove.
 */
export function acquireLedgerLock(ledgerPath: string, app = 'civil-ledger'): LedgerLock {
  const lockPath = lockPathFor(ledgerPath);
  const me: LockHolder = { pid: process.pid, host: hostname(), since: new Date().toISOString(), app };
  const content = JSON.stringify(me);
  for (let attempt = 0; attempt < 8; attempt++) {
    let taken: boolean;
    try {
      taken = publish(lockPath, content);
    } catch (e) {
      throw new LedgerError('INTERNAL', `无法在台账旁创建锁文件“${lockPath}”：${(e as Error).message}`);
    }
    if (!taken) {
      let judged = '';
      try {
        judged = readFileSync(lockPath, 'utf8');
      } catch {
        continue; // released meanwhile: try again
      }
      const holder = parseHolder(judged);
      const deadHere =
        holder === null ||
        (holder.host === me.host && (holder.pid === process.pid ? false : !processAlive(holder.pid)));
      if (deadHere) {
        const age = ageMs(lockPath);
        if (age !== null && age < LOCK_MIN_AGE_MS) {
          sleepSync(Math.min(LOCK_MIN_AGE_MS - age + 50, LOCK_MIN_AGE_MS));
          continue;
        }
        removeStale(lockPath, judged);
        continue;
      }
      if (holder.host !== me.host) {
        throw new LedgerError(
          'CONFLICT',
          `台账正在计算机“${holder.host}”上使用（自 ${formatSince(holder.since)} 起）。请先在那台计算机上关闭软件；` +
            `若确认那边已关闭，可删除锁文件“${lockPath}”后重试`,
        );
      }
      throw new LedgerError(
        'CONFLICT',
        holder.pid === process.pid
          ? `本程序已经打开了这个台账（${ledgerPath}），不能重复打开`
          : `台账已在另一个窗口或程序中打开（进程号 ${holder.pid}，自 ${formatSince(holder.since)} 起）。` +
              `请切换到已打开的窗口，或先关闭它再打开；同一台账不能同时由两个程序使用`,
      );
    }
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      process.off('exit', release);
      // Only our own lock: never remove one another process took over after we were presumed dead.
      const holder = readHolder(lockPath);
      if (holder && holder.pid === me.pid && holder.host === me.host && holder.since === me.since) {
        rmSync(lockPath, { force: true });
      }
    };
    process.on('exit', release);
    return { path: lockPath, release };
  }
  throw new LedgerError('CONFLICT', `无法取得台账锁“${lockPath}”：锁文件反复被其他程序占用，请稍后重试`);
}
