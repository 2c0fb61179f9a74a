// Attachment files carried in exchange files (docs/EXCHANGE.md, "Attachments"): by content hash, each at most the
// attachment limit, checked against its hash on the way in — a file whose bytes do not match is refused whole.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { MAX_ATTACHMENT_BYTES } from '../../../shared/api/attachments';
import { LedgerError } from '../../../shared/errors';
import { attachmentPath } from '../attachments';

export interface CarriedFile {
  sha256: string;
  size: number;
  dataBase64: string;
}

/** What a recorded `attachments.add` keeps of its file: the hash and size (the bytes travel beside the changes). */
export interface CarriedRef {
  sha256: string;
  size: number;
  name: string;
}

/** The input an `attachments.add` is recorded with in the outbox: the file named by its hash instead of its bytes. */
export function recordedInput(method: string, input: unknown, output: unknown): unknown {
  if (method !== 'attachments.add' || !input || typeof input !== 'object') return input;
  const { dataBase64: _bytes, ...rest } = input as Record<string, unknown>;
  const out = output as { sha256?: unknown; size?: unknown };
  return { ...rest, file: { sha256: String(out.sha256), size: Number(out.size) } };
}

/** The file a recorded change names (format 3 `attachments.add`), if any. */
export function carriedRef(input: unknown): CarriedRef | null {
  const i = input as { file?: { sha256?: unknown; size?: unknown }; name?: unknown } | null;
  if (!i || typeof i !== 'object' || !i.file || typeof i.file.sha256 !== 'string') return null;
  return { sha256: i.file.sha256, size: Number(i.file.size), name: String(i.name ?? '') };
}

const hashOf = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** Reads the files to carry from a ledger's attachment folder (each once), refusing a missing or altered one. */
export function readCarried(dataDir: string, refs: { sha256: string; name: string }[]): CarriedFile[] {
  const out = new Map<string, CarriedFile>();
  for (const r of refs) {
    if (out.has(r.sha256)) continue;
    const path = attachmentPath(dataDir, r.sha256);
    if (!existsSync(path)) {
      throw new LedgerError('NOT_FOUND', `附件“${r.name}”的文件不见了（${path}）：请从备份恢复后再导出`);
    }
    const data = readFileSync(path);
    if (hashOf(data) !== r.sha256) {
      throw new LedgerError('CONFLICT', `附件“${r.name}”的文件已被改动或损坏（校验值不符）：请从备份恢复后再导出`);
    }
    out.set(r.sha256, { sha256: r.sha256, size: data.length, dataBase64: data.toString('base64') });
  }
  return [...out.values()];
}

/**
 * Checks carried files: each names its SHA-256 and size, is at most the attachment limit, and its bytes hash to the
 * name. Returns the bytes by hash. Throws a Chinese message naming the file (what = 变更文件 / 回传文件).
 */
export function checkCarried(list: unknown, what: string, tail: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  if (!Array.isArray(list)) throw new LedgerError('BAD_INPUT', `${what}的附件部分无法读取：文件已损坏。${tail}`);
  const maxChars = Math.ceil((MAX_ATTACHMENT_BYTES * 4) / 3) + 4;
  for (const [i, f] of (list as Partial<CarriedFile>[]).entries()) {
    const n = i + 1;
    if (!f || typeof f.sha256 !== 'string' || typeof f.dataBase64 !== 'string' || typeof f.size !== 'number') {
      throw new LedgerError('BAD_INPUT', `${what}中的第 ${n} 个附件文件不完整：文件已损坏。${tail}`);
    }
    if (f.size > MAX_ATTACHMENT_BYTES || f.dataBase64.length > maxChars) {
      throw new LedgerError('BAD_INPUT', `${what}中的第 ${n} 个附件文件超过 20 MB 的上限。${tail}`);
    }
    const data = Buffer.from(f.dataBase64, 'base64');
    if (data.length !== f.size || hashOf(data) !== f.sha256) {
      throw new LedgerError(
        'BAD_INPUT',
        `${what}中的第 ${n} 个附件文件与它的校验值不符（文件被改动过或已损坏）。${tail}`,
      );
    }
    out.set(f.sha256, data);
  }
  return out;
}

/** Writes checked files into a ledger's attachment folder (content-addressed: a file already there is kept). */
export function storeCarried(dataDir: string, files: Map<string, Buffer>): number {
  let written = 0;
  for (const [sha, data] of files) {
    const path = attachmentPath(dataDir, sha);
    if (existsSync(path)) continue;
    mkdirSync(dirname(path), { recursive: true });
    const tmp = `${path}.${process.pid}.tmp`;
    try {
      writeFileSync(tmp, data, { flush: true });
      renameSync(tmp, path);
      written += 1;
    } finally {
      rmSync(tmp, { force: true });
    }
  }
  return written;
}

/** A recorded `attachments.add` with its file's bytes put back (at the office, from the change file). */
export function withCarriedBytes(input: unknown, files: Map<string, Buffer>): unknown {
  const ref = carriedRef(input);
  if (!ref) return input;
  const { file: _file, ...rest } = input as Record<string, unknown>;
  return { ...rest, dataBase64: files.get(ref.sha256)!.toString('base64') };
}
