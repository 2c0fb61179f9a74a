// The journal: written with every change in the same transaction, append-only, hash-chained, and checkable.
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { startCore } from '../../../src/main/core';
import { checkLedger } from '../../../src/main/ledger/backup/check';
import { verifyJournal } from '../../../src/main/ledger/journal';
import { makeTestCore, type TestCore } from '../../helpers/ledger';

let t: TestCore;
beforeEach(async () => {
  t = await makeTestCore();
});
afterEach(async () => {
  await t.close();
});

test('a write and its journal entry commit together: who, what, before/after and why', async () => {
  const [village] = await t.admin.call('villages.list', {});
  await t.admin.call('villages.rename', {
    id: village!.id,
    version: village!.version,
    name: '东安社区',
    reason: '居委会更名',
  });
  const entry = await t.core.ledger.db
    .selectFrom('journal')
    .selectAll()
    .where('action', '=', 'village.rename')
    .executeTakeFirstOrThrow();
  expect(entry.actor_name).toBe('王管理');
  expect(entry.entity_id).toBe(village!.id);
  expect(JSON.parse(entry.before!)).toEqual({ name: village!.name });
  expect(JSON.parse(entry.after!)).toEqual({ name: '东安社区' });
  expect(entry.reason).toBe('居委会更名');
});

test('a refused write leaves neither the change nor a journal entry', async () => {
  const [a, b] = await t.admin.call('villages.list', {});
  const count = async () => (await t.core.ledger.db.selectFrom('journal').select('seq').execute()).length;
  const n = await count();
  const r = await t.admin.try('villages.rename', { id: a!.id, version: a!.version, name: b!.name, reason: '测试' });
  expect(r.ok).toBe(false);
  expect(!r.ok && r.error.message).toBe(`已有名为“${b!.name}”的村(社区)`);
  expect(await count()).toBe(n);
});

test('the journal refuses updates and deletes', () => {
  expect(() => t.core.ledger.raw.prepare("UPDATE journal SET actor_name = 'x'").run()).toThrow(
    '操作日志只能追加，不能修改',
  );
  expect(() => t.core.ledger.raw.prepare('DELETE FROM journal').run()).toThrow('操作日志只能追加，不能删除');
});

test('check finds an entry changed behind the app’s back, and a removed one', async () => {
  expect(verifyJournal(t.core.ledger.raw).ok).toBe(true);
  await t.core.close();
  const raw = new Database(t.dbPath);
  raw.exec('DROP TRIGGER journal_no_update; DROP TRIGGER journal_no_delete;');
  raw.prepare('UPDATE journal SET after = \'{"name":"篡改"}\' WHERE seq = 3').run();
  raw.close();
  let result = await checkLedger(t.dbPath);
  expect(result.ok).toBe(false);
  expect(result.items.find((i) => i.name === '操作日志链')?.message).toBe(
    '操作日志第 3 条的内容与其校验值不符：该记录被改动过',
  );

  const raw2 = new Database(t.dbPath);
  raw2.prepare('UPDATE journal SET after = NULL WHERE seq = 3').run(); // not the original either way
  raw2.prepare('DELETE FROM journal WHERE seq = 3').run();
  raw2.close();
  result = await checkLedger(t.dbPath);
  expect(result.items.find((i) => i.name === '操作日志链')?.message).toBe(
    '操作日志链在第 4 条断开：前一条记录被删除或改动',
  );
  t.core = await startCore({ dbPath: t.dbPath }); // re-opened so afterEach can close it
});
