// Who is in a household now: the current membership of a person and the living members of a household. Kept apart
// from households.ts (which reads cases) so the case services can ask without importing back into people.
import type { ServiceContext } from '../kernel/context';
import type { HouseholdMembersTable, PeopleTable } from '../cases/tables';

/** The household a person currently belongs to, if any. */
export async function currentMembership(
  ctx: ServiceContext,
  personId: string,
): Promise<(HouseholdMembersTable & { village: string | null; head: string | null }) | undefined> {
  return ctx.db
    .selectFrom('household_members as hm')
    .innerJoin('households as h', 'h.id', 'hm.household_id')
    .leftJoin('villages as v', 'v.id', 'h.village_id')
    .leftJoin('people as head', 'head.id', 'h.head_person_id')
    .selectAll('hm')
    .select(['v.name as village', 'head.name as head'])
    .where('hm.person_id', '=', personId)
    .where('hm.left_on', 'is', null)
    .executeTakeFirst();
}

/** Living current members of a household (共同生活家庭成员 for the per-capita income). */
export async function livingMembers(ctx: Pick<ServiceContext, 'db'>, householdId: string): Promise<PeopleTable[]> {
  return ctx.db
    .selectFrom('household_members as hm')
    .innerJoin('people as p', 'p.id', 'hm.person_id')
    .selectAll('p')
    .where('hm.household_id', '=', householdId)
    .where('hm.left_on', 'is', null)
    .where('p.deceased_on', 'is', null)
    .execute();
}
