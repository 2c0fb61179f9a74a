// Tables of the elderly-services ledger (养老服务台账): service facilities with their licences, ratings, subsidies,
// monthly figures, safety inspections and complaints; the register of elderly people with special difficulties
// (特殊困难老年人) and their visits. Created by migrations/0003_elderly.ts. Enum meanings: src/shared/labels.ts.
import type { RegisteredPersonRow, StampedRow, VisitRow, VoidableRow } from '../kernel';

/** 设施类型. */
export type FacilityType =
  | 'center' // 街道/乡镇养老服务中心
  | 'station' // 社区养老服务站
  | 'mutual_aid' // 农村互助养老点/睦邻点
  | 'meal_point' // 助餐点/老年食堂
  | 'nursing_home' // 敬老院/供养服务机构
  | 'other';

/** 建设中 / 运营中 / 停止运营. */
export type FacilityStatus = 'building' | 'operating' | 'closed';
/** 运营方式: 公办公营 / 公建民营 / 民办民营. */
export type OperatingModel = 'public_public' | 'public_private' | 'private_private';
/** 单位性质: 事业法人 / 民非法人 / 工商法人 / 未登记. */
export type LegalForm = 'public_institution' | 'private_non_enterprise' | 'company' | 'unregistered';
/** 用房性质: 自有 / 租赁 / 无偿使用 / 其他. */
export type Premises = 'owned' | 'leased' | 'lent' | 'other';

export interface FacilitiesTable extends StampedRow {
  name: string;
  type: FacilityType;
  village_id: string | null;
  address: string;
  operator_name: string;
  /** GB 32100 统一社会信用代码 of the operator, normalised; null for an unregistered operator (未登记). */
  operator_uscc: string | null;
  legal_form: LegalForm;
  operating_model: OperatingModel;
  premises: Premises | null;
  contact_name: string | null;
  contact_phone: string | null;
  /** 开办/开业日期; null while 建设中. */
  opened_on: string | null;
  status: FacilityStatus;
  closed_on: string | null;
  close_reason: string | null;
  beds_total: number;
  beds_nursing: number;
  beds_occupied: number;
  staff_count: number;
  carer_count: number;
  /** JSON array of ServiceItem codes (助餐, 助浴 …). */
  service_items: string;
  remark: string | null;
}

/** 许可/备案 kinds: 养老机构备案/设立许可, 食品经营许可, 医疗机构执业许可, 消防. */
export type LicenceKind = 'elderly_care' | 'food' | 'medical' | 'fire' | 'other';

export interface FacilityLicencesTable extends VoidableRow {
  facility_id: string;
  kind: LicenceKind;
  number: string;
  issuer: string | null;
  issued_on: string;
  /** null = no expiry (e.g. 备案). */
  expires_on: string | null;
}

/** 星级 (stations: 1–5 stars) or 等级 (institutions: 一级–五级, GB/T 37276). */
export type RatingScheme = 'star' | 'level';

export interface FacilityRatingsTable extends VoidableRow {
  facility_id: string;
  scheme: RatingScheme;
  grade: number;
  /** 评定总分, when the evaluation gives one. */
  score: number | null;
  rated_on: string;
  /** Last day the rating is valid. */
  valid_until: string;
  rated_by: string;
}

/** 运营补贴 (needs a rating valid on the day it is granted) / 建设补贴 / 其他. */
export type SubsidyKind = 'operating' | 'construction' | 'other';

export interface FacilitySubsidiesTable extends VoidableRow {
  facility_id: string;
  kind: SubsidyKind;
  amount_fen: number;
  /** 拨付日期. */
  granted_on: string;
  /** 所属期间, e.g. '2026' or '2026-07' or '2026年上半年' (free text as the notice says). */
  period: string | null;
  /** The rating an operating subsidy was granted on (snapshot of scheme/grade kept in the journal). */
  rating_id: string | null;
  document_no: string | null;
}

/** One row per facility-month: 助餐 counts, people served per service item, occupancy. */
export interface FacilityMonthsTable extends StampedRow {
  facility_id: string;
  month: string;
  meals_served: number;
  meals_subsidised: number;
  /** JSON object ServiceItem -> number of people served that month. */
  served: string;
  /** 月末在住/入住人数 (occupied beds at month end). */
  beds_occupied: number;
  note: string | null;
}

/** 安全检查: 'none' = no hazard found; 'open' = rectification pending; 'closed' = rectified and checked. */
export type InspectionStatus = 'none' | 'open' | 'closed';

export interface FacilityInspectionsTable extends StampedRow {
  facility_id: string;
  inspected_on: string;
  /** 日常检查/专项检查/消防检查/食品安全检查/其他. */
  kind: string;
  inspectors: string;
  findings: string;
  status: InspectionStatus;
  /** 整改期限. */
  rectify_by: string | null;
  rectified_on: string | null;
  rectification_note: string | null;
}

export interface FacilityComplaintsTable extends StampedRow {
  facility_id: string;
  received_on: string;
  /** 电话/来访/信件/网络/12345热线/其他. */
  channel: string;
  complainant: string | null;
  content: string;
  status: 'open' | 'closed';
  handled_on: string | null;
  result: string | null;
}

/** 特殊困难老年人类别. */
export type ElderlyCategory =
  | 'alone' // 独居
  | 'empty_nest' // 空巢
  | 'left_behind' // 留守
  | 'disabled' // 失能
  | 'severe_disability' // 重残
  | 'family_planning'; // 计划生育特殊家庭

/** 风险等级: 高风险 / 重点 / 一般 — decides the visit frequency (settings). */
export type RiskLevel = 'high' | 'key' | 'general';

export interface ElderlyPeopleTable extends RegisteredPersonRow {
  phone: string | null;
  /** JSON array of ElderlyCategory. */
  categories: string;
  risk_level: RiskLevel;
  /** 赡养人/紧急联系人. */
  contact_name: string | null;
  contact_phone: string | null;
}

/** 探访方式 (the 7 ways of the local rules plus 视频). */
export type VisitWay = 'home' | 'phone' | 'video' | 'im' | 'third_party' | 'volunteer' | 'neighbour' | 'smart_alert';

export interface ElderlyVisitsTable extends VisitRow<VisitWay> {
  elderly_id: string;
}

/**
 * Services a person received, where the township keeps them: 居家适老化改造 (one row per completed adaptation, dated
 * on acceptance) and 助餐 (one row per person, facility and month, with the meals and the subsidy).
 */
export interface ElderlyServicesTable extends VoidableRow {
  elderly_id: string;
  kind: 'home_adaptation' | 'meal';
  /** 验收日期 (home_adaptation). */
  on_date: string | null;
  /** 'YYYY-MM' (meal). */
  month: string | null;
  /** 改造项目 (home_adaptation). */
  items: string | null;
  /** 施工单位 (home_adaptation). */
  contractor: string | null;
  /** 助餐点 (meal). */
  facility_id: string | null;
  /** 就餐次数 (meal). */
  meals: number | null;
  /** 补贴金额 in fen. */
  subsidy_fen: number;
}

export interface ElderlyTables {
  facilities: FacilitiesTable;
  facility_licences: FacilityLicencesTable;
  facility_ratings: FacilityRatingsTable;
  facility_subsidies: FacilitySubsidiesTable;
  facility_months: FacilityMonthsTable;
  facility_inspections: FacilityInspectionsTable;
  facility_complaints: FacilityComplaintsTable;
  elderly_people: ElderlyPeopleTable;
  elderly_visits: ElderlyVisitsTable;
  elderly_services: ElderlyServicesTable;
}
