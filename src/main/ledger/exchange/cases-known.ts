// What the ledger already holds for the people of an import (matched by ID number): their current households, the
// households' heads, cases and covered members, the cases an import batch still waits on, and the villages' names.
// Read in chunks of ids (SQLite's bound-parameter limit); cases-plan.ts compares the file's blocks with it.
import type { Kysely } from 'kysely';
import type { DB } from '../db';
import type { CasesTable } from '../cases';
import type { CaseBlock } from './cases-types';
import { otherIdForm } from '../../../shared/idcard';

const CHUNK = 400;

async function inChunks<T>(ids: string[], q: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) out.push(...(await q(ids.slice(i, i + CHUNK))));
  return out;
}

/** The ledger's records an import's blocks can touch, keyed for the plan's lookups. */
export async function readKnown(db: Kysely<DB>, blocks: CaseBlock[]) {
  // Each number in both its forms (15 and 18 digits): the ledger may hold the person under the other one.
  const ids = [
    ...new Set(blocks.flatMap((b) => b.members.flatMap((m) => [m.idNumber, otherIdForm(m.idNumber) ?? m.idNumber]))),
  ];
  const people = await inChunks(ids, (c) => db.selectFrom('people').selectAll().where('id_number', 'in', c).execute());
  const personById = new Map(people.map((p) => [p.id, p]));
  const personByIdNumber = new Map(people.map((p) => [p.id_number ?? '', p]));
  const memberships = await inChunks(
    people.map((p) => p.id),
    (c) =>
      db.selectFrom('household_members').selectAll().where('person_id', 'in', c).where('left_on', 'is', null).execute(),
  );
  const membershipOf = new Map(memberships.map((m) => [m.person_id, m]));
  const householdIds = [...new Set(memberships.map((m) => m.household_id))];
  const households = await inChunks(householdIds, (c) =>
    db.selectFrom('households').selectAll().where('id', 'in', c).execute(),
  );
  const householdById = new Map(households.map((h) => [h.id, h]));
  const heads = await inChunks(
    [
      ...new Set(
        households.map((h) => h.head_person_id).filter((id): id is string => id !== null && !personById.has(id)),
      ),
    ],
    (c) => db.selectFrom('people').selectAll().where('id', 'in', c).execute(),
  );
  for (const p of heads) personById.set(p.id, p);
  const cases = await inChunks(householdIds, (c) =>
    db
      .selectFrom('cases')
      .selectAll()
      .where('household_id', 'in', c)
      .where('status', 'not in', ['rejected', 'withdrawn'])
      .execute(),
  );
  const casesByHousehold = new Map<string, CasesTable[]>();
  for (const c of cases) casesByHousehold.set(c.household_id, [...(casesByHousehold.get(c.household_id) ?? []), c]);
  const caseMembers = await inChunks(
    cases.map((c) => c.id),
    (c) =>
      db
        .selectFrom('case_members')
        .select(['case_id', 'person_id'])
        .where('case_id', 'in', c)
        .where('stop_month', 'is', null)
        .execute(),
  );
  const coveredBy = new Map<string, Set<string>>();
  for (const m of caseMembers) coveredBy.set(m.case_id, (coveredBy.get(m.case_id) ?? new Set()).add(m.person_id));
  // Cases an import batch still waits on (its new cases, or changes it keeps): a second import may not change them.
  const waiting = new Map<string, number>();
  const batches = await db
    .selectFrom('import_batches')
    .select(['id', 'no', 'pending_changes'])
    .where('status', '=', 'pending')
    .execute();
  const batchNo = new Map(batches.map((b) => [b.id, b.no]));
  for (const c of cases) if (c.pending_batch_id) waiting.set(c.id, batchNo.get(c.pending_batch_id) ?? 0);
  for (const b of batches) {
    if (b.pending_changes === '[]') continue;
    for (const item of JSON.parse(b.pending_changes) as { op: { caseId: string } }[]) waiting.set(item.op.caseId, b.no);
  }
  const villages = await db.selectFrom('villages').select(['id', 'name']).execute();
  const villageName = new Map(villages.map((v) => [v.id, v.name]));

  return {
    personById,
    personByIdNumber,
    membershipOf,
    householdById,
    casesByHousehold,
    coveredBy,
    waiting,
    villageName,
  };
}
