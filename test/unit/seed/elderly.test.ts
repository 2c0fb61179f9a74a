// The benchmark ledger's 养老服务 and 社会组织 data: 60 facilities with monthly figures, 3,000 register people visited at their
// risk level's frequency; every row obeys the table contract and the app's own pages read it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startCore, type Core } from '../../../src/main/core';
import { elderlyScale } from '../../../src/tools/seed/elderly';
import { SEED_PASSWORD, seedLedger, type SeedReport } from '../../../src/tools/seed/generate';
import { parseIdNumber } from '../../../src/shared/idcard';
import { parseUscc } from '../../../src/shared/uscc';
import { ensureDivisions } from '../../helpers/divisions';
import { makeCaller, type Caller } from '../../helpers/ledger';

let dir: string;
let report: SeedReport;
let core: Core;
let clerk: Caller;

beforeAll(async () => {
  ensureDivisions();
  dir = mkdtempSync(join(tmpdir(), 'ledger-seed-elderly-'));
  const path = join(dir, 'e.ledger');
  // The register of the 20,000-household benchmark ledger, beside only a few households.
  report = await seedLedger({
    dbPath: path,
    households: 20,
    years: 10,
    seed: 'elderly',
    until: '2026-10',
    elderly: elderlyScale(20_000),
  });
  core = await startCore({ dbPath: path, now: () => new Date('2026-11-02T02:00:00Z') });
  const r = await core.dispatcher.dispatch({
    method: 'auth.login',
    input: { username: 'clerk', password: SEED_PASSWORD },
  });
  if (!r.ok) throw new Error(r.error.message);
  clerk = makeCaller(core, (r.data as { session: string }).session);
}, 120_000);
afterAll(async () => {
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('养老服务 in the benchmark ledger', () => {
  test('the register scales with the ledger: 60 facilities and 3,000 people at 20,000 households', () => {
    expect(elderlyScale(20_000)).toEqual({ facilities: 60, people: 3000 });
    expect(elderlyScale(2000)).toEqual({ facilities: 6, people: 300 });
    expect(elderlyScale(60)).toEqual({ facilities: 3, people: 30 });
  });

  test('60 facilities with a figures row for every open month; 3,000 people; ~150,000 visits over ten years', () => {
    const raw = core.ledger.raw;
    expect(report.counts.facilities).toBe(60);
    expect(report.counts.elderly).toBe(3000);
    expect(report.counts.elderlyVisits).toBeGreaterThan(100_000);
    expect(report.counts.elderlyVisits).toBeLessThan(200_000);
    expect(raw.prepare('SELECT count(*) FROM elderly_visits').pluck().get()).toBe(report.counts.elderlyVisits);
    const gaps = raw
      .prepare(
        `SELECT f.id FROM facilities f WHERE (SELECT count(*) FROM facility_months m WHERE m.facility_id = f.id) <>
           (2026 * 12 + 10) - max(2016 * 12 + 11, CAST(substr(f.opened_on, 1, 4) AS INTEGER) * 12 + CAST(substr(f.opened_on, 6, 2) AS INTEGER)) + 1`,
      )
      .all();
    expect(gaps).toEqual([]);
  });

  test('visits fall between registration and the end of the entry; ID numbers are valid and unique', () => {
    const raw = core.ledger.raw;
    const outside = raw
      .prepare(
        `SELECT v.id FROM elderly_visits v JOIN elderly_people e ON e.id = v.elderly_id
         WHERE v.visited_on < e.registered_on OR (e.ended_on IS NOT NULL AND v.visited_on > e.ended_on)`,
      )
      .all();
    expect(outside).toEqual([]);
    const people = raw.prepare('SELECT id_number, birth_date, sex FROM elderly_people').all() as Record<
      string,
      string
    >[];
    for (const p of people) {
      const r = parseIdNumber(p.id_number ?? '', { today: '2026-11-01' });
      expect(r.ok && r.birthDate === p.birth_date && r.sex === p.sex, p.id_number).toBe(true);
    }
    expect(raw.prepare('SELECT count(DISTINCT id_number) FROM elderly_people').pluck().get()).toBe(3000);
  });

  test('the app reads it: visit rate, worklist, figures and lists', async () => {
    const rate = await clerk.call('elderly.visitRate', { month: '2026-10' });
    expect(rate.total.due).toBeGreaterThan(100);
    expect(rate.total.done).toBeGreaterThan(0);
    const work = await clerk.call('elderly.worklist', { offset: 0, limit: 50, withinDays: 7 });
    expect(work.total).toBeGreaterThan(0);
    const figures = await clerk.call('stations.figures', { month: '2026-10' });
    expect(figures.facilities.total).toBe(60);
    const list = await clerk.call('stations.facilities.list', { offset: 0, limit: 50 });
    expect(list.total).toBe(60);
    const elderly = await clerk.call('elderly.list', { offset: 0, limit: 50 });
    expect(elderly.total).toBeGreaterThan(2000);
  });
});

describe('社会组织 in the benchmark ledger', () => {
  test('150 organizations; registered ones have valid credit codes and one 年检 a year, results in the spring after', () => {
    const raw = core.ledger.raw;
    expect(report.counts.orgs).toBe(150);
    const registered = raw
      .prepare(`SELECT id, credit_code, registered_on FROM orgs WHERE registry = 'registered'`)
      .all() as { id: string; credit_code: string; registered_on: string }[];
    expect(registered.length).toBeGreaterThan(20);
    expect(registered.length).toBeLessThan(150);
    for (const o of registered) expect(parseUscc(o.credit_code).ok, o.credit_code).toBe(true);
    expect(raw.prepare('SELECT count(DISTINCT credit_code) FROM orgs').pluck().get()).toBe(registered.length);
    const twice = raw
      .prepare('SELECT org_id, year FROM org_inspections GROUP BY org_id, year HAVING count(*) > 1')
      .all();
    expect(twice).toEqual([]);
    const early = raw
      .prepare(
        `SELECT i.id FROM org_inspections i JOIN orgs o ON o.id = i.org_id
         WHERE i.year < CAST(substr(o.registered_on, 1, 4) AS INTEGER) OR i.year >= 2026
            OR (i.result_on IS NOT NULL AND substr(i.result_on, 1, 4) <> CAST(i.year + 1 AS TEXT))`,
      )
      .all();
    expect(early).toEqual([]);
    expect(report.counts.orgInspections).toBeGreaterThan(registered.length * 3);
  });

  test('the app reads it: list, worklist and the month’s figures', async () => {
    const list = await clerk.call('orgs.list', { offset: 0, limit: 50 });
    expect(list.total).toBe(150);
    const work = await clerk.call('orgs.worklist', {});
    expect(work.items.length).toBeGreaterThan(0);
    const figures = await clerk.call('orgs.figures', { month: '2026-10' });
    expect(figures.registered.total + figures.community.total).toBe(150);
  });
});
