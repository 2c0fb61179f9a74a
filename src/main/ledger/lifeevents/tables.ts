// Tables of life events (issue 14): member changes on paying cases, deaths, overpayments and their recovery,
// comparisons with other departments' lists, discovery leads, the low-income monitoring list, holidays.
// Created by migrations/0008_lifeevents.ts.
import type { DiscoveryRuleValue, MonitoringGroupValue } from '../../../shared/api/discovery';
import type { MemberEventValue } from '../../../shared/api/lifeevents';
import type { StampedRow } from '../kernel';

/** 出生, 收养, 结婚迁入, 回户 … 死亡, 迁出, 分户, 服刑 …: the contract's list (MEMBER_EVENT_LABELS names them). */
export type MemberEvent = MemberEventValue;

/** A member added to or removed from a paying case, and the reviewer's decision on the amount it proposes. */
export interface MemberChangesTable extends StampedRow {
  case_id: string;
  household_id: string;
  person_id: string;
  kind: 'add' | 'remove';
  event: MemberEvent;
  event_on: string;
  reported_on: string;
  /** First month the person is (add) or is no longer (remove) covered. */
  effective_month: string;
  persons_before: number;
  persons_after: number;
  amount_before_fen: number;
  proposed_fen: number;
  proposed_base_fen: number;
  proposed_supplement_fen: number;
  explain: string | null;
  note: string | null;
  status: 'proposed' | 'confirmed' | 'rejected';
  decided_by: string | null;
  decided_on: string | null;
  decided_fen: number | null;
  decision_note: string | null;
  created_by: string;
}

export type DeathSource = 'family' | 'funeral' | 'police' | 'visit' | 'compare';

export interface DeathsTable extends StampedRow {
  person_id: string;
  died_on: string;
  source: DeathSource;
  /** Where the fact came from: a list's file and row, a visit note … */
  source_ref: string | null;
  reported_on: string;
  household_id: string | null;
  /** 3-month re-check deadline of the remaining household (null when no one remains). */
  recheck_due_on: string | null;
  /** 丧葬 handled by (机构/村委/亲属). */
  funeral_handler: string | null;
  funeral_fee_fen: number | null;
  /** 惠民殡葬 基本殡葬服务费减免. */
  relief_fen: number | null;
  relief_note: string | null;
  created_by: string;
}

export type OverpaymentStatus = 'pending' | 'recovered' | 'partial' | 'unrecoverable' | 'written_off';

export interface OverpaymentsTable extends StampedRow {
  case_id: string;
  person_id: string;
  death_id: string | null;
  first_month: string;
  last_month: string;
  months: string;
  amount_fen: number;
  recovered_fen: number;
  written_off_fen: number;
  status: OverpaymentStatus;
  reason: string | null;
  created_by: string;
}

export interface OverpaymentRecoveriesTable {
  id: string;
  overpayment_id: string;
  on_date: string;
  kind: 'recovery' | 'unrecoverable' | 'write_off';
  /** 退回 / 抵扣丧葬费. */
  method: 'refund' | 'funeral_offset' | null;
  amount_fen: number;
  note: string | null;
  created_by: string;
  created_at: string;
}

export type CompareList = 'deaths' | 'public-servants' | 'vehicles' | 'business' | 'property' | 'custom';
export type CompareEffect = 'active_recipient' | 'member_of_paying_household' | 'stopped' | 'register_only';

export interface CompareBatchesTable {
  id: string;
  list: CompareList;
  file_name: string;
  file_sha256: string;
  compared_on: string;
  rows: number;
  hits: number;
  not_on_ledger: number;
  bad_rows: number;
  counts: string;
  recorded_deaths: number;
  created_by: string;
  created_at: string;
}

export interface CompareHitsTable extends StampedRow {
  batch_id: string;
  row: number;
  person_id: string;
  name: string;
  effect: CompareEffect;
  cases: string;
  columns: string;
  status: 'open' | 'closed';
  due_on: string;
  outcome: string | null;
  outcome_note: string | null;
  checked_on: string | null;
  checked_by: string | null;
}

export interface DiscoveryLeadsTable extends StampedRow {
  rule: DiscoveryRuleValue;
  /** What the lead is about (person or household id): one open lead per rule and subject. */
  subject_key: string;
  person_id: string | null;
  household_id: string | null;
  facts: string;
  found_on: string;
  status: 'open' | 'accepted' | 'dismissed';
  outcome_ref: string | null;
  reason: string | null;
  decided_by: string | null;
  decided_on: string | null;
}

export interface MonitoringEntriesTable extends StampedRow {
  household_id: string;
  /** bianyuan (低保边缘) | gangxing (刚性支出) | tapered | stopped | lead | other. */
  group_code: MonitoringGroupValue;
  source_ref: string | null;
  cycle_months: number;
  started_on: string;
  next_review_on: string;
  status: 'active' | 'ended';
  ended_on: string | null;
  end_reason: string | null;
  created_by: string;
}

export interface MonitoringEventsTable {
  id: string;
  entry_id: string;
  kind: 'warning' | 'visit' | 'review';
  on_date: string;
  signal: string | null;
  path: string | null;
  detail: string | null;
  result: string | null;
  created_by: string;
  created_at: string;
}

export interface HolidaysTable {
  date: string;
  year: number;
  kind: 'holiday' | 'workday';
  name: string;
  local: number;
  created_by: string;
  created_at: string;
}

export interface LifeEventsTables {
  member_changes: MemberChangesTable;
  deaths: DeathsTable;
  overpayments: OverpaymentsTable;
  overpayment_recoveries: OverpaymentRecoveriesTable;
  compare_batches: CompareBatchesTable;
  compare_hits: CompareHitsTable;
  discovery_leads: DiscoveryLeadsTable;
  monitoring_entries: MonitoringEntriesTable;
  monitoring_events: MonitoringEventsTable;
  holidays: HolidaysTable;
}
