// 月度报表 in Chromium through the browser host: a reviewer opens March 2026, traces a figure to its persons,
// builds the package, marks it final, reopens the month with a reason and issues revision 2; 工作台 shows the charts.
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
