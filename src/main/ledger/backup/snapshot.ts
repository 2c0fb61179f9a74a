// Reading a consistent copy of a ledger, and checking a copy before anyone relies on it.
//
// Copies are taken through a SECOND, read-only connection with SQLite's online backup API: in WAL mode that
// connection sees only committed transactions, so a backup started while a write method is half-way through its
// transaction (on the main connection) never captures uncommitted rows. The copy is made in one backup step, so no
// later write can interleave with it.
import Database from 'better-sqlite3';
import { LedgerError } from '../../../shared/errors';
import { assertLedgerFile } from '../db';
import { migrations, SCHEMA_VERSION } from '../db/migrations';
import { rowOf, valueOf, valuesOf } from '../kernel';
import {
  compareWithAnchors,
  journalHead,
  verifyJournal,
  type AnchorCheck,
  type FoundAnchor,
  type JournalHead,
} from '../journal';
import { tableDigests, type TableDigests } from './digests';

/** Anything that names a ledger file and how to load SQLite for it (Electron in development passes a binding). */
export interface LedgerSource {
  path: string;
  nativeBinding?: string | undefined;
}

const bindings = new WeakMap<object, string>();

/** startCore records which native build opened a ledger, so backups of it load the same one. */
export function rememberNativeBinding(ledger: object, nativeBinding: string | undefined): void {
  if (nativeBinding) bindings.set(ledger, nativeBinding);
}

export function sourceOf(ledger: { path: string }): LedgerSource {
  return { path: ledger.path, nativeBinding: bindings.get(ledger) };
}

function dbOptions(nativeBinding: string | undefined, extra: Database.Options): Database.Options {
  return nativeBinding ? { ...extra, nativeBinding } : extra;
}

/** Online backup of the committed state of `source` into `dest` (a new file), in one step. */
export async function copyCommitted(source: LedgerSource, dest: string): Promise<void> {
  const peer = new Database(source.path, dbOptions(source.nativeBinding, { readonly: true, fileMustExist: true }));
  try {
    peer.pragma('busy_timeout = 5000');
    await peer.backup(dest, { progress: () => 0x7fffffff });
  } finally {
    peer.close();
  }
}

export interface CopyFacts {
  schemaVersion: number;
  journalEntries: number;
  townshipName: string | null;
  journalHead: JournalHead;
  /** Per-table row digests, when asked for. */
  tables?: TableDigests;
  /** The chain compared with anchors found elsewhere, when anchors were given. */
  anchors?: AnchorCheck;
}

export interface VerifyCopyOptions {
  /** Compute per-table row digests (for a backup's manifest, or to compare with one). */
  digests?: boolean;
  anchors?: FoundAnchor[];
  /** Runs on the open copy after every check passed (e.g. compare with a manifest's digests). */
  inspect?: (raw: Database.Database) => void;
}

/** A setting's value (JSON) read through a raw connection; undefined when it is absent or cannot be read. Callers
 * may be inside a write transaction (the kysely connection busy) or on a file that is not a ledger yet. */
export function rawSetting(raw: Database.Database, key: string): unknown {
  try {
    const value = valueOf<string>(raw, 'SELECT value FROM settings WHERE key = ?', key);
    return value === undefined ? undefined : (JSON.parse(value) as unknown);
  } catch {
    return undefined;
  }
}

function readTownship(raw: Database.Database): string | null {
  const t = rawSetting(raw, 'township');
  if (typeof t !== 'object' || t === null) return null;
  const { path, name } = t as { path?: unknown; name?: unknown };
  return typeof path === 'string' ? path : typeof name === 'string' ? name : null;
}

/**
 * Checks a copy of a ledger that nothing else has open (a fresh backup, or a file about to be restored): our header,
 * not truncated, not from a newer app, SQLite's integrity_check, no unknown migrations, the journal chain. Converts
 * the copy to a self-contained rollback-journal file (no -wal beside it), which is why it must be a private copy.
 * Throws LedgerError('BAD_INPUT') naming what is wrong.
 */
export function verifyPrivateCopy(
  path: string,
  nativeBinding?: string,
  displayName: string = path,
  options: VerifyCopyOptions = {},
): CopyFacts {
  try {
    if (assertLedgerFile(path)) throw new LedgerError('BAD_INPUT', `“${path}”是空文件，不是台账`);
  } catch (e) {
    // Name the file the clerk knows, not our private copy.
    if (e instanceof LedgerError) throw new LedgerError(e.code, e.message.split(path).join(displayName));
    throw e;
  }
  let raw: Database.Database;
  try {
    raw = new Database(path, dbOptions(nativeBinding, { fileMustExist: true }));
  } catch (e) {
    throw new LedgerError('BAD_INPUT', `无法打开“${displayName}”：${(e as Error).message}`);
  }
  try {
    let integrity: string[];
    try {
      raw.pragma('journal_mode = DELETE');
      integrity = (raw.pragma('integrity_check', { simple: false }) as { integrity_check: string }[]).map(
        (r) => r.integrity_check,
      );
    } catch (e) {
      throw new LedgerError('BAD_INPUT', `文件已损坏（SQLite：${(e as Error).message}）`);
    }
    if (integrity.length !== 1 || integrity[0] !== 'ok') {
      throw new LedgerError(
        'BAD_INPUT',
        `文件已损坏：数据库完整性检查发现 ${integrity.length} 处问题（${integrity.slice(0, 2).join('；')}）`,
      );
    }
    const hasMigrations = rowOf(raw, `SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'kysely_migration'`);
    if (!hasMigrations) throw new LedgerError('BAD_INPUT', '文件里没有台账的数据结构记录，不是本软件的台账');
    const names = valuesOf<string>(raw, 'SELECT name FROM kysely_migration');
    const unknown = names.filter((n) => !Object.hasOwn(migrations, n));
    if (unknown.length > 0) {
      throw new LedgerError(
        'BAD_INPUT',
        `文件由更新版本的软件创建（含本软件不认识的数据结构：${unknown.join('、')}），请先升级软件`,
      );
    }
    let journal;
    try {
      journal = verifyJournal(raw);
    } catch (e) {
      throw new LedgerError('BAD_INPUT', `文件已损坏：无法读取操作日志（${(e as Error).message}）`);
    }
    if (!journal.ok) throw new LedgerError('BAD_INPUT', `文件未通过操作日志链检查：${journal.message}`);
    const userVersion = raw.pragma('user_version', { simple: true }) as number;
    const facts: CopyFacts = {
      schemaVersion: Math.min(userVersion, SCHEMA_VERSION),
      journalEntries: journal.entries,
      townshipName: readTownship(raw),
      journalHead: journalHead(raw),
    };
    if (options.digests) facts.tables = tableDigests(raw);
    if (options.anchors) facts.anchors = compareWithAnchors(raw, options.anchors);
    options.inspect?.(raw);
    return facts;
  } finally {
    raw.close();
  }
}
