// The figures' one-pass grain (reports/grain.ts, counted in JavaScript) against the case sets in SQL (reports/sets.ts,
// which the trace lists): on a generated ledger every set's cases, households, persons and 人次 by row, village and
// month, and the 低保/特困 person attributes, must be the same numbers both ways.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openLedger, type Ledger } from '../../../src/main/ledger/db';
import { attributeCondition, type Attribute } from '../../../src/main/ledger/reports/attributes';
import { monthGrain, sumGrain, type GrainRow } from '../../../src/main/ledger/reports/grain';
import {
  andWhere,
  countSet,
  draftAmounts,
  grantedIn,
  latestAmountRowid,
  paidIn,
  personsOf,
  ROW_KEY,
  startedIn,
  stoppedIn,
  type CaseSet,
} from '../../../src/main/ledger/reports/sets';
import { seedLedger } from '../../../src/tools/seed/generate';
import { ensureDivisions } from '../../helpers/divisions';

let dir: string;
let ledger: Ledger;

beforeAll(async () => {
  ensureDivisions();
  dir = mkdtempSync(join(tmpdir(), 'grain-'));
  const path = join(dir, 'g.ledger');
  await seedLedger({ dbPath: path, households: 300, years: 2, seed: 'grain', elderly: { facilities: 0, people: 0 } });
  ledger = await openLedger(path);
}, 120_000);

