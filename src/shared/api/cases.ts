// Contract slice: 社会救助台账 — households and people, cases and their workflow, standards, the worklist and the
// monthly payment roll (发放花名册). Money is integer fen, months 'YYYY-MM', dates 'YYYY-MM-DD' everywhere.
// ID numbers are masked in every output except `people.revealId` (journalled).
import { z } from 'zod';
import { method } from './contract';
import { date, fen, id, month, paging as pagingOf, reason as reasonField, version, type Page } from './fields';

// ---------- shared enums ----------

export const categories = [
  'dibao',
  'tekun',
  'bianyuan',
  'linshi',
  'gangxing',
  'canji_living',
  'canji_care',
  'guer',
  'wurenfuyang',
] as const;
export type Category = (typeof categories)[number];
export type AreaValue = 'urban' | 'rural';
export type CaseStatusValue =
  | 'applied'
  | 'investigating'
  | 'preliminary'
  | 'publicizing'
  | 'reviewing'
  | 'active'
  | 'rejected'
  | 'withdrawn'
  | 'stopped';
/** The pending task a case waits for (worklist). */
export type DueTask = 'investigate' | 'preliminary' | 'publicize' | 'end_publicity' | 'approve' | 'paperwork';
export type RecheckCycle = 'yearly' | 'half_yearly' | 'quarterly';

const category = z.enum(categories, { message: '请选择保障类别' });
const area = z.enum(['urban', 'rural'], { message: '请选择城市或农村' });
const reason = reasonField();
const optText = (max: number) => z.string().trim().max(max, `不能超过 ${max} 个字`).nullish();
const paging = pagingOf(500, 50);
/** For a write touching a month whose report is final (issue 4): the correction reason. */
const lockReason = z.string().trim().max(500).nullish();

export type { Page } from './fields';

// ---------- people & households ----------

export const personInput = z.object({
  name: z.string().trim().min(1, '请填写姓名').max(40, '姓名不能超过 40 个字'),
  idNumber: z.string().trim().min(1, '请填写身份证号码').max(30, '身份证号码过长').nullish(),
  /** Only if entered separately: cross-checked against the ID number. */
  sex: z.enum(['M', 'F'], { message: '性别应为男或女' }).nullish(),
  birthDate: date('出生日期').nullish(),
  hukouType: area.nullish(),
  phone: optText(30),
  disabilityType: z
    .enum(['视力', '听力', '言语', '肢体', '智力', '精神', '多重'], { message: '残疾类别不正确' })
    .nullish(),
  disabilityGrade: z.number().int().min(1, '残疾等级为一至四级').max(4, '残疾等级为一至四级').nullish(),
  disabilityCert: optText(40),
  labourCapacity: z.enum(['full', 'partial', 'none'], { message: '劳动能力不正确' }).nullish(),
  health: z.enum(['healthy', 'chronic', 'serious'], { message: '健康状况不正确' }).nullish(),
  bankName: optText(60),
  bankAccount: z
    .string()
    .trim()
    .regex(/^[0-9 ]{6,40}$/, '银行账号应为数字')
    .nullish(),
  cardAccount: z
    .string()
    .trim()
    .regex(/^[0-9 ]{6,40}$/, '一卡通账号应为数字')
    .nullish(),
  remark: optText(500),
});
export type PersonInput = z.input<typeof personInput>;

const relation = z.enum(['户主', '配偶', '子', '女', '父亲', '母亲', '孙子女', '兄弟姐妹', '其他'], {
  message: '请选择与户主关系',
});

const householdFields = {
  villageId: id,
  hukouType: area,
  address: optText(200),
  phone: optText(30),
  /** 家庭年总收入 (authoritative); per-capita is computed from it once. */
  annualIncomeFen: fen('家庭年收入'),
  assetsNote: optText(1000),
  povertyCause: z.enum(['illness', 'disability', 'education', 'disaster', 'no_labour', 'other']).nullish(),
  bankName: optText(60),
  bankAccount: z
    .string()
    .trim()
    .regex(/^[0-9 ]{6,40}$/, '银行账号应为数字')
    .nullish(),
};

