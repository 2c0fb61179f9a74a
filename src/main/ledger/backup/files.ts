// The file operations a backup or restore is made of, behind one small seam so tests can inject the failures a
// real disk produces (ENOSPC half-way through a copy, EIO on fsync, a rename refused) and check nothing is left.
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createReadStream } from 'node:fs';
import { dirname } from 'node:path';
import { copyCommitted, type LedgerSource } from './snapshot';

export interface BackupIo {
  /** Writes a consistent copy of the ledger's committed state to `dest`. */
  copyLedger(source: LedgerSource, dest: string): Promise<void>;
  fsyncFile(path: string): void;
  rename(from: string, to: string): void;
}

export const realIo: BackupIo = {
  copyLedger: copyCommitted,
  fsyncFile(path) {
    const fd = openSync(path, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  },
  rename: renameSync,
};

/** Makes a rename durable. Windows cannot open a folder for fsync; NTFS journals the rename itself. */
export function fsyncDir(path: string): void {
  if (process.platform === 'win32') return;
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    fsyncSync(fd);
  } catch {
    // Some file systems (network shares, FAT on a USB stick) refuse: the file's own fsync already happened.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** A temporary name beside `final`, on the same file system so the final rename is atomic. */
export function tempNameFor(final: string): string {
  return `${final}.partial-${process.pid}-${randomBytes(4).toString('hex')}`;
}

/** Removes a temporary database and anything SQLite may have put beside it. */
export function removeWithSidecars(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) removeQuietly(`${path}${suffix}`);
}

/** Cleanup after a failure must not hide the failure: errors here (the folder itself is gone) are ignored. */
export function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // nothing there to remove
  }
}

export async function sha256File(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

/** Writes a small text file atomically (temp name, fsync, rename). */
export function writeFileAtomic(path: string, text: string, io: BackupIo = realIo): void {
  const tmp = tempNameFor(path);
  try {
    writeFileSync(tmp, text);
    io.fsyncFile(tmp);
    io.rename(tmp, path);
    fsyncDir(dirname(path));
  } catch (e) {
    removeQuietly(tmp);
    throw e;
  }
}

export function readJsonFile<T>(path: string): T | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return null;
  }
}
