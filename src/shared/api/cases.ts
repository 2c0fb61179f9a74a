// Contract slice: 社会救助台账 — households and people, cases and their workflow, standards, the worklist and the
// monthly payment roll (发放花名册). Money is integer fen, months 'YYYY-MM', dates 'YYYY-MM-DD' everywhere.
// ID numbers are masked in every output except `people.revealId` (journalled).
// ---------- shared enums ----------
import { z } from 'zod';
import { method } from './contract';
import { area, caseRef, category, lockReason, optText, paging, reason } from './cases-fields';
import type { ExclusionRuleView, PublicitySheet } from './cases-rolls-views';
import type { AmountCalc, CaseDetail, CaseRow, WorkItem } from './cases-views';
import { date, fen, id, month, type Page } from './fields';
import { casePeopleMethods } from './cases-people';
import { caseRollMethods } from './cases-rolls';

export { personInput, type PersonInput } from './cases-fields';
export type { Page } from './fields';

export * from './cases-values';
export * from './cases-views';
export * from './cases-rolls-views';

export const casesApi = {
  ...casePeopleMethods,
  // ----- cases -----
  'cases.list': method<Page<CaseRow>>()({
    input: z.object({
      q: z.string().trim().max(40).optional(),
      villageId: z.string().optional(),
      category: category.optional(),
      status: z
        .enum([
          'applied',
          'investigating',
          'preliminary',
          'publicizing',
          'reviewing',
          'active',
          'rejected',
          'withdrawn',
          'stopped',
        ])
        .optional(),
      inPaymentMonth: month('月份').optional(),
      kinOnly: z.boolean().optional(),
      ...paging,
    }),
    access: 'clerk',
  }),
  'cases.get': method<CaseDetail>()({ input: z.object({ id }), access: 'clerk' }),
  /** 申请/受理: creates the case (exclusion rules checked) and records the application and acceptance. */
  'cases.create': method<CaseDetail>()({
    input: z.object({
      householdId: id,
      category,
      area: area.optional(),
      /** Individual categories (特困, 两项补贴, 孤儿, 事实无人抚养, 单人保): the person. */
      personId: z.string().optional(),
      /** Household categories: the covered members (default: all living members). */
      memberIds: z.array(z.string()).optional(),
      singlePerson: z.boolean().optional(),
      supportMode: z.enum(['centralized', 'dispersed']).optional(),
      careGrade: z.enum(['full', 'partial', 'none']).optional(),
      linshiType: z.enum(['emergency', 'expenditure']).optional(),
      /** 临时救助: requested grant. */
      grantAmountFen: fen('救助金额').optional(),
      advanceAid: z.boolean().optional(),
      band: z.string().trim().max(20).optional(),
      appliedOn: date('申请日期'),
      acceptedOn: date('受理日期').optional(),
      applyReason: optText(500),
      specialCase: z.boolean().optional(),
      kinOfStaff: z.boolean().optional(),
      kinNote: optText(200),
      recheckCycle: z.enum(['yearly', 'half_yearly', 'quarterly']).optional(),
    }),
    access: 'clerk',
    write: true,
  }),
  /** 入户调查 (>= 2 investigators) and the 信息核对 result. */
  'cases.investigate': method<CaseDetail>()({
    input: z.object({
      ...caseRef,
      onDate: date('调查日期'),
      investigators: z.array(z.string().trim().min(1)).min(2, '入户调查至少需要 2 名调查人员'),
      visitNote: optText(2000),
      checkResult: z.enum(['pass', 'fail', 'pending'], { message: '请选择核对结果' }),
      checkNote: optText(1000),
    }),
    access: 'clerk',
    write: true,
  }),
  /** 初审 by the township. */
  'cases.preliminary': method<CaseDetail>()({
    input: z.object({
      ...caseRef,
      onDate: date('初审日期'),
      opinion: z.enum(['agree', 'disagree']),
      note: optText(1000),
    }),
    access: 'clerk',
    write: true,
  }),
  'cases.publicize': method<CaseDetail>()({
    input: z.object({ ...caseRef, startOn: date('公示开始日期'), place: optText(100) }),
    access: 'clerk',
    write: true,
  }),
  /** An objection during 公示: re-investigate, or 民主评议 (with its result). */
  'cases.objection': method<CaseDetail>()({
    input: z.object({
      ...caseRef,
      onDate: date('异议日期'),
      content: z.string().trim().min(1, '请填写异议内容').max(2000),
      resolution: z.enum(['reinvestigate', 'deliberation']),
      deliberation: z
        .object({
          onDate: date('评议日期'),
          participants: z.number().int().min(1),
          result: z.enum(['agree', 'disagree']),
          note: optText(1000),
        })
        .optional(),
    }),
    access: 'clerk',
    write: true,
  }),
  /** 公示期满 (no unresolved objection): to 审核确认. */
  'cases.endPublicity': method<CaseDetail>()({
    input: z.object({ ...caseRef, onDate: date('公示结束日期') }),
    access: 'clerk',
    write: true,
  }),
  /** 审核确认 by a reviewer who did not enter the case. Sets start month and the first amount. */
  'cases.approve': method<CaseDetail>()({
    input: z.object({
      ...caseRef,
      onDate: date('确认日期'),
      caseNo: optText(40),
      /** A lower total than the standard gives (with reason); never higher. */
      amountFen: fen('保障金额').optional(),
      amountReason: optText(500),
      lockReason,
    }),
    access: 'reviewer',
    write: true,
  }),
  'cases.reject': method<CaseDetail>()({
    input: z.object({ ...caseRef, onDate: date('决定日期'), reason }),
    access: 'reviewer',
    write: true,
  }),
  'cases.withdraw': method<CaseDetail>()({
    input: z.object({ ...caseRef, onDate: date('撤回日期'), reason }),
    access: 'clerk',
    write: true,
  }),
  /** 先行救助 (急难型): paid at once from the 备用金; paperwork completed afterwards. */
  'cases.grantAdvance': method<CaseDetail>()({
    input: z.object({ ...caseRef, onDate: date('救助日期'), amountFen: fen('救助金额') }),
    access: 'clerk',
    write: true,
  }),
  'cases.completePaperwork': method<CaseDetail>()({
    input: z.object({
      ...caseRef,
      onDate: date('补办日期'),
      note: z.string().trim().min(1, '请填写补办情况').max(1000),
    }),
    access: 'clerk',
    write: true,
  }),
  /** 复核: records the result and schedules the next re-check. */
  'cases.recheck': method<CaseDetail>()({
    input: z.object({
      ...caseRef,
      onDate: date('复核日期'),
      result: z.enum(['unchanged', 'change', 'stop']),
      note: optText(1000),
    }),
    access: 'clerk',
    write: true,
  }),
  /** 增发/减发/更正: a dated amount row. */
  'cases.changeAmount': method<CaseDetail>()({
    input: z.object({
      ...caseRef,
      effectiveMonth: month('生效月份'),
      kind: z.enum(['increase', 'decrease', 'correction']),
      baseFen: fen('基本保障金'),
      supplementFen: fen('分类施保/护理金'),
      reason,
      lockReason,
    }),
    access: 'reviewer',
    write: true,
  }),
  /** 渐退: keep paying (optionally a lower amount) for at most 6 months, then stop. */
  'cases.taper': method<CaseDetail>()({
    input: z.object({
      ...caseRef,
      fromMonth: month('渐退起始月份'),
      months: z.number().int().min(1, '渐退期至少 1 个月'),
      amountFen: fen('渐退期金额').optional(),
      reason,
      lockReason,
    }),
    access: 'reviewer',
    write: true,
  }),
  /** 停止: the first month not paid, and why. */
  'cases.stop': method<CaseDetail>()({
    input: z.object({ ...caseRef, stopMonth: month('停止月份'), reason, lockReason }),
    access: 'reviewer',
    write: true,
  }),
  /** 无身份证号例外: a reviewer lets a covered person without a checked ID number be paid, with the reason. */
  'cases.idException': method<CaseDetail>()({
    input: z.object({ ...caseRef, personId: z.string().min(1, '请选择保障对象'), reason }),
    access: 'reviewer',
    write: true,
  }),
  'cases.setKin': method<CaseDetail>()({
    input: z.object({ ...caseRef, kinOfStaff: z.boolean(), kinNote: optText(200) }),
    access: 'clerk',
    write: true,
  }),
  /** The amount the standards give for a case in a month, with an explanation (for the approval form). */
  'cases.computeAmount': method<AmountCalc>()({
    input: z.object({ id, month: month('月份').optional() }),
    access: 'clerk',
  }),
  /** 近亲属备案 register: cases marked as close relatives of staff or 村(居)委 members. */
  'cases.kinRegister': method<Page<CaseRow & { kinNote: string | null }>>()({
    input: z.object({ ...paging }),
    access: 'clerk',
  }),
  /** What is due or overdue, and whose turn it is. */
  'cases.worklist': method<WorkItem[]>()({
    input: z.object({
      villageId: z.string().optional(),
      turn: z.enum(['clerk', 'reviewer']).optional(),
      /** Re-checks due within this many calendar days are included (default 30). */
      horizonDays: z.number().int().min(0).max(366).optional(),
    }),
    access: 'clerk',
  }),
  /** The exclusion rules the ledger enforces (for the help panel). */
  'cases.rules': method<ExclusionRuleView[]>()({ input: z.object({}), access: 'clerk' }),
  /** 公示 sheet per village: name, household size, amount — never ID numbers. */
  'cases.publicitySheet': method<PublicitySheet[]>()({
    input: z.object({
      kind: z.enum(['publicizing', 'approved']),
      /** For 'approved': cases decided in this month. */
      month: month('月份').optional(),
      villageId: z.string().optional(),
    }),
    access: 'clerk',
  }),

  ...caseRollMethods,
};
