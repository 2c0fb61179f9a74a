// Contract slice: life events that reach the money — a member added to or removed from a paying case (with the
// amount it proposes to a reviewer), deaths (source, stop, overpayment, 惠民殡葬, new head) and the recovery of
// overpayments (追回登记). Settings: when a change takes effect.
import { z } from 'zod';
import { method } from './contract';
import { date, fen, id, reason as reasonField, version } from './fields';

const optText = (max: number) => z.string().trim().max(max, `不能超过 ${max} 个字`).nullish();
const reason = reasonField();

export const memberAddEvents = ['birth', 'adoption', 'marriage', 'return', 'other'] as const;
export const memberRemoveEvents = [
  'death',
  'move_out',
  'split',
  'prison',
  'rehab',
  'missing',
  'military',
  'other',
] as const;
export const memberEvents = [...new Set([...memberAddEvents, ...memberRemoveEvents])] as const;
export type MemberEventValue = (typeof memberEvents)[number];

export const MEMBER_EVENT_LABELS: Record<MemberEventValue, string> = {
  birth: '出生',
  adoption: '收养',
  marriage: '结婚迁入',
  return: '回户（刑满释放、退役、返乡等）',
  death: '死亡',
  move_out: '迁出',
  split: '分户',
  prison: '服刑',
  rehab: '强制隔离戒毒',
  missing: '宣告失踪',
  military: '入伍（义务兵）',
  other: '其他',
};

export const deathSources = ['family', 'funeral', 'police', 'visit', 'compare'] as const;
export type DeathSourceValue = (typeof deathSources)[number];
export const DEATH_SOURCE_LABELS: Record<DeathSourceValue, string> = {
  family: '家属报告',
  funeral: '殡葬（火化）名单',
  police: '公安户籍注销名单',
  visit: '走访发现',
  compare: '数据比对',
};

export const OVERPAYMENT_STATUS_LABELS = {
  pending: '待追回',
  recovered: '已追回',
  partial: '部分追回',
  unrecoverable: '无法追回',
  written_off: '核销',
} as const;
export type OverpaymentStatusValue = keyof typeof OVERPAYMENT_STATUS_LABELS;
export const RECOVERY_METHOD_LABELS = { refund: '退回', funeral_offset: '抵扣丧葬费' } as const;

export interface LifeSettings {
  /** A member's change counts from the month after the event (default) or from the event's month. */
  memberChangeFrom: 'next_month' | 'event_month';
  /** 自死亡次月起停发 (default) or from the death month itself. */
  deathStopFrom: 'next_month' | 'death_month';
  /** 惠民殡葬: recorded for recipients of these categories, up to this amount (0 = no limit). */
  funeralRelief: { enabled: boolean; maxFen: number; categories: string[] };
  /** 数据比对: working days a hit may stay unchecked (待核查 deadline). */
  compareDeadlineDays: number;
  version: number;
}

export interface MemberChangeView {
  id: string;
  caseId: string;
  caseNo: string | null;
  category: string;
  householdId: string;
  headName: string | null;
  personId: string;
  personName: string;
  kind: 'add' | 'remove';
  event: MemberEventValue;
  eventOn: string;
  reportedOn: string;
  /** Reported more than 3 months after the event (S-兜底 §5(5)). */
  lateReport: boolean;
  effectiveMonth: string;
  personsBefore: number;
  personsAfter: number;
  amountBeforeFen: number;
  proposedFen: number;
  explain: string | null;
  note: string | null;
  status: 'proposed' | 'confirmed' | 'rejected';
  decidedByName: string | null;
  decidedOn: string | null;
  decidedFen: number | null;
  decisionNote: string | null;
  version: number;
}

export interface OverpaymentView {
  id: string;
  caseId: string;
  category: string;
  personId: string;
  personName: string;
  diedOn: string | null;
  firstMonth: string;
  lastMonth: string;
  months: { month: string; paidFen: number; dueFen: number; overFen: number }[];
  amountFen: number;
  recoveredFen: number;
  writtenOffFen: number;
  outstandingFen: number;
  status: OverpaymentStatusValue;
  reason: string | null;
  recoveries: {
    onDate: string;
    kind: 'recovery' | 'unrecoverable' | 'write_off';
    method: 'refund' | 'funeral_offset' | null;
    amountFen: number;
    note: string | null;
    byName: string;
  }[];
  version: number;
}

export interface DeathResult {
  deathId: string;
  /** Cases that covered the person (their coverage ends). */
  affectedCaseIds: string[];
  /** Cases stopped by themselves (reason 死亡): the person was the last one covered. */
  stoppedCaseIds: string[];
  /** Amount proposals for the reviewer (cases that go on with fewer persons). */
  proposalIds: string[];
  overpayments: { id: string; caseId: string; amountFen: number; months: string[] }[];
  /** Draft rolls regenerated without the person. */
  regeneratedRolls: string[];
  newHeadPersonId: string | null;
  /** The remaining household's re-check deadline (null when no one remains). */
  recheckDueOn: string | null;
}

export interface DeathView {
  id: string;
  personId: string;
  name: string;
  idMasked: string;
  diedOn: string;
  source: DeathSourceValue;
  sourceRef: string | null;
  reportedOn: string;
  recheckDueOn: string | null;
  funeralHandler: string | null;
  funeralFeeFen: number | null;
  reliefFen: number | null;
  reliefNote: string | null;
}

