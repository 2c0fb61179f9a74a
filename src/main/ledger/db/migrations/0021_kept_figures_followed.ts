// Frozen in time: no app imports. Two things the figures kept between reads did not follow (found by an audit of
// what each kept read depends on, docs/DECISIONS.md "Kept figures audited for staleness"):
// 1. The log of changed cases (0020) names the cases a write touches through their own rows, members, amounts,
//    household and persons; but a person under 16 counts as 特困's 未满16周岁 only while not paid as an orphan — a 孤儿
//    case whose person they are, another case (reports/attributes.ts). So a 孤儿 case written (started, stopped, its
//    person or category changed, removed) logs every case of its person (their own, and those with a member row for
//    them), as a write to the person would. Named report_case_log_* like 0020's: a bulk import sets them aside with
//    the others and catches up with one "everything changed" row. One such row here too.
// 2. A confirmed roll's sums (report_roll_sums, kept in the ledger under the roll's version, confirmation, total and
//    line count) put a 特困/孤儿 line in the 集中 or 分散 row by its CASE's 供养方式 as it is now (reports/sets.ts
//    ROLL_KEY). A case's 供养方式 changed drops the kept sums of the rolls that have a line for it (found through
//    roll_lines_roll_case, one look-up per roll kept); they are added up again when next read. It is held during bulk
//    work too (kernel/bulk.ts KEPT_TRIGGERS): it fires on that one update only.
import { sql, type Kysely } from 'kysely';

/** Logs the cases of the person `p` (by the case's own person and by a member row), when `when` holds. */
const OF_PERSON = (p: string, when = '1') => `INSERT INTO report_case_changes (case_id, token)
      SELECT id, randomblob(8) FROM (SELECT id FROM cases WHERE person_id = ${p}
        UNION SELECT case_id FROM case_members WHERE person_id = ${p}) WHERE ${when};`;

export async function up(db: Kysely<unknown>): Promise<void> {
  const triggers = [
    `CREATE TRIGGER report_case_log_orphan_insert AFTER INSERT ON cases WHEN NEW.category = 'guer'
      BEGIN ${OF_PERSON('NEW.person_id')} END`,
    // The columns the 未满16周岁 condition reads of the orphan's case.
    `CREATE TRIGGER report_case_log_orphan_update AFTER UPDATE OF person_id, category, status, start_month, stop_month
      ON cases WHEN OLD.category = 'guer' OR NEW.category = 'guer'
      BEGIN ${OF_PERSON('NEW.person_id')} ${OF_PERSON('OLD.person_id', 'OLD.person_id IS NOT NEW.person_id')} END`,
    `CREATE TRIGGER report_case_log_orphan_delete AFTER DELETE ON cases WHEN OLD.category = 'guer'
      BEGIN ${OF_PERSON('OLD.person_id')} END`,
    `CREATE TRIGGER report_roll_sums_support_mode AFTER UPDATE OF support_mode ON cases
      WHEN OLD.support_mode IS NOT NEW.support_mode BEGIN
        DELETE FROM report_roll_sums WHERE roll_id IN (SELECT k.roll_id FROM (SELECT DISTINCT roll_id FROM report_roll_sums) k
          WHERE EXISTS (SELECT 1 FROM payment_roll_lines l WHERE l.roll_id = k.roll_id AND l.case_id = NEW.id));
      END`,
  ];
  for (const t of triggers) await sql.raw(t).execute(db);
  await sql`INSERT INTO report_case_changes (case_id, token) VALUES (NULL, randomblob(8))`.execute(db);
  // Sums kept before the trigger existed may already be behind a changed 供养方式: added up again when next read.
  await sql`DELETE FROM report_roll_sums`.execute(db);
}
