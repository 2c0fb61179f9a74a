// Frozen in time: no app imports. The month's figures are read from the tables below; a write to any of them moves
// one stamp in the same transaction, by triggers that no write path can skip (issue 17). The figures computed for a
// stamp are kept (reports/figures-cache.ts) and reused while the stamp is unchanged. The stamp is random, not a
// counter: a restored or copied ledger keeps the stamp of its data, and the next write anywhere gives a new one, so
// a stamp never names two different states of the data.
import { sql, type Kysely } from 'kysely';

/** Every table the month's figures, their tables and their cross-checks read (not the other ledgers' sections). */
const FED_FROM = [
  'cases',
  'case_members',
  'case_amounts',
  'households',
  'people',
  'villages',
  'payment_rolls',
  'payment_roll_lines',
  'settings',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE report_figures_stamp (id INTEGER PRIMARY KEY CHECK (id = 1), stamp BLOB NOT NULL)`.execute(db);
  await sql`INSERT INTO report_figures_stamp (id, stamp) VALUES (1, randomblob(16))`.execute(db);
  for (const table of FED_FROM) {
    for (const op of ['INSERT', 'UPDATE', 'DELETE']) {
      await sql
        .raw(
          `CREATE TRIGGER report_figures_stamp_${table}_${op.toLowerCase()} AFTER ${op} ON ${table}
          BEGIN UPDATE report_figures_stamp SET stamp = randomblob(16) WHERE id = 1; END`,
        )
        .execute(db);
    }
  }
}
