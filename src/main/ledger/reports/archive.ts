// The package's .zip, written as a stream: each file is handed over in chunks as it is produced (the CSVs a few
// hundred rows at a time), compressed by Node's own zlib while fflate's streaming Zip lays out the archive, and the
// archive's bytes are collected as they come. The manifest's byte count and sha256 of each file are taken from the
// same chunks, so no file has to be held whole to be listed. docs/REPORTS.md §4, docs/DECISIONS.md (issue 17).
import { createHash, type Hash } from 'node:crypto';
import { once } from 'node:events';
import { createDeflateRaw, type DeflateRaw } from 'node:zlib';
import { Zip, ZipPassThrough, type FlateError } from 'fflate';

/** A file of the archive as the manifest lists it (the uncompressed file). */
export interface ArchivedFile {
  name: string;
  bytes: number;
  sha256: string;
}

/**
 * zlib's fastest level: on the bench ledger's 5.4 MB of CSV it deflates in about a third of level 6's time, for an
 * archive about 15 % larger (0.97 MB instead of 0.85 MB). Any level is the same deflate format to a zip reader.
 */
const DEFLATE_LEVEL = 1;

/**
 * A zip entry deflated by Node's zlib (native; several times cheaper than deflating in JavaScript). fflate's
 * ZipPassThrough keeps the CRC and size of the original bytes and is meant to be subclassed for another compressor.
 */
class NativeDeflateEntry extends ZipPassThrough {
  readonly z: DeflateRaw;
  constructor(name: string, mtime: Date) {
    super(name);
    this.compression = 8;
    this.mtime = mtime;
    this.z = createDeflateRaw({ level: DEFLATE_LEVEL });
    this.z.on('data', (d: Buffer) =>
      this.ondata(null, new Uint8Array(d.buffer as ArrayBuffer, d.byteOffset, d.byteLength), false),
    );
    this.z.on('end', () => this.ondata(null, new Uint8Array(0), true));
    this.z.on('error', (e) => this.ondata(e as unknown as FlateError, new Uint8Array(0), true));
  }
  protected override process(chunk: Uint8Array, final: boolean): void {
    if (chunk.length > 0) this.z.write(chunk);
    if (final) this.z.end();
  }
}

/** Writes the entries of one archive, one after the other, and hands back its bytes when it is finished. */
export class PackageArchive {
  private readonly zip: Zip;
  private readonly parts: Uint8Array[] = [];
  private readonly done: Promise<Uint8Array>;
  private failed: Error | null = null;
  readonly files: ArchivedFile[] = [];

  constructor(private readonly mtime: Date) {
    let finish: (b: Uint8Array) => void = () => {};
    let fail: (e: Error) => void = () => {};
    this.done = new Promise<Uint8Array>((res, rej) => {
      finish = res;
      fail = rej;
    });
    this.done.catch(() => {}); // surfaced by finish()
    this.zip = new Zip((err, chunk, final) => {
      if (err) {
        this.failed = err;
        fail(err);
        return;
      }
      this.parts.push(chunk);
      if (final) finish(Buffer.concat(this.parts));
    });
  }

  /**
   * Adds a file written by `write`, which pushes its chunks in order. Every entry is deflated, the already compressed
   * .xlsx too: a stored entry written as a stream (sizes after the data) is refused by some zip readers.
   */
  async add(name: string, write: (push: (chunk: Uint8Array) => Promise<void>) => Promise<void>): Promise<ArchivedFile> {
    if (this.failed) throw this.failed;
    const hash: Hash = createHash('sha256');
    let bytes = 0;
    const entry = new NativeDeflateEntry(name, this.mtime);
    const ended = once(entry.z, 'end');
    this.zip.add(entry);
    await write(async (chunk) => {
      if (chunk.length === 0) return;
      hash.update(chunk);
      bytes += chunk.length;
      entry.push(chunk);
      if (entry.z.writableNeedDrain) await once(entry.z, 'drain');
    });
    entry.push(new Uint8Array(0), true);
    await ended;
    if (this.failed) throw this.failed;
    const file = { name, bytes, sha256: hash.digest('hex') };
    this.files.push(file);
    return file;
  }

  /** Adds a file already in memory (summary.json, the workbook, the manifest). */
  addBytes(name: string, data: Uint8Array): Promise<ArchivedFile> {
    return this.add(name, (push) => push(data));
  }

  /** Closes the archive: its central directory is written and its bytes returned. */
  async finish(): Promise<Uint8Array> {
    this.zip.end();
    return this.done;
  }
}
