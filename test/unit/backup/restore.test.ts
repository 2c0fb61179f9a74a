// `civil-ledger backup` and `civil-ledger restore` (issue 21): a backup is one file carrying its own proof. Restore
// verifies that proof before anything else and refuses a file altered anywhere (a table page, an index page, the
// journal, the header, the proof itself), cut short, or made of two backups' parts — leaving the live ledger byte
// for byte as it was. A file without proof (an old backup copied alone, a bare copy of a ledger) is restored only
// with --unverified AND an administrator's login, showing what cannot be vouched for, and journalled.
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { startCore } from '../../../src/main/core';
import { MANIFEST_SUFFIX } from '../../../src/main/ledger/backup/backup';
import { extractDatabase, readProof } from '../../../src/main/ledger/backup/container';
import { sha256File } from '../../../src/main/ledger/backup/files';
import { NO_PROOF } from '../../../src/main/ledger/backup/verify';
import { SCHEMA_VERSION } from '../../../src/main/ledger/db/migrations';
import { checkLedger } from '../../../src/main/ledger/backup/check';
import { makeTestCore, type TestCore } from '../../helpers/ledger';
import { cli, fingerprint } from './helpers';

const UNCHANGED = '。现有台账未被改动';
const SHA_MISMATCH = `无法从此备份恢复：数据库内容与文件内记录的 SHA-256 校验值不符（文件在备份后被改动或损坏）${UNCHANGED}`;

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
  delete process.env.CIVIL_LEDGER_PASSWORD;
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

/** The byte offset of the first byte of a table's or index's root page in a backup's database part. */
function rootPageOffset(file: string, name: string): number {
  const db = new Database(file, { readonly: true });
  try {
    const root = db.prepare('SELECT rootpage FROM sqlite_master WHERE name = ?').pluck().get(name) as number;
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    expect(root).toBeGreaterThan(1);
    return (root - 1) * pageSize;
  } finally {
    db.close();
  }
}

/** Changes one byte of a file (in place). */
function changeByte(file: string, offset: number): void {
  const bytes = readFileSync(file);
  bytes[offset] = bytes[offset]! ^ 0x01;
  writeFileSync(file, bytes);
}

async function expectRefused(from: string, message: string | RegExp, ...extra: string[]): Promise<void> {
  const before = fingerprint(t.dbPath);
  const files = besideLedger();
  const r = await cli('restore', '--from', from, '--db', t.dbPath, ...extra);
  expect(r.code).toBe(2);
  expect(r.out).toBe('');
  if (typeof message === 'string') expect(r.err.trim()).toBe(message);
  else expect(r.err.trim()).toMatch(message);
  expect(fingerprint(t.dbPath)).toBe(before);
  expect(besideLedger()).toEqual(files);
}

test('backup runs while the app has the ledger open, and restore verifies its proof, brings that state back and keeps the replaced ledger', async () => {
  expect(villageNames(t.dbPath)).toContain('备份后村');
  const r = await cli('restore', '--from', backup, '--db', t.dbPath);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  expect(r.out).toContain('✓ SHA-256：数据库内容与备份时记录的校验值一致');
  expect(r.out).toMatch(/✓ 各表数据摘要：\d+ 张表与备份说明一致/);
  expect(r.out).toContain('✓ 操作日志末条：与备份说明一致');
  const kept = /原台账已另存为：(.+)/.exec(r.out)?.[1];
  expect(kept).toBeDefined();
  expect(villageNames(t.dbPath)).toContain('备份前村');
  expect(villageNames(t.dbPath)).not.toContain('备份后村');
  expect(villageNames(kept!)).toContain('备份后村');
  expect((await checkLedger(t.dbPath)).ok).toBe(true);
  // The restore is journalled in the restored ledger, as verified.
  const db = new Database(t.dbPath, { readonly: true });
  const entry = db.prepare(`SELECT actor_name, after FROM journal WHERE action = 'backup.restore'`).get() as {
    actor_name: string;
    after: string;
  };
  db.close();
  expect(entry.actor_name).toMatch(/^命令行（系统用户 /);
  expect(JSON.parse(entry.after)).toMatchObject({ from: backup, verified: true, proof: 'embedded', unvouched: [] });
  // The restored ledger opens in the app and can be written.
  const core = await startCore({ dbPath: t.dbPath });
  const login = await core.dispatcher.dispatch({
    method: 'auth.login',
    input: { username: 'admin', password: 'test-password-1' },
  });
  expect(login.ok).toBe(true);
  await core.close();
});

