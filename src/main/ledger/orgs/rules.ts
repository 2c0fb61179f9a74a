// The calendar rules of the 社会组织台账 as pure functions of plain data (docs/DOMAIN.md §5, S-评估). No I/O: the handlers
// load rows and ask these functions; the tests check them at their boundaries.
import { daysInMonth } from '../../../shared/time';
import type { InspectionResult, OrgKind, RatingEndKind } from '../../../shared/api/orgs';

/** The same day n years later; 02-29 falls back to 02-28 in a common year. */
export function addYears(date: string, n: number): string {
  const y = Number(date.slice(0, 4)) + n;
  const m = Number(date.slice(5, 7));
  const d = Math.min(Number(date.slice(8, 10)), daysInMonth(y, m));
  return `${String(y).padStart(4, '0')}-${date.slice(5, 8)}${String(d).padStart(2, '0')}`;
}

/** A rating (评估等级) is valid for 5 years (S-评估 第二十八条): it expires on the day 5 years after it was given. */
export const RATING_VALID_YEARS = 5;
export function ratingExpiresOn(ratedOn: string): string {
  return addYears(ratedOn, RATING_VALID_YEARS);
}

/**
 * 成立不满6个月的不参加当年年检. The registration day counts as the first day, so an organization registered on
 * 07-01 has existed through July–December (six whole months) by 12/31 and takes part; one registered on 07-02 or
 * later is exempt for that year.
 */
export function exemptFromInspection(registeredOn: string, year: number): boolean {
  return registeredOn > `${year}-07-01`;
}

export interface InspectionDeadlines {
  /** 报业务主管单位初审 (none for directly registered organizations without a supervising unit). */
  supervisor: string | null;
  /** 报登记管理机关. */
  authority: string;
}

/**
 * Deadlines of the annual inspection (年检) of `year`, held in the following spring: 社会团体 and 社会服务机构 report to
 * the supervising unit by 3/31 and to the registration authority by 5/31; 基金会 report by 3/31 (S-基金会 第三十六条).
 */
export function inspectionDeadlines(kind: OrgKind, hasSupervisor: boolean, year: number): InspectionDeadlines {
  const next = year + 1;
  return {
    supervisor: hasSupervisor ? `${next}-03-31` : null,
    authority: kind === 'foundation' ? `${next}-03-31` : `${next}-05-31`,
  };
}

export interface InspectableOrg {
  registeredOn: string | null;
  /** 撤销/注销 date, if the organization has ended. */
  endedOn: string | null;
}

/**
 * Whether a registered organization is expected to take part in the inspection of `year`: it was registered early
 * enough (see exemptFromInspection) and had not ended before that year was over.
 */
export function expectedToInspect(org: InspectableOrg, year: number): boolean {
  if (!org.registeredOn || org.registeredOn > `${year}-12-31`) return false;
  if (exemptFromInspection(org.registeredOn, year)) return false;
  return org.endedOn === null || org.endedOn > `${year}-12-31`;
}

export interface RatingHistoryItem {
  grade: number;
  ratedOn: string;
  expiresOn: string;
  /** How the rating ended early, if it did: downgraded (降级), cancelled (取消), voided (录入作废, ignored). */
  endKind: RatingEndKind | null;
  endedOn: string | null;
}

export interface EligibilityInput {
  /** The day the organization would apply (通常为评估通知之日). */
  onDate: string;
  registeredOn: string | null;
  /** Still 正常 (not 撤销/注销). */
  active: boolean;
  /** Results of the annual inspections by year; null = took part, result not yet given. Missing = did not take part. */
  inspections: ReadonlyMap<number, InspectionResult | null>;
  ratings: readonly RatingHistoryItem[];
  /** Dates of administrative penalties (行政处罚). */
  penalties: readonly string[];
}

export interface Eligibility {
  eligible: boolean;
  /** Why not, in Chinese, one line per rule that bars the organization (empty when eligible). */
  reasons: string[];
}

