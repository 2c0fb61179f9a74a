// What the 社会组织 slice's methods answer (the method table is in orgs.ts).
import type {
  CommunityOrgType,
  InspectionResult,
  OrgEventKind,
  OrgKind,
  OrgRegistry,
  OrgStatus,
  RatingEndKind,
  TermStatus,
} from './orgs-labels';

// ── Views ──

export interface OrgView {
  id: string;
  registry: OrgRegistry;
  name: string;
  /** Registered organizations only. */
  kind: OrgKind | null;
  /** Community organizations only. */
  communityType: CommunityOrgType | null;
  status: OrgStatus;
  creditCode: string | null;
  /** 登记证号. */
  registrationNo: string | null;
  /** 登记管理机关. */
  authority: string | null;
  /** 业务主管单位 (null: 直接登记). */
  supervisor: string | null;
  legalRep: string | null;
  domicile: string | null;
  /** 宗旨. */
  purpose: string | null;
  /** 业务范围. */
  scope: string | null;
  capitalFen: number | null;
  /** 会员数 (registered) or 花名册人数 (community). */
  members: number;
  foundedOn: string | null;
  registeredOn: string | null;
  /** Community: 负责人, 联系电话, 活动场所, 章程, 活动资金, 活动地域, 指导单位, 备案编号, 备案日期. */
  leader: string | null;
  leaderPhone: string | null;
  venue: string | null;
  charter: string | null;
  fundsFen: number | null;
  area: string | null;
  guideUnit: string | null;
  filingNo: string | null;
  filedOn: string | null;
  /** 章程规定每届年限. */
  termYears: number | null;
  partyOrg: boolean;
  partyMembers: number;
  phone: string | null;
  note: string | null;
  endedOn: string | null;
  endReason: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** A row of the roster: what the full view shows first, with the person, the date and the grade in force. */
export interface OrgListRow extends Pick<
  OrgView,
  'id' | 'registry' | 'name' | 'kind' | 'communityType' | 'status' | 'creditCode' | 'filingNo' | 'partyOrg'
> {
  /** 法定代表人 or 负责人. */
  person: string | null;
  /** 登记日期 or 备案日期. */
  since: string | null;
  /** Grade of the rating in force today, if any. */
  grade: number | null;
  lastInspection: { year: number; result: InspectionResult | null } | null;
}

export interface InspectionView {
  id: string;
  orgId: string;
  year: number;
  supervisorSubmittedOn: string | null;
  authoritySubmittedOn: string | null;
  result: InspectionResult | null;
  resultOn: string | null;
  rectification: string | null;
  rectifiedOn: string | null;
  note: string | null;
  voidedAt: string | null;
  voidReason: string | null;
  version: number;
}

export interface RatingView {
  id: string;
  orgId: string;
  grade: number;
  appliedOn: string | null;
  ratedOn: string;
  expiresOn: string;
  certificateNo: string | null;
  note: string | null;
  overrideReason: string | null;
  endKind: RatingEndKind | null;
  endedOn: string | null;
  endReason: string | null;
  version: number;
}

export interface TermView {
  id: string;
  orgId: string;
  termNo: number;
  startedOn: string;
  termYears: number;
  dueOn: string;
  status: TermStatus;
  postponedTo: string | null;
  postponeReason: string | null;
  doneOn: string | null;
  note: string | null;
  version: number;
}

export interface OrgEventView {
  id: string;
  orgId: string;
  kind: OrgEventKind;
  occurredOn: string;
  before: string | null;
  after: string | null;
  detail: string | null;
  docNo: string | null;
  createdAt: string;
  createdBy: string;
}

export interface OrgHistoryItem {
  seq: number;
  at: string;
  actor: string;
  action: string;
  /** A Chinese one-liner of what happened. */
  summary: string;
  reason: string | null;
}

export interface EligibilityView {
  onDate: string;
  eligible: boolean;
  reasons: string[];
}

export interface OrgDetail {
  org: OrgView;
  inspections: InspectionView[];
  ratings: RatingView[];
  terms: TermView[];
  events: OrgEventView[];
  history: OrgHistoryItem[];
  /** Registered organizations: whether they may apply for a rating today. */
  eligibility: EligibilityView | null;
}

export type InspectionBoardState = 'not_submitted' | 'at_supervisor' | 'submitted' | 'concluded';

export interface InspectionBoardRow {
  orgId: string;
  name: string;
  kind: OrgKind;
  supervisor: string | null;
  /** Expected to take part (registered early enough, not ended). False rows are shown because they have a record. */
  expected: boolean;
  state: InspectionBoardState;
  deadlines: { supervisor: string | null; authority: string };
  /** Submitted after the deadline, or still missing after it. */
  late: boolean;
  inspection: InspectionView | null;
}

export interface InspectionBoard {
  year: number;
  asOf: string;
  rows: InspectionBoardRow[];
  counts: { expected: number; submitted: number; concluded: number; pass: number; basic: number; fail: number };
}

export type WorkItemKind =
  | 'inspection_supervisor'
  | 'inspection_authority'
  | 'rectification'
  | 'rating_expiring'
  | 'rating_expired'
  | 'term_due';

export interface WorkItem {
  kind: WorkItemKind;
  orgId: string;
  orgName: string;
  /** null for open-ended items (rectification not yet done). */
  dueOn: string | null;
  overdue: boolean;
  /** Chinese description. */
  title: string;
}

export interface Worklist {
  onDate: string;
  items: WorkItem[];
}

export interface Ratio {
  numerator: number;
  denominator: number;
  /** Percent with one decimal, null when the denominator is 0. */
  percent: number | null;
}

/** One registry's organisations as at the month's end: how many, by status, and how many came this month. */
interface RegistryCount<S extends string> {
  total: number;
  byStatus: Record<S, number>;
  newThisMonth: number;
}

export interface OrgFigures {
  month: string;
  /** The last day of the month: every figure is "as at" this day. */
  asOf: string;
  /** endedThisMonth: the registered ones that ended this month. */
  registered: RegistryCount<'normal' | 'revoked' | 'deregistered'> & {
    byKind: Record<OrgKind, number>;
    endedThisMonth: number;
  };
  community: RegistryCount<'normal' | 'changed' | 'deregistered'> & { byType: Record<CommunityOrgType, number> };
  inspection: {
    /** The latest inspection year whose campaign has begun (the year before the month's year). */
    year: number;
    /** Whether the authority deadline (5/31) of that campaign has passed by asOf. */
    closed: boolean;
    expected: number;
    participated: number;
    participation: Ratio;
    pass: number;
    basic: number;
    fail: number;
    /** 合格 among those with a result. */
    passRate: Ratio;
  };
  rating: {
    /** Active registered organizations with a rating in force / active registered organizations. */
    rate: Ratio;
    byGrade: Record<'1' | '2' | '3' | '4' | '5', number>;
  };
  party: { orgsWithPartyOrg: number; partyMembers: number };
}
