// Durable small-file writes every part of the core uses (journal anchors, backups, exports): write under a temporary
// name beside the target, fsync, rename, fsync the folder — so a file under its final name is always complete.
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** The two steps a test may make fail (a disk that refuses fsync, a rename refused). */
export interface DurableIo {
  fsyncFile(path: string): void;
  rename(from: string, to: string): void;
}

export function fsyncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export const durableIo: DurableIo = { fsyncFile, rename: renameSync };

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

/** Cleanup after a failure must not hide the failure: errors here (the folder itself is gone) are ignored. */
export function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // nothing there to remove
  }
}

/** Writes a small text file atomically (temp name, fsync, rename). */
export function writeFileAtomic(path: string, text: string, io: DurableIo = durableIo): void {
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
