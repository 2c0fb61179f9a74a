// 数据比对's ledger side (compare/ledger-match.ts looks up only the list's numbers) against what reading the whole
// ledger finds — every person, register entry and paying/stopped case, as the comparison did before: on a generated
// ledger with a legacy 15-digit number beside its 18-digit form, a person marked legacy whose number stays 15 digits,
// and one number on both registers, every person's and entry's hit, effect and cases (in order) must be the same.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openLedger, type Ledger } from '../../../src/main/ledger/db';
import { matchLedger, type CaseRef } from '../../../src/main/ledger/compare/ledger-match';
import { idCheckChar, upgradeLegacyIdNumber } from '../../../src/shared/idcard';
import { seedLedger } from '../../../src/tools/seed/generate';
import { ensureDivisions } from '../../helpers/divisions';

let dir: string;
let ledger: Ledger;
const AT = '2026-01-01T00:00:00.000Z';
/** The 15-digit form of an 18-digit number born in the 1900s. */
const to15 = (id18: string) => id18.slice(0, 6) + id18.slice(8, 17);

beforeAll(async () => {
  ensureDivisions();
  dir = mkdtempSync(join(tmpdir(), 'compare-match-'));
  const path = join(dir, 'm.ledger');
  await seedLedger({ dbPath: path, households: 200, years: 3, seed: 'match', elderly: { facilities: 1, people: 30 } });
  ledger = await openLedger(path);
  const raw = ledger.raw;
  const ids = raw
    .prepare(`SELECT id_number FROM people WHERE id_legacy = 0 AND substr(id_number, 7, 2) = '19' ORDER BY id`)
    .pluck()
    .all() as string[];
  const person = raw.prepare(
    `INSERT INTO people (id, id_number, id_legacy, name, created_at, updated_at) VALUES (?, ?, ?, ?, '${AT}', '${AT}')`,
  );
  // A legacy record of someone already on the ledger with the 18-digit number (born after 1919: the 15-digit number
  // sorts after the 18-digit one), and a pair born in 1905 (the 18-digit number sorts after).
  person.run('legacy-a', to15(ids.find((n) => n[8]! >= '2')!), 1, '旧号甲');
  const first17 = `${ids[1]!.slice(0, 6)}19050607${ids[1]!.slice(14, 17)}`;
  person.run('new-b', first17 + idCheckChar(first17), 0, '新号乙');
  person.run('legacy-b', to15(first17 + idCheckChar(first17)), 1, '旧号乙');
  // Marked legacy but never converted on the list side: a 15-digit number that is not the legacy form of anything.
  person.run('short-c', to15(ids[2]!).slice(0, 14) + '9', 0, '短号丙');
  const elder = raw
    .prepare(`SELECT id_number, village_id FROM elderly_people WHERE status = 'active' ORDER BY id LIMIT 2`)
    .all() as { id_number: string; village_id: string }[];
  // The same number on the children's register, and an elder's number in its 15-digit form as a second entry.
  raw
    .prepare(
      `INSERT INTO children (id, id_number, name, sex, birth_date, village_id, categories, father_status,
         mother_status, registered_on, created_at, updated_at)
       VALUES ('child-x', ?, '儿童登记', 'F', '2015-01-01', ?, '[]', 'dead', 'dead', '2025-01-01', '${AT}', '${AT}')`,
    )
    .run(elder[0]!.id_number, elder[0]!.village_id);
  raw
    .prepare(
      `INSERT INTO elderly_people (id, id_number, name, sex, birth_date, village_id, categories, risk_level,
         registered_on, status, created_at, updated_at)
       VALUES ('elder-15', ?, '旧号老人', 'M', '1930-01-01', ?, '[]', 'key', '2025-01-01', 'active', '${AT}', '${AT}')`,
    )
    .run(to15(elder[1]!.id_number), elder[1]!.village_id);
}, 120_000);

afterAll(async () => {
  await ledger?.close();
  rmSync(dir, { recursive: true, force: true });
});

type Hit = { id: string; name: string; effect: string | null; cases: CaseRef[] };

