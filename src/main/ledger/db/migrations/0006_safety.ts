// Frozen in time: no app imports. 备份与隐私 needs no tables of its own: its settings (second backup folder, retention
// period for closed cases) live in `settings`, and backups are files beside the ledger, each with a manifest
// (ledger/backup/). The migration stays in the list so the schema version counts stay in step.
import type { Kysely } from 'kysely';

export async function up(_db: Kysely<unknown>): Promise<void> {}
