// Excel 97–2003 (.xls, BIFF8), WPS 表格 (.et) and web-system “.xls” that are really HTML tables. A BIFF8 workbook is
// read by our own cell reader (xls-cfb.ts, xls-records.ts, xls-biff.ts: rows straight from the records, no workbook
// model; docs/DECISIONS.md has the figures); what that reader leaves (BIFF5 and older, an encrypted workbook, an
// encrypted .xlsx in its OLE2 container) and the HTML tables are read with @e965/xlsx — SheetJS Community Edition
// 0.20.3 as published on npm (never the stale npm package `xlsx` 0.18.5 and its known CVEs).
import type * as XLSX from '@e965/xlsx';
import { badInput } from '../../../shared/errors';
import { tooLong, type CellValue, type ReadLimits, type SheetRow, type SheetRows } from './cells';
import { BIFF_ERRORS, readBiff8, type BiffSheet } from './xls-biff';
import { workbookStream, XlsDamaged } from './xls-cfb';

function cellValue(c: XLSX.CellObject | undefined, limits: ReadLimits): CellValue {
  if (!c) return null;
  switch (c.t) {
    case 's':
      return typeof c.v === 'string' ? tooLong(c.v, limits) : null;
    case 'n':
      return typeof c.v === 'number' ? c.v : null;
    case 'b':
      return c.v === true;
    case 'd':
      return c.v instanceof Date && !Number.isNaN(c.v.getTime()) ? c.v : { problem: '日期无效' };
    case 'e':
      return { problem: `单元格是错误值 ${c.w ?? (typeof c.v === 'number' ? BIFF_ERRORS[c.v] : '') ?? ''}`.trim() };
    default:
      return null;
  }
}

/**
 * SheetJS, loaded the first time a file needs it: most .xls files never do, and the module alone holds 11 MB or more
 * of the import's peak memory.
 */
const sheetJS = (): Promise<typeof XLSX> => import('@e965/xlsx');

function encrypted(e: unknown): boolean {
  return /password|encrypt|protected/i.test(e instanceof Error ? e.message : String(e));
}

/** Rows with content over the whole file, against the limit. */
interface RowCount {
  total: number;
}

/** A sheet's rows (dense, by 0-based row and column) -> its rows with content; the row limit named by file and sheet. */
function rowsOf<T>(
  name: string,
  data: readonly (readonly T[] | undefined)[],
  value: (cell: T | undefined) => CellValue,
  count: RowCount,
  fileName: string,
  limits: ReadLimits,
): SheetRows {
  const rows: SheetRow[] = [];
  for (let r = 0; r < data.length; r++) {
    const row = data[r];
    if (!row) continue;
    const n = Math.min(row.length, limits.maxColumns);
    const cells: CellValue[] = [];
    let any = false;
    for (let c = 0; c < n; c++) {
      const v = value(row[c]);
      cells.push(v);
      if (v !== null && !(typeof v === 'string' && v.trim() === '')) any = true;
    }
    if (!any) continue;
    count.total++;
    if (count.total > limits.maxRows) {
      throw badInput(
        `“${fileName}”的工作表「${name}」处已超过 ${limits.maxRows} 行有内容的行，已停止读取。请按村(社区)拆成几个文件分别导入`,
      );
    }
    rows.push({ rowNumber: r + 1, cells });
  }
  return { name, rows };
}

/** A workbook SheetJS has parsed (dense) -> our sheets; row and column limits named by file and sheet. */
function toSheets(X: typeof XLSX, wb: XLSX.WorkBook, fileName: string, limits: ReadLimits): SheetRows[] {
  const out: SheetRows[] = [];
  const count: RowCount = { total: 0 };
  for (const name of wb.SheetNames) {
    const ws = wb.Sheets[name];
    if (!ws) continue;
    const full = ws['!fullref'] ?? ws['!ref'];
    if (full) {
      const range = X.utils.decode_range(full);
      if (range.e.r + 1 > limits.maxRows * 10) {
        throw badInput(
          `“${fileName}”的工作表「${name}」有 ${range.e.r + 1} 行，超过上限，已停止读取。请删除多余的行，或按村(社区)拆成几个文件分别导入`,
        );
      }
    }
    const data = (ws['!data'] ?? []) as (XLSX.CellObject[] | undefined)[];
    out.push(rowsOf(name, data, (c) => cellValue(c, limits), count, fileName, limits));
  }
  return out;
}

