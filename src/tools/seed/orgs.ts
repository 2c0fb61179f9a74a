// The benchmark ledger's 社会组织 data: 150 organizations (about a third registered — 社会团体, 民办非企业单位/社会服务机构,
// a few 基金会 — the others community organizations under 备案) and, for each registered one, its 年检 for every year
// it existed before the last month's year (held the following spring; most 合格, some 基本合格/不合格, a few not
// submitted). Deterministic; rows typed by the table contract (orgs/tables.ts).
import type { CommunityOrgType, InspectionResult, OrgKind } from '../../shared/api/orgs';
import { orgCodeCheckChar, usccCheckChar } from '../../shared/uscc';
import { NO_ORG_FIELDS, type OrgInspectionsTable, type OrgsTable } from '../../main/ledger/orgs';
import type { SeedVillage, SpanInfo } from './households';
import { givenName, surname } from './names';
import type { Rng } from './random';
import { dateIn, isoOf, msecsOf, yearOf } from './time';

export const ORGS = 150;

export interface OrgRows {
  orgs: OrgsTable[];
  inspections: OrgInspectionsTable[];
}

const KINDS: (readonly [OrgKind, number])[] = [
  ['association', 5],
  ['service', 6],
  ['foundation', 1],
];
const KIND_CODE: Record<OrgKind, string> = { association: '1', service: '2', foundation: '3' };
const KIND_NAME: Record<OrgKind, string[]> = {
  association: ['老年人协会', '书画协会', '种植业协会', '志愿者协会'],
  service: ['幼儿园', '养老服务中心', '社会工作服务站', '职业培训学校'],
  foundation: ['教育发展基金会'],
};
const COMMUNITY: (readonly [CommunityOrgType, string])[] = [
  ['culture_sports', '广场舞队'],
  ['volunteer', '志愿服务队'],
  ['elderly', '老年协会'],
  ['mutual_aid', '互助会'],
  ['rural_tech', '农技协会'],
  ['charity', '爱心会'],
];
const RESULTS: (readonly [InspectionResult | null, number])[] = [
  ['pass', 80],
  ['basic', 10],
  ['fail', 3],
  [null, 7],
];

export function planOrgs(rng: Rng, villages: readonly SeedVillage[], span: SpanInfo, region: string): OrgRows {
  const rows: OrgRows = { orgs: [], inspections: [] };
  const lastYear = yearOf(span.lastIdx);
  for (let i = 0; i < ORGS; i++) {
    const r = rng.fork(`org:${i}`);
    const village = r.pick(villages);
    const registered = r.chance(0.35);
    // A third founded before the span, the others during it.
    const foundIdx = r.chance(0.35) ? span.firstIdx - r.int(1, 120) : r.int(span.firstIdx, span.lastIdx);
    const on = dateIn(foundIdx, r.int(1, 28));
    const msecs = msecsOf(on < span.startDate ? span.startDate : on, r.int(0, 7200));
    const id = r.id(msecs);
    const leader = surname(r) + givenName(r, r.chance(0.6) ? 'M' : 'F');
    const base = {
      ...NO_ORG_FIELDS,
      id,
      members: r.int(8, 200),
      founded_on: on,
      party_org: r.chance(0.2) ? 1 : 0,
      party_members: r.int(0, 9),
      phone: `13${r.digits(9)}`,
      created_at: isoOf(msecs),
      updated_at: isoOf(msecs),
      version: 1,
    };
    if (registered) {
      const kind = r.weighted(KINDS);
      const body = r.digits(8);
      const first17 = `5${KIND_CODE[kind]}${region}${body}${orgCodeCheckChar(body)}`;
      rows.orgs.push({
        ...base,
        registry: 'registered',
        name: `${village.name}${r.pick(KIND_NAME[kind])}${i + 1}`,
        kind,
        community_type: null,
        credit_code: first17 + usccCheckChar(first17),
        authority: '区民政局',
        supervisor: kind === 'association' ? '镇人民政府' : null,
        legal_rep: leader,
        domicile: `${village.name}${r.int(1, 99)}号`,
        capital_fen: r.int(3, 50) * 1_000_000,
        registered_on: on,
        term_years: 5,
      });
      for (let y = Math.max(yearOf(foundIdx), yearOf(span.firstIdx) - 1); y < lastYear; y++) {
        const result = r.weighted(RESULTS);
        const submitted = `${y + 1}-03-${String(r.int(1, 28)).padStart(2, '0')}`;
        const decided = `${y + 1}-05-${String(r.int(1, 28)).padStart(2, '0')}`;
        const at = msecsOf(result === null ? submitted : decided, r.int(0, 7200));
        rows.inspections.push({
          id: r.id(at),
          org_id: id,
          year: y,
          supervisor_submitted_on: kind === 'association' ? submitted : null,
          authority_submitted_on: result === null ? null : submitted,
          result,
          result_on: result === null ? null : decided,
          rectification: result === 'fail' || result === 'basic' ? '完善财务制度，按期报送年度工作报告' : null,
          rectified_on: result === 'basic' ? `${y + 1}-07-${String(r.int(1, 28)).padStart(2, '0')}` : null,
          note: null,
          voided_at: null,
          void_reason: null,
          created_at: isoOf(at),
          updated_at: isoOf(at),
          version: 1,
        });
      }
    } else {
      const [type, label] = r.pick(COMMUNITY);
      rows.orgs.push({
        ...base,
        registry: 'community',
        name: `${village.name}${label}${i + 1}`,
        kind: null,
        community_type: type,
        credit_code: null,
        leader,
        leader_phone: base.phone,
        area: village.name,
        guide_unit: `${village.name}${village.kind === 'community' ? '社区居民委员会' : '村民委员会'}`,
        filing_no: `备${yearOf(foundIdx)}${String(i + 1).padStart(3, '0')}`,
        filed_on: on,
        term_years: 3,
      });
    }
  }
  return rows;
}