test('one byte changed in a table page, an index page, the journal or the header: each refused by the SHA-256 inside the file', async () => {
  const places: [string, (f: string) => number][] = [
    ['table page (villages)', (f) => rootPageOffset(f, 'villages') + 200],
    ['index page', (f) => rootPageOffset(f, 'journal_at') + 8],
    ['journal', (f) => rootPageOffset(f, 'journal') + 300],
    ['header (SQLite version field)', () => 97],
  ];
  for (const [, where] of places) {
    const altered = join(t.dir, 'altered.ledger');
    copyFileSync(backup, altered);
    changeByte(altered, where(altered));
    await expectRefused(altered, SHA_MISMATCH);
  }
});

test('the proof itself altered, or cut short, is refused by name', async () => {
  const size = statSync(backup).size;
  const proofAltered = join(t.dir, 'proof.ledger');
  copyFileSync(backup, proofAltered);
  changeByte(proofAltered, size - 64 - 20); // inside the manifest
  await expectRefused(
    proofAltered,
    `无法从此备份恢复：文件内的备份说明（清单）被改动或损坏，与其校验值不符${UNCHANGED}`,
  );

  const cutTail = join(t.dir, 'cut-tail.ledger');
  copyFileSync(backup, cutTail);
  truncateSync(cutTail, size - 10);
  const proof = readProof(backup);
  if (proof.kind !== 'embedded') throw new Error('no proof');
  await expectRefused(
    cutTail,
    `无法从此备份恢复：文件在数据库之后还有 ${size - 10 - proof.manifest.bytes} 字节，但末尾没有完整的校验记录（单文件备份被截断或末尾被改动）${UNCHANGED}`,
  );

  const cutHalf = join(t.dir, 'cut-half.ledger');
  copyFileSync(backup, cutHalf);
  truncateSync(cutHalf, proof.manifest.bytes / 2);
  await expectRefused(
    cutHalf,
    `无法从此备份恢复：台账文件“${cutHalf}”不完整（应有 ${proof.manifest.bytes} 字节，实有 ${proof.manifest.bytes / 2} 字节），可能是复制中断或磁盘损坏。请换用另一份备份${UNCHANGED}`,
  );
});

test('renamed and copied alone to another folder, the backup still verifies; altered there, it is refused', async () => {
  const usb = join(t.dir, 'U盘');
  mkdirSync(usb);
  const moved = join(usb, '三月的台账.bak');
  copyFileSync(backup, moved);
  const altered = join(usb, '改过的.bak');
  copyFileSync(backup, altered);
  changeByte(altered, rootPageOffset(altered, 'villages') + 200);
  await expectRefused(altered, SHA_MISMATCH);
  const r = await cli('restore', '--from', moved, '--db', t.dbPath);
  expect(r.code).toBe(0);
  expect(r.out).toContain('✓ SHA-256：数据库内容与备份时记录的校验值一致');
  expect(villageNames(t.dbPath)).toContain('备份前村');
});

test("two backups' parts swapped (the database of one, the proof of the other) are refused", async () => {
  // A second backup of a different state.
  const core = await startCore({ dbPath: t.dbPath });
  await core.close();
  const second = join(t.dir, 'second.ledger');
  expect((await cli('backup', '--db', t.dbPath, '--out', second)).code).toBe(0);
  const a = readProof(backup);
  const b = readProof(second);
  if (a.kind !== 'embedded' || b.kind !== 'embedded') throw new Error('no proof');
  const aBytes = readFileSync(backup);
  const bBytes = readFileSync(second);
  const swapped = join(t.dir, 'swapped.ledger');
  writeFileSync(swapped, Buffer.concat([aBytes.subarray(0, a.manifest.bytes), bBytes.subarray(b.manifest.bytes)]));
  await expectRefused(
    swapped,
    a.manifest.bytes === b.manifest.bytes
      ? SHA_MISMATCH
      : `无法从此备份恢复：数据库部分长 ${a.manifest.bytes} 字节，与备份说明记录的 ${b.manifest.bytes} 字节不符（文件被截断、拼接或与另一份备份的部分调换）${UNCHANGED}`,
  );
  // The older two-file form: one backup with the other's manifest beside it.
  const oldA = join(t.dir, 'old-a.ledger');
  await extractDatabase(backup, oldA, a.manifest.bytes);
  writeFileSync(`${oldA}${MANIFEST_SUFFIX}`, JSON.stringify({ ...b.manifest, sha256: b.manifest.sha256 }));
  await expectRefused(
    oldA,
    `无法从此备份恢复：备份文件的内容与备份时记录的 SHA-256 校验值不符（文件已损坏或被改动）${UNCHANGED}`,
  );
});

