import { describe, expect, it } from 'vitest';
import {
  addDays,
  addWorkingDays,
  calendarCovers,
  dayOfWeek,
  isWorkingDay,
  workingDaysBetween,
} from '../../../src/shared/time';

describe('isWorkingDay', () => {
  it('National Day 2024: 10-01..10-07 off, make-up Sunday 09-29 and Saturday 10-12 worked', () => {
    expect(isWorkingDay('2024-09-28')).toBe(false); // Saturday
    expect(isWorkingDay('2024-09-29')).toBe(true); // Sunday, 调休
    expect(isWorkingDay('2024-09-30')).toBe(true);
    for (let d = 1; d <= 7; d++) expect(isWorkingDay(`2024-10-0${d}`)).toBe(false);
    expect(isWorkingDay('2024-10-08')).toBe(true);
    expect(isWorkingDay('2024-10-12')).toBe(true); // Saturday, 调休
    expect(isWorkingDay('2024-10-13')).toBe(false);
  });

  it('National Day and Mid-Autumn 2025 are one 8-day break with make-up days 09-28 and 10-11', () => {
    expect(isWorkingDay('2025-09-28')).toBe(true);
    expect(isWorkingDay('2025-10-08')).toBe(false);
    expect(isWorkingDay('2025-10-09')).toBe(true);
    expect(isWorkingDay('2025-10-11')).toBe(true);
  });

  it('Spring Festival 2025 starts on 除夕 (01-28); 2026 runs 02-15..02-23 with 02-14 and 02-28 worked', () => {
    expect(isWorkingDay('2025-01-26')).toBe(true);
    expect(isWorkingDay('2025-01-27')).toBe(true);
    expect(isWorkingDay('2025-01-28')).toBe(false);
    expect(isWorkingDay('2025-02-04')).toBe(false);
    expect(isWorkingDay('2025-02-05')).toBe(true);
    expect(isWorkingDay('2026-02-14')).toBe(true);
    expect(isWorkingDay('2026-02-23')).toBe(false);
    expect(isWorkingDay('2026-02-24')).toBe(true);
    expect(isWorkingDay('2026-02-28')).toBe(true);
  });

  it('a plain week outside the table: weekdays work, weekends do not', () => {
    expect(calendarCovers('2027-03-01')).toBe(false);
    expect(dayOfWeek('2027-03-01')).toBe(1);
    expect(isWorkingDay('2027-03-01')).toBe(true);
    expect(isWorkingDay('2027-03-06')).toBe(false);
  });

  it('township overrides win over the national table', () => {
    const overrides = { holidays: ['2024-09-30'], workdays: ['2024-10-05'] };
    expect(isWorkingDay('2024-09-30', overrides)).toBe(false);
    expect(isWorkingDay('2024-10-05', overrides)).toBe(true);
    expect(() => isWorkingDay('2024-02-30')).toThrow(RangeError);
  });
});

describe('addWorkingDays', () => {
  it('does not count the start date and skips the National Day break', () => {
    expect(addWorkingDays('2024-09-27', 1)).toBe('2024-09-29'); // the make-up Sunday counts
    expect(addWorkingDays('2024-09-29', 1)).toBe('2024-09-30');
    expect(addWorkingDays('2024-09-30', 1)).toBe('2024-10-08');
    expect(addWorkingDays('2024-09-30', 5)).toBe('2024-10-12'); // 10-08..11 then make-up Saturday
    expect(addWorkingDays('2024-10-07', 0)).toBe('2024-10-07');
  });

  it('a 3-working-day limit from a Friday ends on Wednesday', () => {
    expect(addWorkingDays('2024-11-01', 3)).toBe('2024-11-06');
  });

  it('counts backwards for negative n', () => {
    expect(addWorkingDays('2024-10-08', -1)).toBe('2024-09-30');
    expect(addWorkingDays('2024-10-08', -2)).toBe('2024-09-29');
  });

  it('uses overrides', () => {
    expect(addWorkingDays('2024-09-27', 1, { holidays: ['2024-09-29'] })).toBe('2024-09-30');
  });
});

describe('workingDaysBetween', () => {
  it('counts working days after a up to b', () => {
    expect(workingDaysBetween('2024-09-27', '2024-10-12')).toBe(7); // 09-29, 09-30, 10-08..11, 10-12
    expect(workingDaysBetween('2024-10-01', '2024-10-07')).toBe(0);
    expect(workingDaysBetween('2024-10-12', '2024-09-27')).toBe(-7);
  });

  it('is the inverse of addWorkingDays in both directions', () => {
    for (const start of ['2024-09-27', '2024-09-28', '2025-01-25', '2026-02-14', '2026-10-03']) {
      for (const n of [-15, -3, -1, 0, 1, 4, 10, 30]) {
        expect(workingDaysBetween(start, addWorkingDays(start, n))).toBe(n);
      }
    }
  });
});

describe('addDays', () => {
  it('crosses month and year ends', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
    expect(addDays('2024-09-30', 7)).toBe('2024-10-07');
  });
});
