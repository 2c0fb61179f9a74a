// Contract slice: 主动发现 (leads found by the documented rule set, run daily and on demand) and 低收入人口动态监测
// (the monitoring list: review cycles, warning signals, visits and outcomes).
import { z } from 'zod';
import { method } from './contract';
import { date, id, month, paging, reason, version } from './fields';

const optText = (max: number) => z.string().trim().max(max, `不能超过 ${max} 个字`).nullish();

export const discoveryRules = [
  'care_subsidy_missing',
  'living_subsidy_missing',
  'orphan_unprotected',
  'elderly_alone_unregistered',
  'stopped_not_monitored',
  'tekun_no_assessment',
] as const;
export type DiscoveryRuleValue = (typeof discoveryRules)[number];

export interface LeadView {
  id: string;
  rule: DiscoveryRuleValue;
  ruleText: string;
  personId: string | null;
  personName: string | null;
  householdId: string | null;
  headName: string | null;
  villageName: string | null;
  facts: Record<string, unknown>;
  foundOn: string;
  status: 'open' | 'accepted' | 'dismissed';
  /** What accepting started: a case (application), an elderly register entry or a monitoring entry. */
  outcomeRef: { kind: 'case' | 'elderly' | 'monitoring' | 'assessment'; id: string | null } | null;
  reason: string | null;
  decidedByName: string | null;
  decidedOn: string | null;
  version: number;
}

export const monitoringGroups = ['bianyuan', 'gangxing', 'tapered', 'stopped', 'lead', 'other'] as const;
export type MonitoringGroupValue = (typeof monitoringGroups)[number];
export const MONITORING_GROUP_LABELS: Record<MonitoringGroupValue, string> = {
  bianyuan: '低保边缘家庭',
  gangxing: '刚性支出困难家庭',
  tapered: '渐退家庭',
  stopped: '停保家庭',
  lead: '主动发现',
  other: '其他困难家庭',
};
export const monitoringPaths = ['deliver', 'refer', 'coordinate', 'end'] as const;
export const MONITORING_PATH_LABELS: Record<(typeof monitoringPaths)[number], string> = {
  deliver: '落实遗漏政策',
  refer: '推送相关部门',
  coordinate: '提交县级协调机制“一事一议”',
  end: '核实不再符合，结束监测',
};

export interface MonitoringSignal {
  kind: 'expenditure_aid' | 'death' | 'disability' | 'income_drop';
  on: string;
  text: string;
}

export interface MonitoringEntryView {
  id: string;
  householdId: string;
  headName: string | null;
  villageName: string | null;
  group: MonitoringGroupValue;
  sourceRef: string | null;
  cycleMonths: number;
  startedOn: string;
  nextReviewOn: string;
  reviewOverdue: boolean;
  status: 'active' | 'ended';
  endedOn: string | null;
  endReason: string | null;
  /** 预警: signals found in the ledger since monitoring started. */
  signals: MonitoringSignal[];
  events: {
    kind: 'warning' | 'visit' | 'review';
    onDate: string;
    signal: string | null;
    path: string | null;
    detail: string | null;
    result: string | null;
  }[];
  version: number;
}

export interface MonitoringCounts {
  active: number;
  byGroup: Record<MonitoringGroupValue, number>;
  reviewsOverdue: number;
  withSignals: number;
  visitsInMonth: number;
  reviewsInMonth: number;
  startedInMonth: number;
  endedInMonth: number;
}

export const discoveryApi = {
  /** Runs the rule set now (the scheduler also runs it daily); new leads only for subjects not seen before. */
  'discovery.run': method<{ found: number; added: number }>()({ input: z.object({}), access: 'clerk', write: true }),
  'discovery.leads': method<LeadView[]>()({
    input: z.object({
      status: z.enum(['open', 'accepted', 'dismissed']).optional(),
      rule: z.enum(discoveryRules).optional(),
    }),
    access: 'clerk',
  }),
  /**
   * Accept (starts an application — 护理补贴/生活补贴/孤儿/事实无人抚养 —, a register entry or a monitoring entry) or
   * dismiss with a reason.
   */
  'discovery.decide': method<LeadView>()({
    input: z.object({
      id,
      version,
      decision: z.enum(['accept', 'dismiss'], { message: '请选择受理或排除' }),
      reason: optText(500),
      /** For a child: 孤儿 or 事实无人抚养儿童. */
      category: z.enum(['guer', 'wurenfuyang']).optional(),
      /** For the elderly register: risk level. */
      riskLevel: z.enum(['high', 'key', 'general']).optional(),
    }),
    access: 'clerk',
    write: true,
  }),
  'monitoring.list': method<{ rows: MonitoringEntryView[]; total: number }>()({
    input: z.object({
      status: z.enum(['active', 'ended']).optional(),
      group: z.enum(monitoringGroups).optional(),
      ...paging(200, 50),
    }),
    access: 'clerk',
  }),
  'monitoring.add': method<MonitoringEntryView>()({
    input: z.object({
      householdId: id,
      group: z.enum(monitoringGroups, { message: '请选择监测类别' }),
      cycleMonths: z.number().int().min(1, '监测周期至少 1 个月').max(12, '监测周期不超过 12 个月').optional(),
      startedOn: date('纳入监测日期'),
      sourceRef: optText(300),
    }),
    access: 'clerk',
    write: true,
  }),
  /** A visit, a review (moves the next review date one cycle on) or a warning handled by one of the four paths. */
  'monitoring.record': method<MonitoringEntryView>()({
    input: z.object({
      id,
      version,
      kind: z.enum(['warning', 'visit', 'review'], { message: '请选择记录类型' }),
      onDate: date('日期'),
      signal: optText(200),
      path: z.enum(monitoringPaths).nullish(),
      detail: z.string().trim().min(2, '请填写情况').max(1000, '不能超过 1000 个字'),
      result: optText(500),
    }),
    access: 'clerk',
    write: true,
  }),
  'monitoring.end': method<MonitoringEntryView>()({
    input: z.object({
      id,
      version,
      endedOn: date('结束日期'),
      reason: reason(),
    }),
    access: 'clerk',
    write: true,
  }),
  'monitoring.counts': method<MonitoringCounts>()({
    input: z.object({ month: month() }),
    access: 'clerk',
  }),
};
