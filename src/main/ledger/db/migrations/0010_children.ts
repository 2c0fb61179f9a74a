// Frozen in time: no app imports. 儿童福利: the register of children in difficulty (一人一档), visits, and the
// township's 儿童主任 / 儿童督导员.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('children')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.references('people.id'))
    .addColumn('id_number', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('sex', 'text', (c) => c.notNull())
    .addColumn('birth_date', 'text', (c) => c.notNull())
    .addColumn('village_id', 'text', (c) => c.notNull().references('villages.id'))
    .addColumn('address', 'text')
    .addColumn('categories', 'text', (c) => c.notNull())
    .addColumn('father_status', 'text', (c) => c.notNull())
    .addColumn('mother_status', 'text', (c) => c.notNull())
    .addColumn('placement', 'text')
    .addColumn('school', 'text')
    .addColumn('health', 'text')
    .addColumn('guardian_name', 'text')
    .addColumn('guardian_relation', 'text')
    .addColumn('guardian_phone', 'text')
    .addColumn('payee_name', 'text')
    .addColumn('payee_relation', 'text')
    .addColumn('payee_account', 'text')
    .addColumn('carer_name', 'text')
    .addColumn('carer_relation', 'text')
    .addColumn('carer_phone', 'text')
    .addColumn('entrusted_on', 'text')
    .addColumn('registered_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('ended_on', 'text')
    .addColumn('end_reason', 'text')
    .addColumn('remark', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addCheckConstraint('children_status', sql`status in ('active','ended')`)
    .execute();
  // One active file per child (the same ID number may come back after an ended file).
  await sql`CREATE UNIQUE INDEX children_active_id ON children(id_number) WHERE status = 'active'`.execute(db);
  await db.schema.createIndex('children_village').on('children').columns(['village_id', 'status']).execute();

  await db.schema
    .createTable('child_visits')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('child_id', 'text', (c) => c.notNull().references('children.id'))
    .addColumn('visited_on', 'text', (c) => c.notNull())
    .addColumn('way', 'text', (c) => c.notNull())
    .addColumn('visitor', 'text', (c) => c.notNull())
    .addColumn('findings', 'text', (c) => c.notNull())
    .addColumn('problems', 'text')
    .addColumn('referral', 'text')
    .addColumn('forced_report', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('voided', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('void_reason', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('child_visits_child').on('child_visits').columns(['child_id', 'visited_on']).execute();

  await db.schema
    .createTable('child_workers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('village_id', 'text', (c) => c.references('villages.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('started_on', 'text', (c) => c.notNull())
    .addColumn('ended_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addCheckConstraint('child_workers_role', sql`role in ('director','supervisor')`)
    .execute();
}