export interface PersonView {
  id: string;
  name: string;
  /** Masked: the last 4 characters only (src/shared/mask.ts). */
  idNumberMasked: string | null;
  idLegacy: boolean;
  sex: 'M' | 'F' | null;
  /** Only for a person without an ID number (entered by hand); otherwise null — the age is shown instead. */
  birthDate: string | null;
  age: number | null;
  hukouType: AreaValue | null;
  phone: string | null;
  disabilityType: string | null;
  disabilityGrade: number | null;
  disabilityCert: string | null;
  labourCapacity: 'full' | 'partial' | 'none' | null;
  health: 'healthy' | 'chronic' | 'serious' | null;
  selfCare: 'able' | 'partial' | 'unable' | null;
  bankName: string | null;
  /** Masked to the last 4 digits. */
  bankAccountMasked: string | null;
  cardAccountMasked: string | null;
  deceasedOn: string | null;
  remark: string | null;
  version: number;
}

export interface MemberView extends PersonView {
  memberId: string;
  personId: string;
  relation: string;
  joinedOn: string;
  leftOn: string | null;
  leftReason: string | null;
  isHead: boolean;
}

export interface HouseholdView {
  id: string;
  villageId: string;
  villageName: string;
  headPersonId: string | null;
  headName: string | null;
  hukouType: AreaValue;
  address: string | null;
  phone: string | null;
  annualIncomeFen: number;
  /** Current (living) members. */
  size: number;
  /** round(annual / 12 / size), computed once here. */
  perCapitaMonthlyIncomeFen: number;
  assetsNote: string | null;
  povertyCause: string | null;
  bankName: string | null;
  bankAccountMasked: string | null;
  status: 'active' | 'closed';
  version: number;
}

export interface HouseholdRow {
  id: string;
  villageId: string;
  villageName: string;
  headName: string | null;
  headIdMasked: string | null;
  size: number;
  address: string | null;
  /** Categories of the household's open cases (in payment or in progress). */
  categories: Category[];
  /** in_payment > in_progress > ended > none. */
  caseStatus: 'in_payment' | 'in_progress' | 'ended' | 'none';
  /** Earliest pending deadline or re-check date among its cases. */
  nextDueOn: string | null;
  /** With a text search: the member it found when that is not the head (the list says 匹配：name). */
  matchedMember?: string | null;
  overdue: boolean;
}

export interface CaseRow {
  id: string;
  householdId: string;
  personId: string | null;
  /** The case's person (individual categories) or the household head. */
  name: string | null;
  villageName: string;
  category: Category;
  area: AreaValue;
  singlePerson: boolean;
  status: CaseStatusValue;
  caseNo: string | null;
  appliedOn: string;
  startMonth: string | null;
  stopMonth: string | null;
  monthlyAmountFen: number | null;
  grantAmountFen: number | null;
  coveredPersons: number;
  kinOfStaff: boolean;
  dueTask: DueTask | null;
  dueOn: string | null;
  nextRecheckOn: string | null;
  /** Imported in a batch that waits for a reviewer (导入待确认): not on the roll nor in the figures until confirmed. */
  pendingBatchId?: string | null;
}

export interface StepView {
  id: string;
  step: string;
  /** zh-CN name of the step. */
  label: string;
  onDate: string;
  actorName: string;
  detail: Record<string, unknown> | null;
}

export interface AmountView {
  id: string;
  effectiveMonth: string;
  amountFen: number;
  baseFen: number;
  supplementFen: number;
  kind: 'initial' | 'increase' | 'decrease' | 'taper' | 'standard' | 'correction';
  reason: string | null;
  createdAt: string;
}

