// The return file (回传文件, docs/EXCHANGE.md): from the office back to one copy. It carries the acknowledgement of
// the copy's changes (applied / queued / refused, with flags and resolutions), the office's id for each record the
// copy created, and the office's rows of the copy's villages (the same cut as making the copy) — all of them the
// first time or when asked, else only the rows that differ from what the return file the copy acknowledged (and any
// later one) told it, and the keys of rows gone — with the attachment files of the rows it carries, signed with the
// office's key. The copy checks signature and number, marks its outbox, and makes its village records equal to the
// office's — except records its still unacknowledged changes touched (the village never loses unsent work).
import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import { LedgerError } from '../../../shared/errors';
import { sourceOf } from '../backup';
import { SCHEMA_VERSION } from '../db/migrations';
import type { Ledger } from '../db';
import type { DB } from '../db';
import { canonical, sha256 } from './canonical';
import { carriedTables, extractVillages } from './copy';
import { revokedText } from './files';
import { checkCarried, readCarried, storeCarried, type CarriedFile } from './carried';
import {
  arraysOf,
  columnOf,
  columnsOf,
  execute,
  primaryKeyOf,
  quote,
  rowsOf,
  statement,
  valueOf,
  type Raw,
} from './sqlite';
import type { ChangeEffect } from './outbox';
import {
  journalTo,
  markAcknowledged,
  officeKey,
  readCopyState,
  townshipCode,
  writeCopyState,
  type JournalSink,
} from './state';

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
    const rows = statement(
      raw,
      `SELECT tbl, key, hash FROM village_sent WHERE copy_id = ? AND return_seq >= ?`,
    ).iterate(copyId, base.return_seq) as IterableIterator<{ tbl: string; key: string; hash: string }>;
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
    for (const t of columnOf<string | null>(
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
  const sent = statement(raw, `INSERT INTO village_sent (copy_id, return_seq, tbl, key, hash) VALUES (?, ?, ?, ?, ?)`);
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

export interface ReturnApplied {
  returnSeq: number;
  upToFileSeq: number;
  acknowledged: number;
  /** Rows written (inserted or changed) and removed in the copy's village records. */
  written: number;
  removed: number;
  /** Records left as the copy has them because changes not yet acknowledged touched them. */
  kept: number;
  /** Attachment files written beside the copy. */
  files: number;
  full: boolean;
  alreadyImported: boolean;
}

const refuse = (m: string) => new LedgerError('BAD_INPUT', `${m}。未作任何改动`);

/** In a copy: imports the office's return file, in the caller's transaction. */
export async function readReturn(
  trx: Kysely<DB>,
  raw: Raw,
  dataDir: string,
  text: string,
  actor: JournalSink,
  now: () => Date = () => new Date(),
): Promise<ReturnApplied> {
  let file: ReturnFile;
  try {
    file = JSON.parse(text) as ReturnFile;
  } catch {
    throw refuse('文件无法读取：不是办公室的回传文件，或文件已损坏');
  }
  if (!file || file.format !== RETURN_FORMAT || !file.header || !Array.isArray(file.results) || !file.records) {
    throw refuse('这不是办公室的回传文件');
  }
  if (typeof file.formatVersion !== 'number' || file.formatVersion < 1 || file.formatVersion > RETURN_VERSION) {
    throw refuse(`回传文件由更新版本的软件写出（格式版本 ${String(file.formatVersion)}），请先升级软件`);
  }
  const h = file.header;
  if (typeof h.appSchemaVersion !== 'number' || h.appSchemaVersion > SCHEMA_VERSION) {
    throw refuse(`回传文件来自更新版本的软件（数据结构版本 ${String(h.appSchemaVersion)}），请先升级软件`);
  }
  const state = await readCopyState(trx);
  if (!state) throw refuse('这个台账不是村级副本：回传文件只能导入村级副本');
  if (h.copyId !== state.copyId || h.township !== state.townshipCode) {
    throw refuse('回传文件是给另一个村级副本的，不是本副本的');
  }
  if (!state.officePublicKey) throw refuse('本副本制作时还没有办公室的公钥，无法核对回传文件：请让办公室重新制作副本');
  const { signature, ...body } = file;
  let good = false;
  try {
    good = verify(
      null,
      Buffer.from(canonical(body), 'utf8'),
      createPublicKey(state.officePublicKey),
      Buffer.from(String(signature), 'base64'),
    );
  } catch {
    good = false;
  }
  if (!good) throw refuse('签名不符：回传文件在办公室写出后被改动过，或不是本乡镇办公室写出的');
  const hash = sha256(canonical(body));
  const last = state.lastReturnSeq ?? 0;
  const full = file.formatVersion < 2 || h.full !== false;
  const nothing = { acknowledged: 0, written: 0, removed: 0, kept: 0, files: 0, full };
  if (h.returnSeq <= last) {
    if (h.returnSeq === last && hash === state.lastReturnHash) {
      return { returnSeq: h.returnSeq, upToFileSeq: h.upToFileSeq, ...nothing, alreadyImported: true };
    }
    throw refuse(`这是第 ${h.returnSeq} 号回传文件，本副本已导入到第 ${last} 号：旧文件不能再导入`);
  }
  if (h.upToFileSeq > state.lastFileSeq) {
    throw refuse(`回传文件提到第 ${h.upToFileSeq} 号变更文件，而本副本只写出到第 ${state.lastFileSeq} 号`);
  }
  if (!full && (h.baseReturnSeq ?? 0) > last) {
    throw refuse(
      `这份回传文件只含第 ${h.baseReturnSeq} 号回传文件之后的变化，而本副本只导入到第 ${last} 号：请先导入第 ${h.baseReturnSeq} 号，或请办公室写出完整的回传文件`,
    );
  }
  const files = checkCarried(file.attachments ?? [], '回传文件', '未作任何改动');
  const at = now().toISOString();
  // 1. The acknowledgement.
  const acknowledged = await markAcknowledged(trx, file.results, h.upToFileSeq, at);
  // 2. Records touched by changes the office has not acknowledged stay as the copy has them.
  const kept = new Set<string>();
  const pending = rowsOf<{ effects: string | null; base_versions: string }>(
    raw,
    `SELECT effects, base_versions FROM village_outbox WHERE ack IS NULL`,
  );
  for (const p of pending) {
    for (const e of JSON.parse(p.effects ?? '[]') as ChangeEffect[]) kept.add(e.entityId);
    for (const b of JSON.parse(p.base_versions) as { id: string }[]) kept.add(b.id);
  }
  // 3. The village records made equal to the office's (deferred foreign keys: checked at commit).
  await sql`PRAGMA defer_foreign_keys = ON`.execute(trx);
  const tables = carriedTables(raw);
  for (const t of [...Object.keys(file.records), ...Object.keys(file.removed ?? {})]) {
    if (!tables.includes(t)) throw refuse(`回传文件含有本副本没有的表“${t}”：请先升级软件`);
  }
  const sync = syncRecords(raw, tables, file, full, kept, pending.length === 0);
  storeCarried(dataDir, files);
  await writeCopyState(trx, {
    ...state,
    lastReturnSeq: h.returnSeq,
    lastReturnHash: hash,
    lastAcknowledged: h.upToFileSeq,
  });
  await journalTo(
    trx,
    actor,
    at,
  )({
    action: 'village.return.import',
    entity: 'village_files',
    entityId: String(h.returnSeq),
    after: {
      returnSeq: h.returnSeq,
      upToFileSeq: h.upToFileSeq,
      full,
      acknowledged,
      written: sync.written,
      removed: sync.removed,
      kept: kept.size,
      files: files.size,
    },
  });
  return {
    returnSeq: h.returnSeq,
    upToFileSeq: h.upToFileSeq,
    acknowledged,
    written: sync.written,
    removed: sync.removed,
    kept: kept.size,
    files: files.size,
    full,
    alreadyImported: false,
  };
}

/**
 * Makes the copy's village rows equal to the office's: a full return file's rows replace each table's (rows the
 * office does not have removed); a differential one's rows are written and its removed keys deleted, and rows the
 * office never sent (the copy's own records, which the office holds under its ids) go once no change is pending.
 * A row whose id a pending change touched is left as it is. `village_known` follows what the office sent.
 */
function syncRecords(
  raw: Raw,
  tables: string[],
  file: ReturnFile,
  full: boolean,
  kept: Set<string>,
  nothingPending: boolean,
): { written: number; removed: number } {
  let written = 0;
  let removed = 0;
  const know = statement(raw, `INSERT OR IGNORE INTO village_known (tbl, key) VALUES (?, ?)`);
  const forget = statement(raw, `DELETE FROM village_known WHERE tbl = ? AND key = ?`);
  if (full) execute(raw, `DELETE FROM village_known`);
  for (const t of tables) {
    const cols = columnsOf(raw, t);
    const columns = cols.map((c) => c.name);
    const pk = primaryKeyOf(cols);
    const keyCols = pk.length > 0 ? pk : columns;
    const idAt = columns.indexOf('id');
    const keyExpr = `json_array(${keyCols.map(quote).join(', ')})`;
    const isKept = (row: unknown[]) => idAt >= 0 && kept.has(String(row[idAt]));
    const rec = file.records[t];
    const incoming = new Map<string, unknown[]>();
    if (rec) {
      const at = columns.map((c) => rec.columns.indexOf(c));
      for (const r of rec.rows) {
        const row = at.map((i) => (i >= 0 ? (r[i] ?? null) : null));
        incoming.set(canonical(keyCols.map((c) => row[columns.indexOf(c)] ?? null)), row);
      }
    }
    const del = statement(raw, `DELETE FROM ${quote(t)} WHERE ${keyCols.map((c) => `${quote(c)} IS ?`).join(' AND ')}`);
    const mine = statement(
      raw,
      `SELECT ${keyExpr} AS k, * FROM ${quote(t)} WHERE ${keyCols.map((c) => `${quote(c)} IS ?`).join(' AND ')}`,
    );
    // Removals: (full) rows the office does not have; (differential) rows it says are gone, and — when nothing is
    // pending — rows it never sent.
    const gone: unknown[][] = [];
    if (full) {
      for (const r of arraysOf(raw, `SELECT ${keyExpr}, * FROM ${quote(t)}`)) {
        if (!incoming.has(String(r[0]))) gone.push(r.slice(1));
      }
    } else {
      for (const k of file.removed?.[t] ?? []) {
        const row = (mine.raw(true).get(...k) as unknown[] | undefined)?.slice(1);
        if (row) gone.push(row);
        forget.run(t, canonical(k));
      }
      if (nothingPending) {
        for (const r of arraysOf(
          raw,
          `SELECT ${keyExpr}, * FROM ${quote(t)} WHERE ${keyExpr} NOT IN (SELECT key FROM village_known WHERE tbl = ?)`,
          t,
        )) {
          if (!incoming.has(String(r[0]))) gone.push(r.slice(1));
        }
      }
    }
    for (const row of gone) {
      if (isKept(row)) continue;
      removed += del.run(...keyCols.map((c) => row[columns.indexOf(c)] ?? null)).changes;
    }
    if (incoming.size === 0) continue;
    const insert = statement(
      raw,
      `INSERT INTO ${quote(t)} (${columns.map(quote).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})` +
        (pk.length > 0
          ? ` ON CONFLICT (${pk.map(quote).join(', ')}) DO UPDATE SET ${
              columns
                .filter((c) => !pk.includes(c))
                .map((c) => `${quote(c)} = excluded.${quote(c)}`)
                .join(', ') || `${quote(pk[0]!)} = excluded.${quote(pk[0]!)}`
            }`
          : ''),
    );
    for (const [k, row] of incoming) {
      know.run(t, k);
      if (isKept(row)) continue;
      const now = (
        mine.raw(true).get(...keyCols.map((c) => row[columns.indexOf(c)] ?? null)) as unknown[] | undefined
      )?.slice(1);
      if (now && canonical(now) === canonical(row)) continue;
      if (now && pk.length === 0) continue; // a row without a key is the same row when all its columns agree
      insert.run(...row);
      written += 1;
    }
  }
  return { written, removed };
}
