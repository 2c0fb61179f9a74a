// The 备份与隐私 API: backups listed and run by the administrator only (journalled, since a backup copies all personal
// data), the second backup folder and the retention period as settings, and the retention report (lists, never deletes).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { newId } from '../../../src/main/ledger/ids';
import { makeTestCore, type TestCore } from '../../helpers/ledger';

let t: TestCore;
beforeEach(async () => {
  t = await makeTestCore({ now: () => new Date('2025-03-10T09:30:00+08:00') });
});
afterEach(async () => {
  await t.close();
});

test('only the administrator lists and runs backups', async () => {
  for (const who of [t.clerk, t.reviewer]) {
    expect(await who.try('backups.list', {})).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: '此操作需要“管理员”权限' },
    });
    expect((await who.try('backups.run', {})).ok).toBe(false);
  }
});

test('a backup run from the app is written, listed, and journalled with who and why', async () => {
  const r = await t.admin.call('backups.run', { reason: '换电脑前' });
  expect(existsSync(r.file)).toBe(true);
  expect(r.sha256).toMatch(/^[0-9a-f]{64}$/);
  expect(r.warnings).toEqual([]);
  const list = await t.admin.call('backups.list', {});
  expect(list.total).toBe(1);
  expect(list.entries[0]).toMatchObject({
    kind: 'manual',
    reason: '换电脑前',
    hasManifest: true,
    at: new Date('2025-03-10T09:30:00+08:00').toISOString(),
  });
  const entry = t.core.ledger.raw
    .prepare(`SELECT actor_name, reason, entity_id FROM journal WHERE action = 'backup.run'`)
    .get() as { actor_name: string; reason: string; entity_id: string };
  expect(entry).toEqual({ actor_name: '王管理', reason: '换电脑前', entity_id: list.entries[0]!.name });
});

test('the second backup folder must be a full path to an existing folder; once set, backups are copied there', async () => {
  const s0 = await t.admin.call('safety.settings', {});
  expect(s0).toEqual({ secondBackupDir: null, closedCaseRetentionYears: null, version: 0 });
  const rel = await t.admin.try('safety.updateSettings', {
    version: 0,
    secondBackupDir: 'U盘/备份',
    closedCaseRetentionYears: null,
  });
  expect(!rel.ok && rel.error.fields).toEqual({ secondBackupDir: '请填写完整路径' });
  const missing = join(t.dir, '没插的U盘');
  const gone = await t.admin.try('safety.updateSettings', {
    version: 0,
    secondBackupDir: missing,
    closedCaseRetentionYears: null,
  });
  expect(!gone.ok && gone.error.message).toBe(`找不到文件夹“${missing}”：请先插入 U 盘或建好文件夹`);

  const usb = join(t.dir, 'U盘');
  mkdirSync(usb);
  const s1 = await t.admin.call('safety.updateSettings', {
    version: 0,
    secondBackupDir: usb,
    closedCaseRetentionYears: 5,
  });
  expect(s1).toEqual({ secondBackupDir: usb, closedCaseRetentionYears: 5, version: 2 });
  const stale = await t.admin.try('safety.updateSettings', {
    version: 0,
    secondBackupDir: null,
    closedCaseRetentionYears: 5,
  });
  expect(!stale.ok && stale.error.message).toBe('备份与隐私设置已被他人修改，请刷新后重新编辑（您的修改未保存）');

  const r = await t.admin.call('backups.run', {});
  expect(r.secondCopy).not.toBeNull();
  expect(r.secondCopy!.startsWith(usb)).toBe(true);
  expect(existsSync(r.secondCopy!)).toBe(true);
});

