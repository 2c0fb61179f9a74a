// One program at a time on one ledger. SQLite itself would let two processes share the file (WAL), but two copies of
// the app on one ledger means two idle locks, two schedulers and two sets of backups racing each other, and a clerk
// who does not know which window is current. So a small lock file beside the ledger names the holder (pid, computer,
// since when); a lock left by a process that no longer runs (crash, power cut, kill -9) is taken over.
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { LedgerError } from '../../../shared/errors';

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
    const h = JSON.parse(readFileSync(lockPath, 'utf8')) as Partial<LockHolder>;
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
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/**
 * Takes the lock of a ledger, or throws a LedgerError('CONFLICT') that tells the clerk who holds it.
 * A lock whose process is gone (same computer) is stale and taken over. A lock held from another computer (a ledger
 * on a shared folder) cannot be checked from here, so it is refused with the path of the lock file to remove.
 */
export function acquireLedgerLock(ledgerPath: string, app = 'civil-ledger'): LedgerLock {
  const lockPath = lockPathFor(ledgerPath);
  const me: LockHolder = { pid: process.pid, host: hostname(), since: new Date().toISOString(), app };
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = openSync(lockPath, 'wx'); // atomic: fails when the file exists
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new LedgerError('INTERNAL', `无法在台账旁创建锁文件“${lockPath}”：${(e as Error).message}`);
      }
      const holder = readHolder(lockPath);
      const stale =
        holder === null ||
        (holder.host === me.host && (holder.pid === process.pid ? false : !processAlive(holder.pid)));
      if (stale) {
        rmSync(lockPath, { force: true });
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
    try {
      writeSync(fd, JSON.stringify(me));
    } finally {
      closeSync(fd);
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
