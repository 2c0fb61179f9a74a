// Frozen in time: no app imports. Life events reach the money (issue 14): member changes on paying cases with the
// reviewer's amount proposal, deaths with their source, overpayments followed to recovery, comparisons with other
// departments' lists and their hits, proactive-discovery leads, the low-income monitoring list, and holidays the
// administrator enters. Existing ledgers: a case that was approved without member rows gets them — its own person
// (individual cases) or every current member of its household — covered from the case's start month.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('member_changes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('household_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('event_on', 'text', (c) => c.notNull())
    .addColumn('reported_on', 'text', (c) => c.notNull())
    .addColumn('effective_month', 'text', (c) => c.notNull())
    .addColumn('persons_before', 'integer', (c) => c.notNull())
    .addColumn('persons_after', 'integer', (c) => c.notNull())
    .addColumn('amount_before_fen', 'integer', (c) => c.notNull())
    .addColumn('proposed_fen', 'integer', (c) => c.notNull())
    .addColumn('proposed_base_fen', 'integer', (c) => c.notNull())
    .addColumn('proposed_supplement_fen', 'integer', (c) => c.notNull())
    .addColumn('explain', 'text')
    .addColumn('note', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_on', 'text')
    .addColumn('decided_fen', 'integer')
    .addColumn('decision_note', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addCheckConstraint('member_changes_kind', sql`kind in ('add','remove')`)
    .addCheckConstraint('member_changes_status', sql`status in ('proposed','confirmed','rejected')`)
    .execute();
  await db.schema.createIndex('member_changes_case').on('member_changes').column('case_id').execute();
  await db.schema.createIndex('member_changes_status').on('member_changes').column('status').execute();

  await db.schema
    .createTable('deaths')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().unique())
    .addColumn('died_on', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_ref', 'text')
    .addColumn('reported_on', 'text', (c) => c.notNull())
    .addColumn('household_id', 'text')
    .addColumn('recheck_due_on', 'text')
    .addColumn('funeral_handler', 'text')
    .addColumn('funeral_fee_fen', 'integer')
    .addColumn('relief_fen', 'integer')
    .addColumn('relief_note', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addCheckConstraint('deaths_source', sql`source in ('family','funeral','police','visit','compare')`)
    .execute();

  await db.schema
    .createTable('overpayments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('death_id', 'text')
    .addColumn('first_month', 'text', (c) => c.notNull())
    .addColumn('last_month', 'text', (c) => c.notNull())
    /** JSON [{month, paidFen, dueFen, overFen}] from the confirmed rolls. */
    .addColumn('months', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'integer', (c) => c.notNull())
    .addColumn('recovered_fen', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('written_off_fen', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addCheckConstraint(
      'overpayments_status',
      sql`status in ('pending','recovered','partial','unrecoverable','written_off')`,
    )
    .execute();
  await db.schema.createIndex('overpayments_case').on('overpayments').column('case_id').execute();

  await db.schema
    .createTable('overpayment_recoveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('overpayment_id', 'text', (c) => c.notNull())
    .addColumn('on_date', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('method', 'text')
    .addColumn('amount_fen', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint('overpayment_recoveries_kind', sql`kind in ('recovery','unrecoverable','write_off')`)
    .execute();
  await db.schema
    .createIndex('overpayment_recoveries_owner')
    .on('overpayment_recoveries')
    .column('overpayment_id')
    .execute();

  await db.schema
    .createTable('compare_batches')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('list', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('file_sha256', 'text', (c) => c.notNull())
    .addColumn('compared_on', 'text', (c) => c.notNull())
    .addColumn('rows', 'integer', (c) => c.notNull())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .addColumn('not_on_ledger', 'integer', (c) => c.notNull())
    .addColumn('bad_rows', 'integer', (c) => c.notNull())
    /** JSON {effect: count}. */
    .addColumn('counts', 'text', (c) => c.notNull())
    .addColumn('recorded_deaths', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('compare_hits')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('batch_id', 'text', (c) => c.notNull())
    .addColumn('row', 'integer', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('effect', 'text', (c) => c.notNull())
    /** JSON [{id, category, status}]. */
    .addColumn('cases', 'text', (c) => c.notNull())
    /** JSON {header: value} — the list's own columns on this row. */
    .addColumn('columns', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('outcome_note', 'text')
    .addColumn('checked_on', 'text')
    .addColumn('checked_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addCheckConstraint(
      'compare_hits_effect',
      sql`effect in ('active_recipient','member_of_paying_household','stopped','register_only')`,
    )
    .addCheckConstraint('compare_hits_status', sql`status in ('open','closed')`)
    .execute();
  await db.schema.createIndex('compare_hits_batch').on('compare_hits').columns(['batch_id', 'row']).execute();
  await db.schema.createIndex('compare_hits_open').on('compare_hits').columns(['status', 'due_on']).execute();

  await db.schema
    .createTable('discovery_leads')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('subject_key', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text')
    .addColumn('household_id', 'text')
    /** JSON: the facts behind the lead. */
    .addColumn('facts', 'text', (c) => c.notNull())
    .addColumn('found_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('outcome_ref', 'text')
    .addColumn('reason', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addCheckConstraint('discovery_leads_status', sql`status in ('open','accepted','dismissed')`)
    .execute();
  await db.schema
    .createIndex('discovery_leads_subject')
    .on('discovery_leads')
    .columns(['rule', 'subject_key'])
    .execute();

  await db.schema
    .createTable('monitoring_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('household_id', 'text', (c) => c.notNull())
    .addColumn('group_code', 'text', (c) => c.notNull())
    .addColumn('source_ref', 'text')
    .addColumn('cycle_months', 'integer', (c) => c.notNull())
    .addColumn('started_on', 'text', (c) => c.notNull())
    .addColumn('next_review_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('ended_on', 'text')
    .addColumn('end_reason', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addCheckConstraint('monitoring_entries_status', sql`status in ('active','ended')`)
    .execute();
  await db.schema.createIndex('monitoring_entries_household').on('monitoring_entries').column('household_id').execute();

  await db.schema
    .createTable('monitoring_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('entry_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('on_date', 'text', (c) => c.notNull())
    .addColumn('signal', 'text')
    .addColumn('path', 'text')
    .addColumn('detail', 'text')
    .addColumn('result', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint('monitoring_events_kind', sql`kind in ('warning','visit','review')`)
    .execute();
  await db.schema.createIndex('monitoring_events_entry').on('monitoring_events').column('entry_id').execute();

  await db.schema
    .createTable('holidays')
    .addColumn('date', 'text', (c) => c.primaryKey())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('local', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint('holidays_kind', sql`kind in ('holiday','workday')`)
    .execute();

  // Existing ledgers: approved cases without member rows cover their person (individual cases), or their household's
  // current members (household cases), from the case's start month.
  const approvedWithoutMembers = sql`c.start_month IS NOT NULL AND c.status IN ('active','stopped')
      AND NOT EXISTS (SELECT 1 FROM case_members x WHERE x.case_id = c.id)`;
  const household = sql`(c.category IN ('dibao','bianyuan','gangxing') AND c.single_person = 0)`;
  await sql`INSERT INTO case_members (id, case_id, person_id, start_month, stop_month, created_at)
    SELECT lower(hex(randomblob(16))), c.id, c.person_id, c.start_month, c.stop_month, strftime('%Y-%m-%dT%H:%M:%fZ','now')
    FROM cases c WHERE ${approvedWithoutMembers} AND c.person_id IS NOT NULL AND NOT ${household}`.execute(db);
  await sql`INSERT INTO case_members (id, case_id, person_id, start_month, stop_month, created_at)
    SELECT lower(hex(randomblob(16))), c.id, hm.person_id, c.start_month, c.stop_month, strftime('%Y-%m-%dT%H:%M:%fZ','now')
    FROM cases c JOIN household_members hm ON hm.household_id = c.household_id AND hm.left_on IS NULL
    WHERE ${approvedWithoutMembers} AND ${household}`.execute(db);
}
