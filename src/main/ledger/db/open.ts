// The one place a ledger file is opened: header checks before anything can write, pragmas, then migrations.
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, type SqliteDatabase } from 'kysely';
import { Migrator, type MigrationProvider } from 'kysely/migration';
import { LedgerError } from '../../../shared/errors';
import { migrations, SCHEMA_VERSION } from './migrations';
import type { DB } from './schema';

/** Our own SQLite application_id: 'MZTZ' (民政台账). A file without it is not a ledger. */
export const APPLICATION_ID = 0x4d5a545a;
const SQLITE_MAGIC = 'SQLite format 3\u0000';

export interface Ledger {
  path: string;
  raw: Database.Database;
  db: Kysely<DB>;
  schemaVersion: number;
  close(): Promise<void>;
}

export interface OpenLedgerOptions {
  /** Create the file when it does not exist (first run, `civil-ledger init`). */
  create?: boolean;
  /** Open without writing anything (checks, backups, reports of a copy). */
  readonly?: boolean;
  /** Path of a better-sqlite3 binary built for another runtime (Electron in development). */
  nativeBinding?: string | undefined;
}

export interface HeaderFacts {
  applicationId: number;
  pageSize: number;
  pageCount: number;
  headerSizeValid: boolean;
  userVersion: number;
}

/** Reads the 100-byte SQLite header without opening the database, so nothing is written to a foreign file. */
export function readHeader(path: string): HeaderFacts | null {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(100);
    const n = readSync(fd, buf, 0, 100, 0);
    if (n < 100 || buf.toString('latin1', 0, 16) !== SQLITE_MAGIC) return null;
    const rawPageSize = buf.readUInt16BE(16);
    return {
      applicationId: buf.readUInt32BE(68),
      pageSize: rawPageSize === 1 ? 65536 : rawPageSize,
      pageCount: buf.readUInt32BE(28),
      // The in-header size is valid only when the change counter equals version-valid-for (SQLite file format §1.3).
      headerSizeValid: buf.readUInt32BE(24) === buf.readUInt32BE(92),
      userVersion: buf.readUInt32BE(60),
    };
  } finally {
    closeSync(fd);
  }
}

/**
 * Refuses a file that is not ours, truncated, or from a newer app — before it is opened for writing.
 * Returns true when the file is new or empty (to be created).
 */
export function assertLedgerFile(path: string): boolean {
  if (!existsSync(path)) return true;
  const size = statSync(path).size;
  if (size === 0) return true;
  const header = readHeader(path);
  if (!header) {
    throw new LedgerError('BAD_INPUT', `“${path}”不是台账文件（不是 SQLite 数据库），已拒绝打开，文件未被改动`);
  }
  if (header.applicationId !== APPLICATION_ID) {
    throw new LedgerError(
      'BAD_INPUT',
      `“${path}”是 SQLite 数据库，但不是本软件的台账（应用标识不符），已拒绝打开，文件未被改动`,
    );
  }
  if (header.headerSizeValid && size < header.pageSize * header.pageCount) {
    throw new LedgerError(
      'BAD_INPUT',
      `台账文件“${path}”不完整（应有 ${header.pageSize * header.pageCount} 字节，实有 ${size} 字节），可能是复制中断或磁盘损坏。请从备份恢复；文件未被改动`,
    );
  }
  if (header.userVersion > SCHEMA_VERSION) {
    throw new LedgerError(
      'BAD_INPUT',
      `此台账由更新版本的软件创建（数据结构版本 ${header.userVersion}，本软件支持到 ${SCHEMA_VERSION}），请升级软件后再打开；文件未被改动`,
    );
  }
  return false;
}

/** Statements kept per connection for kysely (by SQL text, least recently used dropped first). */
const STATEMENT_CACHE = 256;

/**
 * The connection as kysely's dialect sees it, with its statements prepared once: kysely asks for a statement on
 * every query, and preparing it again each time was most of a register import's time (a screen's create runs a few
 * queries per row). A cached statement still running (a stream being read) is not handed out twice.
 */
function cachingConnection(raw: Database.Database): SqliteDatabase {
  const cache = new Map<string, Database.Statement>();
  return {
    close: () => raw.close(),
    prepare(sql: string) {
      const hit = cache.get(sql);
      if (hit && !hit.busy) {
        cache.delete(sql);
        cache.set(sql, hit);
        return hit;
      }
      if (hit) return raw.prepare(sql);
      const stmt = raw.prepare(sql);
      cache.set(sql, stmt);
      if (cache.size > STATEMENT_CACHE) cache.delete(cache.keys().next().value as string);
      return stmt;
    },
  };
}

