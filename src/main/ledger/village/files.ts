// Change files (docs/EXCHANGE.md): written by a village copy, signed with its private key; read and verified at the
// office before anything is applied.
import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB, Ledger } from '../db';
import { LedgerError } from '../../../shared/errors';
import { pick } from '../../../shared/pick';
import { SCHEMA_VERSION } from '../db/migrations';
import { dataDirFor } from '../../paths';
import { canonical, sha256 } from './canonical';
import { carriedRef, checkCarried, readCarried, type CarriedFile } from './carried';
import type { ChangeEffect } from './outbox';
import { journalTo, readCopyState, townshipCode, writeCopyState, type JournalSink } from './state';

export const FORMAT_NAME = 'civil-ledger-village-changes';
/**
 * 2 adds `effects` to each change (what it did to each record in the copy); 3 adds the attachment files the changes
 * recorded (`attachments`) and the last return file the copy imported (`header.lastReturnSeq`). Files of versions
 * 1 and 2 are still read.
 */
export const FORMAT_VERSION = 3;

export interface FileChange {
  seq: number;
  changeId: string;
  method: string;
  input: unknown;
  output: unknown;
  author: string;
  at: string;
  baseVersions: { id: string; version: number }[];
  /** Format 2: the copy's journal entries of this change (columns before/after per record). Absent in format 1. */
  effects?: ChangeEffect[];
  hash: string;
}

export interface FileHeader {
  appSchemaVersion: number;
  township: string;
  copyId: string;
  fileSeq: number;
  previousFileHash: string | null;
  changeRange: [number, number];
  writtenAt: string;
  /** Format 3: the last return file of the office the copy imported (0 = none): the office's next one starts there. */
  lastReturnSeq?: number;
}

export interface ChangeFileBody {
  format: string;
  formatVersion: number;
  header: FileHeader;
  changes: FileChange[];
  /** Format 3: the files of the attachments the changes recorded, by content hash (covered by the signature). */
  attachments?: CarriedFile[];
}

export interface ChangeFile extends ChangeFileBody {
  /** Ed25519 over canonical(body), base64. */
  signature: string;
}

export function changeHash(c: Omit<FileChange, 'seq' | 'hash'>): string {
  return sha256(
    canonical({
      ...pick(c, ['changeId', 'method', 'input', 'output', 'author', 'at']),
      bases: c.baseVersions,
      effects: c.effects,
    }),
  );
}

/** The signed part of a file: everything but the signature (canonical JSON leaves out an absent `attachments`). */
function bodyOf(file: ChangeFileBody): ChangeFileBody {
  return pick(file, ['format', 'formatVersion', 'header', 'changes', 'attachments']);
}

export function fileHashOf(body: ChangeFileBody): string {
  return sha256(canonical(bodyOf(body)));
}

interface OutboxRow {
  seq: number;
  change_id: string;
  method: string;
  input: string;
  output: string;
  author: string;
  at: string;
  base_versions: string;
  hash: string;
  effects: string | null;
}

/** Writes the next change file of a copy: every change the office has not acknowledged. Returns the file's text. */
export async function exportChanges(
  copy: Ledger,
  actor: JournalSink,
  now: () => Date = () => new Date(),
): Promise<ExportedChanges> {
  return copy.db.transaction().execute((trx) => exportChangesIn(trx, actor, now, dataDirFor(copy.path)));
}

export interface ExportedChanges {
  text: string;
  fileSeq: number;
  changes: number;
  range: [number, number];
}

