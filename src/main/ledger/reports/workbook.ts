// The package's workbook, laid out like the official forms: a title, the reporting unit with its 12-digit 地区编码
// and the period, merged multi-row headers with 栏次 numbers, a 单位 for every row, the check rules printed as the
// forms print them, thin borders, A4 landscape fitted to the page width with the header rows repeated on every
// printed page, and the sign-off fields. What we add beyond the forms is in blocks headed 补充资料. Money in 元 (two
// decimals) or 万元 (the forms' decimals) as 报表设置 says. Sheet by sheet: docs/REPORTS.md §3.
import ExcelJS from 'exceljs';
import { changesSheet, checksSheet } from './forms/changes';
import { dibaoSheet } from './forms/dibao';
import { extrasSheets } from './forms/extras';
import type { WorkbookInput } from './forms/kit';
import { linshiSheet } from './forms/linshi';
import { summarySheet } from './forms/summary';
import { tekunSheet } from './forms/tekun';

export type { SignOff, WorkbookInput } from './forms/kit';

export function buildWorkbookObject(input: WorkbookInput): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = '乡镇民政台账';
  wb.created = new Date(input.builtAt);
  wb.modified = new Date(input.builtAt);
  summarySheet(wb, input);
  for (const t of input.figures.dibaoTables) dibaoSheet(wb, input, t);
  tekunSheet(wb, input);
  linshiSheet(wb, input);
  extrasSheets(wb, input);
  changesSheet(wb, input);
  checksSheet(wb, input);
  return wb;
}

/**
 * The workbook's bytes. Its parts (the sheets' XML, styles, shared strings) are what ExcelJS writes for the workbook;
 * two things make writing them cheaper (docs/DECISIONS.md, issue 17): cells with equal styles share one style object
 * (shareStyles), and the parts are deflated at level 1 (a 80 KB file; the package's archive deflates it again).
 */
export async function buildWorkbook(input: WorkbookInput): Promise<Buffer> {
  const wb = buildWorkbookObject(input);
  shareStyles(wb);
  const buf = await wb.xlsx.writeBuffer({ zip: { compressionOptions: { level: 1 } } });
  return Buffer.from(buf as ArrayBuffer);
}

/** ExcelJS's cell types that decide a style's number format when the style has none (its enums). */
const NUMBER = 2;
const DATE = 4;
const FORMULA = 6;

type Style = Partial<ExcelJS.Style>;
/** What shareStyles reads of ExcelJS's sheets: every row and cell made, without making new ones as eachCell does. */
interface SheetCells {
  _rows?: ({ _cells?: (ExcelJS.Cell | undefined)[] } | undefined)[];
}

/**
 * ExcelJS looks a cell's style id up by the style OBJECT (a WeakMap) and otherwise renders the style to XML to find
 * it: every cell made with its own font/border/alignment objects costs four renderings — most of the time the month's
 * workbook took. Here cells whose styles are equal get one style object, so each distinct style is rendered once.
 * The id ExcelJS gives depends on the style's content and, when it has no number format, on the type of the first
 * cell written with that object (a number or an empty cell gets 'General', a date a date format, text none): the
 * key carries that type. Cells that already share an object (a merged range shares its first cell's) keep sharing
 * one. The parts are the same as without this (test/unit/reports/workbook-parts.test.ts).
 */
export function shareStyles(wb: ExcelJS.Workbook): void {
  const byContent = new Map<string, Style>();
  const mapped = new Map<Style, Style>();
  // A style's content as the ids of its parts (a font, a border…): a part is written out as text once per object,
  // and most are shared objects already (forms/kit.ts).
  const partIds = new Map<unknown, number>();
  const idsByText = new Map<string, number>();
  const partId = (v: unknown): number => {
    let id = partIds.get(v);
    if (id === undefined) {
      const t = `${typeof v}:${JSON.stringify(v)}`;
      id = idsByText.get(t) ?? idsByText.size;
      idsByText.set(t, id);
      partIds.set(v, id);
    }
    return id;
  };
  const contentOf = (style: Style): string => {
    let key = '';
    for (const k in style) key += `${k}:${partId(style[k as keyof Style])};`;
    return key;
  };
  for (const ws of wb.worksheets) {
    const rows = (ws as unknown as SheetCells)._rows;
    if (!Array.isArray(rows)) return; // another ExcelJS: write as it is (the same parts, only slower)
    for (const row of rows) {
      for (const cell of row?._cells ?? []) {
        if (!cell) continue;
        const style = cell.style;
        let shared = mapped.get(style);
        if (!shared) {
          const type = cell.type as number;
          shared = style;
          if (type !== FORMULA) {
            const kind = style.numFmt ? '' : (type || NUMBER) === NUMBER ? 'n' : type === DATE ? 'd' : 't';
            const key = `${kind}|${contentOf(style)}`;
            shared = byContent.get(key) ?? style;
            byContent.set(key, shared);
          }
          mapped.set(style, shared);
        }
        cell.style = shared;
      }
    }
  }
}
