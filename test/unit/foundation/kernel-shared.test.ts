// What the kernel gives the registers to share: the row-to-view naming (camelFields), the ending of a registered
// row (endVersioned): a stale version is refused and writes nothing; an end saves status, date and reason, bumps the
// version and journals active -> ended with the date and the reason; and the live-row lookup (firstLive).
import { afterEach, beforeEach, expect, test } from 'vitest';
import type { JournalEntryInput } from '../../../src/main/ledger/journal';
import { camelFields, endVersioned, firstLive, loadVersioned } from '../../../src/main/ledger/kernel';
import { makeTestCore, type TestCore } from '../../helpers/ledger';

let t: TestCore;
const at = new Date('2026-03-19T02:00:00Z');
beforeEach(async () => {
  t = await makeTestCore({ now: () => at });
});
afterEach(async () => {
  await t.close();
});

test('camelFields names the listed columns in camelCase, keeps their values and leaves the rest out', () => {
  const row = { id: 'a', village_id: 'v1', beds_total: 0, note_2_x: null, password_hash: 'secret' };
  const fields = camelFields<typeof row>()(['id', 'village_id', 'beds_total', 'note_2_x']);
  expect(fields(row)).toEqual({ id: 'a', villageId: 'v1', bedsTotal: 0, note2X: null });
  expect(fields({ ...row, village_id: 'v2' })).toEqual({ id: 'a', villageId: 'v2', bedsTotal: 0, note2X: null });
});

const stamp = '2026-01-05T00:00:00.000Z';

async function insertElderly(): Promise<void> {
  const [v] = await t.admin.call('villages.list', {});
  await t.core.ledger.db
    .insertInto('elderly_people')
    .values({
      id: 'e1',
      person_id: null,
      id_number: '321202194403120214',
      name: '王秀兰',
      sex: 'F',
      birth_date: '1944-03-12',
      village_id: v!.id,
      address: null,
      phone: null,
      categories: '["alone"]',
      risk_level: 'general',
      contact_name: null,
      contact_phone: null,
      registered_on: '2026-01-05',
      status: 'active',
      ended_on: null,
      end_reason: null,
      remark: null,
      created_at: stamp,
      updated_at: stamp,
      version: 3,
    })
    .execute();
}

test('endVersioned refuses a stale version, then ends the row with its date and reason, journalled', async () => {
  await insertElderly();
  const journalled: JournalEntryInput[] = [];
  const ctx = {
    db: t.core.ledger.db,
    now: () => at,
    journal: async (...e: JournalEntryInput[]) => {
      journalled.push(...e);
    },
  };
  const row = (await loadVersioned(ctx, 'elderly_people', 'e1'))!;
  const what = { action: 'elderly.end', what: '“王秀兰”的登记信息' };

  await expect(endVersioned(ctx, 'elderly_people', row, 2, '2026-03-01', '迁出本镇', what)).rejects.toThrow(
    '“王秀兰”的登记信息已被他人修改',
  );
  expect(await loadVersioned(ctx, 'elderly_people', 'e1')).toMatchObject({ status: 'active', version: 3 });
  expect(journalled).toEqual([]);

  const ended = await endVersioned(ctx, 'elderly_people', row, 3, '2026-03-01', '迁出本镇', what);
  expect(ended).toMatchObject({ status: 'ended', ended_on: '2026-03-01', end_reason: '迁出本镇', version: 4 });
  expect(await loadVersioned(ctx, 'elderly_people', 'e1')).toMatchObject({
    status: 'ended',
    ended_on: '2026-03-01',
    end_reason: '迁出本镇',
    version: 4,
    updated_at: at.toISOString(),
  });
  expect(journalled).toEqual([
    {
      action: 'elderly.end',
      entity: 'elderly_people',
      entityId: 'e1',
      before: { status: 'active' },
      after: { status: 'ended', ended_on: '2026-03-01' },
      reason: '迁出本镇',
    },
  ]);
});

test('firstLive finds a row only while it is not voided and only when every given column matches', async () => {
  await insertElderly();
  const visit = (id: string, visitedOn: string, voided: number) => ({
    id,
    elderly_id: 'e1',
    visited_on: visitedOn,
    way: 'home' as const,
    visitor: '李四',
    findings: '身体尚好',
    problems: null,
    referral: null,
    voided,
    void_reason: voided ? '录错' : null,
    created_by: '张经办',
    created_at: stamp,
    updated_at: stamp,
    version: 1,
  });
  await t.core.ledger.db
    .insertInto('elderly_visits')
    .values([visit('v1', '2026-02-01', 1), visit('v2', '2026-02-02', 0)])
    .execute();
  const ctx = { db: t.core.ledger.db };
  expect(await firstLive(ctx, 'elderly_visits', { elderly_id: 'e1', visited_on: '2026-02-01' })).toBeUndefined();
  expect(await firstLive(ctx, 'elderly_visits', { elderly_id: 'e1', visited_on: '2026-02-02' })).toMatchObject({
    id: 'v2',
    visitor: '李四',
  });
  expect(await firstLive(ctx, 'elderly_visits', { elderly_id: 'e1', visited_on: '2026-02-02', way: 'phone' })).toBe(
    undefined,
  );
  expect(await firstLive(ctx, 'elderly_visits', { elderly_id: 'e1' })).toMatchObject({ id: 'v2' });
});
