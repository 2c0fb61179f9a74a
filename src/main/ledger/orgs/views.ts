// Rows -> the contract's views (camelCase, booleans), and back for the fields a clerk edits.
import type { InspectionView, OrgEventView, OrgView, RatingView, TermView } from '../../../shared/api/orgs';
import type { RatingHistoryItem } from './rules';
import type { OrgEventsTable, OrgInspectionsTable, OrgRatingsTable, OrgsTable, OrgTermsTable } from './tables';

/** What the list row and the full view of an organization both show first. */
export function orgHeading(
  r: OrgsTable,
): Pick<
  OrgView,
  'id' | 'registry' | 'name' | 'kind' | 'communityType' | 'status' | 'creditCode' | 'filingNo' | 'partyOrg'
> {
  return {
    id: r.id,
    registry: r.registry,
    name: r.name,
    kind: r.kind,
    communityType: r.community_type,
    status: r.status,
    creditCode: r.credit_code,
    filingNo: r.filing_no,
    partyOrg: r.party_org === 1,
  };
}

export function orgView(r: OrgsTable): OrgView {
  return {
    ...orgHeading(r),
    registrationNo: r.registration_no,
    authority: r.authority,
    supervisor: r.supervisor,
    legalRep: r.legal_rep,
    domicile: r.domicile,
    purpose: r.purpose,
    scope: r.scope,
    capitalFen: r.capital_fen,
    members: r.members,
    foundedOn: r.founded_on,
    registeredOn: r.registered_on,
    leader: r.leader,
    leaderPhone: r.leader_phone,
    venue: r.venue,
    charter: r.charter,
    fundsFen: r.funds_fen,
    area: r.area,
    guideUnit: r.guide_unit,
    filedOn: r.filed_on,
    termYears: r.term_years,
    partyMembers: r.party_members,
    phone: r.phone,
    note: r.note,
    endedOn: r.ended_on,
    endReason: r.end_reason,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

/** The view field -> column map for the fields orgs.update may change. */
export const EDITABLE_COLUMNS = {
  creditCode: 'credit_code',
  registrationNo: 'registration_no',
  authority: 'authority',
  supervisor: 'supervisor',
  purpose: 'purpose',
  scope: 'scope',
  capitalFen: 'capital_fen',
  members: 'members',
  foundedOn: 'founded_on',
  registeredOn: 'registered_on',
  termYears: 'term_years',
  partyOrg: 'party_org',
  partyMembers: 'party_members',
  phone: 'phone',
  note: 'note',
  communityType: 'community_type',
  leaderPhone: 'leader_phone',
  charter: 'charter',
  fundsFen: 'funds_fen',
  area: 'area',
  guideUnit: 'guide_unit',
  filingNo: 'filing_no',
  filedOn: 'filed_on',
} as const satisfies Record<string, keyof OrgsTable>;

export function inspectionView(r: OrgInspectionsTable): InspectionView {
  return {
    id: r.id,
    orgId: r.org_id,
    year: r.year,
    supervisorSubmittedOn: r.supervisor_submitted_on,
    authoritySubmittedOn: r.authority_submitted_on,
    result: r.result,
    resultOn: r.result_on,
    rectification: r.rectification,
    rectifiedOn: r.rectified_on,
    note: r.note,
    voidedAt: r.voided_at,
    voidReason: r.void_reason,
    version: r.version,
  };
}

export function ratingView(r: OrgRatingsTable): RatingView {
  return {
    id: r.id,
    orgId: r.org_id,
    grade: r.grade,
    appliedOn: r.applied_on,
    ratedOn: r.rated_on,
    expiresOn: r.expires_on,
    certificateNo: r.certificate_no,
    note: r.note,
    overrideReason: r.override_reason,
    endKind: r.end_kind,
    endedOn: r.ended_on,
    endReason: r.end_reason,
    version: r.version,
  };
}

export function ratingHistoryItem(r: OrgRatingsTable): RatingHistoryItem {
  return { grade: r.grade, ratedOn: r.rated_on, expiresOn: r.expires_on, endKind: r.end_kind, endedOn: r.ended_on };
}

export function termView(r: OrgTermsTable): TermView {
  return {
    id: r.id,
    orgId: r.org_id,
    termNo: r.term_no,
    startedOn: r.started_on,
    termYears: r.term_years,
    dueOn: r.due_on,
    status: r.status,
    postponedTo: r.postponed_to,
    postponeReason: r.postpone_reason,
    doneOn: r.done_on,
    note: r.note,
    version: r.version,
  };
}

export function eventView(r: OrgEventsTable): OrgEventView {
  return {
    id: r.id,
    orgId: r.org_id,
    kind: r.kind,
    occurredOn: r.occurred_on,
    before: r.before_value,
    after: r.after_value,
    detail: r.detail,
    docNo: r.doc_no,
    createdAt: r.created_at,
    createdBy: r.created_by,
  };
}