export interface CaseDetail extends CaseRow {
  supportMode: 'centralized' | 'dispersed' | null;
  careGrade: 'full' | 'partial' | 'none' | null;
  linshiType: 'emergency' | 'expenditure' | null;
  advanceAid: boolean;
  reservePaid: boolean;
  paperworkDoneOn: string | null;
  band: string | null;
  specialCase: boolean;
  acceptedOn: string | null;
  decidedOn: string | null;
  stopReason: string | null;
  taperUntilMonth: string | null;
  kinNote: string | null;
  recheckCycle: RecheckCycle | null;
  overallDueOn: string | null;
  createdById: string;
  createdByName: string;
  members: { personId: string; name: string; startMonth: string; stopMonth: string | null }[];
  amounts: AmountView[];
  steps: StepView[];
  /** What the caller may do next (the UI shows these buttons). */
  actions: string[];
  /**
   * Actions listed in `actions` that cannot be done yet, with the reason shown beside the disabled button (e.g.
   * endPublicity before the 公示 period has ended).
   */
  notYet: Record<string, string>;
  /** The current 公示: start, last day, and the day 公示期满 was recorded (null when not publicised). */
  publicity: { startOn: string; endsOn: string; endedOn: string | null } | null;
  /** Covered persons without a checked ID number and without a recorded exception (审核确认 is refused while any). */
  unidentified: { personId: string; name: string; problem: 'missing' | 'legacy' }[];
  /** What the clerk should know now (e.g. no 保障标准 for the category yet: the amount cannot be computed). */
  warnings: string[];
  version: number;
}

export interface HistoryEntry {
  at: string;
  actorName: string;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
  reason: string | null;
}

export interface AssessmentView {
  id: string;
  personId: string;
  assessedOn: string;
  assessor: string;
  items: SelfCareItems;
  notAchieved: number;
  grade: 'able' | 'partial' | 'unable';
}

export interface SelfCareItems {
  eat: boolean;
  dress: boolean;
  bed: boolean;
  toilet: boolean;
  walk: boolean;
  bathe: boolean;
}

export interface HouseholdPage {
  household: HouseholdView;
  members: MemberView[];
  /** Former members (left_on set), newest first. */
  formerMembers: MemberView[];
  cases: CaseRow[];
  assessments: AssessmentView[];
  /** From the journal: the household, its members and its cases, newest first (ID numbers masked). */
  history: HistoryEntry[];
}

export interface IdCheckResult {
  ok: boolean;
  message: string | null;
  legacy: boolean;
  birthDate: string | null;
  sex: 'M' | 'F' | null;
  /** Set when the number is already in the ledger. */
  existing: { personId: string; name: string; householdId: string | null; villageName: string | null } | null;
}

// ---------- cases ----------

export interface AmountCalc {
  month: string;
  standardMonth: string | null;
  baseFen: number;
  supplementFen: number;
  amountFen: number;
  coveredPersons: number;
  perCapitaMonthlyIncomeFen: number | null;
  /** Lines explaining the computation in Chinese, for the approval form. */
  explain: string[];
}

export interface WorkItem {
  caseId: string;
  householdId: string;
  name: string | null;
  villageName: string;
  category: Category;
  task: DueTask | 'recheck' | 'taper_end';
  taskLabel: string;
  dueOn: string;
  overdue: boolean;
  /** Working days from today to dueOn (negative when overdue). */
  workingDaysLeft: number;
  turn: 'clerk' | 'reviewer';
  /** Who should act: the clerk who entered the case, or "审核人" for approvals. */
  assigneeName: string;
  kinOfStaff: boolean;
}

export interface ExclusionRuleView {
  code: string;
  text: string;
}

// ---------- settings & standards ----------

export interface DeadlineSetting {
  /** 受理后开始调查 (working days). */
  investigateDays: number;
  /** 受理后完成调查和初审 (working days). */
  townshipDays: number;
  /** 公示 length; null = no 公示 (事实无人抚养儿童). */
  publicity: { days: number; working: boolean } | null;
  /** 审核确认 after the township's materials (working days). */
  countyDays: number;
  /** 受理到决定 overall (working days), and for 特殊情况. */
  overallDays: number;
  overallSpecialDays: number;
}

