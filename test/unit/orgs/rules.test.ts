// The calendar rules of the 社会组织台账 at their boundaries (DOMAIN.md §5, 《社会组织评估管理办法》).
import { describe, expect, test } from 'vitest';
import type { InspectionResult } from '../../../src/shared/api/orgs';
import {
  addYears,
  exemptFromInspection,
  expectedToInspect,
  inspectionDeadlines,
  ratingEligibility,
  ratingExpiresOn,
  ratingInForce,
  termDueOn,
  type EligibilityInput,
  type RatingHistoryItem,
} from '../../../src/main/ledger/orgs/rules';

const inspections = (entries: [number, InspectionResult | null][]) => new Map(entries);

/** An organization registered 2020-03-01 with clean inspections for 2020–2025, applying on 2026-09-01. */
function base(over: Partial<EligibilityInput> = {}): EligibilityInput {
  return {
    onDate: '2026-09-01',
    registeredOn: '2020-03-01',
    active: true,
    inspections: inspections([
      [2023, 'pass'],
      [2024, 'pass'],
      [2025, 'pass'],
    ]),
    ratings: [],
    penalties: [],
    ...over,
  };
}

const rating = (over: Partial<RatingHistoryItem>): RatingHistoryItem => ({
  grade: 3,
  ratedOn: '2021-10-01',
  expiresOn: '2026-10-01',
  endKind: null,
  endedOn: null,
  ...over,
});

describe('dates', () => {
  test('a year later from 29 February is 28 February', () => {
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(addYears('2026-12-31', -2)).toBe('2024-12-31');
  });
  test('a rating is valid for 5 years: in force the day before expiry, not on it', () => {
    expect(ratingExpiresOn('2021-10-01')).toBe('2026-10-01');
    const r = rating({});
    expect(ratingInForce(r, '2021-10-01')).toBe(true);
    expect(ratingInForce(r, '2021-09-30')).toBe(false);
    expect(ratingInForce(r, '2026-09-30')).toBe(true);
    expect(ratingInForce(r, '2026-10-01')).toBe(false);
    expect(ratingInForce({ ...r, endKind: 'cancelled', endedOn: '2023-05-01' }, '2023-05-01')).toBe(false);
    expect(ratingInForce({ ...r, endKind: 'cancelled', endedOn: '2023-05-01' }, '2023-04-30')).toBe(true);
  });
  test('a term is due its charter length after it began', () => {
    expect(termDueOn('2021-06-18', 5)).toBe('2026-06-18');
    expect(termDueOn('2024-02-29', 3)).toBe('2027-02-28');
  });
});

describe('annual inspection', () => {
  test('organizations registered less than 6 months before 12/31 skip that year (07-01 takes part, 07-02 does not)', () => {
    expect(exemptFromInspection('2025-06-30', 2025)).toBe(false);
    expect(exemptFromInspection('2025-07-01', 2025)).toBe(false);
    expect(exemptFromInspection('2025-07-02', 2025)).toBe(true);
    expect(exemptFromInspection('2025-12-31', 2025)).toBe(true);
    expect(exemptFromInspection('2025-07-02', 2026)).toBe(false);
  });
  test('deadlines: 3/31 to the supervising unit, 5/31 to the authority; foundations 3/31; none without a supervisor', () => {
    expect(inspectionDeadlines('association', true, 2025)).toEqual({
      supervisor: '2026-03-31',
      authority: '2026-05-31',
    });
    expect(inspectionDeadlines('service', false, 2025)).toEqual({ supervisor: null, authority: '2026-05-31' });
    expect(inspectionDeadlines('foundation', true, 2025)).toEqual({
      supervisor: '2026-03-31',
      authority: '2026-03-31',
    });
  });
  test('expected to take part: registered early enough and not ended before the year was over', () => {
    expect(expectedToInspect({ registeredOn: '2025-07-01', endedOn: null }, 2025)).toBe(true);
    expect(expectedToInspect({ registeredOn: '2025-07-02', endedOn: null }, 2025)).toBe(false);
    expect(expectedToInspect({ registeredOn: '2026-01-05', endedOn: null }, 2025)).toBe(false);
    expect(expectedToInspect({ registeredOn: '2020-01-01', endedOn: '2025-12-31' }, 2025)).toBe(false);
    expect(expectedToInspect({ registeredOn: '2020-01-01', endedOn: '2026-01-01' }, 2025)).toBe(true);
  });
});

