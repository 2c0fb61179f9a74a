// Reads the rows of a spreadsheet a clerk brings: .xlsx through ExcelJS (after the zip guard),
// .csv in UTF-8 (with or without BOM), UTF-16 (Excel's “Unicode text”) or GB18030/GBK (Chinese Excel's default
// CSV). The result is plain rows of plain values; what the columns mean is decided later (header.ts).
import { badInput } from '../../../shared/errors';
import { readHtmlTables, readXls } from './xls';
import { readXlsxStreaming } from './xlsx-stream';
import { looksLikeOle2, looksLikeZip } from './zipguard';
import {
  DEFAULT_READ_LIMITS,
  isCellProblem,
  MOJIBAKE,
  tooLong,
  type CellValue,
  type ReadLimits,
  type SheetRow,
  type SheetRows,
} from './cells';

function isEmpty(v: CellValue): boolean {
  return v === null || (typeof v === 'string' && v.trim() === '');
}

export interface DecodedCsv {
  text: string;
  encoding: string;
  /** 1-based line numbers whose bytes are not in the file's encoding, with what was seen. */
  badLines: Map<number, string>;
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true });

/**
 * Text of a CSV file: BOMs first, then strict UTF-8, and GB18030 (a superset of GBK/GB2312) when that fails. Each
 * line is checked on its own, so a file mixing encodings — a UTF-8 BOM and header with GBK-encoded name cells, or a
 * GBK file with lines pasted in as UTF-8 — is caught line by line instead of becoming silent mojibake (“�����” or
 * “寮犱笁”): the lines not in the file's encoding are listed in `badLines` and their cells are refused (parseCsv).
 */
export function decodeCsv(bytes: Uint8Array): DecodedCsv {
  const badLines = new Map<number, string>();
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'UTF-16LE', badLines };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'UTF-16BE', badLines };
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  // 0x0A and the delimiters (, tab ;) never occur inside a multi-byte character in UTF-8 or GB18030, so each field of
  // each line can be judged on its own: valid UTF-8 that reads as Chinese, or not UTF-8 at all (GBK).
  const utf8Lines = new Set<number>();
  const otherLines = new Set<number>();
  let utf8Fields = 0;
  let otherFields = 0;
  let line = 1;
  let start = 0;
  for (let i = 0; i <= body.length; i++) {
    const b = i < body.length ? body[i] : 0x0a;
    if (b === 0x0a || b === 0x2c || b === 0x09 || b === 0x3b) {
      const field = body.subarray(start, i);
      if (field.some((x) => x >= 0x80)) {
        let decoded: string | null = null;
        try {
          decoded = utf8Strict.decode(field);
        } catch {
          decoded = null;
        }
        if (decoded === null) {
          otherLines.add(line);
          otherFields++;
        } else if (/[\u3000-\u9fff\uff00-\uffef]/.test(decoded)) {
          utf8Lines.add(line);
          utf8Fields++;
        }
      }
      start = i + 1;
      if (b === 0x0a) line++;
    }
  }
  const utf8 = bom || otherFields === 0 || utf8Fields >= otherFields;
  if (utf8) {
    for (const n of otherLines) {
      badLines.set(
        n,
        bom
          ? '本行不是 UTF-8 编码（文件开头标明为 UTF-8，本行像是 GBK/GB18030 编码），读出来会是乱码'
          : '本行的编码与文件其余各行（UTF-8）不同，像是 GBK/GB18030 编码，读出来会是乱码',
      );
    }
    return { text: new TextDecoder('utf-8').decode(body), encoding: 'UTF-8', badLines };
  }
  for (const n of utf8Lines) {
    badLines.set(n, '本行的编码与文件其余各行（GBK/GB18030）不同，像是 UTF-8 编码，读出来会是乱码');
  }
  return { text: new TextDecoder('gb18030').decode(body), encoding: 'GB18030', badLines };
}

/** The delimiter used most on the first lines: comma, tab (Excel's “Unicode text”) or semicolon. */
function sniffDelimiter(text: string): string {
  const head = text.slice(0, 8192).split(/\r?\n/).slice(0, 15).join('\n');
  let best = ',';
  let bestCount = 0;
  for (const d of [',', '\t', ';']) {
    const count = head.split(d).length - 1;
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

/** RFC 4180 CSV: quoted fields may hold delimiters, doubled quotes and line breaks. */
export function parseCsv(
  text: string,
  fileName: string,
  limits: ReadLimits,
  badLines: ReadonlyMap<number, string> = new Map(),
): SheetRow[] {
  const delimiter = sniffDelimiter(text);
  const rows: SheetRow[] = [];
  let cells: CellValue[] = [];
  let field = '';
  let quoted = false;
  let rowNumber = 1;
  let startRow = 1;
  const endField = (): void => {
    if (cells.length < limits.maxColumns) cells.push(tooLong(field, limits));
    field = '';
  };
  const endRow = (): void => {
    endField();
    // A line in another encoding: every cell with non-ASCII text is refused (never stored as mojibake).
    for (let n = startRow; n <= rowNumber; n++) {
      const why = badLines.get(n);
      if (why === undefined) continue;
      cells = cells.map((c) =>
        (typeof c === 'string' && /[\u0080-\uffff]/.test(c)) || (isCellProblem(c) && c.problem === MOJIBAKE)
          ? { problem: `${why}。请把整个文件用同一种编码另存后重新导入` }
          : c,
      );
      break;
    }
    if (!cells.every(isEmpty)) {
      if (rows.length >= limits.maxRows) {
        throw badInput(`“${fileName}”超过 ${limits.maxRows} 行，已停止读取。请拆成几个文件分别导入`);
      }
      rows.push({ rowNumber: startRow, cells });
    }
    cells = [];
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') rowNumber++;
        if (field.length <= limits.maxCellChars) field += ch;
        else if (field.length === limits.maxCellChars + 1) field += ch; // enough to be marked too long
      }
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === delimiter) endField();
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRow();
      rowNumber++;
      startRow = rowNumber;
    } else if (field.length <= limits.maxCellChars) field += ch;
  }
  if (field !== '' || cells.length > 0) endRow();
  return rows;
}

