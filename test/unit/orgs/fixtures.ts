// Synthetic but valid 民政 credit codes (GB 32100 and GB 11714 checks computed, not real organizations) and the
// form inputs of a typical registered and community organization.
import { orgCodeCheckChar, usccCheckChar } from '../../../src/shared/uscc';

/** kindDigit 1 社会团体, 2 民办非企业单位, 3 基金会; body = 8 characters of the 组织机构代码. */
export function creditCode(kindDigit: '1' | '2' | '3' | '9', body: string, region = '321202', authority = '5'): string {
  const orgCode = body + orgCodeCheckChar(body);
  const first17 = `${authority}${kindDigit}${region}${orgCode}`;
  return first17 + usccCheckChar(first17);
}

export function registeredInput(over: Record<string, unknown> = {}) {
  return {
    kind: 'association' as const,
    name: '泰州市海陵区城东街道老年书画协会',
    creditCode: creditCode('1', 'MJ000001'),
    registrationNo: '海民社证字第0012号',
    authority: '泰州市海陵区民政局',
    supervisor: '城东街道办事处',
    legalRep: '陈国华',
    domicile: '城东街道东进路 18 号',
    purpose: '团结书画爱好者，丰富老年人精神文化生活',
    scope: '书画交流、展览、培训',
    capitalFen: 3_000_000,
    members: 86,
    foundedOn: '2019-05-10',
    registeredOn: '2019-05-10',
    termYears: 5,
    partyOrg: true,
    partyMembers: 12,
    ...over,
  };
}

export function communityInput(over: Record<string, unknown> = {}) {
  return {
    communityType: 'culture_sports' as const,
    name: '凤凰社区广场舞队',
    leader: '刘秀英',
    leaderPhone: '13805260000',
    venue: '凤凰社区文化广场',
    charter: '《凤凰社区广场舞队章程》（社区存档）',
    members: 32,
    fundsFen: 200_000,
    area: '凤凰社区',
    guideUnit: '凤凰社区居民委员会',
    filingNo: '城东备字2026-001',
    filedOn: '2026-03-12',
    partyOrg: false,
    partyMembers: 3,
    ...over,
  };
}
