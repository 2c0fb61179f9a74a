// Frozen in time: no app imports. The payment roll becomes a versioned row like every other a person changes
// (issue 17): `updated_at` beside its `version`, so generating and confirming a roll go through the write kernel
// (kernel/write.ts: stale-edit check, version bump, journal) instead of a hand-written `version + 1`.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('payment_rolls')
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  // A roll's last change so far: its confirmation, else its (re)generation.
  await sql`UPDATE payment_rolls SET updated_at = coalesce(confirmed_at, generated_at)`.execute(db);
}
