// The rules of the children's register as plain functions (docs/DOMAIN.md, 儿童福利):
// - 孤儿: under 18, both parents dead or missing (查找不到).
// - 事实无人抚养儿童: under 18; each parent either dead, or 重残/重病, 服刑在押/强制隔离戒毒, or 失联 — and not both
//   dead (that is 孤儿).
// - 农村留守儿童: under 16; both parents working away, or one away and the other unable to care (重残/重病/服刑…).
// - 困境儿童: under 18, by kind (重病, 重残, 家庭经济困难, 监护缺失/不当) — confirmed by the township, no parent test.
// Visits: 孤儿 and 事实无人抚养 monthly, others quarterly by default (a setting; national texts only say 定期走访).
import { addMonths, addYears, daysInMonth, isDate } from '../../../shared/time';
import { labels } from '../../../shared/labels';
import type { ChildCategory, ParentStatus } from './tables';

/** The categories' names as a clerk reads them. */
export const CATEGORY_LABEL: Record<ChildCategory, string> = labels.childCategory;

/** Months between planned visits, per category (settings key `children.visitPlan`). */
export type ChildVisitPlan = Record<ChildCategory, number>;
export const DEFAULT_CHILD_VISIT_PLAN: ChildVisitPlan = {
  orphan: 1,
  de_facto: 1,
  difficulty_illness: 3,
  difficulty_disability: 3,
  difficulty_poverty: 3,
  difficulty_guardianship: 1,
  left_behind: 3,
};

const UNABLE: readonly ParentStatus[] = ['severe_disability', 'severe_illness', 'imprisoned', 'missing'];

/** The age at which the child leaves the register for this set of categories (留守 alone: 16; otherwise 18). */
export function ageLimit(categories: readonly ChildCategory[]): number {
  return categories.length > 0 && categories.every((c) => c === 'left_behind') ? 16 : 18;
}

/** The day the child reaches the register's age limit (the birthday; 02-29 → 02-28 in other years). */
export function agesOutOn(birthDate: string, categories: readonly ChildCategory[]): string {
  return addYears(birthDate, ageLimit(categories));
}

/**
 * Why these categories do not fit the parents' situation and the child's age, or null. Each message names the rule,
 * in the words a clerk uses.
 */
export function categoryProblem(
  categories: readonly ChildCategory[],
  father: ParentStatus,
  mother: ParentStatus,
  birthDate: string,
  onDate: string,
): string | null {
  if (categories.length === 0) return '请至少选择一个儿童类别';
  if (!isDate(birthDate)) return '出生日期无效';
  if (agesOutOn(birthDate, categories) <= onDate) {
    const limit = ageLimit(categories);
    return `已满 ${limit} 周岁（${birthDate} 出生），不在${limit === 16 ? '农村留守儿童' : '困境儿童'}范围内`;
  }
  if (categories.includes('left_behind') && addYears(birthDate, 16) <= onDate) return '农村留守儿童应未满 16 周岁';
  const both = [father, mother];
  const orphanParents = both.every((p) => p === 'dead' || p === 'missing');
  if (categories.includes('orphan') && !orphanParents) return '孤儿须父母双方均已死亡或查找不到';
  if (categories.includes('orphan') && categories.includes('de_facto')) return '孤儿与事实无人抚养儿童不能同时认定';
  if (categories.includes('de_facto')) {
    if (both.every((p) => p === 'dead')) return '父母双方均已死亡的应认定为孤儿，而非事实无人抚养儿童';
    const ok = both.every((p) => p === 'dead' || UNABLE.includes(p)) && both.some((p) => UNABLE.includes(p));
    if (!ok)
      return '事实无人抚养儿童须父母双方（或尚在的一方）均为重残、重病、服刑在押/强制隔离戒毒或失联，请核对父母情况';
  }
  if (categories.includes('left_behind')) {
    const away = both.filter((p) => p === 'working_away').length;
    const ok = away === 2 || (away === 1 && both.some((p) => UNABLE.includes(p) || p === 'dead'));
    if (!ok) return '农村留守儿童须父母双方外出务工，或一方外出务工、另一方无监护能力';
  }
  return null;
}

/** Months between visits for a child in several categories: the most frequent one applies. */
export function visitEveryMonths(plan: ChildVisitPlan, categories: readonly ChildCategory[]): number {
  return Math.min(...categories.map((c) => plan[c] ?? 3));
}

/** The date the next visit is due: the interval after the last visit, or after registration. */
export function nextChildVisitDue(
  plan: ChildVisitPlan,
  categories: readonly ChildCategory[],
  registeredOn: string,
  lastVisitOn: string | null,
): string {
  const base = lastVisitOn !== null && lastVisitOn > registeredOn ? lastVisitOn : registeredOn;
  const months = visitEveryMonths(plan, categories);
  const m = addMonths(base.slice(0, 7), months);
  const d = Math.min(Number(base.slice(8, 10)), daysInMonth(Number(m.slice(0, 4)), Number(m.slice(5, 7))));
  return `${m}-${String(d).padStart(2, '0')}`;
}

/** 孤儿 placement for the statistical split 集中养育 / 社会散居. */
export function orphanPlacementGroup(placement: string | null): 'centralized' | 'dispersed' {
  return placement === 'institution' ? 'centralized' : 'dispersed';
}
