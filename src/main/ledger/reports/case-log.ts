// Per-case rows kept in memory and brought up to date from the log of changed cases (migration 0020), so the first
// read after a clerk's write re-reads the few cases the write touched instead of the whole ledger (issue 17). The
// month's grain (grain.ts) and the cross-checks' own recounts (check-rows.ts) keep their rows this way; any reader
// whose rows are one set per case, each depending only on that case, its members, amounts, household and persons,
// can use it. docs/DECISIONS.md ("Figures after a write: per-case rows and a log of changed cases").
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../db';

/** A reader of per-case rows: `read(db, null)` reads every case in scope, `read(db, ids)` only those of `ids`. */
export interface CaseRowSource<R> {
  /** Names what is read (the month, the options): rows kept under one key come from one `read`. */
  key: string;
  /** [case id, row] for each case in scope; a case of `ids` not returned is (no longer) in scope. */
  read: (db: Kysely<DB>, ids: string[] | null) => Promise<Iterable<[string, R]>>;
}

/**
 * The `cases c` a source reads: all of them (`all`, e.g. with an index hint), or only those of `ids`, looked up by id
 * (a CROSS JOIN so SQLite cannot prefer an index on the other conditions and walk most of the table).
 */
export function casesOf(ids: string[] | null, all: RawBuilder<unknown> = sql`cases c`): RawBuilder<unknown> {
  return ids === null ? all : sql`json_each(${JSON.stringify(ids)}) AS ids CROSS JOIN cases c ON c.id = ids.value`;
}

interface Kept {
  seq: number;
  token: string;
  rows: Map<string, unknown>;
}

/** Kept sources (a few months × the grain and the checks' recounts), the least recently used dropped first. */
const KEEP = 24;
const kept = new Map<string, Kept>();

/** How the kept rows were brought up to date (for tests and the bench): read in full, or the changed cases re-read. */
export const caseRowReads = { full: 0, changed: 0 };

/** Above this many changed cases a full read is about as quick as the look-ups and much simpler. */
const MAX_CHANGED = 5000;

interface LogHead {
  seq: number;
  token: string;
  /** The token of the row at the kept seq now (null: that row is gone). */
  keptToken: string | null;
}

async function logHead(db: Kysely<DB>, keptSeq: number): Promise<LogHead | null> {
  try {
    const r = await sql<LogHead>`SELECT l.seq AS seq, hex(l.token) AS token,
        (SELECT hex(k.token) FROM report_case_changes k WHERE k.seq = ${keptSeq}) AS keptToken
      FROM report_case_changes l ORDER BY l.seq DESC LIMIT 1`.execute(db);
    return r.rows[0] ?? null;
  } catch {
    return null; // a ledger opened read-only before migration 0020 ran on it
  }
}

/** The cases logged after `from` up to `to`; null when one of those rows says everything changed (or too many). */
async function changedCases(db: Kysely<DB>, from: number, to: number): Promise<string[] | null> {
  const r = await sql<{ id: string | null }>`SELECT DISTINCT case_id AS id FROM report_case_changes
    WHERE seq > ${from} AND seq <= ${to}`.execute(db);
  if (r.rows.length > MAX_CHANGED || r.rows.some((x) => x.id === null)) return null;
  return r.rows.map((x) => x.id as string);
}

/**
 * The current rows of `source`, one per case in scope. From rows kept earlier when the log still holds the row they
 * were read at (same seq, same token), re-reading only the cases logged since; otherwise (the log trimmed past it,
 * an "everything changed" row, a rolled-back write, another ledger) read in full. The log's head is read BEFORE the
 * rows: a write landing in between is re-read next time, which is harmless. Inside a transaction the kept rows are
 * brought up to date on a copy (its log rows may still be rolled back); rows read there in full are kept, as the
 * token of the log row they were read at goes with a rollback.
 * The map returned must not be changed, and is valid until the next await.
 */
export async function keptCaseRows<R>(db: Kysely<DB>, source: CaseRowSource<R>): Promise<ReadonlyMap<string, R>> {
  const mine = kept.get(source.key);
  // Taken out while it is brought up to date: a concurrent reader reads in full rather than see it half done.
  kept.delete(source.key);
  const head = await logHead(db, mine?.seq ?? -1);
  const inTransaction = db.isTransaction;
  const valid = mine !== undefined && head !== null && head.keptToken === mine.token;
  let rows: Map<string, unknown> | null = null;
  let updated = false;
  if (valid) {
    const ids = head.seq === mine.seq ? [] : await changedCases(db, mine.seq, head.seq);
    if (ids !== null) {
      rows = inTransaction && ids.length > 0 ? new Map(mine.rows) : mine.rows;
      for (const id of ids) rows.delete(id);
      if (ids.length > 0) for (const [id, row] of await source.read(db, ids)) rows.set(id, row);
      caseRowReads.changed += ids.length;
      updated = true;
    }
  }
  if (rows === null) {
    rows = new Map(await source.read(db, null));
    caseRowReads.full += 1;
  }
  if (updated && inTransaction && mine) {
    kept.set(source.key, mine); // brought up to date on a copy: the transaction may still be rolled back
  } else if (head) {
    // Read in full inside a transaction, they are kept all the same: if it is rolled back, the log row at the seq
    // they were read at goes with it (or the seq comes back with another token), so they are never used.
    kept.set(source.key, { seq: head.seq, token: head.token, rows });
    for (const old of kept.keys()) {
      if (kept.size <= KEEP) break;
      kept.delete(old);
    }
  }
  return rows as Map<string, R>;
}
