// The month's figures are kept for the stamp of their data (migration 0018, reports/figures-cache.ts). What must
// hold: every table the figures and their checks read moves the stamp on every insert, update and delete (found by
// reading the statements' own query plans, so a new table read by a later change fails here until it gets its
// triggers), a write by any path — even plain SQL past the services — gives new figures at once, a rolled-back write
// gives the old ones, and each caller gets its own copy.
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLedger } from '../../../src/main/ledger/db';
import {
  computeMonthFigures,
  figuresWithPrevious,
  socialChecks,
  socialFigures,
} from '../../../src/main/ledger/reports/figures';
import { previousMonth } from '../../../src/shared/time';
import { figuresStamp } from '../../../src/main/ledger/reports/figures-cache';
import { makeTestCore, type TestCore } from '../../helpers/ledger';
import { buildScenario, type Scenario } from './scenario';

/** Tables whose rows the figures derive themselves (the roll-sum cache, keyed by the roll's own stamp) or the stamp. */
const DERIVED = new Set(['report_roll_sums', 'report_figures_stamp']);

describe('figures kept for the stamp of their data', () => {
  let t: TestCore;
  let s: Scenario;
  beforeEach(async () => {
    t = await makeTestCore();
    s = await buildScenario(t.core.ledger.db);
  });
  afterEach(async () => t.close());

  it('every table the figures and their checks read has the three triggers that move the stamp', async () => {
    // A second connection with no statements prepared yet, so every statement of the computation is seen.
    const l = await openLedger(t.core.ledger.path);
    try {
      const seen: string[] = [];
      const prepare = l.raw.prepare.bind(l.raw);
      l.raw.prepare = ((text: string) => {
        seen.push(text);
        return prepare(text);
      }) as typeof l.raw.prepare;
      for (const [month, monthOnly] of [
        ['2026-03', false],
        ['2026-02', true],
      ] as const) {
        const f = await socialFigures(l.db, month, monthOnly);
        await socialChecks(l.db, f);
      }
      await s.fx.roll('2026-03', 'confirmed');
      await socialChecks(l.db, await socialFigures(l.db, '2026-03', false));
      l.raw.prepare = prepare as typeof l.raw.prepare;
      const tableOfPage = new Map(
        (
          l.raw.prepare(`SELECT rootpage, tbl_name FROM sqlite_master WHERE rootpage > 0`).all() as {
            rootpage: number;
            tbl_name: string;
          }[]
        ).map((r) => [r.rootpage, r.tbl_name]),
      );
      const read = new Set<string>();
      for (const text of seen.filter((x) => /^\s*(SELECT|WITH)\b/i.test(x))) {
        const params = (text.match(/\?/g) ?? []).map(() => null);
        const plan = l.raw.prepare(`EXPLAIN ${text}`).all(...params) as { opcode: string; p2: number; p3: number }[];
        for (const op of plan) {
          if (op.opcode !== 'OpenRead' || op.p3 !== 0) continue;
          const table = tableOfPage.get(op.p2);
          if (table && !DERIVED.has(table)) read.add(table);
        }
      }
      expect([...read].sort()).toEqual(
        expect.arrayContaining([
          'case_amounts',
          'case_members',
          'cases',
          'households',
          'payment_roll_lines',
          'payment_rolls',
          'people',
          'settings',
          'villages',
        ]),
      );
      const triggers = l.raw
        .prepare(`SELECT tbl_name, sql FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%report_figures_stamp%'`)
        .all() as { tbl_name: string; sql: string }[];
      for (const table of read) {
        for (const op of ['INSERT', 'UPDATE', 'DELETE']) {
          expect(
            triggers.some((tr) => tr.tbl_name === table && tr.sql.includes(`AFTER ${op} ON ${table}`)),
            `${table}: AFTER ${op} trigger moving the stamp`,
          ).toBe(true);
        }
      }
    } finally {
      await l.close();
    }
  });

  it('a write by any path gives new figures at once; a read or a rolled-back write keeps the stamp', async () => {
    const db = t.core.ledger.db;
    const before = await computeMonthFigures(db, '2026-03');
    const women = (f: typeof before) => f.dibaoTables.find((x) => x.area === 'rural')?.total.women ?? -1;
    const stamp = await figuresStamp(db);
    expect(stamp).toMatch(/^[0-9A-F]{32}$/);
    expect(await computeMonthFigures(db, '2026-03')).toEqual(before);
    expect(await figuresStamp(db)).toBe(stamp);

    // Plain SQL past every service: p1 (a member of the rural 低保 case) is recorded as a woman.
    const was = women(before);
    await sql`UPDATE people SET sex = CASE sex WHEN 'F' THEN 'M' ELSE 'F' END WHERE id = ${s.p.p1}`.execute(db);
    expect(await figuresStamp(db)).not.toBe(stamp);
    const after = await computeMonthFigures(db, '2026-03');
    expect(Math.abs(women(after) - was)).toBe(1);

    // A write rolled back leaves the data, and so the stamp, as they were.
    const stampAfter = await figuresStamp(db);
    await db
      .transaction()
      .execute(async (trx) => {
        await sql`DELETE FROM case_members WHERE person_id = ${s.p.p1}`.execute(trx);
        expect((await computeMonthFigures(trx, '2026-03')).rows).not.toEqual(after.rows);
        throw new Error('rollback');
      })
      .catch((e: Error) => expect(e.message).toBe('rollback'));
    expect(await figuresStamp(db)).toBe(stampAfter);
    expect(await computeMonthFigures(db, '2026-03')).toEqual(after);
  });

  it('each caller gets its own copy of kept figures', async () => {
    const db = t.core.ledger.db;
    const a = await computeMonthFigures(db, '2026-02', { full: false });
    const rows = structuredClone(a.rows);
    a.rows[0]!.households = 999;
    a.checks.push({ code: 'x', name: 'x', ok: false, message: 'x' });
    const b = await computeMonthFigures(db, '2026-02', { full: false });
    expect(b.rows).toEqual(rows);
    expect(b.checks).toEqual([]);
  });

  it('the month and its 上月 read together equal each computed on its own (in a year and across a new year)', async () => {
    const db = t.core.ledger.db;
    const moveStamp = () => sql`UPDATE report_figures_stamp SET stamp = randomblob(16) WHERE id = 1`.execute(db);
    await s.fx.roll('2026-02', 'confirmed');
    for (const month of ['2026-03', '2026-04', '2026-02', '2026-01']) {
      await moveStamp();
      const both = await figuresWithPrevious(db, month);
      await moveStamp();
      expect(both.figures, month).toEqual(await computeMonthFigures(db, month));
      const prev = await computeMonthFigures(db, previousMonth(month), { full: false, monthOnly: true });
      expect(both.previous, previousMonth(month)).toEqual(prev);
      expect(prev.rows.some((r) => r.households > 0) || month === '2026-01').toBe(true);
    }
  });
});
