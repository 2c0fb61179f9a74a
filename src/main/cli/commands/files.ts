// What the commands share about files: a clerk's file read with a message naming it, and a ledger another program
// (the desktop app, `serve`) may hold — read from a consistent snapshot, journalled on a second connection.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import { LedgerError } from '../../../shared/errors';
import { startCore, type Core } from '../../core';
import { copyCommitted } from '../../ledger/backup';
import { appendJournalRaw, type JournalActor } from '../../ledger/journal';
import type { CliIO } from '../command';

/**
 * The file's bytes, or the message saying why it cannot be read (无法读取文件“…”：文件不存在). With `maxBytes`, a
 * larger file is refused by its size before any of it is read (a 2 GB export must not be loaded to be refused).
 */
export function readInput(path: string, maxBytes?: number): { bytes: Buffer } | { error: string } {
  try {
    const size = statSync(path).size;
    if (maxBytes !== undefined && size > maxBytes) {
      const mb = (n: number): string => `${Math.ceil(n / 1024 / 1024)} MB`;
      return {
        error: `文件“${path}”有 ${mb(size)}，超过上限 ${mb(maxBytes)}，未读取。请按村(社区)拆成几个文件分别导入`,
      };
    }
    const bytes = readFileSync(path);
    if (bytes.length === 0)
      return { error: `文件“${path}”是空的（0 字节），没有任何内容。请确认选对了文件，或在 Excel/WPS 中重新保存` };
    return { bytes };
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在' : (e as Error).message;
    return { error: `无法读取文件“${path}”：${why}` };
  }
}

/**
 * Opens the ledger. When another program holds it and `snapshot` is true, opens instead a consistent snapshot of what
 * that program has committed (SQLite's backup API through a read-only connection) in a temporary folder named
 * `prefix…`, and says `notice` on stderr; otherwise the refusal is thrown. `close` closes the ledger and removes the
 * snapshot.
 */
export async function openOrSnapshot(
  dbPath: string,
  io: CliIO,
  o: { snapshot: boolean; prefix: string; notice: string },
): Promise<{ core: Core; snapshot: boolean; close: () => Promise<void> }> {
  let core: Core;
  let snapshotDir: string | null = null;
  try {
    core = await startCore({ dbPath });
  } catch (e) {
    if (!(e instanceof LedgerError) || e.code !== 'CONFLICT' || !o.snapshot) throw e;
    snapshotDir = mkdtempSync(join(tmpdir(), o.prefix));
    const copy = join(snapshotDir, basename(dbPath));
    await copyCommitted({ path: dbPath }, copy);
    core = await startCore({ dbPath: copy });
    io.err(o.notice);
  }
  const dir = snapshotDir;
  return {
    core,
    snapshot: dir !== null,
    close: async () => {
      await core.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Journal entries in a ledger another program may hold: a short IMMEDIATE transaction on a second connection. */
export function journalBeside(
  dbPath: string,
  actor: JournalActor,
  entries: Parameters<typeof appendJournalRaw>[2],
): void {
  const raw = new Database(dbPath, { fileMustExist: true });
  try {
    raw.pragma('busy_timeout = 10000');
    appendJournalRaw(raw, actor, entries);
  } finally {
    raw.close();
  }
}
