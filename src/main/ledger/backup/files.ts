// The file operations a backup or restore is made of, behind one small seam so tests can inject the failures a
// real disk produces (ENOSPC half-way through a copy, EIO on fsync, a rename refused) and check nothing is left.
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, createReadStream } from 'node:fs';
import { fsyncFile, removeQuietly } from '../kernel';
import { copyCommitted, type LedgerSource } from './snapshot';

export { fsyncDir, removeQuietly, tempNameFor, writeFileAtomic } from '../kernel';

export interface BackupIo {
  /** Writes a consistent copy of the ledger's committed state to `dest`. */
  copyLedger(source: LedgerSource, dest: string): Promise<void>;
  fsyncFile(path: string): void;
  rename(from: string, to: string): void;
}

export const realIo: BackupIo = { copyLedger: copyCommitted, fsyncFile, rename: renameSync };

/** Removes a temporary database and anything SQLite may have put beside it. */
export function removeWithSidecars(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) removeQuietly(`${path}${suffix}`);
}

export async function sha256File(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

export function readJsonFile<T>(path: string): T | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return null;
  }
}
