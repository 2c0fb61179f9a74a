// Every read that keeps per-case rows between reads (reports/case-log.ts) — the figures and their checks' recounts,
// the grain's kept counts, 工作台's charts (trend.ts) and due tasks, the package's paid cases with their persons
// (details-paid.ts) — brought up to date through rounds of random writes on a generated ledger, and compared with a
// full computation after each round. The writes include what an audit found unfollowed (a 孤儿 case of a person who
// is also in a 特困 case, a person paid in two cases of one household), and they are made every way a ledger is
// written: plain statements, a committed transaction, a transaction rolled back after reading inside it, a savepoint
// rolled back, and another connection to the same file. docs/DECISIONS.md ("Kept figures audited for staleness").
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openLedger, type DB, type Ledger } from '../../../src/main/ledger/db';
import { dueTasksOf } from '../../../src/main/ledger/cases';
import type { ServiceContext } from '../../../src/main/ledger/kernel';
import { caseRowReads, keptCaseRows } from '../../../src/main/ledger/reports/case-log';
import { paidCases } from '../../../src/main/ledger/reports/details-paid';
import { computeMonthFigures, figuresWithPrevious } from '../../../src/main/ledger/reports/figures';
import { monthGrain } from '../../../src/main/ledger/reports/grain';
import { paidAndDueByMonth } from '../../../src/main/ledger/reports/trend';
import { addMonths, previousMonth } from '../../../src/shared/time';
import { seedLedger } from '../../../src/tools/seed/generate';
import { ensureDivisions } from '../../helpers/divisions';

let dir: string;
let ledger: Ledger;
let other: Ledger;

beforeAll(async () => {
  ensureDivisions();
  dir = mkdtempSync(join(tmpdir(), 'kept-rows-'));
  const path = join(dir, 'g.ledger');
  await seedLedger({
    dbPath: path,
    households: 300,
    years: 2,
    seed: 'kept-rows',
    elderly: { facilities: 0, people: 0 },
  });
  ledger = await openLedger(path);
  other = await openLedger(path);
}, 120_000);

