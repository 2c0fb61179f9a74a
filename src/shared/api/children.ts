// Contract slice: 儿童福利 — the register of 孤儿, 事实无人抚养儿童, 困境儿童 and 农村留守儿童 (一人一档), their guardian,
// payee and entrusted carer, visits, the township's 儿童主任 / 儿童督导员, the worklist and the month's figures.
import { z } from 'zod';
import { method } from './contract';
import { date, month, optText, paging, type VisitedPersonSummary } from './fields';

export const CHILD_CATEGORY_VALUES = [
  'orphan',
  'de_facto',
  'difficulty_illness',
  'difficulty_disability',
  'difficulty_poverty',
  'difficulty_guardianship',
  'left_behind',
] as const;
export type ChildCategoryValue = (typeof CHILD_CATEGORY_VALUES)[number];

export const PARENT_STATUS_VALUES = [
  'present',
  'dead',
  'missing',
  'imprisoned',
  'severe_disability',
  'severe_illness',
  'working_away',
  'unknown',
] as const;

const childFields = {
  name: z.string().trim().min(1, '请填写姓名').max(40, '姓名过长'),
  idNumber: z.string().trim().min(1, '请填写身份证号码'),
  villageId: z.string().min(1, '请选择村(社区)'),
  address: optText(200),
  categories: z.array(z.enum(CHILD_CATEGORY_VALUES)).min(1, '请至少选择一个儿童类别'),
  fatherStatus: z.enum(PARENT_STATUS_VALUES, { message: '请选择父亲情况' }),
  motherStatus: z.enum(PARENT_STATUS_VALUES, { message: '请选择母亲情况' }),
  placement: z.enum(['family', 'institution', 'foster']).nullable().optional(),
  school: optText(100),
  health: optText(200),
  guardianName: optText(40),
  guardianRelation: optText(20),
  guardianPhone: optText(30),
  payeeName: optText(40),
  payeeRelation: optText(20),
  /** Omitted = unchanged (views carry it masked); null clears it. */
  payeeAccount: z.string().trim().max(40).nullable().optional(),
  carerName: optText(40),
  carerRelation: optText(20),
  carerPhone: optText(30),
  entrustedOn: date('委托照护日期').nullable().optional(),
  remark: optText(500),
};

export interface ChildSummary extends VisitedPersonSummary {
  categories: ChildCategoryValue[];
  /**
   * The year the child leaves the register by age (18; 16 for 留守 only). Only the year: the exact day is a birthday,
   * and beside the masked ID number it would give the number back (docs/DATA-SAFETY.md).
   */
  agesOutYear: number;
}

export interface ChildVisitView {
  id: string;
  visitedOn: string;
  way: 'home' | 'school' | 'phone' | 'video';
  visitor: string;
  findings: string;
  problems: string | null;
  referral: string | null;
  forcedReport: boolean;
  voided: boolean;
  voidReason: string | null;
  version: number;
}

export interface ChildBenefitView {
  caseId: string;
  category: string;
  status: string;
  amountFen: number | null;
}

/** 一人一档: everything about one child on one page. */
export interface ChildView extends ChildSummary {
  personId: string | null;
  householdId: string | null;
  address: string | null;
  fatherStatus: (typeof PARENT_STATUS_VALUES)[number];
  motherStatus: (typeof PARENT_STATUS_VALUES)[number];
  placement: 'family' | 'institution' | 'foster' | null;
  school: string | null;
  health: string | null;
  guardianName: string | null;
  guardianRelation: string | null;
  guardianPhone: string | null;
  payeeName: string | null;
  payeeRelation: string | null;
  payeeAccountMasked: string | null;
  carerName: string | null;
  carerRelation: string | null;
  carerPhone: string | null;
  entrustedOn: string | null;
  registeredOn: string;
  endedOn: string | null;
  endReason: string | null;
  remark: string | null;
  /** Benefits the child holds in the case ledger (孤儿/事实无人抚养 subsidies, 低保 …). */
  benefits: ChildBenefitView[];
  visits: ChildVisitView[];
  /** The village's 儿童主任, if one is named. */
  director: string | null;
}

export interface ChildWorkerView {
  id: string;
  role: 'director' | 'supervisor';
  villageId: string | null;
  villageName: string | null;
  name: string;
  phone: string | null;
  startedOn: string;
  endedOn: string | null;
  version: number;
}

