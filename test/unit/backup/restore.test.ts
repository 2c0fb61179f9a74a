// `civil-ledger backup` and `civil-ledger restore`: restore checks the backup completely before it touches the
// ledger, keeps the replaced ledger aside, and refuses a truncated, bit-flipped, foreign or newer file — leaving the
// live ledger exactly as it was.
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { startCore } from '../../../src/main/core';
import { MANIFEST_SUFFIX } from '../../../src/main/ledger/backup/backup';
import { SCHEMA_VERSION } from '../../../src/main/ledger/db/migrations';
import { checkLedger } from '../../../src/main/ledger/db/check';
import { makeTestCore, type TestCore } from '../../helpers/ledger';
import { cli, fingerprint } from './helpers';

let t: TestCore;
let backup: string;
beforeEach(async () => {
  t = await makeTestCore();
  await t.admin.call('villages.create', { name: '备份前村', kind: 'village' });
  backup = join(t.dir, 'backup.ledger');
  const r = await cli('backup', '--db', t.dbPath, '--out', backup);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  expect(r.out).toContain(`已备份到：${backup}`);
  await t.admin.call('villages.create', { name: '备份后村', kind: 'village' });
  await t.core.close(); // restore needs the ledger closed
});
afterEach(async () => {
  await t.close();
});

const villageNames = (path: string): string[] => {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare('SELECT name FROM villages ORDER BY name').pluck().all() as string[];
  } finally {
    db.close();
  }
};

/** The ledger's folder holds only the ledger and what the app put there: no temp file left by a refusal. */
const besideLedger = () =>
  readdirSync(dirname(t.dbPath))
    .filter((n) => n.startsWith(basename(t.dbPath)))
    .sort();

test('backup runs while the app has the ledger open, and restore brings that state back, keeping the replaced ledger', async () => {
  expect(villageNames(t.dbPath)).toContain('备份后村');
  const r = await cli('restore', '--from', backup, '--db', t.dbPath);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  expect(r.out).toContain('SHA-256 与备份记录一致');
  const kept = /原台账已另存为：(.+)/.exec(r.out)?.[1];
  expect(kept).toBeDefined();
  expect(villageNames(t.dbPath)).toContain('备份前村');
  expect(villageNames(t.dbPath)).not.toContain('备份后村');
  expect(villageNames(kept!)).toContain('备份后村');
  expect((await checkLedger(t.dbPath)).ok).toBe(true);
  // The restored ledger opens in the app and can be written.
  const core = await startCore({ dbPath: t.dbPath });
  const login = await core.dispatcher.dispatch({
    method: 'auth.login',
    input: { username: 'admin', password: 'test-password-1' },
  });
  expect(login.ok).toBe(true);
  await core.close();
});

async function expectRefused(from: string, message: string): Promise<void> {
  const before = fingerprint(t.dbPath);
  const files = besideLedger();
  const r = await cli('restore', '--from', from, '--db', t.dbPath);
  expect(r.code).toBe(2);
  expect(r.out).toBe('');
  expect(r.err.trim()).toBe(message);
  expect(fingerprint(t.dbPath)).toBe(before);
  expect(besideLedger()).toEqual(files);
}

test('a truncated backup is refused with the sizes named; the ledger is untouched', async () => {
  const cut = join(t.dir, 'cut.ledger');
  copyFileSync(backup, cut);
  const size = readFileSync(cut).length;
  truncateSync(cut, size / 2);
  await expectRefused(
    cut,
    `无法从此备份恢复：台账文件“${cut}”不完整（应有 ${size} 字节，实有 ${size / 2} 字节），可能是复制中断或磁盘损坏。请换用另一份备份。现有台账未被改动`,
  );
});

test('a bit flip is caught by the recorded SHA-256', async () => {
  const bytes = readFileSync(backup);
  bytes[Math.floor(bytes.length / 2)]! ^= 0x10;
  writeFileSync(backup, bytes);
  await expectRefused(
    backup,
    '无法从此备份恢复：备份文件的内容与备份时记录的 SHA-256 校验值不符（文件已损坏或被改动）。现有台账未被改动',
  );
});

