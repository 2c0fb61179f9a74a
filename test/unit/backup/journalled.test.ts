// Issue 23.5 (backups): a backup is a copy of every person's data, so `civil-ledger backup` — with or without --out —
// and every backup made from the screen are journalled with who, what, where and why; backup files never overwrite
// each other.
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { makeTestCore, type TestCore } from '../../helpers/ledger';
import { cli, fingerprint } from './helpers';

let t: TestCore;
beforeEach(async () => {
  t = await makeTestCore({ now: () => new Date('2025-03-10T09:30:00+08:00') });
});
afterEach(async () => {
  await t.close();
});

interface Entry {
  actor_name: string;
  entity_id: string;
  reason: string;
  after: string;
}
const backupEntries = () =>
  t.core.ledger.raw
    .prepare(`SELECT actor_name, entity_id, reason, after FROM journal WHERE action = 'backup.run' ORDER BY seq`)
    .all() as Entry[];

test('civil-ledger backup, with and without --out, is journalled with who, what, where and why', async () => {
  const usb = join(t.dir, 'U盘');
  mkdirSync(usb);
  const a = await cli('backup', '--db', t.dbPath, '--reason', '带去县局核对');
  const b = await cli('backup', '--db', t.dbPath, '--out', usb);
  expect([a.code, b.code]).toEqual([0, 0]);
  const pathA = /已备份到：(.+)/.exec(a.out)![1]!;
  const pathB = /已备份到：(.+)/.exec(b.out)![1]!;
  expect(pathB.startsWith(usb)).toBe(true);
  const entries = backupEntries();
  expect(entries).toHaveLength(2);
  expect(entries.map((e) => [e.reason, JSON.parse(e.after).file, JSON.parse(e.after).via])).toEqual([
    ['带去县局核对', pathA, '命令行'],
    ['命令行备份', pathB, '命令行'],
  ]);
  for (const e of entries) {
    expect(e.actor_name).toMatch(/^命令行（系统用户 .+@.+）$/);
    expect(JSON.parse(e.after).sha256).toMatch(/^[0-9a-f]{64}$/);
  }
});

test('from the screen: journalled with the administrator, both copies named; never overwriting', async () => {
  const second = join(t.dir, '第二位置');
  mkdirSync(second);
  const s = await t.admin.call('safety.settings', {});
  await t.admin.call('safety.updateSettings', {
    version: s.version,
    secondBackupDir: second,
    closedCaseRetentionYears: null,
  });
  // Two backups in the same second (the screen's clock is fixed here): two files, neither overwritten.
  const r1 = await t.admin.call('backups.run', { reason: '换电脑前' });
  const first = fingerprint(r1.file);
  const r2 = await t.admin.call('backups.run', { reason: '换电脑前' });
  expect(r2.file).not.toBe(r1.file);
  expect(fingerprint(r1.file)).toBe(first);
  expect(r2.secondCopy).not.toBe(r1.secondCopy);
  expect(existsSync(r1.secondCopy!) && existsSync(r2.secondCopy!)).toBe(true);
  const entries = backupEntries();
  expect(entries.map((e) => [e.actor_name, e.reason])).toEqual([
    ['王管理', '换电脑前'],
    ['王管理', '换电脑前'],
  ]);
  expect(JSON.parse(entries[1]!.after)).toMatchObject({ file: r2.file, secondCopy: r2.secondCopy, via: '软件' });
  // --out naming an existing file is refused, the file unchanged.
  const before = fingerprint(r1.file);
  const again = await cli('backup', '--db', t.dbPath, '--out', r1.file);
  expect(again.code).toBe(2);
  expect(fingerprint(r1.file)).toBe(before);
  expect(readdirSync(join(second, 'civil-ledger-backups', 'test', 'manual'))).toHaveLength(2);
});
