// A household's page (户详情): its members and former members, its cases, the self-care assessments and the journal
// of all of them. It reads the register of people (people/) and the cases, so it lives with the cases.
import type { HouseholdPage, MemberView } from '../../../shared/api/cases';
import { todayOf, type ServiceContext } from '../kernel';
import { householdView, loadHousehold, maskJournalValue, personView } from '../people';
import { caseRowsWhere } from './views';

export async function householdPage(ctx: ServiceContext, id: string): Promise<HouseholdPage> {
  const h = await loadHousehold(ctx, id);
  const today = todayOf(ctx);
  const rows = await ctx.db
    .selectFrom('household_members as hm')
    .innerJoin('people as p', 'p.id', 'hm.person_id')
    .selectAll('p')
    .select(['hm.id as member_id', 'hm.relation', 'hm.joined_on', 'hm.left_on', 'hm.left_reason'])
    .where('hm.household_id', '=', id)
    .orderBy('hm.joined_on')
    .execute();
  const members: MemberView[] = rows.map((r) => ({
    ...personView(r, today),
    memberId: r.member_id,
    personId: r.id,
    relation: r.relation,
    joinedOn: r.joined_on,
    leftOn: r.left_on,
    leftReason: r.left_reason,
    isHead: r.id === h.head_person_id && r.left_on === null,
  }));
  const personIds = [...new Set(rows.map((r) => r.id))];
  const cases = await caseRowsWhere(ctx, { householdId: id });
  const assessments =
    personIds.length === 0
      ? []
      : await ctx.db
          .selectFrom('self_care_assessments')
          .selectAll()
          .where('person_id', 'in', personIds)
          .orderBy('assessed_on', 'desc')
          .execute();
  const entityIds = [id, ...personIds, ...rows.map((r) => r.member_id), ...cases.map((c) => c.id)];
  const history = await ctx.db
    .selectFrom('journal')
    .select(['at', 'actor_name', 'action', 'entity', 'entity_id', 'before', 'after', 'reason'])
    .where('entity_id', 'in', entityIds)
    .orderBy('seq', 'desc')
    .limit(200)
    .execute();
  return {
    household: await householdView(ctx, h),
    members: members.filter((m) => m.leftOn === null).sort((a, b) => Number(b.isHead) - Number(a.isHead)),
    formerMembers: members.filter((m) => m.leftOn !== null).reverse(),
    cases,
    assessments: assessments.map((a) => ({
      id: a.id,
      personId: a.person_id,
      assessedOn: a.assessed_on,
      assessor: a.assessor,
      items: {
        eat: a.eat === 1,
        dress: a.dress === 1,
        bed: a.bed === 1,
        toilet: a.toilet === 1,
        walk: a.walk === 1,
        bathe: a.bathe === 1,
      },
      notAchieved: 6 - (a.eat + a.dress + a.bed + a.toilet + a.walk + a.bathe),
      grade: a.grade,
    })),
    history: history.map((e) => ({
      at: e.at,
      actorName: e.actor_name,
      action: e.action,
      entity: e.entity,
      entityId: e.entity_id,
      before: maskJournalValue(e.before ? (JSON.parse(e.before) as unknown) : null),
      after: maskJournalValue(e.after ? (JSON.parse(e.after) as unknown) : null),
      reason: e.reason,
    })),
  };
}
