// A cell as the importer sees it, the readers' limits, and the rules every reader applies to a text cell.
// Shared by read.ts and each reader (xls.ts, xlsx-stream.ts, …) so that no reader imports read.ts.
import { DEFAULT_ZIP_LIMITS, type ZipLimits } from './zipguard';

/** A cell as the importer sees it; `problem` marks a cell that cannot be used (formula without result, too long). */
export type CellValue = string | number | boolean | Date | null | { problem: string };

export interface SheetRow {
  /** 1-based row number as the spreadsheet shows it. */
  rowNumber: number;
  /** cells[0] is column A. */
  cells: CellValue[];
}

export interface SheetRows {
  name: string;
  rows: SheetRow[];
}

export interface ReadLimits extends ZipLimits {
  maxFileBytes: number;
  /** Non-empty rows over all sheets. */
  maxRows: number;
  /** Columns beyond this are ignored (a ledger has a few dozen). */
  maxColumns: number;
  /** A longer text cell is marked as a problem instead of being carried around. */
  maxCellChars: number;
  /** .xlsx: cell elements scanned over the workbook, empty styled ones included (they cost time, not memory). */
  maxCellsScanned: number;
}

export const DEFAULT_READ_LIMITS: ReadLimits = {
  ...DEFAULT_ZIP_LIMITS,
  maxFileBytes: 48 * 1024 * 1024,
  maxRows: 100_000,
  maxColumns: 200,
  maxCellChars: 2_000,
  maxCellsScanned: 5_000_000,
};

export const isCellProblem = (v: CellValue): v is { problem: string } =>
  typeof v === 'object' && v !== null && !(v instanceof Date);

/** A text cell as read: too long, or holding U+FFFD (what a decoder leaves for bytes it could not read), is a problem. */
export function tooLong(s: string, limits: ReadLimits): CellValue {
  if (s.length > limits.maxCellChars) return { problem: `单元格内容过长（${s.length} 个字符），已忽略` };
  if (s.includes('\uFFFD')) return { problem: MOJIBAKE };
  return s;
}

export const MOJIBAKE =
  '单元格含有无法识别的字符“\uFFFD”（乱码，多半是文件编码不一致造成的），未导入。请在原系统或 Excel 中用同一种编码重新导出';
