// 工作台's by-month and by-village households and persons (reports/trend.ts, one read counted in JavaScript) against
// the case sets in SQL (reports/sets.ts countSet(paidIn(M)), which the figures and the trace use): on a generated
// ledger, month by month, the same numbers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openLedger, type Ledger } from '../../../src/main/ledger/db';
import { andWhere, countSet, paidIn } from '../../../src/main/ledger/reports/sets';
import { paidByMonth } from '../../../src/main/ledger/reports/trend';
import { seedLedger } from '../../../src/tools/seed/generate';
import { addMonths } from '../../../src/shared/time';
import { ensureDivisions } from '../../helpers/divisions';

let dir: string;
let ledger: Ledger;

beforeAll(async () => {
  ensureDivisions();
  dir = mkdtempSync(join(tmpdir(), 'trend-'));
  const path = join(dir, 't.ledger');
  await seedLedger({ dbPath: path, households: 300, years: 2, seed: 'trend', elderly: { facilities: 0, people: 0 } });
  ledger = await openLedger(path);
}, 120_000);

afterAll(async () => {
  await ledger?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('households and persons paid by month and by village are those of countSet(paidIn(M))', async () => {
  const last = (await sql<{ m: string }>`SELECT max(month) AS m FROM payment_rolls`.execute(ledger.db)).rows[0]?.m;
  expect(last).toMatch(/^\d{4}-\d{2}$/);
  // A year up to one month past the last roll: the months of the chart, with a case stopped or started among them.
  const months = Array.from({ length: 12 }, (_, i) => addMonths(last as string, i - 10));
  const villageMonth = months[6] as string;
  const got = await paidByMonth(ledger.db, months, ['dibao', 'tekun'], villageMonth);
  const main = sql`c.category IN ('dibao', 'tekun')`;
  let paidSomewhere = 0;
  for (const m of months) {
    const want = (await countSet(ledger.db, andWhere(paidIn(m), main), 'all')).get('*');
    const have = got.get(m)?.get('*');
    expect({ m, households: have?.households ?? 0, persons: have?.persons ?? 0 }).toEqual({
      m,
      households: want?.households ?? 0,
      persons: want?.persons ?? 0,
    });
    paidSomewhere += want?.persons ?? 0;
  }
  expect(paidSomewhere).toBeGreaterThan(0);
  const byVillage = await countSet(ledger.db, andWhere(paidIn(villageMonth), main), 'village');
  const mine = got.get(villageMonth) as Map<string, { households: number; persons: number }>;
  expect(byVillage.size).toBeGreaterThan(1);
  for (const [village, c] of byVillage)
    expect({ village, ...mine.get(village) }).toEqual({ village, households: c.households, persons: c.persons });
  expect([...mine.keys()].filter((k) => k !== '*').sort()).toEqual([...byVillage.keys()].sort());
  // Only the month asked has villages.
  expect([...(got.get(months[0] as string)?.keys() ?? [])]).toEqual(['*']);
});
