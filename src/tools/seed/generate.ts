// The benchmark ledger generator (`civil-ledger seed`): a deterministic, realistic synthetic ledger of one real
// township — households and people, cases of every category over the years with their amounts, members, steps and
// grants, and a payment roll for every month. Set-up goes through the dispatcher (setup.init, users.create) like
// any ledger; the bulk rows are written with prepared better-sqlite3 statements inside transactions, and each batch
// is recorded by one summarising journal entry (action 'seed.*') — not one entry per row — so the audit trail says
// plainly that these rows were generated, and by which generator version and seed.
import { existsSync, statSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { startCore, type Core } from '../../main/core';
import { appendJournal, type JournalEntryInput } from '../../main/ledger/journal';
import { countOf, execute, rowsOf, statementOf, type Statement } from '../../main/ledger/kernel';
import { getSetting } from '../../main/ledger/settings';
import { CasePlanner, type CaseRows, type SeedActors } from './cases';
import { elderlyScale, planElderly } from './elderly';
import { planOrgs } from './orgs';
import { HouseholdPlanner, villageWeights, type PlannedHousehold, type SeedVillage, type SpanInfo } from './households';
import { IdNumbers } from './names';
import { Rng } from './random';
import { writeAllRolls, type RollMonth } from './rolls';
import { dateIn, monthIdx, monthStr, msecsOf } from './time';

/** Bump when the generated content changes: benchmark caches are keyed by it. */
export const GENERATOR_VERSION = 1;
/**
 * The last month of the generated span when none is given. Fixed (not "last month") so that the same seed gives
 * the same ledger whatever day it is generated on.
 */
export const DEFAULT_UNTIL = '2026-10';
export const DEFAULT_TOWNSHIP = '321202001';
export const SEED_PASSWORD = 'seed-password-1';

export interface SeedOptions {
  dbPath: string;
  households: number;
  years: number;
  seed: string;
  township?: string;
  until?: string;
  adminPassword?: string;
  /** 养老服务 register size; by default in proportion to `households` (elderly.ts elderlyScale). */
  elderly?: { facilities: number; people: number };
  /** Progress lines for the command line. */
  progress?: (line: string) => void;
}

export interface SeedCounts {
  villages: number;
  households: number;
  people: number;
  householdMembers: number;
  cases: number;
  caseMembers: number;
  caseAmounts: number;
  caseSteps: number;
  assessments: number;
  grants: number;
  rolls: number;
  rollLines: number;
  facilities: number;
  facilityMonths: number;
  elderly: number;
  elderlyVisits: number;
  orgs: number;
  orgInspections: number;
  journalEntries: number;
}

export interface SeedReport {
  township: string;
  firstMonth: string;
  lastMonth: string;
  created: boolean;
  counts: SeedCounts;
  /** Seconds per phase. */
  timings: { setup: number; cases: number; rolls: number; total: number };
}

const BATCH = 1000;
const SEED_ACTOR = { id: null, name: '模拟数据生成器（civil-ledger seed）' };

export async function seedLedger(o: SeedOptions): Promise<SeedReport> {
  const t0 = performance.now();
  const progress = o.progress ?? (() => {});
  if (!Number.isInteger(o.households) || o.households < 1) throw new RangeError('households 必须是正整数');
  if (!Number.isInteger(o.years) || o.years < 1 || o.years > 30) throw new RangeError('years 必须在 1–30 之间');
  const until = o.until ?? DEFAULT_UNTIL;
  const created = !existsSync(o.dbPath) || statSync(o.dbPath).size === 0;
  const core = await startCore({ dbPath: o.dbPath, create: created });
  try {
    if (created) await setUp(core, o.township ?? DEFAULT_TOWNSHIP, o.adminPassword ?? SEED_PASSWORD);
    const raw = core.ledger.raw;
    const township = await getSetting<{ code: string; path: string } | null>(core.ledger.db, 'township', null);
    if (!township) throw new Error('台账尚未完成初始设置（没有街道/乡镇）');
    const existing = countOf(raw, 'SELECT count(*) FROM households');
    if (existing > 0) throw new Error(`台账已有 ${existing} 户住户数据；seed 只写入新的或空的台账`);
    const villages = rowsOf<SeedVillage>(
      raw,
      'SELECT id, name, kind FROM villages WHERE active = 1 AND merged_into_id IS NULL ORDER BY sort_order, code',
    );
    if (villages.length === 0) throw new Error('台账没有村(社区)');
    const actors = actorsOf(raw);

    // A bulk write of generated data into a file nobody else has open: a rollback journal in memory and no fsync
    // until the end (a crash midway leaves a file to delete and generate again, never a real ledger). The usual
    // WAL + synchronous=FULL are restored before the file is closed, and every later open sets them again.
    raw.pragma('wal_checkpoint(TRUNCATE)');
    raw.pragma('journal_mode = MEMORY');
    raw.pragma('synchronous = OFF');
    raw.pragma('cache_size = -262144');

    const lastIdx = monthIdx(until);
    const firstIdx = lastIdx - o.years * 12 + 1;
    const span: SpanInfo = { firstIdx, lastIdx, startDate: dateIn(firstIdx, 1) };
    const root = new Rng(`civil-ledger-seed:v${GENERATOR_VERSION}:${o.seed}`);
    const villageRng = root.fork('villages');
    const planner = new HouseholdPlanner(
      villages,
      villageWeights(villageRng, villages),
      new IdNumbers(township.code.slice(0, 6)),
      span,
    );
    const casePlanner = new CasePlanner(span, actors);
    const counts: SeedCounts = {
      villages: villages.length,
      households: 0,
      people: 0,
      householdMembers: 0,
      cases: 0,
      caseMembers: 0,
      caseAmounts: 0,
      caseSteps: 0,
      assessments: 0,
      grants: 0,
      rolls: 0,
      rollLines: 0,
      facilities: 0,
      facilityMonths: 0,
      elderly: 0,
      elderlyVisits: 0,
      orgs: 0,
      orgInspections: 0,
      journalEntries: 0,
    };
    const about = { generator: GENERATOR_VERSION, seed: o.seed, synthetic: true };
    const tSetup = performance.now();

    const insert = inserter(raw);
    const hhRng = root.fork('households');
    const caseRng = root.fork('cases');
    for (let from = 0; from < o.households; from += BATCH) {
      const n = Math.min(BATCH, o.households - from);
      const households: PlannedHousehold[] = [];
      const rows: CaseRows = { cases: [], members: [], amounts: [], steps: [], assessments: [] };
      for (let k = 0; k < n; k++) {
        const h = planner.plan(hhRng.fork(String(from + k)));
        const c = casePlanner.plan(caseRng.fork(String(from + k)), h);
        households.push(h);
        rows.cases.push(...c.cases);
        rows.members.push(...c.members);
        rows.amounts.push(...c.amounts);
        rows.steps.push(...c.steps);
        rows.assessments.push(...c.assessments);
      }
      raw.exec('BEGIN');
      try {
        insert(
          'people',
          households.flatMap((h) => h.people.map((p) => p.row)),
        );
        insert(
          'households',
          households.map((h) => h.row),
        );
        insert(
          'household_members',
          households.flatMap((h) => h.members),
        );
        insert('cases', rows.cases);
        insert('case_members', rows.members);
        insert('case_amounts', rows.amounts);
        insert('case_steps', rows.steps);
        insert('self_care_assessments', rows.assessments);
        const people = households.reduce((s, h) => s + h.people.length, 0);
        const grants = rows.cases.filter((c) => c.category === 'linshi').length;
        const first = households[0];
        await appendJournal(core.ledger.db, SEED_ACTOR, [
          {
            action: 'seed.households',
            entity: 'households',
            entityId: first?.row.id ?? '',
            after: { ...about, households: n, people, cases: rows.cases.length, grants, amounts: rows.amounts.length },
            reason: '生成模拟台账（测试数据，身份证号码等均为虚构）',
          },
        ]);
        raw.exec('COMMIT');
        counts.households += n;
        counts.people += people;
        counts.householdMembers += households.reduce((s, h) => s + h.members.length, 0);
        counts.cases += rows.cases.length;
        counts.caseMembers += rows.members.length;
        counts.caseAmounts += rows.amounts.length;
        counts.caseSteps += rows.steps.length;
        counts.assessments += rows.assessments.length;
        counts.grants += grants;
        counts.journalEntries += 1;
      } catch (e) {
        raw.exec('ROLLBACK');
        throw e;
      }
      progress(`住户 ${counts.households}/${o.households}，人员 ${counts.people}，案件 ${counts.cases}`);
    }
    const tCases = performance.now();

    // A roll for every month: confirmed by the reviewer, except the last month's (still a draft).
    const rollRng = root.fork('rolls');
    const months: RollMonth[] = [];
    for (let m = firstIdx; m <= lastIdx; m++) {
      const msecs = msecsOf(dateIn(m + 1, 3), rollRng.int(0, 7200));
      months.push({
        month: monthStr(m),
        rollId: rollRng.id(msecs),
        msecs,
        status: m === lastIdx ? 'draft' : 'confirmed',
      });
    }
    raw.exec('BEGIN');
    try {
      const lines = writeAllRolls(raw, months, { generatedBy: actors.clerk.id, confirmedBy: actors.reviewer.id });
      const totals = new Map(
        rowsOf<{ month: string; total_fen: number }>(raw, 'SELECT month, total_fen FROM payment_rolls').map((r) => [
          r.month,
          r.total_fen,
        ]),
      );
      const entries: JournalEntryInput[] = months.map((m) => ({
        action: 'seed.roll',
        entity: 'payment_rolls',
        entityId: m.rollId,
        after: {
          ...about,
          month: m.month,
          status: m.status,
          lines: lines.get(m.month) ?? 0,
          totalFen: totals.get(m.month) ?? 0,
        },
        reason: '生成模拟发放花名册（测试数据）',
      }));
      await appendJournal(core.ledger.db, SEED_ACTOR, entries);
      raw.exec('COMMIT');
      counts.rolls += months.length;
      for (const n of lines.values()) counts.rollLines += n;
      counts.journalEntries += entries.length;
    } catch (e) {
      raw.exec('ROLLBACK');
      throw e;
    }
    progress(`发放花名册 ${counts.rolls} 个月，${counts.rollLines} 行`);

    // 养老服务: facilities with their monthly figures, the register of elderly people and their visits.
    const elderly = planElderly(
      root.fork('elderly'),
      villages,
      span,
      new IdNumbers(township.code.slice(0, 6)),
      actors.clerk,
      o.elderly ?? elderlyScale(o.households),
    );
    raw.exec('BEGIN');
    try {
      insert('facilities', elderly.facilities);
      insert('facility_months', elderly.months);
      insert('elderly_people', elderly.people);
      for (let i = 0; i < elderly.visits.length; i += 10 * BATCH)
        insert('elderly_visits', elderly.visits.slice(i, i + 10 * BATCH));
      await appendJournal(core.ledger.db, SEED_ACTOR, [
        {
          action: 'seed.elderly',
          entity: 'facilities',
          entityId: elderly.facilities[0]?.id ?? '',
          after: {
            ...about,
            facilities: elderly.facilities.length,
            facilityMonths: elderly.months.length,
            elderly: elderly.people.length,
            visits: elderly.visits.length,
          },
          reason: '生成模拟养老服务台账（测试数据，身份证号码等均为虚构）',
        },
      ]);
      raw.exec('COMMIT');
      counts.facilities += elderly.facilities.length;
      counts.facilityMonths += elderly.months.length;
      counts.elderly += elderly.people.length;
      counts.elderlyVisits += elderly.visits.length;
      // 社会组织: organizations and the 年检 of the registered ones.
      const orgs = planOrgs(root.fork('orgs'), villages, span, township.code.slice(0, 6));
      insert('orgs', orgs.orgs);
      insert('org_inspections', orgs.inspections);
      await appendJournal(core.ledger.db, SEED_ACTOR, [
        {
          action: 'seed.orgs',
          entity: 'orgs',
          entityId: orgs.orgs[0]?.id ?? '',
          after: { ...about, orgs: orgs.orgs.length, inspections: orgs.inspections.length },
          reason: '生成模拟社会组织台账（测试数据，名称、统一社会信用代码等均为虚构）',
        },
      ]);
      counts.orgs += orgs.orgs.length;
      counts.orgInspections += orgs.inspections.length;
      counts.journalEntries += 2;
    } catch (e) {
      raw.exec('ROLLBACK');
      throw e;
    }
    progress(
      `养老服务设施 ${counts.facilities} 个，特殊困难老年人 ${counts.elderly} 人，探访 ${counts.elderlyVisits} 次`,
    );
    progress(`社会组织 ${counts.orgs} 个，年检 ${counts.orgInspections} 条`);
    raw.pragma('synchronous = FULL');
    raw.pragma('journal_mode = WAL');
    const t1 = performance.now();
    return {
      township: township.path,
      firstMonth: monthStr(firstIdx),
      lastMonth: until,
      created,
      counts,
      timings: {
        setup: (tSetup - t0) / 1000,
        cases: (tCases - tSetup) / 1000,
        rolls: (t1 - tCases) / 1000,
        total: (t1 - t0) / 1000,
      },
    };
  } finally {
    await core.close();
  }
}

/** A new ledger: the township through setup.init, then a reviewer and a clerk (the roll is maker-checker). */
async function setUp(core: Core, township: string, password: string): Promise<void> {
  const init = await core.dispatcher.dispatch({
    method: 'setup.init',
    input: { townshipCode: township, admin: { username: 'admin', displayName: '王管理', password } },
  });
  if (!init.ok) throw new Error(init.error.message);
  const login = await core.dispatcher.dispatch({ method: 'auth.login', input: { username: 'admin', password } });
  if (!login.ok) throw new Error(login.error.message);
  const session = (login.data as { session: string }).session;
  for (const [username, displayName, role] of [
    ['reviewer', '李审核', 'reviewer'],
    ['clerk', '张经办', 'clerk'],
  ] as const) {
    const r = await core.dispatcher.dispatch({
      method: 'users.create',
      input: { username, displayName, role, password },
      session,
    });
    if (!r.ok) throw new Error(r.error.message);
  }
  // The sample's accounts share the printed sample password: they are not asked to replace it at first login, as a
  // real account an administrator creates is.
  execute(core.ledger.raw, `UPDATE users SET must_change_password = 0 WHERE username IN ('reviewer', 'clerk')`);
}

function actorsOf(raw: Database.Database): SeedActors {
  const users = rowsOf<{ id: string; name: string; role: string }>(
    raw,
    'SELECT id, display_name AS name, role FROM users WHERE active = 1 ORDER BY created_at, id',
  );
  const admin = users.find((u) => u.role === 'admin') ?? users[0];
  if (!admin) throw new Error('台账没有用户');
  const clerk = users.find((u) => u.role === 'clerk') ?? admin;
  const reviewer =
    users.find((u) => u.role === 'reviewer' && u.id !== clerk.id) ?? users.find((u) => u.id !== clerk.id) ?? admin;
  return { clerk: { id: clerk.id, name: clerk.name }, reviewer: { id: reviewer.id, name: reviewer.name } };
}

/**
 * Prepared INSERTs whose columns are the keys of the rows themselves: the rows are typed by the table contract
 * (cases/tables.ts), so every column of the contract is written and nothing else.
 */
function inserter(raw: Database.Database) {
  const cache = new Map<string, Statement>();
  return (table: string, rows: readonly object[]): void => {
    const first = rows[0];
    if (!first) return;
    let stmt = cache.get(table);
    if (!stmt) {
      const cols = Object.keys(first);
      stmt = statementOf(
        raw,
        `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`,
      );
      cache.set(table, stmt);
    }
    for (const r of rows) stmt.run(r);
  };
}
