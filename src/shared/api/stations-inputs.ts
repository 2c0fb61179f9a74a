// The 养老服务 slice's stored values and input schemas (the method table is in stations.ts).
import { z } from 'zod';
import { date, id, month, optDate, reason, version } from './fields';
import { parseUscc } from '../uscc';
import { parseIdNumber } from '../idcard';
import { normalizeText } from '../text';

// ── enums (stored values; Chinese names in labels.ts) ──
export const FACILITY_TYPES = ['center', 'station', 'mutual_aid', 'meal_point', 'nursing_home', 'other'] as const;
export const FACILITY_STATUSES = ['building', 'operating', 'closed'] as const;
export const OPERATING_MODELS = ['public_public', 'public_private', 'private_private'] as const;
export const LEGAL_FORMS = ['public_institution', 'private_non_enterprise', 'company', 'unregistered'] as const;
export const PREMISES = ['owned', 'leased', 'lent', 'other'] as const;
export const SERVICE_ITEMS = [
  'meal',
  'bath',
  'medical',
  'day_care',
  'home_service',
  'cleaning',
  'emergency',
  'rehab',
  'respite',
  'culture',
] as const;
export const LICENCE_KINDS = ['elderly_care', 'food', 'medical', 'fire', 'other'] as const;
export const SUBSIDY_KINDS = ['operating', 'construction', 'other'] as const;
export const ELDERLY_CATEGORIES = [
  'alone',
  'empty_nest',
  'left_behind',
  'disabled',
  'severe_disability',
  'family_planning',
] as const;
export const RISK_LEVELS = ['high', 'key', 'general'] as const;
export const VISIT_WAYS = [
  'home',
  'phone',
  'video',
  'im',
  'third_party',
  'volunteer',
  'neighbour',
  'smart_alert',
] as const;

export type FacilityTypeValue = (typeof FACILITY_TYPES)[number];
export type FacilityStatusValue = (typeof FACILITY_STATUSES)[number];
export type ServiceItemValue = (typeof SERVICE_ITEMS)[number];
export type RiskLevelValue = (typeof RISK_LEVELS)[number];
export type ElderlyCategoryValue = (typeof ELDERLY_CATEGORIES)[number];
export type VisitWayValue = (typeof VISIT_WAYS)[number];

// ── field schemas ──
const text = (what: string, max: number) =>
  z
    .string({ message: `请填写${what}` })
    .transform(normalizeText)
    .pipe(z.string().min(1, `请填写${what}`).max(max, `${what}不能超过 ${max} 个字`));
const optText = (what: string, max: number) =>
  z
    .string()
    .transform(normalizeText)
    .pipe(z.string().max(max, `${what}不能超过 ${max} 个字`))
    .transform((s) => (s === '' ? null : s))
    .nullish()
    .transform((v) => v ?? null);
const monthField = month();
const count = (what: string) =>
  z
    .number({ message: `请填写${what}` })
    .int(`${what}应为整数`)
    .min(0, `${what}不能为负数`)
    .max(1_000_000, `${what}过大，请核对`);
const phone = optText('电话', 30).refine(
  (s) => s === null || /^[0-9+\-() ]{5,30}$/.test(s) || /^[0-9+\-() ]+转\d+$/.test(s),
  '电话只能包含数字、+、-、括号和空格',
);

/** 统一社会信用代码 (GB 32100): normalised and checked; '' or null = none (only for 未登记 operators). */
export const usccField = z
  .string()
  .nullish()
  .transform((v, ctx) => {
    const s = (v ?? '').trim();
    if (s === '') return null;
    const r = parseUscc(s);
    if (!r.ok) {
      ctx.addIssue({ code: 'custom', message: `统一社会信用代码有误：${r.message}` });
      return z.NEVER;
    }
    return r.value;
  });

/** 居民身份证号码 (GB 11643), normalised. */
export const idNumberField = z.string({ message: '请填写身份证号码' }).transform((v, ctx) => {
  const r = parseIdNumber(v);
  if (!r.ok) {
    ctx.addIssue({ code: 'custom', message: r.message });
    return z.NEVER;
  }
  return r.value;
});