export interface CaseSettings {
  deadlines: Record<Category, DeadlineSetting>;
  recheck: Record<Category, RecheckCycle | null>;
  /** 分类施保: who counts as elderly / minor, and whether several supplements add up or the highest applies. */
  supplementRules: { elderlyAge: number; minorAge: number; stacking: 'highest' | 'sum' };
  /** 低保边缘: income below this multiple of the 低保 standard. */
  bianyuanMultiple: number;
  taperMaxMonths: number;
  deathRecheckMonths: number;
  /** 刚性支出困难家庭: validity in months, then re-apply. */
  gangxingValidityMonths: number;
  /** 临时救助: 小额 limit (township approval from 备用金) and the cap as a multiple of the monthly 低保 standard. */
  linshi: { smallLimitFen: number; maxStandardMultiple: number };
  /** 重度残疾人护理补贴 extended to 三、四级 智力/精神 disability. */
  canjiCareMentalExtension: boolean;
}

export interface StandardEntry {
  id: string;
  category: Exclude<Category, 'linshi'>;
  area: AreaValue;
  effectiveMonth: string;
  /** 低保: monthly standard per person. */
  standardFen?: number;
  /** 低保: 差额 (gap) or 分档 (band). */
  method?: 'gap' | 'band';
  bands?: { code: string; label: string; perPersonFen: number }[];
  /** 低保 分类施保 per person per month. */
  supplements?: { elderlyFen: number; minorFen: number; severeDisabilityFen: number; seriousIllnessFen: number };
  /** 特困: 基本生活标准 and 照料护理 by grade. */
  basicFen?: number;
  careFen?: { full: number; partial: number; none: number };
  /** Flat monthly amounts: 边缘/刚性 (per person), 困难残疾人生活补贴, 事实无人抚养儿童. */
  monthlyFen?: number;
  /** 重度残疾人护理补贴 by disability grade. */
  grade1Fen?: number;
  grade2Fen?: number;
  otherFen?: number;
  /** 孤儿: 集中养育 / 社会散居. */
  centralizedFen?: number;
  dispersedFen?: number;
  createdAt: string;
  createdByName: string;
}

export interface StandardProposal {
  caseId: string;
  caseVersion: number;
  householdId: string;
  name: string | null;
  villageName: string;
  category: Category;
  currentFen: number;
  proposedFen: number;
  proposedBaseFen: number;
  proposedSupplementFen: number;
  standardMonth: string;
  explain: string[];
}

// ---------- rolls ----------

export interface RollView {
  id: string;
  month: string;
  status: 'draft' | 'confirmed';
  lineCount: number;
  totalFen: number;
  generatedAt: string;
  generatedByName: string;
  confirmedAt: string | null;
  confirmedByName: string | null;
  byCategory: { category: Category; area: AreaValue; lines: number; persons: number; totalFen: number }[];
  version: number;
}

export interface RollDiff {
  /** What the comparison is against: the previous month's confirmed roll, or (if none) its computation. */
  previousSource: 'confirmed_roll' | 'draft_roll' | 'computed';
  added: RollDiffRow[];
  removed: RollDiffRow[];
  changed: RollDiffRow[];
}

/** A month (up to the one asked about) whose payment roll is not confirmed: never generated, or still a draft. */
export interface RollGap {
  month: string;
  status: 'missing' | 'draft';
}

/** What the reviewer is shown before confirming a roll (the confirmation dialog), and what stands in the way. */
export interface RollConfirmPreview {
  month: string;
  version: number;
  lineCount: number;
  persons: number;
  totalFen: number;
  previous: { month: string; status: 'confirmed' | 'draft' | 'missing'; lineCount: number; totalFen: number };
  /** totalFen − previous.totalFen (previous = the previous month's roll, or its computation when there is none). */
  differenceFen: number;
  added: number;
  removed: number;
  changed: number;
  /** Earlier months whose roll is missing or still a draft (a warning the reviewer must acknowledge). */
  earlier: RollGap[];
  /** Why the roll cannot be confirmed now (maker-checker, changed since generated, already confirmed). */
  blockers: string[];
}

export interface RollDiffRow {
  caseId: string;
  name: string;
  villageName: string;
  category: Category;
  previousFen: number | null;
  currentFen: number | null;
}

