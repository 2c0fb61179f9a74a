// A backup is written under a temporary name (….partial-PID-RANDOM) and renamed when complete. A process killed
// after the last byte but before the rename leaves a whole file under the temporary name: it is still not a backup,
// and the verification restore runs first refuses it by its name (a kill at that moment is rare, so the SIGKILL test
// meets it only now and then; this test makes the moment certain).
import { copyFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { runBackup } from '../../../src/main/ledger/backup/backup';
import { verifyBackup } from '../../../src/main/ledger/backup/verify';
import { makeTestCore, type TestCore } from '../../helpers/ledger';

let t: TestCore;
beforeAll(async () => {
  t = await makeTestCore();
  await t.core.close();
});
afterAll(async () => {
  await t.close();
});

test('a whole backup left under its temporary name is refused by its name', async () => {
  const done = await runBackup({ path: t.dbPath }, { kind: 'manual' });
  expect((await verifyBackup(done.path)).verified).toBe(true);

  const left = `${done.path}.partial-4242-0a1b2c3d`;
  copyFileSync(done.path, left);
  const v = await verifyBackup(left);
  expect(v.verified).toBe(false);
  expect(v.refusal).toMatch(/写备份时留下的临时文件，那次备份没有完成/);
});
