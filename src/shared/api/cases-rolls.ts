// The cases slice's methods: settings, standards, 备用金 and the payment roll (part of casesApi in cases.ts).
import { z } from 'zod';
import { method } from './contract';
import { category, deadlineInput, lockReason, paging, reason, standardInput } from './cases-fields';
import type {
  CaseSettings,
  PrintableRoll,
  RollConfirmPreview,
  RollDiff,
  RollLineView,
  RollView,
  StandardEntry,
  StandardProposal,
} from './cases-rolls-views';
import { fen, id, month, type Page, version } from './fields';

export const caseRollMethods = {
  // ----- settings, standards, 备用金 -----
  'caseSettings.get': method<CaseSettings & { version: number }>()({ input: z.object({}), access: 'clerk' }),
  'caseSettings.put': method<CaseSettings & { version: number }>()({
    input: z.object({
      version: z.number().int().min(0),
      deadlines: z.partialRecord(category, deadlineInput).optional(),
      recheck: z.partialRecord(category, z.enum(['yearly', 'half_yearly', 'quarterly']).nullable()).optional(),
      supplementRules: z
        .object({
          elderlyAge: z.number().int().min(50).max(100),
          minorAge: z.number().int().min(1).max(25),
          stacking: z.enum(['highest', 'sum']),
        })
        .optional(),
      bianyuanMultiple: z.number().min(1).max(5).optional(),
      taperMaxMonths: z.number().int().min(1).max(12).optional(),
      deathRecheckMonths: z.number().int().min(1).max(12).optional(),
      gangxingValidityMonths: z.number().int().min(1).max(36).optional(),
      linshi: z.object({ smallLimitFen: fen('小额上限'), maxStandardMultiple: z.number().min(0).max(100) }).optional(),
      canjiCareMentalExtension: z.boolean().optional(),
    }),
    access: 'reviewer',
    write: true,
  }),
  'standards.list': method<StandardEntry[]>()({
    input: z.object({ category: category.optional() }),
    access: 'clerk',
  }),
  /** Adds a dated standard (per category and area, effective from a month). Never rewrites approved amounts. */
  'standards.put': method<StandardEntry>()({ input: standardInput, access: 'reviewer', write: true }),
  /** Cases whose amount the standard in force for `month` would change (nothing is written). */
  'standards.propose': method<StandardProposal[]>()({
    input: z.object({ month: month('月份'), category: category.optional() }),
    access: 'clerk',
  }),
  /** Confirms proposals: each becomes a case_amounts row (kind 'standard') effective in `month`. */
  'standards.confirm': method<{ confirmed: number }>()({
    input: z.object({
      month: month('月份'),
      items: z.array(z.object({ caseId: id, caseVersion: version })).min(1, '请选择要调整的对象'),
      lockReason,
    }),
    access: 'clerk',
    write: true,
  }),
  /** 临时救助备用金 balance. */
  'reserve.get': method<{ balanceFen: number; version: number }>()({ input: z.object({}), access: 'clerk' }),
  'reserve.topUp': method<{ balanceFen: number; version: number }>()({
    input: z.object({
      version: z.number().int().min(0),
      amountFen: fen('拨付金额').min(1, '拨付金额应大于 0'),
      reason,
    }),
    access: 'reviewer',
    write: true,
  }),

  // ----- payment roll -----
  'rolls.list': method<RollView[]>()({ input: z.object({}), access: 'clerk' }),
  /** Builds (or rebuilds, while a draft) the roll for a month from the cases in payment that month. */
  'rolls.generate': method<RollView & { diff: RollDiff }>()({
    input: z.object({ month: month('月份'), lockReason }),
    access: 'clerk',
    write: true,
  }),
  'rolls.get': method<RollView & { diff: RollDiff }>()({ input: z.object({ month: month('月份') }), access: 'clerk' }),
  'rolls.lines': method<Page<RollLineView>>()({
    input: z.object({
      month: month('月份'),
      villageId: z.string().optional(),
      category: category.optional(),
      ...paging,
    }),
    access: 'clerk',
  }),
  /** The confirmation dialog's facts: totals, the difference from last month, earlier months not confirmed. */
  'rolls.confirmPreview': method<RollConfirmPreview>()({
    input: z.object({ month: month('月份') }),
    access: 'reviewer',
  }),
  /**
   * A reviewer other than the generator confirms; the roll is then locked. When an earlier month's roll is missing
   * or a draft, acknowledgeEarlier must be true (the reviewer saw the warning).
   */
  'rolls.confirm': method<RollView>()({
    input: z.object({ month: month('月份'), version, acknowledgeEarlier: z.boolean().optional() }),
    access: 'reviewer',
    write: true,
  }),
  /** Bank file (UTF-8 with BOM CSV) of a confirmed roll; the export is journalled and kept beside the ledger. */
  'rolls.exportBank': method<{ fileName: string; path: string; content: string; lines: number; totalFen: number }>()({
    input: z.object({
      month: month('月份'),
      includeIdNumbers: z.boolean().optional(),
      /** Required (2+ characters) with includeIdNumbers: the purpose, journalled and written on the file. */
      reason: z.string().trim().max(200, '用途不能超过 200 字').optional(),
    }),
    access: 'reviewer',
    write: true,
  }),
  /** The printable roll, grouped by village (ID numbers masked). */
  'rolls.printable': method<PrintableRoll>()({
    input: z.object({ month: month('月份'), villageId: z.string().optional() }),
    access: 'clerk',
  }),
};
