// 工作台's draft months (reports/trend.ts paidAndDueByMonth): the amounts in force added up in the same read as the
// households and persons are those sets.ts draftAmounts gives for 低保 + 特困, month by month, in total and by village,
// on a generated ledger — and asking for amounts leaves the counts as paidByMonth gives them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openLedger, type Ledger } from '../../../src/main/ledger/db';
import { draftAmounts } from '../../../src/main/ledger/reports/sets';
import { paidAndDueByMonth, paidByMonth } from '../../../src/main/ledger/reports/trend';
import { seedLedger } from '../../../src/tools/seed/generate';
import { addMonths } from '../../../src/shared/time';
import { ensureDivisions } from '../../helpers/divisions';

let dir: string;
let ledger: Ledger;

beforeAll(async () => {
  ensureDivisions();
  dir = mkdtempSync(join(tmpdir(), 'trend-amounts-'));
  const path = join(dir, 't.ledger');
  await seedLedger({
    dbPath: path,
    households: 300,
    years: 2,
    seed: 'trend-amounts',
    elderly: { facilities: 0, people: 0 },
  });
  ledger = await openLedger(path);
}, 120_000);

afterAll(async () => {
  await ledger?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('the draft months’ amounts are draftAmounts’ for 低保 + 特困, in total and by village', async () => {
  const last = (await sql<{ m: string }>`SELECT max(month) AS m FROM payment_rolls`.execute(ledger.db)).rows[0]?.m;
  expect(last).toMatch(/^\d{4}-\d{2}$/);
  const months = Array.from({ length: 12 }, (_, i) => addMonths(last as string, i - 10));
  // Every month asked as a draft, so each is compared; the village month is one with cases stopped around it.
  const villageMonth = months[5] as string;
  const got = await paidAndDueByMonth(ledger.db, months, ['dibao', 'tekun'], villageMonth, months);
  const main = sql`c.category IN ('dibao', 'tekun')`;
  let total = 0;
  for (const m of months) {
    const want = (await draftAmounts(ledger.db, m, 'all', main)).get('*')?.amountFen ?? 0;
    expect({ m, fen: got.amounts.get(m)?.get('*') ?? 0 }).toEqual({ m, fen: want });
    total += want;
  }
  expect(total).toBeGreaterThan(0);
  const byVillage = await draftAmounts(ledger.db, villageMonth, 'village', main);
  expect(byVillage.size).toBeGreaterThan(1);
  const mine = got.amounts.get(villageMonth) as Map<string, number>;
  for (const [village, money] of byVillage)
    expect({ village, fen: mine.get(village) }).toEqual({ village, fen: money.amountFen });
  expect([...mine.keys()].filter((k) => k !== '*').sort()).toEqual([...byVillage.keys()].sort());
  expect(got.counts).toEqual(await paidByMonth(ledger.db, months, ['dibao', 'tekun'], villageMonth));
});
