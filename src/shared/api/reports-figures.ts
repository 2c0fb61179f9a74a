// The month's figures as the API hands them over: the summary rows, year to date, the 临时救助 split, the 特困 and
// county 低保 tables, the checks, and the records behind one figure (the trace). Definitions: docs/REPORTS.md.

/** Row codes of summary.json (stable: add codes for new rows, never rename these). */
export const REPORT_CATEGORIES = [
  'dibao',
  'tekun_centralized',
  'tekun_dispersed',
  'linshi',
  'bianyuan',
  'gangxing',
  'canji_living',
  'canji_care',
  'guer_centralized',
  'guer_dispersed',
  'wurenfuyang',
] as const;
export type ReportCategory = (typeof REPORT_CATEGORIES)[number];
export type ReportArea = 'urban' | 'rural';

/** One row of summary.json, exactly in this shape. For linshi, households = 人次. */
export interface SummaryRow {
  category: ReportCategory;
  area: ReportArea;
  households: number;
  persons: number;
  newHouseholds: number;
  newPersons: number;
  exitHouseholds: number;
  exitPersons: number;
  amountFen: number;
}

/** A summary row with what the workbook and the checks need besides (cases in payment, amount split). */
export interface FigureRow extends SummaryRow {
  cases: number;
  baseFen: number;
  supplementFen: number;
}

/** Year-to-date sums (January..month) of the per-month figures. */
export interface YtdRow {
  category: ReportCategory;
  area: ReportArea;
  newHouseholds: number;
  newPersons: number;
  exitHouseholds: number;
  exitPersons: number;
  amountFen: number;
  baseFen: number;
  supplementFen: number;
}

export interface LinshiFigure {
  area: ReportArea;
  type: 'emergency' | 'expenditure' | 'unknown';
  /** Grants (户次). */
  times: number;
  /** Distinct persons covered by the month's grants. */
  persons: number;
  /** 救助人次 as the national forms count it: Σ over grants of the persons each grant covers (added later). */
  personTimes: number;
  amountFen: number;
  ytdTimes: number;
  ytdPersonTimes: number;
  ytdAmountFen: number;
}

/**
 * 特困 persons (cases) by 供养方式, area and 照料护理 grade: full = 一档 (完全丧失生活自理能力, 全护理), partial = 二档
 * (部分丧失, 半护理), none = 三档 (具备, 全自理), unknown = 未评定.
 */
export interface TekunCareFigure {
  mode: 'centralized' | 'dispersed';
  area: ReportArea;
  full: number;
  partial: number;
  none: number;
  unknown: number;
}

/** The provincial 特困人员统计表 for one area (added later): households, person categories, standards. */
export interface TekunAreaFigure {
  area: ReportArea;
  households: number;
  persons: number;
  centralized: number;
  dispersed: number;
  women: number;
  elderly: number;
  /** 未满16周岁的未成年人（不含孤儿）. */
  under16: number;
  disabled: number;
  grade1: number;
  grade2: number;
  grade3: number;
  ungraded: number;
  /** 当月支出: 基本生活费 (base) + 照料护理费 (care) + 临时补助 (the ledger keeps none: 0). */
  monthBaseFen: number;
  monthCareFen: number;
  monthTemporaryFen: number;
  monthFen: number;
  ytdFen: number;
  /** 供养标准 in force (元/人·月 in fen), null when no standard is recorded. */
  standard: { basicFen: number; grade1Fen: number; grade2Fen: number; grade3Fen: number } | null;
}

/** 劳动能力 in the four categories of the county form; 无 = under 18 or 60 and over. Σ = 人数. */
export interface LabourFour {
  able: number;
  partial: number;
  none: number;
  notWorkingAge: number;
}

export const POVERTY_CAUSES = ['illness', 'disability', 'education', 'disaster', 'no_labour', 'other'] as const;
export type PovertyCause = (typeof POVERTY_CAUSES)[number];

