// Frozen in time: no app imports. Assistance in kind and as services (物资 register with 入库/出库, 服务类救助), and
// charity aid recorded per household (慈善帮扶), kept apart from government aid.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('goods_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await sql`CREATE UNIQUE INDEX goods_items_name ON goods_items(name, unit)`.execute(db);

  await db.schema
    .createTable('goods_moves')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull().references('goods_items.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('unit_value_fen', 'integer', (c) => c.notNull())
    .addColumn('on_date', 'text', (c) => c.notNull())
    .addColumn('source', 'text')
    .addColumn('household_id', 'text', (c) => c.references('households.id'))
    .addColumn('case_id', 'text', (c) => c.references('cases.id'))
    .addColumn('note', 'text')
    .addColumn('voided', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('void_reason', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addCheckConstraint('goods_moves_kind', sql`kind in ('in_purchase','in_donation','out_grant','out_other')`)
    .addCheckConstraint('goods_moves_qty', sql`quantity > 0 and unit_value_fen >= 0`)
    .execute();
  await db.schema.createIndex('goods_moves_item').on('goods_moves').columns(['item_id', 'on_date']).execute();
  await db.schema.createIndex('goods_moves_case').on('goods_moves').column('case_id').execute();

  await db.schema
    .createTable('service_aid')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('household_id', 'text', (c) => c.notNull().references('households.id'))
    .addColumn('case_id', 'text', (c) => c.references('cases.id'))
    .addColumn('service', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('hours', 'real', (c) => c.notNull())
    .addColumn('value_fen', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('on_date', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('voided', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('void_reason', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('charity_aid')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('household_id', 'text', (c) => c.notNull().references('households.id'))
    .addColumn('source_kind', 'text', (c) => c.notNull())
    .addColumn('source_name', 'text', (c) => c.notNull())
    .addColumn('form', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'integer', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('on_date', 'text', (c) => c.notNull())
    .addColumn('counts_as_income', 'integer', (c) => c.notNull())
    .addColumn('referral_consent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('note', 'text')
    .addColumn('voided', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('void_reason', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addCheckConstraint('charity_form', sql`form in ('cash','goods')`)
    .addCheckConstraint('charity_amount', sql`amount_fen > 0`)
    .execute();
  await db.schema.createIndex('charity_aid_household').on('charity_aid').columns(['household_id', 'on_date']).execute();
}
