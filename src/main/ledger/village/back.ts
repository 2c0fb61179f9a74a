// The return file (回传文件, docs/EXCHANGE.md): from the office back to one copy. It carries the acknowledgement of
// the copy's changes (applied / queued / refused, with flags and resolutions), the office's id for each record the
// copy created, and the office's rows of the copy's villages (the same cut as making the copy) — all of them the
// first time or when asked, else only the rows that differ from what the return file the copy acknowledged (and any
// later one) told it, and the keys of rows gone — with the attachment files of the rows it carries, signed with the
// office's key. The copy (back-read.ts) checks signature and number, marks its outbox, and makes its village records equal to the
// office's — except records its still unacknowledged changes touched (the village never loses unsent work).
import { createPrivateKey, sign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import { LedgerError } from '../../../shared/errors';
import { sourceOf } from '../backup';
import { SCHEMA_VERSION } from '../db/migrations';
import type { Ledger, DB } from '../db';
import { canonical, sha256 } from './canonical';
import { arraysOf, execute, rowsOf, statementOf, valueOf, valuesOf } from '../kernel';
import { carriedTables, extractVillages } from './cut';
import { revokedText } from './files';
import { readCarried, type CarriedFile } from './carried';
import { columnsOf, primaryKeyOf, quote, type Raw } from './sqlite';
import { journalTo, officeKey, townshipCode, type JournalSink } from './state';

export const RETURN_FORMAT = 'civil-ledger-village-return';
/** 2: differential (`header.full`, `header.baseReturnSeq`, `removed`) and attachment files; version 1 is still read. */
export const RETURN_VERSION = 2;

export interface ReturnResult {
  changeId: string;
  result: 'applied' | 'queued' | 'refused';
  flag: 'parallel' | 'partial' | null;
  message: string | null;
}

export interface ReturnBody {
  format: string;
  formatVersion: number;
  header: {
    appSchemaVersion: number;
    township: string;
    copyId: string;
    returnSeq: number;
    /** The last change file of the copy the office imported. */
    upToFileSeq: number;
    writtenAt: string;
    /** Version 2: all the villages' rows (true), or only what changed since return file `baseReturnSeq`. */
    full?: boolean;
    baseReturnSeq?: number;
  };
  results: ReturnResult[];
  /** [copy's id, office's id] of each record the copy created. */
  idmap: [string, string][];
  /** Table → column names and rows (arrays in column order), the office's rows of the copy's villages. */
  records: Record<string, { columns: string[]; rows: unknown[][] }>;
  /** Version 2, differential: table → primary-key values of rows the office no longer has for the villages. */
  removed?: Record<string, unknown[][]>;
  /** Version 2: the attachment files of the attachment rows carried in `records`. */
  attachments?: CarriedFile[];
}

export interface ReturnFile extends ReturnBody {
  signature: string;
}

/** The office's rows of some villages: the committed ledger cut exactly as a copy is cut, in a file aside. */
export function villageRecords(office: Ledger, villageIds: string[]): ReturnBody['records'] {
  const dir = mkdtempSync(join(tmpdir(), 'village-return-'));
  const path = join(dir, 'extract.ledger');
  const src = sourceOf(office);
  try {
    extractVillages(src, path, villageIds, { secureDelete: false });
    const raw = new Database(
      path,
      src.nativeBinding ? { readonly: true, nativeBinding: src.nativeBinding } : { readonly: true },
    );
    try {
      return readRecords(raw);
    } finally {
      raw.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function readRecords(raw: Raw): ReturnBody['records'] {
  const out: ReturnBody['records'] = {};
  for (const t of carriedTables(raw)) {
    out[t] = {
      columns: columnsOf(raw, t).map((c) => c.name),
      rows: arraysOf(raw, `SELECT * FROM ${quote(t)} ORDER BY rowid`),
    };
  }
  return out;
}

/** A row's key (its primary key values, or the whole row without one) and its content hash. */
function keyOf(pkIdx: number[], row: unknown[]): string {
  return canonical(pkIdx.length > 0 ? pkIdx.map((i) => row[i] ?? null) : row);
}
const rowHash = (row: unknown[]) => sha256(canonical(row)).slice(0, 32);

/** Column positions of a table's primary key (by the ledger's own schema). */
function pkPositions(raw: Raw, table: string, columns: string[]): number[] {
  return primaryKeyOf(columnsOf(raw, table)).map((c) => columns.indexOf(c));
}

export interface ReturnOptions {
  /** The office's attachment folder (the files of the attachment rows carried). */
  dataDir: string;
  /** All the villages' rows even when the copy has acknowledged an earlier return file. */
  full?: boolean;
  now?: () => Date;
}

/** At the office: the next return file for a copy, in the caller's transaction (numbered, journalled). */
export async function writeReturn(
  trx: Kysely<DB>,
  office: Ledger,
  copyId: string,
  actor: JournalSink,
  options: ReturnOptions,
): Promise<{ text: string; returnSeq: number; results: number; rows: number; full: boolean; removed: number }> {
  const now = options.now ?? (() => new Date());
  const raw = office.raw;
  const copy = rowsOf<{
    id: string;
    villages: string;
    last_file_seq: number;
    last_return_seq: number;
    acked_return_seq: number;
    status: string;
    revoked_at: string | null;
    revoked_by: string | null;
    revoke_reason: string | null;
  }>(
    raw,
    `SELECT id, villages, last_file_seq, last_return_seq, acked_return_seq, status, revoked_at, revoked_by,
       revoke_reason FROM village_copies WHERE id = ?`,
    copyId,
  )[0];
  if (!copy) throw new LedgerError('BAD_INPUT', `本台账没有编号为 ${copyId} 的村级副本`);
  if (copy.status === 'revoked') throw new LedgerError('RULE', `${revokedText(copy)}：不再给它写回传文件`);
  const code = await townshipCode(trx);
  const at = now().toISOString();
  const key = await officeKey(trx, at);
  const returnSeq = copy.last_return_seq + 1;
  // The base: the last return file the copy acknowledged (its snapshot kept), unless a full extract is asked for.
  const base = options.full
    ? undefined
    : rowsOf<{ return_seq: number; applied_mark: number }>(
        raw,
        `SELECT return_seq, applied_mark FROM village_returns WHERE copy_id = ? AND return_seq = ?`,
        copyId,
        copy.acked_return_seq,
      )[0];
  const full = !base;
  const appliedMark = valueOf<number>(raw, `SELECT max(rowid) FROM village_applied WHERE copy_id = ?`, copyId) ?? 0;
  // Results: every change the first time; else those imported since the base, and those that were ever queued (a
  // resolution changes a result).
  const results = rowsOf<{
    change_id: string;
    result: ReturnResult['result'];
    flag: ReturnResult['flag'];
    message: string | null;
  }>(
    raw,
    `SELECT change_id, result, flag, message FROM village_applied a WHERE copy_id = ? AND (? OR rowid > ?
       OR EXISTS (SELECT 1 FROM village_queue q WHERE q.change_id = a.change_id)) ORDER BY seq`,
    copyId,
    full ? 1 : 0,
    base?.applied_mark ?? 0,
  ).map((r) => ({ changeId: r.change_id, result: r.result, flag: r.flag ?? null, message: r.message }));
  const idmap = rowsOf<{ copy_entity_id: string; office_id: string }>(
    raw,
    `SELECT copy_entity_id, office_id FROM village_idmap WHERE copy_id = ? ORDER BY copy_entity_id`,
    copyId,
  ).map((r): [string, string] => [r.copy_entity_id, r.office_id]);
  const all = villageRecords(office, JSON.parse(copy.villages) as string[]);

  // What the copy was told since the base (the base and any later return file): table → key → hashes.
  const told = new Map<string, Map<string, string[]>>();
  if (base) {
    const rows = statementOf<{ tbl: string; key: string; hash: string }>(
      raw,
      `SELECT tbl, key, hash FROM village_sent WHERE copy_id = ? AND return_seq >= ?`,
    ).iterate(copyId, base.return_seq);
    for (const r of rows) {
      let t = told.get(r.tbl);
      if (!t) told.set(r.tbl, (t = new Map()));
      const hs = t.get(r.key);
      if (hs) hs.push(r.hash);
      else t.set(r.key, [r.hash]);
    }
  }
  // Records the copy's changes since the base touched: carried whatever became of the change.
  const forced = new Set<string>();
  if (base) {
    for (const t of valuesOf<string | null>(
      raw,
      `SELECT touched FROM village_applied WHERE copy_id = ? AND rowid > ?`,
      copyId,
      base.applied_mark,
    )) {
      for (const id of JSON.parse(t ?? '[]') as string[]) forced.add(id);
    }
  }
  const records: ReturnBody['records'] = {};
  const removed: Record<string, unknown[][]> = {};
  const sent = statementOf(
    raw,
    `INSERT INTO village_sent (copy_id, return_seq, tbl, key, hash) VALUES (?, ?, ?, ?, ?)`,
  );
  let rowCount = 0;
  let removedCount = 0;
  for (const [t, rec] of Object.entries(all)) {
    const pk = pkPositions(raw, t, rec.columns);
    const idAt = rec.columns.indexOf('id');
    const before = told.get(t);
    const seen = new Set<string>();
    const carried: unknown[][] = [];
    for (const row of rec.rows) {
      const k = keyOf(pk, row);
      const h = rowHash(row);
      seen.add(k);
      sent.run(copyId, returnSeq, t, k, h);
      const was = before?.get(k);
      const same = was !== undefined && was.every((x) => x === h);
      if (full || !same || (idAt >= 0 && forced.has(String(row[idAt])))) carried.push(row);
    }
    if (full || carried.length > 0) records[t] = { columns: rec.columns, rows: carried };
    rowCount += carried.length;
    if (!full && before) {
      const gone = [...before.keys()].filter((k) => !seen.has(k)).map((k) => JSON.parse(k) as unknown[]);
      if (gone.length > 0) {
        removed[t] = gone;
        removedCount += gone.length;
      }
    }
  }
  // Snapshots older than the base are never a base again.
  execute(raw, `DELETE FROM village_sent WHERE copy_id = ? AND return_seq < ?`, copyId, base?.return_seq ?? returnSeq);
  execute(
    raw,
    `DELETE FROM village_returns WHERE copy_id = ? AND return_seq < ?`,
    copyId,
    base?.return_seq ?? returnSeq,
  );
  execute(
    raw,
    `INSERT INTO village_returns (copy_id, return_seq, base_seq, full, up_to_file_seq, applied_mark, written_at, rows)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    copyId,
    returnSeq,
    base?.return_seq ?? 0,
    full ? 1 : 0,
    copy.last_file_seq,
    appliedMark,
    at,
    rowCount,
  );
  // The files of the attachment rows carried.
  const att = records.attachments;
  const attachments = att
    ? readCarried(
        options.dataDir,
        att.rows.map((r) => ({
          sha256: String(r[att.columns.indexOf('sha256')]),
          name: String(r[att.columns.indexOf('name')]),
        })),
      )
    : [];
  const body: ReturnBody = {
    format: RETURN_FORMAT,
    formatVersion: RETURN_VERSION,
    header: {
      appSchemaVersion: SCHEMA_VERSION,
      township: code,
      copyId,
      returnSeq,
      upToFileSeq: copy.last_file_seq,
      writtenAt: at,
      full,
      baseReturnSeq: base?.return_seq ?? 0,
    },
    results,
    idmap,
    records,
    removed,
    attachments,
  };
  const signature = sign(null, Buffer.from(canonical(body), 'utf8'), createPrivateKey(key.privateKey)).toString(
    'base64',
  );
  await sql`UPDATE village_copies SET last_return_seq = ${returnSeq}, last_return_at = ${at}
    WHERE id = ${copyId}`.execute(trx);
  await journalTo(
    trx,
    actor,
    at,
  )({
    action: 'village.return',
    entity: 'village_copies',
    entityId: copyId,
    after: {
      returnSeq,
      upToFileSeq: copy.last_file_seq,
      full,
      baseReturnSeq: base?.return_seq ?? 0,
      results: results.length,
      rows: rowCount,
      removed: removedCount,
      files: attachments.length,
    },
  });
  return {
    text: JSON.stringify({ ...body, signature }),
    returnSeq,
    results: results.length,
    rows: rowCount,
    full,
    removed: removedCount,
  };
}