afterAll(async () => {
  await ledger?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The grain of one set, added up by row code|area|village|month. */
function byKey(rows: GrainRow[], s: string): Map<string, { cases: number; households: number; persons: number }> {
  const out = new Map<string, { cases: number; households: number; persons: number }>();
  for (const r of rows) {
    if (r.s !== s) continue;
    const k = `${r.k}|${r.area}|${r.village}|${r.month}`;
    const o = out.get(k) ?? { cases: 0, households: 0, persons: 0 };
    // Households and persons add up across causes and 临时救助 types: one cause per household, one household per case.
    o.cases += r.cases;
    o.households += r.households;
    o.persons += r.persons;
    out.set(k, o);
  }
  return out;
}

/** Cases and households of a set by row code|area|month, counted in SQL (persons: see the test). */
async function bySql(set: CaseSet): Promise<Map<string, { cases: number; households: number; persons: number }>> {
  const cases = await countSet(ledger.db, set, 'row_month', { persons: false });
  return new Map([...cases].map(([k, v]) => [k, { cases: v.cases, households: v.households, persons: 0 }] as const));
}

describe('the one-pass grain equals the SQL case sets', () => {
  for (const month of ['2025-03', '2025-12', '2026-06']) {
    test(`${month}: every set by row, village and month`, async () => {
      const grain = await monthGrain(ledger.db, month, { attributes: true });
      const jan = `${month.slice(0, 4)}-01`;
      const sets: [string, CaseSet][] = [
        ['P', paidIn(month)],
        ['N', startedIn(jan, month)],
        ['X', stoppedIn(jan, month)],
        ['G', grantedIn(jan, month)],
      ];
      let compared = 0;
      for (const [s, set] of sets) {
        // By row and village (households and persons are distinct per village: a household lives in one village).
        const want = await countSet(ledger.db, set, 'row_village');
        const got = new Map<string, { cases: number; households: number; persons: number }>();
        for (const [k, v] of byKey(grain, s)) {
          const key = k.split('|').slice(0, 3).join('|');
          const o = got.get(key) ?? { cases: 0, households: 0, persons: 0 };
          o.cases += v.cases;
          // Year-to-date sets add households month by month, the SQL counts them once: compare months apart below.
          o.households += v.households;
          o.persons += v.persons;
          got.set(key, o);
        }
        if (s === 'P') {
          expect(Object.fromEntries(got)).toEqual(
            Object.fromEntries(
              [...want].map(([k, v]) => [k, { cases: v.cases, households: v.households, persons: v.persons }]),
            ),
          );
        } else {
          // Cases add up over the months exactly.
          expect(Object.fromEntries([...got].map(([k, v]) => [k, v.cases]))).toEqual(
            Object.fromEntries([...want].map(([k, v]) => [k, v.cases])),
          );
        }
        // By row and month: households and persons of each month on their own.
        const perMonth = await bySql(set);
        const persons = await sql<{ g: string; n: number }>`
          SELECT p.k || '|' || p.area || '|' || p.month AS g, count(DISTINCT p.person_id) AS n
          FROM (${personsOf(set)}) p GROUP BY g`.execute(ledger.db);
        const mine = new Map<string, { cases: number; households: number; persons: number }>();
        for (const r of grain) {
          if (r.s !== s) continue;
          const k = `${r.k}|${r.area}|${r.month}`;
          const o = mine.get(k) ?? { cases: 0, households: 0, persons: 0 };
          o.cases += r.cases;
          o.households += r.households;
          o.persons += r.persons;
          mine.set(k, o);
        }
        const wantMonth = Object.fromEntries(
          [...perMonth].map(([k, v]) => [k, { ...v, persons: persons.rows.find((p) => p.g === k)?.n ?? 0 }]),
        );
        expect(Object.fromEntries(mine)).toEqual(wantMonth);
        compared += perMonth.size;
      }
      expect(compared).toBeGreaterThan(10);
    });
  }

  test('the 低保 and 特困 person attributes equal the same conditions counted in SQL', async () => {
    const month = '2026-06';
    const grain = await monthGrain(ledger.db, month, { attributes: true });
    for (const k of ['dibao', 'tekun_dispersed', 'tekun_centralized']) {
      const got = sumGrain(grain, (g) => g.s === 'P' && g.k === k);
      const set = andWhere(
        paidIn(month),
        k === 'dibao'
          ? sql`c.category = 'dibao'`
          : sql`c.category = 'tekun' AND coalesce(c.support_mode, 'dispersed') = ${k.slice(6)}`,
      );
      const attrs: Attribute[] = ['women', 'elderly', 'minors', 'disabled', 'labourPartial', 'labourNone'];
      if (k !== 'dibao') attrs.push('under16');
      for (const a of attrs) {
        const r = await sql<{ n: number }>`SELECT count(DISTINCT s.person_id) AS n FROM (${personsOf(set)}) s
          JOIN people p ON p.id = s.person_id WHERE ${attributeCondition(a, month)}`.execute(ledger.db);
        expect(got.a[a], `${k} ${a}`).toBe(r.rows[0]?.n ?? 0);
      }
      if (k === 'dibao') expect(got.persons).toBeGreaterThan(20);
    }
  });

  test("the draft amounts (read from the amounts index alone) equal each paid case's amount row in force", async () => {
    for (const month of ['2025-03', '2025-12', '2026-06']) {
      for (const grouping of ['row', 'row_village'] as const) {
        const got = await draftAmounts(ledger.db, month, grouping);
        // Case by case: every paid case (the set's own WHERE, no index hint), its amount row by rowid (the latest
        // effective month <= M, then the latest entry), added up here.
        const rows = await sql<{ g: string; a: number | null; b: number | null; s: number | null }>`
          SELECT (${ROW_KEY}) || '|' || c.area ${grouping === 'row_village' ? sql`|| '|' || h.village_id` : sql``} AS g,
            a.amount_fen AS a, a.base_fen AS b, a.supplement_fen AS s
          FROM cases c JOIN households h ON h.id = c.household_id
          LEFT JOIN case_amounts a ON a.rowid = (${latestAmountRowid(sql`${month}`)})
          WHERE ${paidIn(month).where}`.execute(ledger.db);
        const want = new Map<string, { amountFen: number; baseFen: number; supplementFen: number; lines: number }>();
        for (const r of rows.rows) {
          const m = want.get(r.g) ?? { amountFen: 0, baseFen: 0, supplementFen: 0, lines: 0 };
          m.amountFen += r.a ?? 0;
          m.baseFen += r.b ?? 0;
          m.supplementFen += r.s ?? 0;
          m.lines += 1;
          want.set(r.g, m);
        }
        expect(want.size, `${month} ${grouping}`).toBeGreaterThan(3);
        expect(Object.fromEntries(got), `${month} ${grouping}`).toEqual(Object.fromEntries(want));
      }
    }
  });
  test('a member whose people row is missing counts as a person (by id), without attributes', async () => {
    const month = '2026-06';
    const dibao = (g: GrainRow) => g.s === 'P' && g.k === 'dibao';
    const before = sumGrain(await monthGrain(ledger.db, month, { attributes: true }), dibao);
    const c = ledger.raw
      .prepare(
        `SELECT c.id FROM cases c WHERE c.category = 'dibao' AND c.status = 'active' AND c.start_month < ?
          AND c.stop_month IS NULL AND EXISTS (SELECT 1 FROM case_members m WHERE m.case_id = c.id) LIMIT 1`,
      )
      .pluck()
      .get(month) as string;
    // Only a ledger written without its foreign keys can hold such a row (an old import, a hand edit).
    ledger.raw.pragma('foreign_keys = OFF');
    const add = ledger.raw.prepare(
      `INSERT INTO case_members (id, case_id, person_id, start_month, stop_month, created_at)
        VALUES (?, ?, ?, '2020-01', NULL, '2020-01-01T00:00:00.000Z')`,
    );
    add.run('missing-member-1', c, 'no-such-person');
    add.run('missing-member-2', c, 'no-such-person-either');
    try {
      const after = sumGrain(await monthGrain(ledger.db, month, { attributes: true }), dibao);
      // Two persons: each by their own id.
      expect(after.persons).toBe(before.persons + 2);
      expect(after.personTimes).toBe(before.personTimes + 2);
      expect(after.a).toEqual(before.a);
    } finally {
      ledger.raw.prepare(`DELETE FROM case_members WHERE id LIKE 'missing-member-%'`).run();
      ledger.raw.pragma('foreign_keys = ON');
    }
    expect(sumGrain(await monthGrain(ledger.db, month, { attributes: true }), dibao)).toEqual(before);
  });
});
