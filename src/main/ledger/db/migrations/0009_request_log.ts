// Frozen in time: no app imports. The answers to write requests that carried a request id (clients on the office
// network retry a write whose answer was lost — a dropped connection, a restart of the host); the same id returns the
// stored answer instead of writing twice. Written in the write's own transaction.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('request_log')
    .addColumn('request_id', 'text', (c) => c.primaryKey())
    .addColumn('actor_id', 'text')
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('output', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('request_log_at').on('request_log').column('at').execute();
}