export const deathInput = z.object({
  personId: id,
  version: version.optional(),
  diedOn: date('死亡日期'),
  source: z.enum(deathSources, { message: '请选择死亡信息来源' }),
  sourceRef: optText(300),
  /** Where the head died and others remain: the new head (otherwise the spouse, else the eldest, is chosen). */
  newHeadPersonId: z.string().nullish(),
  funeralHandler: optText(60),
  funeralFeeFen: fen('丧葬费').nullish(),
  reliefFen: fen('惠民殡葬减免金额').nullish(),
  reliefNote: optText(300),
  lockReason: optText(500),
});

export interface HolidayDay {
  date: string;
  kind: 'holiday' | 'workday';
  name: string;
  /** A township's own adjustment rather than the State Council notice. */
  local: boolean;
}

export interface HolidayYear {
  year: number;
  /** The software's national table covers this year. */
  national: boolean;
  /** Days an administrator entered for the year (national notice and local adjustments). */
  days: HolidayDay[];
}

export interface CalendarStatus {
  /** From 1 November: next year's holidays are neither in the national table nor entered. */
  warn: boolean;
  year: number;
  message: string | null;
}

const holidayDay = z.object({
  date: date('日期'),
  kind: z.enum(['holiday', 'workday'], { message: '请选择放假或调休上班' }),
  name: z.string().trim().min(1, '请填写节日或说明').max(40, '不能超过 40 个字'),
  local: z.boolean().default(false),
});

export const lifeEventsApi = {
  /** The working-day calendar of a year: the national table's coverage and the days entered in this ledger. */
  'holidays.get': method<HolidayYear>()({
    input: z.object({ year: z.number().int().min(2000).max(2100) }),
    access: 'clerk',
  }),
  /** Enters (replaces) a year's holidays and 调休 working days, national and local; deadlines use them. */
  'holidays.put': method<HolidayYear>()({
    input: z.object({
      year: z.number().int().min(2000).max(2100),
      days: z.array(holidayDay).max(120, '一年最多录入 120 天'),
    }),
    access: 'admin',
    write: true,
  }),
  'holidays.status': method<CalendarStatus>()({ input: z.object({}), access: 'clerk' }),
  'lifeSettings.get': method<LifeSettings>()({ input: z.object({}), access: 'clerk' }),
  'lifeSettings.put': method<LifeSettings>()({
    input: z.object({
      version,
      memberChangeFrom: z.enum(['next_month', 'event_month']).optional(),
      deathStopFrom: z.enum(['next_month', 'death_month']).optional(),
      funeralRelief: z
        .object({ enabled: z.boolean(), maxFen: fen('惠民殡葬减免上限'), categories: z.array(z.string()).max(20) })
        .optional(),
      compareDeadlineDays: z.number().int().min(1, '至少 1 个工作日').max(60, '不超过 60 个工作日').optional(),
    }),
    access: 'reviewer',
    write: true,
  }),
  /**
   * A member joins (birth, marriage, return …) or leaves (迁出, 分户, 服刑 …) a paying case: coverage changes from
   * the month after the event; the new amount is proposed to a reviewer.
   */
  'members.change': method<MemberChangeView>()({
    input: z.object({
      caseId: id,
      personId: id,
      kind: z.enum(['add', 'remove'], { message: '请选择增加或减少成员' }),
      event: z.enum(memberEvents, { message: '请选择变动事由' }),
      eventOn: date('事件日期'),
      note: optText(500),
      lockReason: optText(500),
    }),
    access: 'clerk',
    write: true,
  }),
  'members.changes': method<MemberChangeView[]>()({
    input: z.object({
      status: z.enum(['proposed', 'confirmed', 'rejected']).optional(),
      caseId: z.string().optional(),
    }),
    access: 'clerk',
  }),
  /** The reviewer confirms the proposed amount (or another, with a reason) as a dated adjustment, or rejects it. */
  'members.decide': method<MemberChangeView>()({
    input: z.object({
      id,
      version,
      decision: z.enum(['confirm', 'reject'], { message: '请选择确认或不同意' }),
      amountFen: fen('调整后金额').optional(),
      note: optText(500),
      lockReason: optText(500),
    }),
    access: 'reviewer',
    write: true,
  }),
  'deaths.record': method<DeathResult>()({ input: deathInput, access: 'clerk', write: true }),
  'deaths.list': method<DeathView[]>()({
    input: z.object({ from: date('起始日期').optional(), to: date('截止日期').optional() }),
    access: 'clerk',
  }),
  'overpayments.list': method<OverpaymentView[]>()({
    input: z.object({ status: z.enum(['pending', 'recovered', 'partial', 'unrecoverable', 'written_off']).optional() }),
    access: 'clerk',
  }),
  /** 追回登记: an amount recovered (退回 or 抵扣丧葬费). */
  'overpayments.recover': method<OverpaymentView>()({
    input: z.object({
      id,
      version,
      onDate: date('追回日期'),
      amountFen: z.number().int('追回金额应为整数（分）').min(1, '追回金额应大于 0'),
      method: z.enum(['refund', 'funeral_offset'], { message: '请选择追回方式' }),
      note: optText(500),
    }),
    access: 'clerk',
    write: true,
  }),
  /** 无法追回 (with the reason) or 核销 (a reviewer's reasoned write-off) of what is outstanding. */
  'overpayments.close': method<OverpaymentView>()({
    input: z.object({
      id,
      version,
      onDate: date('日期'),
      kind: z.enum(['unrecoverable', 'write_off'], { message: '请选择无法追回或核销' }),
      reason,
    }),
    access: 'reviewer',
    write: true,
  }),
};