describe('rating eligibility (评估申报资格)', () => {
  test('a clean organization registered six years ago, never rated, may apply', () => {
    expect(ratingEligibility(base())).toEqual({ eligible: true, reasons: [] });
  });

  test('registered two full years: eligible on the second anniversary, not the day before', () => {
    const ok = ratingEligibility(base({ registeredOn: '2024-09-01' }));
    expect(ok.eligible).toBe(true);
    const early = ratingEligibility(base({ registeredOn: '2024-09-02' }));
    expect(early.eligible).toBe(false);
    expect(early.reasons).toEqual(['登记未满两年（2026-09-02 起方可申报）']);
  });

  test('no inspection last year makes it ineligible; a pending result still counts as taking part', () => {
    const none = ratingEligibility(base({ inspections: inspections([[2024, 'pass']]) }));
    expect(none.eligible).toBe(false);
    expect(none.reasons).toEqual(['未参加 2025 年度年检']);
    expect(ratingEligibility(base({ inspections: inspections([[2025, null]]) })).eligible).toBe(true);
  });

  test('不合格 last year bars; 不合格 the year before does not', () => {
    const fail = ratingEligibility(
      base({
        inspections: inspections([
          [2024, 'pass'],
          [2025, 'fail'],
        ]),
      }),
    );
    expect(fail.reasons).toEqual(['2025 年度年检不合格']);
    expect(
      ratingEligibility(
        base({
          inspections: inspections([
            [2024, 'fail'],
            [2025, 'pass'],
          ]),
        }),
      ).eligible,
    ).toBe(true);
  });

  test('基本合格 two years running bars; once, or with a 合格 between, does not', () => {
    const twice = ratingEligibility(
      base({
        inspections: inspections([
          [2024, 'basic'],
          [2025, 'basic'],
        ]),
      }),
    );
    expect(twice.reasons).toEqual(['2024、2025 年度年检连续两年基本合格']);
    expect(
      ratingEligibility(
        base({
          inspections: inspections([
            [2024, 'pass'],
            [2025, 'basic'],
          ]),
        }),
      ).eligible,
    ).toBe(true);
    expect(
      ratingEligibility(
        base({
          inspections: inspections([
            [2023, 'basic'],
            [2024, 'basic'],
            [2025, 'pass'],
          ]),
        }),
      ).eligible,
    ).toBe(true);
  });

  test('"last year" is the calendar year before the application: in January it is already the year just ended', () => {
    const jan = ratingEligibility(base({ onDate: '2027-01-10' }));
    expect(jan.reasons).toEqual(['未参加 2026 年度年检']);
  });

  test('a rating in force: re-application opens 2 years before expiry (not a day earlier)', () => {
    const held = [rating({ ratedOn: '2022-10-01', expiresOn: '2027-10-01' })];
    expect(
      ratingEligibility(base({ onDate: '2025-09-30', ratings: held, inspections: inspections([[2024, 'pass']]) }))
        .reasons,
    ).toEqual(['现有 3A 等级有效至 2027-10-01，有效期满前 2 年（2025-10-01 起）方可重新申报']);
    expect(
      ratingEligibility(base({ onDate: '2025-10-01', ratings: held, inspections: inspections([[2024, 'pass']]) }))
        .eligible,
    ).toBe(true);
  });

  test('an expired rating lets the organization apply again', () => {
    const expired = [rating({ ratedOn: '2020-06-01', expiresOn: '2025-06-01' })];
    expect(ratingEligibility(base({ ratings: expired })).eligible).toBe(true);
  });

  test('cancelled: barred 3 years; downgraded: barred 2 years (to the day)', () => {
    const cancelled = [rating({ endKind: 'cancelled', endedOn: '2023-09-01' })];
    expect(ratingEligibility(base({ onDate: '2026-08-31', ratings: cancelled })).eligible).toBe(false);
    expect(ratingEligibility(base({ onDate: '2026-09-01', ratings: cancelled })).eligible).toBe(true);
    const downgraded = [
      rating({
        grade: 4,
        ratedOn: '2021-10-01',
        expiresOn: '2026-10-01',
        endKind: 'downgraded',
        endedOn: '2024-09-02',
      }),
      rating({ grade: 2, ratedOn: '2024-09-02', expiresOn: '2026-10-01' }),
    ];
    const barred = ratingEligibility(base({ onDate: '2026-09-01', ratings: downgraded }));
    expect(barred.reasons).toEqual(['4A 评估等级于 2024-09-02 被降低，2 年内不得申报（2026-09-02 起可申报）']);
    expect(ratingEligibility(base({ onDate: '2026-09-02', ratings: downgraded })).eligible).toBe(true);
  });

  test('a voided rating is as if it never was', () => {
    const voided = [
      rating({ ratedOn: '2025-01-01', expiresOn: '2030-01-01', endKind: 'voided', endedOn: '2025-02-01' }),
    ];
    expect(ratingEligibility(base({ ratings: voided })).eligible).toBe(true);
  });

  test('a penalty last year bars; one two years ago does not', () => {
    expect(ratingEligibility(base({ penalties: ['2025-12-31'] })).reasons).toEqual([
      '2025 年度受到行政处罚（2025-12-31）',
    ]);
    expect(ratingEligibility(base({ penalties: ['2024-12-31'] })).eligible).toBe(true);
  });

  test('a deregistered organization is not eligible, and every reason is listed', () => {
    const r = ratingEligibility(base({ active: false, inspections: inspections([]) }));
    expect(r.reasons).toEqual(['该组织已撤销或注销', '未参加 2025 年度年检']);
  });
});
