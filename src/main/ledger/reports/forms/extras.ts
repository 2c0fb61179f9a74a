// The 养老服务 and 社会组织 sheets: their indicator lists as the figures give them.
import type ExcelJS from 'exceljs';
import type { ExtraFigureSection } from '../../../../shared/api/reports';
import { bodyRow, formEnd, formSheet, titleRow, type WorkbookInput } from './kit';

export function extrasSheets(wb: ExcelJS.Workbook, input: WorkbookInput): void {
  for (const s of input.figures.extras) extraSheet(wb, input, s);
}

function extraSheet(wb: ExcelJS.Workbook, input: WorkbookInput, s: ExtraFigureSection): void {
  const width = 4;
  const ws = formSheet(wb, input, {
    name: s.title.slice(0, 31),
    headerRows: [3, 3],
    width,
    title: s.formTitle ?? s.title,
  });
  titleRow(ws, 3, ['指标名称', '单位', '代码', '本月']);
  let r = 4;
  let group: string | undefined;
  let code = 0;
  for (const row of s.rows) {
    if (row.group !== undefined && row.group !== group) {
      group = row.group;
      bodyRow(ws, r++, [group, '', '', ''], true);
    }
    code++;
    bodyRow(
      ws,
      r++,
      [row.label, row.unit, String(code).padStart(2, '0'), row.unit === '%' ? { n: row.value, fmt: '0.0' } : row.value],
      false,
      [2, 3],
    );
  }
  formEnd(ws, r + 1, width, input, { notes: s.notes ?? [], perLine: 70, widths: (i) => [50, 8, 7, 14][i] ?? 12 });
}
