// The journal (操作日志): one append-only, hash-chained table. Every write appends here in the same transaction as
// the change: who, when, which record, before/after, why. It is at once the audit trail, the source of the monthly
// change lists and the unit of exchange with offline copies.
import { hash } from 'node:crypto';
import { hostname, userInfo } from 'node:os';
import type Database from 'better-sqlite3';
import type { Kysely, Transaction } from 'kysely';
import type { DB, JournalTable } from '../db';

export const GENESIS_HASH = '0'.repeat(64);

export interface JournalEntryInput {
  action: string; // e.g. 'case.approve', 'user.create'
  entity: string; // table name
  entityId: string;
  before?: unknown;
  after?: unknown;
  reason?: string | null | undefined;
}

export interface JournalActor {
  id: string | null;
  name: string;
}

/** The fields an entry's hash covers (every column but seq and the two hashes). */
type HashedFields = Omit<JournalTable, 'seq' | 'prev_hash' | 'hash'>;

export function entryHash(prevHash: string, f: HashedFields): string {
  // One-shot hash (the same digest as createHash().update().digest(), without a Hash object per entry: an import
  // journals tens of thousands of entries).
  return hash(
    'sha256',
    JSON.stringify([
      prevHash,
      f.at,
      f.actor_id,
      f.actor_name,
      f.action,
      f.entity,
      f.entity_id,
      f.before,
      f.after,
      f.reason,
    ]),
    'hex',
  );
}

const toJson = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));

type JournalRow = HashedFields & { prev_hash: string; hash: string };

/** The row an entry appends after the entry whose hash is `prev`: its fields, hashed with that hash. */
function chained(prev: string, actor: JournalActor, e: JournalEntryInput, at: string): JournalRow {
  const fields: HashedFields = {
    at,
    actor_id: actor.id,
    actor_name: actor.name,
    action: e.action,
    entity: e.entity,
    entity_id: e.entityId,
    before: toJson(e.before),
    after: toJson(e.after),
    reason: e.reason ?? null,
  };
  return { ...fields, prev_hash: prev, hash: entryHash(prev, fields) };
}

/**
 * Appends entries inside the caller's transaction through kysely (the chain's last hash is read in that same
 * transaction). Where the better-sqlite3 connection under the transaction is at hand, appendJournalPrepared is the
 * faster path to the same rows.
 */
export async function appendJournal(
  trx: Kysely<DB> | Transaction<DB>,
  actor: JournalActor,
  entries: JournalEntryInput[],
  at: string = new Date().toISOString(),
): Promise<void> {
  if (entries.length === 0) return;
  const last = await trx.selectFrom('journal').select('hash').orderBy('seq', 'desc').limit(1).executeTakeFirst();
  let prev = last?.hash ?? GENESIS_HASH;
  const rows = entries.map((e) => {
    const row = chained(prev, actor, e, at);
    prev = row.hash;
    return row;
  });
  // Chunked so a large import stays under SQLite's bound-parameter limit.
  for (let i = 0; i < rows.length; i += 500) {
    await trx
      .insertInto('journal')
      .values(rows.slice(i, i + 500))
      .execute();
  }
}

interface JournalStatements {
  head: Database.Statement<[], { seq: number; hash: string }>;
  insert: Database.Statement<unknown[]>;
}

/** The two statements of an append, prepared once per connection. */
const statementsOf = new WeakMap<Database.Database, JournalStatements>();

function journalStatements(raw: Database.Database): JournalStatements {
  let s = statementsOf.get(raw);
  if (!s) {
    s = {
      head: raw.prepare('SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1'),
      insert: raw.prepare(
        `INSERT INTO journal (at, actor_id, actor_name, action, entity, entity_id, before, after, reason, prev_hash, hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
    };
    statementsOf.set(raw, s);
  }
  return s;
}

/**
 * Appends entries through prepared better-sqlite3 statements inside the transaction already open on `raw` — the
 * dispatcher's kysely transaction runs on this same connection, so these rows commit or roll back with the change
 * they record. The same rows and hashes as appendJournal, without building a query per chunk (a 10,000-row import
 * journals ~28,000 entries). Returns the new head.
 */
export function appendJournalPrepared(
  raw: Database.Database,
  actor: JournalActor,
  entries: JournalEntryInput[],
  at: string = new Date().toISOString(),
): { seq: number; hash: string } {
  if (!raw.inTransaction) throw new Error('appendJournalPrepared: no transaction is open on this connection');
  const { head, insert } = journalStatements(raw);
  const last = head.get();
  let seq = last?.seq ?? 0;
  let prev = last?.hash ?? GENESIS_HASH;
  for (const e of entries) {
    const r = chained(prev, actor, e, at);
    const { lastInsertRowid } = insert.run(
      r.at,
      r.actor_id,
      r.actor_name,
      r.action,
      r.entity,
      r.entity_id,
      r.before,
      r.after,
      r.reason,
      r.prev_hash,
      r.hash,
    );
    seq = Number(lastInsertRowid);
    prev = r.hash;
  }
  return { seq, hash: prev };
}

export interface JournalCheck {
  ok: boolean;
  entries: number;
  /** First entry whose link or hash does not hold. */
  brokenAt?: number;
  message: string;
}

/** Walks the chain in order with a streaming cursor (bounded memory on a ten-year ledger). */
export function verifyJournal(raw: Database.Database): JournalCheck {
  const stmt = raw.prepare(
    'SELECT seq, at, actor_id, actor_name, action, entity, entity_id, before, after, reason, prev_hash, hash FROM journal ORDER BY seq',
  );
  let prev = GENESIS_HASH;
  let count = 0;
  for (const row of stmt.iterate() as IterableIterator<
    HashedFields & { seq: number; prev_hash: string; hash: string }
  >) {
    count++;
    if (row.prev_hash !== prev) {
      return {
        ok: false,
        entries: count,
        brokenAt: row.seq,
        message: `操作日志链在第 ${row.seq} 条断开：前一条记录被删除或改动`,
      };
    }
    if (entryHash(prev, row) !== row.hash) {
      return {
        ok: false,
        entries: count,
        brokenAt: row.seq,
        message: `操作日志第 ${row.seq} 条的内容与其校验值不符：该记录被改动过`,
      };
    }
    prev = row.hash;
  }
  return { ok: true, entries: count, message: `操作日志完整（${count} 条）` };
}

/**
 * Appends entries through a plain better-sqlite3 connection, in its own transaction — for the command line and for
 * restore, which work on a ledger file without the app's core (a backup taken while the app runs, an entry in a
 * file about to be restored). Returns the new head.
 */
export function appendJournalRaw(
  raw: Database.Database,
  actor: JournalActor,
  entries: JournalEntryInput[],
  at: string = new Date().toISOString(),
): { seq: number; hash: string } {
  return raw.transaction(() => appendJournalPrepared(raw, actor, entries, at)).immediate();
}

/** The actor of an entry written from the command line, which has no login: the system user and computer. */
export function commandLineActor(): JournalActor {
  let who = 'unknown';
  try {
    who = userInfo().username;
  } catch {
    // no user name on this system
  }
  return { id: null, name: `命令行（系统用户 ${who}@${hostname()}）` };
}
