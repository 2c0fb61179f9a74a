// How much a case pays in a month under the standard in force (docs/DOMAIN.md §1.1 Art 23, 27; §1.2; §1.5; §1.6).
// Pure: plain data in, plain data out. The result is a proposal — an approved amount is stored as a dated
// case_amounts row and never recomputed silently (standards.propose / standards.confirm do it with a clerk).
import type { AmountCalc, CaseSettings, StandardEntry } from '../../../shared/api/cases';
import { rule } from '../../../shared/errors';
import { ageOn } from '../../../shared/idcard';
import { label } from '../../../shared/labels';
import { formatYuan } from '../../../shared/money';
import type { CasesTable, PeopleTable } from './tables';
import { standardFor } from './settings';
import { perCapitaMonthly } from '../people';

export interface AmountFacts {
  kase: Pick<
    CasesTable,
    'category' | 'area' | 'single_person' | 'care_grade' | 'support_mode' | 'band' | 'grant_amount_fen'
  >;
  /** The people the case covers in the month (living). */
  covered: Pick<PeopleTable, 'name' | 'birth_date' | 'disability_grade' | 'disability_type' | 'health'>[];
  householdAnnualIncomeFen: number;
  householdSize: number;
  standards: StandardEntry[];
  settings: CaseSettings;
  month: string;
}

const yuan = (fen: number) => `${formatYuan(fen)} 元`;

export function missingStandard(f: Pick<AmountFacts, 'kase' | 'month'>, category = f.kase.category): Error {
  return rule(
    `尚未录入${label('area', f.kase.area)}“${label('caseCategory', category)}”在 ${f.month} 适用的保障标准，请审核人先在“保障标准”中录入`,
  );
}

/**
 * 差额 of a household (issue 20): (standard − annual income ÷ 12 ÷ household size) × covered persons, computed on
 * the household in exact integer arithmetic and rounded once, at the end, to the fen (half up); never below 0.
 * Standard 940 元, income 9,600 元 a year, 3 persons covered of 3: 3 × 940 − 800 = 2,020.00 元 — rounding the
 * per-person income first gave 2,019.99 元.
 */
export function householdGap(standardFen: number, annualFen: number, size: number, covered: number): number {
  if (size <= 0 || covered <= 0) return 0;
  const denom = 12 * size;
  const num = covered * (standardFen * denom - annualFen);
  if (num <= 0) return 0;
  return Math.floor((2 * num + denom) / (2 * denom));
}

