// Issue 23.1: a backup just made is never the one rotation removes. With 20 backups stamped 2030-01-01 (a PC whose
// clock once ran ahead), a backup made with the right clock exists afterwards, is listed first (rotation orders by
// the backup sequence number, not the clock), and the future-stamped ones are marked suspect.
import { existsSync } from 'node:fs';
import { afterEach, beforeEach, expect, test } from 'vitest';
import {
  backupBeforeRisk,
  backupOnClose,
  KEEP_LATEST,
  listBackups,
  runBackup,
} from '../../../src/main/ledger/backup/backup';
import { sourceOf } from '../../../src/main/ledger/backup/snapshot';
import { makeTestCore, type TestCore } from '../../helpers/ledger';
import { cli } from './helpers';

let t: TestCore;
beforeEach(async () => {
  t = await makeTestCore();
});
afterEach(async () => {
  await t.close();
});

const FUTURE = new Date('2030-01-01T09:00:00+08:00');
const futureAt = (i: number) => new Date(FUTURE.getTime() + i * 1000);

test('civil-ledger backup with the right clock after 20 manual backups stamped 2030: the file exists and is kept', async () => {
  for (let i = 0; i < 20; i++) {
    await runBackup(sourceOf(t.core.ledger), { kind: 'manual', reason: '时钟快了', now: futureAt(i) });
  }
  const r = await cli('backup', '--db', t.dbPath);
  expect(r.code).toBe(0);
  const path = /已备份到：(.+)/.exec(r.out)?.[1];
  expect(path).toBeDefined();
  expect(existsSync(path!)).toBe(true);
  const list = listBackups(t.dbPath).filter((b) => b.kind === 'manual');
  expect(list).toHaveLength(KEEP_LATEST);
  expect(list[0]).toMatchObject({ path, seq: 21, suspectTime: false, reason: '命令行备份' });
  expect(list.slice(1).every((b) => b.suspectTime)).toBe(true);
  // The oldest by sequence went, not the newest.
  expect(list.map((b) => b.seq)).toEqual(Array.from({ length: 20 }, (_, i) => 21 - i));
  // The screen shows them suspect too.
  const api = await t.admin.call('backups.list', {});
  expect(api.entries.filter((e) => e.suspectTime)).toHaveLength(19);
});

test('the backups before an import and before making a month final survive 20 future-stamped ones, as does the close backup', async () => {
  for (let i = 0; i < 20; i++) await backupBeforeRisk(t.core.ledger, '导入前（时钟快了）', futureAt(i));
  const before = await backupBeforeRisk(t.core.ledger, '月度报表定稿');
  expect(existsSync(before.path)).toBe(true);
  expect(listBackups(t.dbPath).filter((b) => b.kind === 'before')[0]!.path).toBe(before.path);

  for (let i = 0; i < 20; i++) await backupOnClose(t.core.ledger, futureAt(i * 86_400));
  const onClose = await backupOnClose(t.core.ledger);
  expect(existsSync(onClose.path)).toBe(true);
  expect(listBackups(t.dbPath).filter((b) => b.kind === 'auto')[0]!.path).toBe(onClose.path);
});
