// A month's figures and grain read with the kept per-case rows (reports/case-log.ts), and the same read brought up to
// date after a write compared with a full computation: shared by the tests that look for stale kept rows.
import { sql, type Kysely } from 'kysely';
import { expect } from 'vitest';
import type { DB } from '../../../src/main/ledger/db';
import { caseRowReads } from '../../../src/main/ledger/reports/case-log';
import { computeMonthFigures } from '../../../src/main/ledger/reports/figures';
import { monthGrain } from '../../../src/main/ledger/reports/grain';

export const MONTH = '2026-03';

export const readMonth = async (db: Kysely<DB>) => ({
  figures: await computeMonthFigures(db, MONTH),
  grain: await monthGrain(db, MONTH, { attributes: true }),
});

export type MonthRead = Awaited<ReturnType<typeof readMonth>>;

/** The read before `write`, the read brought up to date after it (no full read), and a full computation. */
export async function keptAndFresh(
  db: Kysely<DB>,
  write: () => Promise<unknown>,
): Promise<{ before: MonthRead; kept: MonthRead; fresh: MonthRead }> {
  const before = await readMonth(db);
  await write();
  caseRowReads.full = 0;
  const kept = await readMonth(db);
  expect(caseRowReads.full).toBe(0);
  await sql`INSERT INTO report_case_changes (case_id, token) VALUES (NULL, randomblob(8))`.execute(db);
  return { before, kept, fresh: await readMonth(db) };
}
