// Rules of the elderly-services ledger as plain functions of plain data: visit due dates by risk level, the
// monthly visit status and rate, rating validity. No database here, so each rule is tested on its own.
import { addDays, daysInMonth, isDate } from '../../../shared/time';
import type { FacilityType, RatingScheme, RiskLevel } from './tables';

/** How often a risk level must be visited: every N days or every N calendar months. */
export interface VisitInterval {
  every: number;
  unit: 'day' | 'month';
}

export type VisitPlan = Record<RiskLevel, VisitInterval>;

/**
 * Default plan (settings key `elderly.visitPlan`): 高风险 weekly, 重点 monthly, 一般 quarterly — the local rule quoted
 * in docs/DOMAIN.md §4 (内蒙古: 每周≥1次 / 每月≥1次 / 每季≥1次). Provinces differ, so it is a setting.
 */
export const DEFAULT_VISIT_PLAN: VisitPlan = {
  high: { every: 7, unit: 'day' },
  key: { every: 1, unit: 'month' },
  general: { every: 3, unit: 'month' },
};

/** Default validity of a rating in years (settings key `elderly.ratingValidityYears`) [local: no national rule found]. */
export const DEFAULT_RATING_VALIDITY_YEARS = 3;

/** The same day n months later, clamped to the month's last day (01-31 + 1 month = 02-28/29). */
export function addMonthsToDate(date: string, n: number): string {
  if (!isDate(date)) throw new RangeError(`不是有效日期：${date}`);
  const idx = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + n;
  const y = Math.floor(idx / 12);
  const m = idx - y * 12 + 1;
  const d = Math.min(Number(date.slice(8, 10)), daysInMonth(y, m));
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function addInterval(date: string, interval: VisitInterval): string {
  return interval.unit === 'day' ? addDays(date, interval.every) : addMonthsToDate(date, interval.every);
}

/**
 * The date by which the next visit is due: the plan's interval after the last visit, or after registration when
 * nobody has visited yet (registration itself is a contact with the person).
 */
export function nextVisitDue(
  plan: VisitPlan,
  level: RiskLevel,
  registeredOn: string,
  lastVisitOn: string | null,
): string {
  const base = lastVisitOn !== null && lastVisitOn > registeredOn ? lastVisitOn : registeredOn;
  return addInterval(base, plan[level]);
}

/** Overdue when the due date has passed without a visit (due today is not yet overdue). */
export function isVisitOverdue(dueOn: string, today: string): boolean {
  return dueOn < today;
}

export const monthStart = (month: string): string => `${month}-01`;
export const monthEnd = (month: string): string =>
  `${month}-${String(daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)))).padStart(2, '0')}`;

export interface RegisterEntry {
  riskLevel: RiskLevel;
  registeredOn: string;
  endedOn: string | null;
}

/**
 * Whether a person was due a visit in `month`, and whether it was done — the basis of the monthly visit rate
 * (月探访率). Due: on the register during the month and the next visit (counted from the last visit before the
 * month) falls due by the month's end, or by the day they left the register. Done: due and visited in the month.
 * So a 高风险 or 重点 person is due every month; a 一般 person only in the month their quarter runs out, and an early
 * visit in a month they were not due does not count for that month (it moves their next due date instead).
 * `visits` are the person's visit dates (not voided), in any order.
 */
export function monthlyVisitStatus(
  plan: VisitPlan,
  entry: RegisterEntry,
  visits: readonly string[],
  month: string,
): { due: boolean; done: boolean } {
  const start = monthStart(month);
  const end = monthEnd(month);
  if (entry.registeredOn > end) return { due: false, done: false };
  if (entry.endedOn !== null && entry.endedOn < start) return { due: false, done: false };
  let lastBefore: string | null = null;
  let visitedInMonth = false;
  for (const v of visits) {
    if (v < start) {
      if (lastBefore === null || v > lastBefore) lastBefore = v;
    } else if (v <= end) visitedInMonth = true;
  }
  const dueOn = nextVisitDue(plan, entry.riskLevel, entry.registeredOn, lastBefore);
  const limit = entry.endedOn !== null && entry.endedOn < end ? entry.endedOn : end;
  const due = dueOn <= limit;
  return { due, done: due && visitedInMonth };
}

/** done / due as a fraction rounded to 4 places (0.9375 = 93.75%); null when nobody was due. */
export function visitRate(done: number, due: number): number | null {
  if (due === 0) return null;
  return Math.round((done / due) * 10_000) / 10_000;
}

/** 敬老院/供养服务机构 are 养老机构, rated in levels 一级–五级 (GB/T 37276); stations and points get stars. */
export function ratingSchemeFor(type: FacilityType): RatingScheme {
  return type === 'nursing_home' ? 'level' : 'star';
}

/** The last valid day of a rating given on `ratedOn` for `years` years: 2026-03-10 + 3 years -> 2029-03-09. */
export function defaultRatingValidUntil(ratedOn: string, years: number): string {
  return addDays(addMonthsToDate(ratedOn, years * 12), -1);
}

export interface RatingLike {
  ratedOn: string;
  validUntil: string;
  voided: boolean;
}

/** A rating counts on `date` when it is not voided and `date` is within [ratedOn, validUntil]. */
export function ratingValidOn(rating: RatingLike, date: string): boolean {
  return !rating.voided && rating.ratedOn <= date && date <= rating.validUntil;
}

/** The rating that counts on `date`: the most recent valid one (a re-rating replaces the previous one). */
export function currentRating<R extends RatingLike>(ratings: readonly R[], date: string): R | null {
  let best: R | null = null;
  for (const r of ratings) {
    if (ratingValidOn(r, date) && (best === null || r.ratedOn > best.ratedOn)) best = r;
  }
  return best;
}

const CN_DIGITS = ['', '一', '二', '三', '四', '五'] as const;

/** 三星级 / 三级. */
export function ratingLabel(scheme: RatingScheme, grade: number): string {
  const n = CN_DIGITS[grade] ?? String(grade);
  return scheme === 'star' ? `${n}星级` : `${n}级`;
}
