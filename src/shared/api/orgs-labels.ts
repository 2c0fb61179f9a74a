// The 社会组织 slice's stored values and their zh-CN labels (the method table is in orgs.ts).
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
