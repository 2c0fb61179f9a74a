// Bulk writes with the derived-state triggers off (kernel/bulk.ts): every trigger of a migrated ledger is either
// registered with its catch-up or kept on purpose; after bulk work the derived state is exactly what the triggers
// would have made of it, the triggers are back as they were, and a failure leaves triggers, state and data as before.
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bulkWrite, derivedEntryOf, DERIVED_TRIGGERS, KEPT_TRIGGERS } from '../../../src/main/ledger/kernel';
import { fakeId } from '../../fixtures/make-fixtures';
import { makeTestCore, type TestCore } from '../../helpers/ledger';

let t: TestCore;
beforeEach(async () => {
  t = await makeTestCore({ now: () => new Date('2024-03-15T02:00:00Z') });
});
afterEach(async () => {
  await t.close();
});

const all = <R>(sql: string, ...params: unknown[]): R[] => t.core.ledger.raw.prepare(sql).all(...params) as R[];
const triggers = (): { name: string; sql: string }[] =>
  all(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name`);
/** Every table, index and trigger as sqlite_master holds it. */
const schema = (): unknown[] => all(`SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name`);
const stamp = (): string => all<{ s: string }>(`SELECT hex(stamp) AS s FROM report_figures_stamp`)[0]?.s ?? '';
/** Each household's stored sort keys beside the values computed from scratch through the joins (what 0019 stores). */
const sortKeys = (): { stored: unknown[]; fresh: unknown[] } => {
  const rows = all<{ id: string; sv: unknown; si: unknown; sn: unknown; v: unknown; i: unknown; n: unknown }>(
    `SELECT h.id, h.sort_village AS sv, h.sort_initials AS si, h.sort_name AS sn,
       v.sort_order AS v, p.name_initials AS i, p.name AS n
     FROM households h LEFT JOIN villages v ON v.id = h.village_id LEFT JOIN people p ON p.id = h.head_person_id
     ORDER BY h.id`,
  );
  return { stored: rows.map((r) => [r.id, r.sv, r.si, r.sn]), fresh: rows.map((r) => [r.id, r.v, r.i, r.n]) };
};
const counts = (): number[] =>
  ['people', 'households', 'household_members', 'cases', 'case_members', 'case_amounts', 'journal'].map(
    (table) => all<{ n: number }>(`SELECT count(*) AS n FROM ${table}`)[0]?.n ?? 0,
  );

const HEADER = ['村(社区)', '户主姓名', '姓名', '与户主关系', '身份证号码', '保障类别', '月保障金', '享受起始时间'];
const SURNAMES = ['赵', '钱', '孙', '李', '周', '吴', '郑', '王'];

/** `households` two-person households spread over the given villages, heads named so the list order is mixed. */
async function workbook(villages: string[], households: number, from = 0): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('台账');
  ws.addRow(HEADER);
  for (let k = from; k < from + households; k++) {
    const head = `${SURNAMES[(k * 5) % SURNAMES.length]}${'建国秀英志强'[k % 6]}${k}`;
    const village = villages[k % villages.length];
    ws.addRow([village, head, head, '户主', fakeId('1960-02-01', 2 * k + 1), '农村低保', 500, '2023-01']);
    ws.addRow([null, null, `孙${k}`, '配偶', fakeId('1962-03-01', 2 * k + 2), null, null, null]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

const villageNames = (): string[] =>
  all<{ name: string }>(`SELECT name FROM villages WHERE merged_into_id IS NULL ORDER BY name LIMIT 3`).map(
    (r) => r.name,
  );

describe('bulk writes and the derived-state triggers', () => {
  it('every trigger of a migrated ledger is registered with its catch-up or kept on purpose', () => {
    const names = triggers().map((tr) => tr.name);
    const unknown = names.filter((n) => derivedEntryOf(n) === undefined && !KEPT_TRIGGERS.includes(n));
    expect(unknown).toEqual([]);
    // The registry and the keep-list name triggers that exist (a renamed trigger is not silently left on).
    for (const d of DERIVED_TRIGGERS) expect(names.some((n) => n.startsWith(d.prefix))).toBe(true);
    for (const k of KEPT_TRIGGERS) expect(names).toContain(k);
    expect(KEPT_TRIGGERS.filter((k) => derivedEntryOf(k) !== undefined)).toEqual([]);
  });

  it('refuses to run outside a write transaction (the dropped triggers would be committed alone)', async () => {
    await expect(bulkWrite(t.core.ledger.raw, () => 1)).rejects.toThrow(/no write transaction/);
    expect(triggers().length).toBeGreaterThan(2);
  });

  it('an import moves the stamp and stores the sort keys the triggers would have, in the list’s order', async () => {
    const villages = villageNames();
    // Households already on the ledger (written with the triggers on), then a bulk import beside them.
    const schemaBefore = schema();
    await t.admin.call('exchange.import', { kind: 'cases', fileName: 'a.xlsx', data: await workbook(villages, 7) });
    // The empty tables' plain indexes were dropped for the rows and built again: the same schema, consistent.
    expect(schema()).toEqual(schemaBefore);
    expect(all(`PRAGMA integrity_check`)).toEqual([{ integrity_check: 'ok' }]);
    const before = triggers();
    const stampBefore = stamp();
    const r = await t.admin.call('exchange.import', {
      kind: 'cases',
      fileName: 'b.xlsx',
      data: await workbook(villages, 23, 7),
    });
    expect(r.households).toBe(23);
    expect(stamp()).not.toBe(stampBefore);
    expect(triggers()).toEqual(before);
    expect(schema()).toEqual(schemaBefore);
    expect(all(`PRAGMA integrity_check`)).toEqual([{ integrity_check: 'ok' }]);
    const keys = sortKeys();
    expect(keys.stored).toHaveLength(30);
    expect(keys.stored).toEqual(keys.fresh);
    // The list pages through the stored keys: its order is the order of a from-scratch sort through the joins.
    const scratchOrder = (): string[] =>
      all<{ id: string }>(
        `SELECT h.id FROM households h JOIN villages v ON v.id = h.village_id
         LEFT JOIN people p ON p.id = h.head_person_id ORDER BY v.sort_order, p.name_initials, p.name, h.id`,
      ).map((x) => x.id);
    const fromScratch = scratchOrder();
    const list = await t.clerk.call('households.list', { includeClosed: true, limit: 100, offset: 0 });
    expect(list.rows.map((x) => x.id)).toEqual(fromScratch);
    expect(new Set(list.rows.map((x) => x.villageName)).size).toBe(villages.length);

    // Re-imported with the villages turned round: existing households change village (with the triggers on).
    const again = await t.admin.call('exchange.import', {
      kind: 'cases',
      fileName: 'c.xlsx',
      data: await workbook([...villages].reverse(), 7),
      accept: 'all',
    });
    expect(again.changesApplied).toBeGreaterThan(0);
    expect(sortKeys().stored).toEqual(sortKeys().fresh);
    const moved = await t.clerk.call('households.list', { includeClosed: true, limit: 100, offset: 0 });
    expect(moved.rows.map((x) => x.id)).not.toEqual(fromScratch);
    expect(moved.rows.map((x) => x.id)).toEqual(scratchOrder());
  });

  it('after bulk updates of heads, names and village order the keys are exactly what the triggers give', async () => {
    await t.admin.call('exchange.import', {
      kind: 'cases',
      fileName: 'a.xlsx',
      data: await workbook(villageNames(), 12),
    });
    const raw = t.core.ledger.raw;
    // The same writes twice: with the triggers on (rolled back), then as bulk work; the stored keys must agree.
    const writes = (): void => {
      raw.exec(`UPDATE people SET name = '艾' || name, name_initials = 'a' || name_initials
                WHERE id IN (SELECT head_person_id FROM households ORDER BY id LIMIT 4)`);
      raw.exec(`UPDATE villages SET sort_order = 1000 - sort_order`);
      raw.exec(`UPDATE households SET head_person_id = (SELECT m.person_id FROM household_members m
                  WHERE m.household_id = households.id AND m.person_id IS NOT households.head_person_id LIMIT 1)
                WHERE id IN (SELECT id FROM households ORDER BY id DESC LIMIT 3)`);
      raw.exec(`UPDATE households SET head_person_id = NULL WHERE id = (SELECT min(id) FROM households)`);
    };
    raw.exec('BEGIN');
    writes();
    const withTriggers = sortKeys().stored;
    raw.exec('ROLLBACK');
    const stampBefore = stamp();
    const before = triggers();
    raw.exec('BEGIN');
    await bulkWrite(raw, writes);
    raw.exec('COMMIT');
    expect(sortKeys().stored).toEqual(withTriggers);
    expect(sortKeys().stored).toEqual(sortKeys().fresh);
    expect(stamp()).not.toBe(stampBefore);
    expect(triggers()).toEqual(before);
    // The triggers are live again: a one-row edit moves the stamp and the keys at once.
    const s = stamp();
    raw.exec(`UPDATE villages SET sort_order = sort_order + 1`);
    expect(stamp()).not.toBe(s);
    expect(sortKeys().stored).toEqual(sortKeys().fresh);
  });

  it('a failing import leaves the triggers, the stamp, the keys and the data as they were', async () => {
    const villages = villageNames();
    await t.admin.call('exchange.import', { kind: 'cases', fileName: 'a.xlsx', data: await workbook(villages, 5) });
    const before = { schema: schema(), stamp: stamp(), keys: sortKeys().stored, counts: counts() };
    // Stands for a disk error once the rows are in and the journal is being appended.
    t.core.ledger.raw.exec(`CREATE TRIGGER fail_journal BEFORE INSERT ON journal WHEN NEW.action = 'case.import'
      BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END`);
    const r = await t.admin.try('exchange.import', {
      kind: 'cases',
      fileName: 'b.xlsx',
      data: await workbook(villages, 9, 5),
    });
    expect(r.ok).toBe(false);
    t.core.ledger.raw.exec('DROP TRIGGER fail_journal');
    expect({ schema: schema(), stamp: stamp(), keys: sortKeys().stored, counts: counts() }).toEqual(before);

    // A failure inside bulk work that the caller catches leaves its transaction usable, with the triggers on.
    const raw = t.core.ledger.raw;
    raw.exec('BEGIN');
    await expect(
      bulkWrite(raw, () => {
        raw.exec(`UPDATE villages SET sort_order = sort_order + 7`);
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    expect(raw.inTransaction).toBe(true);
    expect(schema()).toEqual(before.schema);
    // Insert-only work (its catch-up looks at the new households only) may not change an existing row.
    await expect(
      bulkWrite(raw, () => raw.exec(`UPDATE people SET name = name || '甲'`), { insertOnly: true }),
    ).rejects.toThrow(/insertOnly: UPDATE of people/);
    await expect(
      bulkWrite(raw, () => raw.exec(`DELETE FROM villages WHERE id NOT IN (SELECT village_id FROM households)`), {
        insertOnly: true,
      }),
    ).rejects.toThrow(/insertOnly: DELETE of villages/);
    expect(schema()).toEqual(before.schema);
    expect(all(`SELECT name FROM sqlite_temp_master WHERE type = 'trigger'`)).toEqual([]);
    raw.exec('COMMIT');
    expect({ schema: schema(), stamp: stamp(), keys: sortKeys().stored, counts: counts() }).toEqual(before);
  });
});