const OPTIONS: XLSX.ParsingOptions = {
  dense: true,
  cellDates: true,
  cellStyles: false,
  cellHTML: false,
  cellText: false,
  cellFormula: false,
};

const notComplete = (fileName: string, detail: string): Error =>
  badInput(
    `无法读取“${fileName}”：不是完整的 Excel 97–2003 工作簿（${detail}）。请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入`,
  );

/** An OLE2 file: .xls (BIFF8), .et, or an .xlsx encrypted with a password (refused, saying so). */
export async function readXls(bytes: Uint8Array, fileName: string, limits: ReadLimits): Promise<SheetRows[]> {
  let sheets: BiffSheet[] | null;
  try {
    const stream = workbookStream(bytes);
    sheets = stream ? readBiff8(stream, limits, (s) => tooLong(s, limits)) : null;
  } catch (e) {
    // A sector, record or string that points outside the file: damage, said with the sheet being read.
    if (e instanceof XlsDamaged) throw notComplete(fileName, e.sheet ? `工作表「${e.sheet}」：${e.detail}` : e.detail);
    if (e instanceof RangeError) throw notComplete(fileName, '文件结构损坏');
    throw e;
  }
  if (sheets === null) return readWithSheetJS(bytes, fileName, limits);
  if (!sheets.length) throw badInput(`“${fileName}”里没有工作表`);
  const count: RowCount = { total: 0 };
  return sheets.map((s) => rowsOf(s.name, s.rows, (c) => c ?? null, count, fileName, limits));
}

/** What our reader leaves: BIFF5 and older, an encrypted workbook, an encrypted .xlsx (refused, saying so). */
export async function readWithSheetJS(bytes: Uint8Array, fileName: string, limits: ReadLimits): Promise<SheetRows[]> {
  const X = await sheetJS();
  let wb: XLSX.WorkBook;
  try {
    // Handed over as a Node Buffer over the same memory: given a plain Uint8Array, SheetJS copies the file sector by
    // sector into buffers of its own (~25 MB more at its peak and ~100 ms more for a 10,000-row .xls).
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    wb = X.read(buffer, { ...OPTIONS, type: 'buffer', sheetRows: limits.maxRows + 50 });
  } catch (e) {
    if (encrypted(e)) {
      throw badInput(
        `“${fileName}”设置了打开密码（文件已加密），无法读取，未导入任何数据。请在 Excel/WPS 中取消密码（文件→信息→保护工作簿）后另存再导入`,
      );
    }
    throw notComplete(fileName, e instanceof Error ? e.message.slice(0, 80) : '未知错误');
  }
  if (!wb.SheetNames.length) throw badInput(`“${fileName}”里没有工作表`);
  return toSheets(X, wb, fileName, limits);
}

/** A web page saved as “.xls” (what many web systems export): its tables, read as sheets. */
export async function readHtmlTables(html: string, fileName: string, limits: ReadLimits): Promise<SheetRows[]> {
  const X = await sheetJS();
  let wb: XLSX.WorkBook;
  try {
    wb = X.read(html, { ...OPTIONS, type: 'string', raw: true, sheetRows: limits.maxRows + 50 });
  } catch (e) {
    throw badInput(
      `“${fileName}”其实是网页（HTML），其中的表格无法读取（${e instanceof Error ? e.message.slice(0, 60) : '未知错误'}）。请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入`,
    );
  }
  const sheets = toSheets(X, wb, fileName, limits);
  if (sheets.every((s) => s.rows.length === 0)) {
    throw badInput(`“${fileName}”其实是网页（HTML），但其中没有表格。请从原系统导出 Excel 或 CSV 文件后导入`);
  }
  return sheets;
}
