// In a copy: importing the office's return file (back.ts writes it). The signature and number are checked, the
// copy's outbox marked acknowledged, and its village records made equal to the office's — except records its still
// unacknowledged changes touched (the village never loses unsent work).
import { createPublicKey, verify } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { LedgerError } from '../../../shared/errors';
import { SCHEMA_VERSION } from '../db/migrations';
import type { DB } from '../db';
import { arraysOf, execute, rowsOf, statementOf } from '../kernel';
import { RETURN_VERSION, RETURN_FORMAT, type ReturnFile } from './back';
import { canonical, sha256 } from './canonical';
import { checkCarried, storeCarried } from './carried';
import { carriedTables } from './cut';
import type { ChangeEffect } from './outbox';
import { columnsOf, primaryKeyOf, quote, type Raw } from './sqlite';
import { journalTo, markAcknowledged, readCopyState, writeCopyState, type JournalSink } from './state';

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
  const know = statementOf(raw, `INSERT OR IGNORE INTO village_known (tbl, key) VALUES (?, ?)`);
  const forget = statementOf(raw, `DELETE FROM village_known WHERE tbl = ? AND key = ?`);
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
    const del = statementOf(
      raw,
      `DELETE FROM ${quote(t)} WHERE ${keyCols.map((c) => `${quote(c)} IS ?`).join(' AND ')}`,
    );
    const mine = statementOf<unknown[]>(
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
        const row = mine
          .raw(true)
          .get(...k)
          ?.slice(1);
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
    const insert = statementOf(
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
      const now = mine
        .raw(true)
        .get(...keyCols.map((c) => row[columns.indexOf(c)] ?? null))
        ?.slice(1);
      if (now && canonical(now) === canonical(row)) continue;
      if (now && pk.length === 0) continue; // a row without a key is the same row when all its columns agree
      insert.run(...row);
      written += 1;
    }
  }
  return { written, removed };
}
