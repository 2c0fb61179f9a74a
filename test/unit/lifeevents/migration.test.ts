// Migration 0008 on a ledger made by release 0.1.0: approved cases that were entered without member rows (an
// individual case without its person, a household case without its members) are covered from their start month —
// the person, or every current member of the household — so rolls and reports count them by month.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { startCore } from '../../../src/main/core';
import { ensureDivisions } from '../../helpers/divisions';

let dir: string | null = null;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

it('gives approved cases without member rows their person or household members from the start month', async () => {
  ensureDivisions();
  dir = mkdtempSync(join(tmpdir(), 'civil-ledger-0008-'));
  const path = join(dir, 'old.ledger');
  copyFileSync(join(import.meta.dirname, '../../fixtures/ledgers/v0.1.0.ledger'), path);
  const raw = new Database(path);
  const pick = (where: string) =>
    raw
      .prepare(
        `SELECT c.id, c.person_id, c.household_id, c.start_month, c.stop_month FROM cases c
         WHERE c.status IN ('active','stopped') AND c.start_month IS NOT NULL AND ${where} LIMIT 1`,
      )
      .get() as { id: string; person_id: string; household_id: string; start_month: string; stop_month: string | null };
  const individual = pick(`c.category = 'tekun'`);
  const household = pick(`c.category = 'dibao' AND c.single_person = 0 AND
    (SELECT count(*) FROM household_members hm WHERE hm.household_id = c.household_id AND hm.left_on IS NULL) >= 2`);
  expect(individual && household).toBeTruthy();
  raw.prepare('DELETE FROM case_members WHERE case_id IN (?, ?)').run(individual.id, household.id);
  const members = (
    raw
      .prepare('SELECT person_id FROM household_members WHERE household_id = ? AND left_on IS NULL ORDER BY person_id')
      .all(household.household_id) as { person_id: string }[]
  ).map((m) => m.person_id);
  raw.close();

  const core = await startCore({ dbPath: path });
  try {
    const rows = (caseId: string) =>
      core.ledger.raw
        .prepare('SELECT person_id, start_month, stop_month FROM case_members WHERE case_id = ? ORDER BY person_id')
        .all(caseId);
    expect(rows(individual.id)).toEqual([
      { person_id: individual.person_id, start_month: individual.start_month, stop_month: individual.stop_month },
    ]);
    expect(rows(household.id)).toEqual(
      members.map((p) => ({ person_id: p, start_month: household.start_month, stop_month: household.stop_month })),
    );
  } finally {
    await core.close();
  }
});
