// Frozen in time: no app imports. Village copies, third step (issue 15, docs/EXCHANGE.md): differential return files,
// revoking a copy, the records each village change touched.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Office: the last return file the copy has acknowledged (named in its change files), and revoking a copy (status
  // 'revoked', when, by whom, why); the row's own version for the write kernel.
  await db.schema
    .alterTable('village_copies')
    .addColumn('acked_return_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('village_copies').addColumn('revoked_at', 'text').execute();
  await db.schema.alterTable('village_copies').addColumn('revoked_by', 'text').execute();
  await db.schema.alterTable('village_copies').addColumn('revoke_reason', 'text').execute();
  await db.schema
    .alterTable('village_copies')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .alterTable('village_copies')
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  // Office: the office ids of the records a village change was based on or changed (JSON array), so the next return
  // file carries them back whatever became of the change.
  await db.schema.alterTable('village_applied').addColumn('touched', 'text').execute();
  // Office: each return file written (full or differential, against which acknowledged one), and what each return
  // file told the copy: one hash per row (table, key) of the copy's villages.
  await sql`CREATE TABLE village_returns (
    copy_id text NOT NULL, return_seq integer NOT NULL, base_seq integer NOT NULL, full integer NOT NULL,
    up_to_file_seq integer NOT NULL, applied_mark integer NOT NULL, written_at text NOT NULL, rows integer NOT NULL,
    PRIMARY KEY (copy_id, return_seq))`.execute(db);
  await sql`CREATE TABLE village_sent (
    copy_id text NOT NULL, return_seq integer NOT NULL, tbl text NOT NULL, key text NOT NULL, hash text NOT NULL,
    PRIMARY KEY (copy_id, return_seq, tbl, key)) WITHOUT ROWID`.execute(db);
  // Copy: the rows (table, key) the copy holds as the office sent them (at copy time and by return files): a row the
  // copy holds and the office never sent is the copy's own, replaced by the office's once acknowledged.
  await sql`CREATE TABLE village_known (tbl text NOT NULL, key text NOT NULL, PRIMARY KEY (tbl, key)) WITHOUT ROWID`.execute(
    db,
  );
}
