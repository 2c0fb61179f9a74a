// Issue 24 in Chromium: an administrator restores the ledger from a verified backup on 设置 → 备份与数据安全, and
// tries the export folder on 月度报表 → 报表设置.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { restoreFinished, startE2E, type E2E } from './harness';

let e: E2E;
beforeAll(async () => {
  e = await startE2E({ initialized: true });
});
afterAll(async () => {
  await e?.close();
});

const households = () => (e.core.ledger.raw.prepare('SELECT count(*) AS n FROM households').get() as { n: number }).n;

test('从此备份恢复: a verified backup replaces the ledger; everyone logs in again', async () => {
  const { page } = e;
  const villageId = (await e.admin!.call('villages.list', {}))[0]!.id;
  const add = (name: string, idNumber: string) =>
    e.admin!.call('households.create', {
      villageId,
      hukouType: 'rural',
      annualIncomeFen: 0,
      members: [{ name, idNumber, relation: '户主' }],
    } as never);
  await add('王芳', '11010519491231002X');
  await e.admin!.call('backups.run', { reason: '恢复演练' } as never);
  await add('李秀英', '440524188001010014');
  expect(households()).toBe(2);

  await e.loginAs('admin');
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '设置', exact: true }).click();
  await page.getByRole('tab', { name: '备份与数据安全' }).click();
  const row = page.getByRole('row').filter({ hasText: '恢复演练' });
  await row.getByRole('button', { name: '核验' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('恢复原因').fill('演练：退回到备份时的状态');
  await dialog.getByLabel('我已确认：用这份备份替换现在的台账').check();
  await e.screenshot('restore-confirm');
  await dialog.getByRole('button', { name: '从此备份恢复' }).click();
  await page.getByText(/备份已核验通过。台账正在关闭并从该备份恢复/).waitFor();
  await restoreFinished();
  expect(households()).toBe(1);
  // The next call finds no session on the reopened ledger: the login page returns.
  await page.reload();
  await page.getByLabel('登录名').waitFor();
  await e.screenshot('restore-done');
});

test('报表设置: the export folder is tried from the dialog', async () => {
  const { page } = e;
  const folder = mkdtempSync(join(tmpdir(), 'civil-ledger-usb-'));
  try {
    await e.loginAs('admin');
    await page.getByRole('navigation', { name: '主导航' }).getByText('月度报表').click();
    await page.getByRole('button', { name: '报表设置' }).click();
    const dialog = page.getByRole('dialog', { name: '报表设置' });
    await dialog.getByRole('textbox', { name: /^导出文件夹/ }).fill(join(folder, '月报'));
    await dialog.getByRole('button', { name: '测试写入' }).click();
    await dialog.getByText(`可以写入“${join(folder, '月报')}”`).waitFor();
    await dialog.getByRole('textbox', { name: /市级系统上报地址/ }).fill('http://mz.example.gov.cn/upload');
    await dialog.getByRole('button', { name: '测试连接' }).click();
    await page.getByText('上报地址必须使用 https:// 加密连接').first().waitFor();
    await e.screenshot('report-settings-test');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
