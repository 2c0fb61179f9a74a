// The 社会组织 figures of a month's report package, computed from the ledger "as at" the month's last day.
// The report engineer calls computeOrgFigures(db, month); the API exposes the same through orgs.figures.
import type { Kysely } from 'kysely';
import type { CommunityOrgType, OrgFigures, OrgKind, Ratio } from '../../../shared/api/orgs';
import type { DB } from '../db';
import { expectedToInspect, inspectionDeadlines, monthEnd, ratingInForce } from './rules';
import { inspectionsOfYear } from './service';
import { ratingHistoryItem } from './views';

export function ratio(numerator: number, denominator: number): Ratio {
  return {
    numerator,
    denominator,
    percent: denominator === 0 ? null : Math.round((numerator / denominator) * 1000) / 10,
  };
}

const KINDS: readonly OrgKind[] = ['association', 'service', 'foundation'];
const COMMUNITY_TYPES: readonly CommunityOrgType[] = [
  'culture_sports',
  'volunteer',
  'elderly',
  'mutual_aid',
  'rural_tech',
  'charity',
  'other',
];

/**
 * Status as at a day: an organization that ended (撤销/注销) after that day was still 正常 then; a community
 * organization counts as 变更 from the first change event on or before that day. Party-building figures use the
 * current flags (the ledger keeps no dated history of them).
 */
export async function computeOrgFigures(db: Kysely<DB>, month: string): Promise<OrgFigures> {
  const asOf = monthEnd(month);
  const monthStart = `${month}-01`;
  const orgs = await db.selectFrom('orgs').selectAll().execute();
  const changeEvents = await db
    .selectFrom('org_events')
    .select(['org_id', 'occurred_on'])
    .where('kind', 'in', ['name_change', 'leader_change', 'venue_change'])
    .where('occurred_on', '<=', asOf)
    .execute();
  const changedBy = new Set(changeEvents.map((e) => e.org_id));
  const endedBy = (endedOn: string | null) => endedOn !== null && endedOn <= asOf;

  const registered = orgs.filter((o) => o.registry === 'registered' && o.registered_on && o.registered_on <= asOf);
  const community = orgs.filter((o) => o.registry === 'community' && o.filed_on && o.filed_on <= asOf);
  const activeRegistered = registered.filter((o) => !endedBy(o.ended_on));

  const byKind = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<OrgKind, number>;
  for (const o of activeRegistered) if (o.kind) byKind[o.kind]++;
  const regStatus = { normal: 0, revoked: 0, deregistered: 0 };
  for (const o of registered) {
    if (!endedBy(o.ended_on)) regStatus.normal++;
    else if (o.status === 'revoked') regStatus.revoked++;
    else regStatus.deregistered++;
  }

  const byType = Object.fromEntries(COMMUNITY_TYPES.map((k) => [k, 0])) as Record<CommunityOrgType, number>;
  const comStatus = { normal: 0, changed: 0, deregistered: 0 };
  for (const o of community) {
    if (endedBy(o.ended_on)) {
      comStatus.deregistered++;
      continue;
    }
    if (o.community_type) byType[o.community_type]++;
    if (changedBy.has(o.id)) comStatus.changed++;
    else comStatus.normal++;
  }

  // 年检: the campaign of the year before the month's year (held January–May of this year).
  const year = Number(month.slice(0, 4)) - 1;
  const recordOf = await inspectionsOfYear(db, year);
  let expected = 0;
  let participated = 0;
  let pass = 0;
  let basic = 0;
  let fail = 0;
  for (const o of registered) {
    if (!expectedToInspect({ registeredOn: o.registered_on, endedOn: o.ended_on }, year)) continue;
    expected++;
    const r = recordOf.get(o.id);
    if (!r) continue;
    const hasResult = r.result !== null && r.result_on !== null && r.result_on <= asOf;
    const submitted = r.authority_submitted_on !== null && r.authority_submitted_on <= asOf;
    if (submitted || hasResult) participated++;
    if (hasResult) {
      if (r.result === 'pass') pass++;
      else if (r.result === 'basic') basic++;
      else fail++;
    }
  }
  const closed = asOf > inspectionDeadlines('association', true, year).authority;

  // 评估: active registered organizations holding a rating in force on asOf.
  const ratings = await db.selectFrom('org_ratings').selectAll().execute();
  const byGrade = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
  let rated = 0;
  const activeIds = new Set(activeRegistered.map((o) => o.id));
  const ratedOrgs = new Set<string>();
  for (const r of ratings) {
    if (!activeIds.has(r.org_id) || ratedOrgs.has(r.org_id)) continue;
    if (!ratingInForce(ratingHistoryItem(r), asOf)) continue;
    ratedOrgs.add(r.org_id);
    rated++;
    byGrade[String(r.grade) as keyof typeof byGrade]++;
  }

  const activeAll = [...activeRegistered, ...community.filter((o) => !endedBy(o.ended_on))];
  return {
    month,
    asOf,
    registered: {
      total: registered.length,
      byKind,
      byStatus: regStatus,
      newThisMonth: registered.filter((o) => (o.registered_on ?? '') >= monthStart).length,
      endedThisMonth: registered.filter((o) => o.ended_on !== null && o.ended_on >= monthStart && o.ended_on <= asOf)
        .length,
    },
    community: {
      total: community.length,
      byType,
      byStatus: comStatus,
      newThisMonth: community.filter((o) => (o.filed_on ?? '') >= monthStart).length,
    },
    inspection: {
      year,
      closed,
      expected,
      participated,
      participation: ratio(participated, expected),
      pass,
      basic,
      fail,
      passRate: ratio(pass, pass + basic + fail),
    },
    rating: { rate: ratio(rated, activeRegistered.length), byGrade },
    party: {
      orgsWithPartyOrg: activeAll.filter((o) => o.party_org === 1).length,
      partyMembers: activeAll.reduce((s, o) => s + o.party_members, 0),
    },
  };
}
