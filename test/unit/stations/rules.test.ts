// The elderly-services rules on plain data: visit due dates by risk level, the monthly visit status and rate,
// rating validity.
import { describe, expect, it } from 'vitest';
import {
  addMonthsToDate,
  currentRating,
  DEFAULT_VISIT_PLAN as plan,
  defaultRatingValidUntil,
  isVisitOverdue,
  monthlyVisitStatus,
  nextVisitDue,
  ratingLabel,
  ratingSchemeFor,
  ratingValidOn,
  visitRate,
} from '../../../src/main/ledger/stations/rules';
import { today as chinaToday } from '../../../src/shared/time';

describe('visit due dates by risk level (高风险 weekly, 重点 monthly, 一般 quarterly)', () => {
  it('a high-risk person is due 7 days after the last visit', () => {
    expect(nextVisitDue(plan, 'high', '2026-01-05', '2026-03-02')).toBe('2026-03-09');
    expect(nextVisitDue(plan, 'high', '2026-01-05', '2026-12-28')).toBe('2027-01-04');
  });

  it('a key person is due one calendar month later, clamped to the month end', () => {
    expect(nextVisitDue(plan, 'key', '2026-01-05', '2026-03-15')).toBe('2026-04-15');
    expect(nextVisitDue(plan, 'key', '2026-01-05', '2026-01-31')).toBe('2026-02-28');
    expect(nextVisitDue(plan, 'key', '2023-06-01', '2024-01-31')).toBe('2024-02-29');
  });

  it('a general person is due three months later', () => {
    expect(nextVisitDue(plan, 'general', '2026-01-05', '2026-01-15')).toBe('2026-04-15');
    expect(nextVisitDue(plan, 'general', '2025-01-05', '2025-11-30')).toBe('2026-02-28');
  });

  it('counts from registration until the first visit', () => {
    expect(nextVisitDue(plan, 'high', '2026-03-20', null)).toBe('2026-03-27');
    expect(nextVisitDue(plan, 'general', '2026-03-20', null)).toBe('2026-06-20');
  });

  it('follows the plan in settings', () => {
    const fortnightly = { ...plan, high: { every: 14, unit: 'day' as const } };
    expect(nextVisitDue(fortnightly, 'high', '2026-01-05', '2026-03-02')).toBe('2026-03-16');
  });

  it('is overdue only after the due day has passed', () => {
    expect(isVisitOverdue('2026-03-09', '2026-03-09')).toBe(false);
    expect(isVisitOverdue('2026-03-09', '2026-03-10')).toBe(true);
  });

  it('adds months to dates across years', () => {
    expect(addMonthsToDate('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonthsToDate('2026-03-31', -1)).toBe('2026-02-28');
  });
});

describe('monthly visit status and rate (月探访率)', () => {
  const entry = (
    riskLevel: 'high' | 'key' | 'general',
    registeredOn = '2025-06-01',
    endedOn: string | null = null,
  ) => ({
    riskLevel,
    registeredOn,
    endedOn,
  });

  it('a high-risk or key person is due every month and done with a visit in the month', () => {
    expect(monthlyVisitStatus(plan, entry('high'), ['2026-02-27', '2026-03-03'], '2026-03')).toEqual({
      due: true,
      done: true,
    });
    expect(monthlyVisitStatus(plan, entry('key'), ['2026-02-27'], '2026-03')).toEqual({ due: true, done: false });
  });

  it('a general person is due only in the month their quarter runs out', () => {
    const visits = ['2026-01-15'];
    expect(monthlyVisitStatus(plan, entry('general'), visits, '2026-02').due).toBe(false);
    expect(monthlyVisitStatus(plan, entry('general'), visits, '2026-03').due).toBe(false);
    expect(monthlyVisitStatus(plan, entry('general'), visits, '2026-04')).toEqual({ due: true, done: false });
    expect(monthlyVisitStatus(plan, entry('general'), [...visits, '2026-04-10'], '2026-04')).toEqual({
      due: true,
      done: true,
    });
  });

  it('an early visit in a month the person was not due does not count for that month', () => {
    expect(monthlyVisitStatus(plan, entry('general'), ['2026-01-15', '2026-02-20'], '2026-02')).toEqual({
      due: false,
      done: false,
    });
    // …and moves the next due month: 02-20 + 3 months = 05-20, so April is no longer due.
    expect(monthlyVisitStatus(plan, entry('general'), ['2026-01-15', '2026-02-20'], '2026-04').due).toBe(false);
  });

  it('someone still unvisited stays due month after month', () => {
    expect(monthlyVisitStatus(plan, entry('general', '2025-06-01'), [], '2026-03').due).toBe(true);
  });

  it('is not due before registration, after leaving, or when leaving before the due day', () => {
    expect(monthlyVisitStatus(plan, entry('high', '2026-04-02'), [], '2026-03').due).toBe(false);
    expect(monthlyVisitStatus(plan, entry('high', '2025-01-01', '2026-02-10'), [], '2026-03').due).toBe(false);
    // key person visited 02-20 is due 03-20; they died 03-05, so nobody owed them a March visit.
    expect(monthlyVisitStatus(plan, entry('key', '2025-01-01', '2026-03-05'), ['2026-02-20'], '2026-03').due).toBe(
      false,
    );
  });

  it('a key person registered mid-month is first due the next month', () => {
    expect(monthlyVisitStatus(plan, entry('key', '2026-03-15'), [], '2026-03').due).toBe(false);
    expect(monthlyVisitStatus(plan, entry('key', '2026-03-15'), [], '2026-04').due).toBe(true);
  });

  it('the rate is done over due, none when nobody was due', () => {
    expect(visitRate(15, 16)).toBe(0.9375);
    expect(visitRate(2, 3)).toBe(0.6667);
    expect(visitRate(0, 0)).toBeNull();
  });
});

describe('rating validity', () => {
  it('stations get stars and institutions levels', () => {
    expect(ratingSchemeFor('station')).toBe('star');
    expect(ratingSchemeFor('nursing_home')).toBe('level');
    expect(ratingLabel('star', 3)).toBe('三星级');
    expect(ratingLabel('level', 2)).toBe('二级');
  });

  it('a rating for N years ends the day before its anniversary', () => {
    expect(defaultRatingValidUntil('2026-03-10', 3)).toBe('2029-03-09');
    expect(defaultRatingValidUntil('2024-02-29', 1)).toBe('2025-02-27');
  });

  it('counts from the rating day to its last valid day, and never when voided', () => {
    const r = { ratedOn: '2026-03-10', validUntil: '2029-03-09', voided: false };
    expect(ratingValidOn(r, '2026-03-09')).toBe(false);
    expect(ratingValidOn(r, '2026-03-10')).toBe(true);
    expect(ratingValidOn(r, '2029-03-09')).toBe(true);
    expect(ratingValidOn(r, '2029-03-10')).toBe(false);
    expect(ratingValidOn({ ...r, voided: true }, '2027-01-01')).toBe(false);
  });

  it('the current rating is the latest valid one', () => {
    const old = { ratedOn: '2024-05-01', validUntil: '2027-04-30', voided: false, grade: 2 };
    const re = { ratedOn: '2026-01-10', validUntil: '2029-01-09', voided: false, grade: 4 };
    const voided = { ratedOn: '2026-02-01', validUntil: '2029-01-31', voided: true, grade: 5 };
    expect(currentRating([old, re, voided], '2026-03-01')?.grade).toBe(4);
    expect(currentRating([old, re, voided], '2025-03-01')?.grade).toBe(2);
    expect(currentRating([old], '2027-05-01')).toBeNull();
  });

  it('dates are China dates', () => {
    expect(chinaToday(new Date('2026-03-19T16:30:00Z'))).toBe('2026-03-20');
    expect(chinaToday(new Date('2026-03-19T15:59:00Z'))).toBe('2026-03-19');
  });
});
