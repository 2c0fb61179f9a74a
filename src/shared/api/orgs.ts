// Contract slice: 社会组织台账 — registered organizations (社会团体, 社会服务机构/民办非企业单位, 基金会), community
// organizations under township 备案, their annual inspections (年检), ratings (等级评估), terms (换届), events, the
// worklist and the month's figures. Rules: docs/DOMAIN.md §5; src/main/ledger/orgs/rules.ts.
import { z } from 'zod';
import { isDate } from '../time';
import { normalizeText } from '../text';
import { method } from './contract';
import { date, id, month, paging, reason, version } from './fields';

// ── Enums and their zh-CN labels ──
// Kept here rather than in shared/labels.ts while that table is being extended by another capability; the renderer
// reads them through orgLabel(). Stored values stay English.
export const orgLabels = {
  registry: { registered: '登记社会组织', community: '社区社会组织（备案）' },
  kind: { association: '社会团体', service: '社会服务机构（民办非企业单位）', foundation: '基金会' },
  /** 登记的: 正常/撤销/注销; 备案的: 正常/变更/注销. */
  status: { normal: '正常', changed: '变更', revoked: '撤销', deregistered: '注销' },
  communityType: {
    culture_sports: '文体类',
    volunteer: '志愿服务类',
    elderly: '老年协会',
    mutual_aid: '互助类',
    rural_tech: '农村专业技术协会',
    charity: '公益慈善类',
    other: '其他',
  },
  inspectionResult: { pass: '合格', basic: '基本合格', fail: '不合格' },
  ratingEnd: { superseded: '已被新等级取代', downgraded: '降低等级', cancelled: '取消等级', voided: '录入作废' },
  eventKind: {
    name_change: '名称变更',
    legal_rep_change: '法定代表人变更',
    domicile_change: '住所变更',
    leader_change: '负责人变更',
    venue_change: '活动场所变更',
    penalty: '行政处罚',
    revocation: '撤销登记',
    deregistration: '注销',
  },
  termStatus: { current: '本届在任', postponed: '延期换届', done: '已换届' },
} as const satisfies Record<string, Record<string, string>>;

export type OrgRegistry = keyof typeof orgLabels.registry;
export type OrgKind = keyof typeof orgLabels.kind;
export type OrgStatus = keyof typeof orgLabels.status;
export type CommunityOrgType = keyof typeof orgLabels.communityType;
export type InspectionResult = keyof typeof orgLabels.inspectionResult;
export type RatingEndKind = keyof typeof orgLabels.ratingEnd;
export type OrgEventKind = keyof typeof orgLabels.eventKind;
export type TermStatus = keyof typeof orgLabels.termStatus;

export function orgLabel<K extends keyof typeof orgLabels>(kind: K, value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  const table: Readonly<Record<string, string>> = orgLabels[kind];
  return Object.hasOwn(table, value) ? (table[value] ?? value) : value;
}

export function orgLabelOptions<K extends keyof typeof orgLabels>(kind: K): { value: string; label: string }[] {
  return Object.entries(orgLabels[kind] as Record<string, string>).map(([value, label]) => ({ value, label }));
}

/** Which events apply to which registry. */
export const EVENT_KINDS_BY_REGISTRY: Record<OrgRegistry, readonly OrgEventKind[]> = {
  registered: ['name_change', 'legal_rep_change', 'domicile_change', 'penalty', 'revocation', 'deregistration'],
  community: ['name_change', 'leader_change', 'venue_change', 'deregistration'],
};

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

