// The benchmark ledger generator: same seed, same ledger; every row obeys the table contract; `check` passes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CliIO } from '../../../src/main/cli/command';
import { main } from '../../../src/main/cli/index';
import { checkLedger } from '../../../src/main/ledger/backup/check';
import { nameInitials } from '../../../src/main/ledger/people/persons';
import { seedLedger } from '../../../src/tools/seed/generate';
import { ROLL_LINE_COLUMNS, ROLL_LINES_SELECT } from '../../../src/tools/seed/rolls';
import { parseIdNumber } from '../../../src/shared/idcard';
import { ensureDivisions } from '../../helpers/divisions';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const SEEDED_TABLES = [
  'people',
  'households',
  'household_members',
  'self_care_assessments',
  'cases',
  'case_members',
  'case_amounts',
  'case_steps',
  'payment_rolls',
  'payment_roll_lines',
  'facilities',
  'facility_months',
  'elderly_people',
  'elderly_visits',
  'orgs',
  'org_inspections',
] as const;
const CATEGORIES = [
  'dibao',
  'tekun',
  'bianyuan',
  'linshi',
  'gangxing',
  'canji_living',
  'canji_care',
  'guer',
  'wurenfuyang',
];

let dir: string;
let a: string;
let raw: Database.Database;

function capture(): CliIO & { text: () => string } {
  const lines: string[] = [];
  return {
    out: (t) => lines.push(t),
    err: (t) => lines.push(t),
    askSecret: async () => null,
    text: () => lines.join('\n'),
  };
}

/**
 * Every seeded row as text, with the ids set-up creates on its own (villages, users: random UUIDs of the moment)
 * replaced by their natural keys, so two files generated from the same seed can be compared whole.
 */