// ── facilities ──
const facilityFields = {
  name: text('设施名称', 60),
  type: z.enum(FACILITY_TYPES, { message: '请选择设施类型' }),
  villageId: z
    .string()
    .nullish()
    .transform((v) => (v ? v : null)),
  address: text('地址', 120),
  operatorName: text('运营方名称', 60),
  operatorUscc: usccField,
  legalForm: z.enum(LEGAL_FORMS, { message: '请选择运营方单位性质' }),
  operatingModel: z.enum(OPERATING_MODELS, { message: '请选择运营方式' }),
  premises: z
    .enum(PREMISES, { message: '请选择用房性质' })
    .nullish()
    .transform((v) => v ?? null),
  contactName: optText('联系人', 40),
  contactPhone: phone,
  bedsTotal: count('床位总数'),
  bedsNursing: count('护理型床位数'),
  bedsOccupied: count('在住人数'),
  staffCount: count('工作人员数'),
  carerCount: count('护理员数'),
  serviceItems: z.array(z.enum(SERVICE_ITEMS, { message: '服务项目不在可选范围内' })).max(SERVICE_ITEMS.length),
  remark: optText('备注', 500),
};

type FacilityFieldsOut = {
  legalForm: string;
  operatorUscc: string | null;
  bedsTotal: number;
  bedsNursing: number;
  bedsOccupied: number;
  staffCount: number;
  carerCount: number;
};

/** Cross-field rules of a facility, reported on the field a clerk must fix. */
function facilityRules(v: FacilityFieldsOut, ctx: z.RefinementCtx): void {
  if (v.legalForm !== 'unregistered' && v.operatorUscc === null) {
    ctx.addIssue({ code: 'custom', path: ['operatorUscc'], message: '已登记的运营方须填写统一社会信用代码' });
  }
  if (v.bedsNursing > v.bedsTotal) {
    ctx.addIssue({ code: 'custom', path: ['bedsNursing'], message: '护理型床位数不能超过床位总数' });
  }
  if (v.bedsOccupied > v.bedsTotal) {
    ctx.addIssue({ code: 'custom', path: ['bedsOccupied'], message: '在住人数不能超过床位总数' });
  }
  if (v.carerCount > v.staffCount) {
    ctx.addIssue({ code: 'custom', path: ['carerCount'], message: '护理员数不能超过工作人员总数' });
  }
}

export const facilityCreateInput = z
  .object({
    ...facilityFields,
    /** 建设中 (no opening date yet) or 运营中 (an existing facility entered with its opening date). */
    status: z.enum(['building', 'operating'], { message: '请选择建设中或运营中' }),
    openedOn: optDate('开业日期'),
  })
  .superRefine((v, ctx) => {
    facilityRules(v, ctx);
    if (v.status === 'operating' && v.openedOn === null) {
      ctx.addIssue({ code: 'custom', path: ['openedOn'], message: '运营中的设施须填写开业日期' });
    }
    if (v.status === 'building' && v.openedOn !== null) {
      ctx.addIssue({ code: 'custom', path: ['openedOn'], message: '建设中的设施还没有开业日期，开业时再填写' });
    }
  });

export const facilityUpdateInput = z
  .object({ id, version, ...facilityFields, reason: optText('修改原因', 200) })
  .superRefine(facilityRules);

// ── licences, ratings, subsidies ──
export const licenceAddInput = z
  .object({
    facilityId: id,
    kind: z.enum(LICENCE_KINDS, { message: '请选择证照类型' }),
    number: text('证照编号', 60),
    issuer: optText('发证机关', 60),
    issuedOn: date('发证日期'),
    expiresOn: optDate('有效期至'),
  })
  .superRefine((v, ctx) => {
    if (v.expiresOn !== null && v.expiresOn < v.issuedOn) {
      ctx.addIssue({ code: 'custom', path: ['expiresOn'], message: '有效期至不能早于发证日期' });
    }
  });