afterAll(async () => {
  await other?.close();
  await ledger?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A small deterministic generator (the same writes every run). */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

const sorted = <T>(xs: [string, T][]): [string, T][] => xs.sort((a, b) => (a[0] < b[0] ? -1 : 1));

test('rounds of random writes made every way: each kept read equals a full computation', async () => {
  const raw = ledger.raw;
  const month = raw.prepare(`SELECT max(start_month) FROM cases WHERE category = 'dibao'`).pluck().get() as string;
  const today = `${addMonths(month, 1)}-10`;
  const months = Array.from({ length: 12 }, (_, i) => addMonths(month, i - 11));
  const drafts = months.slice(8);
  const ctx = { ledger: { raw } } as unknown as ServiceContext;

  const read = async (db: Kysely<DB>) => {
    const due = await keptCaseRows(db, {
      key: `dashboard-work|${today}`,
      read: async (_d, ids) => dueTasksOf(ctx, today, ids),
    });
    const dueRows = sorted([...due]);
    const trend = await paidAndDueByMonth(db, months, ['dibao', 'tekun'], month, drafts);
    return {
      due: dueRows,
      figures: await computeMonthFigures(db, month),
      both: await figuresWithPrevious(db, month),
      grain: await monthGrain(db, month, { attributes: true, previous: previousMonth(month) }),
      trend: [...trend.counts, ...trend.amounts].map(([m, by]) => [m, sorted([...by] as [string, unknown][])]),
      draft: await paidCases(db, raw, month, true),
      roll: await paidCases(db, raw, month, false),
    };
  };

  const pick = <T>(r: () => number, xs: T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const ids = (q: string) => raw.prepare(q).pluck().all() as string[];
  let paid: string[] = [];
  let orphans: string[] = [];
  let tekun: string[] = [];
  /** Persons paid in two cases of one household: half of the writes to persons are theirs. */
  let twice: string[] = [];
  /** 低保 and 特困 cases with members paid in the month (where persons are counted with their attributes). */
  let paidNow: string[] = [];
  const person = (r: () => number) => pick(r, r() < 0.5 && twice.length > 0 ? twice : people);
  // The cases written to, as the ledger has them now (a rolled-back step takes its new cases away).
  const refresh = () => {
    paid = ids(`SELECT id FROM cases WHERE status IN ('active','stopped') AND category NOT IN ('linshi', 'guer')`);
    orphans = ids(`SELECT id FROM cases WHERE category = 'guer'`);
    tekun = ids(`SELECT id FROM cases WHERE category = 'tekun' AND status IN ('active','stopped')`);
    paidNow = ids(`SELECT c.id FROM cases c WHERE c.category IN ('dibao', 'tekun') AND c.status IN ('active','stopped')
      AND c.start_month <= '${month}' AND (c.stop_month IS NULL OR c.stop_month > '${month}')
      AND EXISTS (SELECT 1 FROM case_members cm WHERE cm.case_id = c.id)`);
    const paidIn = `c.category IN ('dibao', 'tekun') AND c.status IN ('active','stopped') AND c.start_month <= '${month}'
      AND (c.stop_month IS NULL OR c.stop_month > '${month}')`;
    twice = ids(`SELECT cm.person_id FROM case_members cm JOIN cases c ON c.id = cm.case_id WHERE ${paidIn}
      GROUP BY cm.person_id, c.household_id HAVING count(DISTINCT c.id) > 1`);
  };
  refresh();
  const people = ids(`SELECT id FROM people`);
  const households = ids(`SELECT id FROM households`);
  const villages = ids(`SELECT id FROM villages`);
  // The persons of 特困 cases (their own or members): the ones a 孤儿 case can take out of 未满16周岁.
  const tekunPeople = ids(`SELECT coalesce(cm.person_id, c.person_id) FROM cases c
    LEFT JOIN case_members cm ON cm.case_id = c.id WHERE c.category = 'tekun' AND c.status IN ('active','stopped')`);
  const stamps = [month, previousMonth(month), `${month.slice(0, 4)}-01`, null];
  const at = '2027-01-01T00:00:00.000Z';

  let copies = 0;
  /** A copy of case `id` (new id and 证号) with `set` changed, and its member rows when `members`. */
  const copyCase = (w: Ledger, id: string, set: Record<string, unknown>, members: boolean): string => {
    const row = w.raw.prepare(`SELECT * FROM cases WHERE id = ?`).get(id) as Record<string, unknown>;
    const copy = { ...row, ...set, id: `copy-${++copies}`, case_no: null };
    const cols = Object.keys(copy);
    w.raw.prepare(`INSERT INTO cases (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`).run(copy);
    if (members)
      w.raw
        .prepare(
          `INSERT INTO case_members (id, case_id, person_id, start_month, stop_month, created_at)
           SELECT lower(hex(randomblob(16))), ?, person_id, start_month, stop_month, created_at FROM case_members
           WHERE case_id = ?`,
        )
        .run(copy.id, id);
    return copy.id;
  };

  const writes: ((w: Ledger, r: () => number) => void)[] = [
    (w, r) =>
      w.raw
        .prepare(`UPDATE case_members SET stop_month = ? WHERE id = (SELECT id FROM case_members WHERE case_id = ?)`)
        .run(pick(r, stamps), pick(r, paid)),
    (w, r) =>
      w.raw
        .prepare(
          `INSERT INTO case_members (id, case_id, person_id, start_month, stop_month, created_at)
           VALUES (lower(hex(randomblob(16))), ?, ?, ?, NULL, ?)`,
        )
        .run(pick(r, paid), pick(r, people), pick(r, stamps.slice(0, 3)), at),
    // A paid case entered twice in its household: its persons paid in two cases of one row of the grain.
    (w, r) => void copyCase(w, pick(r, paidNow), { start_month: pick(r, stamps.slice(1, 3)) }, true),
    // A 孤儿 case started for a 特困 person (a child, some of them), or one stopped, restarted or moved.
    (w, r) => {
      const p = pick(r, tekunPeople);
      if (r() < 0.5) w.raw.prepare(`UPDATE people SET birth_date = '2013-05-05' WHERE id = ?`).run(p);
      const set = { category: 'guer', person_id: p, start_month: pick(r, stamps.slice(1, 3)), stop_month: null };
      copyCase(w, pick(r, paid), { ...set, status: 'active', support_mode: 'dispersed' }, false);
    },
    (w, r) =>
      orphans.length > 0 &&
      w.raw
        .prepare(`UPDATE cases SET stop_month = ?, person_id = coalesce(?, person_id) WHERE id = ?`)
        .run(pick(r, stamps), r() < 0.3 ? pick(r, tekunPeople) : null, pick(r, orphans)),
    (w, r) =>
      w.raw
        .prepare(`UPDATE people SET birth_date = ?, sex = ?, name = name || '甲' WHERE id = ?`)
        .run(pick(r, ['1940-05-01', '2012-01-01', '1985-07-07', null]), pick(r, ['M', 'F']), person(r)),
    (w, r) =>
      w.raw
        .prepare(`UPDATE people SET birth_date = ?, sex = ?, name = name || '甲' WHERE id = ?`)
        .run(pick(r, ['1940-05-01', '2012-01-01', '1985-07-07', null]), pick(r, ['M', 'F']), person(r)),
    (w, r) =>
      w.raw
        .prepare(`UPDATE people SET disability_grade = ?, labour_capacity = ?, id_number = ? WHERE id = ?`)
        .run(
          pick(r, [null, 1, 3]),
          pick(r, [null, 'partial', 'none']),
          r() < 0.5 ? null : `3201021950010${String(1000 + ++copies).slice(-4)}X`,
          pick(r, people),
        ),
    (w, r) =>
      w.raw.prepare(`UPDATE households SET village_id = ? WHERE id = ?`).run(pick(r, villages), pick(r, households)),
    (w, r) =>
      w.raw
        .prepare(`UPDATE households SET poverty_cause = ?, head_person_id = ? WHERE id = ?`)
        .run(pick(r, ['illness', 'education', null]), pick(r, people), pick(r, households)),
    (w, r) => w.raw.prepare(`UPDATE cases SET stop_month = ? WHERE id = ?`).run(pick(r, stamps), pick(r, paid)),
    (w, r) =>
      w.raw
        .prepare(`UPDATE cases SET support_mode = ?, care_grade = ?, category = ? WHERE id = ?`)
        .run(
          pick(r, ['centralized', 'dispersed']),
          pick(r, ['full', null]),
          pick(r, ['dibao', 'tekun']),
          pick(r, paid),
        ),
    // A 特困/孤儿 case's 供养方式: the confirmed rolls of the year file its lines by it.
    (w, r) =>
      w.raw
        .prepare(
          `UPDATE cases SET support_mode = CASE support_mode WHEN 'centralized' THEN 'dispersed' ELSE 'centralized' END
           WHERE id = ?`,
        )
        .run(pick(r, [...tekun, ...orphans])),
    (w, r) =>
      w.raw
        .prepare(
          `INSERT INTO case_amounts (id, case_id, effective_month, amount_fen, base_fen, supplement_fen, kind,
             created_by, created_at)
           VALUES (lower(hex(randomblob(16))), ?, ?, ?, ?, 0, 'correction', 'test', ?)`,
        )
        .run(pick(r, paid), pick(r, [month, ...drafts]), 12300, 12300, at),
    (w, r) =>
      w.raw
        .prepare(`UPDATE cases SET due_task = ?, due_on = ?, next_recheck_on = ? WHERE id = ?`)
        .run(
          pick(r, ['approve', 'investigate', null]),
          pick(r, [today, `${month}-01`, null]),
          pick(r, [today, null]),
          pick(r, paid),
        ),
  ];

  const r = random(29);
  const some = (w: Ledger) => {
    for (let i = 0, n = 1 + Math.floor(r() * 3); i < n; i++) pick(r, writes)(w, r);
  };
  // How a step writes; after each the kept read is brought up to date, never read in full.
  const ways: [string, () => Promise<void>][] = [
    ['plain', async () => some(ledger)],
    ['committed', async () => raw.transaction(() => some(ledger))()],
    ['another connection', async () => some(other)],
    [
      'rolled back after reading inside',
      async () => {
        await ledger.db
          .transaction()
          .execute(async (trx) => {
            some(ledger);
            await read(trx);
            throw new Error('rollback');
          })
          .catch((e: Error) => expect(e.message).toBe('rollback'));
      },
    ],
    [
      'savepoint rolled back after reading inside',
      async () => {
        raw.exec('BEGIN IMMEDIATE');
        some(ledger);
        raw.exec('SAVEPOINT s');
        some(ledger);
        await read(ledger.db);
        raw.exec('ROLLBACK TO s; RELEASE s; COMMIT');
      },
    ],
  ];

  await read(ledger.db);
  for (let round = 0; round < 24; round++) {
    const done: string[] = [];
    for (let step = 0; step < 1 + (round % 3); step++) {
      const [how, write] = pick(r, ways);
      done.push(how);
      await write();
      refresh();
      caseRowReads.full = 0;
      await read(ledger.db);
      // A read inside a rolled-back transaction may keep rows at a seq the rollback takes: then one full read.
      if (!how.includes('rolled back')) expect(caseRowReads.full, `round ${round}: ${done.join(', ')}`).toBe(0);
    }
    const kept = await read(ledger.db);
    // A full computation: every case read again, and the confirmed rolls' sums added up again from their lines.
    raw.exec(
      `DELETE FROM report_roll_sums; INSERT INTO report_case_changes (case_id, token) VALUES (NULL, randomblob(8))`,
    );
    expect(kept, `round ${round}: ${done.join(', ')}`).toEqual(await read(ledger.db));
  }
}, 180_000);
