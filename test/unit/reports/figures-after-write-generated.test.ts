// The kept figures brought up to date write by write (reports/case-log.ts, the grain's kept counts in grain.ts) on a
// generated ledger, where each row of the grain holds many cases (in the hand-worked scenario most hold one, so a case
// taken out wrongly would go unseen): rounds of random writes of every kind — members leaving and joining, persons'
// birth dates, sex, disability and labour, households moving village or changing 致贫原因, cases stopping and
// (re)starting, 供养方式 and care grades, 临时救助 granted in another month, new amounts — each followed by reads that re-read only the changed cases,
// then compared with a full computation.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openLedger, type Ledger } from '../../../src/main/ledger/db';
import { caseRowReads } from '../../../src/main/ledger/reports/case-log';
import { computeMonthFigures, figuresWithPrevious } from '../../../src/main/ledger/reports/figures';
import { monthGrain } from '../../../src/main/ledger/reports/grain';
import { previousMonth } from '../../../src/shared/time';
import { seedLedger } from '../../../src/tools/seed/generate';
import { ensureDivisions } from '../../helpers/divisions';

let dir: string;
let ledger: Ledger;

beforeAll(async () => {
  ensureDivisions();
  dir = mkdtempSync(join(tmpdir(), 'after-write-'));
  const path = join(dir, 'g.ledger');
  await seedLedger({
    dbPath: path,
    households: 300,
    years: 2,
    seed: 'after-write',
    elderly: { facilities: 0, people: 0 },
  });
  ledger = await openLedger(path);
}, 120_000);

afterAll(async () => {
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

test('rounds of random writes: the figures brought up to date equal a full computation', async () => {
  const raw = ledger.raw;
  const db = ledger.db;
  const month = raw.prepare(`SELECT max(start_month) FROM cases WHERE category = 'dibao'`).pluck().get() as string;
  const pick = <T>(r: () => number, xs: T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const ids = (q: string) => raw.prepare(q).pluck().all() as string[];
  const cases = ids(`SELECT id FROM cases WHERE status IN ('active','stopped') AND category <> 'linshi'`);
  const grants = ids(`SELECT id FROM cases WHERE status IN ('active','stopped') AND category = 'linshi'`);
  const members = ids(`SELECT id FROM case_members`);
  const people = ids(`SELECT id FROM people`);
  const households = ids(`SELECT id FROM households`);
  const villages = ids(`SELECT id FROM villages`);
  const months = [month, `${month.slice(0, 4)}-01`, `${month.slice(0, 4)}-03`, null];
  const r = random(17);
  const writes: ((r: () => number) => void)[] = [
    (r) => raw.prepare(`UPDATE case_members SET stop_month = ? WHERE id = ?`).run(pick(r, months), pick(r, members)),
    (r) =>
      raw
        .prepare(
          `INSERT INTO case_members (id, case_id, person_id, start_month, stop_month, created_at)
           VALUES (lower(hex(randomblob(16))), ?, ?, ?, NULL, '2026-01-01T00:00:00.000Z')`,
        )
        .run(pick(r, [...cases, ...grants]), pick(r, people), pick(r, months.slice(0, 3))),
    (r) =>
      raw
        .prepare(`UPDATE cases SET grant_month = ?, linshi_type = ? WHERE id = ?`)
        .run(pick(r, months.slice(0, 3)), pick(r, ['emergency', 'expenditure']), pick(r, grants)),
    (r) =>
      raw
        .prepare(`UPDATE people SET birth_date = ?, sex = ? WHERE id = ?`)
        .run(pick(r, ['1940-05-01', '2012-01-01', '1985-07-07']), pick(r, ['M', 'F']), pick(r, people)),
    (r) =>
      raw
        .prepare(`UPDATE people SET disability_grade = ?, labour_capacity = ? WHERE id = ?`)
        .run(pick(r, [null, 1, 3]), pick(r, [null, 'partial', 'none']), pick(r, people)),
    (r) => raw.prepare(`UPDATE households SET village_id = ? WHERE id = ?`).run(pick(r, villages), pick(r, households)),
    (r) =>
      raw
        .prepare(`UPDATE households SET poverty_cause = ? WHERE id = ?`)
        .run(pick(r, ['illness', 'education', null]), pick(r, households)),
    (r) => raw.prepare(`UPDATE cases SET stop_month = ? WHERE id = ?`).run(pick(r, months), pick(r, cases)),
    (r) =>
      raw
        .prepare(`UPDATE cases SET support_mode = ?, care_grade = ? WHERE id = ?`)
        .run(pick(r, ['centralized', 'dispersed']), pick(r, ['full', 'none', null]), pick(r, cases)),
    (r) =>
      raw
        .prepare(
          `INSERT INTO case_amounts (id, case_id, effective_month, amount_fen, base_fen, supplement_fen, kind,
             created_by, created_at)
           VALUES (lower(hex(randomblob(16))), ?, ?, ?, ?, 0, 'correction', 'test', '2027-01-01T00:00:00.000Z')`,
        )
        .run(pick(r, cases), month, 12300, 12300),
  ];
  const read = async () => ({
    figures: await computeMonthFigures(db, month),
    both: await figuresWithPrevious(db, month),
    // The grain itself, every field (some, like the 人次 of monthly rows, reach no figure).
    grain: await monthGrain(db, month, { attributes: true, previous: previousMonth(month) }),
  });
  await read();
  for (let round = 0; round < 12; round++) {
    // One to three reads brought up to date, each after a few writes.
    for (let step = 0; step <= round % 3; step++) {
      for (let w = 0; w < 1 + (round % 4); w++) pick(r, writes)(r);
      caseRowReads.full = 0;
      await read();
      expect(caseRowReads.full, `round ${round}`).toBe(0);
    }
    const kept = await read();
    raw.prepare(`INSERT INTO report_case_changes (case_id, token) VALUES (NULL, randomblob(8))`).run();
    expect(kept, `round ${round}`).toEqual(await read());
  }
}, 120_000);
