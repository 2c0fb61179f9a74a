// Tables of the assistance-case ledger (社会救助台账): people, households and their members (people/), cases with
// their covered members, dated amounts, workflow steps, and the monthly payment rolls (cases/ and periods/).
// This file is the contract the report, import and benchmark code read; see migrations/0002_assistance.ts.

import type { Area, PeopleTables } from '../people';

/** 保障类别. Urban/rural is the separate `area` column. */
export type CaseCategory =
  | 'dibao' // 最低生活保障 (城市/农村 by area; 单人保 = single_person)
  | 'tekun' // 特困人员救助供养 (集中/分散 = support_mode; care_grade)
  | 'bianyuan' // 低保边缘家庭
  | 'linshi' // 临时救助 (one-off grant; linshi_type 急难型/支出型)
  | 'gangxing' // 刚性支出困难家庭
  | 'canji_living' // 困难残疾人生活补贴
  | 'canji_care' // 重度残疾人护理补贴
  | 'guer' // 孤儿 (集中养育/社会散居 = support_mode)
  | 'wurenfuyang'; // 事实无人抚养儿童

// people/ owns these tables; they are re-exported for the code that reads a case with its persons.
export type { Area, HouseholdMembersTable, HouseholdsTable, PeopleTable, SelfCareAssessmentsTable } from '../people';

/**
 * Case status along the workflow. A case is "in payment" in month M when status is 'active' or 'stopped' and
 * start_month <= M < stop_month (stop_month null = open-ended).
 */
export type CaseStatus =
  | 'applied' // 申请/受理
  | 'investigating' // 家庭经济状况调查
  | 'preliminary' // 初审 done, awaiting 公示
  | 'publicizing' // 公示 running
  | 'reviewing' // awaiting 审核确认
  | 'active' // 审核确认 approved, paid from start_month
  | 'rejected' // 不予确认
  | 'withdrawn' // 撤回/终止办理
  | 'stopped'; // 停止 decided (stop_month set; it may lie ahead, e.g. during a 渐退 period — still paid until then)

export interface CasesTable {
  id: string;
  household_id: string;
  /** The person the case is for, where the category is individual (特困, 两项补贴, 孤儿, 单人保 …). */
  person_id: string | null;
  category: CaseCategory;
  area: Area;
  single_person: number; // 单人保
  support_mode: 'centralized' | 'dispersed' | null; // 集中/分散 (特困) · 集中养育/社会散居 (孤儿)
  care_grade: 'full' | 'partial' | 'none' | null; // 特困 照料护理: 全护理/半护理/全自理
  linshi_type: 'emergency' | 'expenditure' | null; // 急难型/支出型
  /** 临时救助: the grant in fen and the month it was paid; monthly cases leave these null. */
  grant_amount_fen: number | null;
  grant_month: string | null;
  advance_aid: number; // 先行救助: paid first, paperwork completed afterwards
  paperwork_done_on: string | null;
  status: CaseStatus;
  case_no: string | null; // 证号
  applied_on: string;
  accepted_on: string | null;
  decided_on: string | null;
  /** First month paid (YYYY-MM): the month after the decision, or the application month for 两项补贴. */
  start_month: string | null;
  /** First month NOT paid (YYYY-MM); null while open-ended. */
  stop_month: string | null;
  stop_reason: string | null;
  /**
   * Current approved monthly amount in fen (= latest case_amounts row); null for 临时救助 and unapproved cases.
   * 临时救助 after approval: status 'active', grant_amount_fen + grant_month set, start/stop_month null; it is never
   * on the monthly payment roll (one-off grant; reserve_paid = paid from the township's 备用金).
   */
  monthly_amount_fen: number | null;
  /** 近亲属备案: applicant is a close relative of staff or a 村(居)委 member. */
  kin_of_staff: number;
  kin_note: string | null;
  recheck_cycle: 'yearly' | 'half_yearly' | 'quarterly' | null;
  next_recheck_on: string | null;
  /** 渐退: last month of the taper period, at most 6 months (stop_month is then the month after). */
  taper_until_month: string | null;
  /** 低保 分档: the band code chosen from the standard's bands when the standard pays by band; null for 差额. */
  band: string | null;
  /** 特殊情况: the overall limit is the longer one (45 working days instead of 30). */
  special_case: number;
  /** 临时救助 paid from the township's 备用金 (小额/先行救助); the balance setting was reduced by the grant. */
  reserve_paid: number;
  /**
   * The pending workflow task and the date it is due (working days from the settings, computed when the previous
   * step was recorded): 'investigate' | 'preliminary' | 'publicize' | 'end_publicity' | 'approve' | 'paperwork'.
   * Null when nothing is pending (active, stopped, rejected, withdrawn).
   */
  due_task: string | null;
  due_on: string | null;
  /** Overall limit from acceptance to the decision (30/45 working days, 特困 15+15 …); null once decided. */
  overall_due_on: string | null;
  /** The import batch (exchange/batches.ts) this case waits in for a reviewer's confirmation; null once decided. */
  pending_batch_id: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  version: number;
}

/** Who a case covers, by month: persons in M = rows with start_month <= M < coalesce(stop_month, ∞). */
export interface CaseMembersTable {
  id: string;
  case_id: string;
  person_id: string;
  start_month: string;
  stop_month: string | null;
  created_at: string;
}

/**
 * Dated amounts: the amount for month M is the row with the greatest effective_month <= M.
 * base_fen = 低保金/基本生活费/补贴; supplement_fen = 分类施保/照料护理补贴/其他.
 */
export interface CaseAmountsTable {
  id: string;
  case_id: string;
  effective_month: string;
  amount_fen: number;
  base_fen: number;
  supplement_fen: number;
  kind: 'initial' | 'increase' | 'decrease' | 'taper' | 'standard' | 'correction';
  reason: string | null;
  created_by: string;
  created_at: string;
}

/** Workflow steps with dates and the person who acted; `detail` is JSON (investigators, 核对 result, 公示 dates …). */
export interface CaseStepsTable {
  id: string;
  case_id: string;
  step: string;
  on_date: string;
  actor_id: string | null;
  actor_name: string;
  detail: string | null;
  created_at: string;
}

export interface PaymentRollsTable {
  id: string;
  month: string;
  status: 'draft' | 'confirmed';
  line_count: number;
  total_fen: number;
  generated_at: string;
  generated_by: string;
  confirmed_at: string | null;
  confirmed_by: string | null;
  version: number;
  updated_at: string;
}

export interface PaymentRollLinesTable {
  id: string;
  roll_id: string;
  case_id: string;
  household_id: string;
  person_id: string | null;
  village_id: string;
  category: CaseCategory;
  area: Area;
  persons: number;
  amount_fen: number;
  base_fen: number;
  supplement_fen: number;
  payee_name: string;
  bank_account: string | null;
}

export interface AssistanceTables extends PeopleTables {
  cases: CasesTable;
  case_members: CaseMembersTable;
  case_amounts: CaseAmountsTable;
  case_steps: CaseStepsTable;
  payment_rolls: PaymentRollsTable;
  payment_roll_lines: PaymentRollLinesTable;
}
