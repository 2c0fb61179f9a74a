import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { computeMonthFigures } from '../../../src/main/ledger/reports/figures';
import type { MonthFigures, SummaryRow } from '../../../src/shared/api/reports';
import { makeTestCore, type TestCore } from '../../helpers/ledger';
import { buildScenario, type Scenario } from './scenario';

type Expect = Partial<Omit<SummaryRow, 'category' | 'area'>>;

function row(f: MonthFigures, category: string, area: 'urban' | 'rural'): SummaryRow {
  const r = f.rows.find((x) => x.category === category && x.area === area);
  if (!r) throw new Error(`no row ${category} ${area}`);
  return r;
}

/** Every row not named in `expected` must be all zeros. */
function expectRows(f: MonthFigures, expected: Record<string, Expect>): void {
  for (const r of f.rows) {
    const want = expected[`${r.category}/${r.area}`] ?? {};
    const got = {
      households: r.households,
      persons: r.persons,
      newHouseholds: r.newHouseholds,
      newPersons: r.newPersons,
      exitHouseholds: r.exitHouseholds,
      exitPersons: r.exitPersons,
      amountFen: r.amountFen,
    };
    const full = {
      households: 0,
      persons: 0,
      newHouseholds: 0,
      newPersons: 0,
      exitHouseholds: 0,
      exitPersons: 0,
      amountFen: 0,
      ...want,
    };
    expect(got, `${r.category}/${r.area} in ${f.month}`).toEqual(full);
  }
}

