// Frozen in time: no app imports. Tables of the 养老服务台账 (filled in by that capability's issue).
import type { Kysely } from 'kysely';

export async function up(_db: Kysely<unknown>): Promise<void> {}