function content(path: string): string {
  const db = new Database(path, { readonly: true });
  try {
    const swaps = [
      ...(db.prepare('SELECT id, code AS k FROM villages').all() as { id: string; k: string }[]),
      ...(db.prepare('SELECT id, username AS k FROM users').all() as { id: string; k: string }[]),
    ];
    let text = '';
    for (const t of SEEDED_TABLES) text += JSON.stringify(db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).raw().all());
    for (const s of swaps) text = text.replaceAll(s.id, `<${s.k}>`);
    return text;
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  ensureDivisions();
  dir = mkdtempSync(join(tmpdir(), 'ledger-seed-'));
  a = join(dir, 'a.ledger');
  await seedLedger({ dbPath: a, households: 60, years: 4, seed: 'unit', until: '2026-10' });
  raw = new Database(a, { readonly: true });
});
afterAll(() => {
  raw.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('determinism', () => {
  test('the same seed gives the same ledger; another seed a different one', async () => {
    const b = join(dir, 'b.ledger');
    const c = join(dir, 'c.ledger');
    await seedLedger({ dbPath: b, households: 60, years: 4, seed: 'unit', until: '2026-10' });
    await seedLedger({ dbPath: c, households: 60, years: 4, seed: 'other', until: '2026-10' });
    const ca = content(a);
    expect(ca.length).toBeGreaterThan(100_000);
    expect(content(b)).toBe(ca);
    expect(content(c)).not.toBe(ca);
  });
});

describe('people', () => {
  test('every ID number is a valid GB 11643 number of the township’s county, matching sex and birth date', () => {
    const people = raw.prepare('SELECT * FROM people').all() as Record<string, string | null>[];
    expect(people.length).toBeGreaterThan(100);
    for (const p of people) {
      const r = parseIdNumber(p.id_number ?? '', { today: '2026-11-01' });
      expect(r.ok, `${p.id_number}`).toBe(true);
      if (!r.ok) continue;
      expect(r.regionCode).toBe('321202');
      expect(r.birthDate).toBe(p.birth_date);
      expect(r.sex).toBe(p.sex);
      expect(p.id_number?.slice(14, 15)).toBe('9'); // the synthetic sequence range
      expect(p.id_reversed).toBe([...(p.id_number ?? '')].reverse().join(''));
      expect(p.name_initials).toBe(nameInitials(p.name ?? ''));
      expect(p.name).toMatch(/^[\u4e00-\u9fa5]{2,4}$/);
    }
    const unique = raw.prepare('SELECT count(DISTINCT id_number) FROM people').pluck().get();
    expect(unique).toBe(people.length);
  });

  test('each household has one head, who is a current member; the dead have left their household', () => {
    const bad = raw
      .prepare(
        `SELECT h.id FROM households h WHERE NOT EXISTS (SELECT 1 FROM household_members m WHERE m.household_id = h.id
           AND m.person_id = h.head_person_id AND m.relation = '户主')`,
      )
      .all();
    expect(bad).toEqual([]);
    const deadStill = raw
      .prepare(
        `SELECT p.id FROM people p JOIN household_members m ON m.person_id = p.id
         WHERE p.deceased_on IS NOT NULL AND (m.left_on IS NULL OR m.left_on <> p.deceased_on)`,
      )
      .all();
    expect(deadStill).toEqual([]);
  });
});

describe('cases', () => {
  test('every category is present; approved monthly cases start with an initial amount and carry the latest one', () => {
    const cats = raw.prepare('SELECT DISTINCT category FROM cases').pluck().all();
    expect([...cats].sort()).toEqual([...CATEGORIES].sort());
    const rows = raw
      .prepare(
        `SELECT c.*, (SELECT a.amount_fen FROM case_amounts a WHERE a.case_id = c.id
            ORDER BY a.effective_month DESC, a.created_at DESC LIMIT 1) AS latest,
          (SELECT a.effective_month || a.kind FROM case_amounts a WHERE a.case_id = c.id
            ORDER BY a.effective_month LIMIT 1) AS first
         FROM cases c WHERE c.status IN ('active','stopped') AND c.category <> 'linshi'`,
      )
      .all() as Record<string, string | number | null>[];
    for (const c of rows) {
      expect(c.first).toBe(`${c.start_month}initial`);
      expect(c.monthly_amount_fen).toBe(c.latest);
      expect(c.status === 'stopped').toBe(c.stop_month !== null);
      if (c.stop_month !== null) expect(String(c.stop_month) > String(c.start_month)).toBe(true);
    }
    const linshi = raw.prepare(`SELECT * FROM cases WHERE category = 'linshi'`).all() as Record<string, unknown>[];
    for (const g of linshi) {
      expect(g.grant_month).toMatch(/^\d{4}-\d{2}$/);
      expect(g.grant_amount_fen).toBeGreaterThan(0);
      expect(g.monthly_amount_fen).toBeNull();
    }
  });

  test('amounts add up, change over the years (standards, changes) and never cover the dead', () => {
    expect(
      raw.prepare('SELECT count(*) FROM case_amounts WHERE amount_fen <> base_fen + supplement_fen').pluck().get(),
    ).toBe(0);
    const kinds = raw.prepare('SELECT DISTINCT kind FROM case_amounts').pluck().all();
    expect(kinds).toEqual(expect.arrayContaining(['initial', 'standard']));
    const coveredDead = raw
      .prepare(
        `SELECT cm.id FROM case_members cm JOIN people p ON p.id = cm.person_id
         WHERE p.deceased_on IS NOT NULL AND cm.start_month <= substr(p.deceased_on, 1, 7)
           AND (cm.stop_month IS NULL OR cm.stop_month > strftime('%Y-%m', substr(p.deceased_on, 1, 7) || '-01', '+1 month'))`,
      )
      .all();
    expect(coveredDead).toEqual([]);
    const deadOnCases = raw
      .prepare(
        'SELECT count(*) FROM case_members cm JOIN people p ON p.id = cm.person_id WHERE p.deceased_on IS NOT NULL',
      )
      .pluck()
      .get() as number;
    expect(deadOnCases).toBeGreaterThan(0); // the rule above was exercised
    const stopped = raw.prepare(`SELECT count(*) FROM cases WHERE status = 'stopped'`).pluck().get() as number;
    expect(stopped).toBeGreaterThan(0);
  });

  test('orphans and children without carers are minors while paid', () => {
    const bad = raw
      .prepare(
        `SELECT c.id FROM cases c JOIN people p ON p.id = c.person_id WHERE c.category IN ('guer','wurenfuyang')
           AND coalesce(c.stop_month, '2026-11') > strftime('%Y-%m', p.birth_date, '+18 years', '+2 months')`,
      )
      .all();
    expect(bad).toEqual([]);
  });

  test('ids of all seeded rows are UUIDv7', () => {
    for (const t of SEEDED_TABLES) {
      const ids = raw.prepare(`SELECT id FROM ${t}`).pluck().all() as string[];
      expect(ids.length, t).toBeGreaterThan(0);
      for (const id of ids) expect(id, t).toMatch(UUID_V7);
    }
  });
});

describe('payment rolls', () => {
  test('a confirmed roll for every month but the last (a draft); totals are the sum of their lines', () => {
    const rolls = raw.prepare('SELECT * FROM payment_rolls ORDER BY month').all() as Record<string, unknown>[];
    expect(rolls).toHaveLength(48);
    expect(rolls.at(-1)?.status).toBe('draft');
    expect(rolls.slice(0, -1).every((r) => r.status === 'confirmed' && r.confirmed_by !== r.generated_by)).toBe(true);
    const mismatch = raw
      .prepare(
        `SELECT r.month FROM payment_rolls r WHERE r.line_count <> (SELECT count(*) FROM payment_roll_lines l WHERE l.roll_id = r.id)
           OR r.total_fen <> (SELECT coalesce(sum(amount_fen), 0) FROM payment_roll_lines l WHERE l.roll_id = r.id)`,
      )
      .all();
    expect(mismatch).toEqual([]);
    expect((rolls[20]?.line_count as number) > 20).toBe(true);
  });

  test('the all-months build gives exactly the lines of the one-month INSERT … SELECT', () => {
    const db = new Database(a, { readonly: true });
    try {
      db.exec(`CREATE TEMP TABLE again AS SELECT * FROM payment_roll_lines WHERE 0`);
      const insert = db.prepare(`INSERT INTO temp.again (${ROLL_LINE_COLUMNS}) ${ROLL_LINES_SELECT}`);
      const rolls = db.prepare('SELECT id, month, generated_at FROM payment_rolls').all() as {
        id: string;
        month: string;
        generated_at: string;
      }[];
      for (const r of rolls) insert.run({ month: r.month, roll_id: r.id, msecs: Date.parse(r.generated_at) });
      const cols = ROLL_LINE_COLUMNS.replace(/\s+/g, ' ');
      const diff = db
        .prepare(
          `SELECT count(*) FROM (SELECT ${cols} FROM payment_roll_lines EXCEPT SELECT ${cols} FROM temp.again
             UNION ALL SELECT ${cols} FROM temp.again EXCEPT SELECT ${cols} FROM payment_roll_lines)`,
        )
        .pluck()
        .get();
      expect(db.prepare('SELECT count(*) FROM temp.again').pluck().get()).toBe(
        db.prepare('SELECT count(*) FROM payment_roll_lines').pluck().get(),
      );
      expect(diff).toBe(0);
    } finally {
      db.close();
    }
  });
});

describe('the ledger as a whole', () => {
  test('check passes: integrity, foreign keys, the journal chain (with seed.* summary entries)', async () => {
    const r = await checkLedger(a);
    expect(r.items.filter((i) => !i.ok)).toEqual([]);
    const seedEntries = raw
      .prepare(`SELECT action, count(*) AS n FROM journal WHERE action LIKE 'seed.%' GROUP BY action`)
      .all();
    expect(seedEntries).toEqual([
      { action: 'seed.elderly', n: 1 },
      { action: 'seed.households', n: 1 },
      { action: 'seed.orgs', n: 1 },
      { action: 'seed.roll', n: 48 },
    ]);
  });

  test('civil-ledger seed prints what it wrote; refuses a ledger that already has households (exit 1)', async () => {
    const f = join(dir, 'cli.ledger');
    const io = capture();
    expect(await main(['seed', '--db', f, '--households', '5', '--years', '1', '--seed', 'cli', '--quiet'], io)).toBe(
      0,
    );
    expect(io.text()).toContain('住户 5 户');
    expect(io.text()).toContain('发放花名册 12 个月');
    expect(io.text()).toMatch(/用时 [\d.]+ 秒/);
    const again = capture();
    expect(await main(['seed', '--db', f, '--households', '5', '--years', '1', '--seed', 'cli'], again)).toBe(1);
    expect(again.text()).toContain('台账已有 5 户住户数据');
    const bad = capture();
    expect(
      await main(['seed', '--db', join(dir, 'x.ledger'), '--households', '0', '--years', '1', '--seed', 's'], bad),
    ).toBe(2);
  });
});
