// Frozen in time: no app imports. Import batches (issue 13): an import by a clerk that creates or changes paying
// cases waits, as one batch, for a reviewer other than the importer to confirm it. The batch's new cases carry its
// id in cases.pending_batch_id until then (cleared when the batch is confirmed or rejected), and the payment roll
// and the month's figures leave such cases out. Changes the import makes to existing cases wait in the batch
// (pending_changes) and are applied when it is confirmed. See docs/IMPORT.md.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('import_batches')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // The batch number a person types (civil-ledger import-confirm --batch 3): 1, 2, 3 … in import order.
    .addColumn('no', 'integer', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('file_sha256', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending','confirmed','rejected')`))
    .addColumn('imported_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('imported_by_name', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    // Counts and amounts of what the batch holds, as the confirmation screen shows them (JSON).
    .addColumn('summary', 'text', (c) => c.notNull())
    // The import's accepted changes to existing cases, applied on confirmation (JSON list).
    .addColumn('pending_changes', 'text', (c) => c.notNull())
    // The correction reason given at import for finalised months the batch touches.
    .addColumn('correction_reason', 'text')
    .addColumn('decided_by', 'text', (c) => c.references('users.id'))
    .addColumn('decided_by_name', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decision_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('import_batches_status').on('import_batches').columns(['status', 'no']).execute();
  await sql`ALTER TABLE cases ADD COLUMN pending_batch_id TEXT REFERENCES import_batches(id)`.execute(db);
  await sql`CREATE INDEX cases_pending_batch ON cases(pending_batch_id) WHERE pending_batch_id IS NOT NULL`.execute(db);
}
