// Frozen in time: no app imports. Tables of 月度报表与结账 (see periods/tables.ts for their meaning), and the extra
// indexes the monthly figures need on the assistance tables (exits are found by stop month; members by case+month).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('report_periods')
    .addColumn('month', 'text', (c) => c.primaryKey())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open','final')`))
    .addColumn('final_revision', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('finalized_at', 'text')
    .addColumn('finalized_by', 'text')
    .addColumn('reopened_at', 'text')
    .addColumn('reopened_by', 'text')
    .addColumn('reopen_reason', 'text')
    .addColumn('amended', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('report_packages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('prepared','final','superseded')`))
    .addColumn('trigger', 'text', (c) => c.notNull().check(sql`"trigger" in ('manual','schedule','cli')`))
    .addColumn('built_at', 'text', (c) => c.notNull())
    .addColumn('built_by', 'text', (c) => c.notNull())
    .addColumn('checks_ok', 'integer', (c) => c.notNull())
    .addColumn('checks', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('xlsx_file', 'text', (c) => c.notNull())
    .addColumn('zip_file', 'text', (c) => c.notNull())
    .addColumn('xlsx_sha256', 'text', (c) => c.notNull())
    .addColumn('zip_sha256', 'text', (c) => c.notNull())
    .addColumn('amounts_draft', 'integer', (c) => c.notNull())
    .addColumn('finalized_at', 'text')
    .addColumn('finalized_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('report_packages_month').on('report_packages').columns(['month', 'revision']).execute();
  // At most one final package per month and revision.
  await sql`CREATE UNIQUE INDEX report_packages_final ON report_packages(month, revision) WHERE status = 'final'`.execute(
    db,
  );

  await db.schema
    .createTable('report_reminders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('review_package')`))
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('package_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('done_at', 'text')
    .addColumn('done_by', 'text')
    .execute();
  await db.schema.createIndex('report_reminders_month').on('report_reminders').columns(['month', 'kind']).execute();

  await db.schema
    .createTable('report_deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('package_id', 'text', (c) => c.notNull().references('report_packages.id'))
    .addColumn('method', 'text', (c) => c.notNull().check(sql`method in ('upload','folder')`))
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('ok','failed')`))
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('http_status', 'integer')
    .addColumn('receipt', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('by_name', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('report_deliveries_package').on('report_deliveries').column('package_id').execute();

  // Sums of a confirmed payment roll by row code, area and village: a confirmed roll does not change (regenerating
  // it bumps its version), so year-to-date figures read these instead of re-adding a million lines.
  await db.schema
    .createTable('report_roll_sums')
    .addColumn('roll_id', 'text', (c) => c.notNull())
    .addColumn('stamp', 'text', (c) => c.notNull())
    .addColumn('g', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'integer', (c) => c.notNull())
    .addColumn('base_fen', 'integer', (c) => c.notNull())
    .addColumn('supplement_fen', 'integer', (c) => c.notNull())
    .addColumn('lines', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('report_roll_sums_pk', ['roll_id', 'stamp', 'g'])
    .execute();

  // Figures: exits in M are found by stop month; covered members by case and start month; grants by month.
  await db.schema.createIndex('cases_stop_month').on('cases').columns(['stop_month', 'category']).execute();
  // One case's line in one roll (trace, detail CSVs): the assistance migration indexes lines by case only.
  await db.schema
    .createIndex('roll_lines_roll_case')
    .on('payment_roll_lines')
    .columns(['roll_id', 'case_id'])
    .execute();
  // The amount of a case for a month (latest effective_month <= M, ties by entry time) read from the index alone.
  await db.schema
    .createIndex('case_amounts_latest')
    .on('case_amounts')
    .columns(['case_id', 'effective_month', 'created_at'])
    .execute();
  await db.schema
    .createIndex('case_members_case_month')
    .on('case_members')
    .columns(['case_id', 'start_month', 'stop_month', 'person_id'])
    .execute();
}
