// The one clock and calendar of the ledger (docs/ARCHITECTURE.md, "One clock"). Every calendar question — today,
// this month, a month's neighbours, an age, a working-day deadline, a file's time stamp — is answered here, on China
// time (Asia/Shanghai), whatever zone the PC is set to. Nothing else in src reads a Date's calendar fields
// (getFullYear, getMonth, getDate, getHours, getDay): eslint forbids it outside this file.
//
// Months are 'YYYY-MM' text and dates 'YYYY-MM-DD' text everywhere in the ledger. Pure: no Node or DOM. Date
// objects are used only in UTC, as an instant or a day counter.
//
// China has kept UTC+8 all year since 1991 (no daylight saving), so China time is the UTC instant plus eight hours;
// a fixed offset needs no time-zone data (Intl/ICU may be missing in a small Node or an old browser).
import { CALENDAR_YEARS, NATIONAL_HOLIDAYS, NATIONAL_MAKEUP_WORKDAYS } from './holidays';
import { toHalfWidth } from './text';

export { CALENDAR_YEARS } from './holidays';

/** The ledger's time zone. */
export const LEDGER_TIME_ZONE = 'Asia/Shanghai';
const CHINA_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** The wall-clock fields of an instant in China. */
export interface ChinaClock {
  year: number;
  /** 1–12. */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
}

export function chinaClock(at: Date = new Date()): ChinaClock {
  const t = at.getTime();
  if (Number.isNaN(t)) throw new RangeError('无效的时间');
  const c = new Date(t + CHINA_OFFSET_MS);
  return {
    year: c.getUTCFullYear(),
    month: c.getUTCMonth() + 1,
    day: c.getUTCDate(),
    hour: c.getUTCHours(),
    minute: c.getUTCMinutes(),
    second: c.getUTCSeconds(),
    weekday: c.getUTCDay(),
  };
}

/** The China calendar date of an instant, 'YYYY-MM-DD' (today when no instant is given). */
export function today(at: Date = new Date()): string {
  const c = chinaClock(at);
  return `${c.year}-${pad2(c.month)}-${pad2(c.day)}`;
}

/** The China calendar month of an instant, 'YYYY-MM'. */
export function thisMonth(at: Date = new Date()): string {
  return today(at).slice(0, 7);
}

/** The China calendar year of an instant. */
export function thisYear(at: Date = new Date()): number {
  return chinaClock(at).year;
}

/** 'YYYYMMDD' in China, for file names that sort by day. */
export function dayStamp(at: Date = new Date()): string {
  const c = chinaClock(at);
  return `${c.year}${pad2(c.month)}${pad2(c.day)}`;
}

/** 'YYYYMMDD-HHmmss' in China, for file names that sort by time (backups, exports). */
export function fileStamp(at: Date = new Date()): string {
  const c = chinaClock(at);
  return `${dayStamp(at)}-${pad2(c.hour)}${pad2(c.minute)}${pad2(c.second)}`;
}

/** 'YYYY-MM-DD HH:mm' in China, for a time shown to a clerk. */
export function clockText(at: Date = new Date()): string {
  const c = chinaClock(at);
  return `${today(at)} ${pad2(c.hour)}:${pad2(c.minute)}`;
}

/** '2026年3月' — the label of a 'YYYY-MM' month on pages, in messages and in workbooks. */
export function monthText(month: string): string {
  return `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
}

/** '2026年3月5日' — the label of a 'YYYY-MM-DD' date. */
export function dateText(date: string): string {
  return `${monthText(date)}${Number(date.slice(8, 10))}日`;
}

/**
 * Completed years (周岁) on `onDate`. A birthday is reached on the same month-day; someone born on 02-29 turns a
 * year older on 03-01 in a non-leap year. Both dates are 'YYYY-MM-DD'; throws RangeError otherwise.
 */
export function ageOn(birthDate: string, onDate: string): number {
  if (!isDate(birthDate)) throw new RangeError(`不是有效日期：${birthDate}`);
  if (!isDate(onDate)) throw new RangeError(`不是有效日期：${onDate}`);
  const years = Number(onDate.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return onDate.slice(5) >= birthDate.slice(5) ? years : years - 1;
}

// ---- months and dates ('YYYY-MM', 'YYYY-MM-DD') ----
const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isMonth(s: string): boolean {
  return MONTH_RE.test(s);
}

/** True for a 'YYYY-MM-DD' that exists on the calendar (2023-02-29 does not). */
export function isDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  return dayExists(Number(m[1]), Number(m[2]), Number(m[3]));
}

function dayExists(y: number, mo: number, d: number): boolean {
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function assertMonth(m: string): void {
  if (!isMonth(m)) throw new RangeError(`不是有效月份（应为 YYYY-MM）：${m}`);
}

function monthIndex(m: string): number {
  assertMonth(m);
  return Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
}

function monthFromIndex(i: number): string {
  const y = Math.floor(i / 12);
  const mo = i - y * 12 + 1;
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}`;
}

/** The month n months after m (n may be negative). */
export function addMonths(m: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`月数必须是整数：${n}`);
  return monthFromIndex(monthIndex(m) + n);
}

