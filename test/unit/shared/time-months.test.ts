import { describe, expect, it } from 'vitest';
import {
  addMonths,
  compareMonth,
  isDate,
  isMonth,
  monthOf,
  monthsBetween,
  nextMonth,
  parseLooseDate,
  parseLooseMonth,
} from '../../../src/shared/time';

describe('months', () => {
  it('recognises YYYY-MM months and existing dates', () => {
    expect(isMonth('2023-05')).toBe(true);
    expect(isMonth('2023-13')).toBe(false);
    expect(isMonth('2023-5')).toBe(false);
    expect(isDate('2024-02-29')).toBe(true);
    expect(isDate('2023-02-29')).toBe(false);
    expect(isDate('1900-02-29')).toBe(false);
  });

  it('adds months across year ends in both directions', () => {
    expect(addMonths('2023-11', 2)).toBe('2024-01');
    expect(addMonths('2024-01', -1)).toBe('2023-12');
    expect(addMonths('2024-03', -27)).toBe('2021-12');
    expect(nextMonth('2023-12')).toBe('2024-01');
    expect(() => addMonths('2023-13', 1)).toThrow(RangeError);
  });

  it('compares and measures months', () => {
    expect(monthsBetween('2023-01', '2023-03')).toBe(2);
    expect(monthsBetween('2023-11', '2024-02')).toBe(3);
    expect(monthsBetween('2024-02', '2023-11')).toBe(-3);
    expect(compareMonth('2023-12', '2024-01')).toBe(-1);
    expect(compareMonth('2024-01', '2024-01')).toBe(0);
    expect(compareMonth('2024-02', '2024-01')).toBe(1);
    expect(monthOf('2024-02-29')).toBe('2024-02');
    expect(() => monthOf('2023-02-29')).toThrow(RangeError);
  });
});

describe('parseLooseMonth', () => {
  it.each([
    [45047, '2023-05'],
    ['45047', '2023-05'],
    ['2023-05-01', '2023-05'],
    ['2023/5/1', '2023-05'],
    ['2023.05', '2023-05'],
    [2023.05, '2023-05'],
    ['2023年5月', '2023-05'],
    ['2023年05月01日', '2023-05'],
    ['202305', '2023-05'],
    [202305, '2023-05'],
    ['2023-5', '2023-05'],
    ['２０２３年５月', '2023-05'],
    [new Date(Date.UTC(2023, 4, 1)), '2023-05'],
  ])('%s -> %s', (input, expected) => {
    expect(parseLooseMonth(input)).toBe(expected);
  });

  it.each(['', 'abc', '2023-13', '202313', '2023年', '五月', '2023-02-30'])('rejects %j', (input) => {
    expect(parseLooseMonth(input)).toBeNull();
  });

  it('rejects empty cells', () => {
    expect(parseLooseMonth(null)).toBeNull();
    expect(parseLooseMonth(undefined)).toBeNull();
  });
});

describe('parseLooseDate', () => {
  it.each([
    [45047, '2023-05-01'],
    [45047.75, '2023-05-01'],
    [61, '1900-03-01'],
    [59, '1900-02-28'],
    ['2023/5/1', '2023-05-01'],
    ['2023年5月1日', '2023-05-01'],
    ['20230501', '2023-05-01'],
    ['2023-05-01', '2023-05-01'],
    ['2023.5.1', '2023-05-01'],
    ['2023-05-01 08:30:00', '2023-05-01'],
    ['2023-05-01T00:00:00.000Z', '2023-05-01'],
    [new Date(Date.UTC(2024, 1, 29)), '2024-02-29'],
  ])('%s -> %s', (input, expected) => {
    expect(parseLooseDate(input)).toBe(expected);
  });

  it('rejects months without a day, impossible dates and Excel serial 60 (the fictitious 1900-02-29)', () => {
    expect(parseLooseDate('2023-05')).toBeNull();
    expect(parseLooseDate('202305')).toBeNull();
    expect(parseLooseDate('2023年5月')).toBeNull();
    expect(parseLooseDate('2023-02-29')).toBeNull();
    expect(parseLooseDate('20230229')).toBeNull();
    expect(parseLooseDate(60)).toBeNull();
    expect(parseLooseDate(0)).toBeNull();
    expect(parseLooseDate(new Date(Number.NaN))).toBeNull();
  });
});
