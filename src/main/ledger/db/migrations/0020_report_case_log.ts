// Frozen in time: no app imports. The cases whose part of the month's figures may have changed (issue 17). The
// figures and their cross-checks keep, per month, one row per case in memory (reports/case-log.ts); after a write
// they re-read only the cases logged here since, instead of the whole ledger. Triggers fill the log in the same
// transaction as the write, so no write path can skip it: a case written, its member rows, its amounts, its
// household (every case of it) and a person (the cases naming the person, and those with a member row for them).
// Each row gets random bytes: a reader that kept rows at a seq checks the row there still has the token it saw (a
// rolled-back write's seq is reused, a restored or other ledger has other rows). case_id NULL means "everything
// changed" (the migration writes one, and so does a bulk import that drops these triggers). The log keeps the last
// 10,000 rows or so; a reader behind that reads everything again.
import { sql, type Kysely } from 'kysely';

/** Logs the case `caseId` (an expression on NEW or OLD) when `when` holds. */
const LOG = (caseId: string, when = '1') =>
  `INSERT INTO report_case_changes (case_id, token) SELECT ${caseId}, randomblob(8) WHERE ${when};`;

/** Logs the cases of a person: by the case's own person (cases_person) and by a member row (case_members_person). */
const OF_PERSON = (p: string, when = '1') => `INSERT INTO report_case_changes (case_id, token)
      SELECT id, randomblob(8) FROM (SELECT id FROM cases WHERE person_id = ${p}
        UNION SELECT case_id FROM case_members WHERE person_id = ${p}) WHERE ${when};`;

/** Logs the cases of a household (cases_household). */
const OF_HOUSEHOLD = (h: string, when = '1') => `INSERT INTO report_case_changes (case_id, token)
      SELECT id, randomblob(8) FROM cases WHERE household_id = ${h} AND ${when};`;

/**
 * The three triggers of a table: `log(row, when)` logs what a row names; an update logs the new row, and the old
 * one too when `key` (what it names) changed.
 */
function triggers(table: string, log: (row: string, when?: string) => string, key: string, insert = true): string[] {
  return [
    ...(insert
      ? [`CREATE TRIGGER report_case_log_${table}_insert AFTER INSERT ON ${table} BEGIN ${log('NEW')} END`]
      : []),
    `CREATE TRIGGER report_case_log_${table}_update AFTER UPDATE ON ${table} BEGIN ${log('NEW')}
      ${log('OLD', `OLD.${key} IS NOT NEW.${key}`)} END`,
    `CREATE TRIGGER report_case_log_${table}_delete AFTER DELETE ON ${table} BEGIN ${log('OLD')} END`,
  ];
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE report_case_changes (seq INTEGER PRIMARY KEY AUTOINCREMENT, case_id TEXT, token BLOB NOT NULL)`.execute(
    db,
  );
  await sql`INSERT INTO report_case_changes (case_id, token) VALUES (NULL, randomblob(8))`.execute(db);
  const all = [
    ...triggers('cases', (r, w) => LOG(`${r}.id`, w), 'id'),
    ...triggers('case_members', (r, w) => LOG(`${r}.case_id`, w), 'case_id'),
    ...triggers('case_amounts', (r, w) => LOG(`${r}.case_id`, w), 'case_id'),
    ...triggers('people', (r, w) => OF_PERSON(`${r}.id`, w), 'id'),
    // A household inserted has no cases yet.
    ...triggers('households', (r, w) => OF_HOUSEHOLD(`${r}.id`, w), 'id', false),
  ];
  for (const t of all) await sql.raw(t).execute(db);
  // Trimmed as it grows: every 10,000th row drops the rows 10,000 and more behind it.
  await sql`CREATE TRIGGER report_case_log_trim AFTER INSERT ON report_case_changes WHEN NEW.seq % 10000 = 0 BEGIN
    DELETE FROM report_case_changes WHERE seq <= NEW.seq - 10000;
  END`.execute(db);
  // The figures read this table, and every table they read moves their stamp (migration 0018).
  for (const op of ['INSERT', 'UPDATE', 'DELETE']) {
    await sql
      .raw(
        `CREATE TRIGGER report_case_log_stamp_${op.toLowerCase()} AFTER ${op} ON report_case_changes
        BEGIN UPDATE report_figures_stamp SET stamp = randomblob(16) WHERE id = 1; END`,
      )
      .execute(db);
  }
}
