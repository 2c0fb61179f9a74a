// A clerk attaches the scanned application to a household, opens it again, and voids a wrong one.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startE2E, type E2E } from './harness';

let e: E2E;
let householdId: string;
beforeAll(async () => {
  e = await startE2E({ initialized: true });
  const [village] = await e.admin!.call('villages.list', {});
  const page = await e.admin!.call('households.create', {
    villageId: village!.id,
    hukouType: 'urban',
    annualIncomeFen: 0,
    members: [{ name: '王芳', idNumber: '11010519491231002X', relation: '户主' }],
  });
  householdId = page.household.id;
});
afterAll(async () => {
  await e?.close();
});

test('upload, open and void an attachment on the household page', async () => {
  const { page } = e;
  await e.loginAs('clerk');
  await page.goto(`${e.host.url}#/cases/households/${householdId}`);
  await page.getByRole('tab', { name: '附件' }).click();
  await page.getByText('暂无附件').waitFor();

  const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: '上传附件' }).click();
  await (await chooser).setFiles({ name: '低保申请书.pdf', mimeType: 'application/pdf', buffer: pdf });
  await page.getByRole('cell', { name: '低保申请书.pdf' }).waitFor();
  await page.getByRole('cell', { name: '张经办' }).waitFor();

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '打开' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('低保申请书.pdf');

  // A renamed program is refused with the reason.
  const chooser2 = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: '上传附件' }).click();
  await (
    await chooser2
  ).setFiles({ name: '扫描件.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ not a pdf') });
  await page.getByText('文件“扫描件.pdf”的内容不是 .pdf 格式（可能是改了扩展名的其他文件），未保存').waitFor();

  await page.getByRole('button', { name: '作废' }).click();
  await page.getByLabel('原因').fill('传错了户');
  await page.getByRole('dialog').getByRole('button', { name: '作废' }).click();
  await page.getByText('暂无附件').waitFor();
  await e.screenshot('household-attachments');
  const rows = await e.core.ledger.db.selectFrom('attachments').select(['name', 'void_reason']).execute();
  expect(rows).toEqual([{ name: '低保申请书.pdf', void_reason: '传错了户' }]);
});
