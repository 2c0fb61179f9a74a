// Frozen in time: no app imports. Village copies, second step (issue 15, docs/EXCHANGE.md): field-level review of
// village changes, resolutions, and the office's return files back to a copy.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Office: a change applied with a note (parallel = the office had changed other fields of the record; partial = some
  // fields wait in the queue), and what a resolution made of a queued change.
  await db.schema.alterTable('village_applied').addColumn('flag', 'text').execute();
  // Office: the fields of a field-level conflict [{column, field, base, office, village}], the resolution and who gave
  // it, and the row's own version (a resolution names the version it saw).
  await db.schema.alterTable('village_queue').addColumn('fields', 'text').execute();
  await db.schema.alterTable('village_queue').addColumn('resolution', 'text').execute();
  await db.schema.alterTable('village_queue').addColumn('resolved_by', 'text').execute();
  await db.schema.alterTable('village_queue').addColumn('resolved_at', 'text').execute();
  await db.schema.alterTable('village_queue').addColumn('resolved_values', 'text').execute();
  await db.schema
    .alterTable('village_queue')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .alterTable('village_queue')
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  // Office: the return files written to a copy (numbered per copy).
  await db.schema
    .alterTable('village_copies')
    .addColumn('last_return_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('village_copies').addColumn('last_return_at', 'text').execute();
  // Copy: what the copy's change did to each record (its own journal entries), carried in format 2 change files.
  await db.schema.alterTable('village_outbox').addColumn('effects', 'text').execute();
  await db.schema.alterTable('village_outbox').addColumn('ack_message', 'text').execute();
  await sql`CREATE INDEX village_queue_status ON village_queue (status, copy_id)`.execute(db);
  await sql`CREATE INDEX village_applied_copy ON village_applied (copy_id, seq)`.execute(db);
}
