// What the 养老服务 slice's methods answer (the method table is in stations.ts).
import type {
  ElderlyCategoryValue,
  FacilityStatusValue,
  FacilityTypeValue,
  RiskLevelValue,
  ServiceItemValue,
  VisitWayValue,
  LEGAL_FORMS,
  LICENCE_KINDS,
  OPERATING_MODELS,
  PREMISES,
  SUBSIDY_KINDS,
} from './stations-inputs';
import type { VisitedPersonSummary } from './fields';

// ── outputs ──
export interface RatingView {
  id: string;
  scheme: 'star' | 'level';
  grade: number;
  /** 三星级 / 三级. */
  label: string;
  score: number | null;
  ratedOn: string;
  validUntil: string;
  ratedBy: string;
  voided: boolean;
  voidReason: string | null;
  /** Valid today. */
  current: boolean;
  version: number;
}

export interface LicenceView {
  id: string;
  kind: (typeof LICENCE_KINDS)[number];
  number: string;
  issuer: string | null;
  issuedOn: string;
  expiresOn: string | null;
  voided: boolean;
  voidReason: string | null;
  /** 'valid' | 'expiring' (within 60 days) | 'expired' | 'voided'. */
  state: 'valid' | 'expiring' | 'expired' | 'voided';
  version: number;
}

export interface SubsidyView {
  id: string;
  kind: (typeof SUBSIDY_KINDS)[number];
  amountFen: number;
  grantedOn: string;
  period: string | null;
  documentNo: string | null;
  /** The rating an operating subsidy was granted on, as its label (三星级). */
  ratingLabel: string | null;
  voided: boolean;
  voidReason: string | null;
  version: number;
}

export interface FacilitySummary {
  id: string;
  name: string;
  type: FacilityTypeValue;
  villageId: string | null;
  villageName: string | null;
  address: string;
  operatorName: string;
  status: FacilityStatusValue;
  openedOn: string | null;
  closedOn: string | null;
  bedsTotal: number;
  bedsOccupied: number;
  /** Current rating label (三星级 / 二级) or null. */
  rating: string | null;
  openRectifications: number;
  overdueRectifications: number;
  version: number;
}

export interface FacilityView extends FacilitySummary {
  operatorUscc: string | null;
  legalForm: (typeof LEGAL_FORMS)[number];
  operatingModel: (typeof OPERATING_MODELS)[number];
  premises: (typeof PREMISES)[number] | null;
  contactName: string | null;
  contactPhone: string | null;
  closeReason: string | null;
  bedsNursing: number;
  staffCount: number;
  carerCount: number;
  serviceItems: ServiceItemValue[];
  remark: string | null;
  ratingScheme: 'star' | 'level';
  licences: LicenceView[];
  ratings: RatingView[];
  subsidies: SubsidyView[];
  subsidyTotalFen: number;
}

export interface FacilityMonthView {
  id: string;
  facilityId: string;
  month: string;
  mealsServed: number;
  mealsSubsidised: number;
  served: Partial<Record<ServiceItemValue, number>>;
  bedsOccupied: number;
  note: string | null;
  version: number;
}

export interface InspectionView {
  id: string;
  facilityId: string;
  facilityName: string;
  inspectedOn: string;
  kind: string;
  inspectors: string;
  findings: string;
  status: 'none' | 'open' | 'closed';
  rectifyBy: string | null;
  rectifiedOn: string | null;
  rectificationNote: string | null;
  /** Open and past its deadline. */
  overdue: boolean;
  version: number;
}

export interface ComplaintView {
  id: string;
  facilityId: string;
  receivedOn: string;
  channel: string;
  complainant: string | null;
  content: string;
  status: 'open' | 'closed';
  handledOn: string | null;
  result: string | null;
  version: number;
}

export interface ElderlySummary extends VisitedPersonSummary {
  categories: ElderlyCategoryValue[];
  riskLevel: RiskLevelValue;
  /** The person exists in the case ledger (救助台账) with the same ID number. */
  inCaseLedger: boolean;
}

export interface ElderlyView extends ElderlySummary {
  /** Year of birth only: the full date beside a masked ID number would give the number back (docs/DATA-SAFETY.md). */
  birthYear: string;
  address: string | null;
  phone: string | null;
  contactName: string | null;
  contactPhone: string | null;
  registeredOn: string;
  endedOn: string | null;
  endReason: string | null;
  remark: string | null;
  /** Categories the case ledger knows this person under (低保, 特困 …), for the visitor's context. */
  caseCategories: string[];
}

export interface VisitView {
  id: string;
  elderlyId: string;
  visitedOn: string;
  way: VisitWayValue;
  visitor: string;
  findings: string;
  problems: string | null;
  referral: string | null;
  voided: boolean;
  voidReason: string | null;
  createdBy: string;
  version: number;
}

export interface ServiceRecordView {
  id: string;
  elderlyId: string;
  kind: 'home_adaptation' | 'meal';
  onDate: string | null;
  month: string | null;
  items: string | null;
  contractor: string | null;
  facilityId: string | null;
  facilityName: string | null;
  meals: number | null;
  subsidyFen: number;
  voided: boolean;
  voidReason: string | null;
  version: number;
}

export interface VisitRateRow {
  villageId: string;
  villageName: string;
  /** On the register at the month's end. */
  registered: number;
  due: number;
  done: number;
  /** done / due, null when nobody was due. */
  rate: number | null;
}

export interface VisitRateReport {
  month: string;
  rows: VisitRateRow[];
  total: VisitRateRow;
}

export interface ElderlySettings {
  visitPlan: Record<RiskLevelValue, { every: number; unit: 'day' | 'month' }>;
  ratingValidityYears: number;
  version: number | null;
}

/** The month's elderly-services figures for the report package (computeElderlyFigures). */
export interface ElderlyFigures {
  month: string;
  facilities: {
    /** Status as of the month's last day; facilities entered after the month are not counted. */
    byType: { type: FacilityTypeValue; building: number; operating: number; closed: number; total: number }[];
    byStatus: { building: number; operating: number; closed: number };
    total: number;
    /** Closed during the month. */
    closedInMonth: number;
    /** Opened during the month. */
    openedInMonth: number;
  };
  beds: {
    /** Beds of facilities operating at the month's end (current bed counts). */
    total: number;
    nursing: number;
    /** Sum of the month's reported occupancy (月末在住) of those facilities. */
    occupied: number;
  };
  meals: { served: number; subsidised: number };
  /** Operating facilities that have not entered this month's figures (cross-check for the package). */
  missingMonthly: { facilityId: string; name: string }[];
  elderly: {
    /** On the register at the month's end. */
    total: number;
    byCategory: Record<ElderlyCategoryValue, number>;
    byRisk: Record<RiskLevelValue, number>;
  };
  visits: {
    due: number;
    done: number;
    /** done / due, null when nobody was due. */
    rate: number | null;
    /** Visit records dated in the month. */
    records: number;
  };
}