export interface RollLineView {
  caseId: string;
  villageName: string;
  payeeName: string;
  idNumberMasked: string | null;
  category: Category;
  area: AreaValue;
  persons: number;
  amountFen: number;
  baseFen: number;
  supplementFen: number;
  bankAccountMasked: string | null;
}

export interface PrintableRoll {
  township: string;
  month: string;
  status: 'draft' | 'confirmed';
  generatedByName: string;
  confirmedByName: string | null;
  villages: {
    villageName: string;
    lines: (RollLineView & { seq: number })[];
    persons: number;
    totalFen: number;
  }[];
  persons: number;
  totalFen: number;
}

export interface PublicitySheet {
  villageName: string;
  rows: {
    name: string;
    category: Category;
    householdSize: number;
    coveredPersons: number;
    amountFen: number | null;
    /** The case's 公示: first and last day (publicizing sheets only). */
    publicityStartOn: string | null;
    publicityEndsOn: string | null;
  }[];
}

// ---------- inputs reused ----------

const standardInput = z.object({
  category: z.enum(['dibao', 'tekun', 'bianyuan', 'gangxing', 'canji_living', 'canji_care', 'guer', 'wurenfuyang'], {
    message: '请选择保障类别',
  }),
  area,
  effectiveMonth: month('起始月份'),
  standardFen: fen('低保标准').optional(),
  method: z.enum(['gap', 'band']).optional(),
  bands: z
    .array(
      z.object({
        code: z.string().trim().min(1, '请填写档次代码'),
        label: z.string().trim().min(1),
        perPersonFen: fen('档次金额'),
      }),
    )
    .optional(),
  supplements: z
    .object({
      elderlyFen: fen('老年人施保金'),
      minorFen: fen('未成年人施保金'),
      severeDisabilityFen: fen('重度残疾人施保金'),
      seriousIllnessFen: fen('重病患者施保金'),
    })
    .optional(),
  basicFen: fen('基本生活标准').optional(),
  careFen: z.object({ full: fen('全护理标准'), partial: fen('半护理标准'), none: fen('全自理标准') }).optional(),
  monthlyFen: fen('月标准').optional(),
  grade1Fen: fen('一级标准').optional(),
  grade2Fen: fen('二级标准').optional(),
  otherFen: fen('其他等级标准').optional(),
  centralizedFen: fen('集中养育标准').optional(),
  dispersedFen: fen('社会散居标准').optional(),
});

const deadlineInput = z.object({
  investigateDays: z.number().int().min(1).max(60),
  townshipDays: z.number().int().min(1).max(90),
  publicity: z.object({ days: z.number().int().min(1).max(30), working: z.boolean() }).nullable(),
  countyDays: z.number().int().min(1).max(90),
  overallDays: z.number().int().min(1).max(180),
  overallSpecialDays: z.number().int().min(1).max(180),
});

const caseRef = { id, version };