export interface ChildWorkItem {
  kind: 'visit_due' | 'visit_overdue' | 'ages_out' | 'no_director' | 'no_supervisor' | 'no_guardian';
  childId: string | null;
  villageId: string | null;
  title: string;
  dueOn: string | null;
}

export interface ChildVisitPlanView {
  plan: Record<ChildCategoryValue, number>;
  version: number | null;
}

export interface ChildFigureRow {
  villageId: string | null;
  villageName: string;
  /** Counts of active children at the month's end, per category. */
  counts: Record<ChildCategoryValue, number>;
  /** Children counted once (a child may be in several categories). */
  children: number;
  visitsDue: number;
  visitsDone: number;
}

export interface ChildFigures {
  month: string;
  rows: ChildFigureRow[];
  total: ChildFigureRow;
  /** 孤儿 集中养育 / 社会散居 (the statistical split). */
  orphansCentralized: number;
  orphansDispersed: number;
}

export const childrenApi = {
  'children.list': method<{ rows: ChildSummary[]; total: number }>()({
    input: z.object({
      q: z.string().trim().max(40).optional(),
      villageId: z.string().optional(),
      category: z.enum(CHILD_CATEGORY_VALUES).optional(),
      status: z.enum(['active', 'ended']).default('active'),
      due: z.boolean().optional(),
      ...paging(),
    }),
    access: 'clerk',
  }),
  'children.get': method<ChildView>()({ input: z.object({ id: z.string() }), access: 'clerk' }),
  'children.register': method<ChildView>()({
    input: z.object({ ...childFields, registeredOn: date('登记日期') }),
    access: 'clerk',
    write: true,
  }),
  /** The ID number is not retyped: views carry it masked, and a wrong number means a new file (end this one). */
  'children.update': method<ChildView>()({
    input: z.object({ id: z.string(), version: z.number().int(), ...childFields, idNumber: z.undefined().optional() }),
    access: 'clerk',
    write: true,
  }),
  'children.end': method<ChildView>()({
    input: z.object({
      id: z.string(),
      version: z.number().int(),
      endedOn: date('结束日期'),
      reason: z.string().trim().min(2, '请填写原因（至少 2 个字）').max(200),
    }),
    access: 'clerk',
    write: true,
  }),
  'children.visits.add': method<ChildView>()({
    input: z.object({
      childId: z.string(),
      visitedOn: date('探访日期'),
      way: z.enum(['home', 'school', 'phone', 'video'], { message: '请选择探访方式' }),
      visitor: z.string().trim().min(1, '请填写探访人').max(40),
      findings: z.string().trim().min(2, '请填写探访情况（至少 2 个字）').max(1000),
      problems: optText(500),
      referral: optText(500),
      forcedReport: z.boolean().default(false),
    }),
    access: 'clerk',
    write: true,
  }),
  'children.visits.void': method<ChildView>()({
    input: z.object({
      id: z.string(),
      version: z.number().int(),
      reason: z.string().trim().min(2, '请填写作废原因（至少 2 个字）').max(200),
    }),
    access: 'clerk',
    write: true,
  }),
  'children.workers.list': method<ChildWorkerView[]>()({ input: z.object({}), access: 'clerk' }),
  /** Names the village's 儿童主任 (or the township's 儿童督导员); the one before ends the day before. */
  'children.workers.appoint': method<ChildWorkerView[]>()({
    input: z.object({
      role: z.enum(['director', 'supervisor']),
      villageId: z.string().nullable(),
      name: z.string().trim().min(1, '请填写姓名').max(40),
      phone: optText(30),
      startedOn: date('任职日期'),
    }),
    access: 'reviewer',
    write: true,
  }),
  'children.worklist': method<ChildWorkItem[]>()({ input: z.object({}), access: 'clerk' }),
  /** 探访计划: months between visits per category (national texts say only 定期走访; local rules set it). */
  'children.visitPlan': method<ChildVisitPlanView>()({ input: z.object({}), access: 'clerk' }),
  'children.saveVisitPlan': method<ChildVisitPlanView>()({
    input: z.object({
      plan: z.partialRecord(
        z.enum(CHILD_CATEGORY_VALUES),
        z.number({ message: '请填写间隔月数' }).int('应为整数').min(1, '至少每 1 个月').max(12, '至多每 12 个月'),
      ),
      version: z.number().int().nullable(),
    }),
    access: 'reviewer',
    write: true,
  }),
  'children.figures': method<ChildFigures>()({
    input: z.object({ month: month() }),
    access: 'clerk',
  }),
};
