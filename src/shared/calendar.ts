// Working-day calendar for statutory deadlines (审核确认 within N 个工作日 …). Pure: no Node or DOM.
// National data: public holidays and 调休 make-up working days from the State Council notices
//   2024: 国办发明电〔2023〕7号;  2025: 国办发明电〔2024〕12号;  2026: 国务院办公厅 2025-11-04 notice.
// Outside the covered years only weekends count as days off (see calendarCovers); a township adds its own days
// through CalendarOverrides.
import { isDate } from './months';

const DAY_MS = 86_400_000;

/** Official days off that fall on what would otherwise be a working day, plus the weekend days inside each break. */
const NATIONAL_HOLIDAYS: readonly string[] = [
  // 2024
  ...range('2024-01-01', '2024-01-01'), // 元旦
  ...range('2024-02-10', '2024-02-17'), // 春节
  ...range('2024-04-04', '2024-04-06'), // 清明节
  ...range('2024-05-01', '2024-05-05'), // 劳动节
  ...range('2024-06-10', '2024-06-10'), // 端午节 (连休 with the weekend)
  ...range('2024-09-15', '2024-09-17'), // 中秋节
  ...range('2024-10-01', '2024-10-07'), // 国庆节
  // 2025
  ...range('2025-01-01', '2025-01-01'), // 元旦
  ...range('2025-01-28', '2025-02-04'), // 春节 (from 除夕)
  ...range('2025-04-04', '2025-04-06'), // 清明节
  ...range('2025-05-01', '2025-05-05'), // 劳动节
  ...range('2025-05-31', '2025-06-02'), // 端午节
  ...range('2025-10-01', '2025-10-08'), // 国庆节、中秋节
  // 2026
  ...range('2026-01-01', '2026-01-03'), // 元旦
  ...range('2026-02-15', '2026-02-23'), // 春节
  ...range('2026-04-04', '2026-04-06'), // 清明节
  ...range('2026-05-01', '2026-05-05'), // 劳动节
  ...range('2026-06-19', '2026-06-21'), // 端午节
  ...range('2026-09-25', '2026-09-27'), // 中秋节
  ...range('2026-10-01', '2026-10-07'), // 国庆节
];

/** 调休: Saturdays and Sundays that are working days. */
const NATIONAL_MAKEUP_WORKDAYS: readonly string[] = [
  '2024-02-04', '2024-02-18', '2024-04-07', '2024-04-28', '2024-05-11', '2024-09-14', '2024-09-29', '2024-10-12',
  '2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11',
  '2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10',
]; // prettier-ignore

/** Years whose national holidays are in the table above. */
export const CALENDAR_YEARS: readonly number[] = [2024, 2025, 2026];

const HOLIDAY_SET: ReadonlySet<string> = new Set(NATIONAL_HOLIDAYS);
const MAKEUP_SET: ReadonlySet<string> = new Set(NATIONAL_MAKEUP_WORKDAYS);

/**
 * Local adjustments a township (or a later State Council notice) supplies. They win over the national table;
 * a date listed in both `holidays` and `workdays` is a working day.
 */
export interface CalendarOverrides {
  /** Extra days off ('YYYY-MM-DD'). */
  holidays?: readonly string[];
  /** Extra working days ('YYYY-MM-DD'), e.g. a weekend the office is open for a deadline. */
  workdays?: readonly string[];
}

/** Whether the national table knows this date's year (otherwise only weekends are treated as days off). */
export function calendarCovers(date: string): boolean {
  return CALENDAR_YEARS.includes(Number(date.slice(0, 4)));
}

function toDayNumber(date: string): number {
  if (!isDate(date)) throw new RangeError(`不是有效日期（应为 YYYY-MM-DD）：${date}`);
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

function fromDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The date n calendar days after `date` (n may be negative). */
export function addDays(date: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`天数必须是整数：${n}`);
  return fromDayNumber(toDayNumber(date) + n);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: string): number {
  const d = (toDayNumber(date) + 4) % 7; // day 0 (1970-01-01) was a Thursday
  return d < 0 ? d + 7 : d;
}

interface Resolved {
  holidays: ReadonlySet<string>;
  workdays: ReadonlySet<string>;
}

function resolve(overrides: CalendarOverrides | undefined): Resolved {
  return { holidays: new Set(overrides?.holidays ?? []), workdays: new Set(overrides?.workdays ?? []) };
}

function working(date: string, r: Resolved): boolean {
  if (r.workdays.has(date)) return true;
  if (r.holidays.has(date)) return false;
  if (MAKEUP_SET.has(date)) return true;
  if (HOLIDAY_SET.has(date)) return false;
  const dow = dayOfWeek(date);
  return dow !== 0 && dow !== 6;
}

export function isWorkingDay(date: string, overrides?: CalendarOverrides): boolean {
  toDayNumber(date); // validates
  return working(date, resolve(overrides));
}

/**
 * The date that is n working days after `date`, not counting `date` itself: a 3-working-day limit from a
 * Friday application ends on the next Wednesday. n = 0 returns `date`; a negative n counts backwards.
 */
export function addWorkingDays(date: string, n: number, overrides?: CalendarOverrides): string {
  if (!Number.isInteger(n)) throw new RangeError(`工作日数必须是整数：${n}`);
  const r = resolve(overrides);
  const step = n < 0 ? -1 : 1;
  let day = toDayNumber(date);
  let left = Math.abs(n);
  while (left > 0) {
    day += step;
    if (working(fromDayNumber(day), r)) left--;
  }
  return fromDayNumber(day);
}

/**
 * Working days from a to b, counted like addWorkingDays so that workingDaysBetween(a, addWorkingDays(a, n)) === n:
 * for b after a the days in (a, b]; for b before a, minus the days in [b, a).
 */
export function workingDaysBetween(a: string, b: string, overrides?: CalendarOverrides): number {
  const r = resolve(overrides);
  const from = toDayNumber(a);
  const to = toDayNumber(b);
  let count = 0;
  if (to >= from) {
    for (let d = from + 1; d <= to; d++) if (working(fromDayNumber(d), r)) count++;
    return count;
  }
  for (let d = to; d < from; d++) if (working(fromDayNumber(d), r)) count++;
  return -count;
}

function range(first: string, last: string): string[] {
  const out: string[] = [];
  const end = Date.UTC(Number(last.slice(0, 4)), Number(last.slice(5, 7)) - 1, Number(last.slice(8, 10)));
  let t = Date.UTC(Number(first.slice(0, 4)), Number(first.slice(5, 7)) - 1, Number(first.slice(8, 10)));
  for (; t <= end; t += DAY_MS) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}
