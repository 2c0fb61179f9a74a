// Frozen in time: no app imports. Tables of the 社会组织台账 (see orgs/tables.ts for their meaning).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('orgs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('registry', 'text', (c) => c.notNull().check(sql`registry in ('registered','community')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.check(sql`kind in ('association','service','foundation')`))
    .addColumn('community_type', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('normal','changed','revoked','deregistered')`))
    .addColumn('credit_code', 'text')
    .addColumn('registration_no', 'text')
    .addColumn('authority', 'text')
    .addColumn('supervisor', 'text')
    .addColumn('legal_rep', 'text')
    .addColumn('domicile', 'text')
    .addColumn('purpose', 'text')
    .addColumn('scope', 'text')
    .addColumn('capital_fen', 'integer')
    .addColumn('members', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('founded_on', 'text')
    .addColumn('registered_on', 'text')
    .addColumn('leader', 'text')
    .addColumn('leader_phone', 'text')
    .addColumn('venue', 'text')
    .addColumn('charter', 'text')
    .addColumn('funds_fen', 'integer')
    .addColumn('area', 'text')
    .addColumn('guide_unit', 'text')
    .addColumn('filing_no', 'text')
    .addColumn('filed_on', 'text')
    .addColumn('term_years', 'integer')
    .addColumn('party_org', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('party_members', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('phone', 'text')
    .addColumn('note', 'text')
    .addColumn('ended_on', 'text')
    .addColumn('end_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    // Each registry's required fields, and the statuses it may take.
    .addCheckConstraint(
      'orgs_registry_fields',
      sql`(registry = 'registered' AND kind IS NOT NULL AND credit_code IS NOT NULL AND registered_on IS NOT NULL
            AND status IN ('normal','revoked','deregistered'))
       OR (registry = 'community' AND community_type IS NOT NULL AND filed_on IS NOT NULL AND filing_no IS NOT NULL
            AND status IN ('normal','changed','deregistered'))`,
    )
    .execute();
  await sql`CREATE UNIQUE INDEX orgs_credit_code ON orgs(credit_code) WHERE credit_code IS NOT NULL`.execute(db);
  await sql`CREATE UNIQUE INDEX orgs_filing_no ON orgs(filing_no) WHERE filing_no IS NOT NULL`.execute(db);
  await db.schema.createIndex('orgs_registry_status').on('orgs').columns(['registry', 'status', 'name']).execute();

  await db.schema
    .createTable('org_inspections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('supervisor_submitted_on', 'text')
    .addColumn('authority_submitted_on', 'text')
    .addColumn('result', 'text', (c) => c.check(sql`result in ('pass','basic','fail')`))
    .addColumn('result_on', 'text')
    .addColumn('rectification', 'text')
    .addColumn('rectified_on', 'text')
    .addColumn('note', 'text')
    .addColumn('voided_at', 'text')
    .addColumn('void_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  // One live record per organization and year; voided ones stay beside it.
  await sql`CREATE UNIQUE INDEX org_inspections_live ON org_inspections(org_id, year) WHERE voided_at IS NULL`.execute(
    db,
  );
  await db.schema.createIndex('org_inspections_year').on('org_inspections').columns(['year']).execute();

  await db.schema
    .createTable('org_ratings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('grade', 'integer', (c) => c.notNull().check(sql`grade BETWEEN 1 AND 5`))
    .addColumn('applied_on', 'text')
    .addColumn('rated_on', 'text', (c) => c.notNull())
    .addColumn('expires_on', 'text', (c) => c.notNull())
    .addColumn('certificate_no', 'text')
    .addColumn('note', 'text')
    .addColumn('override_reason', 'text')
    .addColumn('end_kind', 'text', (c) => c.check(sql`end_kind in ('superseded','downgraded','cancelled','voided')`))
    .addColumn('ended_on', 'text')
    .addColumn('end_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('org_ratings_org').on('org_ratings').columns(['org_id', 'rated_on']).execute();

  await db.schema
    .createTable('org_terms')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('term_no', 'integer', (c) => c.notNull())
    .addColumn('started_on', 'text', (c) => c.notNull())
    .addColumn('term_years', 'integer', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('current','postponed','done')`))
    .addColumn('postponed_to', 'text')
    .addColumn('postpone_reason', 'text')
    .addColumn('done_on', 'text')
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await sql`CREATE UNIQUE INDEX org_terms_no ON org_terms(org_id, term_no)`.execute(db);
  // At most one open term per organization.
  await sql`CREATE UNIQUE INDEX org_terms_open ON org_terms(org_id) WHERE status <> 'done'`.execute(db);

  await db.schema
    .createTable('org_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('occurred_on', 'text', (c) => c.notNull())
    .addColumn('before_value', 'text')
    .addColumn('after_value', 'text')
    .addColumn('detail', 'text')
    .addColumn('doc_no', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('org_events_org').on('org_events').columns(['org_id', 'occurred_on']).execute();
}
