// The workbook's kit for laying out a sheet as the official forms are laid out (docs/REPORTS.md §3): a title merged
// across the width, the reporting unit with its 12-digit 地区编码 and the period, merged multi-row headers, body rows
// with thin borders and a 单位, notes, the sign-off line, A4 landscape fitted to the page width with the header rows
// repeated on every printed page. One module per form uses it (forms/*.ts); workbook.ts puts the sheets together.
import ExcelJS from 'exceljs';
import type { ReportSigners, MonthFigures } from '../../../../shared/api/reports';
import { fenToYuanNumber } from '../../../../shared/money';
import { neutralizeSpreadsheetCell } from '../../../../shared/text';
import type { ChangeItem } from '../changes';

/** Who prepared and who checked the month (filled into the sign-off fields). */
export interface SignOff {
  /** 填表人: the user who built the package; for a scheduled/CLI build, the user who generated the month's roll. */
  preparer: string;
  /** 统计负责人(审核人) / 救助部门审核人: the reviewer who confirmed the month's payment roll. */
  reviewer: string;
  /** 报出日期 / 填表日期, 'YYYY-MM-DD' (China time). */
  date: string;
  signers: ReportSigners;
}

export interface WorkbookInput {
  figures: MonthFigures;
  /** The previous month's figures (上月 column); null for none. */
  previous: MonthFigures | null;
  revision: number;
  changes: ChangeItem[];
  differences: string[];
  maskId: (s: string) => string;
  /** When ID numbers are in full (municipal format): the notice with their purpose, printed on the sheets. */
  fullIdNotice?: string | null;
  builtAt: string;
  builtBy: string;
  amountUnit: 'yuan' | 'wan';
  /** 表号 (the county's own); '' = none printed. */
  formNumber: string;
  signOff: SignOff;
}

export const FONT = '宋体';
export const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};
export const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
// The fonts and alignments of the header and body cells, one object each: the workbook's writer finds equal styles
// by their parts (workbook.ts, shareStyles), and a part made once per cell would be written out once per cell.
const HEADER_FONT: Partial<ExcelJS.Font> = Object.freeze({ name: FONT, size: 10, bold: true });
const HEADER_ALIGNMENT: Partial<ExcelJS.Alignment> = Object.freeze({
  horizontal: 'center',
  vertical: 'middle',
  wrapText: true,
});
const BODY_FONTS: Partial<ExcelJS.Font>[] = [false, true].map((bold) => Object.freeze({ name: FONT, size: 10, bold }));
const BODY_ALIGNMENTS = new Map(
  (['right', 'center', 'left'] as const).map((horizontal) => [
    horizontal,
    Object.freeze({ vertical: 'middle', horizontal, wrapText: true }) as Partial<ExcelJS.Alignment>,
  ]),
);

export const text = (s: string): string => neutralizeSpreadsheetCell(s);
export const yuan = (fen: number): number => fenToYuanNumber(fen);

/** A number cell with its display format. */
export interface Num {
  n: number;
  fmt: string;
}
export type Value = string | number | Num;

export const INT = '0';

/** Money in the chosen unit: 元 with 2 decimals, or 万元 with `wanDecimals` (the form's own). */
export function moneyOf(unit: 'yuan' | 'wan', wanDecimals: 1 | 2): (fen: number) => Num {
  if (unit === 'wan') {
    const fmt = wanDecimals === 1 ? '0.0' : '0.00';
    return (fen) => ({ n: fen / 1_000_000, fmt });
  }
  return (fen) => ({ n: fenToYuanNumber(fen), fmt: '#,##0.00' });
}
export const unitName = (unit: 'yuan' | 'wan'): string => (unit === 'wan' ? '万元' : '元');
/** Per-capita amounts and standards are always in 元. */
export const perCapita = (fen: number): Num => ({ n: fenToYuanNumber(fen), fmt: '0.00' });

export function monthTitle(month: string): string {
  return `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
}
export function dateTitle(date: string): string {
  return `${date.slice(0, 4)}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}
/** The 12-digit 地区编码 of the forms: the 9-digit township code followed by 000. */
export function areaCode12(code: string): string {
  return /^\d{9}$/.test(code) ? `${code}000` : code;
}

function sheet(wb: ExcelJS.Workbook, name: string, headerRows: [number, number]): ExcelJS.Worksheet {
  return wb.addWorksheet(name, {
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      printTitlesRow: `${headerRows[0]}:${headerRows[1]}`,
    },
    headerFooter: { oddFooter: '第 &P 页，共 &N 页' },
    views: [{ state: 'frozen', ySplit: headerRows[1] }],
  });
}

