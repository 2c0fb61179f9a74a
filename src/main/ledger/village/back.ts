// The return file (回传文件, docs/EXCHANGE.md): from the office back to one copy. It carries the acknowledgement of
// every change of the copy (applied / queued / refused, with flags and resolutions), the office's id for each record
// the copy created, and the office's current rows of the copy's villages (the same cut as making the copy), signed
// with the office's key. The copy checks signature and number, marks its outbox, and makes its village records equal
// to the office's — except records its still unacknowledged changes touched (the village never loses unsent work).
import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import { LedgerError } from '../../../shared/errors';
import { sourceOf } from '../backup';
import { SCHEMA_VERSION } from '../db/migrations';
import type { Ledger } from '../db/open';
import type { DB } from '../db/schema';
import { canonical, sha256 } from './canonical';
import { extractVillages } from './copy';
import { arraysOf, columnsOf, quote, tableNames, type Raw } from './sqlite';
import type { ChangeEffect } from './outbox';
import { journalTo, officeKey, readCopyState, writeCopyState, type JournalSink } from './state';

export const RETURN_FORMAT = 'civil-ledger-village-return';
export const RETURN_VERSION = 1;

/** Tables that are each ledger's own: never carried back (the copy keeps its own login, journal, settings, outbox). */
const LOCAL = /^(meta|settings|users|journal|holidays|request_log|kysely_.*|village_.*|sqlite_.*)$/;

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
  };
  results: ReturnResult[];
  /** [copy's id, office's id] of each record the copy created. */
  idmap: [string, string][];
  /** Table → column names and rows (arrays in column order), the office's rows of the copy's villages. */
  records: Record<string, { columns: string[]; rows: unknown[][] }>;
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