/**
 * 等级评估申报资格 (S-评估 第六、七、二十九、三十一条):
 * - 第六条: registered for two full years (登记满两个年度, read as: on or after the second anniversary of
 *   registration) and never rated; or the previous rating's 5-year validity has expired; 第二十九条 lets a rated
 *   organization re-apply in the last 2 years of its validity;
 * - 第七条: barred if it did not take part in last year's inspection, last year's result was 不合格, the last two years
 *   were both 基本合格, or it was penalised last year;
 * - 第三十一条: barred for 2 years after a downgrade and 3 years after a cancellation.
 * "Last year" is the calendar year before onDate. Being under investigation (第七条(四)) is not tracked by the ledger.
 */
export function ratingEligibility(input: EligibilityInput): Eligibility {
  const reasons: string[] = [];
  const { onDate } = input;
  if (!input.active) reasons.push('该组织已撤销或注销');
  if (!input.registeredOn) {
    reasons.push('缺少登记日期');
  } else if (input.registeredOn > onDate) {
    reasons.push('申报日期早于登记日期');
  }

  const ratings = input.ratings.filter((r) => r.endKind !== 'voided' && r.ratedOn <= onDate);
  for (const r of ratings) {
    if (r.endKind === 'cancelled' && r.endedOn && addYears(r.endedOn, 3) > onDate) {
      reasons.push(`${r.grade}A 评估等级于 ${r.endedOn} 被取消，3 年内不得申报（${addYears(r.endedOn, 3)} 起可申报）`);
    }
    if (r.endKind === 'downgraded' && r.endedOn && addYears(r.endedOn, 2) > onDate) {
      reasons.push(`${r.grade}A 评估等级于 ${r.endedOn} 被降低，2 年内不得申报（${addYears(r.endedOn, 2)} 起可申报）`);
    }
  }
  // The grade the organization holds now: the newest one not taken away (a downgrade leaves its lower grade).
  const held = ratings
    .filter((r) => r.endKind === null)
    .reduce<RatingHistoryItem | null>((a, r) => (!a || r.ratedOn > a.ratedOn ? r : a), null);
  if (ratings.length === 0) {
    if (input.registeredOn && input.registeredOn <= onDate && addYears(input.registeredOn, 2) > onDate) {
      reasons.push(`登记未满两年（${addYears(input.registeredOn, 2)} 起方可申报）`);
    }
  } else if (held && held.expiresOn > onDate) {
    const reapplyFrom = addYears(held.expiresOn, -2);
    if (reapplyFrom > onDate) {
      reasons.push(
        `现有 ${held.grade}A 等级有效至 ${held.expiresOn}，有效期满前 2 年（${reapplyFrom} 起）方可重新申报`,
      );
    }
  }

  const lastYear = Number(onDate.slice(0, 4)) - 1;
  const last = input.inspections.has(lastYear) ? input.inspections.get(lastYear) : undefined;
  if (last === undefined) {
    reasons.push(`未参加 ${lastYear} 年度年检`);
  } else if (last === 'fail') {
    reasons.push(`${lastYear} 年度年检不合格`);
  } else if (last === 'basic' && input.inspections.get(lastYear - 1) === 'basic') {
    reasons.push(`${lastYear - 1}、${lastYear} 年度年检连续两年基本合格`);
  }

  const penalised = input.penalties.filter((d) => d.startsWith(`${lastYear}-`));
  if (penalised.length > 0) reasons.push(`${lastYear} 年度受到行政处罚（${penalised.join('、')}）`);

  return { eligible: reasons.length === 0, reasons };
}

/** 换届: the term ends (is due for election) term_years after it began. */
export function termDueOn(startedOn: string, termYears: number): string {
  return addYears(startedOn, termYears);
}

/** Whether a rating given on ratedOn is in force on `date` (valid until the day before expiresOn). */
export function ratingInForce(r: RatingHistoryItem, date: string): boolean {
  if (r.endKind === 'voided') return false;
  if (r.ratedOn > date || r.expiresOn <= date) return false;
  return !(r.endedOn && r.endedOn <= date);
}

/** The last day of a 'YYYY-MM' month. */
export function monthEnd(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return `${month}-${String(daysInMonth(y, m)).padStart(2, '0')}`;
}

/** Days from a to b (negative when b is earlier). */
export function daysBetween(a: string, b: string): number {
  const day = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
  return Math.round((day(b) - day(a)) / 86_400_000);
}