/** The same inside the caller's transaction (the dispatcher's, for the copy's screen). */
export async function exportChangesIn(
  trx: Kysely<DB>,
  actor: JournalSink,
  now: () => Date,
  dataDir: string,
): Promise<ExportedChanges> {
  {
    const state = await readCopyState(trx);
    if (!state) throw new LedgerError('BAD_INPUT', '这个台账不是村级副本：只有村级副本能导出变更文件');
    const rows = (await sql<OutboxRow>`SELECT * FROM village_outbox WHERE ack IS NULL ORDER BY seq`.execute(trx)).rows;
    if (rows.length === 0) throw new LedgerError('BAD_INPUT', '没有未发送的变更：无需导出');
    const at = now().toISOString();
    const header: FileHeader = {
      appSchemaVersion: SCHEMA_VERSION,
      township: state.townshipCode,
      copyId: state.copyId,
      fileSeq: state.lastFileSeq + 1,
      previousFileHash: state.lastFileHash,
      changeRange: [rows[0]!.seq, rows[rows.length - 1]!.seq],
      writtenAt: at,
      lastReturnSeq: state.lastReturnSeq ?? 0,
    };
    const changes = rows.map((r): FileChange => ({
      seq: r.seq,
      changeId: r.change_id,
      method: r.method,
      input: JSON.parse(r.input) as unknown,
      output: JSON.parse(r.output) as unknown,
      author: r.author,
      at: r.at,
      baseVersions: JSON.parse(r.base_versions) as FileChange['baseVersions'],
      ...(r.effects ? { effects: JSON.parse(r.effects) as ChangeEffect[] } : {}),
      hash: r.hash,
    }));
    const body: ChangeFileBody = {
      format: FORMAT_NAME,
      formatVersion: FORMAT_VERSION,
      header,
      changes,
      attachments: readCarried(
        dataDir,
        changes.flatMap((c) => carriedRef(c.input) ?? []),
      ),
    };
    const signature = sign(null, Buffer.from(canonical(body), 'utf8'), createPrivateKey(state.privateKey)).toString(
      'base64',
    );
    const file: ChangeFile = { ...body, signature };
    const text = JSON.stringify(file, null, 1);
    const fileHash = fileHashOf(body);
    await sql`INSERT INTO village_files (file_seq, file_hash, from_seq, to_seq, content, written_at)
      VALUES (${header.fileSeq}, ${fileHash}, ${header.changeRange[0]}, ${header.changeRange[1]}, ${text}, ${at})`.execute(
      trx,
    );
    await writeCopyState(trx, { ...state, lastFileSeq: header.fileSeq, lastFileHash: fileHash });
    await journalTo(
      trx,
      actor,
      at,
    )({
      action: 'village.export',
      entity: 'village_files',
      entityId: String(header.fileSeq),
      after: { fileSeq: header.fileSeq, changes: rows.length, range: header.changeRange },
    });
    return { text, fileSeq: header.fileSeq, changes: rows.length, range: header.changeRange };
  }
}

/** How a revoked copy is named in a refusal: when, by whom and why it was revoked. */
export function revokedText(c: {
  revoked_at: string | null;
  revoked_by: string | null;
  revoke_reason: string | null;
}): string {
  const when = c.revoked_at ? `${c.revoked_at.slice(0, 10)} ` : '';
  return `该村级副本已于 ${when}由${c.revoked_by ?? '管理员'}停用（原因：${c.revoke_reason ?? '未填写'}）`;
}

export interface VerifiedFile {
  file: ChangeFile;
  fileHash: string;
  copy: { id: string; villages: string[]; lastFileSeq: number; lastFileHash: string | null };
  /** The same file was imported before: nothing to do. */
  alreadyImported: boolean;
  /** The attachment files the file carries (checked against their hashes), by hash. */
  files: Map<string, Buffer>;
}

