// BIFF8 records of an Excel 97–2003 workbook stream ([MS-XLS] 2.1.4): each is a 2-byte type, a 2-byte length and
// its data; a record longer than 8,224 bytes goes on in CONTINUE records. Strings ([MS-XLS] 2.5.293–2.5.296) are
// UTF-16LE or "compressed" (one byte per character, the low byte of UTF-16, i.e. Latin-1); a string cut by a
// CONTINUE record goes on with a new option byte there, so its second part may be compressed when the first was not.
import { XlsDamaged } from './xls-cfb';

export const CONTINUE = 0x003c;

/** A record's data: one span of the stream, or several when CONTINUE records follow it. */
export class RecordCursor {
  private seg = 0;
  pos: number;
  private end: number;

  /** `spans`: start, end, start, end … of the record's data and of each CONTINUE's data. */
  constructor(
    readonly buf: Buffer,
    private readonly spans: number[],
  ) {
    this.pos = spans[0] ?? 0;
    this.end = spans[1] ?? 0;
  }

  /** Whether bytes remain in this record or its continuations. */
  more(): boolean {
    return this.pos < this.end || this.seg + 2 < this.spans.length;
  }

  private next(): void {
    this.seg += 2;
    if (this.seg >= this.spans.length) throw new XlsDamaged('字符串超出了记录末尾');
    this.pos = this.spans[this.seg] as number;
    this.end = this.spans[this.seg + 1] as number;
  }

  u8(): number {
    while (this.pos >= this.end) this.next();
    return this.buf[this.pos++] as number;
  }

  u16(): number {
    if (this.pos + 2 <= this.end) {
      const v = this.buf.readUInt16LE(this.pos);
      this.pos += 2;
      return v;
    }
    return this.u8() | (this.u8() << 8);
  }

  u32(): number {
    return (this.u16() + this.u16() * 0x10000) >>> 0;
  }

  skip(n: number): void {
    while (n > 0) {
      while (this.pos >= this.end) this.next();
      const k = Math.min(n, this.end - this.pos);
      this.pos += k;
      n -= k;
    }
  }

  /** `count` characters; at a CONTINUE boundary a new option byte says whether the rest is compressed. */
  chars(count: number, high: boolean): string {
    let out = '';
    while (count > 0) {
      if (this.pos >= this.end) {
        this.next();
        high = ((this.buf[this.pos++] as number) & 1) === 1;
      }
      const n = Math.min(count, high ? (this.end - this.pos) >>> 1 : this.end - this.pos);
      if (n === 0) {
        this.pos = this.end; // half a UTF-16 unit before the boundary: not written by Excel, passed over
        continue;
      }
      const bytes = high ? n * 2 : n;
      out += this.buf.toString(high ? 'utf16le' : 'latin1', this.pos, this.pos + bytes);
      this.pos += bytes;
      count -= n;
    }
    return out;
  }

  /** XLUnicodeString (2-byte count) or ShortXLUnicodeString (1-byte count): only the characters. */
  text(countBytes: 1 | 2): string {
    const count = countBytes === 1 ? this.u8() : this.u16();
    return this.chars(count, (this.u8() & 1) === 1);
  }

  /** XLUnicodeRichExtendedString (the shared strings): the characters, formatting runs and phonetic data passed over. */
  richText(): string {
    const count = this.u16();
    const flags = this.u8();
    const runs = flags & 0x08 ? this.u16() : 0;
    const ext = flags & 0x04 ? this.u32() : 0;
    const s = this.chars(count, (flags & 1) === 1);
    this.skip(runs * 4 + ext);
    return s;
  }
}

/** Walks the records of a workbook stream from an offset. */
export class Records {
  type = 0;
  /** Start and end of the current record's data. */
  start = 0;
  end = 0;
  private at: number;

  constructor(
    readonly buf: Buffer,
    offset: number,
  ) {
    this.at = offset;
  }

  /** Moves to the next record; false at the end of the stream. A record running past the end is damage. */
  next(): boolean {
    const buf = this.buf;
    if (this.at + 4 > buf.length) {
      if (this.at < buf.length) throw new XlsDamaged('文件不完整，最后一条记录被截断');
      return false;
    }
    this.type = buf.readUInt16LE(this.at);
    const size = buf.readUInt16LE(this.at + 2);
    this.start = this.at + 4;
    this.end = this.start + size;
    if (this.end > buf.length) throw new XlsDamaged('文件不完整，最后一条记录被截断');
    this.at = this.end;
    return true;
  }

  /** The current record's data with the CONTINUE records that follow it (which are then consumed). */
  cursor(): RecordCursor {
    const spans = [this.start, this.end];
    const buf = this.buf;
    while (this.at + 4 <= buf.length && buf.readUInt16LE(this.at) === CONTINUE) {
      const start = this.at + 4;
      const end = start + buf.readUInt16LE(this.at + 2);
      if (end > buf.length) throw new XlsDamaged('文件不完整，最后一条记录被截断');
      spans.push(start, end);
      this.at = end;
    }
    return new RecordCursor(buf, spans);
  }

  /** An XLUnicodeString at `offset` of the current record (one that goes on in CONTINUE records too). */
  textAt(offset: number): string {
    const count = this.u16(offset);
    const high = ((this.buf[offset + 2] ?? 0) & 1) === 1;
    const end = offset + 3 + (high ? count * 2 : count);
    if (offset + 3 <= this.end && end <= this.end) {
      return this.buf.toString(high ? 'utf16le' : 'latin1', offset + 3, end);
    }
    const c = this.cursor();
    c.skip(offset - this.start);
    return c.text(2);
  }

  u16(offset: number): number {
    return offset + 2 <= this.end ? this.buf.readUInt16LE(offset) : this.short();
  }

  u32(offset: number): number {
    return offset + 4 <= this.end ? this.buf.readUInt32LE(offset) : this.short();
  }

  f64(offset: number): number {
    return offset + 8 <= this.end ? this.buf.readDoubleLE(offset) : this.short();
  }

  private short(): never {
    throw new XlsDamaged(`记录 0x${this.type.toString(16).padStart(4, '0')} 的长度不足`);
  }
}

const scratch = new DataView(new ArrayBuffer(8));

/** An RK number ([MS-XLS] 2.5.217): a 30-bit integer or the high bits of a double, maybe divided by 100. */
export function rkNumber(rk: number): number {
  let v: number;
  if (rk & 2) v = rk >> 2;
  else {
    scratch.setUint32(4, (rk & 0xfffffffc) >>> 0, true);
    v = scratch.getFloat64(0, true);
  }
  return rk & 1 ? v / 100 : v;
}
