// Tables of the 社会组织台账 (created by migrations/0004_orgs.ts). One `orgs` table holds both registered
// organizations and community organizations under 备案: they share the list, search, party-building, terms and
// events, and a CHECK keeps each registry's required fields filled. Dates 'YYYY-MM-DD', money integer fen.
import type { StampedRow } from '../kernel';
import type {
  CommunityOrgType,
  InspectionResult,
  OrgEventKind,
  OrgKind,
  OrgRegistry,
  OrgStatus,
  RatingEndKind,
  TermStatus,
} from '../../../shared/api/orgs';

export interface OrgsTable extends StampedRow {
  registry: OrgRegistry;
  name: string;
  kind: OrgKind | null;
  community_type: CommunityOrgType | null;
  status: OrgStatus;
  credit_code: string | null;
  registration_no: string | null;
  authority: string | null;
  supervisor: string | null;
  legal_rep: string | null;
  domicile: string | null;
  purpose: string | null;
  scope: string | null;
  capital_fen: number | null;
  members: number;
  founded_on: string | null;
  registered_on: string | null;
  leader: string | null;
  leader_phone: string | null;
  venue: string | null;
  charter: string | null;
  funds_fen: number | null;
  area: string | null;
  guide_unit: string | null;
  filing_no: string | null;
  filed_on: string | null;
  term_years: number | null;
  party_org: number;
  party_members: number;
  phone: string | null;
  note: string | null;
  ended_on: string | null;
  end_reason: string | null;
}

/** 年检: one per organization and year (the year reported on; held the following spring). */
export interface OrgInspectionsTable extends StampedRow {
  org_id: string;
  year: number;
  supervisor_submitted_on: string | null;
  authority_submitted_on: string | null;
  result: InspectionResult | null;
  result_on: string | null;
  rectification: string | null;
  rectified_on: string | null;
  note: string | null;
  voided_at: string | null;
  void_reason: string | null;
}

/** 等级评估: grade 1–5 (1A–5A), valid 5 years unless ended early. */
export interface OrgRatingsTable extends StampedRow {
  org_id: string;
  grade: number;
  applied_on: string | null;
  rated_on: string;
  expires_on: string;
  certificate_no: string | null;
  note: string | null;
  override_reason: string | null;
  end_kind: RatingEndKind | null;
  ended_on: string | null;
  end_reason: string | null;
}

/** 换届: one row per term (届). */
export interface OrgTermsTable extends StampedRow {
  org_id: string;
  term_no: number;
  started_on: string;
  term_years: number;
  due_on: string;
  status: TermStatus;
  postponed_to: string | null;
  postpone_reason: string | null;
  done_on: string | null;
  note: string | null;
}

/** 变更/处罚/撤销/注销 events: append-only history (corrections are new events). */
export interface OrgEventsTable {
  id: string;
  org_id: string;
  kind: OrgEventKind;
  occurred_on: string;
  before_value: string | null;
  after_value: string | null;
  detail: string | null;
  doc_no: string | null;
  created_at: string;
  created_by: string;
}

export interface OrgsTables {
  orgs: OrgsTable;
  org_inspections: OrgInspectionsTable;
  org_ratings: OrgRatingsTable;
  org_terms: OrgTermsTable;
  org_events: OrgEventsTable;
}
