// 月度报表 in Chromium through the browser host: a reviewer opens March 2026, traces a figure to its persons,
// builds the package, marks it final, reopens the month with a reason and issues revision 2; 工作台 shows the charts.
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildScenario } from '../unit/reports/scenario';
import { startE2E, type E2E } from './harness';

let e: E2E;
beforeAll(async () => {
  e = await startE2E({ initialized: true });
  const s = await buildScenario(e.core.ledger.db);
  await s.fx.roll('2026-03');
  await e.loginAs('reviewer');
});
afterAll(async () => {
  await e?.close();
});

test('figures open their records; a package is built, marked final, reopened with a reason and re-issued as revision 2', async () => {
  const { page } = e;
  await page.getByRole('link', { name: '月度报表', exact: true }).click();
  await page.getByRole('heading', { name: '月度报表' }).waitFor();
  await page.getByRole('combobox', { name: '报告月份' }).click();
  await page.getByRole('option', { name: '2026年3月' }).click();
  await page.getByText('金额取自已确认的发放名册').waitFor();

  // 农村低保 persons: 3, and the dialog lists them with masked ID numbers.
  await page.getByRole('button', { name: '农村最低生活保障 人数' }).click();
  const dlg = page.getByRole('dialog');
  await dlg.getByText('共 3 人').waitFor();
  await dlg.getByRole('cell', { name: '**************002X' }).waitFor();
  expect(await dlg.getByRole('cell', { name: '张小花' }).count()).toBe(1);
  await e.screenshot('reports-trace');
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: '生成报表包' }).click();
  await page.getByText('已生成 2026年3月 报表包（第 1 版）').waitFor();
  await page.getByRole('tab', { name: '报表包记录' }).click();
  await page.getByRole('button', { name: '定稿' }).click();
  await page.getByText('已定稿（第 1 版），已结账').waitFor();
  await e.screenshot('reports-final');

  await page.getByRole('button', { name: '重新开启' }).click();
  const reopen = page.getByRole('dialog', { name: '重新开启 2026年3月' });
  await reopen.getByRole('button', { name: '确认重新开启' }).click();
  await reopen.getByText('请填写原因').waitFor();
  await reopen.getByLabel('重新开启原因').fill('补录漏报的特困人员');
  await reopen.getByRole('button', { name: '确认重新开启' }).click();
  await page.getByText('未定稿（已重新开启，下一版为第 2 版）').waitFor();
  await page.getByText('重新开启原因：补录漏报的特困人员').waitFor();

  await page.getByRole('button', { name: '生成报表包' }).click();
  await page.getByText('已生成 2026年3月 报表包（第 2 版）').waitFor();
  await page.getByRole('tab', { name: '报表包记录' }).click();
  const history = page.getByRole('table', { name: '报表包记录' });
  await history.getByText('第 2 版').waitFor();
  await history.getByText('第 1 版').waitFor();
  await e.screenshot('reports-revision-2');
});

