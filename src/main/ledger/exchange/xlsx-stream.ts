// A bounded .xlsx reader for imports (issue 23.4). The archive's directory is checked first; each part is then
// inflated once by Node's zlib (capped at its declared size, so a zip bomb stops at the cap), and each sheet's XML is
// decoded a slice at a time with a streaming TextDecoder (a character split across slices stays whole) and tokenised:
// only rows holding a value are kept, so a sheet of 190,000 styled but empty rows costs its XML (≤ the part limit)
// while it is read and almost nothing after. Rows, cells and inflated bytes are limited with a Chinese
// message naming the file and the sheet. Shared strings and styles are read into memory (bounded by the part limit).
import { inflateRawSync } from 'node:zlib';
import {
  Unzip,
  unzipSync,
  type AsyncFlateStreamHandler,
  type FlateError,
  type UnzipDecoder,
  type UnzipDecoderConstructor,
  type UnzipFile,
} from 'fflate';
import { badInput } from '../../../shared/errors';
import { timeSlicer } from '../work';
import type { CellValue, ReadLimits, SheetRow, SheetRows } from './cells';
import { dateStyles, excelDate, parseSharedStrings, sheetOrder } from './xlsx-parts';
import { SheetParser, type RawCell } from './xlsx-xml';

interface RawSheet {
  path: string;
  rows: { rowNumber: number; cells: RawCell[] }[];
}

const mb = (n: number): string => `${Math.round(n / 1024 / 1024)} MB`;

export interface StreamLimits extends ReadLimits {
  /** Cell elements scanned over the workbook, empty styled ones included. */
  maxCellsScanned: number;
}

/**
 * Reads every sheet of an .xlsx: directory sizes first (nothing inflated), then one streaming pass that inflates
 * each part in chunks (counting against the declared size and the limits) and tokenises sheets as they arrive.
 */
