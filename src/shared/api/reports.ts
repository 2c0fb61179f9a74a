// Contract slice: 月度报表与结账 (monthly figures, report packages, period locking, delivery).
// The definitions of every figure are written in docs/REPORTS.md.
import { z } from 'zod';
import { method } from './contract';
import { date, month, paging, reason } from './fields';
import {
  DIBAO_ATTRIBUTES,
  POVERTY_CAUSES,
  REPORT_CATEGORIES,
  type MonthFigures,
  type TraceResult,
} from './reports-figures';
import type {
  DashboardView,
  DeliveryView,
  DueReportView,
  PackageView,
  PeriodView,
  ReportSettingsView,
} from './reports-views';

export * from './reports-figures';
export * from './reports-views';

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
