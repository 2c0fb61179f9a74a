// The import wizard's preview leads with what needs the clerk's attention (issue 13): the problems grouped by kind
// with their count and rows (“7 户：月保障金为空（「台账」第 …行）”) come before the summary of households created;
// a sheet whose columns were all recognised has its column mapping folded. The ledger file is generated here
// (invented people), laid out as offices keep it: a title row, the header on row 2, one row per person.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { fakeId } from '../fixtures/make-fixtures';
import { startE2E, type E2E } from './harness';

let e: E2E;
let page: Page;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'civil-ledger-e2e-preview-'));
  e = await startE2E({ initialized: true });
  page = e.page;
  page.setDefaultTimeout(15_000);
  await e.loginAs('clerk');
  await page.getByRole('navigation', { name: '主导航' }).getByText('导入导出').click();
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '导入与导出' }).click();
  await page.getByRole('heading', { name: '从 Excel 导入社会救助台账' }).waitFor();
});
afterAll(async () => {
  await e?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** 12 two-person 低保 households; the households numbered in `noAmount` have no 月保障金. */
async function ledgerFile(noAmount: ReadonlySet<number>): Promise<{ path: string; rowsWithout: number[] }> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('台账');
  ws.addRow(['城东街道农村低保花名册']);
  ws.addRow([
    '序号',
    '村(社区)',
    '户主姓名',
    '姓名',
    '与户主关系',
    '身份证号码',
    '保障类别',
    '月保障金',
    '享受起始月份',
  ]);
  const rowsWithout: number[] = [];
  for (let h = 1; h <= 12; h++) {
    const head = `户主${h}`;
    if (noAmount.has(h)) rowsWithout.push(ws.rowCount + 1);
    ws.addRow([
      h,
      '花园村',
      head,
      head,
      '户主',
      fakeId('1961-04-02', h * 4 + 1),
      '农村低保',
      noAmount.has(h) ? null : 900,
      '2023-06',
    ]);
    ws.addRow([null, '花园村', head, `成员${h}`, '妻', fakeId('1963-08-09', h * 4 + 2), null, null, null]);
  }
  const path = join(dir, '低保花名册.xlsx');
  writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()));
  return { path, rowsWithout };
}

test('the problems come first, grouped with count and rows; then the households; the mapping is folded', async () => {
  const { path, rowsWithout } = await ledgerFile(new Set([2, 3, 5, 7, 8, 10, 11]));
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: '选择文件' }).click();
  await (await chooser).setFiles(path);

  const summary = page.getByLabel('问题汇总');
  await summary.waitFor();
  await expect(summary.innerText()).resolves.toBe(`7 户：月保障金为空（「台账」第 ${rowsWithout.join('、')} 行）`);
  const households = page.getByText('共 24 行：可导入 10 行，拒绝 14 行；5 户、10 人，新增 10 人、5 户、5 件救助');
  await households.waitFor();
  // The grouped problems are above the households' summary.
  const [problemsBox, householdsBox] = await Promise.all([summary.boundingBox(), households.boundingBox()]);
  expect(problemsBox && householdsBox && problemsBox.y < householdsBox.y).toBe(true);

  // Every column recognised: one line, the mapping folded behind a button.
  await page.getByText('工作表「台账」：表头在第 2 行，数据 24 行，9 列全部识别').waitFor();
  const select = page.locator('input[aria-label="列 F 对应字段"]');
  await expect(select.count()).resolves.toBe(0);
  await page.getByRole('button', { name: '查看列对应' }).click();
  await select.waitFor();
  await expect(select.inputValue()).resolves.toBe('身份证号码');
  await e.screenshot('import-preview-grouped');
});
