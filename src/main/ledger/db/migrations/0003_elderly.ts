// Frozen in time: no app imports. The elderly-services ledger's tables; see stations/tables.ts for their meaning.
import { sql, type Kysely } from 'kysely';
import type { CreateTableBuilder } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Builder = CreateTableBuilder<any, any>;

/** id, created_at, updated_at, version: every row a clerk can change. */
function stamped(b: Builder): Builder {
  return b
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1));
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await stamped(
    db.schema
      .createTable('facilities')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) =>
        c.notNull().check(sql`type in ('center','station','mutual_aid','meal_point','nursing_home','other')`),
      )
      .addColumn('village_id', 'text', (c) => c.references('villages.id'))
      .addColumn('address', 'text', (c) => c.notNull())
      .addColumn('operator_name', 'text', (c) => c.notNull())
      .addColumn('operator_uscc', 'text')
      .addColumn('legal_form', 'text', (c) =>
        c.notNull().check(sql`legal_form in ('public_institution','private_non_enterprise','company','unregistered')`),
      )
      .addColumn('operating_model', 'text', (c) =>
        c.notNull().check(sql`operating_model in ('public_public','public_private','private_private')`),
      )
      .addColumn('premises', 'text', (c) => c.check(sql`premises in ('owned','leased','lent','other')`))
      .addColumn('contact_name', 'text')
      .addColumn('contact_phone', 'text')
      .addColumn('opened_on', 'text')
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('building','operating','closed')`))
      .addColumn('closed_on', 'text')
      .addColumn('close_reason', 'text')
      .addColumn('beds_total', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(0)
          .check(sql`beds_total >= 0`),
      )
      .addColumn('beds_nursing', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(0)
          .check(sql`beds_nursing >= 0`),
      )
      .addColumn('beds_occupied', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(0)
          .check(sql`beds_occupied >= 0`),
      )
      .addColumn('staff_count', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(0)
          .check(sql`staff_count >= 0`),
      )
      .addColumn('carer_count', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(0)
          .check(sql`carer_count >= 0`),
      )
      .addColumn('service_items', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('remark', 'text')
      .addCheckConstraint('facilities_beds', sql`beds_nursing <= beds_total and beds_occupied <= beds_total`)
      .addCheckConstraint('facilities_closed', sql`(status = 'closed') = (closed_on is not null)`),
  ).execute();
  await db.schema.createIndex('facilities_type_status').on('facilities').columns(['type', 'status']).execute();
  await db.schema.createIndex('facilities_village').on('facilities').column('village_id').execute();

  await stamped(
    db.schema
      .createTable('facility_licences')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('facility_id', 'text', (c) => c.notNull().references('facilities.id'))
      .addColumn('kind', 'text', (c) =>
        c.notNull().check(sql`kind in ('elderly_care','food','medical','fire','other')`),
      )
      .addColumn('number', 'text', (c) => c.notNull())
      .addColumn('issuer', 'text')
      .addColumn('issued_on', 'text', (c) => c.notNull())
      .addColumn('expires_on', 'text')
      .addColumn('voided', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('void_reason', 'text'),
  ).execute();
  await db.schema.createIndex('facility_licences_facility').on('facility_licences').column('facility_id').execute();
  await db.schema.createIndex('facility_licences_expiry').on('facility_licences').column('expires_on').execute();

  await stamped(
    db.schema
      .createTable('facility_ratings')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('facility_id', 'text', (c) => c.notNull().references('facilities.id'))
      .addColumn('scheme', 'text', (c) => c.notNull().check(sql`scheme in ('star','level')`))
      .addColumn('grade', 'integer', (c) => c.notNull().check(sql`grade between 1 and 5`))
      .addColumn('score', 'integer')
      .addColumn('rated_on', 'text', (c) => c.notNull())
      .addColumn('valid_until', 'text', (c) => c.notNull())
      .addColumn('rated_by', 'text', (c) => c.notNull())
      .addColumn('voided', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('void_reason', 'text')
      .addCheckConstraint('facility_ratings_validity', sql`valid_until >= rated_on`),
  ).execute();
  await db.schema
    .createIndex('facility_ratings_facility')
    .on('facility_ratings')
    .columns(['facility_id', 'rated_on'])
    .execute();

  await stamped(
    db.schema
      .createTable('facility_subsidies')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('facility_id', 'text', (c) => c.notNull().references('facilities.id'))
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('operating','construction','other')`))
      .addColumn('amount_fen', 'integer', (c) => c.notNull().check(sql`amount_fen > 0`))
      .addColumn('granted_on', 'text', (c) => c.notNull())
      .addColumn('period', 'text')
      .addColumn('rating_id', 'text', (c) => c.references('facility_ratings.id'))
      .addColumn('document_no', 'text')
      .addColumn('voided', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('void_reason', 'text')
      .addCheckConstraint('facility_subsidies_rating', sql`kind <> 'operating' or rating_id is not null`),
  ).execute();
  await db.schema.createIndex('facility_subsidies_facility').on('facility_subsidies').column('facility_id').execute();

  await stamped(
    db.schema
      .createTable('facility_months')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('facility_id', 'text', (c) => c.notNull().references('facilities.id'))
      .addColumn('month', 'text', (c) => c.notNull())
      .addColumn('meals_served', 'integer', (c) => c.notNull().check(sql`meals_served >= 0`))
      .addColumn('meals_subsidised', 'integer', (c) => c.notNull().check(sql`meals_subsidised >= 0`))
      .addColumn('served', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('beds_occupied', 'integer', (c) => c.notNull().check(sql`beds_occupied >= 0`))
      .addColumn('note', 'text')
      .addCheckConstraint('facility_months_meals', sql`meals_subsidised <= meals_served`),
  ).execute();
  await db.schema
    .createIndex('facility_months_unique')
    .on('facility_months')
    .columns(['facility_id', 'month'])
    .unique()
    .execute();
  await db.schema.createIndex('facility_months_month').on('facility_months').column('month').execute();

  await stamped(
    db.schema
      .createTable('facility_inspections')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('facility_id', 'text', (c) => c.notNull().references('facilities.id'))
      .addColumn('inspected_on', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('inspectors', 'text', (c) => c.notNull())
      .addColumn('findings', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('none','open','closed')`))
      .addColumn('rectify_by', 'text')
      .addColumn('rectified_on', 'text')
      .addColumn('rectification_note', 'text')
      .addCheckConstraint('facility_inspections_deadline', sql`status = 'none' or rectify_by is not null`)
      .addCheckConstraint('facility_inspections_closed', sql`(status = 'closed') = (rectified_on is not null)`),
  ).execute();
  await db.schema
    .createIndex('facility_inspections_facility')
    .on('facility_inspections')
    .columns(['facility_id', 'inspected_on'])
    .execute();
  await db.schema
    .createIndex('facility_inspections_open')
    .on('facility_inspections')
    .columns(['status', 'rectify_by'])
    .execute();

  await stamped(
    db.schema
      .createTable('facility_complaints')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('facility_id', 'text', (c) => c.notNull().references('facilities.id'))
      .addColumn('received_on', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('complainant', 'text')
      .addColumn('content', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open','closed')`))
      .addColumn('handled_on', 'text')
      .addColumn('result', 'text'),
  ).execute();
  await db.schema
    .createIndex('facility_complaints_facility')
    .on('facility_complaints')
    .columns(['facility_id', 'received_on'])
    .execute();

  await stamped(
    db.schema
      .createTable('elderly_people')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('person_id', 'text', (c) => c.references('people.id'))
      .addColumn('id_number', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('sex', 'text', (c) => c.notNull().check(sql`sex in ('M','F')`))
      .addColumn('birth_date', 'text', (c) => c.notNull())
      .addColumn('village_id', 'text', (c) => c.notNull().references('villages.id'))
      .addColumn('address', 'text')
      .addColumn('phone', 'text')
      .addColumn('categories', 'text', (c) => c.notNull())
      .addColumn('risk_level', 'text', (c) => c.notNull().check(sql`risk_level in ('high','key','general')`))
      .addColumn('contact_name', 'text')
      .addColumn('contact_phone', 'text')
      .addColumn('registered_on', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active','ended')`))
      .addColumn('ended_on', 'text')
      .addColumn('end_reason', 'text')
      .addColumn('remark', 'text'),
  ).execute();
  // One active entry per person, enforced by the file.
  await sql`CREATE UNIQUE INDEX elderly_people_active_id ON elderly_people(id_number) WHERE status = 'active'`.execute(
    db,
  );
  await db.schema
    .createIndex('elderly_people_village')
    .on('elderly_people')
    .columns(['village_id', 'status'])
    .execute();
  await db.schema.createIndex('elderly_people_person').on('elderly_people').column('person_id').execute();

  await stamped(
    db.schema
      .createTable('elderly_visits')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('elderly_id', 'text', (c) => c.notNull().references('elderly_people.id'))
      .addColumn('visited_on', 'text', (c) => c.notNull())
      .addColumn('way', 'text', (c) =>
        c
          .notNull()
          .check(sql`way in ('home','phone','video','im','third_party','volunteer','neighbour','smart_alert')`),
      )
      .addColumn('visitor', 'text', (c) => c.notNull())
      .addColumn('findings', 'text', (c) => c.notNull())
      .addColumn('problems', 'text')
      .addColumn('referral', 'text')
      .addColumn('voided', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('void_reason', 'text')
      .addColumn('created_by', 'text', (c) => c.notNull()),
  ).execute();
  await db.schema
    .createIndex('elderly_visits_person')
    .on('elderly_visits')
    .columns(['elderly_id', 'visited_on'])
    .execute();
  // Due dates and the visit rate read the last live visit per person and who was visited in a month: partial
  // covering indexes over the live (not voided) visits answer both from the index alone.
  await sql`CREATE INDEX elderly_visits_live_person ON elderly_visits(elderly_id, visited_on) WHERE voided = 0`.execute(
    db,
  );
  await sql`CREATE INDEX elderly_visits_live_date ON elderly_visits(visited_on, elderly_id) WHERE voided = 0`.execute(
    db,
  );

  await stamped(
    db.schema
      .createTable('elderly_services')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('elderly_id', 'text', (c) => c.notNull().references('elderly_people.id'))
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('home_adaptation','meal')`))
      .addColumn('on_date', 'text')
      .addColumn('month', 'text')
      .addColumn('items', 'text')
      .addColumn('contractor', 'text')
      .addColumn('facility_id', 'text', (c) => c.references('facilities.id'))
      .addColumn('meals', 'integer', (c) => c.check(sql`meals >= 0`))
      .addColumn('subsidy_fen', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(0)
          .check(sql`subsidy_fen >= 0`),
      )
      .addColumn('voided', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('void_reason', 'text')
      .addCheckConstraint(
        'elderly_services_shape',
        sql`(kind = 'home_adaptation' and on_date is not null and items is not null)
          or (kind = 'meal' and month is not null and facility_id is not null and meals is not null)`,
      ),
  ).execute();
  await db.schema
    .createIndex('elderly_services_person')
    .on('elderly_services')
    .columns(['elderly_id', 'kind'])
    .execute();
  await sql`CREATE UNIQUE INDEX elderly_services_meal_month ON elderly_services(elderly_id, facility_id, month)
    WHERE kind = 'meal' AND voided = 0`.execute(db);
}
