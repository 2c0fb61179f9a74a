// Frozen in time: no app imports. The assistance-case ledger's tables; see cases/tables.ts for their meaning.
import { sql, type Kysely } from 'kysely';

const stamp = ['created_at', 'updated_at'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('people')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('id_number', 'text')
    .addColumn('id_legacy', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('id_reversed', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_initials', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('sex', 'text', (c) => c.check(sql`sex in ('M','F')`))
    .addColumn('birth_date', 'text')
    .addColumn('hukou_type', 'text', (c) => c.check(sql`hukou_type in ('urban','rural')`))
    .addColumn('phone', 'text')
    .addColumn('disability_type', 'text')
    .addColumn('disability_grade', 'integer', (c) => c.check(sql`disability_grade between 1 and 4`))
    .addColumn('disability_cert', 'text')
    .addColumn('labour_capacity', 'text', (c) => c.check(sql`labour_capacity in ('full','partial','none')`))
    .addColumn('health', 'text', (c) => c.check(sql`health in ('healthy','chronic','serious')`))
    .addColumn('self_care', 'text', (c) => c.check(sql`self_care in ('able','partial','unable')`))
    .addColumn('bank_name', 'text')
    .addColumn('bank_account', 'text')
    .addColumn('card_account', 'text')
    .addColumn('deceased_on', 'text')
    .addColumn('remark', 'text')
    .addColumn(stamp[0], 'text', (c) => c.notNull())
    .addColumn(stamp[1], 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await sql`CREATE UNIQUE INDEX people_id_number ON people(id_number) WHERE id_number IS NOT NULL`.execute(db);
  // By name (prefix range or a scan of the names alone), covering the list order (initials, name, id).
  await db.schema.createIndex('people_name').on('people').columns(['name', 'name_initials', 'id']).execute();
  await db.schema.createIndex('people_initials').on('people').column('name_initials').execute();
  // Search by the last digits of an ID number ("尾号 0014") without scanning: the number reversed, searched by prefix.
  await sql`CREATE INDEX people_id_reversed ON people(id_reversed) WHERE id_reversed IS NOT NULL`.execute(db);

  await db.schema
    .createTable('households')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('village_id', 'text', (c) => c.notNull().references('villages.id'))
    .addColumn('head_person_id', 'text', (c) => c.references('people.id'))
    .addColumn('hukou_type', 'text', (c) => c.notNull().check(sql`hukou_type in ('urban','rural')`))
    .addColumn('address', 'text')
    .addColumn('phone', 'text')
    .addColumn('annual_income_fen', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('assets_note', 'text')
    .addColumn('poverty_cause', 'text')
    .addColumn('bank_name', 'text')
    .addColumn('bank_account', 'text')
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('active')
        .check(sql`status in ('active','closed')`),
    )
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('households_village').on('households').column('village_id').execute();
  await db.schema.createIndex('households_head').on('households').column('head_person_id').execute();

  await db.schema
    .createTable('household_members')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('household_id', 'text', (c) => c.notNull().references('households.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('relation', 'text', (c) => c.notNull())
    .addColumn('joined_on', 'text', (c) => c.notNull())
    .addColumn('left_on', 'text')
    .addColumn('left_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  // One household at a time, enforced by the file.
  await sql`CREATE UNIQUE INDEX household_members_current ON household_members(person_id) WHERE left_on IS NULL`.execute(
    db,
  );
  await db.schema.createIndex('household_members_household').on('household_members').column('household_id').execute();

  await db.schema
    .createTable('self_care_assessments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('assessed_on', 'text', (c) => c.notNull())
    .addColumn('assessor', 'text', (c) => c.notNull())
    .addColumn('eat', 'integer', (c) => c.notNull())
    .addColumn('dress', 'integer', (c) => c.notNull())
    .addColumn('bed', 'integer', (c) => c.notNull())
    .addColumn('toilet', 'integer', (c) => c.notNull())
    .addColumn('walk', 'integer', (c) => c.notNull())
    .addColumn('bathe', 'integer', (c) => c.notNull())
    .addColumn('grade', 'text', (c) => c.notNull().check(sql`grade in ('able','partial','unable')`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('self_care_person').on('self_care_assessments').column('person_id').execute();

  await db.schema
    .createTable('cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('household_id', 'text', (c) => c.notNull().references('households.id'))
    .addColumn('person_id', 'text', (c) => c.references('people.id'))
    .addColumn('category', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`category in ('dibao','tekun','bianyuan','linshi','gangxing','canji_living','canji_care','guer','wurenfuyang')`,
        ),
    )
    .addColumn('area', 'text', (c) => c.notNull().check(sql`area in ('urban','rural')`))
    .addColumn('single_person', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('support_mode', 'text', (c) => c.check(sql`support_mode in ('centralized','dispersed')`))
    .addColumn('care_grade', 'text', (c) => c.check(sql`care_grade in ('full','partial','none')`))
    .addColumn('linshi_type', 'text', (c) => c.check(sql`linshi_type in ('emergency','expenditure')`))
    .addColumn('grant_amount_fen', 'integer')
    .addColumn('grant_month', 'text')
    .addColumn('advance_aid', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('paperwork_done_on', 'text')
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`status in ('applied','investigating','preliminary','publicizing','reviewing','active','rejected','withdrawn','stopped')`,
        ),
    )
    .addColumn('case_no', 'text')
    .addColumn('applied_on', 'text', (c) => c.notNull())
    .addColumn('accepted_on', 'text')
    .addColumn('decided_on', 'text')
    .addColumn('start_month', 'text')
    .addColumn('stop_month', 'text')
    .addColumn('stop_reason', 'text')
    .addColumn('monthly_amount_fen', 'integer')
    .addColumn('kin_of_staff', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('kin_note', 'text')
    .addColumn('recheck_cycle', 'text', (c) => c.check(sql`recheck_cycle in ('yearly','half_yearly','quarterly')`))
    .addColumn('next_recheck_on', 'text')
    .addColumn('taper_until_month', 'text')
    .addColumn('band', 'text')
    .addColumn('special_case', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reserve_paid', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('due_task', 'text')
    .addColumn('due_on', 'text')
    .addColumn('overall_due_on', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('cases_household').on('cases').column('household_id').execute();
  await db.schema.createIndex('cases_person').on('cases').column('person_id').execute();
  await db.schema.createIndex('cases_period').on('cases').columns(['category', 'start_month', 'stop_month']).execute();
  await db.schema.createIndex('cases_status').on('cases').columns(['status', 'category']).execute();
  await db.schema.createIndex('cases_grant_month').on('cases').column('grant_month').execute();
  await db.schema.createIndex('cases_due').on('cases').column('due_on').execute();
  await db.schema.createIndex('cases_recheck').on('cases').column('next_recheck_on').execute();
  // The payment roll's cases (approved, not 临时救助) by stop month: a month's roll visits the cases still paying,
  // not every case stopped over the years.
  await sql`CREATE INDEX cases_paying ON cases(coalesce(stop_month, '9999-12'), start_month)
    WHERE status IN ('active','stopped') AND category <> 'linshi'`.execute(db);

  await db.schema
    .createTable('case_members')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('start_month', 'text', (c) => c.notNull())
    .addColumn('stop_month', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_members_case').on('case_members').column('case_id').execute();
  await db.schema.createIndex('case_members_person').on('case_members').column('person_id').execute();

  await db.schema
    .createTable('case_amounts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('effective_month', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'integer', (c) => c.notNull().check(sql`amount_fen >= 0`))
    .addColumn('base_fen', 'integer', (c) => c.notNull())
    .addColumn('supplement_fen', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('initial','increase','decrease','taper','standard','correction')`),
    )
    .addColumn('reason', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('case_amounts_case_month')
    .on('case_amounts')
    .columns(['case_id', 'effective_month', 'created_at', 'id'])
    .execute();

  await db.schema
    .createTable('case_steps')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('on_date', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_steps_case').on('case_steps').columns(['case_id', 'on_date']).execute();

  await db.schema
    .createTable('payment_rolls')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('month', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft','confirmed')`))
    .addColumn('line_count', 'integer', (c) => c.notNull())
    .addColumn('total_fen', 'integer', (c) => c.notNull())
    .addColumn('generated_at', 'text', (c) => c.notNull())
    .addColumn('generated_by', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'text')
    .addColumn('confirmed_by', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('payment_roll_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('roll_id', 'text', (c) => c.notNull().references('payment_rolls.id'))
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('household_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text')
    .addColumn('village_id', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('area', 'text', (c) => c.notNull())
    .addColumn('persons', 'integer', (c) => c.notNull())
    .addColumn('amount_fen', 'integer', (c) => c.notNull())
    .addColumn('base_fen', 'integer', (c) => c.notNull())
    .addColumn('supplement_fen', 'integer', (c) => c.notNull())
    .addColumn('payee_name', 'text', (c) => c.notNull())
    .addColumn('bank_account', 'text')
    .execute();
  // Lines are looked up within a roll (by category here, by case in roll_lines_roll_case): no index by case alone,
  // which would take a write in a random place of a million-line index for every line of every roll.
  await db.schema.createIndex('roll_lines_roll').on('payment_roll_lines').columns(['roll_id', 'category']).execute();
}
