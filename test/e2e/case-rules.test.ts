// 规则与时限: a reviewer changes a local re-check cycle; a clerk sees the settings read-only, the exclusion rules and
// the 近亲属 register.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startE2E, type E2E } from './harness';

let e: E2E;
beforeAll(async () => {
  e = await startE2E({ initialized: true });
});
afterAll(async () => {
  await e?.close();
});

test('a reviewer sets 低保 re-checks to quarterly; a clerk can read but not change it', async () => {
  const { page } = e;
  await e.loginAs('reviewer');
  await page.goto(`${e.host.url}#/cases/rules`);
  await page.getByRole('table', { name: '办理时限' }).waitFor();
  const cycle = page.getByLabel('最低生活保障 复核周期').first();
  // The dropdown opens with an animation; under load the first click can miss, so pick until the field shows it.
  for (let i = 0; i < 3 && (await cycle.inputValue()) !== '每季度'; i++) {
    await cycle.click();
    await page.getByRole('option', { name: '每季度' }).click();
  }
  expect(await cycle.inputValue()).toBe('每季度');
  await page.getByRole('button', { name: '保存时限与复核周期' }).click();
  await page.getByText('时限与复核周期已保存').waitFor();
  const settings = await e.admin!.call('caseSettings.get', {});
  expect(settings.recheck.dibao).toBe('quarterly');
  await e.screenshot('case-rules');

  await page.getByRole('button', { name: '退出登录' }).click();
  await e.loginAs('clerk');
  await page.goto(`${e.host.url}#/cases/rules`);
  await page.getByText('只有审核人或管理员可以修改这些设置。').waitFor();
  expect(await page.getByRole('button', { name: '保存时限与复核周期' }).count()).toBe(0);
  await page.getByRole('tab', { name: '互斥规则' }).click();
  // The tab's panel mounts on opening and loads its rules: wait for the head row and two rules before counting.
  const rules = page.getByRole('table', { name: '互斥规则' }).getByRole('row');
  await rules.nth(2).waitFor();
  expect(await rules.count()).toBeGreaterThan(2);
  await page.getByRole('tab', { name: '近亲属备案' }).click();
  await page.getByText('没有近亲属备案的案件。').waitFor();
});
