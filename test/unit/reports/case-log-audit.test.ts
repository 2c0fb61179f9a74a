// Holes looked for in the kept per-case rows (reports/case-log.ts, migration 0020) and the grain's kept counts
// (grain.ts), each a write followed by a read brought up to date, compared with a full computation (a row saying
// everything changed, then the same read): a write that changes a case's rows without naming the case in the log,
// counts kept across the write that miss it, another connection's write, and a ledger replaced by a backup of itself
// whose log overlaps the seqs the rows were kept at. docs/DECISIONS.md ("Kept figures audited for staleness").
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLedger, type DB } from '../../../src/main/ledger/db';
import { dueTasksOf } from '../../../src/main/ledger/cases';
import type { ServiceContext } from '../../../src/main/ledger/kernel';
import { caseRowReads, keptCaseRows } from '../../../src/main/ledger/reports/case-log';
import { paidCases } from '../../../src/main/ledger/reports/details-paid';
import { paidAndDueByMonth } from '../../../src/main/ledger/reports/trend';
import { sumGrain } from '../../../src/main/ledger/reports/grain';
import { makeTestCore, type TestCore } from '../../helpers/ledger';
import { keptAndFresh, MONTH, readMonth } from './kept-read';
import { buildScenario, type Scenario } from './scenario';

