// Contract slice: 月度报表与结账 (monthly figures, report packages, period locking, delivery).
// The definitions of every figure are written in docs/REPORTS.md.
import { z } from 'zod';
import { method } from './contract';
import { date, month, paging, reason } from './fields';

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

/** What the monthly schedule found or did for last month's package. */
export interface DueReportView {
  status: 'not_due' | 'due' | 'already_prepared' | 'final' | 'prepared';
  month: string;
  packageId: string | null;
  checksOk: boolean | null;
  message: string;
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

export interface PackageView {
  id: string;
  month: string;
  /** The n-th package built for the month (1, 2, 3 …): what the page calls 第 n 版. */
  buildNo: number;
  /** The 定稿 revision the package belongs to (2+ after a final month was reopened): 修订第 n 版. */
  revision: number;
  status: 'prepared' | 'final' | 'superseded';
  trigger: 'manual' | 'schedule' | 'cli';
  builtAt: string;
  builtBy: string;
  checksOk: boolean;
  checks: ReportCheck[];
  amountsDraft: boolean;
  xlsxFile: string;
  zipFile: string;
  zipSha256: string;
  finalizedAt: string | null;
  finalizedBy: string | null;
  deliveries: DeliveryView[];
  version: number;
}

export interface DeliveryView {
  id: string;
  method: 'upload' | 'folder';
  target: string;
  status: 'ok' | 'failed';
  attempts: number;
  httpStatus: number | null;
  receipt: string | null;
  at: string;
  byName: string;
}

export interface PeriodView {
  month: string;
  status: 'open' | 'final';
  finalRevision: number;
  amended: boolean;
  finalizedAt: string | null;
  finalizedBy: string | null;
  reopenedAt: string | null;
  reopenReason: string | null;
}

export interface ReminderView {
  id: string;
  month: string;
  message: string;
  packageId: string | null;
  createdAt: string;
}

export interface DashboardView {
  month: string;
  period: PeriodView;
  latestPackage: PackageView | null;
  reminders: ReminderView[];
  /** Things due across the ledgers (each line a Chinese sentence, with a count). */
  due: { key: string; label: string; count: number }[];
  /** Main figures per village for the month (低保+特困 households, persons, amount). */
  byVillage: { villageName: string; households: number; persons: number; amountFen: number }[];
  /** Main figures for the twelve months up to `month`. */
  byMonth: { month: string; households: number; persons: number; amountFen: number }[];
}

/** Names printed in the sign-off fields of the forms (报表设置); empty = a blank line to sign by hand. */
export interface ReportSigners {
  /** 单位负责人 (also 领导签批人 of the 低保 table). */
  unitHead: string;
  /** 分管审核人. */
  deputy: string;
  /** 计财部门审核人. */
  finance: string;
}

export interface ReportSettingsView {
  scheduleDay: number;
  uploadUrl: string | null;
  exportFolder: string | null;
  /** Why the municipal format needs full ID numbers; required when fullIdNumbers is on. */
  fullIdPurpose?: string | null;
  fullIdNumbers: boolean;
  /** Money in the workbook: 元 (2 decimals) or 万元 (the forms' decimals). */
  amountUnit: 'yuan' | 'wan';
  /** 表号 printed on the summary sheet (the county's own); empty = none. */
  formNumber: string;
  signers: ReportSigners;
  version: number;
}

const monthSchema = month();
const reasonSchema = reason();
/** One figure (the cell a clerk clicked) and the dialog's filter. */
const traceInput = z.object({
  month: monthSchema,
  category: z.enum(REPORT_CATEGORIES, { message: '未知的报表类别' }).optional(),
  area: z.enum(['urban', 'rural'], { message: '城乡应为城市或农村' }).optional(),
  measure: z.enum(['households', 'persons', 'newHouseholds', 'newPersons', 'exitHouseholds', 'exitPersons', 'amount'], {
    message: '未知的指标',
  }),
  villageId: z.string().optional(),
  attribute: z.enum(DIBAO_ATTRIBUTES).optional(),
  cause: z.enum(POVERTY_CAUSES).optional(),
  linshiType: z.enum(['emergency', 'expenditure', 'unknown']).optional(),
  filter: z
    .object({
      villageId: z.string().optional(),
      search: z.string().trim().max(40, '搜索词不能超过 40 个字').optional(),
    })
    .optional(),
});

export const reportsApi = {
  /** The month's figures, computed from the ledger now (nothing is stored). */
  'reports.figures': method<MonthFigures>()({ input: z.object({ month: monthSchema }), access: 'clerk' }),
  /** The records behind one figure (ID numbers masked), paged; `filter` narrows them (village, name or ID tail). */
  'reports.trace': method<TraceResult>()({ input: traceInput.extend(paging(500, 50)), access: 'clerk' }),
  /**
   * The records behind one figure as the dialog lists them (filter applied), as .xlsx: ID numbers masked, birth year
   * only; journalled like every export.
   */
  'reports.traceExport': method<{ name: string; mime: string; dataBase64: string; rows: number }>()({
    input: traceInput.extend({ title: z.string().trim().min(1, '缺少指标名称').max(120, '指标名称过长') }),
    access: 'clerk',
  }),
  'reports.period': method<PeriodView>()({ input: z.object({ month: monthSchema }), access: 'clerk' }),
  'reports.periods': method<PeriodView[]>()({ input: z.object({}), access: 'clerk' }),
  /** Builds the month's package (workbook + archive) as the next revision; earlier prepared ones are superseded. */
  /** confirmRebuild: the clerk confirmed rebuilding a month whose latest package was already delivered. */
  'reports.build': method<PackageView>()({
    input: z.object({ month: monthSchema, confirmRebuild: z.boolean().optional() }),
    access: 'clerk',
    write: true,
  }),
  'reports.packages': method<PackageView[]>()({
    input: z.object({ month: monthSchema.optional() }),
    access: 'clerk',
  }),
  /** 定稿: only the latest package of an open month, with every check passed and the ledger unchanged since. */
  'reports.finalize': method<PeriodView>()({
    input: z.object({ packageId: z.string().min(1), version: z.number().int() }),
    access: 'reviewer',
    write: true,
  }),
  /** 定时生成, step 1 (read only): is last month's package due on `today`, and if not, why. */
  'reports.due': method<DueReportView>()({ input: z.object({ today: date('日期') }), access: 'clerk' }),
  /** 定时生成, step 2: the scheduler prepares a due month's package and reminds the reviewer to 定稿. */
  'reports.prepareScheduled': method<DueReportView>()({
    input: z.object({ month: monthSchema }),
    access: 'clerk',
    write: true,
  }),
  /** 重新开启: a final month is opened for corrections; the next package is the next revision. */
  'reports.reopen': method<PeriodView>()({
    input: z.object({ month: monthSchema, reason: reasonSchema }),
    access: 'reviewer',
    write: true,
  }),
  /** Sends the package to the municipal address (settings) or saves a copy to the export folder. */
  'reports.deliver': method<DeliveryView>()({
    input: z.object({ packageId: z.string().min(1) }),
    access: 'reviewer',
    write: true,
  }),
  /** A package's workbook or archive, checked against its recorded SHA-256; the download is journalled. */
  'reports.download': method<{ name: string; mime: string; dataBase64: string }>()({
    input: z.object({ packageId: z.string().min(1, '缺少报表包编号'), file: z.enum(['xlsx', 'zip']) }),
    access: 'clerk',
  }),
  /** Without a month: the report month (last month) by the ledger's clock, the same month its due rows name. */
  'reports.dashboard': method<DashboardView>()({
    input: z.object({ month: monthSchema.optional() }),
    access: 'clerk',
  }),
  'reports.reminderDone': method<{ ok: true }>()({
    input: z.object({ id: z.string().min(1) }),
    access: 'reviewer',
    write: true,
  }),
  'reports.settings': method<ReportSettingsView>()({ input: z.object({}), access: 'clerk' }),
  'reports.saveSettings': method<ReportSettingsView>()({
    input: z.object({
      scheduleDay: z.number().int().min(1, '日期应为 1–28').max(28, '日期应为 1–28'),
      uploadUrl: z
        .string()
        .trim()
        .max(500)
        .refine((s) => s === '' || /^https:\/\/[^\s]+$/i.test(s), '上报地址必须以 https:// 开头')
        .nullable(),
      exportFolder: z.string().trim().max(500).nullable(),
      fullIdNumbers: z.boolean(),
      fullIdPurpose: z.string().trim().max(200, '用途不能超过 200 字').nullish(),
      amountUnit: z.enum(['yuan', 'wan'], { message: '金额单位应为元或万元' }).optional(),
      formNumber: z.string().trim().max(40, '表号不能超过 40 字').optional(),
      signers: z
        .object({
          unitHead: z.string().trim().max(20, '姓名不能超过 20 字'),
          deputy: z.string().trim().max(20, '姓名不能超过 20 字'),
          finance: z.string().trim().max(20, '姓名不能超过 20 字'),
        })
        .optional(),
      version: z.number().int(),
    }),
    access: 'admin',
    write: true,
  }),
};
