// Frozen in time: no app imports. Tables of the 月度报表与结账 (filled in by that capability's issue).
import type { Kysely } from 'kysely';

export async function up(_db: Kysely<unknown>): Promise<void> {}
