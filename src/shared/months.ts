// Months are 'YYYY-MM' text and dates 'YYYY-MM-DD' text everywhere in the ledger (ARCHITECTURE.md, Data).
// Pure: no Node or DOM. Date objects are used only in UTC, as a day counter.
import { toHalfWidth } from './text';

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

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

const pad2 = (n: number): string => String(n).padStart(2, '0');

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
