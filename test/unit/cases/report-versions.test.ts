// Issue 20: the month's report packages are numbered 1, 2, 3 (every rebuild was "第 1 版"), and rebuilding a month
// whose package was already delivered needs the clerk's confirmation.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { makeTestCore, type TestCore } from '../../helpers/ledger';
import { buildScenario } from '../reports/scenario';

let t: TestCore;
let folder: string;
beforeEach(async () => {
  t = await makeTestCore();
  const s = await buildScenario(t.core.ledger.db);
  await s.fx.roll('2026-03');
  folder = mkdtempSync(join(tmpdir(), 'civil-ledger-deliver-'));
});
afterEach(async () => {
  await t.close();
  rmSync(folder, { recursive: true, force: true });
});

it('numbers the builds 1, 2, 3 and asks before rebuilding a delivered package', async () => {
  const first = await t.clerk.call('reports.build', { month: '2026-03' });
  const second = await t.clerk.call('reports.build', { month: '2026-03' });
  expect([first.buildNo, second.buildNo]).toEqual([1, 2]);
  expect(second.revision).toBe(1); // still the first 定稿 revision

  const s = await t.admin.call('reports.settings', {});
  await t.admin.call('reports.saveSettings', { ...s, exportFolder: folder });
  expect(await t.reviewer.call('reports.deliver', { packageId: second.id })).toMatchObject({ status: 'ok' });

  const refused = await t.clerk.try('reports.build', { month: '2026-03' });
  expect(!refused.ok && refused.error.message).toMatch(
    /^2026年3月的报表包已于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 报送（.+）。重新生成将是第 3 版，须重新报送；请确认后再生成$/,
  );
  expect((await t.clerk.call('reports.packages', { month: '2026-03' })).length).toBe(2); // nothing built

  const third = await t.clerk.call('reports.build', { month: '2026-03', confirmRebuild: true });
  expect(third.buildNo).toBe(3);
  const list = await t.clerk.call('reports.packages', { month: '2026-03' });
  expect(list.map((p) => p.buildNo).sort()).toEqual([1, 2, 3]);
});
