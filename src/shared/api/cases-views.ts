// What the cases slice answers about people, households and cases (the method table is in cases.ts).
import type { AreaValue, CaseStatusValue, Category, DueTask, RecheckCycle } from './cases-values';

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