test('the drill-down is filtered, searched and exported; it is there again after Back from a case; notices keep off dialog titles', async () => {
  const { page } = e;
  await page.getByRole('link', { name: '月度报表', exact: true }).click();
  await page.getByRole('combobox', { name: '报告月份' }).click();
  await page.getByRole('option', { name: '2026年3月' }).click();
  await page.getByText('金额取自已确认的发放名册').waitFor();
  await page.getByRole('tab', { name: '社会救助月报' }).click();

  // Search by a part of the name, then by the tail of the ID number the list shows.
  await page.getByRole('button', { name: '农村最低生活保障 人数' }).click();
  const dlg = page.getByRole('dialog', { name: '2026年3月 农村最低生活保障 人数' });
  await dlg.getByText('共 3 人').waitFor();
  await dlg.getByLabel('搜索').fill('小花');
  await dlg.getByText('筛选后共 1 人').waitFor();
  expect(await dlg.getByRole('cell', { name: '张小花' }).count()).toBe(1);
  await dlg.getByLabel('搜索').fill('002X');
  await dlg.getByText('筛选后共 1 人').waitFor();
  await dlg.getByRole('cell', { name: '张大妈' }).waitFor();

  // The export is what is listed, masked; the notice it gives does not cover the dialog's title.
  const downloading = page.waitForEvent('download');
  await dlg.getByRole('button', { name: '导出所列记录' }).click();
  const file = await downloading;
  expect(file.suggestedFilename()).toMatch(/^追溯明细-2026-03-\d{8}-\d{6}\.xlsx$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(await file.path()) as unknown as ExcelJS.Buffer);
  const sheet = wb.worksheets[0]!;
  expect(sheet.getRow(1).getCell(1).value).toBe('2026年3月 农村最低生活保障 人数（搜索：002X）');
  const row = sheet.getRow(4).values as unknown[];
  expect([row[2], row[3], row[4], row[5], row[7]]).toEqual(['张大妈', '**************002X', '女', '1950', '东村']);
  expect(sheet.rowCount).toBe(4);
  const notice = page.getByRole('alert').filter({ hasText: '已导出 1 条（身份证号码已遮挡）' });
  await notice.waitFor();
  const title = await dlg.locator('.mantine-Modal-title').boundingBox();
  const box = await notice.boundingBox();
  expect(title && box).toBeTruthy();
  const overlap =
    box!.x < title!.x + title!.width &&
    title!.x < box!.x + box!.width &&
    box!.y < title!.y + title!.height &&
    title!.y < box!.y + box!.height;
  expect(overlap, `notice ${JSON.stringify(box)} covers the title ${JSON.stringify(title)}`).toBe(false);
  await e.screenshot('reports-trace-export');
  await page.keyboard.press('Escape');

  // Filter by village, open the case from the list, come Back: the same list is open again.
  await page.getByRole('button', { name: '农村最低生活保障 户数' }).click();
  const households = page.getByRole('dialog', { name: '2026年3月 农村最低生活保障 户数' });
  await households.getByText('共 1 条').waitFor();
  await households.getByRole('combobox', { name: '村(社区)' }).click();
  await page.getByRole('option', { name: '西社区', exact: true }).click();
  await households.getByText('没有符合筛选条件的记录').waitFor();
  await households.getByRole('combobox', { name: '村(社区)' }).click();
  await page.getByRole('option', { name: '东村', exact: true }).click();
  await households.getByText('筛选后共 1 条').waitFor();
  await households.getByRole('row').nth(1).getByRole('link').click();
  await page.waitForURL(/#\/cases\/case\//);
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  await page.goBack();
  const again = page.getByRole('dialog', { name: '2026年3月 农村最低生活保障 户数' });
  await again.getByText('筛选后共 1 条').waitFor();
  expect(await again.getByRole('combobox', { name: '村(社区)' }).inputValue()).toBe('东村');
  await again.getByRole('cell', { name: '张大妈' }).waitFor();
  await page.keyboard.press('Escape');
  await again.waitFor({ state: 'detached' });
  expect(page.url()).not.toContain('trace=');
});

test('a success notice takes the earlier error notices away', async () => {
  const { page } = e;
  await page.getByRole('tab', { name: '报表包记录' }).click();
  const history = page.getByRole('table', { name: '报表包记录' });
  // Delivering a package not yet final is refused: an error notice naming the month.
  await history.getByRole('button', { name: '报送' }).first().click();
  const refused = page.getByRole('alert').filter({ hasText: '2026年3月报表包报送未完成' });
  await refused.waitFor();
  await page.getByRole('button', { name: '生成报表包' }).click();
  await page.getByRole('alert').filter({ hasText: '已生成 2026年3月 报表包（第 3 版）' }).waitFor();
  await refused.waitFor({ state: 'detached' });
});

test('工作台 shows the report month, what is due and the charts', async () => {
  const { page } = e;
  await page.getByRole('link', { name: '工作台', exact: true }).click();
  await page.getByRole('heading', { name: '工作台' }).waitFor();
  await page.getByLabel('待办').getByText('待办事项').waitFor();
  await page
    .getByLabel('月度状态')
    .getByText('已定稿（第 1 版）')
    .or(page.getByLabel('月度状态').getByText('未定稿'))
    .waitFor();
  await page.getByRole('img', { name: /各村\(社区\)低保、特困在保户数/ }).waitFor();
  await page.getByRole('img', { name: '近 12 个月低保、特困发放金额（元）' }).waitFor();
  await e.screenshot('home-dashboard');
});
