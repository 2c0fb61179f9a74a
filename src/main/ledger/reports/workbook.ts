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

export async function buildWorkbook(input: WorkbookInput): Promise<Buffer> {
  const buf = await buildWorkbookObject(input).xlsx.writeBuffer();
  return Buffer.from(buf as ArrayBuffer);
}
