// 生活事件设置 (when member changes and deaths take effect, 惠民殡葬): saved through the kernel's saveSetting — a stale
// edit is refused and writes nothing, a saved change is journalled with what it was before.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { makeTestCore, type TestCore } from '../../helpers/ledger';

let t: TestCore;
beforeEach(async () => {
  t = await makeTestCore();
});
afterEach(async () => {
  await t.close();
});

const journalled = () =>
  t.core.ledger.raw
    .prepare("SELECT before, after FROM journal WHERE action = 'settings.lifeevents' ORDER BY seq")
    .all() as { before: string; after: string }[];

test('the first save from the defaults, then a second; an edit made on the old version is refused and changes nothing', async () => {
  const defaults = await t.reviewer.call('lifeSettings.get', {});
  expect(defaults).toMatchObject({ version: 0, deathStopFrom: 'next_month' });
  const saved = await t.reviewer.call('lifeSettings.put', { version: 0, deathStopFrom: 'death_month' });
  expect(saved).toMatchObject({ version: 1, deathStopFrom: 'death_month', memberChangeFrom: 'next_month' });

  const stale = await t.reviewer.try('lifeSettings.put', { version: 0, compareDeadlineDays: 9 });
  expect(!stale.ok && stale.error.message).toBe('生活事件设置已被他人修改，请刷新后重新编辑（您的修改未保存）');
  expect(await t.reviewer.call('lifeSettings.get', {})).toEqual(saved);

  const again = await t.reviewer.call('lifeSettings.put', { version: 1, compareDeadlineDays: 9 });
  expect(again).toMatchObject({ version: 2, deathStopFrom: 'death_month', compareDeadlineDays: 9 });
  const entries = journalled();
  expect(entries).toHaveLength(2);
  expect(JSON.parse(entries[0]!.before)).toMatchObject({ deathStopFrom: 'next_month' });
  expect(JSON.parse(entries[1]!.after)).toMatchObject({ deathStopFrom: 'death_month', compareDeadlineDays: 9 });
});
