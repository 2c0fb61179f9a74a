// Shared by the register-import tests: a workbook from rows (written by ExcelJS, as a clerk's Excel would), the
// file input of the exchange methods, and reading a workbook the app wrote back into rows.
import ExcelJS from 'exceljs';

export async function xlsx(rows: unknown[][], sheet = '名册'): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

export const file = (data: string, fileName = '名册.xlsx') => ({ fileName, data });

/** The first sheet of a workbook the app produced, as rows of cell texts. */
export async function sheetRows(base64: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  const out: string[][] = [];
  ws?.eachRow((row) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (c, i) => {
      cells[i - 1] = c.value === null || c.value === undefined ? '' : String(c.value);
    });
    out.push(cells);
  });
  return out;
}

/** Adds rows under the header of a workbook the app produced (a clerk filling in the template). */
export async function fillTemplate(base64: string, rows: unknown[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  for (const r of rows) ws?.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}
