// Issue 20: the 低保 差额 is computed on the household and rounded once, at the end (never per person first).
import { describe, expect, it } from 'vitest';
import type { CaseSettings, StandardEntry } from '../../../src/shared/api/cases';
import { computeAmount, householdGap } from '../../../src/main/ledger/cases/amounts';

const standard: StandardEntry = {
  category: 'dibao',
  area: 'rural',
  effectiveMonth: '2026-01',
  standardFen: 94_000,
  method: 'gap',
} as StandardEntry;

const settings = {
  supplementRules: { elderlyAge: 70, minorAge: 18, stacking: 'highest' },
} as unknown as CaseSettings;

const person = { name: '成员', birth_date: '1980-01-01', disability_grade: null, disability_type: null, health: null };

function dibao(annualIncomeFen: number, size: number, covered: number) {
  return computeAmount({
    kase: {
      category: 'dibao',
      area: 'rural',
      single_person: 0,
      care_grade: null,
      support_mode: null,
      band: null,
      grant_amount_fen: null,
    },
    covered: Array.from({ length: covered }, () => person),
    householdAnnualIncomeFen: annualIncomeFen,
    householdSize: size,
    standards: [standard],
    settings,
    month: '2026-12',
  });
}

describe('低保 差额 rounding', () => {
  it('standard 940 元, income 9,600 元 a year, 3 persons: 3 × 940 − 800 = 2,020.00 元 (not 2,019.99)', () => {
    // 9,600 元 ÷ 12 ÷ 3 = 266.666… 元 a person: 2/3 fen over.
    const calc = dibao(960_000, 3, 3);
    expect(calc.baseFen).toBe(202_000);
    expect(calc.amountFen).toBe(202_000);
    expect(calc.perCapitaMonthlyIncomeFen).toBe(26_667); // shown, not multiplied
    expect(calc.explain.join('\n')).toContain('按户计算、最后取整到分 = 2,020.00 元');
  });

  it('an income of 1/3 fen a person over: 3 × 940 − 799.99 = 2,020.01 元 (rounding first gave 2,020.02)', () => {
    // 9,599.88 元 ÷ 12 ÷ 3 = 266.6633… 元.
    expect(dibao(959_988, 3, 3).baseFen).toBe(202_001);
  });

  it('part of the household covered: the gap times the covered persons, rounded once', () => {
    // 2 of 3 covered: 2 × (940 − 266.6633…) = 1,346.6733… -> 1,346.67 (per person first: 2 × 673.34 = 1,346.68).
    expect(householdGap(94_000, 959_988, 3, 2)).toBe(134_667);
    // 2 × (940 − 266.6666…) = 1,346.6666… -> 1,346.67 (per person first: 2 × 673.33 = 1,346.66).
    expect(householdGap(94_000, 960_000, 3, 2)).toBe(134_667);
  });

  it('a half fen rounds up; an income at or above the standard gives 0', () => {
    // 0.12 元 a year for 2 persons: 0.5 fen a person a month; 1 covered: 940 − 0.005 = 939.995 -> 940.00.
    expect(householdGap(94_000, 12, 2, 1)).toBe(94_000);
    expect(householdGap(94_000, 94_000 * 12 * 2, 2, 2)).toBe(0);
    expect(householdGap(94_000, 94_000 * 12 * 2 + 1, 2, 2)).toBe(0);
    expect(dibao(94_000 * 12 * 3, 3, 3).baseFen).toBe(0);
  });
});
