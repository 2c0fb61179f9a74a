// 工作台's charts (reports/dashboard.ts): a confirmed month's 低保 + 特困 amount is its roll's lines added up (read
// from the roll's kept sums), a draft month's the cases' amounts in force; the charts kept for the figures' stamp are
// read again after any write to the tables they come from — here a raw UPDATE, which no service makes, so the
// triggers and not the services are what is relied on.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startCore, type Core } from '../../../src/main/core';
import { draftAmounts } from '../../../src/main/ledger/reports/sets';
import { addMonths } from '../../../src/shared/time';
import { SEED_PASSWORD, seedLedger } from '../../../src/tools/seed/generate';
import { ensureDivisions } from '../../helpers/divisions';
import { makeCaller, type Caller } from '../../helpers/ledger';

let dir: string;
let core: Core;
let clerk: Caller;

beforeAll(async () => {
  ensureDivisions();
  dir = mkdtempSync(join(tmpdir(), 'dashboard-charts-'));
  const path = join(dir, 't.ledger');
  await seedLedger({ dbPath: path, households: 300, years: 2, seed: 'charts', elderly: { facilities: 0, people: 0 } });
  core = await startCore({ dbPath: path });
  const login = await core.dispatcher.dispatch({
    method: 'auth.login',
    input: { username: 'clerk', password: SEED_PASSWORD },
  });
  if (!login.ok) throw new Error(login.error.message);
  clerk = makeCaller(core, (login.data as { session: string }).session);
}, 120_000);

afterAll(async () => {
  await core?.close();
  rmSync(dir, { recursive: true, force: true });
});

const MAIN = sql`c.category IN ('dibao', 'tekun')`;

/** The amount a month shows, worked out here: the confirmed roll's 低保 and 特困 lines, or the draft amounts. */
async function expected(month: string): Promise<{ total: number; byVillage: Map<string, number> }> {
  const db = core.ledger.db;
  const roll = (
    await sql<{ id: string; status: string }>`SELECT id, status FROM payment_rolls WHERE month = ${month}`.execute(db)
  ).rows[0];
  const byVillage = new Map<string, number>();
  if (roll?.status === 'confirmed') {
    const rows = await sql<{ name: string; amount: number }>`SELECT v.name, sum(l.amount_fen) AS amount
      FROM payment_roll_lines l JOIN villages v ON v.id = l.village_id
      WHERE l.roll_id = ${roll.id} AND l.category IN ('dibao', 'tekun') GROUP BY v.name`.execute(db);
    for (const r of rows.rows) byVillage.set(r.name, r.amount);
  } else {
    const names = new Map(
      (await sql<{ id: string; name: string }>`SELECT id, name FROM villages`.execute(db)).rows.map((v) => [
        v.id,
        v.name,
      ]),
    );
    for (const [id, m] of await draftAmounts(db, month, 'village', MAIN))
      byVillage.set(names.get(id) ?? id, m.amountFen);
  }
  return { total: [...byVillage.values()].reduce((a, b) => a + b, 0), byVillage };
}

async function expectCharts(month: string): Promise<number> {
  const dash = await clerk.call('reports.dashboard', { month });
  expect(dash.byMonth.map((m) => m.month)).toEqual(Array.from({ length: 12 }, (_, i) => addMonths(month, i - 11)));
  for (const m of dash.byMonth)
    expect({ month: m.month, amountFen: m.amountFen }).toEqual({
      month: m.month,
      amountFen: (await expected(m.month)).total,
    });
  const want = await expected(month);
  for (const v of dash.byVillage)
    expect({ v: v.villageName, amountFen: v.amountFen }).toEqual({
      v: v.villageName,
      amountFen: want.byVillage.get(v.villageName) ?? 0,
    });
  return dash.byMonth.at(-1)!.amountFen;
}

test('confirmed months from their rolls, the draft month from the cases; a write is seen at once', async () => {
  const rolls = (
    await sql<{ month: string; status: string }>`SELECT month, status FROM payment_rolls ORDER BY month`.execute(
      core.ledger.db,
    )
  ).rows;
  const confirmed = rolls.filter((r) => r.status === 'confirmed').map((r) => r.month);
  expect(confirmed.length).toBeGreaterThan(11);
  const lastConfirmed = confirmed.at(-1)!;
  const draftMonth = addMonths(lastConfirmed, 1);
  expect(rolls.find((r) => r.month === draftMonth)?.status ?? 'none').not.toBe('confirmed');

  const confirmedTotal = await expectCharts(lastConfirmed);
  expect(confirmedTotal).toBeGreaterThan(0);
  // Asked twice: the second answer is the kept one, the same.
  expect(await expectCharts(lastConfirmed)).toBe(confirmedTotal);
  const draftTotal = await expectCharts(draftMonth);
  expect(draftTotal).toBeGreaterThan(0);

  // A 低保 case's amount in force for the draft month raised by 1 元 behind the services' back: the next 工作台 shows it.
  const row = (
    await sql<{ id: string }>`SELECT a.id FROM case_amounts a JOIN cases c ON c.id = a.case_id
      WHERE c.category = 'dibao' AND c.status = 'active' AND c.start_month <= ${draftMonth}
        AND (c.stop_month IS NULL OR c.stop_month > ${draftMonth}) AND a.effective_month <= ${draftMonth}
      ORDER BY a.effective_month DESC, a.created_at DESC, a.id DESC LIMIT 1`.execute(core.ledger.db)
  ).rows[0];
  expect(row).toBeDefined();
  core.ledger.raw.prepare('UPDATE case_amounts SET amount_fen = amount_fen + 100 WHERE id = ?').run(row!.id);
  const after = await expectCharts(draftMonth);
  expect(after).not.toBe(draftTotal);
});
