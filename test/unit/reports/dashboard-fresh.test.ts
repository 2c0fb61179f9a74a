// 工作台 after each kind of write (issue 17): what reports.dashboard answers — the cases' due rows, the elderly rows
// and both charts — equals what the full computations give at that moment (the whole worklist grouped by task, the
// visit worklist's total, the elderly figures, countSet/draftAmounts and the confirmed rolls' lines), however the
// dashboard keeps or counts its parts. The 工作台 is asked before every write, so anything it keeps is there to go
// stale; several writes go behind the services' back (plain SQL), and one is rolled back.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startCore, type Core } from '../../../src/main/core';
import { computeElderlyFigures } from '../../../src/main/ledger/stations';
import { andWhere, countSet, draftAmounts, paidIn } from '../../../src/main/ledger/reports/sets';
import type { DashboardView } from '../../../src/shared/api/reports';
import { addMonths, today } from '../../../src/shared/time';
import { SEED_PASSWORD, seedLedger } from '../../../src/tools/seed/generate';
import { ensureDivisions } from '../../helpers/divisions';
import { makeCaller, type Caller } from '../../helpers/ledger';

let dir: string;
let core: Core;
let clerk: Caller;

beforeAll(async () => {
  ensureDivisions();
  dir = mkdtempSync(join(tmpdir(), 'dashboard-fresh-'));
  const path = join(dir, 't.ledger');
  await seedLedger({ dbPath: path, households: 300, years: 2, seed: 'fresh', elderly: { facilities: 3, people: 40 } });
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
const raw = (statement: string, ...params: unknown[]) => core.ledger.raw.prepare(statement).run(...params);
const one = <T>(statement: string, ...params: unknown[]): T => core.ledger.raw.prepare(statement).get(...params) as T;

/** A month's 低保 + 特困 amount by village id: the confirmed roll's lines, or the cases' amounts in force. */
async function amounts(month: string): Promise<Map<string, number>> {
  const db = core.ledger.db;
  const roll = one<{ id: string } | undefined>(
    `SELECT id FROM payment_rolls WHERE month = ? AND status = 'confirmed'`,
    month,
  );
  if (!roll) return new Map([...(await draftAmounts(db, month, 'village', MAIN))].map(([v, m]) => [v, m.amountFen]));
  const rows = core.ledger.raw
    .prepare(
      `SELECT village_id AS v, sum(amount_fen) AS fen FROM payment_roll_lines
        WHERE roll_id = ? AND category IN ('dibao', 'tekun') GROUP BY village_id`,
    )
    .all(roll.id) as { v: string; fen: number }[];
  return new Map(rows.map((r) => [r.v, r.fen]));
}

/** What the 工作台 must show now, from the full computations. */
async function fresh(month: string): Promise<Pick<DashboardView, 'byVillage' | 'byMonth'> & { due: unknown[] }> {
  const db = core.ledger.db;
  const thisMonth = today(new Date()).slice(0, 7);
  const due: unknown[] = [];
  const work = await clerk.call('cases.worklist', {});
  for (const task of new Set(work.map((w) => w.task)))
    due.push({
      key: `cases:${task}`,
      count: work.filter((w) => w.task === task).length,
      overdue: work.filter((w) => w.task === task && w.overdue).length,
    });
  const visits = await clerk.call('elderly.worklist', { offset: 0, limit: 1, withinDays: 0, month: thisMonth });
  if (visits.total > 0) due.push({ key: `visits:${thisMonth}`, count: visits.total });
  const missing = (await computeElderlyFigures(db, thisMonth)).missingMonthly.length;
  if (missing > 0) due.push({ key: `facility_months:${thisMonth}`, count: missing });

  const villages = core.ledger.raw
    .prepare('SELECT id, name FROM villages WHERE active = 1 ORDER BY sort_order')
    .all() as { id: string; name: string }[];
  const byVillageCounts = await countSet(db, andWhere(paidIn(month), MAIN), 'village');
  const money = await amounts(month);
  const byVillage = villages.map((v) => ({
    villageName: v.name,
    households: byVillageCounts.get(v.id)?.households ?? 0,
    persons: byVillageCounts.get(v.id)?.persons ?? 0,
    amountFen: money.get(v.id) ?? 0,
  }));
  const byMonth: DashboardView['byMonth'] = [];
  for (let i = -11; i <= 0; i++) {
    const m = addMonths(month, i);
    const c = (await countSet(db, andWhere(paidIn(m), MAIN), 'all')).get('*');
    const amountFen = [...(await amounts(m)).values()].reduce((a, b) => a + b, 0);
    byMonth.push({ month: m, households: c?.households ?? 0, persons: c?.persons ?? 0, amountFen });
  }
  return { due, byVillage, byMonth };
}

/** The dashboard's answer in the same shape (a case row's overdue count read back from its label). */
async function shown(): Promise<{ month: string; view: Awaited<ReturnType<typeof fresh>> }> {
  const d = await clerk.call('reports.dashboard', {});
  const due = d.due
    .filter((r) => /^(cases|visits|facility_months):/.test(r.key))
    .map((r) =>
      r.key.startsWith('cases:')
        ? { key: r.key, count: r.count, overdue: Number(/其中逾期 (\d+) 项/.exec(r.label)?.[1] ?? 0) }
        : { key: r.key, count: r.count },
    );
  return { month: d.month, view: { due, byVillage: d.byVillage, byMonth: d.byMonth } };
}

async function expectFresh(what: string): Promise<void> {
  const { month, view } = await shown();
  const want = await fresh(month);
  const byKey = (a: unknown[]) =>
    [...a].sort((x, y) => ((x as { key: string }).key < (y as { key: string }).key ? -1 : 1));
  expect({ what, ...view, due: byKey(view.due) }).toEqual({ what, ...want, due: byKey(want.due) });
}

test('after each kind of write the 工作台 shows what a fresh computation gives', async () => {
  const first = await shown();
  const month = first.month;
  expect(first.view.byMonth.at(-1)!.households).toBeGreaterThan(0);
  expect(first.view.due.some((d) => (d as { key: string }).key.startsWith('cases:'))).toBe(true);
  await expectFresh('before any write');

  // Cases paid in the report month, to write to.
  const paid = (category: string) =>
    one<{ id: string; household_id: string }>(
      `SELECT c.id, c.household_id FROM cases c WHERE c.category = ? AND c.status = 'active'
        AND c.start_month < ? AND c.stop_month IS NULL AND c.pending_batch_id IS NULL
        AND (SELECT count(*) FROM case_members m WHERE m.case_id = c.id AND m.stop_month IS NULL) >= 2
        ORDER BY c.id LIMIT 1`,
      category,
      month,
    );
  const dibao = paid('dibao');
  expect(dibao).toBeDefined();

  const writes: [string, () => unknown][] = [
    [
      "a household's income, through the service (the bench's write)",
      async () => {
        const h = (await clerk.call('households.get', { id: dibao.household_id })).household;
        await clerk.call('households.update', {
          id: h.id,
          version: h.version,
          villageId: h.villageId,
          hukouType: h.hukouType,
          annualIncomeFen: h.annualIncomeFen + 1,
        });
      },
    ],
    [
      'a 低保 case moved to another village with its household, through the service',
      async () => {
        const h = (await clerk.call('households.get', { id: dibao.household_id })).household;
        const other = one<{ id: string }>('SELECT id FROM villages WHERE active = 1 AND id <> ? LIMIT 1', h.villageId);
        await clerk.call('households.update', {
          id: h.id,
          version: h.version,
          villageId: other.id,
          hukouType: h.hukouType,
          annualIncomeFen: h.annualIncomeFen,
        });
      },
    ],
    [
      "the case's amount in force raised behind the services' back",
      () =>
        raw(
          `UPDATE case_amounts SET amount_fen = amount_fen + 100 WHERE id = (SELECT id FROM case_amounts
            WHERE case_id = ? ORDER BY effective_month DESC, created_at DESC, id DESC LIMIT 1)`,
          dibao.id,
        ),
    ],
    [
      'a member leaves the case (its member row ended, plain SQL)',
      () =>
        raw(
          `UPDATE case_members SET stop_month = ? WHERE rowid = (SELECT rowid FROM case_members
            WHERE case_id = ? AND stop_month IS NULL ORDER BY person_id DESC LIMIT 1)`,
          addMonths(month, -2),
          dibao.id,
        ),
    ],
    [
      'a 特困 case stopped two months back (plain SQL)',
      () =>
        raw(
          `UPDATE cases SET status = 'stopped', stop_month = ? WHERE id = (SELECT id FROM cases
            WHERE category = 'tekun' AND status = 'active' AND stop_month IS NULL AND start_month < ? ORDER BY id LIMIT 1)`,
          addMonths(month, -2),
          addMonths(month, -6),
        ),
    ],
    [
      'a case given an overdue step (plain SQL)',
      () =>
        raw(
          `UPDATE cases SET due_task = 'approve', due_on = '2020-01-02' WHERE id = (SELECT id FROM cases
            WHERE due_on IS NULL AND status = 'active' ORDER BY id DESC LIMIT 1)`,
        ),
    ],
    [
      'a 复核 brought forward to today (plain SQL)',
      () =>
        raw(
          `UPDATE cases SET next_recheck_on = ? WHERE id = (SELECT id FROM cases
            WHERE status = 'active' AND category = 'dibao' AND next_recheck_on > ? ORDER BY id LIMIT 1)`,
          today(new Date()),
          addMonths(today(new Date()).slice(0, 7), 3),
        ),
    ],
    [
      'a person renamed (plain SQL)',
      () =>
        raw(`UPDATE people SET name = name || '甲' WHERE id = (SELECT person_id FROM cases WHERE id = ?)`, dibao.id),
    ],
    [
      'a write rolled back',
      () => {
        core.ledger.raw.exec('BEGIN');
        raw(`UPDATE case_amounts SET amount_fen = amount_fen + 5000 WHERE case_id = ?`, dibao.id);
        core.ledger.raw.exec('ROLLBACK');
      },
    ],
    [
      'an elderly person visited today, through the service',
      async () => {
        const [p] = (
          await clerk.call('elderly.worklist', {
            offset: 0,
            limit: 1,
            withinDays: 0,
            month: today(new Date()).slice(0, 7),
          })
        ).rows;
        if (!p) return;
        await clerk.call('elderly.visits.add', {
          elderlyId: p.id,
          visitedOn: today(new Date()),
          way: 'home',
          visitor: '张三',
          findings: '生活正常',
          problems: null,
          referral: null,
        });
      },
    ],
    [
      'the facilities reopened three months back, so this month’s figures are owed (plain SQL)',
      () => raw(`UPDATE facilities SET opened_on = ?, closed_on = NULL`, `${addMonths(month, -3)}-01`),
    ],
  ];
  for (const [what, write] of writes) {
    await shown(); // whatever the 工作台 keeps, it has it now
    await write();
    await expectFresh(what);
  }
}, 120_000);
