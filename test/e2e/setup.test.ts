// The first run as a clerk would do it: pick the township, create the admin, log in, see the shell in Chinese.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startE2E, type E2E } from './harness';

let e: E2E;
beforeAll(async () => {
  e = await startE2E();
});
afterAll(async () => {
  await e?.close();
});

test('first-run set-up picks 海陵区 城东街道 and creates its villages, then the admin logs in', async () => {
  const { page } = e;
  await page.getByRole('heading', { name: '首次使用：建立本街道/乡镇的台账' }).waitFor();
  const pick = async (label: string, option: string) => {
    await page.getByLabel(label, { exact: true }).first().click();
    await page.getByRole('option', { name: option, exact: true }).click();
  };
  await pick('省（自治区、直辖市）', '江苏省');
  await pick('市（地区、州）', '泰州市');
  await pick('县（市、区）', '海陵区');
  await pick('街道/乡镇', '城东街道');
  await page.getByText('下辖 22 个村(社区)').waitFor();
  await e.screenshot('setup-township');
  await page.getByRole('button', { name: '下一步' }).click();

  await page.getByLabel('姓名').fill('王主任');
  await page.getByLabel('密码（至少 8 位）').fill('short');
  await page.getByLabel('再次输入密码').fill('short');
  await page.getByRole('button', { name: '完成设置' }).click();
  await page.getByText('密码至少 8 位').first().waitFor();

  await page.getByLabel('密码（至少 8 位）').fill('城东-2026-pass');
  await page.getByLabel('再次输入密码').fill('城东-2026-pass');
  await page.getByRole('button', { name: '完成设置' }).click();

  // Login screen shows the township path.
  await page.getByText('江苏省 / 泰州市 / 海陵区 / 城东街道').waitFor();
  await page.getByLabel('登录名').fill('admin');
  await page.getByLabel('密码').fill('wrong-password');
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('alert').filter({ hasText: '登录名或密码不正确（还可再试 4 次）' }).waitFor();

  await e.loginAs('admin', '城东-2026-pass');
  await page.getByText('王主任').first().waitFor();
  expect(await page.getByRole('navigation', { name: '主导航' }).innerText()).toMatch(
    /社会救助[\s\S]*养老服务[\s\S]*社会组织[\s\S]*月度报表[\s\S]*设置/,
  );

  await page.getByRole('link', { name: '设置', exact: true }).click();
  await page.getByRole('cell', { name: '碧桂园社区居民委员会' }).waitFor();
  expect(await page.getByRole('row').count()).toBe(23); // header + 22 villages/communities
  await e.screenshot('shell-settings');

  // The ledger holds what the clerk saw.
  const villages = await e.core.ledger.db.selectFrom('villages').select('name').execute();
  expect(villages).toHaveLength(22);
  const journal = await e.core.ledger.db.selectFrom('journal').select('action').execute();
  expect(journal.map((j) => j.action)).toEqual(
    expect.arrayContaining(['township.set', 'villages.seed', 'user.create', 'auth.login_failed', 'auth.login']),
  );
});

test('Chinese text renders with a CJK font (not tofu boxes)', async () => {
  const { page } = e;
  const width = await page.evaluate(() => {
    const span = document.createElement('span');
    span.style.fontSize = '20px';
    span.textContent = '民政台账民政台账';
    document.body.appendChild(span);
    const w = span.getBoundingClientRect().width;
    span.remove();
    return w;
  });
  // Eight CJK glyphs at 20px are about 160px wide in a real CJK font.
  expect(width).toBeGreaterThan(140);
  const fonts = await page.evaluate(() => document.fonts.check('20px "Noto Sans CJK SC"'));
  expect(fonts).toBe(true);
});

test('the administrator backs up from 设置 → 备份与数据安全 and sees the verified backup listed', async () => {
  const { page } = e;
  await page.getByRole('link', { name: '设置', exact: true }).click();
  await page.getByRole('tab', { name: '备份与数据安全' }).click();
  await page.getByText('还没有备份。').waitFor();
  await page.getByRole('button', { name: '立即备份' }).click();
  await page.getByText(/^备份完成并已校验：/).waitFor();
  const table = page.getByRole('table', { name: '备份列表' });
  await table.getByRole('cell', { name: '手动备份' }).waitFor();
  await expect(table.getByRole('cell', { name: '含校验记录' }).count()).resolves.toBe(1);
  await e.screenshot('settings-safety');
});
