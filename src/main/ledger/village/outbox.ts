// What the dispatcher asks of the village capability on every write: may this method run here (a copy accepts only
// its allowlist), and, after it ran, the change recorded in the copy's outbox in the same transaction.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { LedgerError } from '../../../shared/errors';
import type { DB } from '../db';
import type { Actor } from '../kernel';
import { baseVersions, canonical, sha256 } from './canonical';
import { recordedInput } from './carried';
import { COPY_ALLOWED_WRITES, readCopyState } from './state';

/** What a change did to one record in the copy (its journal entry): the columns before and after. */
export interface ChangeEffect {
  entity: string;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/**
 * Called by the dispatcher inside a write's transaction, before the handler. In an office ledger it does nothing and
 * returns null; in a village copy it refuses a method off the allowlist, else returns the hook that records the
 * change after the handler succeeded.
 */
export async function villageWriteGuard(
  trx: Kysely<DB>,
  method: string,
): Promise<((input: unknown, output: unknown, actor: Actor | null, at: Date) => Promise<void>) | null> {
  const state = await readCopyState(trx);
  if (!state) return null;
  if (!COPY_ALLOWED_WRITES.has(method)) {
    throw new LedgerError('FORBIDDEN', '这是村级副本：此操作只能在乡镇（街道）办公室的台账中进行');
  }
  if (method.startsWith('auth.') || method.startsWith('village.')) return null; // the copy's own business, never sent
  // The journal entries this write adds are its effects (the columns it changed, with their values before).
  const mark = Number(
    (await sql<{ m: number | null }>`SELECT max(seq) AS m FROM journal`.execute(trx)).rows[0]?.m ?? 0,
  );
  return async (input, output, actor, at) => {
    const effects: ChangeEffect[] = (
      await sql<{ entity: string; entity_id: string; before: string | null; after: string | null }>`
        SELECT entity, entity_id, before, after FROM journal WHERE seq > ${mark} ORDER BY seq`.execute(trx)
    ).rows.map((r) => ({
      entity: r.entity,
      entityId: r.entity_id,
      before: r.before ? (JSON.parse(r.before) as Record<string, unknown>) : null,
      after: r.after ? (JSON.parse(r.after) as Record<string, unknown>) : null,
    }));
    const changeId = randomUUID();
    const bases = baseVersions(input);
    // An attachment's bytes are not kept twice: the change names the file by hash; the change file carries it.
    input = recordedInput(method, input, output);
    const author = actor ? `${actor.name}（${actor.username}）` : '系统';
    const hash = sha256(canonical({ changeId, method, input, output, author, at: at.toISOString(), bases, effects }));
    await sql`INSERT INTO village_outbox (change_id, method, input, output, author, at, base_versions, hash, effects)
      VALUES (${changeId}, ${method}, ${JSON.stringify(input)}, ${JSON.stringify(output ?? null)}, ${author},
        ${at.toISOString()}, ${JSON.stringify(bases)}, ${hash}, ${JSON.stringify(effects)})`.execute(trx);
  };
}
