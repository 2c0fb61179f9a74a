// The first read of the figures after a write re-reads only the cases the write touched (migration 0020's log of
// changed cases, reports/case-log.ts). What must hold: after every kind of write a clerk makes, the figures and their
// cross-checks brought up to date that way equal a fresh full computation; a rolled-back write leaves no stale rows;
// a log trimmed past the kept rows, or a row saying everything changed, gives a full read. And the triggers are what
// makes it right: without one, the kept rows go stale (the last test).
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MonthFigures } from '../../../src/shared/api/reports';
import { computeMonthFigures, figuresWithPrevious } from '../../../src/main/ledger/reports/figures';
import { caseRowReads } from '../../../src/main/ledger/reports/case-log';
import { bulkWrite } from '../../../src/main/ledger/kernel';
import { makeTestCore, type TestCore } from '../../helpers/ledger';
import { buildScenario, type Scenario } from './scenario';

const MONTH = '2026-03';

async function householdOf(s: Scenario, caseId: string): Promise<string> {
  const r = await sql<{ h: string }>`SELECT household_id AS h FROM cases WHERE id = ${caseId}`.execute(s.fx.db);
  return r.rows[0]?.h ?? '';
}

describe('figures after a write: the changed cases re-read equal a full computation', () => {
  let t: TestCore;
  let s: Scenario;
  beforeEach(async () => {
    t = await makeTestCore();
    s = await buildScenario(t.core.ledger.db);
  });
  afterEach(async () => t.close());

  const everythingChanged = () =>
    sql`INSERT INTO report_case_changes (case_id, token) VALUES (NULL, randomblob(8))`.execute(t.core.ledger.db);

  /** The figures with checks, and the month with its 上月 (the package's read). */
  async function read(): Promise<{ figures: MonthFigures; both: Awaited<ReturnType<typeof figuresWithPrevious>> }> {
    const db = t.core.ledger.db;
    return { figures: await computeMonthFigures(db, MONTH), both: await figuresWithPrevious(db, MONTH) };
  }

  /** After `write`: what the kept rows brought up to date give, and a fresh full computation. */
  async function afterWrite(write: () => Promise<unknown>) {
    const before = await read();
    await write();
    caseRowReads.full = 0;
    caseRowReads.changed = 0;
    const kept = await read();
    const reads = { ...caseRowReads };
    await everythingChanged();
    const fresh = await read();
    expect(caseRowReads.full).toBeGreaterThan(0);
    return { before, kept, fresh, reads };
  }

  const writes: [string, (s: Scenario) => Promise<unknown>][] = [
    [
      'a case started',
      async (s) =>
        s.fx.case({
          household: await householdOf(s, s.cases.h3Tekun),
          category: 'dibao',
          area: 'rural',
          start: MONTH,
          members: [{ person: s.p.p4 }],
          amounts: [{ month: MONTH, amount: 70000 }],
        }),
    ],
    [
      'a case stopped',
      (s) =>
        sql`UPDATE cases SET stop_month = ${MONTH}, status = 'stopped' WHERE id = ${s.cases.h1Dibao}`.execute(s.fx.db),
    ],
    [
      'a member added',
      (s) =>
        sql`INSERT INTO case_members (id, case_id, person_id, start_month, stop_month, created_at)
          VALUES ('m-added', ${s.cases.h2Dibao}, ${s.p.p5}, ${MONTH}, NULL, '2026-03-01T00:00:00.000Z')`.execute(
          s.fx.db,
        ),
    ],
    [
      'a member left',
      (s) =>
        sql`UPDATE case_members SET stop_month = ${MONTH} WHERE case_id = ${s.cases.h1Dibao} AND person_id = ${s.p.p2}`.execute(
          s.fx.db,
        ),
    ],
    [
      "a person's birth date",
      (s) => sql`UPDATE people SET birth_date = '1940-01-01' WHERE id = ${s.p.p6}`.execute(s.fx.db),
    ],
    ["a person's disability", (s) => sql`UPDATE people SET disability_grade = 1 WHERE id = ${s.p.p1}`.execute(s.fx.db)],
    [
      'a household moved to another village',
      (s) =>
        sql`UPDATE households SET village_id = ${s.west} WHERE id = (SELECT household_id FROM cases WHERE id = ${s.cases.h1Dibao})`.execute(
          s.fx.db,
        ),
    ],
    [
      "a household's 致贫原因",
      (s) =>
        sql`UPDATE households SET poverty_cause = 'education' WHERE id = (SELECT household_id FROM cases WHERE id = ${s.cases.h1Dibao})`.execute(
          s.fx.db,
        ),
    ],
    [
      'an amount decided',
      (s) =>
        sql`INSERT INTO case_amounts (id, case_id, effective_month, amount_fen, base_fen, supplement_fen, kind, reason,
            created_by, created_at)
          VALUES ('a-new', ${s.cases.h3Tekun}, ${MONTH}, 111100, 100000, 11100, 'increase', '调整', 'test',
            '2026-03-02T00:00:00.000Z')`.execute(s.fx.db),
    ],
    ['the roll confirmed', (s) => s.fx.roll(MONTH, 'confirmed')],
  ];

  for (const [what, write] of writes) {
    it(`${what}: figures and checks equal a full computation, the changed cases alone re-read`, async () => {
      const { before, kept, fresh, reads } = await afterWrite(() => write(s));
      expect(kept.figures).toEqual(fresh.figures);
      expect(kept.both).toEqual(fresh.both);
      // The write changed what a clerk reads, and the kept rows were brought up to date, not read again.
      expect(kept.figures).not.toEqual(before.figures);
      expect(reads.full).toBe(0);
    });
  }

  it('every kind of write one after another, each read brought up to date from the last: a full computation at the end', async () => {
    await read();
    for (const [what, write] of writes) {
      await write(s);
      caseRowReads.full = 0;
      await read();
      expect(caseRowReads.full, what).toBe(0);
    }
    const kept = await read();
    await everythingChanged();
    expect(kept).toEqual(await read());
  });

  it('a write rolled back leaves no stale figures, even when they were read inside its transaction', async () => {
    const db = t.core.ledger.db;
    const before = await computeMonthFigures(db, MONTH);
    await db
      .transaction()
      .execute(async (trx) => {
        await sql`UPDATE case_members SET stop_month = ${MONTH} WHERE case_id = ${s.cases.h1Dibao}`.execute(trx);
        expect((await computeMonthFigures(trx, MONTH)).rows).not.toEqual(before.rows);
        throw new Error('rollback');
      })
      .catch((e: Error) => expect(e.message).toBe('rollback'));
    // The rolled-back log rows' seqs are reused by the next write: it must not be mistaken for them.
    await sql`UPDATE people SET disability_grade = 1 WHERE id = ${s.p.p1}`.execute(db);
    const kept = await computeMonthFigures(db, MONTH);
    await everythingChanged();
    expect(kept).toEqual(await computeMonthFigures(db, MONTH));
    expect(kept.rows).toEqual(before.rows);
  });

  it('rows read in full inside a transaction that is rolled back are never used', async () => {
    const db = t.core.ledger.db;
    const before = await computeMonthFigures(db, MONTH);
    await everythingChanged();
    await db
      .transaction()
      .execute(async (trx) => {
        await sql`UPDATE cases SET stop_month = ${MONTH} WHERE id = ${s.cases.h1Dibao}`.execute(trx);
        caseRowReads.full = 0;
        expect((await computeMonthFigures(trx, MONTH)).rows).not.toEqual(before.rows);
        expect(caseRowReads.full).toBeGreaterThan(0);
        throw new Error('rollback');
      })
      .catch((e: Error) => expect(e.message).toBe('rollback'));
    // The next write (of another case) takes the rolled-back rows' seqs, with other tokens.
    await sql`UPDATE cases SET care_grade = 'none' WHERE id = ${s.cases.h3Tekun}`.execute(db);
    const kept = await computeMonthFigures(db, MONTH);
    await everythingChanged();
    expect(kept).toEqual(await computeMonthFigures(db, MONTH));
    expect(kept.rows.find((r) => r.category === 'dibao' && r.area === 'rural')).toEqual(
      before.rows.find((r) => r.category === 'dibao' && r.area === 'rural'),
    );
  });

  it('a log trimmed past the kept rows gives a full read', async () => {
    const db = t.core.ledger.db;
    await computeMonthFigures(db, MONTH);
    await sql`UPDATE people SET birth_date = '1940-01-01' WHERE id = ${s.p.p6}`.execute(db);
    // 20,000 more rows: the trim (every 10,000th row drops those 10,000 behind) drops the row the kept rows were read at.
    await sql`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
      INSERT INTO report_case_changes (case_id, token) SELECT 'none', randomblob(8) FROM n`.execute(db);
    caseRowReads.full = 0;
    const kept = await computeMonthFigures(db, MONTH);
    expect(caseRowReads.full).toBeGreaterThan(0);
    expect(
      Number((await sql<{ n: number }>`SELECT count(*) AS n FROM report_case_changes`.execute(db)).rows[0]?.n),
    ).toBeLessThan(12_000);
    await everythingChanged();
    expect(kept).toEqual(await computeMonthFigures(db, MONTH));
  });

  it('bulk work with the triggers set aside leaves a row saying everything changed: the next read is full', async () => {
    const db = t.core.ledger.db;
    const raw = t.core.ledger.raw;
    await computeMonthFigures(db, MONTH);
    raw.exec('BEGIN IMMEDIATE');
    await bulkWrite(raw, () => {
      raw.prepare(`UPDATE people SET birth_date = '1940-01-01' WHERE id = ?`).run(s.p.p6);
    });
    raw.exec('COMMIT');
    caseRowReads.full = 0;
    const kept = await computeMonthFigures(db, MONTH);
    expect(caseRowReads.full).toBeGreaterThan(0);
    await everythingChanged();
    expect(kept).toEqual(await computeMonthFigures(db, MONTH));
  });

  it('without its trigger a write leaves the kept figures stale (what the triggers are for)', async () => {
    const db = t.core.ledger.db;
    await sql`DROP TRIGGER report_case_log_people_update`.execute(db);
    const { kept, fresh } = await afterWrite(() =>
      sql`UPDATE people SET birth_date = '1940-01-01' WHERE id = ${s.p.p6}`.execute(db),
    );
    expect(kept.figures).not.toEqual(fresh.figures);
  });
});
