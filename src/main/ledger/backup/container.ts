// The one-file backup (单文件备份, format 1): the ledger's database bytes, then the manifest, then a fixed footer —
//
//   [database: exactly manifest.bytes bytes][manifest: UTF-8 JSON][footer: 64 bytes]
//   footer = "CIVIL-LEDGER-BACKUP-1" padded with NULs to 24 bytes
//            + manifest length (8 bytes, unsigned big-endian)
//            + SHA-256 of the manifest bytes (32 bytes)
//
// The proof travels inside the file, so copying or renaming cannot separate it. It is signed by nothing: it proves
// the file is the one the app wrote and has not changed since (or that it was forged with full knowledge of this
// format — see docs/DECISIONS.md). The manifest holds the SHA-256 and size of the database bytes, the schema
// version, the journal head, the township and a digest of each table's rows. The database bytes come first and are
// a complete SQLite file, so the page count in their header tells where they end.
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, fstatSync, openSync, readSync, writeSync, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { JournalHead } from '../journal';
import type { TableDigests } from './digests';

export const CONTAINER_MAGIC = 'CIVIL-LEDGER-BACKUP-1';
export const FOOTER_BYTES = 64;
export const CONTAINER_FORMAT = 1;
/** A manifest is a few kilobytes; anything claiming more is not ours. */
const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

export type BackupKind = 'auto' | 'before' | 'manual';

export interface BackupManifest {
  app: 'civil-ledger';
  /** 1 for the one-file form; absent in old two-file manifests. */
  format?: number;
  /** The name the file was written under (the file may be renamed since; the proof does not depend on it). */
  file: string;
  sha256: string;
  bytes: number;
  at: string;
  kind: BackupKind;
  reason: string | null;
  schemaVersion: number;
  journalEntries: number;
  township: string | null;
  /** Backup sequence number in its folder tree: rotation orders by it (a clock set wrong cannot spoil it). */
  seq?: number;
  journalHead?: JournalHead;
  tables?: TableDigests;
  /** Who made it (a user's name, or the scheduler / command line). */
  by?: string;
}

function footerFor(manifestBytes: Buffer): Buffer {
  const footer = Buffer.alloc(FOOTER_BYTES);
  footer.write(CONTAINER_MAGIC, 0, 'ascii');
  footer.writeBigUInt64BE(BigInt(manifestBytes.length), 24);
  createHash('sha256').update(manifestBytes).digest().copy(footer, 32);
  return footer;
}

/** Appends manifest and footer to a database file (the backup's temporary file). */
export function appendProof(path: string, manifest: BackupManifest): void {
  const body = Buffer.from(JSON.stringify(manifest), 'utf8');
  const fd = openSync(path, 'a');
  try {
    writeSync(fd, body);
    writeSync(fd, footerFor(body));
  } finally {
    closeSync(fd);
  }
}

export type ProofRead =
  | { kind: 'embedded'; manifest: BackupManifest; fileBytes: number }
  | { kind: 'none'; fileBytes: number; problem: string | null }
  | { kind: 'damaged'; fileBytes: number; problem: string };

function readAt(fd: number, length: number, position: number): Buffer {
  const buf = Buffer.alloc(length);
  let got = 0;
  while (got < length) {
    const n = readSync(fd, buf, got, length - got, position + got);
    if (n === 0) break;
    got += n;
  }
  return buf.subarray(0, got);
}

/** The database size its SQLite header states, when the header says that figure is valid; else null. */
function headerDatabaseBytes(header: Buffer): number | null {
  if (header.length < 100 || header.subarray(0, 16).toString('latin1') !== 'SQLite format 3\0') return null;
  const rawSize = header.readUInt16BE(16);
  const pageSize = rawSize === 1 ? 65536 : rawSize;
  const pages = header.readUInt32BE(28);
  if (pages === 0 || header.readUInt32BE(24) !== header.readUInt32BE(92)) return null;
  return pageSize * pages;
}