export interface OrgListRow {
  id: string;
  registry: OrgRegistry;
  name: string;
  kind: OrgKind | null;
  communityType: CommunityOrgType | null;
  status: OrgStatus;
  creditCode: string | null;
  filingNo: string | null;
  /** 法定代表人 or 负责人. */
  person: string | null;
  /** 登记日期 or 备案日期. */
  since: string | null;
  partyOrg: boolean;
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

export interface OrgFigures {
  month: string;
  /** The last day of the month: every figure is "as at" this day. */
  asOf: string;
  registered: {
    total: number;
    byKind: Record<OrgKind, number>;
    byStatus: Record<'normal' | 'revoked' | 'deregistered', number>;
    /** Registered this month / ended this month. */
    newThisMonth: number;
    endedThisMonth: number;
  };
  community: {
    total: number;
    byType: Record<CommunityOrgType, number>;
    byStatus: Record<'normal' | 'changed' | 'deregistered', number>;
    newThisMonth: number;
  };
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

// ── Input schemas ──

const text = (label: string, max = 100) =>
  z
    .string({ error: `请填写${label}` })
    .transform(normalizeText)
    .pipe(z.string().min(1, `请填写${label}`).max(max, `${label}不能超过 ${max} 个字`));
const optText = (label: string, max = 200) =>
  z
    .string()
    .transform(normalizeText)
    .pipe(z.string().max(max, `${label}不能超过 ${max} 个字`))
    .nullish();
const optDate = (label: string) =>
  z
    .string()
    .refine((s) => s === '' || isDate(s), `${label}应为有效日期（YYYY-MM-DD）`)
    .nullish();
const count = (label: string) =>
  z
    .number({ error: `请填写${label}` })
    .int(`${label}应为整数`)
    .min(0, `${label}不能为负数`)
    .max(10_000_000, `${label}过大`);
const fen = (label: string) =>
  z
    .number({ error: `请填写${label}` })
    .int(`${label}应精确到分`)
    .min(0, `${label}不能为负数`)
    .max(1e15, `${label}过大`);
const termYears = z
  .number({ error: '请填写每届年限' })
  .int('每届年限应为整数')
  .min(1, '每届年限至少 1 年')
  .max(5, '每届年限最长 5 年');
const phone = z
  .string()
  .transform(normalizeText)
  .pipe(z.string().regex(/^$|^[\d\- ]{7,20}$/, '联系电话应为 7–20 位数字'))
  .nullish();

const registeredFields = {
  kind: z.enum(['association', 'service', 'foundation'], { error: '请选择组织类型' }),
  name: text('组织名称', 100),
  creditCode: z.string({ error: '请填写统一社会信用代码' }).min(1, '请填写统一社会信用代码'),
  registrationNo: text('登记证号', 50),
  authority: text('登记管理机关', 100),
  supervisor: optText('业务主管单位', 100),
  legalRep: text('法定代表人', 50),
  domicile: text('住所', 200),
  purpose: text('宗旨', 1000),
  scope: text('业务范围', 1000),
  capitalFen: fen('注册资金'),
  members: count('会员数'),
  foundedOn: optDate('成立日期'),
  registeredOn: date('登记日期'),
  termYears: termYears,
  partyOrg: z.boolean({ error: '请选择是否建立党组织' }),
  partyMembers: count('党员人数'),
  phone,
  note: optText('备注', 1000),
};

const communityFields = {
  communityType: z.enum(['culture_sports', 'volunteer', 'elderly', 'mutual_aid', 'rural_tech', 'charity', 'other'], {
    error: '请选择组织类型',
  }),
  name: text('组织名称', 100),
  leader: text('负责人', 50),
  leaderPhone: phone,
  venue: text('活动场所', 200),
  charter: text('章程（要点或存档位置）', 2000),
  members: count('成员人数'),
  fundsFen: fen('活动资金'),
  area: text('活动地域', 200),
  guideUnit: text('指导单位', 100),
  filingNo: text('备案编号', 50),
  filedOn: date('备案日期'),
  foundedOn: optDate('成立日期'),
  termYears: termYears.nullish(),
  partyOrg: z.boolean({ error: '请选择是否建立党组织' }),
  partyMembers: count('党员人数'),
  note: optText('备注', 1000),
};

/** Fields an edit may change; name, legal representative, domicile, leader, venue and status change by events. */
const registeredEditable = z
  .object(registeredFields)
  .omit({ kind: true, name: true, legalRep: true, domicile: true })
  .partial();
const communityEditable = z.object(communityFields).omit({ name: true, leader: true, venue: true }).partial();

const page = paging(200, 50);

export const orgsApi = {
  'orgs.list': method<{ rows: OrgListRow[]; total: number }>()({
    input: z.object({
      q: z.string().max(100).optional(),
      registry: z.enum(['registered', 'community']).optional(),
      kind: z.enum(['association', 'service', 'foundation']).optional(),
      communityType: communityFields.communityType.optional(),
      status: z.enum(['normal', 'changed', 'revoked', 'deregistered']).optional(),
      /** Hide 撤销/注销 organizations (default true unless a status is asked for). */
      activeOnly: z.boolean().optional(),
      ...page,
    }),
    access: 'clerk',
  }),
  'orgs.get': method<OrgDetail>()({ input: z.object({ id }), access: 'clerk' }),
  /** 登记: records a registered organization the county 民政局 has registered. */
  'orgs.register': method<OrgView>()({ input: z.object(registeredFields), access: 'clerk', write: true }),
  /** 备案: files a community organization with the township. */
  'orgs.file': method<OrgView>()({ input: z.object(communityFields), access: 'clerk', write: true }),
  'orgs.update': method<OrgView>()({
    input: z.object({
      id,
      version,
      registered: registeredEditable.optional(),
      community: communityEditable.optional(),
      reason: optText('修改原因', 500),
    }),
    access: 'clerk',
    write: true,
  }),
  /** 变更/处罚/撤销/注销: one dated event; name, legal representative, domicile, leader, venue, status follow it. */
  'orgs.event': method<OrgView>()({
    input: z.object({
      id,
      version,
      kind: z.enum(
        [
          'name_change',
          'legal_rep_change',
          'domicile_change',
          'leader_change',
          'venue_change',
          'penalty',
          'revocation',
          'deregistration',
        ],
        { error: '请选择事项' },
      ),
      occurredOn: date('发生日期'),
      newValue: optText('变更后内容', 200),
      detail: optText('事由/内容', 1000),
      docNo: optText('文号', 100),
    }),
    access: 'clerk',
    write: true,
  }),
  'orgs.inspections.save': method<InspectionView>()({
    input: z.object({
      orgId: id,
      year: z
        .number({ error: '请填写年检年度' })
        .int('年检年度应为整数')
        .min(2000, '年检年度不早于 2000 年')
        .max(2100, '年检年度有误'),
      /** The version the clerk saw, when the year already has a record. */
      version: version.optional(),
      supervisorSubmittedOn: optDate('报业务主管单位日期'),
      authoritySubmittedOn: optDate('报登记管理机关日期'),
      result: z.enum(['pass', 'basic', 'fail'], { error: '请选择年检结论' }).nullish(),
      resultOn: optDate('结论日期'),
      rectification: optText('整改要求', 1000),
      rectifiedOn: optDate('整改完成日期'),
      note: optText('备注', 1000),
    }),
    access: 'clerk',
    write: true,
  }),
  'orgs.inspections.void': method<InspectionView>()({
    input: z.object({ id, version, reason: reason('作废原因') }),
    access: 'reviewer',
    write: true,
  }),
  'orgs.inspections.board': method<InspectionBoard>()({
    input: z.object({ year: z.number().int().min(2000, '年度有误').max(2100, '年度有误') }),
    access: 'clerk',
  }),
  'orgs.ratings.eligibility': method<EligibilityView>()({
    input: z.object({ orgId: id, onDate: date('申报日期') }),
    access: 'clerk',
  }),
  'orgs.ratings.add': method<RatingView>()({
    input: z.object({
      orgId: id,
      grade: z.number({ error: '请选择评估等级' }).int().min(1, '评估等级为 1A–5A').max(5, '评估等级为 1A–5A'),
      appliedOn: optDate('申报日期'),
      ratedOn: date('评定日期'),
      certificateNo: optText('证书编号', 100),
      note: optText('备注', 1000),
      /** Records a rating the rules say the organization could not have applied for; the reason is journalled. */
      overrideReason: optText('不符合申报条件仍录入的原因', 500),
    }),
    access: 'clerk',
    write: true,
  }),
  'orgs.ratings.end': method<RatingView>()({
    input: z.object({
      id,
      version,
      kind: z.enum(['downgraded', 'cancelled', 'voided'], { error: '请选择处理方式' }),
      endedOn: date('处理日期'),
      reason: reason(),
      /** 降低等级: the lower grade that replaces it (valid until the original expiry). */
      newGrade: z.number().int().min(1, '评估等级为 1A–5A').max(5, '评估等级为 1A–5A').optional(),
    }),
    access: 'reviewer',
    write: true,
  }),
  /** Records the current term (the first one the ledger knows of). */
  'orgs.terms.start': method<TermView>()({
    input: z.object({
      orgId: id,
      termNo: z.number({ error: '请填写届次' }).int('届次应为整数').min(1, '届次至少为 1').max(100, '届次有误'),
      startedOn: date('本届开始日期'),
      termYears: termYears.optional(),
      note: optText('备注', 500),
    }),
    access: 'clerk',
    write: true,
  }),
  /** 换届完成: closes the term and opens the next one (same charter term length). */
  'orgs.terms.complete': method<TermView>()({
    input: z.object({ id, version, doneOn: date('换届日期'), note: optText('备注', 500) }),
    access: 'clerk',
    write: true,
  }),
  /** 延期换届: a new due date and the reason. */
  'orgs.terms.postpone': method<TermView>()({
    input: z.object({ id, version, postponedTo: date('延期至'), reason: reason('延期事由') }),
    access: 'clerk',
    write: true,
  }),
  'orgs.worklist': method<Worklist>()({
    input: z.object({ onDate: optDate('日期') }),
    access: 'clerk',
  }),
  'orgs.figures': method<OrgFigures>()({
    input: z.object({ month: month() }),
    access: 'clerk',
  }),
};