export function nextMonth(m: string): string {
  return addMonths(m, 1);
}

/** The month before m. */
export function previousMonth(m: string): string {
  return addMonths(m, -1);
}

/** The same month and day n years from `date` (n may be negative); 02-29 becomes 02-28 in a common year. */
export function addYears(date: string, n: number): string {
  if (!isDate(date)) throw new RangeError(`不是有效日期（应为 YYYY-MM-DD）：${date}`);
  if (!Number.isInteger(n)) throw new RangeError(`年数必须是整数：${n}`);
  const y = String(Number(date.slice(0, 4)) + n).padStart(4, '0');
  const d = `${y}${date.slice(4)}`;
  return isDate(d) ? d : `${y}-02-28`;
}

/** The 'YYYY-MM' a 'YYYY-MM-DD' date falls in. */
export function monthOf(date: string): string {
  if (!isDate(date)) throw new RangeError(`不是有效日期（应为 YYYY-MM-DD）：${date}`);
  return date.slice(0, 7);
}

/** How many months from a to b: monthsBetween('2023-01', '2023-03') = 2; negative when b is before a. */
export function monthsBetween(a: string, b: string): number {
  return monthIndex(b) - monthIndex(a);
}

export function compareMonth(a: string, b: string): -1 | 0 | 1 {
  assertMonth(a);
  assertMonth(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Values a spreadsheet cell or a form may hand us. exceljs gives Date objects at UTC midnight for date cells. */
export type LooseDateInput = string | number | Date | null | undefined;

// Excel's 1900 date system: serial 1 = 1900-01-01, and serial 60 is the fictitious 1900-02-29 (Lotus bug), so
// from serial 61 on, day 0 is 1899-12-30.
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const MIN_YEAR = 1850;
const MAX_YEAR = 2200;

function fromExcelSerial(serial: number): { y: number; mo: number; d: number } | null {
  const whole = Math.floor(serial);
  if (whole < 1 || whole === 60 || whole > 2_958_465) return null;
  const days = whole < 60 ? whole + 1 : whole;
  const t = new Date(EXCEL_EPOCH_MS + days * DAY_MS);
  return { y: t.getUTCFullYear(), mo: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

interface LooseParts {
  y: number;
  mo: number;
  d: number | null;
}

function looseParts(input: LooseDateInput): LooseParts | null {
  if (input === null || input === undefined) return null;
  if (input instanceof Date) {
    if (Number.isNaN(input.getTime())) return null;
    return { y: input.getUTCFullYear(), mo: input.getUTCMonth() + 1, d: input.getUTCDate() };
  }
  let s = typeof input === 'number' ? String(input) : toHalfWidth(input).trim();
  s = s.replace(/[T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/, '').trim();
  if (s === '') return null;

  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})(\d{2})(\d{2})$/.exec(s))) return { y: Number(m[1]), mo: Number(m[2]), d: Number(m[3]) };
  if ((m = /^(\d{4})(\d{2})$/.exec(s))) return { y: Number(m[1]), mo: Number(m[2]), d: null };
  // Year-first text wins over a serial: "2023.05" is May 2023, not serial 2023.05 (1905-07-16). A numeric cell
  // holding 2023.1 is read as January, because the number cannot tell us it was typed "2023.10".
  m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*(?:月\s*(?:(\d{1,2})\s*[日号]?)?|[-/.]\s*(\d{1,2})\s*[日号]?)?$/.exec(s);
  if (m) {
    const day = m[3] ?? m[4];
    return { y: Number(m[1]), mo: Number(m[2]), d: day === undefined ? null : Number(day) };
  }
  if (/^\d{1,7}(\.\d+)?$/.test(s)) return fromExcelSerial(Number(s));
  return null;
}

function plausible(p: LooseParts): boolean {
  if (p.y < MIN_YEAR || p.y > MAX_YEAR || p.mo < 1 || p.mo > 12) return false;
  return p.d === null || dayExists(p.y, p.mo, p.d);
}

/**
 * A month from what clerks type or spreadsheets hold: Excel serials (45047 -> 2023-05), '2023-05-01', '2023/5/1',
 * '2023.05', '2023年5月', '202305', '2023-5', Date objects. Returns 'YYYY-MM', or null when the text is not a month
 * (including impossible days such as 2023-02-30, so a typo is not silently accepted).
 */
export function parseLooseMonth(input: LooseDateInput): string | null {
  const p = looseParts(input);
  if (!p || !plausible(p)) return null;
  return `${p.y}-${pad2(p.mo)}`;
}

/**
 * A date from loose input: Excel serials, '2023/5/1', '2023年5月1日', '20230501', '2023-05-01', Date objects.
 * Returns 'YYYY-MM-DD', or null when there is no day or the date does not exist.
 */
export function parseLooseDate(input: LooseDateInput): string | null {
  const p = looseParts(input);
  if (!p || p.d === null || !plausible(p)) return null;
  return `${p.y}-${pad2(p.mo)}-${pad2(p.d)}`;
}

// ---- calendar days and working days (审核确认 within N 个工作日 …) ----

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

/** Whether the national table (./holidays) knows this date's year (otherwise only weekends are treated as days off). */
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