/** Every check that comes before applying anything. Reads only. Throws LedgerError('BAD_INPUT') in Chinese. */
export async function verifyChangeFile(office: { db: Kysely<DB> }, text: string): Promise<VerifiedFile> {
  let file: ChangeFile;
  try {
    file = JSON.parse(text) as ChangeFile;
  } catch {
    throw new LedgerError(
      'BAD_INPUT',
      '文件无法读取：不是村级副本的变更文件，或文件已损坏（被改动过）。未导入任何内容',
    );
  }
  if (
    !file ||
    typeof file !== 'object' ||
    file.format !== FORMAT_NAME ||
    !file.header ||
    !Array.isArray(file.changes)
  ) {
    throw new LedgerError('BAD_INPUT', '这不是村级副本的变更文件。未导入任何内容');
  }
  if (typeof file.formatVersion !== 'number' || file.formatVersion < 1 || file.formatVersion > FORMAT_VERSION) {
    throw new LedgerError(
      'BAD_INPUT',
      `变更文件由更新版本的软件写出（格式版本 ${String(file.formatVersion)}，本软件支持到 ${FORMAT_VERSION}），请先升级软件。未导入任何内容`,
    );
  }
  const h = file.header;
  if (typeof h.appSchemaVersion !== 'number' || h.appSchemaVersion > SCHEMA_VERSION) {
    throw new LedgerError(
      'BAD_INPUT',
      `变更文件来自更新版本的软件（数据结构版本 ${String(h.appSchemaVersion)}，本软件为 ${SCHEMA_VERSION}），请先升级软件。未导入任何内容`,
    );
  }
  const code = await townshipCode(office.db);
  if (h.township !== code) {
    throw new LedgerError(
      'BAD_INPUT',
      `变更文件来自另一个乡镇（街道）（区划代码 ${String(h.township)}），不是本台账的村级副本。未导入任何内容`,
    );
  }
  const copy = (
    await sql<{
      id: string;
      villages: string;
      public_key: string;
      last_file_seq: number;
      last_file_hash: string | null;
      status: string;
      revoked_at: string | null;
      revoked_by: string | null;
      revoke_reason: string | null;
    }>`
      SELECT id, villages, public_key, last_file_seq, last_file_hash, status, revoked_at, revoked_by, revoke_reason
      FROM village_copies WHERE id = ${String(h.copyId)}`.execute(office.db)
  ).rows[0];
  if (!copy) {
    throw new LedgerError(
      'BAD_INPUT',
      `变更文件来自本台账不认识的村级副本（编号 ${String(h.copyId)}）：只能导入本办公室制作的副本的文件。未导入任何内容`,
    );
  }
  if (copy.status === 'revoked') {
    throw new LedgerError('BAD_INPUT', `${revokedText(copy)}：不再接受它的变更文件。未导入任何内容`);
  }
  // One canonical text of the body: what the signature covers and what the file hash is of.
  const bodyText = canonical(bodyOf(file));
  let good = false;
  try {
    good = verify(
      null,
      Buffer.from(bodyText, 'utf8'),
      createPublicKey(copy.public_key),
      Buffer.from(String(file.signature), 'base64'),
    );
  } catch {
    good = false;
  }
  if (!good) {
    throw new LedgerError(
      'BAD_INPUT',
      '签名不符：变更文件在副本写出后被改动过，或不是该副本写出的。未导入任何内容，请让村里重新导出',
    );
  }
  for (const c of file.changes) {
    if (changeHash(c) !== c.hash) {
      throw new LedgerError('BAD_INPUT', `第 ${c.seq} 项变更的内容校验值不符：文件已损坏。未导入任何内容`);
    }
  }
  if (file.formatVersion >= 3 && !Array.isArray(file.attachments)) {
    throw new LedgerError('BAD_INPUT', '变更文件缺少附件部分：文件已损坏。未导入任何内容');
  }
  const files = checkCarried(file.attachments ?? [], '变更文件', '未导入任何内容');
  for (const c of file.changes) {
    const ref = carriedRef(c.input);
    if (ref && !files.has(ref.sha256)) {
      throw new LedgerError(
        'BAD_INPUT',
        `第 ${c.seq} 项变更（上传附件“${ref.name}”）的附件文件不在变更文件中：文件已损坏。未导入任何内容`,
      );
    }
  }
  const fileHash = sha256(bodyText);
  const info = {
    id: copy.id,
    villages: JSON.parse(copy.villages) as string[],
    lastFileSeq: copy.last_file_seq,
    lastFileHash: copy.last_file_hash,
  };
  if (h.fileSeq <= copy.last_file_seq) {
    const seen = (
      await sql<{
        file_hash: string;
      }>`SELECT file_hash FROM village_imports WHERE copy_id = ${copy.id} AND file_seq = ${h.fileSeq}`.execute(
        office.db,
      )
    ).rows[0];
    if (seen && seen.file_hash === fileHash) return { file, fileHash, copy: info, alreadyImported: true, files };
    throw new LedgerError(
      'BAD_INPUT',
      `第 ${h.fileSeq} 号变更文件已经导入过，而这份文件的内容与当时不同：可能被篡改，或是旧文件。未导入任何内容`,
    );
  }
  if (h.fileSeq > copy.last_file_seq + 1) {
    const missing: number[] = [];
    for (let n = copy.last_file_seq + 1; n < h.fileSeq && missing.length < 50; n++) missing.push(n);
    throw new LedgerError(
      'BAD_INPUT',
      `缺少第 ${missing.join('、')} 号变更文件（本文件为第 ${h.fileSeq} 号，上次导入到第 ${copy.last_file_seq} 号）：请先导入缺少的文件。未导入任何内容`,
    );
  }
  if ((h.previousFileHash ?? null) !== (copy.last_file_hash ?? null)) {
    throw new LedgerError(
      'BAD_INPUT',
      `第 ${h.fileSeq} 号变更文件与上一份已导入的文件接不上（上一文件校验值不符）。未导入任何内容`,
    );
  }
  return { file, fileHash, copy: info, alreadyImported: false, files };
}
