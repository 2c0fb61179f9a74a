// A verified backup is taken before the two risky operations: an import, and making a month final.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { FIXTURE_FILES } from '../../fixtures/make-fixtures';
import { makeTestCore, type TestCore } from '../../helpers/ledger';

let t: TestCore;
beforeEach(async () => {
  t = await makeTestCore();
});
afterEach(async () => {
  await t.close();
});

test('an import first writes a verified backup named after the file', async () => {
  const name = FIXTURE_FILES.multiVillage;
  const data = readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'import', name)).toString('base64');
  expect((await t.admin.call('backups.list', {})).entries).toEqual([]);
  await t.clerk.call('exchange.import', { kind: 'cases', fileName: name, data });
  const list = await t.admin.call('backups.list', {});
  expect(list.entries).toHaveLength(1);
  expect(list.entries[0]).toMatchObject({ kind: 'before', reason: `导入“${name}”`, hasManifest: true });
});
