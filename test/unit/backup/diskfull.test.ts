// A full disk (simulated with PRAGMA max_page_count, which makes SQLite fail exactly as it does on ENOSPC: SQLITE_FULL)
// fails the write cleanly: the clerk reads that nothing was saved, nothing was saved, and the ledger stays sound.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { newId } from '../../../src/main/ledger/ids';
import { appendJournal, verifyJournal } from '../../../src/main/ledger/journal';
import { makeTestCore, type TestCore } from '../../helpers/ledger';

const FULL = '磁盘空间不足，操作未保存。请清理磁盘后重试';

let t: TestCore;
beforeEach(async () => {
  t = await makeTestCore();
});
afterEach(async () => {
  await t.close();
});

test('edits on a full disk are refused one by one, each leaving neither the row nor its journal entry', async () => {
  const raw = t.core.ledger.raw;
  const pages = raw.pragma('page_count', { simple: true }) as number;
  raw.pragma(`max_page_count = ${pages}`);
  const journal = () => raw.prepare('SELECT count(*) FROM journal').pluck().get() as number;
  let saved = 0;
  let refused: { ok: false; error: { code: string; message: string } } | null = null;
  for (let i = 0; i < 500 && !refused; i++) {
    const before = journal();
    const r = await t.admin.try('villages.create', { name: `满盘村${i}`, kind: 'village' });
    if (r.ok) {
      saved++;
      expect(journal()).toBe(before + 1);
    } else {
      refused = r;
      expect(journal()).toBe(before);
      expect(raw.prepare('SELECT count(*) FROM villages WHERE name = ?').pluck().get(`满盘村${i}`)).toBe(0);
    }
  }
  expect(refused?.error).toEqual({ code: 'INTERNAL', message: FULL });
  expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(verifyJournal(raw).ok).toBe(true);
  // Space freed: the same edit goes through.
  raw.pragma(`max_page_count = ${pages + 10_000}`);
  await t.admin.call('villages.create', { name: `满盘后村`, kind: 'village' });
  expect(saved, 'edits that still fit in free pages are saved').toBeGreaterThan(0);
});

test('a multi-row operation that runs out of space half-way leaves nothing at all', async () => {
  // An import-sized write: 500 villages and their 500 journal entries in ONE transaction, the way imports and roll
  // confirmations write (kysely transaction + appendJournal). A few pages of room: it fails part-way through.
  const raw = t.core.ledger.raw;
  const journalBefore = raw.prepare('SELECT count(*) FROM journal').pluck().get() as number;
  raw.pragma(`max_page_count = ${(raw.pragma('page_count', { simple: true }) as number) + 3}`);
  const at = new Date().toISOString();
  const rows = Array.from({ length: 500 }, (_, k) => ({
    id: newId(),
    code: null,
    name: `批量村${k}`,
    kind: 'village' as const,
    sort_order: 1000 + k,
    active: 1,
    merged_into_id: null,
    created_at: at,
    updated_at: at,
    version: 1,
  }));
  let inserted = 0;
  await expect(
    t.core.ledger.db.transaction().execute(async (trx) => {
      for (const row of rows) {
        await trx.insertInto('villages').values(row).execute();
        inserted++;
      }
      await appendJournal(
        trx,
        { id: null, name: '测试' },
        rows.map((r) => ({ action: 'village.create', entity: 'villages', entityId: r.id })),
      );
    }),
    // SQLite has already rolled back on SQLITE_FULL, so kysely's own ROLLBACK reports "no transaction is active"
    // (the dispatcher keeps the first cause; see the test above for the message the clerk reads).
  ).rejects.toThrow(/database or disk is full|cannot rollback - no transaction is active/);
  expect(inserted, 'the failure came part-way through, after some rows were written').toBeGreaterThan(0);
  expect(raw.prepare(`SELECT count(*) FROM villages WHERE name LIKE '批量村%'`).pluck().get()).toBe(0);
  expect(raw.prepare('SELECT count(*) FROM journal').pluck().get()).toBe(journalBefore);
  expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
});