test('the retention report lists closed cases past the period and deletes nothing', async () => {
  const raw = t.core.ledger.raw;
  const village = raw.prepare('SELECT id FROM villages LIMIT 1').pluck().get() as string;
  const admin = raw.prepare(`SELECT id FROM users WHERE username = 'admin'`).pluck().get() as string;
  const hh = newId();
  const at = '2025-01-01T00:00:00.000Z';
  raw
    .prepare('INSERT INTO households (id, village_id, hukou_type, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
    .run(hh, village, 'rural', at, at);
  const addCase = (caseNo: string, status: string, stopMonth: string | null, decidedOn: string | null) =>
    raw
      .prepare(
        `INSERT INTO cases (id, household_id, category, area, status, applied_on, stop_month, decided_on, case_no, created_by, created_at, updated_at)
         VALUES (?, ?, 'dibao', 'rural', ?, '2015-01-05', ?, ?, ?, ?, ?, ?)`,
      )
      .run(newId(), hh, status, stopMonth, decidedOn, caseNo, admin, at, at);
  addCase('旧停保', 'stopped', '2019-06', '2015-02-01'); // closed 2019-06-01: past 5 years on 2025-03-10
  addCase('近停保', 'stopped', '2023-01', '2015-02-01'); // closed 2023: within the period
  addCase('旧不予', 'rejected', null, '2018-12-31'); // decided 2018: past
  addCase('在保', 'active', null, '2015-02-01'); // not closed
  expect(await t.admin.call('privacy.retentionReport', {})).toEqual({
    retentionYears: null,
    cutoff: null,
    rows: [],
    total: 0,
  });

  await t.admin.call('safety.updateSettings', { version: 0, secondBackupDir: null, closedCaseRetentionYears: 5 });
  const report = await t.admin.call('privacy.retentionReport', {});
  expect(report.cutoff).toBe('2020-03-10');
  expect(report.total).toBe(2);
  expect(report.rows.map((r) => [r.caseNo, r.status, r.closedOn])).toEqual([
    ['旧不予', 'rejected', '2018-12-31'],
    ['旧停保', 'stopped', '2019-06-01'],
  ]);
  expect(raw.prepare('SELECT count(*) FROM cases').pluck().get()).toBe(4);
});

test('核验: the screen verifies one backup completely and shows what failed; the list shows which carry proof', async () => {
  const r = await t.admin.call('backups.run', { reason: '核验测试' });
  const name = r.file.split(/[\\/]/).pop()!;
  const ok = await t.admin.call('backups.verify', { kind: 'manual', name });
  expect(ok).toMatchObject({ name, proof: 'embedded', verified: true, refusal: null, unvouched: [] });
  expect(ok.checks.map((c) => [c.name, c.ok])).toEqual([
    ['备份校验记录', true],
    ['SHA-256', true],
    ['数据库完整性与操作日志链', true],
    ['操作日志末条', true],
    ['各表数据摘要', true],
    ['日志锚点', true],
  ]);
  expect(ok.recorded).toMatchObject({ kind: 'manual', reason: '核验测试', by: '王管理' });
  // One byte changed in the middle of the database part.
  const bytes = readFileSync(r.file);
  bytes[Math.floor(r.bytes / 2)] = bytes[Math.floor(r.bytes / 2)]! ^ 0x01;
  writeFileSync(r.file, bytes);
  const bad = await t.admin.call('backups.verify', { kind: 'manual', name });
  expect(bad).toMatchObject({
    verified: false,
    refusal: '数据库内容与文件内记录的 SHA-256 校验值不符（文件在备份后被改动或损坏）',
  });
  // A bare file dropped into the folder is listed as having no proof.
  writeFileSync(join(t.dir, 'test.ledger.files', 'backups', 'manual', 'copied.ledger'), readFileSync(t.dbPath));
  const list = await t.admin.call('backups.list', {});
  expect(list.entries.find((e) => e.name === 'copied.ledger')).toMatchObject({ proof: 'none', hasManifest: false });
  expect(list.entries.find((e) => e.name === name)).toMatchObject({ proof: 'embedded', by: '王管理', seq: 1 });
  expect((await t.clerk.try('backups.verify', { kind: 'manual', name })).ok).toBe(false);
  expect((await t.admin.try('backups.verify', { kind: 'manual', name: '../../x.ledger' })).ok).toBe(false);
});