test('an older two-file backup still restores with its manifest beside it; copied alone it is unverifiable', async () => {
  const proof = readProof(backup);
  if (proof.kind !== 'embedded') throw new Error('no proof');
  const old = join(t.dir, 'township-20250310-173000-manual.ledger');
  await extractDatabase(backup, old, proof.manifest.bytes);
  const { journalHead: _h, tables: _t, format: _f, seq: _s, ...oldManifest } = proof.manifest;
  writeFileSync(`${old}${MANIFEST_SUFFIX}`, JSON.stringify({ ...oldManifest, sha256: await sha256File(old) }));
  const alone = join(t.dir, 'alone.ledger');
  copyFileSync(old, alone);
  await expectRefused(
    alone,
    `无法从此备份恢复：${NO_PROOF}。如确需恢复，须由管理员加 --unverified 参数（并用 --user 登录）确认，恢复会记入操作日志${UNCHANGED}`,
  );
  const r = await cli('restore', '--from', old, '--db', t.dbPath);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  expect(r.out).toContain('✓ SHA-256：与旁边的 .manifest.json 记录的校验值一致（旧式两文件备份）');
  expect(villageNames(t.dbPath)).toContain('备份前村');
});

test('a bare copy of a ledger is restored only with --unverified and an administrator, showing what is not vouched for, journalled', async () => {
  const bare = join(t.dir, 'copy-of-ledger.ledger');
  copyFileSync(t.dbPath, bare);
  const noProof = `无法从此备份恢复：${NO_PROOF}。如确需恢复，须由管理员加 --unverified 参数（并用 --user 登录）确认，恢复会记入操作日志${UNCHANGED}`;
  await expectRefused(bare, noProof);

  // The option alone is not enough: a login is needed, and it must be an administrator's.
  const before = fingerprint(t.dbPath);
  const noUser = await cli('restore', '--from', bare, '--db', t.dbPath, '--unverified');
  expect(noUser.code).toBe(2);
  expect(noUser.err).toContain('缺少参数 --user');
  const core = await startCore({ dbPath: t.dbPath });
  const login = await core.dispatcher.dispatch({
    method: 'auth.login',
    input: { username: 'admin', password: 'test-password-1' },
  });
  if (!login.ok) throw new Error('login');
  const created = await core.dispatcher.dispatch({
    method: 'users.create',
    session: (login.data as { session: string }).session,
    input: { username: 'clerk1', displayName: '李经办', role: 'clerk', password: 'clerk-password-1' },
  });
  expect(created.ok).toBe(true);
  await core.close();
  const withClerkDone = fingerprint(t.dbPath);
  expect(withClerkDone).not.toBe(before);
  process.env.CIVIL_LEDGER_PASSWORD = 'clerk-password-1';
  await expectRefused(
    bare,
    `无法从此备份恢复：“clerk1”不是启用的管理员；恢复没有校验记录的文件需要管理员：请用 --user 给出管理员登录名，并输入其密码${UNCHANGED}`,
    '--unverified',
    '--user',
    'clerk1',
  );
  process.env.CIVIL_LEDGER_PASSWORD = 'wrong-password';
  await expectRefused(
    bare,
    `无法从此备份恢复：管理员登录名或密码不正确${UNCHANGED}`,
    '--unverified',
    '--user',
    'admin',
  );

  process.env.CIVIL_LEDGER_PASSWORD = 'test-password-1';
  const r = await cli(
    'restore',
    '--from',
    bare,
    '--db',
    t.dbPath,
    '--unverified',
    '--user',
    'admin',
    '--reason',
    '硬盘故障，只有这份复制',
  );
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  expect(r.out).toContain('以下内容无法担保（管理员已确认恢复，已记入操作日志）：');
  expect(r.out).toContain(`  - ${NO_PROOF}`);
  const db = new Database(t.dbPath, { readonly: true });
  const entry = db
    .prepare(`SELECT actor_name, reason, after FROM journal WHERE action = 'backup.restore' ORDER BY seq DESC`)
    .get() as { actor_name: string; reason: string; after: string };
  db.close();
  expect(entry.actor_name).toBe('王管理');
  expect(entry.reason).toBe('硬盘故障，只有这份复制');
  expect(JSON.parse(entry.after)).toMatchObject({ from: bare, verified: false, proof: 'none', unvouched: [NO_PROOF] });
  expect((await checkLedger(t.dbPath)).ok).toBe(true);
});