/**
 * Reads the proof a file carries, checking only its own consistency (not yet the database bytes' SHA-256).
 * 'none': no proof at all (an old backup or a bare ledger copy); `problem` says so when the file has bytes after
 * its database that are not a complete proof — a one-file backup cut short.
 */
export function readProof(path: string): ProofRead {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const header = readAt(fd, 100, 0);
    const dbBytes = headerDatabaseBytes(header);
    const tail = size >= FOOTER_BYTES ? readAt(fd, FOOTER_BYTES, size - FOOTER_BYTES) : Buffer.alloc(0);
    const hasMagic =
      tail.length === FOOTER_BYTES && tail.subarray(0, CONTAINER_MAGIC.length).toString('ascii') === CONTAINER_MAGIC;
    if (!hasMagic) {
      const cut =
        dbBytes !== null && size > dbBytes
          ? `文件在数据库之后还有 ${size - dbBytes} 字节，但末尾没有完整的校验记录（单文件备份被截断或末尾被改动）`
          : dbBytes !== null && size < dbBytes
            ? `文件比其数据库头记录的大小短 ${dbBytes - size} 字节（文件被截断）`
            : null;
      return { kind: 'none', fileBytes: size, problem: cut };
    }
    const manifestLength = Number(tail.readBigUInt64BE(24));
    if (manifestLength <= 0 || manifestLength > MAX_MANIFEST_BYTES || manifestLength > size - FOOTER_BYTES) {
      return { kind: 'damaged', fileBytes: size, problem: '文件末尾的校验记录已损坏（长度不对）' };
    }
    const body = readAt(fd, manifestLength, size - FOOTER_BYTES - manifestLength);
    if (!createHash('sha256').update(body).digest().equals(tail.subarray(32, 64))) {
      return { kind: 'damaged', fileBytes: size, problem: '文件内的备份说明（清单）被改动或损坏，与其校验值不符' };
    }
    let manifest: BackupManifest;
    try {
      manifest = JSON.parse(body.toString('utf8')) as BackupManifest;
    } catch {
      return { kind: 'damaged', fileBytes: size, problem: '文件内的备份说明（清单）无法读取' };
    }
    if (manifest.app !== 'civil-ledger' || typeof manifest.sha256 !== 'string' || !Number.isInteger(manifest.bytes)) {
      return { kind: 'damaged', fileBytes: size, problem: '文件内的备份说明不是本软件写的' };
    }
    if (manifest.bytes + manifestLength + FOOTER_BYTES !== size) {
      return {
        kind: 'damaged',
        fileBytes: size,
        problem: `数据库部分长 ${size - manifestLength - FOOTER_BYTES} 字节，与备份说明记录的 ${manifest.bytes} 字节不符（文件被截断、拼接或与另一份备份的部分调换）`,
      };
    }
    return { kind: 'embedded', manifest, fileBytes: size };
  } finally {
    closeSync(fd);
  }
}

/** SHA-256 of the first `bytes` bytes of a file. */
export async function sha256Prefix(path: string, bytes: number): Promise<string> {
  const h = createHash('sha256');
  if (bytes > 0)
    for await (const chunk of createReadStream(path, { start: 0, end: bytes - 1 })) h.update(chunk as Buffer);
  return h.digest('hex');
}

/** Copies the first `bytes` bytes of `from` to a new file `to`; returns their SHA-256. */
export async function extractDatabase(from: string, to: string, bytes: number): Promise<string> {
  const h = createHash('sha256');
  const out = createWriteStream(to, { flags: 'wx' });
  try {
    if (bytes > 0) {
      for await (const chunk of createReadStream(from, { start: 0, end: bytes - 1 })) {
        h.update(chunk as Buffer);
        if (!out.write(chunk)) await once(out, 'drain');
      }
    }
  } finally {
    out.end();
    await once(out, 'close');
  }
  return h.digest('hex');
}
