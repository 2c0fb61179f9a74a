// Issue 23.2: the journal head is anchored outside the ledger (anchor files, every backup's manifest, every report
// package's manifest). Deleting the journal's last entry behind the triggers' back, or rewriting an entry and
// recomputing the chain after it, keeps the chain itself intact — `check` now fails and names the anchor it no longer
// reaches; a backup of such a ledger is refused (it would launder the change); restoring such a file is refused.
import { copyFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { entryHash } from '../../../src/main/ledger/journal';
import { makeTestCore, TEST_TOWNSHIP, type TestCore } from '../../helpers/ledger';
import { cli, fingerprint } from './helpers';

let t: TestCore;
let head: { seq: number; hash: string };
beforeEach(async () => {
  t = await makeTestCore();
  await t.admin.call('villages.create', { name: '锚点村', kind: 'village' });
  const r = await cli('backup', '--db', t.dbPath); // anchors the head, then journals the backup itself
  expect(r.code).toBe(0);
  head = t.core.ledger.raw.prepare('SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1').get() as typeof head;
  await t.core.close();
});
afterEach(async () => {
  await t.close();
});

function tamper(sql: (db: Database.Database) => void): void {
  const db = new Database(t.dbPath);
  try {
    sql(db);
  } finally {
    db.close();
  }
}

/** Drop the trigger, delete the last journal rows, recreate the trigger — as someone with the file would. */
function deleteTail(rows: number): void {
  tamper((db) => {
    const trigger = db
      .prepare(`SELECT sql FROM sqlite_master WHERE name = 'journal_no_delete'`)
      .pluck()
      .get() as string;
    db.exec('DROP TRIGGER journal_no_delete');
    db.prepare('DELETE FROM journal WHERE seq > (SELECT max(seq) FROM journal) - ?').run(rows);
    db.exec(trigger);
  });
}

/** Rewrite one entry and recompute the hashes of it and every entry after it. */
function rewriteAndRechain(seq: number): void {
  tamper((db) => {
    const trigger = db
      .prepare(`SELECT sql FROM sqlite_master WHERE name = 'journal_no_update'`)
      .pluck()
      .get() as string;
    db.exec('DROP TRIGGER journal_no_update');
    db.prepare(`UPDATE journal SET reason = '改过的原因' WHERE seq = ?`).run(seq);
    const rows = db.prepare('SELECT * FROM journal WHERE seq >= ? ORDER BY seq').all(seq - 1) as Record<
      string,
      unknown
    >[];
    let prev = (rows[0]!.seq as number) < seq ? (rows.shift()!.hash as string) : '0'.repeat(64);
    const upd = db.prepare('UPDATE journal SET prev_hash = ?, hash = ? WHERE seq = ?');
    for (const r of rows) {
      const hash = entryHash(prev, r as never);
      upd.run(prev, hash, r.seq);
      prev = hash;
    }
    db.exec(trigger);
  });
}

test('an intact ledger passes check, the anchors reached', async () => {
  const r = await cli('check', '--db', t.dbPath);
  expect(r.code).toBe(0);
  expect(r.out).toMatch(/✓ 日志锚点：与 \d+ 个日志锚点一致/);
});

test('the last journal entry deleted behind the trigger: check fails naming the anchor; backup and restore refuse', async () => {
  deleteTail(2); // the backup's own entry and the anchored head before it
  const r = await cli('check', '--db', t.dbPath);
  expect(r.code).toBe(1);
  expect(r.out).toContain('✓ 操作日志链'); // the chain alone cannot see it
  expect(r.out).toContain(`操作日志止于第 ${head.seq - 2} 条，未到达台账文件夹中的日志锚点`);
  expect(r.out).toContain(`记录的第 ${head.seq - 1} 条：日志末尾的记录被删除`);

  const backup = await cli('backup', '--db', t.dbPath, '--out', join(t.dir, 'laundered.ledger'));
  expect(backup.code).toBe(1);
  expect(backup.err).toContain('操作日志与日志锚点不符');
  expect(readdirSync(t.dir).filter((n) => n.startsWith('laundered'))).toEqual([]);

  // Restoring a copy of the truncated ledger over a good one: refused, the good one untouched.
  const copy = join(t.dir, 'truncated-copy.ledger');
  copyFileSync(t.dbPath, copy);
  const before = fingerprint(t.dbPath);
  const refused = await cli('restore', '--from', copy, '--db', t.dbPath);
  expect(refused.code).toBe(2);
  expect(refused.err).toContain(`未到达台账文件夹中的日志锚点`);
  expect(refused.err.trim()).toMatch(/现有台账未被改动$/);
  expect(fingerprint(t.dbPath)).toBe(before);
});

test('an entry rewritten and the chain recomputed after it: check fails naming the anchor whose hash differs', async () => {
  rewriteAndRechain(3);
  const r = await cli('check', '--db', t.dbPath);
  expect(r.code).toBe(1);
  expect(r.out).toContain('✓ 操作日志链');
  expect(r.out).toContain(`✗ 日志锚点：操作日志第 ${head.seq - 1} 条与台账文件夹中的日志锚点`);
  expect(r.out).toContain('的校验值不同：日志被改写过');
  const copy = join(t.dir, 'rechained.ledger');
  copyFileSync(t.dbPath, copy);
  process.env.CIVIL_LEDGER_PASSWORD = 'test-password-1';
  try {
    const refused = await cli('restore', '--from', copy, '--db', t.dbPath);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('日志被改写过');
  } finally {
    delete process.env.CIVIL_LEDGER_PASSWORD;
  }
});

test('check --against compares each table with a backup’s digests: a bare copy with altered rows is told apart', async () => {
  const backups = join(`${t.dbPath}.files`, 'backups', 'manual');
  const backup = join(backups, readdirSync(backups)[0]!);
  const restored = join(t.dir, 'restored.ledger');
  expect((await cli('restore', '--from', backup, '--db', restored)).code).toBe(0);
  const plainCopy = join(t.dir, 'plain.ledger');
  const { extractDatabase, readProof } = await import('../../../src/main/ledger/backup/container');
  const proof = readProof(backup);
  if (proof.kind !== 'embedded') throw new Error('no proof');
  await extractDatabase(backup, plainCopy, proof.manifest.bytes);
  const same = await cli('check', '--db', plainCopy, '--against', backup);
  expect(same.out).toMatch(/✓ 与备份的各表摘要比对：\d+ 张表与“.+”记录的内容一致/);
  const db = new Database(plainCopy);
  db.prepare(`UPDATE villages SET name = '改过的村' WHERE name = '锚点村'`).run();
  db.close();
  const altered = await cli('check', '--db', plainCopy, '--against', backup);
  expect(altered.code).toBe(1);
  expect(altered.out).toContain('✗ 与备份的各表摘要比对：1 张表与');
  expect(altered.out).toContain('表 villages 的内容与记录不符');
});

test("a report package's manifest carries the journal head, and check holds the journal to it", async () => {
  const r = await makeTestCore({ now: () => new Date('2026-03-20T02:00:00Z') });
  try {
    const pkg = await r.clerk.call('reports.build', { month: '2026-02' });
    const zip = await r.clerk.call('reports.download', { packageId: pkg.id, file: 'zip' });
    const { unzipSync } = await import('fflate');
    const files = unzipSync(Buffer.from(zip.dataBase64, 'base64'), { filter: (f) => f.name === 'manifest.json' });
    const manifest = JSON.parse(Buffer.from(files['manifest.json']!).toString('utf8')) as {
      journalHead: { seq: number; hash: string };
    };
    const row = r.core.ledger.raw.prepare('SELECT hash FROM journal WHERE seq = ?').get(manifest.journalHead.seq) as {
      hash: string;
    };
    expect(row.hash).toBe(manifest.journalHead.hash);
    const { collectAnchors } = await import('../../../src/main/ledger/backup/proof');
    expect(collectAnchors(r.dbPath).filter((a) => a.origin === '月报包')).toHaveLength(1);
    await r.core.close();
    // Everything from the anchored head on is cut away behind the trigger: check names the package.
    const db = new Database(r.dbPath);
    const trigger = db
      .prepare(`SELECT sql FROM sqlite_master WHERE name = 'journal_no_delete'`)
      .pluck()
      .get() as string;
    db.exec('DROP TRIGGER journal_no_delete');
    db.prepare('DELETE FROM journal WHERE seq >= ?').run(manifest.journalHead.seq);
    db.exec(trigger);
    db.close();
    const c = await cli('check', '--db', r.dbPath);
    expect(c.code).toBe(1);
    expect(c.out).toContain(`未到达月报包“`);
    expect(c.out).toContain(`记录的第 ${manifest.journalHead.seq} 条：日志末尾的记录被删除`);
  } finally {
    await r.close();
  }
});

test('a ledger made anew at the same path is not held to the old one’s anchors: it can be backed up; check says whose they are', async () => {
  for (const side of ['', '-wal', '-shm']) rmSync(`${t.dbPath}${side}`, { force: true });
  const { startCore } = await import('../../../src/main/core');
  const core = await startCore({ dbPath: t.dbPath, create: true });
  const init = await core.dispatcher.dispatch({
    method: 'setup.init',
    input: {
      townshipCode: TEST_TOWNSHIP,
      admin: { username: 'admin', displayName: '新管理', password: 'new-password-1' },
    },
  });
  expect(init.ok).toBe(true);
  await core.close();
  const b = await cli('backup', '--db', t.dbPath);
  expect(b.err).toBe('');
  expect(b.code).toBe(0);
  const c = await cli('check', '--db', t.dbPath);
  expect(c.code).toBe(1);
  expect(c.out).toContain('记录的是另一本台账（操作日志第 1 条不同）：若台账是在原位置重新建立的，可删除该锚点');
});
