// The import's bulk write path: rows go in through prepared better-sqlite3 statements on the dispatcher's connection,
// the journal through appendJournal afterwards. Both are one transaction: a failure in either leaves nothing behind.
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bulkIdSource } from '../../../src/main/ledger/exchange/bulk-ids';
import { verifyJournal } from '../../../src/main/ledger/journal';
import { fakeId } from '../../fixtures/make-fixtures';
import { makeTestCore, type TestCore } from '../../helpers/ledger';

const HEADER = ['村(社区)', '户主姓名', '姓名', '与户主关系', '身份证号码', '保障类别', '月保障金', '享受起始时间'];
const TABLES = ['people', 'households', 'household_members', 'cases', 'case_members', 'case_amounts', 'case_steps'];

async function workbook(households: number): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('台账');
  ws.addRow(HEADER);
  for (let h = 0; h < households; h++) {
    ws.addRow(['花园村', `户${h}`, `户${h}`, '户主', fakeId('1960-02-01', 2 * h + 1), '农村低保', 500, '2023-01']);
    ws.addRow([null, null, '王桂英', '配偶', fakeId('1962-03-01', 2 * h + 2), null, null, null]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

let t: TestCore;
const counts = (): number[] =>
  TABLES.map((table) => (t.core.ledger.raw.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n);
const journalCount = (): number =>
  (t.core.ledger.raw.prepare('SELECT count(*) AS n FROM journal').get() as { n: number }).n;

beforeEach(async () => {
  t = await makeTestCore({ now: () => new Date('2024-03-15T02:00:00Z') });
});
afterEach(async () => {
  await t.close();
});

describe('bulk write of an import', () => {
  it('a failure in the journal, after every row was written, rolls the rows back too', async () => {
    const data = await workbook(3);
    const before = journalCount();
    // Stands for a crash or disk error once the rows are in and the journal is being appended.
    t.core.ledger.raw.exec(`CREATE TRIGGER fail_journal BEFORE INSERT ON journal WHEN NEW.action = 'case.import'
      BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END`);
    const r = await t.clerk.try('exchange.import', { kind: 'cases', fileName: 'x.xlsx', data });
    expect(r.ok).toBe(false);
    expect(counts()).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(journalCount()).toBe(before);

    // The same connection still works and the same file then imports whole.
    t.core.ledger.raw.exec('DROP TRIGGER fail_journal');
    const ok = await t.clerk.call('exchange.import', { kind: 'cases', fileName: 'x.xlsx', data });
    expect([ok.people, ok.households, ok.cases]).toEqual([6, 3, 3]);
    expect(counts()).toEqual([6, 3, 6, 3, 6, 3, 3]);
  });

  it('journals one entry per record written, in an unbroken hash chain', async () => {
    await t.clerk.call('exchange.import', { kind: 'cases', fileName: 'x.xlsx', data: await workbook(4) });
    const byAction = t.core.ledger.raw
      .prepare(
        `SELECT action, count(*) AS n, count(DISTINCT entity_id) AS ids FROM journal
         WHERE action IN ('person.create','household.create','household.member_join','case.import','import.run')
         GROUP BY action ORDER BY action`,
      )
      .all();
    expect(byAction).toEqual([
      { action: 'case.import', n: 4, ids: 4 },
      { action: 'household.create', n: 4, ids: 4 },
      { action: 'household.member_join', n: 8, ids: 8 },
      { action: 'import.run', n: 1, ids: 1 },
      { action: 'person.create', n: 8, ids: 8 },
    ]);
    // Every journalled id is the id of the row written.
    const orphans = t.core.ledger.raw
      .prepare(
        `SELECT count(*) AS n FROM journal j WHERE
           (j.action = 'person.create' AND j.entity_id NOT IN (SELECT id FROM people)) OR
           (j.action = 'household.create' AND j.entity_id NOT IN (SELECT id FROM households)) OR
           (j.action = 'household.member_join' AND j.entity_id NOT IN (SELECT id FROM household_members)) OR
           (j.action = 'case.import' AND j.entity_id NOT IN (SELECT id FROM cases))`,
      )
      .get();
    expect(orphans).toEqual({ n: 0 });
    expect(verifyJournal(t.core.ledger.raw).ok).toBe(true);
    // Pinyin initials as search expects them, read once for a name that repeats (every spouse is 王桂英).
    const initials = t.core.ledger.raw
      .prepare(`SELECT name_initials AS i, count(*) AS n FROM people WHERE name = '王桂英' GROUP BY name_initials`)
      .all();
    expect(initials).toEqual([{ i: 'wgy', n: 4 }]);
  });
});

describe('bulkIdSource', () => {
  it('gives distinct UUIDv7 ids in strictly increasing order, also within one millisecond', () => {
    const next = bulkIdSource(() => 1_700_000_000_000);
    const ids = Array.from({ length: 10_000 }, () => next());
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
    expect(ids[0]?.slice(0, 13).replace('-', '')).toBe((1_700_000_000_000).toString(16).padStart(12, '0'));
  });

  it('orders by time across milliseconds', () => {
    let now = 1_700_000_000_000;
    const next = bulkIdSource(() => now);
    const a = next();
    now += 1;
    const b = next();
    expect(a < b).toBe(true);
  });
});
