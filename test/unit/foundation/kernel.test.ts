// The write kernel: a stale edit is refused and writes nothing; a saved change bumps the version, sets updated_at
// and journals only the fields that changed, under the table's own column names.
import { afterEach, beforeEach, expect, test } from 'vitest';
import type { JournalEntryInput } from '../../../src/main/ledger/journal';
import { loadVersioned, updateVersioned } from '../../../src/main/ledger/kernel';
import { makeTestCore, type TestCore } from '../../helpers/ledger';

let t: TestCore;
const at = new Date('2026-03-19T02:00:00Z');
beforeEach(async () => {
  t = await makeTestCore({ now: () => at });
});
afterEach(async () => {
  await t.close();
});

function journalOf(entityId: string) {
  return t.core.ledger.raw
    .prepare(`SELECT action, entity, before, after, reason FROM journal WHERE entity_id = ? ORDER BY seq`)
    .all(entityId) as { action: string; entity: string; before: string; after: string; reason: string | null }[];
}

test('a rename through the dispatcher: version + 1, updated_at now, the journal holds only the changed name', async () => {
  const [v] = await t.admin.call('villages.list', {});
  const renamed = await t.admin.call('villages.rename', {
    id: v!.id,
    version: v!.version,
    name: '新华村',
    reason: '更名',
  });
  expect(renamed.version).toBe(v!.version + 1);
  const row = await loadVersioned({ db: t.core.ledger.db }, 'villages', v!.id);
  expect(row).toMatchObject({ name: '新华村', version: v!.version + 1, updated_at: at.toISOString() });
  const last = journalOf(v!.id).at(-1)!;
  expect(last.action).toBe('village.rename');
  expect(JSON.parse(last.before)).toEqual({ name: v!.name });
  expect(JSON.parse(last.after)).toEqual({ name: '新华村' });
  expect(last.reason).toBe('更名');
});

test('an edit based on an old version is refused with the record named, and nothing is written', async () => {
  const [v] = await t.admin.call('villages.list', {});
  const journalled: JournalEntryInput[] = [];
  const ctx = {
    db: t.core.ledger.db,
    now: () => at,
    journal: async (...e: JournalEntryInput[]) => {
      journalled.push(...e);
    },
  };
  await expect(
    updateVersioned(ctx, 'villages', v!.id, v!.version - 1, { name: '旧版本' }, { action: 'x', what: '村(社区)“甲”' }),
  ).rejects.toThrow('村(社区)“甲”已被他人修改，请刷新后重新编辑（您的修改未保存）');
  // The row read before another writer saved: the version check in the UPDATE itself still refuses it.
  const stale = (await loadVersioned(ctx, 'villages', v!.id))!;
  await t.admin.call('villages.rename', { id: v!.id, version: v!.version, name: '抢先保存', reason: '测试' });
  await expect(
    updateVersioned(
      ctx,
      'villages',
      v!.id,
      stale.version,
      { name: '后到' },
      { action: 'x', what: '该村', current: stale },
    ),
  ).rejects.toThrow('该村已被他人修改');
  expect(journalled).toEqual([]);
  expect((await loadVersioned(ctx, 'villages', v!.id))!.name).toBe('抢先保存');
  await expect(
    updateVersioned(ctx, 'villages', 'no-such-id', 1, { name: 'x' }, { action: 'x', what: '村(社区)' }),
  ).rejects.toThrow('未找到村(社区)');
});

test('an unchanged field is not journalled; a value set to null is', async () => {
  const [v] = await t.admin.call('villages.list', {});
  const journalled: JournalEntryInput[] = [];
  const ctx = {
    db: t.core.ledger.db,
    now: () => at,
    journal: async (...e: JournalEntryInput[]) => {
      journalled.push(...e);
    },
  };
  await updateVersioned(
    ctx,
    'villages',
    v!.id,
    v!.version,
    { name: v!.name, code: null, kind: v!.kind === 'village' ? 'community' : 'village' },
    { action: 'village.edit', what: '该村', reason: '核对' },
  );
  expect(journalled).toHaveLength(1);
  const kind = v!.kind === 'village' ? 'community' : 'village';
  expect(v!.code).not.toBeNull();
  expect(journalled[0]!.before).toEqual({ code: v!.code, kind: v!.kind });
  expect(journalled[0]!.after).toEqual({ code: null, kind });
});
