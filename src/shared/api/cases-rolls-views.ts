// What the cases slice answers about rules, settings, standards, payment rolls and printouts (the method table is in cases.ts).
import type { AreaValue, Category, RecheckCycle } from './cases-values';

export interface ExclusionRuleView {
  code: string;
  text: string;
}

// ---------- settings & standards ----------

export interface DeadlineSetting {
  /** 受理后开始调查 (working days). */
  investigateDays: number;
  /** 受理后完成调查和初审 (working days). */
  townshipDays: number;
  /** 公示 length; null = no 公示 (事实无人抚养儿童). */
  publicity: { days: number; working: boolean } | null;
  /** 审核确认 after the township's materials (working days). */
  countyDays: number;
  /** 受理到决定 overall (working days), and for 特殊情况. */
  overallDays: number;
  overallSpecialDays: number;
}

export interface CaseSettings {
  deadlines: Record<Category, DeadlineSetting>;
  recheck: Record<Category, RecheckCycle | null>;
  /** 分类施保: who counts as elderly / minor, and whether several supplements add up or the highest applies. */
  supplementRules: { elderlyAge: number; minorAge: number; stacking: 'highest' | 'sum' };
  /** 低保边缘: income below this multiple of the 低保 standard. */
  bianyuanMultiple: number;
  taperMaxMonths: number;
  deathRecheckMonths: number;
  /** 刚性支出困难家庭: validity in months, then re-apply. */
  gangxingValidityMonths: number;
  /** 临时救助: 小额 limit (township approval from 备用金) and the cap as a multiple of the monthly 低保 standard. */
  linshi: { smallLimitFen: number; maxStandardMultiple: number };
  /** 重度残疾人护理补贴 extended to 三、四级 智力/精神 disability. */
  canjiCareMentalExtension: boolean;
}

export interface StandardEntry {
  id: string;
  category: Exclude<Category, 'linshi'>;
  area: AreaValue;
  effectiveMonth: string;
  /** 低保: monthly standard per person. */
  standardFen?: number;
  /** 低保: 差额 (gap) or 分档 (band). */
  method?: 'gap' | 'band';
  bands?: { code: string; label: string; perPersonFen: number }[];
  /** 低保 分类施保 per person per month. */
  supplements?: { elderlyFen: number; minorFen: number; severeDisabilityFen: number; seriousIllnessFen: number };
  /** 特困: 基本生活标准 and 照料护理 by grade. */
  basicFen?: number;
  careFen?: { full: number; partial: number; none: number };
  /** Flat monthly amounts: 边缘/刚性 (per person), 困难残疾人生活补贴, 事实无人抚养儿童. */
  monthlyFen?: number;
  /** 重度残疾人护理补贴 by disability grade. */
  grade1Fen?: number;
  grade2Fen?: number;
  otherFen?: number;
  /** 孤儿: 集中养育 / 社会散居. */
  centralizedFen?: number;
  dispersedFen?: number;
  createdAt: string;
  createdByName: string;
}

export interface StandardProposal {
  caseId: string;
  caseVersion: number;
  householdId: string;
  name: string | null;
  villageName: string;
  category: Category;
  currentFen: number;
  proposedFen: number;
  proposedBaseFen: number;
  proposedSupplementFen: number;
  standardMonth: string;
  explain: string[];
}

// ---------- rolls ----------

export interface RollView {
  id: string;
  month: string;
  status: 'draft' | 'confirmed';
  lineCount: number;
  totalFen: number;
  generatedAt: string;
  generatedByName: string;
  confirmedAt: string | null;
  confirmedByName: string | null;
  byCategory: { category: Category; area: AreaValue; lines: number; persons: number; totalFen: number }[];
  version: number;
}

export interface RollDiff {
  /** What the comparison is against: the previous month's confirmed roll, or (if none) its computation. */
  previousSource: 'confirmed_roll' | 'draft_roll' | 'computed';
  added: RollDiffRow[];
  removed: RollDiffRow[];
  changed: RollDiffRow[];
}

/** A month (up to the one asked about) whose payment roll is not confirmed: never generated, or still a draft. */
export interface RollGap {
  month: string;
  status: 'missing' | 'draft';
}

/** What the reviewer is shown before confirming a roll (the confirmation dialog), and what stands in the way. */
export interface RollConfirmPreview {
  month: string;
  version: number;
  lineCount: number;
  persons: number;
  totalFen: number;
  previous: { month: string; status: 'confirmed' | 'draft' | 'missing'; lineCount: number; totalFen: number };
  /** totalFen − previous.totalFen (previous = the previous month's roll, or its computation when there is none). */
  differenceFen: number;
  added: number;
  removed: number;
  changed: number;
  /** Earlier months whose roll is missing or still a draft (a warning the reviewer must acknowledge). */
  earlier: RollGap[];
  /** Why the roll cannot be confirmed now (maker-checker, changed since generated, already confirmed). */
  blockers: string[];
}

export interface RollDiffRow {
  caseId: string;
  name: string;
  villageName: string;
  category: Category;
  previousFen: number | null;
  currentFen: number | null;
}

export interface RollLineView {
  caseId: string;
  villageName: string;
  payeeName: string;
  idNumberMasked: string | null;
  category: Category;
  area: AreaValue;
  persons: number;
  amountFen: number;
  baseFen: number;
  supplementFen: number;
  bankAccountMasked: string | null;
}

export interface PrintableRoll {
  township: string;
  month: string;
  status: 'draft' | 'confirmed';
  generatedByName: string;
  confirmedByName: string | null;
  villages: {
    villageName: string;
    lines: (RollLineView & { seq: number })[];
    persons: number;
    totalFen: number;
  }[];
  persons: number;
  totalFen: number;
}

export interface PublicitySheet {
  villageName: string;
  rows: {
    name: string;
    category: Category;
    householdSize: number;
    coveredPersons: number;
    amountFen: number | null;
    /** The case's 公示: first and last day (publicizing sheets only). */
    publicityStartOn: string | null;
    publicityEndsOn: string | null;
  }[];
}

// ---------- inputs reused ----------