export function computeAmount(f: AmountFacts): AmountCalc {
  const { kase, month } = f;
  const explain: string[] = [];
  const base: AmountCalc = {
    month,
    standardMonth: null,
    baseFen: 0,
    supplementFen: 0,
    amountFen: 0,
    coveredPersons: f.covered.length,
    perCapitaMonthlyIncomeFen: null,
    explain,
  };
  if (kase.category === 'linshi') {
    const cap = linshiCap(f);
    const grant = kase.grant_amount_fen ?? 0;
    explain.push(`临时救助为一次性救助，申请金额 ${yuan(grant)}；上限 ${yuan(cap.capFen)}（${cap.text}）`);
    return { ...base, standardMonth: cap.standardMonth, baseFen: grant, amountFen: grant };
  }
  const s = standardFor(f.standards, kase.category, kase.area, month);
  if (!s) throw missingStandard(f);
  base.standardMonth = s.effectiveMonth;
  explain.push(
    `适用标准：${label('area', kase.area)}${label('caseCategory', kase.category)}，${s.effectiveMonth} 起执行`,
  );
  const n = f.covered.length;
  let b = 0;
  let sup = 0;
  switch (kase.category) {
    case 'dibao': {
      const std = s.standardFen ?? 0;
      const pc = perCapitaMonthly(f.householdAnnualIncomeFen, f.householdSize);
      base.perCapitaMonthlyIncomeFen = pc;
      if (s.method === 'band') {
        const band = (s.bands ?? []).find((x) => x.code === kase.band);
        if (!band)
          throw rule(
            `该标准按分档发放，请为本案选择档次（可选：${(s.bands ?? []).map((x) => x.code).join('、') || '无'}）`,
          );
        b = band.perPersonFen * n;
        explain.push(`分档：${band.label}（${band.code}）每人 ${yuan(band.perPersonFen)} × ${n} 人 = ${yuan(b)}`);
      } else {
        b = householdGap(std, f.householdAnnualIncomeFen, f.householdSize, n);
        explain.push(
          `差额：家庭年收入 ${yuan(f.householdAnnualIncomeFen)} ÷ 12 ÷ ${f.householdSize} 人 = 月人均约 ${yuan(pc)}；` +
            `(标准 ${yuan(std)} − 月人均收入) × 保障 ${n} 人，按户计算、最后取整到分 = ${yuan(b)}`,
        );
      }
      sup = dibaoSupplements(f, s, explain);
      break;
    }
    case 'tekun': {
      b = s.basicFen ?? 0;
      const grade = kase.care_grade ?? 'none';
      sup = s.careFen?.[grade] ?? 0;
      explain.push(`基本生活标准 ${yuan(b)}；照料护理（${label('careGrade', grade)}）${yuan(sup)}`);
      break;
    }
    case 'bianyuan':
    case 'gangxing':
      b = (s.monthlyFen ?? 0) * n;
      explain.push(`每人 ${yuan(s.monthlyFen ?? 0)} × ${n} 人 = ${yuan(b)}`);
      break;
    case 'canji_living':
    case 'wurenfuyang':
      b = s.monthlyFen ?? 0;
      explain.push(`月标准 ${yuan(b)}`);
      break;
    case 'canji_care': {
      const g = f.covered[0]?.disability_grade ?? null;
      b = g === 1 ? (s.grade1Fen ?? 0) : g === 2 ? (s.grade2Fen ?? 0) : (s.otherFen ?? 0);
      explain.push(`残疾等级 ${g ?? '未录入'} 级：${yuan(b)}`);
      break;
    }
    case 'guer':
      b = kase.support_mode === 'centralized' ? (s.centralizedFen ?? 0) : (s.dispersedFen ?? 0);
      explain.push(`${kase.support_mode === 'centralized' ? '集中养育' : '社会散居'}：${yuan(b)}`);
      break;
  }
  explain.push(`合计每月 ${yuan(b + sup)}`);
  return { ...base, baseFen: b, supplementFen: sup, amountFen: b + sup };
}

/** 分类施保: per covered person, the highest applicable supplement (or their sum, by setting). */
function dibaoSupplements(f: AmountFacts, s: StandardEntry, explain: string[]): number {
  const sp = s.supplements;
  if (!sp) return 0;
  const rules = f.settings.supplementRules;
  const on = `${f.month}-01`;
  let total = 0;
  for (const p of f.covered) {
    const found: [string, number][] = [];
    const age = p.birth_date ? ageOn(p.birth_date, on) : null;
    if (age !== null && age >= rules.elderlyAge) found.push([`${rules.elderlyAge}岁以上老年人`, sp.elderlyFen]);
    if (age !== null && age < rules.minorAge) found.push(['未成年人', sp.minorFen]);
    if (p.disability_grade !== null && p.disability_grade <= 2) found.push(['重度残疾人', sp.severeDisabilityFen]);
    if (p.health === 'serious') found.push(['重病患者', sp.seriousIllnessFen]);
    const paid = found.filter(([, v]) => v > 0);
    if (paid.length === 0) continue;
    const amount = rules.stacking === 'sum' ? paid.reduce((a, [, v]) => a + v, 0) : Math.max(...paid.map(([, v]) => v));
    total += amount;
    explain.push(
      `分类施保：${p.name}（${paid.map(([k]) => k).join('、')}）${yuan(amount)}${paid.length > 1 && rules.stacking === 'highest' ? '（就高）' : ''}`,
    );
  }
  return total;
}

/** 临时救助 cap: a multiple of the monthly 低保 standard of the area (setting). */
export function linshiCap(f: Pick<AmountFacts, 'kase' | 'standards' | 'settings' | 'month'>): {
  capFen: number;
  standardMonth: string;
  text: string;
} {
  const s = standardFor(f.standards, 'dibao', f.kase.area, f.month);
  if (!s || s.standardFen === undefined) throw missingStandard(f, 'dibao');
  const mult = f.settings.linshi.maxStandardMultiple;
  const capFen = Math.round((s.standardFen * Math.round(mult * 100)) / 100);
  return {
    capFen,
    standardMonth: s.effectiveMonth,
    text: `${label('area', f.kase.area)}低保月标准 ${yuan(s.standardFen)} × ${mult}`,
  };
}
