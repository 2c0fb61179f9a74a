// The 社会救助台账 as a clerk's spreadsheet for import tests: one sheet 台账 with the usual header row, then the rows
// given (a household's head row carries 序号, 保障类别, 月保障金 and 享受起始月份; its members' rows leave them empty).
import ExcelJS from 'exceljs';

export const CASE_SHEET_HEADER = [
  '序号',
  '村(社区)',
  '户主姓名',
  '姓名',
  '与户主关系',
  '身份证号码',
  '保障类别',
  '月保障金',
  '享受起始月份',
];

/** The .xlsx bytes, base64 (as the import methods take a file). */
export async function caseSheet(rows: unknown[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('台账');
  ws.addRow(CASE_SHEET_HEADER);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}
