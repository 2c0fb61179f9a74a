// 村级副本 in Chromium: the administrator makes a copy on the screen, the 协理员 works in the copy (its own host and
// login) and exports the change file from the badge button, the office imports it on the screen, the review queue
// shows the field both sides changed and the reviewer takes the village's value, and the return file brings the
// copy up to the office (last acknowledged number shown).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { startCore, type Core } from '../../src/main/core';
import { startHttpHost, type HttpHost } from '../../src/main/http/host';
import { login, PASSWORD } from '../helpers/ledger';
import { startE2E, type E2E } from './harness';

let e: E2E;
let copyCore: Core | null = null;
let copyHost: HttpHost | null = null;
let householdId: string;
let villageName: string;
beforeAll(async () => {
  e = await startE2E({ initialized: true });
  const [village] = await e.admin!.call('villages.list', {});
  villageName = village!.name;
  const page = await e.admin!.call('households.create', {
    villageId: village!.id,
    hukouType: 'rural',
    address: '幸福路1号',
    annualIncomeFen: 1_000_000,
    members: [{ name: '王芳', idNumber: '11010519491231002X', relation: '户主' }],
  });
  householdId = page.household.id;
});
afterAll(async () => {
  await copyHost?.close();
  await copyCore?.close();
  await e?.close();
});

const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name, exact: true });

