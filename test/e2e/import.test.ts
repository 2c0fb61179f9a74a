// The import wizard in Chromium against the loopback host: a clerk chooses the village-per-sheet sample, reads the
// preview, imports; then chooses the file full of mistakes, reads the problems, and imports only the valid rows.
// Screenshots go to test-results/import-*.png.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { FIXTURE_FILES } from '../fixtures/make-fixtures';
import { ROOT, startE2E, type E2E } from './harness';

let e: E2E;
let page: Page;
const fixture = (name: string) => join(ROOT, 'test', 'fixtures', 'import', name);
const count = (table: string) =>
  (e.core.ledger.raw.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

beforeAll(async () => {
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
});

async function choose(file: string) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: '选择文件' }).click();
  await (await chooser).setFiles(file);
}

test('a clean ledger: preview, then import', async () => {
  await choose(fixture(FIXTURE_FILES.multiVillage));
  await page.getByText('共 9 行：可导入 9 行，拒绝 0 行；5 户、9 人，新增 9 人、5 户、5 件救助').waitFor();
  await page.getByText('工作表「花园村」：表头在第 3 行，数据 6 行').waitFor();
  await e.screenshot('import-preview');
  await page.getByRole('button', { name: '导入', exact: true }).click();
  await page.getByText('已导入：新增 9 人、5 户、5 件救助；应用修改 0 处').first().waitFor();
  expect([count('people'), count('households'), count('cases')]).toEqual([9, 5, 5]);
});

test('a file with mistakes: every problem shown, nothing written until the clerk chooses the valid rows', async () => {
  await choose(fixture(FIXTURE_FILES.messy));
  const problems = page.getByRole('table', { name: '问题' });
  await problems.waitFor();
  // The messy file's preview replaces the clean one (wait for it before asserting on the button).
  await page.getByText('共 10 行：可导入 2 行，拒绝 8 行').waitFor();
  await problems
    .getByText('看起来被 Excel 改成了科学计数法（3.21299E+17），原号码已丢失，请把该列设为文本后重新录入')
    .first()
    .waitFor();
  await problems.getByText('村(社区)「桃源村」不在本街道/乡镇的村(社区)名单中').waitFor();
  await expect(page.getByRole('button', { name: '导入', exact: true }).isDisabled()).resolves.toBe(true);
  await e.screenshot('import-problems');
  await page.getByLabel('只导入正确的行').check();
  await page.getByRole('button', { name: '导入', exact: true }).click();
  await page.getByText('已导入：新增 2 人、2 户、2 件救助；应用修改 0 处；未导入 8 行').waitFor();
  expect(count('people')).toBe(11);
});

test('a register: the 养老服务设施台账 chosen in the wizard, a bad 统一社会信用代码 named, the valid row imported once', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'civil-ledger-e2e-import-'));
  try {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('设施');
    ws.addRow([
      '设施名称',
      '设施类型',
      '所属村',
      '地址',
      '运营方',
      '统一社会信用代码',
      '单位性质',
      '运营方式',
      '开业日期',
    ]);
    ws.addRow([
      '花园村互助养老点',
      '互助养老点',
      '花园村',
      '花园村三组',
      '花园村村民委员会',
      '',
      '未登记',
      '公办公营',
      '2023-05-01',
    ]);
    ws.addRow([
      '城东养老服务站',
      '服务站',
      '',
      '东进路 8 号',
      '康乐养老服务中心',
      '52321202MJ00000X1X',
      '民非',
      '公建民营',
      '2022-01-01',
    ]);
    const path = join(dir, '设施台账.xlsx');
    writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()));

    await page.getByRole('radiogroup', { name: '台账类型' }).getByText('养老服务设施台账').click();
    await page.getByRole('heading', { name: '从 Excel 导入养老服务设施台账' }).waitFor();
    await page.getByRole('button', { name: '下载养老服务设施台账导入模板' }).waitFor();
    await choose(path);
    await page.getByText('共 2 行：可导入 1 行，拒绝 1 行；新增 1 家设施，已在台账中且无变化 0 家设施').waitFor();
    const problems = page.getByRole('table', { name: '问题' });
    await problems.getByText('F（统一社会信用代码）').waitFor();
    await expect(page.getByRole('button', { name: '导入', exact: true }).isDisabled()).resolves.toBe(true);
    await e.screenshot('import-facilities-problems');
    await page.getByLabel('只导入正确的行').check();
    await page.getByRole('button', { name: '导入', exact: true }).click();
    await page.getByText('已导入养老服务设施台账：新增 1 家设施；应用修改 0 处；未导入 1 行').first().waitFor();
    expect(count('facilities')).toBe(1);

    // The same file again: the facility is found by its name and nothing new is made.
    await choose(path);
    await page.getByText('新增 0 家设施，已在台账中且无变化 1 家设施').waitFor();
    expect(count('facilities')).toBe(1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
