// Who is in a household now: the current membership of a person and the living members of a household, and the
// household's per-capita income. Kept apart from households.ts so the case services can ask with a light import.
import type { ServiceContext } from '../kernel';
import type { HouseholdMembersTable, PeopleTable } from './tables';

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

/** 低保 per-capita monthly income: the annual household income over 12 months and the living members, rounded once. */
export function perCapitaMonthly(annualFen: number, size: number): number {
  return size > 0 ? Math.round(annualFen / (12 * size)) : 0;
}