export const casesApi = {
  // ----- people & households -----
  /** Household list: search by name, ID number (full or last digits) or pinyin initials; filters; paged. */
  'households.list': method<Page<HouseholdRow>>()({
    input: z.object({
      q: z.string().trim().max(40).optional(),
      villageId: z.string().optional(),
      category: category.optional(),
      caseStatus: z.enum(['in_payment', 'in_progress', 'ended', 'none']).optional(),
      due: z.enum(['overdue', 'soon']).optional(),
      includeClosed: z.boolean().optional(),
      ...paging,
    }),
    access: 'clerk',
  }),
  /** The household page: household, members (current and former), cases, assessments, history. */
  'households.get': method<HouseholdPage>()({ input: z.object({ id }), access: 'clerk' }),
  /** A new household with its head (relation 户主) and members; every ID number is checked (GB 11643). */
  'households.create': method<HouseholdPage>()({
    input: z.object({
      ...householdFields,
      joinedOn: date('入户日期').optional(),
      members: z.array(personInput.extend({ relation })).min(1, '请至少录入户主'),
    }),
    access: 'clerk',
    write: true,
  }),
  'households.update': method<HouseholdView>()({
    input: z.object({ id, version, ...householdFields, reason: optText(500) }),
    access: 'clerk',
    write: true,
  }),
  /** Adds a new person, or an existing person who is in no household now (personId). */
  'households.addMember': method<HouseholdPage>()({
    input: z.object({
      householdId: id,
      relation,
      joinedOn: date('入户日期'),
      person: personInput.optional(),
      personId: z.string().optional(),
    }),
    access: 'clerk',
    write: true,
  }),
  /** A member leaves (迁出, 分户 …); the membership row is ended, never deleted. */
  'households.removeMember': method<HouseholdPage>()({
    input: z.object({ householdId: id, personId: id, leftOn: date('离户日期'), reason }),
    access: 'clerk',
    write: true,
  }),
  /** Moves a person from their household to another (history kept in both). */
  'households.moveMember': method<HouseholdPage>()({
    input: z.object({ personId: id, toHouseholdId: id, relation, on: date('迁入日期'), reason }),
    access: 'clerk',
    write: true,
  }),
  'households.setHead': method<HouseholdPage>()({
    input: z.object({ id, version, personId: id, reason }),
    access: 'clerk',
    write: true,
  }),
  /** Validate-as-you-type for an ID number: derived birth date and sex, and whether it is already in the ledger. */
  'people.checkId': method<IdCheckResult>()({
    input: z.object({
      idNumber: z.string().max(30),
      sex: z.enum(['M', 'F']).nullish(),
      birthDate: z.string().nullish(),
    }),
    access: 'clerk',
  }),
  /** People search for pickers (same search as the household list); masked. */
  'people.search': method<Page<PersonView & { householdId: string | null; villageName: string | null }>>()({
    input: z.object({ q: z.string().trim().min(1, '请输入姓名、身份证号或拼音首字母').max(40), ...paging }),
    access: 'clerk',
  }),
  /** idNumber, bankAccount and cardAccount left out mean "unchanged" (views only carry them masked); null clears. */
  'people.update': method<PersonView>()({
    input: personInput.extend({ id, version, reason: optText(500) }),
    access: 'clerk',
    write: true,
  }),
  /** The full ID number; the view is journalled with the reason. */
  'people.revealId': method<{ idNumber: string | null }>()({
    input: z.object({ id, reason: z.string().trim().min(2, '请填写查看完整身份证号的原因').max(200) }),
    access: 'clerk',
  }),
  /** 生活自理能力评估 (6 items) -> grade; updates the person's self-care grade. */
  'people.assessSelfCare': method<AssessmentView>()({
    input: z.object({
      personId: id,
      assessedOn: date('评估日期'),
      assessor: z.string().trim().min(1, '请填写评估人').max(60),
      items: z.object({
        eat: z.boolean(),
        dress: z.boolean(),
        bed: z.boolean(),
        toilet: z.boolean(),
        walk: z.boolean(),
        bathe: z.boolean(),
      }),
    }),
    access: 'clerk',
    write: true,
  }),
  /** Records a death: the person leaves the cases that cover them from next month; re-check due within 3 months. */
  'people.recordDeath': method<{ affectedCaseIds: string[]; recheckDueOn: string }>()({
    input: z.object({ id, version, diedOn: date('死亡日期') }),
    access: 'clerk',
    write: true,
  }),

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

  // ----- settings, standards, 备用金 -----
  'caseSettings.get': method<CaseSettings & { version: number }>()({ input: z.object({}), access: 'clerk' }),
  'caseSettings.put': method<CaseSettings & { version: number }>()({
    input: z.object({
      version: z.number().int().min(0),
      deadlines: z.partialRecord(category, deadlineInput).optional(),
      recheck: z.partialRecord(category, z.enum(['yearly', 'half_yearly', 'quarterly']).nullable()).optional(),
      supplementRules: z
        .object({
          elderlyAge: z.number().int().min(50).max(100),
          minorAge: z.number().int().min(1).max(25),
          stacking: z.enum(['highest', 'sum']),
        })
        .optional(),
      bianyuanMultiple: z.number().min(1).max(5).optional(),
      taperMaxMonths: z.number().int().min(1).max(12).optional(),
      deathRecheckMonths: z.number().int().min(1).max(12).optional(),
      gangxingValidityMonths: z.number().int().min(1).max(36).optional(),
      linshi: z.object({ smallLimitFen: fen('小额上限'), maxStandardMultiple: z.number().min(0).max(100) }).optional(),
      canjiCareMentalExtension: z.boolean().optional(),
    }),
    access: 'reviewer',
    write: true,
  }),
  'standards.list': method<StandardEntry[]>()({
    input: z.object({ category: category.optional() }),
    access: 'clerk',
  }),
  /** Adds a dated standard (per category and area, effective from a month). Never rewrites approved amounts. */
  'standards.put': method<StandardEntry>()({ input: standardInput, access: 'reviewer', write: true }),
  /** Cases whose amount the standard in force for `month` would change (nothing is written). */
  'standards.propose': method<StandardProposal[]>()({
    input: z.object({ month: month('月份'), category: category.optional() }),
    access: 'clerk',
  }),
  /** Confirms proposals: each becomes a case_amounts row (kind 'standard') effective in `month`. */
  'standards.confirm': method<{ confirmed: number }>()({
    input: z.object({
      month: month('月份'),
      items: z.array(z.object({ caseId: id, caseVersion: version })).min(1, '请选择要调整的对象'),
      lockReason,
    }),
    access: 'clerk',
    write: true,
  }),
  /** 临时救助备用金 balance. */
  'reserve.get': method<{ balanceFen: number; version: number }>()({ input: z.object({}), access: 'clerk' }),
  'reserve.topUp': method<{ balanceFen: number; version: number }>()({
    input: z.object({
      version: z.number().int().min(0),
      amountFen: fen('拨付金额').min(1, '拨付金额应大于 0'),
      reason,
    }),
    access: 'reviewer',
    write: true,
  }),

  // ----- payment roll -----
  'rolls.list': method<RollView[]>()({ input: z.object({}), access: 'clerk' }),
  /** Builds (or rebuilds, while a draft) the roll for a month from the cases in payment that month. */
  'rolls.generate': method<RollView & { diff: RollDiff }>()({
    input: z.object({ month: month('月份'), lockReason }),
    access: 'clerk',
    write: true,
  }),
  'rolls.get': method<RollView & { diff: RollDiff }>()({ input: z.object({ month: month('月份') }), access: 'clerk' }),
  'rolls.lines': method<Page<RollLineView>>()({
    input: z.object({
      month: month('月份'),
      villageId: z.string().optional(),
      category: category.optional(),
      ...paging,
    }),
    access: 'clerk',
  }),
  /** The confirmation dialog's facts: totals, the difference from last month, earlier months not confirmed. */
  'rolls.confirmPreview': method<RollConfirmPreview>()({
    input: z.object({ month: month('月份') }),
    access: 'reviewer',
  }),
  /**
   * A reviewer other than the generator confirms; the roll is then locked. When an earlier month's roll is missing
   * or a draft, acknowledgeEarlier must be true (the reviewer saw the warning).
   */
  'rolls.confirm': method<RollView>()({
    input: z.object({ month: month('月份'), version, acknowledgeEarlier: z.boolean().optional() }),
    access: 'reviewer',
    write: true,
  }),
  /** Bank file (UTF-8 with BOM CSV) of a confirmed roll; the export is journalled and kept beside the ledger. */
  'rolls.exportBank': method<{ fileName: string; path: string; content: string; lines: number; totalFen: number }>()({
    input: z.object({
      month: month('月份'),
      includeIdNumbers: z.boolean().optional(),
      /** Required (2+ characters) with includeIdNumbers: the purpose, journalled and written on the file. */
      reason: z.string().trim().max(200, '用途不能超过 200 字').optional(),
    }),
    access: 'reviewer',
    write: true,
  }),
  /** The printable roll, grouped by village (ID numbers masked). */
  'rolls.printable': method<PrintableRoll>()({
    input: z.object({ month: month('月份'), villageId: z.string().optional() }),
    access: 'clerk',
  }),
};
