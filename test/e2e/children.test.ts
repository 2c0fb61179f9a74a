// 儿童福利 in Chromium (issue 18): a child's file from registration through guardian, payee and a visit, to the
// month's figures page and the package's 儿童福利 sheet.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { idCheckChar } from '../../src/shared/idcard';
import { thisMonth } from '../../src/shared/time';
import { login } from '../helpers/ledger';
import { startE2E, type E2E } from './harness';

let e: E2E;
beforeAll(async () => {
  e = await startE2E({ initialized: true });
});
afterAll(async () => {
  await e?.close();
});

const first17 = '32120220150601092';
const ID = first17 + idCheckChar(first17);

test("a child's file: registration with guardian and payee, a visit, the figures and the package sheet", async () => {
  const { page } = e;
  await e.loginAs('clerk');
  await page.getByRole('navigation', { name: '主导航' }).getByText('儿童福利').click();
  await page.getByRole('link', { name: '儿童名册' }).click();
  await page.getByRole('button', { name: '登记儿童' }).click();
  const form = page.getByRole('dialog', { name: '登记儿童（一人一档）' });
  await form.getByLabel('姓名').fill('刘小雨');
  await form.getByLabel('身份证号码').fill(ID);
  await form.getByRole('combobox', { name: '村(社区)', exact: true }).click();
  await page.getByRole('option').first().click();
  await form.getByLabel('孤儿', { exact: true }).check();
  await form.getByRole('combobox', { name: '父亲情况', exact: true }).click();
  await page.getByRole('option', { name: '服刑在押/强制隔离戒毒' }).click();
  await form.getByRole('combobox', { name: '母亲情况', exact: true }).click();
  await page.getByRole('option', { name: '死亡' }).click();
  await form.getByLabel('监护人', { exact: true }).fill('刘建华');
  await form.getByLabel('领款人', { exact: true }).fill('刘建华');
  await form.getByLabel('领款账号').fill('6299000011112222');
  await form.getByRole('button', { name: '保存' }).click();
  // The rule is named and nothing is saved: a 孤儿's parents are both dead or missing.
  await form.getByText('孤儿须父母双方均已死亡或查找不到').first().waitFor();
  await form.getByRole('combobox', { name: '父亲情况', exact: true }).click();
  await page.getByRole('option', { name: '死亡' }).click();
  await form.getByRole('button', { name: '保存' }).click();
  await page.getByRole('heading', { name: /刘小雨/ }).waitFor();
  await page.getByText('****2222').waitFor();
  expect(await page.getByText(ID).count()).toBe(0);

  await page.getByRole('button', { name: '登记探访' }).click();
  const visit = page.getByRole('dialog', { name: '登记探访：刘小雨' });
  await visit.getByLabel('探访人').fill('王主任');
  await visit.getByLabel('生活、学习、监护情况').fill('生活正常，按时上学');
  await visit.getByRole('button', { name: '保存' }).click();
  await page.getByRole('cell', { name: '生活正常，按时上学' }).waitFor();
  await e.screenshot('children-file');

  const month = { m: thisMonth() };
  await page.getByRole('link', { name: '月度数据' }).last().click();
  await page.getByLabel('月份（YYYY-MM）').fill(month.m);
  await page.getByRole('row', { name: /合计/ }).waitFor();
  await e.screenshot('children-figures');

  // The package's 儿童福利 sheet counts her.
  const reviewer = await login(e.core, 'reviewer');
  const pkg = (await reviewer.call('reports.build', { month: month.m, confirmRebuild: true } as never)) as {
    xlsxFile: string;
  };
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(`${e.core.dataDir}/${pkg.xlsxFile}`);
  const ws = wb.getWorksheet('儿童福利')!;
  const rows: string[] = [];
  ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map(String).join('|')));
  expect(rows.find((r) => r.startsWith('在册儿童|'))).toMatch(/^在册儿童\|人\|\d+\|1$/);
  expect(rows.find((r) => r.includes('其中：孤儿|'))).toMatch(/\|1$/);
});
