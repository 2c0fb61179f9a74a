// Frozen in time: no app imports. The amount in force of a case for a month (its case_amounts row with the greatest
// effective_month <= M; ties: the later created_at, then the greater id) is looked up once per case by the payment
// roll, the figures' cross-checks, the detail sheets and the trace (issue 17). One index now answers it with the
// amounts themselves, so the wide case_amounts row is no longer read: (case_id, effective_month, created_at, id)
// orders the candidates and the three amounts follow. The two older indexes are prefixes of it and go.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX case_amounts_in_force ON case_amounts
    (case_id, effective_month, created_at, id, amount_fen, base_fen, supplement_fen)`.execute(db);
  await sql`DROP INDEX IF EXISTS case_amounts_latest`.execute(db);
  await sql`DROP INDEX IF EXISTS case_amounts_case_month`.execute(db);
}
