// Contract slice: 社会组织台账 — registered organizations (社会团体, 社会服务机构/民办非企业单位, 基金会), community
// organizations under township 备案, their annual inspections (年检), ratings (等级评估), terms (换届), events, the
// worklist and the month's figures. Rules: docs/DOMAIN.md §5; src/main/ledger/orgs/rules.ts.
import { z } from 'zod';
import { isDate } from '../time';
import { normalizeText } from '../text';
import { method } from './contract';
import { date, id, month, paging, reason, version } from './fields';

import type {
  EligibilityView,
  InspectionBoard,
  InspectionView,
  OrgDetail,
  OrgFigures,
  OrgListRow,
  OrgView,
  RatingView,
  TermView,
  Worklist,
} from './orgs-views';

export * from './orgs-labels';
export * from './orgs-views';

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