export async function readXlsxStreaming(
  bytes: Uint8Array,
  fileName: string,
  limits: StreamLimits,
): Promise<SheetRows[]> {
  const declared = new Map<string, number>();
  let declaredTotal = 0;
  let tooBig: [string, number] | null = null;
  try {
    unzipSync(bytes, {
      filter: (f) => {
        declared.set(f.name, f.originalSize);
        declaredTotal += f.originalSize;
        if (f.originalSize > limits.maxEntryBytes && tooBig === null) tooBig = [f.name, f.originalSize];
        return false;
      },
    });
  } catch {
    throw badInput(`“${fileName}”不是有效的 Excel 工作簿（压缩结构损坏）。请用 Excel 或 WPS 打开后另存为 .xlsx 再导入`);
  }
  if (declared.size > limits.maxEntries) {
    throw badInput(`“${fileName}”包含 ${declared.size} 个内部文件，超过上限 ${limits.maxEntries}，已拒绝读取`);
  }
  if (!declared.has('[Content_Types].xml') || !declared.has('xl/workbook.xml')) {
    throw badInput(`“${fileName}”是压缩包，但不是 Excel 工作簿（.xlsx）。请选择 Excel 或 WPS 保存的 .xlsx 文件`);
  }
  // The sheets' names first (two small parts), so every message can name the sheet it is about.
  let sheetNames: Map<string, string> | null = null;
  try {
    const meta = unzipSync(bytes, {
      filter: (f) =>
        (f.name === 'xl/workbook.xml' || f.name === 'xl/_rels/workbook.xml.rels') && f.originalSize < 4 * 1024 * 1024,
    });
    const wbXml = meta['xl/workbook.xml'];
    const relsXml = meta['xl/_rels/workbook.xml.rels'];
    if (wbXml && relsXml) {
      const dec = new TextDecoder();
      sheetNames = new Map(sheetOrder(dec.decode(wbXml), dec.decode(relsXml)).map((x) => [x.path, x.name]));
    }
  } catch {
    sheetNames = null; // named by part path then
  }
  if (tooBig !== null) {
    const [part, size] = tooBig as [string, number];
    const name = sheetNames?.get(part);
    throw badInput(
      `“${fileName}”的${name !== undefined ? `工作表「${name}」` : `内部文件 ${part}`}解压后有 ${mb(size)}，超过单表上限 ${mb(limits.maxEntryBytes)}，已拒绝读取。请按村(社区)拆成几个文件分别导入`,
    );
  }
  if (declaredTotal > limits.maxTotalBytes) {
    throw badInput(
      `“${fileName}”解压后共 ${mb(declaredTotal)}，超过上限 ${mb(limits.maxTotalBytes)}，已拒绝读取。请拆成几个文件分别导入`,
    );
  }

  const small = new Map<string, string>();
  const smallParts = new Set([
    'xl/workbook.xml',
    'xl/_rels/workbook.xml.rels',
    'xl/styles.xml',
    'xl/sharedStrings.xml',
  ]);
  const sheets = new Map<string, RawSheet>();
  let total = 0;
  let failure: string | null = null;
  let cellsScanned = 0;
  let rowsKept = 0;

  const sheetLabel = (path: string): string => {
    const name = sheetNames?.get(path);
    return name !== undefined ? `工作表「${name}」` : `工作表（${path.replace(/^.*\//, '')}）`;
  };

  // Sheets are kept inflated until the archive has been read, then tokenised in slices (other calls are answered
  // between slices: work/slices.ts).
  const pending: { name: string; data: Uint8Array }[] = [];
  const unzip = new Unzip((file: UnzipFile) => {
    const name = file.name;
    const allowed = Math.min(declared.get(name) ?? 0, limits.maxEntryBytes);
    const isSheet = /^xl\/worksheets\/[^/]+\.xml$/.test(name);
    const keep = smallParts.has(name);
    const decoder = new TextDecoder('utf-8');
    let text = '';
    let seen = 0;
    file.ondata = (err, chunk, final) => {
      if (failure !== null) return;
      if (err) {
        failure =
          (err as unknown as { code?: unknown }).code === TOO_LARGE
            ? `“${fileName}”的内部文件 ${name} 实际解压大小超过其声明或上限（疑似压缩炸弹），已拒绝读取`
            : `“${fileName}”的内部文件 ${name} 损坏，无法解压`;
        return;
      }
      seen += chunk.length;
      total += chunk.length;
      if (seen > allowed || total > limits.maxTotalBytes) {
        failure = `“${fileName}”的内部文件 ${name} 实际解压大小超过其声明或上限（疑似压缩炸弹），已拒绝读取`;
        file.terminate();
        return;
      }
      if (isSheet) {
        if (chunk.length > 0) pending.push({ name, data: chunk });
      } else if (keep) {
        text += decoder.decode(chunk, { stream: !final });
        if (final) {
          small.set(name, text);
          if (name === 'xl/workbook.xml' && small.has('xl/_rels/workbook.xml.rels')) {
            sheetNames = new Map(
              sheetOrder(text, small.get('xl/_rels/workbook.xml.rels') ?? '').map((x) => [x.path, x.name]),
            );
          }
        }
      }
    };
    file.start();
  });
  // Deflated parts are inflated by Node's zlib (native), each in one call bounded by the part's limit.
  unzip.register(
    nativeInflate(limits.maxEntryBytes, (name) => Math.min(declared.get(name) ?? 0, limits.maxEntryBytes)),
  );
  // Other calls are answered between slices of this work (work/slices.ts).
  const slice = timeSlicer(25, 1);
  try {
    const CHUNK = 256 * 1024;
    for (let i = 0; i < bytes.length && failure === null; i += CHUNK) {
      unzip.push(bytes.subarray(i, Math.min(i + CHUNK, bytes.length)), i + CHUNK >= bytes.length);
      await slice();
    }
  } catch {
    if (failure === null) failure = `“${fileName}”不是有效的 Excel 工作簿（压缩数据损坏）`;
  }
  // Each sheet's XML, decoded and tokenised a slice at a time: only rows holding a value are kept.
  const PIECE = 64 * 1024;
  for (const part of pending) {
    if (failure !== null) break;
    const { name, data } = part;
    const parser = new SheetParser(
      {
        maxColumns: limits.maxColumns,
        maxRows: limits.maxRows,
        maxCells: Math.max(0, limits.maxCellsScanned - cellsScanned),
      },
      (what) => {
        throw new LimitReached(what);
      },
    );
    const decoder = new TextDecoder('utf-8');
    try {
      for (let i = 0; i < data.length; i += PIECE) {
        const end = Math.min(i + PIECE, data.length);
        parser.feed(decoder.decode(data.subarray(i, end), { stream: end < data.length }));
        await slice();
      }
    } catch (e) {
      if (!(e instanceof LimitReached)) throw e;
      failure =
        e.what === 'rows'
          ? `“${fileName}”的${sheetLabel(name)}超过 ${limits.maxRows} 行有内容的行，已停止读取。请按村(社区)拆成几个文件分别导入`
          : `“${fileName}”的${sheetLabel(name)}单元格过多（超过 ${limits.maxCellsScanned} 个，含只有格式的空单元格），已停止读取。请删除多余的空行空列，或拆成几个文件`;
      break;
    }
    part.data = new Uint8Array(0); // the XML is no longer needed
    cellsScanned += parser.cellsSeen;
    rowsKept += parser.rows.length;
    sheets.set(name, { path: name, rows: parser.rows });
    if (rowsKept > limits.maxRows) {
      failure = `“${fileName}”共超过 ${limits.maxRows} 行有内容的行（${sheetLabel(name)}处），已停止读取。请按村(社区)拆成几个文件分别导入`;
    }
  }
  if (failure !== null) throw badInput(failure);

  const order = sheetOrder(small.get('xl/workbook.xml') ?? '', small.get('xl/_rels/workbook.xml.rels') ?? '');
  const sst = small.has('xl/sharedStrings.xml') ? parseSharedStrings(small.get('xl/sharedStrings.xml') ?? '') : [];
  const dates = dateStyles(small.get('xl/styles.xml'));
  const date1904 = /date1904="(1|true)"/.test(small.get('xl/workbook.xml') ?? '');
  const maxChars = limits.maxCellChars;
  const resolve = (c: RawCell): CellValue => {
    if (c === null || typeof c !== 'object' || c instanceof Date) return checkText(c, maxChars);
    if ('sst' in c) {
      const s = sst[c.sst];
      return s === undefined ? { problem: '共享字符串缺失（文件损坏）' } : checkText(s, maxChars);
    }
    if ('num' in c) return dates.has(c.style) ? excelDate(c.num, date1904) : c.num;
    return c;
  };
  const out: SheetRows[] = [];
  for (const { name, path } of order) {
    const raw = sheets.get(path);
    if (!raw) continue;
    const rows: SheetRow[] = [];
    for (const r of raw.rows) {
      const cells = r.cells.map(resolve);
      if (cells.every((v) => v === null || (typeof v === 'string' && v.trim() === ''))) continue;
      rows.push({ rowNumber: r.rowNumber, cells });
    }
    out.push({ name, rows });
  }
  return out;
}