async function savedText(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const downloading = page.waitForEvent('download');
  await click();
  const d = await downloading;
  const path = await d.path();
  return { name: d.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

test('a copy made on the screen, a change carried in, reviewed field by field, and the return file carried back', async () => {
  const { page } = e;
  await e.loginAs('admin');
  await nav(page, '村级副本').click();
  await nav(page, '副本与交换').click();
  await page.getByRole('heading', { name: '村级副本' }).waitFor();
  await page.getByText('还没有制作村级副本').waitFor();

  // 制作村级副本: a too-short password is refused at its field; then the copy is made.
  await page.getByRole('button', { name: '制作村级副本' }).click();
  const dlg = page.getByRole('dialog', { name: '制作村级副本' });
  await dlg.getByRole('checkbox', { name: villageName }).check();
  await dlg.getByLabel(/^副本登录密码/).fill('short');
  await dlg.getByRole('button', { name: '制作副本' }).click();
  await dlg.getByText('副本登录密码至少 8 位').waitFor();
  await dlg.getByLabel(/^副本登录密码/).fill(PASSWORD);
  await dlg.getByRole('button', { name: '制作副本' }).click();
  await dlg.waitFor({ state: 'hidden' });
  const table = page.getByRole('table', { name: '村级副本' });
  await table.getByRole('cell', { name: villageName, exact: true }).waitFor();
  await table.getByRole('cell', { name: '尚未收到' }).waitFor();
  await e.screenshot('village-copies');

  // The copy, opened the way a village laptop opens it: its own ledger, host and login.
  const dir = join(e.dbPath + '.files', '村级副本');
  const copyPath = join(
    dir,
    readdirSync(dir).find((f) => f.endsWith('.ledger'))!,
  );
  copyCore = await startCore({ dbPath: copyPath });
  copyHost = await startHttpHost({
    dispatcher: { dispatch: (req) => copyCore!.dispatcher.dispatch(req) },
    rendererDir: join(import.meta.dirname, '..', '..', 'out', 'renderer'),
  });
  const village = await e.browser.newPage({ locale: 'zh-CN', viewport: { width: 1366, height: 860 } });
  await village.goto(copyHost.openUrl);
  await village.getByLabel('登录名').fill('xieli');
  await village.getByLabel('密码').fill(PASSWORD);
  await village.getByRole('button', { name: '登录' }).click();
  await nav(village, '村级副本').click();
  await nav(village, '副本与交换').click();
  await village.getByRole('heading', { name: `村级副本：${villageName}` }).waitFor();
  await expect.poll(() => village.getByLabel('未发送的变更').textContent()).toBe('0');

  // The 协理员 corrects the address and the phone; the office meanwhile corrects the address too.
  const xieli = await login(copyCore, 'xieli');
  const h = await xieli.call('households.get', { id: householdId });
  const input = {
    id: householdId,
    version: h.household.version,
    villageId: h.household.villageId,
    hukouType: 'rural' as const,
    annualIncomeFen: 1_000_000,
  };
  await xieli.call('households.update', { ...input, address: '幸福路2号（村里核实）', phone: '13800000002' });
  await e.admin!.call('households.update', { ...input, address: '幸福路3号（办公室）' });
  await village.reload();
  await expect.poll(() => village.getByLabel('未发送的变更').textContent()).toBe('1');
  const changes = await savedText(village, () => village.getByRole('button', { name: /导出变更文件/ }).click());
  expect(changes.name).toMatch(/^变更文件-第1号-/);
  await village.getByText('第 1 号变更文件：变更 1–1，共 1 项').first().waitFor();

  // At the office: import on the screen.
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: '导入变更文件' }).click();
  await (
    await chooser
  ).setFiles({ name: changes.name, mimeType: 'application/json', buffer: Buffer.from(changes.text) });
  await page.getByText('已导入第 1 号变更文件').waitFor();
  await page.getByText(/应用 1 项.*待复核 1 项/).waitFor();
  await table.getByRole('cell', { name: /^第 1 号，/ }).waitFor();

  // The review queue: the address both sides changed, field by field, with who changed it.
  await nav(page, '复核队列').click();
  const card = page.getByLabel('复核：王芳户');
  const cmp = card.getByRole('table', { name: '字段对比' });
  await cmp.getByRole('cell', { name: '地址', exact: true }).waitFor();
  await cmp.getByRole('cell', { name: '幸福路1号', exact: true }).waitFor();
  await cmp.getByRole('cell', { name: '幸福路3号（办公室）', exact: true }).waitFor();
  await cmp.getByRole('cell', { name: '幸福路2号（村里核实）', exact: true }).waitFor();
  await cmp.getByRole('columnheader', { name: /办公室的值（王管理，/ }).waitFor();
  await cmp.getByRole('columnheader', { name: /村里的值（村协理员（xieli），/ }).waitFor();
  await e.screenshot('village-queue');
  await card.getByRole('button', { name: '采用村里的' }).click();
  await page.getByText('没有待复核的事项').waitFor();
  const row = await e.core.ledger.db
    .selectFrom('households')
    .select(['address', 'phone'])
    .where('id', '=', householdId)
    .executeTakeFirstOrThrow();
  expect(row).toEqual({ address: '幸福路2号（村里核实）', phone: '13800000002' });
  await page.locator('label', { hasText: /^已处理$/ }).click();
  await page.getByText(/已处理：采用村里的（王管理，/).waitFor();

  // The return file back to the copy.
  await nav(page, '副本与交换').click();
  const ret = await savedText(page, () => table.getByRole('button', { name: '写出回传文件' }).click());
  expect(ret.name).toMatch(/^回传文件-第1号-/);
  const chooser2 = village.waitForEvent('filechooser');
  await village.getByRole('button', { name: '导入回传文件' }).click();
  await (await chooser2).setFiles({ name: ret.name, mimeType: 'application/json', buffer: Buffer.from(ret.text) });
  await village
    .getByText(/已导入第 1 号回传文件/)
    .first()
    .waitFor();
  const facts = village.getByRole('table', { name: '交换情况' });
  await facts.getByRole('cell', { name: '到第 1 号' }).nth(1).waitFor();
  await facts.getByRole('cell', { name: /已应用 1 项，待复核 0 项/ }).waitFor();
  const inCopy = await xieli.call('households.get', { id: householdId });
  expect(inCopy.household.address).toBe('幸福路2号（村里核实）');
  await village.close();
});
