// The package's cases.csv and persons.csv come from one read of the month's paid cases (details.ts). They must list
// exactly the cases the figures count as paid and exactly the persons sets.ts personsOf counts for them, in the order
// village, row code, 证号, name — also where two cases share a 证号 and their persons' names interleave.
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { detailSources, writeCsv, type CsvSource } from '../../../src/main/ledger/reports/details';
import { computeMonthFigures } from '../../../src/main/ledger/reports/figures';
import { paidIn, personsOf } from '../../../src/main/ledger/reports/sets';
import { idForExport } from '../../../src/shared/mask';
import { neutralizeSpreadsheetCell } from '../../../src/shared/text';
import { makeTestCore, type TestCore } from '../../helpers/ledger';
import { buildScenario, type Scenario } from './scenario';

async function csvOf(src: CsvSource | undefined): Promise<string[][]> {
  const parts: Uint8Array[] = [];
  if (src) await writeCsv(src, async (c) => void parts.push(c));
  const text = Buffer.concat(parts)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  return text
    .split('\r\n')
    .filter((l) => l !== '')
    .slice(1)
    .map((l) => l.split(','));
}

describe('the detail CSVs of the paid cases and their persons', () => {
  let t: TestCore;
  let s: Scenario;
  beforeEach(async () => {
    t = await makeTestCore();
    s = await buildScenario(t.core.ledger.db);
    const fx = s.fx;
    // Two 低保 cases in one village with the same 证号, their persons' names interleaving (甲 乙 丙 丁 in two cases);
    // an individual case without member rows (its own person counts); a case whose only member is covered from May.
    const person = (name: string) => fx.person({ name, sex: 'F', birthDate: '1970-01-01' });
    const [a1, b1, a2, b2, solo, later] = await Promise.all(
      ['周甲', '周乙', '周丙', '周丁', '孙独', '钱迟'].map((n) => person(n)),
    );
    const hA = await fx.household({ village: s.east, area: 'rural', head: a1!, others: [a2!] });
    const hB = await fx.household({ village: s.east, area: 'rural', head: b1!, others: [b2!] });
    const hSolo = await fx.household({ village: s.west, area: 'urban', head: solo! });
    const hLater = await fx.household({ village: s.west, area: 'urban', head: later! });
    const amounts = [{ month: '2026-01', amount: 50000 }];
    for (const [household, members] of [
      [hA, [a1!, a2!]],
      [hB, [b1!, b2!]],
    ] as const) {
      await fx.case({
        household,
        category: 'dibao',
        area: 'rural',
        start: '2026-01',
        caseNo: 'DUP-1',
        members: members.map((person) => ({ person })),
        amounts,
      });
    }
    await fx.case({ household: hSolo, category: 'tekun', area: 'urban', person: solo!, start: '2026-01', amounts });
    await fx.case({
      household: hLater,
      category: 'dibao',
      area: 'urban',
      start: '2026-01',
      caseNo: 'LATE-1',
      members: [{ person: later!, start: '2026-05' }],
      amounts,
    });
  });
  afterEach(async () => t.close());

  for (const confirmed of [true, false]) {
    it(`cases.csv and persons.csv agree with the figures' sets (${confirmed ? 'confirmed roll' : 'draft month'})`, async () => {
      const db = t.core.ledger.db;
      const rollId = confirmed ? await s.fx.roll('2026-03') : null;
      const figures = await computeMonthFigures(db, '2026-03');
      const sources = detailSources({ db, raw: t.core.ledger.raw }, figures, [], rollId, (x) => idForExport(x, false));
      const cases = await csvOf(sources.find((x) => x.file === 'cases.csv'));
      const persons = await csvOf(sources.find((x) => x.file === 'persons.csv'));

      // persons.csv: the persons of paidIn(M) as personsOf counts them, in the order village, row code, 证号, name.
      const paid = paidIn('2026-03');
      const expected = await sql<{ case_no: string; name: string }>`
        SELECT s.case_no, p.name FROM (${personsOf(paid)}) s JOIN people p ON p.id = s.person_id
        JOIN villages v ON v.id = s.village_id ORDER BY v.sort_order, s.k, s.case_no, p.name`.execute(db);
      expect(persons.map((r) => [r[0], r[4]])).toEqual(
        expected.rows.map((r) => [r.case_no, neutralizeSpreadsheetCell(r.name)]),
      );
      expect(persons.filter((r) => r[0] === 'DUP-1').map((r) => r[4])).toEqual(['周丁', '周丙', '周乙', '周甲']);
      expect(persons.some((r) => r[4] === '孙独')).toBe(true);
      expect(persons.some((r) => r[4] === '钱迟')).toBe(false);

      // cases.csv: every paid case once, with its covered members counted (0 for the case covered from May and for
      // the individual case), in the order village, row code, 证号; the amount from the roll or the case.
      const counts = await sql<{ case_no: string; n: number }>`
        SELECT c.case_no, (SELECT count(*) FROM case_members cm WHERE cm.case_id = c.id AND ${paid.memberCovered}) AS n
        FROM cases c JOIN households h ON h.id = c.household_id WHERE ${paid.where}`.execute(db);
      expect(cases.map((r) => `${r[0]}:${r[7]}`).sort()).toEqual(counts.rows.map((r) => `${r.case_no}:${r.n}`).sort());
      // The two cases of DUP-1 (heads 周甲 and 周乙; SQL leaves the order of equal keys open), each with 2 persons.
      expect(
        cases
          .filter((r) => r[0] === 'DUP-1')
          .map((r) => `${r[5]}:${r[7]}:${r[8]}`)
          .sort(),
      ).toEqual(['周乙:2:500', '周甲:2:500'].sort());
      expect(cases.find((r) => r[0] === 'LATE-1')?.[7]).toBe('0');
      const order = await sql<{ case_no: string }>`
        SELECT c.case_no FROM cases c JOIN households h ON h.id = c.household_id JOIN villages v ON v.id = h.village_id
        WHERE ${paid.where} ORDER BY v.sort_order, c.category, c.case_no`.execute(db);
      expect(cases.map((r) => r[0])).toEqual(order.rows.map((r) => r.case_no));
      expect(figures.rows.reduce((n, r) => n + r.households, 0)).toBeGreaterThan(0);
    });
  }
});