function carriedTables(raw: Raw): string[] {
  return tableNames(raw).filter((t) => !LOCAL.test(t));
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

/** At the office: the next return file for a copy, in the caller's transaction (numbered, journalled). */
export async function writeReturn(
  trx: Kysely<DB>,
  office: Ledger,
  copyId: string,
  actor: JournalSink,
  now: () => Date = () => new Date(),
): Promise<{ text: string; returnSeq: number; results: number; rows: number }> {
  const copy = (
    await sql<{ id: string; villages: string; last_file_seq: number; last_return_seq: number }>`
      SELECT id, villages, last_file_seq, last_return_seq FROM village_copies WHERE id = ${copyId}`.execute(trx)
  ).rows[0];
  if (!copy) throw new LedgerError('BAD_INPUT', `本台账没有编号为 ${copyId} 的村级副本`);
  const township = await trx.selectFrom('settings').select('value').where('key', '=', 'township').executeTakeFirst();
  const code = township ? String((JSON.parse(township.value) as { code?: unknown }).code ?? '') : '';
  const at = now().toISOString();
  const key = await officeKey(trx, at);
  const results = (
    await sql<{
      change_id: string;
      result: ReturnResult['result'];
      flag: ReturnResult['flag'];
      message: string | null;
    }>`
      SELECT change_id, result, flag, message FROM village_applied WHERE copy_id = ${copyId} ORDER BY seq`.execute(trx)
  ).rows.map((r) => ({ changeId: r.change_id, result: r.result, flag: r.flag ?? null, message: r.message }));
  const idmap = (
    await sql<{ copy_entity_id: string; office_id: string }>`SELECT copy_entity_id, office_id FROM village_idmap
      WHERE copy_id = ${copyId} ORDER BY copy_entity_id`.execute(trx)
  ).rows.map((r): [string, string] => [r.copy_entity_id, r.office_id]);
  const records = villageRecords(office, JSON.parse(copy.villages) as string[]);
  const body: ReturnBody = {
    format: RETURN_FORMAT,
    formatVersion: RETURN_VERSION,
    header: {
      appSchemaVersion: SCHEMA_VERSION,
      township: code,
      copyId,
      returnSeq: copy.last_return_seq + 1,
      upToFileSeq: copy.last_file_seq,
      writtenAt: at,
    },
    results,
    idmap,
    records,
  };
  const signature = sign(null, Buffer.from(canonical(body), 'utf8'), createPrivateKey(key.privateKey)).toString(
    'base64',
  );
  const rows = Object.values(records).reduce((n, r) => n + r.rows.length, 0);
  await sql`UPDATE village_copies SET last_return_seq = ${body.header.returnSeq}, last_return_at = ${at}
    WHERE id = ${copyId}`.execute(trx);
  await journalTo(
    trx,
    actor,
    at,
  )({
    action: 'village.return',
    entity: 'village_copies',
    entityId: copyId,
    after: { returnSeq: body.header.returnSeq, upToFileSeq: copy.last_file_seq, results: results.length, rows },
  });
  return {
    text: JSON.stringify({ ...body, signature }),
    returnSeq: body.header.returnSeq,
    results: results.length,
    rows,
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
  alreadyImported: boolean;
}

const refuse = (m: string) => new LedgerError('BAD_INPUT', `${m}。未作任何改动`);

/** In a copy: imports the office's return file, in the caller's transaction. */
export async function readReturn(
  trx: Kysely<DB>,
  raw: Database.Database,
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
  if (h.returnSeq <= last) {
    if (h.returnSeq === last && hash === state.lastReturnHash) {
      return {
        returnSeq: h.returnSeq,
        upToFileSeq: h.upToFileSeq,
        acknowledged: 0,
        written: 0,
        removed: 0,
        kept: 0,
        alreadyImported: true,
      };
    }
    throw refuse(`这是第 ${h.returnSeq} 号回传文件，本副本已导入到第 ${last} 号：旧文件不能再导入`);
  }
  if (h.upToFileSeq > state.lastFileSeq) {
    throw refuse(`回传文件提到第 ${h.upToFileSeq} 号变更文件，而本副本只写出到第 ${state.lastFileSeq} 号`);
  }
  const at = now().toISOString();
  // 1. The acknowledgement.
  let acknowledged = 0;
  for (const r of file.results) {
    const res = await sql`UPDATE village_outbox SET ack = ${r.result}, ack_message = ${r.message ?? null}
      WHERE change_id = ${r.changeId} AND (ack IS NULL OR ack IS NOT ${r.result} OR ack_message IS NOT ${r.message ?? null})`.execute(
      trx,
    );
    acknowledged += Number(res.numAffectedRows ?? 0);
  }
  await sql`UPDATE village_files SET acknowledged_at = ${at}, content = '' WHERE file_seq <= ${h.upToFileSeq}
    AND acknowledged_at IS NULL`.execute(trx);
  // 2. Records touched by changes the office has not acknowledged stay as the copy has them.
  const kept = new Set<string>();
  const pending = (
    await sql<{ effects: string | null; base_versions: string }>`SELECT effects, base_versions FROM village_outbox
      WHERE ack IS NULL`.execute(trx)
  ).rows;
  for (const p of pending) {
    for (const e of JSON.parse(p.effects ?? '[]') as ChangeEffect[]) kept.add(e.entityId);
    for (const b of JSON.parse(p.base_versions) as { id: string }[]) kept.add(b.id);
  }
  // 3. The village records made equal to the office's (deferred foreign keys: checked at commit).
  await sql`PRAGMA defer_foreign_keys = ON`.execute(trx);
  let written = 0;
  let removed = 0;
  const tables = carriedTables(raw);
  const info = new Map(
    tables.map((t) => {
      const cols = raw.prepare(`PRAGMA table_info(${quote(t)})`).all() as { name: string; pk: number }[];
      const pk = cols
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => c.name);
      return [t, { columns: cols.map((c) => c.name), pk }];
    }),
  );
  for (const t of Object.keys(file.records)) {
    if (!info.has(t)) throw refuse(`回传文件含有本副本没有的表“${t}”：请先升级软件`);
  }
  const keyOf = (pk: string[], row: Record<string, unknown>) => canonical(pk.map((c) => row[c] ?? null));
  const incoming = new Map<string, Map<string, Record<string, unknown>>>();
  for (const t of tables) {
    const rec = file.records[t] ?? { columns: [], rows: [] };
    const { pk } = info.get(t)!;
    const m = new Map<string, Record<string, unknown>>();
    for (const r of rec.rows) {
      const row = Object.fromEntries(rec.columns.map((c, i) => [c, r[i] ?? null]));
      m.set(pk.length > 0 ? keyOf(pk, row) : canonical(r), row);
    }
    incoming.set(t, m);
  }
  const isKept = (row: Record<string, unknown>) => typeof row.id === 'string' && kept.has(row.id);
  // Removals first (rows the office does not have: records the copy made that now carry the office's id).
  for (const t of tables) {
    const { pk } = info.get(t)!;
    const m = incoming.get(t)!;
    const mine = raw.prepare(`SELECT rowid AS __rowid, * FROM ${quote(t)}`).all() as Record<string, unknown>[];
    const del = raw.prepare(`DELETE FROM ${quote(t)} WHERE rowid = ?`);
    for (const row of mine) {
      const { __rowid, ...r } = row;
      const k = pk.length > 0 ? keyOf(pk, r) : canonical(info.get(t)!.columns.map((c) => r[c] ?? null));
      if (m.has(k) || isKept(r)) continue;
      removed += del.run(__rowid).changes;
    }
  }
  for (const t of tables) {
    const { pk, columns } = info.get(t)!;
    const m = incoming.get(t)!;
    if (m.size === 0) continue;
    const cols = columns;
    const insert = raw.prepare(
      `INSERT INTO ${quote(t)} (${cols.map(quote).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})` +
        (pk.length > 0
          ? ` ON CONFLICT (${pk.map(quote).join(', ')}) DO UPDATE SET ${
              cols
                .filter((c) => !pk.includes(c))
                .map((c) => `${quote(c)} = excluded.${quote(c)}`)
                .join(', ') || `${quote(pk[0]!)} = excluded.${quote(pk[0]!)}`
            }`
          : ''),
    );
    const select =
      pk.length > 0
        ? raw.prepare(`SELECT * FROM ${quote(t)} WHERE ${pk.map((c) => `${quote(c)} = ?`).join(' AND ')}`)
        : null;
    for (const row of m.values()) {
      if (isKept(row)) continue;
      if (select) {
        const now = select.get(...pk.map((c) => row[c])) as Record<string, unknown> | undefined;
        if (now && cols.every((c) => canonical(now[c] ?? null) === canonical(row[c] ?? null))) continue;
      } else {
        const exists = raw
          .prepare(`SELECT count(*) FROM ${quote(t)} WHERE ${cols.map((c) => `${quote(c)} IS ?`).join(' AND ')}`)
          .pluck()
          .get(...cols.map((c) => row[c] ?? null)) as number;
        if (exists > 0) continue;
      }
      insert.run(...cols.map((c) => row[c] ?? null));
      written += 1;
    }
  }
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
    after: { returnSeq: h.returnSeq, upToFileSeq: h.upToFileSeq, acknowledged, written, removed, kept: kept.size },
  });
  return {
    returnSeq: h.returnSeq,
    upToFileSeq: h.upToFileSeq,
    acknowledged,
    written,
    removed,
    kept: kept.size,
    alreadyImported: false,
  };
}
