// The package's cases.csv and persons.csv come from one read of the month's paid cases (details.ts). They must list
// exactly the cases the figures count as paid and exactly the persons sets.ts personsOf counts for them, in the order
// village, row code, 证号, name — also where two cases share a 证号 and their persons' names interleave.
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { detailSources, writeCsv, type CsvSource } from '../../../src/main/ledger/reports/details';
import { caseRowReads } from '../../../src/main/ledger/reports/case-log';
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

  /** The two files as details.ts writes them, checked against the figures' sets read by plain SQL. */
  async function expectAgree(rollId: string | null): Promise<{ cases: string[][]; persons: string[][] }> {
    const db = t.core.ledger.db;
    const figures = await computeMonthFigures(db, '2026-03');
    const sources = await detailSources({ db, raw: t.core.ledger.raw }, figures, [], rollId, (x) =>
      idForExport(x, false),
    );
    const cases = await csvOf(sources.find((x) => x.file === 'cases.csv'));
    const persons = await csvOf(sources.find((x) => x.file === 'persons.csv'));

    // persons.csv: the persons of paidIn(M) as personsOf counts them, in the order village, row code, 证号, name.
    const paid = paidIn('2026-03');
    const expected = await sql<{ case_no: string; village: string; name: string }>`
      SELECT s.case_no, v.name AS village, p.name FROM (${personsOf(paid)}) s JOIN people p ON p.id = s.person_id
      JOIN villages v ON v.id = s.village_id ORDER BY v.sort_order, s.k, s.case_no, p.name`.execute(db);
    expect(persons.map((r) => [r[0], r[3], r[4]])).toEqual(
      expected.rows.map((r) => [r.case_no, r.village, neutralizeSpreadsheetCell(r.name)]),
    );
    // cases.csv: every paid case once with its village, head and covered members, in the order village, row code,
    // 证号 (cases sharing all three in either order).
    const all = await sql<{ case_no: string; village: string; head: string; n: number }>`
      SELECT c.case_no, v.name AS village, coalesce(hp.name, '') AS head,
        (SELECT count(*) FROM case_members cm WHERE cm.case_id = c.id AND ${paid.memberCovered}) AS n
      FROM cases c JOIN households h ON h.id = c.household_id JOIN villages v ON v.id = h.village_id
      LEFT JOIN people hp ON hp.id = coalesce(c.person_id, h.head_person_id) WHERE ${paid.where}`.execute(db);
    expect(cases.map((r) => `${r[0]}:${r[4]}:${r[5]}:${r[7]}`).sort()).toEqual(
      all.rows.map((r) => `${r.case_no}:${r.village}:${neutralizeSpreadsheetCell(r.head)}:${r.n}`).sort(),
    );
    const order = await sql<{ case_no: string }>`
      SELECT c.case_no FROM cases c JOIN households h ON h.id = c.household_id JOIN villages v ON v.id = h.village_id
      WHERE ${paid.where} ORDER BY v.sort_order, c.category, c.case_no`.execute(db);
    expect(cases.map((r) => r[0])).toEqual(order.rows.map((r) => r.case_no));
    return { cases, persons };
  }

  for (const confirmed of [true, false]) {
    it(`cases.csv and persons.csv agree with the figures' sets (${confirmed ? 'confirmed roll' : 'draft month'})`, async () => {
      const { cases, persons } = await expectAgree(confirmed ? await s.fx.roll('2026-03') : null);
      expect(persons.filter((r) => r[0] === 'DUP-1').map((r) => r[4])).toEqual(['周丁', '周丙', '周乙', '周甲']);
      expect(persons.some((r) => r[4] === '孙独')).toBe(true);
      expect(persons.some((r) => r[4] === '钱迟')).toBe(false);
      // The two cases of DUP-1 (heads 周甲 and 周乙; SQL leaves the order of equal keys open), each with 2 persons.
      expect(
        cases
          .filter((r) => r[0] === 'DUP-1')
          .map((r) => `${r[5]}:${r[7]}:${r[8]}`)
          .sort(),
      ).toEqual(['周乙:2:500', '周甲:2:500'].sort());
      expect(cases.find((r) => r[0] === 'LATE-1')?.[7]).toBe('0');
    });
  }

  it('kept between packages, the cases a write touched are read again, and what the log does not follow is read anew', async () => {
    const raw = t.core.ledger.raw;
    // A case whose household head is not one of its members: the head's name is not followed by the log.
    const head = await s.fx.person({
      name: '吴户主',
      sex: 'M',
      birthDate: '1960-01-01',
      idNumber: '110105196001010011',
    });
    const child = await s.fx.person({ name: '吴孩', sex: 'F', birthDate: '2015-01-01' });
    const h = await s.fx.household({ village: s.west, area: 'rural', head, others: [child] });
    await s.fx.case({
      household: h,
      category: 'dibao',
      area: 'rural',
      start: '2026-01',
      caseNo: 'HEAD-1',
      members: [{ person: child }],
      amounts: [{ month: '2026-01', amount: 30000 }],
    });
    await expectAgree(null);
    caseRowReads.full = 0;
    caseRowReads.changed = 0;
    // A head who is no member: a new ID number (a new name would also change the household's sort key, 0019).
    raw.prepare(`UPDATE people SET id_number = '110105196001010038' WHERE id = ?`).run(head);
    raw.prepare(`UPDATE people SET name = '周甲改' WHERE id = (SELECT id FROM people WHERE name = '周甲')`).run();
    raw.prepare(`UPDATE villages SET name = '东村改', sort_order = 5000 WHERE id = ?`).run(s.east);
    raw.prepare(`UPDATE case_members SET stop_month = '2026-03' WHERE person_id = ?`).run(s.p.p2); // 张小明 leaves
    const { cases, persons } = await expectAgree(null);
    expect(caseRowReads.full).toBe(0);
    expect(caseRowReads.changed).toBeGreaterThan(0);
    expect(cases.find((r) => r[0] === 'HEAD-1')?.[6]).toBe('**************0038');
    expect(persons.some((r) => r[4] === '周甲改')).toBe(true);
    expect(persons.some((r) => r[4] === '张小明')).toBe(false);
    expect(persons.at(-1)?.[3]).toBe('东村改'); // moved to the end of the village order
  });
});
