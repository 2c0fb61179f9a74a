// Backups: complete and verified or absent; consistent with committed data only; rotated; copied to a second folder;
// an I/O failure half-way leaves no partial file and no change to the ledger.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, test } from 'vitest';
import {
  backupBeforeRisk,
  backupIfDue,
  backupOnClose,
  backupsRootFor,
  listBackups,
  MANIFEST_SUFFIX,
  runBackup,
  type BackupManifest,
} from '../../../src/main/ledger/backup/backup';
import { readProof, sha256Prefix } from '../../../src/main/ledger/backup/container';
import { realIo, sha256File, type BackupIo } from '../../../src/main/ledger/backup/files';
import { journalHead, readAnchorFiles, appendJournal } from '../../../src/main/ledger/journal';
import { sourceOf } from '../../../src/main/ledger/backup/snapshot';
import { newId } from '../../../src/main/ledger/ids';
import { makeTestCore, type TestCore } from '../../helpers/ledger';
import { fingerprint, leftovers } from './helpers';

let t: TestCore;
beforeEach(async () => {
  t = await makeTestCore();
});
afterEach(async () => {
  await t.close();
});

const journalCount = (raw: Database.Database) => raw.prepare('SELECT count(*) FROM journal').pluck().get() as number;

test('a backup is one file: a complete ledger followed by its own proof (SHA-256, head, table digests)', async () => {
  await t.admin.call('villages.create', { name: '新建村', kind: 'village' });
  const r = await runBackup(sourceOf(t.core.ledger), { kind: 'manual', reason: '测试' });
  expect(r.path.startsWith(join(backupsRootFor(t.dbPath), 'manual'))).toBe(true);
  expect(existsSync(`${r.path}${MANIFEST_SUFFIX}`)).toBe(false); // nothing to separate from it
  const proof = readProof(r.path);
  if (proof.kind !== 'embedded') throw new Error(`no proof: ${proof.kind}`);
  const manifest: BackupManifest = proof.manifest;
  expect(manifest).toEqual(r.manifest);
  expect(manifest.format).toBe(1);
  expect(manifest.sha256).toBe(await sha256Prefix(r.path, manifest.bytes));
  expect(manifest.journalEntries).toBe(journalCount(t.core.ledger.raw));
  expect(manifest.journalHead).toEqual(journalHead(t.core.ledger.raw));
  expect(manifest.township).toBe('江苏省 / 泰州市 / 海陵区 / 城东街道');
  expect(manifest.tables?.villages?.rows).toBe(
    t.core.ledger.raw.prepare('SELECT count(*) FROM villages').pluck().get() as number,
  );
  // Self-contained: no -wal needed beside it, and the clerk's data is there (SQLite reads the database part).
  expect(existsSync(`${r.path}-wal`)).toBe(false);
  const copy = new Database(r.path, { readonly: true });
  expect(copy.prepare(`SELECT count(*) FROM villages WHERE name = '新建村'`).pluck().get()).toBe(1);
  expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
  copy.close();
  expect(leftovers(backupsRootFor(t.dbPath))).toEqual([]);
  expect(listBackups(t.dbPath).map((b) => [b.kind, b.reason, b.proof, b.seq])).toEqual([
    ['manual', '测试', 'embedded', 1],
  ]);
  // Its journal head is anchored outside the ledger.
  expect(readAnchorFiles(t.dbPath).map((a) => [a.source, a.seq, a.hash])).toEqual([
    ['backup', manifest.journalHead!.seq, manifest.journalHead!.hash],
    ['backup', manifest.journalHead!.seq, manifest.journalHead!.hash],
  ]);
});

test('a backup taken inside an open write transaction holds only committed data', async () => {
  const before = journalCount(t.core.ledger.raw);
  let backupPath = '';
  await t.core.ledger.db.transaction().execute(async (trx) => {
    const id = newId();
    const at = new Date().toISOString();
    await trx
      .insertInto('villages')
      .values({
        id,
        code: null,
        name: '未提交村',
        kind: 'village',
        sort_order: 999,
        active: 1,
        merged_into_id: null,
        created_at: at,
        updated_at: at,
        version: 1,
      })
      .execute();
    await appendJournal(trx, { id: null, name: '测试' }, [
      { action: 'village.create', entity: 'villages', entityId: id },
    ]);
    backupPath = (await backupBeforeRisk(t.core.ledger, '导入前')).path;
  });
  // The transaction committed after the backup: the live ledger has the row, the backup does not.
  expect(journalCount(t.core.ledger.raw)).toBe(before + 1);
  const copy = new Database(backupPath, { readonly: true });
  expect(copy.prepare(`SELECT count(*) FROM villages WHERE name = '未提交村'`).pluck().get()).toBe(0);
  expect(journalCount(copy)).toBe(before);
  copy.close();
  expect(listBackups(t.dbPath)[0]).toMatchObject({ kind: 'before', reason: '导入前' });
});