export interface ReadResult {
  format: 'xlsx' | 'xls' | 'html' | 'csv';
  encoding: string | null;
  sheets: SheetRows[];
}

/**
 * Reads a workbook or CSV from its bytes. The format is decided by the content, not the extension alone: an
 * “.xlsx” that is really something else is refused with a message saying what it is.
 */
export async function readSpreadsheet(
  bytes: Uint8Array,
  fileName: string,
  limits: ReadLimits = DEFAULT_READ_LIMITS,
): Promise<ReadResult> {
  if (bytes.length === 0) throw badInput(`“${fileName}”是空文件`);
  if (bytes.length > limits.maxFileBytes) {
    throw badInput(
      `“${fileName}”有 ${Math.round(bytes.length / 1024 / 1024)} MB，超过上限 ${Math.round(limits.maxFileBytes / 1024 / 1024)} MB。请拆成几个文件分别导入`,
    );
  }
  const ext = (/\.([a-z0-9]+)$/i.exec(fileName)?.[1] ?? '').toLowerCase();
  if (looksLikeOle2(bytes)) {
    // .xls (BIFF8), WPS .et, or an .xlsx encrypted with a password (the OLE2 container holds the encrypted package).
    return { format: 'xls', encoding: null, sheets: await readXls(bytes, fileName, limits) };
  }
  if (looksLikeZip(bytes)) {
    return { format: 'xlsx', encoding: null, sheets: await readXlsxStreaming(bytes, fileName, limits) };
  }
  if (ext === 'xlsx' || ext === 'xlsm' || ext === 'xls' || ext === 'et') {
    // Text saved by Excel as “Unicode 文本” (UTF-16 with its BOM) holds NUL bytes and is still text.
    const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
    const head = utf16
      ? new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(bytes.subarray(2, 2050))
      : new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
    const html = /^\s*(<\?xml[^>]*>\s*)?<(!doctype html|html|table|meta|head|body)/i.test(
      head.replace(/^\uFEFF|^\xEF\xBB\xBF/, ''),
    );
    if (html && ext !== 'xlsx' && ext !== 'xlsm') {
      // Web systems export an HTML table under the name .xls: read it as what it is.
      const { text, encoding } = decodeCsv(bytes);
      return { format: 'html', encoding, sheets: await readHtmlTables(text, fileName, limits) };
    }
    const textual = utf16 || !bytes.subarray(0, Math.min(bytes.length, 4096)).includes(0);
    if (textual && !html && !head.startsWith('%PDF') && ext !== 'xlsx' && ext !== 'xlsm') {
      // …or CSV/tab-separated text under that name: read as CSV.
      const { text, encoding, badLines } = decodeCsv(bytes);
      const baseName = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
      return {
        format: 'csv',
        encoding,
        sheets: [{ name: baseName, rows: parseCsv(text, fileName, limits, badLines) }],
      };
    }
    const what = html
      ? '网页（HTML）'
      : head.startsWith('%PDF')
        ? 'PDF 文件'
        : textual
          ? '文本文件（如 CSV）'
          : '其他格式的文件';
    throw badInput(
      `“${fileName}”的扩展名是 .${ext}，但内容不是 Excel 工作簿，而是${what}。请在 Excel 或 WPS 中另存为 .xlsx 后导入`,
    );
  }
  if (ext !== 'csv' && ext !== 'txt' && ext !== 'tsv') {
    throw badInput(`不支持的文件类型“${fileName}”：请选择 .xlsx、.xls、.et 或 .csv 文件`);
  }
  if (bytes.subarray(0, Math.min(bytes.length, 4096)).includes(0) && !(bytes[0] === 0xff || bytes[0] === 0xfe)) {
    throw badInput(`“${fileName}”不是文本文件（含有二进制内容），无法按 CSV 读取`);
  }
  const { text, encoding, badLines } = decodeCsv(bytes);
  const baseName = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
  return { format: 'csv', encoding, sheets: [{ name: baseName, rows: parseCsv(text, fileName, limits, badLines) }] };
}
