// The 社会组织 slice's stored values. Their zh-CN labels are tables of shared/labels.ts (orgRegistry, orgKind,
// orgStatus, communityType, inspectionResult, ratingEnd, orgEventKind, termStatus), like every other enum's; the
// renderer reads them with label()/labelOptions(). Stored values stay English.
import { label, labels, type LabelValue } from '../labels';

export type OrgRegistry = LabelValue<'orgRegistry'>;
export type OrgKind = LabelValue<'orgKind'>;
export type OrgStatus = LabelValue<'orgStatus'>;
export type CommunityOrgType = LabelValue<'communityType'>;
export type InspectionResult = LabelValue<'inspectionResult'>;
export type RatingEndKind = LabelValue<'ratingEnd'>;
export type OrgEventKind = LabelValue<'orgEventKind'>;
export type TermStatus = LabelValue<'termStatus'>;

/** The orgs core's names for its tables in `labels`. */
const labelKind = {
  registry: 'orgRegistry',
  kind: 'orgKind',
  status: 'orgStatus',
  communityType: 'communityType',
  inspectionResult: 'inspectionResult',
  ratingEnd: 'ratingEnd',
  eventKind: 'orgEventKind',
  termStatus: 'termStatus',
} as const;
type OrgLabelName = keyof typeof labelKind;

/** The orgs tables of `labels` under those names (the same objects, not copies). */
export const orgLabels = Object.fromEntries(Object.entries(labelKind).map(([name, kind]) => [name, labels[kind]])) as {
  [N in OrgLabelName]: (typeof labels)[(typeof labelKind)[N]];
};

/** `label()` under the orgs core's names: orgLabel('kind', v) is label('orgKind', v). */
export const orgLabel = (kind: OrgLabelName, value: string | null | undefined): string => label(labelKind[kind], value);

/** Which events apply to which registry. */
export const EVENT_KINDS_BY_REGISTRY: Record<OrgRegistry, readonly OrgEventKind[]> = {
  registered: ['name_change', 'legal_rep_change', 'domicile_change', 'penalty', 'revocation', 'deregistration'],
  community: ['name_change', 'leader_change', 'venue_change', 'deregistration'],
};