/** Title (merged across the width), then a line with 填报单位 / 地区编码 / 报告期 / 版次 / 单位. */
function titleBlock(ws: ExcelJS.Worksheet, width: number, title: string, input: WorkbookInput, extra = ''): void {
  const f = input.figures;
  ws.mergeCells(1, 1, 1, width);
  const t = ws.getCell(1, 1);
  t.value = title;
  t.font = { name: FONT, size: 16, bold: true };
  t.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 30;
  ws.mergeCells(2, 1, 2, width);
  const u = ws.getCell(2, 1);
  u.value = text(
    `填报单位：${f.township.name}    地区编码：${areaCode12(f.township.code)}    报告期：${monthTitle(f.month)}    第 ${input.revision} 版${extra ? `    ${extra}` : ''}`,
  );
  u.font = { name: FONT, size: 10 };
  u.alignment = { horizontal: 'left', vertical: 'middle', wrapText: true };
  ws.getRow(2).height = 20;
}

/** What every form starts with: its sheet (page setup, frozen header rows) and its title block across `width`. */
export function formSheet(
  wb: ExcelJS.Workbook,
  input: WorkbookInput,
  form: { name: string; headerRows: [number, number]; width: number; title: string; extra?: string },
): ExcelJS.Worksheet {
  const ws = sheet(wb, form.name, form.headerRows);
  titleBlock(ws, form.width, form.title, input, form.extra);
  return ws;
}

/**
 * What a form ends with from row `r`: its notes (`perLine` characters to a printed line), the sign-off line (a form
 * with its own sign-off block leaves it out), and the column widths.
 */
export function formEnd(
  ws: ExcelJS.Worksheet,
  r: number,
  width: number,
  input: WorkbookInput,
  end: { notes: string[]; widths: (i: number) => number; perLine?: number; signOff?: boolean },
): void {
  for (const x of end.notes) note(ws, r++, width, x, end.perLine);
  if (end.signOff ?? true) footerSignOff(ws, r++, width, input);
  setWidths(ws, end.widths);
}

/** A header of one row: the titles from column 1 on. */
export function titleRow(ws: ExcelJS.Worksheet, top: number, titles: string[]): void {
  header(
    ws,
    top,
    titles.map((t, i) => ({ row: 0, col: i + 1, text: t })),
    1,
    titles.length,
  );
}

export interface HeaderCell {
  row: number; // relative to the header's first row (0-based)
  col: number; // 1-based
  rows?: number;
  cols?: number;
  text: string;
}

export function header(
  ws: ExcelJS.Worksheet,
  top: number,
  cells: HeaderCell[],
  height: number,
  width: number,
  rowHeights: number[] = [],
): void {
  for (let r = top; r < top + height; r++) {
    for (let c = 1; c <= width; c++) {
      const cell = ws.getCell(r, c);
      cell.border = THIN;
      cell.fill = HEADER_FILL;
      cell.font = HEADER_FONT;
      cell.alignment = HEADER_ALIGNMENT;
    }
    ws.getRow(r).height = rowHeights[r - top] ?? 24;
  }
  for (const h of cells) {
    const r = top + h.row;
    const rows = h.rows ?? 1;
    const cols = h.cols ?? 1;
    if (rows > 1 || cols > 1) ws.mergeCells(r, h.col, r + rows - 1, h.col + cols - 1);
    ws.getCell(r, h.col).value = h.text;
  }
}

export function bodyRow(ws: ExcelJS.Worksheet, r: number, values: Value[], bold = false, centre: number[] = []): void {
  values.forEach((v, i) => {
    const cell = ws.getCell(r, i + 1);
    const isNum = typeof v !== 'string';
    cell.value = typeof v === 'string' ? text(v) : typeof v === 'number' ? v : v.n;
    cell.border = THIN;
    cell.font = BODY_FONTS[bold ? 1 : 0] ?? {};
    cell.alignment =
      BODY_ALIGNMENTS.get(isNum ? 'right' : centre.includes(i + 1) || v === '—' ? 'center' : 'left') ?? {};
    if (typeof v === 'number') cell.numFmt = INT;
    else if (typeof v !== 'string') cell.numFmt = v.fmt;
  });
}

export function note(ws: ExcelJS.Worksheet, r: number, width: number, s: string, perLine = 90): void {
  ws.mergeCells(r, 1, r, width);
  const c = ws.getCell(r, 1);
  c.value = text(s);
  c.font = { name: FONT, size: 9 };
  c.alignment = { wrapText: true, vertical: 'top' };
  ws.getRow(r).height = Math.max(18, Math.ceil(s.length / perLine) * 14);
}

/** The standard frame of a statistical form: 单位负责人 / 统计负责人(审核人) / 填表人 / 报出日期. */
export function footerSignOff(ws: ExcelJS.Worksheet, r: number, width: number, input: WorkbookInput): void {
  const s = input.signOff;
  const blank = (v: string) => (v.trim() === '' ? '__________' : v);
  note(
    ws,
    r,
    width,
    `单位负责人：${blank(s.signers.unitHead)}      统计负责人（审核人）：${blank(s.reviewer)}      填表人：${blank(s.preparer)}      报出日期：${dateTitle(s.date)}`,
  );
}

export function setWidths(ws: ExcelJS.Worksheet, widths: (i: number) => number): void {
  ws.columns.forEach((c, i) => {
    c.width = widths(i);
  });
}
