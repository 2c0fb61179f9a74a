// One program at a time on a ledger: a second one is refused politely with who holds it; a lock left by a dead
// process is taken over; a lock from another computer names the file to remove.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { startCore } from '../../../src/main/core';
import { acquireLedgerLock, lockPathFor } from '../../../src/main/ledger/backup/lock';
import Database from 'better-sqlite3';
import { makeTestCore, type TestCore } from '../../helpers/ledger';

let t: TestCore;
let sleeper: ChildProcess | null = null;
beforeEach(async () => {
  t = await makeTestCore();
});
afterEach(async () => {
  sleeper?.kill('SIGKILL');
  sleeper = null;
  await t.close();
});

/** A lock file as another program would have written it a minute ago (a younger one is never judged stale). */
function fakeLock(pid: number, host = hostname(), since = '2025-03-10T08:30:00.000Z'): void {
  writeFileSync(lockPathFor(t.dbPath), JSON.stringify({ pid, host, since, app: 'civil-ledger' }));
  ageFile(lockPathFor(t.dbPath));
}

function ageFile(path: string): void {
  const old = new Date(Date.now() - 60_000);
  utimesSync(path, old, old);
}

test('a second program on the same ledger is refused with the holder named, and the first keeps working', async () => {
  await t.core.close();
  sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  const since = new Date('2025-03-10T08:30:00+08:00');
  fakeLock(sleeper.pid!, hostname(), since.toISOString());
  await expect(startCore({ dbPath: t.dbPath })).rejects.toThrow(
    `台账已在另一个窗口或程序中打开（进程号 ${sleeper.pid}，自 2025-03-10 08:30 起）。请切换到已打开的窗口，或先关闭它再打开；同一台账不能同时由两个程序使用`,
  );
  expect(JSON.parse(readFileSync(lockPathFor(t.dbPath), 'utf8')).pid).toBe(sleeper.pid); // not taken from it
});

test('a lock left by a process that has ended is taken over, and released on close', async () => {
  await t.core.close();
  const gone = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  await new Promise((r) => gone.on('exit', r));
  fakeLock(gone.pid!);
  const core = await startCore({ dbPath: t.dbPath });
  expect(JSON.parse(readFileSync(lockPathFor(t.dbPath), 'utf8')).pid).toBe(process.pid);
  await core.close();
  expect(existsSync(lockPathFor(t.dbPath))).toBe(false);
});

test('a lock from another computer (a ledger on a shared folder) is refused with the file to remove', async () => {
  await t.core.close();
  fakeLock(4242, '民政办-电脑2');
  await expect(startCore({ dbPath: t.dbPath })).rejects.toThrow(
    `台账正在计算机“民政办-电脑2”上使用（自 ${new Date('2025-03-10T08:30:00.000Z').getFullYear()}-03-10`,
  );
  await expect(startCore({ dbPath: t.dbPath })).rejects.toThrow(`可删除锁文件“${lockPathFor(t.dbPath)}”后重试`);
});

test('the same program opening the ledger twice is told so; an unreadable lock file counts as stale', () => {
  expect(() => acquireLedgerLock(t.dbPath)).toThrow(`本程序已经打开了这个台账（${t.dbPath}），不能重复打开`);
  const dir = mkdtempSync(join(tmpdir(), 'civil-ledger-lock-'));
  try {
    const path = join(dir, 'x.ledger');
    writeFileSync(lockPathFor(path), '{"pid": 12'); // half-written by an older version's crash
    ageFile(lockPathFor(path));
    const lock = acquireLedgerLock(path);
    expect(JSON.parse(readFileSync(lockPathFor(path), 'utf8')).pid).toBe(process.pid);
    lock.release();
    lock.release();
    expect(existsSync(lockPathFor(path))).toBe(false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a write lock held too long by another connection gives a clear message and saves nothing', async () => {
  // E.g. a backup tool or a second program writing the file behind the app's back, holding SQLite's write lock.
  const other = new Database(t.dbPath);
  other.exec('BEGIN IMMEDIATE');
  try {
    const r = await t.admin.try('villages.create', { name: '等待村', kind: 'village' });
    expect(r).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: '台账正被另一操作占用，请稍后重试（本次未保存）' },
    });
  } finally {
    other.exec('ROLLBACK');
    other.close();
  }
  expect(t.core.ledger.raw.prepare(`SELECT count(*) FROM villages WHERE name = '等待村'`).pluck().get()).toBe(0);
  await t.admin.call('villages.create', { name: '等待村', kind: 'village' });
});