test('the schedule makes one automatic backup a day; a second one the same day replaces the first', async () => {
  const day = new Date('2025-03-10T09:00:00+08:00');
  const first = await backupIfDue(t.core.ledger, day);
  expect(first).not.toBeNull();
  expect(await backupIfDue(t.core.ledger, new Date('2025-03-10T15:00:00+08:00'))).toBeNull();
  const onClose = await backupOnClose(t.core.ledger, new Date('2025-03-10T18:00:00+08:00'));
  const auto = listBackups(t.dbPath).filter((b) => b.kind === 'auto');
  expect(auto.map((b) => b.path)).toEqual([onClose.path]); // 7 daily / 4 weekly / 12 monthly: newest of the day
  expect(await backupIfDue(t.core.ledger, new Date('2025-03-11T09:00:00+08:00'))).not.toBeNull();
  expect(listBackups(t.dbPath).filter((b) => b.kind === 'auto')).toHaveLength(2);
});

test('with a second folder set, each backup is also copied there and checked by its SHA-256', async () => {
  const second = join(t.dir, 'U盘');
  mkdirSync(second);
  t.core.ledger.raw
    .prepare(`INSERT INTO settings (key, value, updated_at, version) VALUES ('backup.secondDir', ?, '2025-01-01', 1)`)
    .run(JSON.stringify(second));
  const r = await backupBeforeRisk(t.core.ledger, '月报定稿前');
  expect(r.warnings).toEqual([]);
  expect(r.secondCopy).toBe(join(second, 'civil-ledger-backups', 'test', 'before', r.manifest.file));
  // The second folder gets the same one-file form, its proof inside.
  expect(await sha256File(r.secondCopy!)).toBe(await sha256File(r.path));
  expect(readProof(r.secondCopy!)).toMatchObject({ kind: 'embedded', manifest: r.manifest });
  expect(existsSync(`${r.secondCopy}${MANIFEST_SUFFIX}`)).toBe(false);
});

test('a second folder that cannot be written is a warning, not a failed backup', async () => {
  const notAFolder = join(t.dir, 'pulled-out-usb');
  writeFileSync(notAFolder, 'x'); // a file where the folder should be: mkdir fails like a removed stick
  const r = await runBackup(sourceOf(t.core.ledger), { kind: 'auto', secondDir: notAFolder });
  expect(existsSync(r.path)).toBe(true);
  expect(r.secondCopy).toBeNull();
  expect(r.warnings).toHaveLength(1);
  expect(r.warnings[0]).toContain(`第二备份位置“${notAFolder}”写入失败`);
  expect(r.warnings[0]).toContain('（本机备份已完成）');
});

function failing(step: 'copy' | 'fsync' | 'rename', code: string): BackupIo {
  const err = Object.assign(new Error(`${code}: injected`), { code });
  return {
    copyLedger: async (source, dest) => {
      if (step !== 'copy') return realIo.copyLedger(source, dest);
      writeFileSync(dest, Buffer.alloc(8192, 7)); // half a file, then the disk is full
      throw err;
    },
    fsyncFile: (p) => {
      if (step === 'fsync') throw err;
      realIo.fsyncFile(p);
    },
    rename: (a, b) => {
      if (step === 'rename' && !a.endsWith('.json') && !a.includes('.json.partial')) throw err;
      realIo.rename(a, b);
    },
  };
}

test.each([
  ['copy', 'ENOSPC', '备份位置磁盘空间不足'],
  ['fsync', 'EIO', '写入时发生读写错误（U 盘或磁盘可能已拔出或损坏）'],
  ['rename', 'EACCES', '没有写入备份位置的权限（或该位置只读）'],
] as const)('an injected %s failure (%s) fails cleanly: no partial file, no change', async (step, code, why) => {
  const ledgerBefore = journalCount(t.core.ledger.raw);
  const fpBefore = fingerprint(t.dbPath);
  await expect(runBackup(sourceOf(t.core.ledger), { kind: 'manual', io: failing(step, code) })).rejects.toThrow(
    `备份失败：${why}。没有留下不完整的备份文件，台账本身未受影响`,
  );
  const dir = join(backupsRootFor(t.dbPath), 'manual');
  expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);
  expect(journalCount(t.core.ledger.raw)).toBe(ledgerBefore);
  expect(fingerprint(t.dbPath)).toBe(fpBefore);
  // The ledger still works.
  await t.admin.call('villages.create', { name: '故障后新建村', kind: 'village' });
});

test('backupBeforeRisk names the operation it protects when it cannot back up', async () => {
  const blocked = join(t.dir, 'blocked');
  writeFileSync(blocked, 'x');
  // Make the backups folder impossible: a file where <ledger>.files must be a folder.
  const files = `${t.dbPath}.files`;
  expect(existsSync(files)).toBe(false);
  writeFileSync(files, 'x');
  await expect(backupBeforeRisk(t.core.ledger, '导入前')).rejects.toThrow(
    /^“导入前”前的自动备份未能完成，为安全起见本次操作未执行。备份失败：/,
  );
});