describe('monthly figures from a hand-worked ledger', () => {
  let t: TestCore;
  let s: Scenario;
  beforeEach(async () => {
    t = await makeTestCore();
    s = await buildScenario(t.core.ledger.db);
  });
  afterEach(async () => t.close());

  it('January 2026: a 低保 case starting in January is new; 特困 started in December is not', async () => {
    const f = await computeMonthFigures(t.core.ledger.db, '2026-01');
    expect(f.township.code).toBe('321202001');
    expect(f.amountsSource).toBe('draft');
    expectRows(f, {
      'dibao/rural': { households: 1, persons: 2, newHouseholds: 1, newPersons: 2, amountFen: 80000 },
      'tekun_dispersed/rural': { households: 1, persons: 1, amountFen: 100000 },
    });
  });

  it('February 2026: urban/rural split, a case stopped in its own start month is never counted, 临时救助 人次', async () => {
    const f = await computeMonthFigures(t.core.ledger.db, '2026-02');
    expectRows(f, {
      'dibao/rural': { households: 1, persons: 2, amountFen: 80000 },
      'dibao/urban': { households: 1, persons: 1, newHouseholds: 1, newPersons: 1, amountFen: 60000 },
      'canji_living/urban': { households: 1, persons: 1, newHouseholds: 1, newPersons: 1, amountFen: 10000 },
      'tekun_dispersed/rural': { households: 1, persons: 1, amountFen: 100000 },
      'linshi/rural': { households: 1, persons: 2, newHouseholds: 1, newPersons: 2, amountFen: 200000 },
    });
    expect(f.linshi.find((l) => l.type === 'emergency' && l.area === 'rural')).toMatchObject({
      times: 1,
      persons: 2,
      amountFen: 200000,
    });
  });

  it('March 2026: a member added to a continuing case raises persons without counting as new; amount change applies', async () => {
    const f = await computeMonthFigures(t.core.ledger.db, '2026-03');
    expectRows(f, {
      'dibao/rural': { households: 1, persons: 3, amountFen: 90000 },
      'dibao/urban': { households: 1, persons: 1, amountFen: 60000 },
      'canji_living/urban': { households: 1, persons: 1, amountFen: 10000 },
      'tekun_dispersed/rural': { households: 1, persons: 1, amountFen: 100000 },
      'tekun_centralized/rural': { households: 1, persons: 1, newHouseholds: 1, newPersons: 1, amountFen: 120000 },
      'linshi/urban': { households: 1, persons: 1, newHouseholds: 1, newPersons: 1, amountFen: 150000 },
    });
    expect(f.tekunCare.find((c) => c.mode === 'centralized' && c.area === 'rural')).toMatchObject({
      partial: 1,
      full: 0,
    });
    expect(f.tekunCare.find((c) => c.mode === 'dispersed' && c.area === 'rural')).toMatchObject({ full: 1 });
  });

  it('April 2026: a case with stop month April exits in April (paid through March), with the persons it had in March', async () => {
    const f = await computeMonthFigures(t.core.ledger.db, '2026-04');
    expectRows(f, {
      'dibao/rural': { households: 1, persons: 3, amountFen: 90000 },
      'dibao/urban': { exitHouseholds: 1, exitPersons: 1 },
      'canji_living/urban': { households: 1, persons: 1, amountFen: 10000 },
      'tekun_dispersed/rural': { households: 1, persons: 1, amountFen: 100000 },
      'tekun_centralized/rural': { households: 1, persons: 1, amountFen: 120000 },
    });
    const ytd = (c: string, a: string) => f.ytd.find((y) => y.category === c && y.area === a);
    expect(ytd('dibao', 'rural')).toMatchObject({
      newHouseholds: 1,
      newPersons: 2,
      amountFen: 80000 + 80000 + 90000 + 90000,
    });
    expect(ytd('dibao', 'urban')).toMatchObject({
      newHouseholds: 1,
      exitHouseholds: 1,
      exitPersons: 1,
      amountFen: 120000,
    });
    expect(ytd('linshi', 'rural')).toMatchObject({ newHouseholds: 1, amountFen: 200000 });
    expect(ytd('linshi', 'urban')).toMatchObject({ newHouseholds: 1, amountFen: 150000 });
  });

  it('the county 低保 table counts women, elderly, minors, disabled, labour and causes per village', async () => {
    const f = await computeMonthFigures(t.core.ledger.db, '2026-03');
    const rural = f.dibaoTables.find((d) => d.area === 'rural');
    const east = rural?.villages.find((v) => v.villageName === '东村');
    expect(east).toMatchObject({
      households: 1,
      persons: 3,
      women: 2,
      elderly: 1,
      minors: 1,
      disabled: 0,
      labourNone: 1,
      labourPartial: 0,
      monthFen: 90000,
      monthBaseFen: 80000,
      monthSupplementFen: 10000,
      ytdFen: 250000,
      perCapitaFen: 30000,
    });
    expect(east?.causes.illness).toBe(1);
    expect(rural?.total).toMatchObject({ households: 1, persons: 3, monthFen: 90000 });
    const urban = f.dibaoTables.find((d) => d.area === 'urban');
    const west = urban?.villages.find((v) => v.villageName === '西社区');
    expect(west).toMatchObject({
      households: 1,
      persons: 1,
      disabled: 1,
      labourPartial: 1,
      monthFen: 60000,
      ytdFen: 120000,
    });
    expect(west?.causes.disability).toBe(1);
  });

  it('the cross-checks pass except the missing payment roll; a confirmed roll makes amounts come from the roll', async () => {
    let f = await computeMonthFigures(t.core.ledger.db, '2026-03');
    const failing = f.checks.filter((c) => !c.ok).map((c) => c.code);
    expect(failing).toEqual(['roll_confirmed']);
    await s.fx.roll('2026-03');
    f = await computeMonthFigures(t.core.ledger.db, '2026-03');
    expect(f.amountsSource).toBe('roll');
    expect(f.checks.filter((c) => !c.ok)).toEqual([]);
    expect(row(f, 'dibao', 'rural').amountFen).toBe(90000);
  });

  it('a correction after the roll was confirmed makes the roll check fail', async () => {
    await s.fx.roll('2026-03');
    await t.core.ledger.db
      .updateTable('case_amounts')
      .set({ amount_fen: 95000, base_fen: 85000 })
      .where('case_id', '=', s.cases.h1Dibao)
      .where('effective_month', '=', '2026-03')
      .execute();
    const f = await computeMonthFigures(t.core.ledger.db, '2026-03');
    const c = f.checks.find((x) => x.code === 'roll_vs_cases');
    expect(c?.ok).toBe(false);
    expect(c?.message).toContain('农村最低生活保障');
  });
});