test('without its manifest, a bit flip in a table page is caught by the integrity check', async () => {
  rmSync(`${backup}${MANIFEST_SUFFIX}`);
  const db = new Database(backup, { readonly: true });
  const root = db.prepare(`SELECT rootpage FROM sqlite_master WHERE name = 'journal'`).pluck().get() as number;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close();
  const bytes = readFileSync(backup);
  bytes[(root - 1) * pageSize]! ^= 0x01; // the b-tree page type byte: 0x0d becomes 0x0c, not a valid page type
  writeFileSync(backup, bytes);
  const before = fingerprint(t.dbPath);
  const r = await cli('restore', '--from', backup, '--db', t.dbPath);
  expect(r.code).toBe(2);
  expect(r.err).toMatch(/^无法从此备份恢复：文件已损坏/);
  expect(r.err.trim()).toMatch(/现有台账未被改动$/);
  expect(fingerprint(t.dbPath)).toBe(before);
});

test('a journal entry changed in the backup is refused by the journal-chain check', async () => {
  rmSync(`${backup}${MANIFEST_SUFFIX}`);
  const db = new Database(backup);
  db.exec('DROP TRIGGER journal_no_update');
  db.prepare(`UPDATE journal SET actor_name = '某人' WHERE seq = 2`).run();
  db.close();
  await expectRefused(
    backup,
    '无法从此备份恢复：文件未通过操作日志链检查：操作日志第 2 条的内容与其校验值不符：该记录被改动过。现有台账未被改动',
  );
});

test('a SQLite file that is not a ledger, and a file that is not SQLite at all, are refused', async () => {
  const foreign = join(t.dir, 'other.db');
  const db = new Database(foreign);
  db.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1);');
  db.close();
  await expectRefused(
    foreign,
    `无法从此备份恢复：“${foreign}”是 SQLite 数据库，但不是本软件的台账（应用标识不符）。现有台账未被改动`,
  );
  const text = join(t.dir, 'notes.ledger');
  writeFileSync(text, '这不是数据库'.repeat(100));
  await expectRefused(text, `无法从此备份恢复：“${text}”不是台账文件（不是 SQLite 数据库）。现有台账未被改动`);
});

test('a backup made by a newer version of the app is refused', async () => {
  rmSync(`${backup}${MANIFEST_SUFFIX}`);
  const db = new Database(backup);
  db.prepare(`INSERT INTO kysely_migration (name, timestamp) VALUES ('0099_future', '2030-01-01')`).run();
  db.close();
  await expectRefused(
    backup,
    '无法从此备份恢复：文件由更新版本的软件创建（含本软件不认识的数据结构：0099_future），请先升级软件。现有台账未被改动',
  );
  const db2 = new Database(backup);
  db2.pragma('user_version = 99');
  db2.close();
  await expectRefused(
    backup,
    `无法从此备份恢复：此台账由更新版本的软件创建（数据结构版本 99，本软件支持到 ${SCHEMA_VERSION}），请升级软件后再打开。现有台账未被改动`,
  );
});

test('restore refuses while the app has the ledger open', async () => {
  const core = await startCore({ dbPath: t.dbPath });
  try {
    const before = villageNames(t.dbPath);
    const r = await cli('restore', '--from', backup, '--db', t.dbPath);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`本程序已经打开了这个台账（${t.dbPath}），不能重复打开`);
    expect(villageNames(t.dbPath)).toEqual(before);
  } finally {
    await core.close();
  }
});

test('restore into a place with no ledger puts the checked copy there', async () => {
  const fresh = join(t.dir, 'elsewhere', 'new.ledger');
  const r = await cli('restore', '--from', backup, '--db', fresh);
  expect(r.code).toBe(1); // the folder does not exist: the lock cannot be created
  expect(existsSync(fresh)).toBe(false);
  const here = join(t.dir, 'new.ledger');
  const r2 = await cli('restore', '--from', backup, '--db', here);
  expect(r2.code).toBe(0);
  expect(r2.out).toContain('原位置没有台账，已直接放入');
  expect(villageNames(here)).toContain('备份前村');
});

test('backup refuses a file that is not a ledger and never overwrites', async () => {
  const text = join(t.dir, 'x.txt');
  writeFileSync(text, 'hello');
  const r = await cli('backup', '--db', text, '--out', join(t.dir, 'y.ledger'));
  expect(r.code).toBe(2);
  expect(r.err.trim()).toBe(`“${text}”不是台账文件（不是 SQLite 数据库），已拒绝打开，文件未被改动`);
  const again = await cli('backup', '--db', t.dbPath, '--out', backup);
  expect(again.code).toBe(2);
  expect(again.err.trim()).toBe(`备份文件“${backup}”已存在，不会覆盖`);
});
