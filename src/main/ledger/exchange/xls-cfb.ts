// The compound file (OLE2 / CFB, [MS-CFB]) around an Excel 97–2003 workbook: only what the .xls reader needs — the
// "Workbook" stream of the root storage. Every sector number, chain and size is checked against the file, so a
// truncated or hostile file stops with a reason (XlsDamaged) instead of reading past its end or looping; a container
// without a BIFF8 "Workbook" stream (BIFF5 "Book", a password-protected .xlsx) is answered with null, for SheetJS.

/** The file cannot be read as it is: `detail` (Chinese) says why, `sheet` names the sheet when one was being read. */
export class XlsDamaged extends Error {
  constructor(
    readonly detail: string,
    readonly sheet?: string,
  ) {
    super(detail);
  }
}

const END_OF_CHAIN = 0xfffffffe;
const FREE = 0xffffffff;
const NONE = 0xffffffff;

const cut = (): XlsDamaged => new XlsDamaged('文件不完整，可能在下载或复制时中断');
const broken = (what: string): XlsDamaged => new XlsDamaged(`文件结构损坏：${what}`);

/** The stream named "Workbook" (BIFF8) in the root storage, or null when there is none. */
export function workbookStream(bytes: Uint8Array): Buffer | null {
  if (bytes.length < 512) throw cut();
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shift = buf.readUInt16LE(0x1e);
  if (shift !== 9 && shift !== 12) throw broken('扇区大小无效');
  const size = 1 << shift;
  const perSector = size >>> 2;
  const sectors = Math.floor((buf.length - size) / size) + ((buf.length - size) % size ? 1 : 0);
  const at = (n: number): number => {
    if (n >= sectors) throw cut();
    return (n + 1) * size;
  };

  // The FAT: its sectors are listed in the header (109) and then in the DIFAT chain.
  const fatCount = buf.readUInt32LE(0x2c);
  if (fatCount > sectors) throw cut();
  const fatSectors: number[] = [];
  for (let i = 0; i < 109 && fatSectors.length < fatCount; i++) fatSectors.push(buf.readUInt32LE(0x4c + i * 4));
  let difat = buf.readUInt32LE(0x44);
  for (let hops = 0; fatSectors.length < fatCount; hops++) {
    if (difat === END_OF_CHAIN || difat === FREE || hops > sectors) throw broken('扇区分配表不完整');
    const base = at(difat);
    for (let i = 0; i < perSector - 1 && fatSectors.length < fatCount; i++) {
      fatSectors.push(buf.readUInt32LE(base + i * 4));
    }
    difat = buf.readUInt32LE(base + (perSector - 1) * 4);
  }
  const fat = new Uint32Array(fatCount * perSector);
  fatSectors.forEach((s, i) => {
    const base = at(s);
    if (base + size > buf.length) throw cut();
    for (let j = 0; j < perSector; j++) fat[i * perSector + j] = buf.readUInt32LE(base + j * 4);
  });

  const chain = (start: number, table: Uint32Array): number[] => {
    const out: number[] = [];
    for (let s = start; s !== END_OF_CHAIN; s = table[s] ?? FREE) {
      if (s >= table.length || out.length >= table.length) throw broken('扇区链断开或循环');
      out.push(s);
    }
    return out;
  };
  /** `length` bytes of a chain of regular sectors: the file's own memory when they follow one another. */
  const read = (start: number, length?: number): Buffer => {
    const list = chain(start, fat);
    length ??= list.length * size;
    if (list.length * size < length) throw broken('数据流比其扇区链长');
    const first = list[0];
    if (first !== undefined && list.every((s, i) => s === first + i)) {
      const from = at(first);
      if (from + length > buf.length) throw cut();
      return buf.subarray(from, from + length);
    }
    const out = Buffer.alloc(length);
    for (let i = 0; i * size < length; i++) {
      const from = at(list[i] as number);
      const n = Math.min(size, length - i * size);
      if (from + n > buf.length) throw cut();
      buf.copy(out, i * size, from, from + n);
    }
    return out;
  };

  const dir = read(buf.readUInt32LE(0x30));
  const entries = dir.length >>> 7;
  const entry = (i: number): number => {
    if (i >= entries) throw broken('目录项编号超出范围');
    return i << 7;
  };
  const nameOf = (e: number): string => {
    const len = Math.min(dir.readUInt16LE(e + 0x40), 64);
    return dir.toString('utf16le', e, e + Math.max(0, len - 2));
  };
  const root = entry(0);
  if (dir[root + 0x42] !== 5) throw broken('缺少根目录');

  // The root storage's children form a tree (left, right, child); walk it with each entry visited once.
  let found: number | null = null;
  const seen = new Set<number>();
  const stack = [dir.readUInt32LE(root + 0x4c)];
  while (stack.length > 0) {
    const i = stack.pop() as number;
    if (i === NONE || seen.has(i)) continue;
    seen.add(i);
    const e = entry(i);
    const name = nameOf(e).toLowerCase();
    if (dir[e + 0x42] === 2 && name === 'workbook') found = e;
    stack.push(dir.readUInt32LE(e + 0x44), dir.readUInt32LE(e + 0x48));
  }
  if (found === null) return null;
  if (shift === 12 && dir.readUInt32LE(found + 0x7c) !== 0) throw broken('数据流长度无效');
  const length = dir.readUInt32LE(found + 0x78);
  const start = dir.readUInt32LE(found + 0x74);
  if (length >= buf.readUInt32LE(0x38)) return read(start, length);

  // A small workbook lives in the mini stream (64-byte sectors inside the root entry's own stream).
  const miniShift = buf.readUInt16LE(0x20);
  if (miniShift !== 6) throw broken('小扇区大小无效');
  const miniFatBytes = read(buf.readUInt32LE(0x3c));
  const miniFat = new Uint32Array(miniFatBytes.length >>> 2);
  for (let i = 0; i < miniFat.length; i++) miniFat[i] = miniFatBytes.readUInt32LE(i * 4);
  const miniStream = read(dir.readUInt32LE(root + 0x74), dir.readUInt32LE(root + 0x78));
  const list = chain(start, miniFat);
  if (list.length * 64 < length) throw broken('数据流比其扇区链长');
  const out = Buffer.alloc(length);
  list.forEach((s, i) => {
    const from = s << miniShift;
    const n = Math.min(64, length - i * 64);
    if (n <= 0) return;
    if (from + n > miniStream.length) throw cut();
    miniStream.copy(out, i * 64, from, from + n);
  });
  return out;
}