describe('kept figures: no write leaves them stale', () => {
  let t: TestCore;
  let s: Scenario;
  let h1: string;
  beforeEach(async () => {
    t = await makeTestCore();
    s = await buildScenario(t.core.ledger.db);
    h1 = (await sql<{ h: string }>`SELECT household_id AS h FROM cases WHERE id = ${s.cases.h1Dibao}`.execute(s.fx.db))
      .rows[0]!.h;
  });
  afterEach(async () => t.close());

  const read = readMonth;

  const tekunUnder16 = (g: Awaited<ReturnType<typeof read>>['grain']) =>
    sumGrain(g, (r) => r.s === 'P' && r.k.startsWith('tekun')).a.under16;

  it("a 孤儿 case of a 特困 person under 16 started, stopped, removed: 特困's 未满16周岁 follows", async () => {
    const db = t.core.ledger.db;
    // p2 (born 2012-03) is under 16 in March 2026: a 特困 person, counted as 未满16周岁 unless paid as an orphan.
    await s.fx.case({ household: h1, category: 'tekun', area: 'rural', person: s.p.p2, start: '2026-01' });
    let orphan = '';
    // Only the 孤儿 case itself is written: the 特困 case's rows must follow all the same.
    const started = await keptAndFresh(db, async () => {
      orphan = await s.fx.case({ household: h1, category: 'guer', area: 'rural', person: s.p.p2, start: '2026-02' });
    });
    expect(tekunUnder16(started.before.grain)).toBe(1);
    expect(tekunUnder16(started.fresh.grain)).toBe(0);
    expect(started.kept).toEqual(started.fresh);
    const stopped = await keptAndFresh(db, () =>
      sql`UPDATE cases SET stop_month = ${MONTH}, status = 'stopped' WHERE id = ${orphan}`.execute(db),
    );
    expect(tekunUnder16(stopped.fresh.grain)).toBe(1);
    expect(stopped.kept).toEqual(stopped.fresh);
    await sql`UPDATE cases SET stop_month = NULL, status = 'active' WHERE id = ${orphan}`.execute(db);
    const removed = await keptAndFresh(db, async () => {
      await sql`DELETE FROM case_members WHERE case_id = ${orphan}`.execute(db);
      await sql`DELETE FROM case_amounts WHERE case_id = ${orphan}`.execute(db);
      await sql`DELETE FROM cases WHERE id = ${orphan}`.execute(db);
    });
    expect(tekunUnder16(removed.before.grain)).toBe(0);
    expect(tekunUnder16(removed.fresh.grain)).toBe(1);
    expect(removed.kept).toEqual(removed.fresh);
  });

  it('a 孤儿 case moved from a 特困 person under 16 to another person', async () => {
    const db = t.core.ledger.db;
    await s.fx.case({ household: h1, category: 'tekun', area: 'rural', person: s.p.p2, start: '2026-01' });
    const orphan = await s.fx.case({
      household: h1,
      category: 'guer',
      area: 'rural',
      person: s.p.p2,
      start: '2026-02',
    });
    const { kept, fresh } = await keptAndFresh(db, () =>
      sql`UPDATE cases SET person_id = ${s.p.p6} WHERE id = ${orphan}`.execute(db),
    );
    expect(tekunUnder16(fresh.grain)).toBe(1);
    expect(kept).toEqual(fresh);
  });

  it("a 特困 case's 供养方式 changed after its month's roll was confirmed: the roll's kept sums follow", async () => {
    const db = t.core.ledger.db;
    // A confirmed roll's sums by row are kept in the ledger (report_roll_sums); a 特困 line's row (集中/分散) is its
    // case's 供养方式 as it is now (sets.ts ROLL_KEY), which the roll's own stamp does not follow.
    await s.fx.roll(MONTH, 'confirmed');
    const { before, kept, fresh } = await keptAndFresh(db, async () => {
      await sql`UPDATE cases SET support_mode = 'dispersed' WHERE id = ${s.cases.h4Tekun}`.execute(db);
      return undefined;
    }).then(async (r) => {
      // Added up again from the lines (a new figures' stamp, so that the figures are computed again too).
      await sql`DELETE FROM report_roll_sums`.execute(db);
      await sql`INSERT INTO report_case_changes (case_id, token) VALUES (NULL, randomblob(8))`.execute(db);
      return { ...r, fresh: await read(db) };
    });
    expect(fresh.figures.rows).not.toEqual(before.figures.rows);
    expect(kept).toEqual(fresh);
  });

  it('a write by another connection to the same file (the office server, the village exchange) is seen', async () => {
    const db = t.core.ledger.db;
    const other = await openLedger(t.core.ledger.path);
    try {
      const { kept, fresh } = await keptAndFresh(db, async () => {
        await sql`UPDATE people SET disability_grade = 2 WHERE id = ${s.p.p1}`.execute(other.db);
        await sql`UPDATE cases SET stop_month = ${MONTH}, status = 'stopped' WHERE id = ${s.cases.h2Dibao}`.execute(
          other.db,
        );
      });
      expect(kept).toEqual(fresh);
    } finally {
      await other.close();
    }
  });

  it('a ledger replaced by a backup of itself, whose log reaches the kept seqs with other rows, is read in full', async () => {
    const db = t.core.ledger.db;
    const backup = join(t.dir, 'backup.ledger');
    await t.core.ledger.raw.backup(backup);
    // After the backup: writes the backup does not hold, read and kept at their seqs.
    await sql`UPDATE cases SET stop_month = ${MONTH}, status = 'stopped' WHERE id = ${s.cases.h1Dibao}`.execute(db);
    await sql`UPDATE people SET birth_date = '1940-01-01' WHERE id = ${s.p.p6}`.execute(db);
    const live = await read(db);
    // The backup restored as another file (as restore puts it in place), written to until its log passes those seqs.
    const restored = join(t.dir, 'restored.ledger');
    copyFileSync(backup, restored);
    const r = await openLedger(restored);
    try {
      for (let i = 0; i < 6; i++) await sql`UPDATE people SET sex = 'F' WHERE id = ${s.p.p5}`.execute(r.db);
      caseRowReads.full = 0;
      const kept = await read(r.db);
      expect(caseRowReads.full).toBeGreaterThan(0);
      await sql`INSERT INTO report_case_changes (case_id, token) VALUES (NULL, randomblob(8))`.execute(r.db);
      expect(kept).toEqual(await read(r.db));
      expect(kept.figures.rows).not.toEqual(live.figures.rows);
      // And back to the live ledger: its kept rows are not mistaken for the restored file's either.
      caseRowReads.full = 0;
      expect(await read(db)).toEqual(live);
    } finally {
      await r.close();
    }
  });

  it('the kept reads of a few cases read only tables whose every write the log follows', async () => {
    // Each kept source reads the cases of `ids` as case-log.ts casesOf names them; those statements are found as a
    // fresh connection prepares them after a write, and the tables they read from their own query plans. A table
    // read there that no report_case_log_* trigger follows fails here (villages: joined only for a household's
    // village to exist, which foreign keys hold; households need no insert trigger: no case can name one before).
    const db = t.core.ledger.db;
    const l = await openLedger(t.core.ledger.path);
    try {
      const ctx = { ledger: { raw: l.raw } } as unknown as ServiceContext;
      const reads = async (d: Kysely<DB>) => {
        await read(d);
        await paidAndDueByMonth(d, ['2026-02', MONTH], ['dibao', 'tekun'], MONTH, [MONTH]);
        await paidCases(d, l.raw, MONTH, true);
        await keptCaseRows(d, {
          key: 'dashboard-work|2026-04-10',
          read: async (_d, ids) => dueTasksOf(ctx, '2026-04-10', ids),
        });
      };
      await reads(l.db);
      await sql`UPDATE cases SET care_grade = 'none' WHERE id = ${s.cases.h1Dibao}`.execute(db);
      const seen: string[] = [];
      const prepare = l.raw.prepare.bind(l.raw);
      l.raw.prepare = ((text: string) => {
        seen.push(text);
        return prepare(text);
      }) as typeof l.raw.prepare;
      caseRowReads.full = 0;
      await reads(l.db);
      l.raw.prepare = prepare as typeof l.raw.prepare;
      expect(caseRowReads.full).toBe(0);
      const byIds = seen.filter((x) => /AS ids CROSS JOIN cases c ON c\.id = ids\.value/.test(x));
      expect(byIds.length).toBeGreaterThanOrEqual(7);
      const tableOfPage = new Map(
        (
          l.raw.prepare(`SELECT rootpage, tbl_name FROM sqlite_master WHERE rootpage > 0`).all() as {
            rootpage: number;
            tbl_name: string;
          }[]
        ).map((r) => [r.rootpage, r.tbl_name]),
      );
      const tables = new Set<string>();
      for (const text of byIds) {
        const params = (text.match(/\?|@\w+/g) ?? []).filter((p) => p === '?').map(() => null);
        const named = Object.fromEntries((text.match(/@\w+/g) ?? []).map((p) => [p.slice(1), null]));
        const stmt = l.raw.prepare(`EXPLAIN ${text}`);
        const plan = (Object.keys(named).length > 0 ? stmt.all(named) : stmt.all(...params)) as {
          opcode: string;
          p2: number;
          p3: number;
        }[];
        for (const op of plan) if (op.opcode === 'OpenRead' && op.p3 === 0) tables.add(tableOfPage.get(op.p2) ?? '?');
      }
      const followed = ['case_amounts', 'case_members', 'cases', 'households', 'people'];
      expect([...tables].sort()).toEqual([...followed, 'villages'].sort());
      const triggers = l.raw
        .prepare(
          `SELECT tbl_name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'report\\_case\\_log\\_%' ESCAPE '\\'`,
        )
        .all() as { tbl_name: string; sql: string }[];
      for (const table of followed)
        for (const op of table === 'households' ? ['UPDATE', 'DELETE'] : ['INSERT', 'UPDATE', 'DELETE'])
          expect(
            triggers.some((tr) => tr.tbl_name === table && tr.sql.includes(`AFTER ${op} ON ${table}`)),
            `${table}: AFTER ${op} trigger logging its cases`,
          ).toBe(true);
    } finally {
      await l.close();
    }
  });
});
