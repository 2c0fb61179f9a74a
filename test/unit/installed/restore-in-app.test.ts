// 恢复 from the backup screen (issue 24): an administrator picks a verified backup; the host closes the ledger,
// restores it (the replaced ledger kept aside, the restore journalled as that administrator) and reopens it.
import { existsSync, readdirSync, writeFileSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCore, type Core } from '../../../src/main/core';
import { makeRestorer, type Restorer } from '../../../src/main/restorer';
import { login, makeCaller, makeTestCore, type Caller, type TestCore } from '../../helpers/ledger';

let t: TestCore;
let core: Core;
let restorer: Restorer;
let admin: Caller;
let villageId: string;

const households = () => (core.ledger.raw.prepare('SELECT count(*) AS n FROM households').get() as { n: number }).n;

beforeAll(async () => {
  t = await makeTestCore();
  villageId = (await t.admin.call('villages.list', {}))[0]!.id;
  await t.core.close();
  // The ledger reopened the way the app and `serve` open it: with a restorer.
  restorer = makeRestorer({
    dbPath: t.dbPath,
    current: () => core,
    reopen: () => startCore({ dbPath: t.dbPath, restore: restorer.restore }),
    reopened: (c) => {
      core = c;
    },
    log: () => undefined,
  });
  core = await startCore({ dbPath: t.dbPath, restore: restorer.restore });
  t.core = core;
  admin = await login(core, 'admin');
});
afterAll(async () => {
  await restorer.running();
  t.core = core;
  await t.close();
});

const household = (name: string, idNumber: string) =>
  admin.call('households.create', {
    villageId,
    hukouType: 'rural',
    annualIncomeFen: 0,
    members: [{ name, idNumber, relation: '户主' }],
  } as never);

describe('restoring from the backup screen', () => {
  let backupName = '';

  it('a clerk may not', async () => {
    const clerk = await login(core, 'clerk');
    const r = await clerk.try('backups.restore', { kind: 'manual', name: 'x.ledger', reason: '测试恢复' });
    expect(!r.ok && r.error.code).toBe('FORBIDDEN');
  });

  it('a backup whose proof no longer matches is refused, and nothing happens', async () => {
    await household('王芳', '11010519491231002X');
    const b = await admin.call('backups.run', { reason: '恢复测试前' } as never);
    const file = (b as { file: string }).file;
    backupName = basename(file);
    // A copy with one byte changed in the middle, under another backup name.
    const bytes = readFileSync(file);
    const at = Math.floor(bytes.length / 3);
    bytes[at] = bytes[at]! ^ 0xff;
    const damaged = join(dirname(file), `damaged-${backupName}`);
    writeFileSync(damaged, bytes);
    const r = await admin.try('backups.restore', { kind: 'manual', name: basename(damaged), reason: '测试恢复' });
    expect(!r.ok && r.error.message).toMatch(/^不能从此备份恢复：.*现有台账未被改动$/);
    expect(restorer.running()).toBeNull();
  });

  it('a verified backup is restored: the later household is gone, the replaced ledger kept, the restore journalled', async () => {
    await household('李秀英', '440524188001010014');
    expect(households()).toBe(2);
    const r = await admin.call('backups.restore', {
      kind: 'manual',
      name: backupName,
      reason: '误操作，退回到上午的备份',
    });
    expect(r).toMatchObject({ scheduled: true, verification: { verified: true } });
    await restorer.running();
    expect(households()).toBe(1);
    const kept = readdirSync(dirname(t.dbPath)).filter((f) => f.startsWith(`${basename(t.dbPath)}.replaced-`));
    expect(kept.length).toBeGreaterThan(0);
    expect(existsSync(join(dirname(t.dbPath), kept[0]!))).toBe(true);
    const j = core.ledger.raw
      .prepare("SELECT actor_name, reason FROM journal WHERE action = 'backup.restore' ORDER BY seq DESC LIMIT 1")
      .get() as { actor_name: string; reason: string };
    expect(j).toEqual({ actor_name: '王管理', reason: '误操作，退回到上午的备份' });
    // Sessions belonged to the closed core: everyone logs in again.
    const again = await makeCaller(core, admin.session).try('auth.me', {});
    expect(!again.ok && again.error.code).toBe('UNAUTHENTICATED');
    expect((await (await login(core, 'admin')).call('auth.me', {})).username).toBe('admin');
  });
});

describe('where the process cannot reopen its ledger', () => {
  it('the command line is named instead', async () => {
    const plain = await makeTestCore();
    try {
      const r = await plain.admin.try('backups.restore', { kind: 'manual', name: 'none.ledger', reason: '测试恢复' });
      expect(!r.ok && r.error.message).toMatch(/未找到备份/);
      const b = (await plain.admin.call('backups.run', { reason: '测试' } as never)) as { file: string };
      const r2 = await plain.admin.try('backups.restore', {
        kind: 'manual',
        name: basename(b.file),
        reason: '测试恢复',
      });
      expect(!r2.ok && r2.error.message).toBe(
        '当前程序不能在运行中恢复台账：请关闭软件后使用命令 civil-ledger restore',
      );
    } finally {
      await plain.close();
    }
  });
});