export const ratingAddInput = z
  .object({
    facilityId: id,
    grade: z.number({ message: '请选择星级/等级' }).int().min(1, '星级/等级应为 1–5').max(5, '星级/等级应为 1–5'),
    score: z
      .number()
      .int('评定得分应为整数')
      .min(0, '评定得分不能为负数')
      .max(1000, '评定得分不能超过 1000')
      .nullish()
      .transform((v) => v ?? null),
    ratedOn: date('评定日期'),
    /** Empty = the default validity from settings. */
    validUntil: optDate('有效期至'),
    ratedBy: text('评定机关', 60),
  })
  .superRefine((v, ctx) => {
    if (v.validUntil !== null && v.validUntil < v.ratedOn) {
      ctx.addIssue({ code: 'custom', path: ['validUntil'], message: '有效期至不能早于评定日期' });
    }
  });

export const subsidyAddInput = z.object({
  facilityId: id,
  kind: z.enum(SUBSIDY_KINDS, { message: '请选择补贴类型' }),
  amountFen: z
    .number({ message: '请填写金额' })
    .int('金额应精确到分')
    .min(1, '补贴金额应大于 0')
    .max(100_000_000_00, '补贴金额过大，请核对'),
  grantedOn: date('拨付日期'),
  period: optText('所属期间', 30),
  documentNo: optText('文号', 60),
});

export const voidInput = z.object({ id, version, reason: reason('作废原因', 200) });

export const facilityOpenInput = z.object({ id, version, openedOn: date('开业日期') });
export const facilityCloseInput = z.object({
  id,
  version,
  closedOn: date('停止运营日期'),
  reason: reason('停止运营原因', 200),
});

// ── monthly figures ──
const monthFigures = {
  month: monthField,
  mealsServed: count('助餐人次'),
  mealsSubsidised: count('享受补贴助餐人次'),
  served: z.partialRecord(z.enum(SERVICE_ITEMS, { message: '服务项目不在可选范围内' }), count('服务人数')),
  bedsOccupied: count('月末在住人数'),
  note: optText('说明', 500),
};

function mealsRule(v: { mealsServed: number; mealsSubsidised: number }, ctx: z.RefinementCtx): void {
  if (v.mealsSubsidised > v.mealsServed) {
    ctx.addIssue({ code: 'custom', path: ['mealsSubsidised'], message: '享受补贴助餐人次不能超过助餐总人次' });
  }
}

export const monthSaveInput = z
  .object({
    facilityId: id,
    /** The version the clerk saw; absent when entering the month for the first time. */
    version: version.nullish().transform((v) => v ?? null),
    ...monthFigures,
  })
  .superRefine(mealsRule);

/** Many facility-months at once (from a spreadsheet the exchange reads): all rows are saved, or none. */
export const monthImportInput = z.object({
  rows: z
    .array(z.object({ facilityName: text('设施名称', 60), ...monthFigures }).superRefine(mealsRule))
    .min(1, '没有要导入的数据')
    .max(5000, '一次最多导入 5000 行'),
  /** Months already entered are replaced (journalled as updates) instead of refused. */
  overwrite: z.boolean().default(false),
});

// ── inspections and complaints ──
export const INSPECTION_KINDS = ['日常检查', '专项检查', '消防检查', '食品安全检查', '联合检查', '其他'] as const;

export const inspectionAddInput = z
  .object({
    facilityId: id,
    inspectedOn: date('检查日期'),
    kind: z.enum(INSPECTION_KINDS, { message: '请选择检查类型' }),
    inspectors: text('检查人员', 100),
    findings: text('检查情况', 1000),
    /** True when a hazard was found: a rectification deadline is then required. */
    hazard: z.boolean(),
    rectifyBy: optDate('整改期限'),
  })
  .superRefine((v, ctx) => {
    if (v.hazard && v.rectifyBy === null) {
      ctx.addIssue({ code: 'custom', path: ['rectifyBy'], message: '发现隐患须填写整改期限' });
    }
    if (!v.hazard && v.rectifyBy !== null) {
      ctx.addIssue({ code: 'custom', path: ['rectifyBy'], message: '未发现隐患时不填写整改期限' });
    }
    if (v.rectifyBy !== null && v.rectifyBy < v.inspectedOn) {
      ctx.addIssue({ code: 'custom', path: ['rectifyBy'], message: '整改期限不能早于检查日期' });
    }
  });

