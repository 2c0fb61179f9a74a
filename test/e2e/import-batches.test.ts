// 导入待确认 in Chromium (issue 13): a clerk's two imports wait as batches; the clerk sees them waiting and cannot
// confirm; a reviewer opens the page from the sidebar, reads what each batch holds, looks through its cases,
// confirms one (its cases go on the month's payment roll) and rejects the other with a reason (its cases are
// withdrawn). The page passes axe's WCAG 2.1 AA checks. Screenshots go to test-results/import-batches-*.png.
import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { thisMonth } from '../../src/shared/time';
import { fakeId } from '../fixtures/make-fixtures';
import { caseSheet } from '../helpers/case-sheet';
import { login } from '../helpers/ledger';
import { startE2E, type E2E } from './harness';

let e: E2E;
let page: Page;
const month = thisMonth();

const workbook = caseSheet;

const caseRows = () =>
  e.core.ledger.raw
    .prepare('SELECT status, pending_batch_id IS NOT NULL AS pending FROM cases ORDER BY created_at, id')
    .all();

beforeAll(async () => {
  e = await startE2E({ initialized: true });
  page = e.page;
  page.setDefaultTimeout(15_000);
  const clerk = await login(e.core, 'clerk');
  await clerk.call('exchange.import', {
    kind: 'cases',
    fileName: '花园村台账.xlsx',
    data: await workbook([
      [1, '花园村', '甲一', '甲一', '户主', fakeId('1961-02-01', 1), '农村低保', 900, '2023-06'],
      [null, '花园村', '甲一', '甲二', '配偶', fakeId('1961-02-02', 2), null, null, null],
      [2, '花园村', '乙一', '乙一', '户主', fakeId('1961-02-03', 3), '农村低保', 450, '2023-06'],
      [3, '花园村', '丙一', '丙一', '户主', fakeId('1961-02-04', 4), '农村低保', 500, '2023-06'],
    ]),
  });
  await clerk.call('exchange.import', {
    kind: 'cases',
    fileName: '丁冯村台账.xlsx',
    data: await workbook([[1, '丁冯村', '丁一', '丁一', '户主', fakeId('1961-02-05', 5), '农村低保', 700, '2023-06']]),
  });
});
afterAll(async () => {
  await e?.close();
});

async function openBatches() {
  await page.getByRole('navigation', { name: '主导航' }).getByText('导入导出').click();
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '导入待确认' }).click();
  await page.getByRole('heading', { name: '导入待确认' }).waitFor();
}

test('the importing clerk sees the batches waiting and is offered no confirmation', async () => {
  await e.loginAs('clerk');
  await openBatches();
  const first = page.getByRole('group', { name: '导入批次 1' });
  await first.getByText('批次 1《花园村台账.xlsx》').waitFor();
  await first.getByText('等待审核人确认').waitFor();
  expect(await first.getByRole('button', { name: '确认' }).count()).toBe(0);
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.getByRole('textbox', { name: '登录名', exact: true }).waitFor();
});

test('a reviewer reads a batch, looks through its cases and confirms it: its cases go on the roll', async () => {
  await e.loginAs('reviewer');
  await openBatches();
  const first = page.getByRole('group', { name: '导入批次 1' });
  await first.getByText(/张经办 于 .* 导入：3 户、4 人、3 件救助，在保月保障金合计 1,850\.00 元/).waitFor();
  await first.getByText('最低生活保障 3 件（月 1,850.00 元）；最早自2023年6月起').waitFor();
  await first.getByRole('button', { name: '查看救助' }).click();
  const table = first.getByRole('table', { name: '批次 1 的救助' });
  await table.getByRole('link', { name: '甲一' }).waitFor();
  expect(await table.getByRole('row').count()).toBe(4); // header + 3 cases
  await e.screenshot('import-batches-list');

  const axe = await new AxeBuilder({ page: page as never })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  await first.getByRole('button', { name: '确认', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: '确认导入批次 1' });
  await dialog.getByText(/确认后这些救助计入发放花名册和月度报表/).waitFor();
  await dialog.getByRole('button', { name: '确认批次' }).click();
  await page.getByText('已确认批次 1：其中的救助自此计入发放花名册和月报').waitFor();
  await page.getByRole('group', { name: '导入批次 1' }).waitFor({ state: 'detached' });
  expect(caseRows().slice(0, 3)).toEqual([
    { status: 'active', pending: 0 },
    { status: 'active', pending: 0 },
    { status: 'active', pending: 0 },
  ]);
  const reviewer = await login(e.core, 'reviewer');
  const roll = await reviewer.call('rolls.generate', { month });
  expect([roll.lineCount, roll.totalFen]).toEqual([3, 185000]);
});

test('the reviewer rejects the other batch with a reason: its case is withdrawn and off the roll', async () => {
  const second = page.getByRole('group', { name: '导入批次 2' });
  await second.getByRole('button', { name: '驳回' }).click();
  const dialog = page.getByRole('dialog', { name: '驳回导入批次 2' });
  await dialog.getByRole('button', { name: '驳回批次' }).click();
  await dialog.getByText('请填写驳回原因').waitFor();
  await dialog.getByRole('textbox', { name: '驳回原因' }).fill('丁一户未经审批，不应列入');
  await dialog.getByRole('button', { name: '驳回批次' }).click();
  await page.getByText('已驳回批次 2：其中新增的救助已撤回').waitFor();
  expect(caseRows()[3]).toEqual({ status: 'withdrawn', pending: 0 });
  await page.locator('label', { hasText: /^已驳回$/ }).click();
  await page.getByText(/李审核 于 .* 驳回：丁一户未经审批，不应列入/).waitFor();
  await e.screenshot('import-batches-rejected');
  const reviewer = await login(e.core, 'reviewer');
  const roll = await reviewer.call('rolls.generate', { month });
  expect([roll.lineCount, roll.totalFen]).toEqual([3, 185000]);
});