/** What reading the whole ledger finds: every person by key (later in ID order wins), the three effect sets. */
function wholeLedger(month: string): { people: Map<string, Hit>; registers: Map<string, unknown> } {
  const raw = ledger.raw;
  const people = new Map<string, Hit>();
  for (const p of raw
    .prepare('SELECT id, name, id_number, id_legacy FROM people WHERE id_number IS NOT NULL ORDER BY id_number')
    .all() as { id: string; name: string; id_number: string; id_legacy: number }[]) {
    const key = p.id_legacy ? (upgradeLegacyIdNumber(p.id_number) ?? p.id_number) : p.id_number;
    people.set(key, { id: p.id, name: p.name, effect: null, cases: [] });
  }
  const registers = new Map<string, unknown>();
  for (const e of raw
    .prepare(
      `SELECT * FROM (SELECT 0 AS s, id, name, id_number, person_id FROM elderly_people WHERE status = 'active'
         UNION ALL SELECT 1, id, name, id_number, person_id FROM children WHERE status = 'active') ORDER BY s, id_number`,
    )
    .all() as { id: string; name: string; id_number: string; person_id: string | null }[]) {
    const key = e.id_number.length === 15 ? (upgradeLegacyIdNumber(e.id_number) ?? e.id_number) : e.id_number;
    registers.set(key, { id: e.id, name: e.name, personId: e.person_id });
  }
  const paying = `c.status IN ('active','stopped') AND c.category <> 'linshi' AND c.start_month <= @m
    AND (c.stop_month IS NULL OR c.stop_month > @m)`;
  const stopped = `c.status IN ('active','stopped') AND c.category <> 'linshi' AND c.stop_month <= @m`;
  const sets = [
    [
      'active_recipient',
      `SELECT cm.person_id, c.id, c.category, c.status FROM case_members cm JOIN cases c ON c.id = cm.case_id
       WHERE ${paying} AND cm.start_month <= @m AND (cm.stop_month IS NULL OR cm.stop_month > @m)
       ORDER BY c.status, c.category, c.rowid`,
    ],
    [
      'member_of_paying_household',
      `SELECT hm.person_id, c.id, c.category, c.status FROM household_members hm
       JOIN cases c ON c.household_id = hm.household_id WHERE hm.left_on IS NULL AND ${paying}
       ORDER BY c.status, c.category, c.rowid`,
    ],
    [
      'stopped',
      `SELECT cm.person_id, c.id, c.category, c.status FROM case_members cm JOIN cases c ON c.id = cm.case_id
       WHERE ${stopped} UNION SELECT c.person_id, c.id, c.category, c.status FROM cases c
       WHERE c.person_id IS NOT NULL AND ${stopped} ORDER BY 1, 2`,
    ],
  ] as const;
  const byId = new Map([...people.values()].map((p) => [p.id, p]));
  for (const [effect, sql] of sets) {
    const found = new Map<string, CaseRef[]>();
    for (const r of raw.prepare(sql).all({ m: month }) as ({ person_id: string } & CaseRef)[]) {
      const list = found.get(r.person_id) ?? [];
      if (!list.some((x) => x.id === r.id)) list.push({ id: r.id, category: r.category, status: r.status });
      found.set(r.person_id, list);
    }
    for (const [personId, cases] of found) {
      const p = byId.get(personId);
      if (p && p.effect === null) Object.assign(p, { effect, cases });
    }
  }
  return { people, registers };
}

describe("数据比对: the list's numbers looked up against the ledger", () => {
  test.each(['2026-06', '2025-01', '2024-03'])('finds what reading the whole ledger finds (%s)', (month) => {
    const whole = wholeLedger(month);
    // A list's numbers are always 18 digits (a 15-digit one converted); the stored 15-digit one (short-c) is on none.
    const keys = [...whole.people.keys(), ...whole.registers.keys(), '110105193001011234'].filter(
      (k) => k.length === 18,
    );
    const found = matchLedger(ledger.raw, keys, month);
    const listable = [...whole.people].filter(([k]) => k.length === 18);
    expect(Object.fromEntries(found.people)).toEqual(Object.fromEntries(listable));
    expect(Object.fromEntries(found.registers)).toEqual(
      Object.fromEntries([...whole.registers].filter(([k]) => k.length === 18)),
    );
    // The set is not trivial: all three effects, people with several cases, and some with none.
    const effects = new Set([...found.people.values()].map((p) => p.effect));
    expect(effects).toEqual(new Set(['active_recipient', 'member_of_paying_household', 'stopped', null]));
    expect([...found.people.values()].some((p) => new Set(p.cases.map((c) => c.category)).size > 1)).toBe(true);
  });

  test('a legacy number and its 18-digit form: the later in ID-number order; children after elders', () => {
    const raw = ledger.raw;
    const legacy = raw.prepare(`SELECT id, id_number FROM people WHERE id LIKE 'legacy-%' ORDER BY id`).all() as {
      id: string;
      id_number: string;
    }[];
    const keys = legacy.map((p) => upgradeLegacyIdNumber(p.id_number)!);
    const found = matchLedger(raw, [...keys, 'not-a-number'], '2026-06');
    for (const [i, p] of legacy.entries()) {
      const other = raw.prepare('SELECT id FROM people WHERE id_number = ?').pluck().get(keys[i]) as string;
      expect(found.people.get(keys[i]!)?.id).toBe(p.id_number > keys[i]! ? p.id : other);
    }
    // The two picks differ here (one legacy number sorts after its 18-digit form, the other before) or the test
    // proves nothing about the order.
    expect(new Set(legacy.map((p, i) => p.id_number > keys[i]!)).size).toBe(2);
    const child = raw.prepare(`SELECT id_number FROM children WHERE id = 'child-x'`).pluck().get() as string;
    expect(matchLedger(raw, [child], '2026-06').registers.get(child)?.id).toBe('child-x');
    const elder15 = raw.prepare(`SELECT id_number FROM elderly_people WHERE id = 'elder-15'`).pluck().get() as string;
    const elderKey = upgradeLegacyIdNumber(elder15)!;
    const first = raw.prepare(`SELECT id FROM elderly_people WHERE id_number = ?`).pluck().get(elderKey) as string;
    expect(matchLedger(raw, [elderKey], '2026-06').registers.get(elderKey)?.id).toBe(
      elder15 > elderKey ? 'elder-15' : first,
    );
  });
});