export const inspectionCloseInput = z.object({
  id,
  version,
  rectifiedOn: date('整改完成日期'),
  note: text('整改及复查情况', 1000),
});

export const COMPLAINT_CHANNELS = ['电话', '来访', '信件', '网络', '12345热线', '其他'] as const;

export const complaintAddInput = z.object({
  facilityId: id,
  receivedOn: date('受理日期'),
  channel: z.enum(COMPLAINT_CHANNELS, { message: '请选择投诉渠道' }),
  complainant: optText('投诉人', 40),
  content: text('投诉内容', 1000),
});

export const complaintCloseInput = z.object({
  id,
  version,
  handledOn: date('办结日期'),
  result: text('处理结果', 1000),
});

// ── the special-difficulty register and visits ──
const elderlyFields = {
  idNumber: idNumberField,
  name: text('姓名', 40),
  villageId: z.string({ message: '请选择村(社区)' }).min(1, '请选择村(社区)'),
  address: optText('住址', 120),
  phone,
  categories: z
    .array(z.enum(ELDERLY_CATEGORIES, { message: '类别不在可选范围内' }))
    .min(1, '请至少选择一个类别')
    .refine((a) => new Set(a).size === a.length, '类别不能重复'),
  riskLevel: z.enum(RISK_LEVELS, { message: '请选择风险等级' }),
  contactName: optText('赡养人/紧急联系人', 40),
  contactPhone: phone,
  remark: optText('备注', 500),
};

export const elderlyRegisterInput = z.object({ ...elderlyFields, registeredOn: date('登记日期') });
/** idNumber is given only to correct it; left out, the registered number stays (the form need not reveal it). */
export const elderlyUpdateInput = z.object({
  id,
  version,
  ...elderlyFields,
  idNumber: idNumberField.optional(),
  reason: optText('修改原因', 200),
});
export const elderlyEndInput = z.object({
  id,
  version,
  endedOn: date('退出日期'),
  reason: reason('退出原因', 200),
});

export const visitAddInput = z.object({
  elderlyId: id,
  visitedOn: date('探访日期'),
  way: z.enum(VISIT_WAYS, { message: '请选择探访方式' }),
  visitor: text('探访人', 60),
  findings: text('生活/安全/赡养情况', 1000),
  problems: optText('发现问题', 1000),
  referral: optText('转介/处置', 1000),
});

/** 居家适老化改造 or 助餐 for one person. */
export const serviceAddInput = z.discriminatedUnion('kind', [
  z.object({
    elderlyId: id,
    kind: z.literal('home_adaptation'),
    onDate: date('验收日期'),
    items: text('改造项目', 300),
    contractor: optText('施工单位', 60),
    subsidyFen: z.number({ message: '请填写补贴金额' }).int('金额应精确到分').min(0, '补贴金额不能为负数'),
  }),
  z.object({
    elderlyId: id,
    kind: z.literal('meal'),
    month: monthField,
    facilityId: z.string({ message: '请选择助餐点' }).min(1, '请选择助餐点'),
    meals: count('就餐次数'),
    subsidyFen: z.number({ message: '请填写补贴金额' }).int('金额应精确到分').min(0, '补贴金额不能为负数'),
  }),
]);

const visitIntervalInput = z.object({
  every: z.number({ message: '请填写间隔' }).int('间隔应为整数').min(1, '间隔至少为 1').max(366, '间隔过大'),
  unit: z.enum(['day', 'month'], { message: '单位应为天或月' }),
});

export const settingsPutInput = z.object({
  version: version.nullish().transform((v) => v ?? null),
  visitPlan: z.object({ high: visitIntervalInput, key: visitIntervalInput, general: visitIntervalInput }),
  ratingValidityYears: z.number().int('有效期应为整年').min(1, '有效期至少 1 年').max(10, '有效期不超过 10 年'),
});
