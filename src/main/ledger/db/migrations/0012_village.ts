// Frozen in time: no app imports. Village copies (issue 15): the office's register of copies and what it imported
// from them; a copy's outbox of changes and the change files it wrote. Both sides carry every table (one schema);
// a copy only fills its side, the office only its side. See docs/EXCHANGE.md.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Office: one row per copy made.
  await db.schema
    .createTable('village_copies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('villages', 'text', (c) => c.notNull()) // JSON array of village ids
    .addColumn('public_key', 'text', (c) => c.notNull()) // Ed25519, SPKI PEM
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_file_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_file_hash', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .execute();
  // Office: every change file imported (file number -> hash), so a file seen again is recognised.
  await db.schema
    .createTable('village_imports')
    .addColumn('copy_id', 'text', (c) => c.notNull())
    .addColumn('file_seq', 'integer', (c) => c.notNull())
    .addColumn('file_hash', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addColumn('imported_by', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('village_imports_pk', ['copy_id', 'file_seq'])
    .execute();
  // Office: what became of each change id (applied / queued / refused).
  await db.schema
    .createTable('village_applied')
    .addColumn('change_id', 'text', (c) => c.primaryKey())
    .addColumn('copy_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('message', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  // Office: a record created in a copy gets an office id; later changes naming the copy's id are rewritten.
  await db.schema
    .createTable('village_idmap')
    .addColumn('copy_id', 'text', (c) => c.notNull())
    .addColumn('copy_entity_id', 'text', (c) => c.notNull())
    .addColumn('office_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('village_idmap_pk', ['copy_id', 'copy_entity_id'])
    .execute();
  // Office: changes waiting for a person (conflict with an office edit, possible duplicate person).
  await db.schema
    .createTable('village_queue')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('copy_id', 'text', (c) => c.notNull())
    .addColumn('change_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // 'conflict' | 'duplicate'
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('entity', 'text')
    .addColumn('entity_id', 'text')
    .addColumn('village_values', 'text', (c) => c.notNull())
    .addColumn('office_values', 'text')
    .addColumn('office_changed_by', 'text')
    .addColumn('office_changed_at', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // Copy: every successful write, in order (written in the write's own transaction).
  await db.schema
    .createTable('village_outbox')
    .addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('change_id', 'text', (c) => c.notNull().unique())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('input', 'text', (c) => c.notNull())
    .addColumn('output', 'text', (c) => c.notNull())
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('base_versions', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('ack', 'text') // null until the office acknowledges: applied | queued | refused
    .execute();
  // Copy: the change files written, kept until acknowledged.
  await db.schema
    .createTable('village_files')
    .addColumn('file_seq', 'integer', (c) => c.primaryKey())
    .addColumn('file_hash', 'text', (c) => c.notNull())
    .addColumn('from_seq', 'integer', (c) => c.notNull())
    .addColumn('to_seq', 'integer', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('written_at', 'text', (c) => c.notNull())
    .addColumn('acknowledged_at', 'text')
    .execute();
}