const TOO_LARGE = 'ERR_BUFFER_TOO_LARGE';

/**
 * A deflate decoder for fflate's Unzip that gathers a part's compressed bytes and inflates them with Node's zlib in
 * one call (a tenth of the time of inflating in JavaScript), its output capped at the part's limit + 1 byte so that a
 * part inflating beyond its declared size is caught without inflating the rest.
 */
function nativeInflate(maxEntryBytes: number, limitOf: (name: string) => number): UnzipDecoderConstructor {
  return class NativeInflate implements UnzipDecoder {
    static compression = 8;
    ondata: AsyncFlateStreamHandler = () => undefined;
    private readonly parts: Uint8Array[] = [];
    private readonly limit: number;
    constructor(name: string) {
      this.limit = Math.min(limitOf(name), maxEntryBytes);
    }
    push(chunk: Uint8Array, final: boolean): void {
      // fflate may reuse the buffer it hands over: keep a copy.
      if (chunk.length > 0) this.parts.push(chunk.slice());
      if (!final) return;
      let out: Buffer;
      try {
        out = inflateRawSync(Buffer.concat(this.parts), { maxOutputLength: this.limit + 1 });
      } catch (e) {
        const code = (e as { code?: string }).code;
        const err = Object.assign(new Error('inflate'), {
          code: code === TOO_LARGE || e instanceof RangeError ? TOO_LARGE : 'CORRUPT',
        });
        this.ondata(err as unknown as FlateError, new Uint8Array(0), true);
        return;
      }
      this.parts.length = 0;
      this.ondata(null, new Uint8Array(out.buffer as ArrayBuffer, out.byteOffset, out.length), true);
    }
  };
}

class LimitReached extends Error {
  constructor(readonly what: 'rows' | 'cells') {
    super(what);
  }
}

function checkText(v: CellValue, maxChars: number): CellValue {
  if (typeof v !== 'string') return v;
  if (v.length > maxChars) return { problem: `单元格内容过长（${v.length} 个字符），已忽略` };
  if (v.includes('\uFFFD'))
    return {
      problem:
        '单元格含有无法识别的字符“\uFFFD”（乱码，多半是文件编码不一致造成的），未导入。请在原系统或 Excel 中用同一种编码重新导出',
    };
  return v;
}