test('a SQLite file that is not a ledger, and a file that is not SQLite at all, are refused', async () => {
  const foreign = join(t.dir, 'other.db');
  const db = new Database(foreign);
  db.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1);');
  db.close();
  await expectRefused(
    foreign,
    `无法从此备份恢复：“${foreign}”是 SQLite 数据库，但不是本软件的台账（应用标识不符）${UNCHANGED}`,
  );
  const text = join(t.dir, 'notes.ledger');
  writeFileSync(text, '这不是数据库'.repeat(100));
  await expectRefused(text, `无法从此备份恢复：“${text}”不是台账文件（不是 SQLite 数据库）${UNCHANGED}`);
});

test('a file made by a newer version of the app is refused, even with --unverified', async () => {
  const proof = readProof(backup);
  if (proof.kind !== 'embedded') throw new Error('no proof');
  const bare = join(t.dir, 'newer.ledger');
  await extractDatabase(backup, bare, proof.manifest.bytes);
  const db = new Database(bare);
  db.prepare(`INSERT INTO kysely_migration (name, timestamp) VALUES ('0099_future', '2030-01-01')`).run();
  db.close();
  process.env.CIVIL_LEDGER_PASSWORD = 'test-password-1';
  const opts = ['--unverified', '--user', 'admin'];
  await expectRefused(
    bare,
    `无法从此备份恢复：文件由更新版本的软件创建（含本软件不认识的数据结构：0099_future），请先升级软件${UNCHANGED}`,
    ...opts,
  );
  const db2 = new Database(bare);
  db2.pragma('user_version = 99');
  db2.close();
  await expectRefused(
    bare,
    `无法从此备份恢复：此台账由更新版本的软件创建（数据结构版本 99，本软件支持到 ${SCHEMA_VERSION}），请升级软件后再打开${UNCHANGED}`,
    ...opts,
  );
});

test('a journal entry changed in a bare copy is refused by the journal-chain check, even with --unverified', async () => {
  const proof = readProof(backup);
  if (proof.kind !== 'embedded') throw new Error('no proof');
  const bare = join(t.dir, 'edited.ledger');
  await extractDatabase(backup, bare, proof.manifest.bytes);
  const db = new Database(bare);
  db.exec('DROP TRIGGER journal_no_update');
  db.prepare(`UPDATE journal SET actor_name = '某人' WHERE seq = 2`).run();
  db.close();
  process.env.CIVIL_LEDGER_PASSWORD = 'test-password-1';
  await expectRefused(
    bare,
    `无法从此备份恢复：文件未通过操作日志链检查：操作日志第 2 条的内容与其校验值不符：该记录被改动过${UNCHANGED}`,
    '--unverified',
    '--user',
    'admin',
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
  expect(r.code).toBe(2);
  expect(r.err.trim()).toBe(`无法从此备份恢复：台账所在文件夹“${join(t.dir, 'elsewhere')}”不存在${UNCHANGED}`);
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
  const before = fingerprint(backup);
  const again = await cli('backup', '--db', t.dbPath, '--out', backup);
  expect(again.code).toBe(2);
  expect(again.err.trim()).toBe(`文件“${backup}”已存在，备份不会覆盖已有文件：请换一个文件名，或给出文件夹`);
  expect(fingerprint(backup)).toBe(before);
});

test('restoring an earlier backup after later ones were made: the later anchors belong to the replaced line, check passes', async () => {
  const later = join(t.dir, 'later.ledger');
  expect((await cli('backup', '--db', t.dbPath, '--out', later)).code).toBe(0); // anchors a later head
  const r = await cli('restore', '--from', backup, '--db', t.dbPath);
  expect(r.code).toBe(0);
  expect(r.out).toMatch(/✓ 日志锚点：是本机记录过的较早状态/);
  const check = await cli('check', '--db', t.dbPath);
  expect(check.code).toBe(0);
  expect(check.out).toMatch(/✓ 日志锚点：与 \d+ 个日志锚点一致/);
});