/** One row of the county 低保 table (城市/农村居民最低生活保障统计表). */
export interface DibaoTableRow {
  villageId: string | null; // null for the 合计 row
  villageName: string;
  households: number;
  persons: number;
  women: number;
  elderly: number;
  minors: number;
  disabled: number;
  labourPartial: number;
  labourNone: number;
  causes: Record<PovertyCause, number>;
  newHouseholds: number;
  newPersons: number;
  exitHouseholds: number;
  exitPersons: number;
  ytdFen: number;
  ytdBaseFen: number;
  ytdSupplementFen: number;
  monthFen: number;
  monthBaseFen: number;
  monthSupplementFen: number;
  /** 当月人均补助额 in fen (monthFen / persons, rounded half up); 0 when no persons. Kept for summary.json. */
  perCapitaFen: number;
  /** Added later: the county form's 劳动能力 (four categories, Σ = persons). */
  labour: LabourFour;
  /** Added later: 致贫原因 counted per person (each person under the household's cause); persons ≤ Σ. */
  personCauses: Record<PovertyCause, number>;
  /** Added later: the form's 物价补贴 and 高龄补贴 columns; the ledger keeps no such component (always 0). */
  monthPriceFen: number;
  monthAgedFen: number;
  ytdPriceFen: number;
  ytdAgedFen: number;
  /** Added later: 当月人均补助额 as the county form defines it: 当月低保金 ÷ 人数 (fen, half up). */
  perCapitaBaseFen: number;
}

export interface DibaoTable {
  area: ReportArea;
  villages: DibaoTableRow[];
  /** Computed by its own queries (not by adding the villages), so the cross-check means something. */
  total: DibaoTableRow;
}

export interface ReportCheck {
  code: string;
  name: string;
  ok: boolean;
  message: string;
}

export interface RollState {
  status: 'draft' | 'confirmed';
  totalFen: number;
  lineCount: number;
}

/** Extra figures from the other ledgers (present when those ledgers exist). */
export interface ExtraFigureSection {
  title: string;
  rows: { label: string; value: number; unit: string; group?: string }[];
  /** Added later: the sheet's title as a form, and notes printed under it (e.g. what the ledger does not record). */
  formTitle?: string;
  notes?: string[];
}

export interface MonthFigures {
  township: { code: string; name: string };
  month: string;
  /** 'roll' = amounts from the month's confirmed payment roll; 'draft' = computed from the cases (草稿). */
  amountsSource: 'roll' | 'draft';
  roll: RollState | null;
  rows: FigureRow[];
  ytd: YtdRow[];
  linshi: LinshiFigure[];
  tekunCare: TekunCareFigure[];
  dibaoTables: DibaoTable[];
  extras: ExtraFigureSection[];
  checks: ReportCheck[];
  /** Added later: the provincial 特困 table, one entry per area. */
  tekun: TekunAreaFigure[];
  /** Added later: 低保标准 in force (元/人·月 in fen) by area; null when none recorded. */
  dibaoStandardFen: Record<ReportArea, number | null>;
  /** Added later: 社会救助支出 as the national forms define it (低保 + 特困 + 临时救助), month and year to date. */
  socialAssistanceFen: number;
  socialAssistanceYtdFen: number;
}

export type TraceMeasure =
  'households' | 'persons' | 'newHouseholds' | 'newPersons' | 'exitHouseholds' | 'exitPersons' | 'amount';

export const DIBAO_ATTRIBUTES = [
  'women',
  'elderly',
  'minors',
  'disabled',
  'labourPartial',
  'labourNone',
  // The county form's four 劳动能力 categories (无 = under 18 or 60 and over).
  'labour4Able',
  'labour4Partial',
  'labour4None',
  'labour4Age',
] as const;
export type DibaoAttribute = (typeof DIBAO_ATTRIBUTES)[number];

export interface TraceCaseRow {
  caseId: string;
  caseNo: string | null;
  category: ReportCategory;
  area: ReportArea;
  villageName: string;
  headName: string;
  headId: string; // masked
  persons: number;
  amountFen: number | null;
  startMonth: string | null;
  stopMonth: string | null;
}

export interface TracePersonRow {
  personId: string;
  name: string;
  idNumber: string; // masked
  sex: 'M' | 'F' | null;
  /** Year of birth only ('' when unknown): a full date beside the masked number would give it back. */
  birthYear: string;
  caseNo: string | null;
  villageName: string;
}

/** The clerk's narrowing of a figure's records in the drill-down: one village, a name or an ID number's tail. */
export interface TraceFilter {
  villageId?: string | undefined;
  search?: string | undefined;
}

export type TraceResult =
  | { kind: 'cases'; rows: TraceCaseRow[]; total: number; sumFen: number | null }
  | { kind: 'persons'; rows: TracePersonRow[]; total: number };