function makeKysely(raw: Database.Database): Kysely<DB> {
  return new Kysely<DB>({ dialect: new SqliteDialect({ database: cachingConnection(raw) }) });
}

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function openLedger(path: string, options: OpenLedgerOptions = {}): Promise<Ledger> {
  const isNew = assertLedgerFile(path);
  if (isNew && !options.create) {
    throw new LedgerError('NOT_FOUND', `台账文件“${path}”不存在或为空。请先用 init 创建台账，或选择正确的文件`);
  }
  if (isNew && options.readonly) {
    throw new LedgerError('NOT_FOUND', `台账文件“${path}”不存在，无法以只读方式打开`);
  }
  const dbOptions: Database.Options = { fileMustExist: !isNew, readonly: options.readonly ?? false };
  if (options.nativeBinding) dbOptions.nativeBinding = options.nativeBinding;
  let raw: Database.Database;
  try {
    raw = new Database(path, dbOptions);
  } catch (e) {
    throw new LedgerError('INTERNAL', `无法打开台账文件“${path}”：${(e as Error).message}`);
  }
  try {
    raw.pragma('busy_timeout = 5000');
    if (!options.readonly) {
      // application_id first, while still in rollback mode: it then lands in the main file's header at once. Set in
      // WAL mode it would sit in the -wal until the first checkpoint, and a crash before that would leave a file
      // whose header says "not ours" (found by the crash test, test/unit/backup/crash.test.ts).
      if (isNew) raw.pragma(`application_id = ${APPLICATION_ID}`);
      raw.pragma('journal_mode = WAL');
      raw.pragma('synchronous = FULL');
      raw.pragma('foreign_keys = ON');
    }
    await checkNoUnknownMigrations(raw);
    const db = makeKysely(raw);
    if (!options.readonly) await migrate(raw, db, path, isNew);
    const ledger: Ledger = {
      path,
      raw,
      db,
      schemaVersion: SCHEMA_VERSION,
      close: async () => {
        await db.destroy(); // closes raw as well
      },
    };
    return ledger;
  } catch (e) {
    raw.close();
    throw e;
  }
}

/** A database migrated by a newer app knows migrations we do not: refuse it rather than guess. */
async function checkNoUnknownMigrations(raw: Database.Database): Promise<void> {
  const table = raw.prepare(`SELECT name FROM sqlite_master WHERE type='table' AND name='kysely_migration'`).get();
  if (!table) return;
  const names = raw.prepare('SELECT name FROM kysely_migration').pluck().all() as string[];
  const unknown = names.filter((n) => !(n in migrations));
  if (unknown.length > 0) {
    throw new LedgerError(
      'BAD_INPUT',
      `此台账由更新版本的软件创建（含本软件不认识的数据结构：${unknown.join('、')}），请升级软件后再打开；文件未被改动`,
    );
  }
}

async function migrate(raw: Database.Database, db: Kysely<DB>, path: string, isNew: boolean): Promise<void> {
  const migrator = new Migrator({ db, provider });
  const pending = (await migrator.getMigrations()).filter((m) => !m.executedAt);
  if (pending.length === 0) return;
  // kysely does not wrap SQLite migrations in a transaction (its SQLite adapter reports no transactional DDL), but
  // SQLite has it and kysely runs on this one connection: wrap every pending migration in one transaction ourselves,
  // so a crash or an error leaves the schema as it was. An existing ledger is also copied first.
  if (!isNew) await raw.backup(`${path}.before-schema-${SCHEMA_VERSION}.bak`);
  raw.exec('BEGIN IMMEDIATE');
  try {
    const { error, results } = await migrator.migrateToLatest();
    if (error) {
      const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? '未知';
      throw new LedgerError('INTERNAL', `台账数据结构升级失败（${failed}），台账未被改动：${(error as Error).message}`);
    }
    // A migration may rewrite rows with the triggers off (a table rebuilt, its rowids renumbered): figures kept in
    // memory from this file (another ledger switched back to, a backup restored) are told everything changed.
    if (raw.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'report_case_changes'`).get())
      raw.exec('INSERT INTO report_case_changes (case_id, token) VALUES (NULL, randomblob(8))');
    raw.pragma(`user_version = ${SCHEMA_VERSION}`);
    raw.exec('COMMIT');
  } catch (e) {
    if (raw.inTransaction) raw.exec('ROLLBACK');
    throw e;
  }
}
