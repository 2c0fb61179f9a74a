// 保障对象新增、停止、变更清单 and 报表校验结果. The change list's columns are shared with changes.csv (details.ts).
import type ExcelJS from 'exceljs';
import type { ReportCheck } from '../../../../shared/api/reports';
import { label } from '../../../../shared/labels';
import type { ChangeItem } from '../changes';
import { CATEGORY_NAMES } from '../labels';
import { bodyRow, formSheet, note, setWidths, titleRow, type WorkbookInput } from './kit';

/** The columns of the change list (the sheet puts 序号 before them; the CSV has the row code as 类别代码). */
export const CHANGE_COLUMNS = [
  '类型',
  '证号',
  '保障类别',
  '城乡',
  '村(社区)',
  '姓名',
  '身份证号',
  '变更前',
  '变更后',
  '生效月份',
  '原因',
];

/** One change in CHANGE_COLUMNS order; 保障类别 as its name (the sheet) or its row code (the CSV). */
export function changeCells(c: ChangeItem, category: 'name' | 'code', idOut: (s: string) => string): string[] {
  return [
    c.kind,
    c.caseNo,
    category === 'code' ? c.category : c.category ? CATEGORY_NAMES[c.category] : '',
    c.area ? label('area', c.area) : '',
    c.villageName,
    c.headName,
    c.headIdNumber ? idOut(c.headIdNumber) : '',
    c.before,
    c.after,
    c.effectiveMonth,
    c.reason,
  ];
}

export function changesSheet(wb: ExcelJS.Workbook, input: WorkbookInput): void {
  const cols = ['序号', ...CHANGE_COLUMNS];
  const ws = formSheet(wb, input, {
    name: '变更清单',
    headerRows: [3, 3],
    width: cols.length,
    title: '保障对象新增、停止、变更清单',
  });
  titleRow(ws, 3, cols);
  let r = 4;
  input.changes.forEach((c, i) => {
    bodyRow(ws, r++, [String(i + 1), ...changeCells(c, 'name', input.maskId)]);
  });
  if (input.changes.length === 0) note(ws, r++, cols.length, '本月无新增、停止或变更。');
  if (input.fullIdNotice) note(ws, r++, cols.length, input.fullIdNotice);
  r++;
  note(
    ws,
    r++,
    cols.length,
    '说明：“变更前/变更后”为月发放金额（元/月）、一次性救助金额或保障人数；保障成员增减的姓名写在“原因”栏。',
  );
  setWidths(ws, (i) => [6, 8, 16, 20, 6, 14, 10, 22, 16, 16, 10, 30][i] ?? 12);
}

export function checksSheet(wb: ExcelJS.Workbook, input: WorkbookInput): void {
  const ws = formSheet(wb, input, { name: '校验结果', headerRows: [3, 3], width: 4, title: '报表校验结果' });
  titleRow(ws, 3, ['校验项', '代码', '结果', '说明']);
  let r = 4;
  const all: ReportCheck[] = input.figures.checks;
  for (const c of all) bodyRow(ws, r++, [c.name, c.code, c.ok ? '通过' : '未通过', c.message]);
  if (input.differences.length > 0) {
    r++;
    note(ws, r++, 4, `与上一版（第 ${input.revision - 1} 版）相比的差异：`);
    for (const d of input.differences) note(ws, r++, 4, d);
  }
  setWidths(ws, (i) => [34, 22, 10, 70][i] ?? 12);
}
