// The settings row that marks a ledger as a village copy, and the copy-mode allowlist of write methods.
import { generateKeyPairSync } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db';
import { appendJournal, type JournalActor, type JournalEntryInput } from '../journal';

export const COPY_SETTING = 'village_copy';

export interface CopyState {
  copyId: string;
  townshipCode: string;
  villageIds: string[];
  villageNames: string[];
  /** Ed25519 private key (PKCS#8 PEM); never leaves the copy. */
  privateKey: string;
  /** The number of the last change file written (0 = none yet) and its hash. */
  lastFileSeq: number;
  lastFileHash: string | null;
  madeAt: string;
  /** The office's public key for return files (SPKI PEM); absent in copies made before return files existed. */
  officePublicKey?: string;
  /** The last return file imported from the office, its hash, and the last change file it acknowledged. */
  lastReturnSeq?: number;
  lastReturnHash?: string | null;
  lastAcknowledged?: number;
}

/**
 * Write methods a village copy accepts (docs/EXCHANGE.md). Everything else that writes — approving, paying, rolls,
 * reports, standards, settings, users — is refused in a copy.
 */
export const COPY_ALLOWED_WRITES: ReadonlySet<string> = new Set([
  'auth.login',
  'auth.logout',
  'auth.changePassword',
  // 受理 and the household it is for
  'households.create',
  'households.update',
  'households.addMember',
  'households.removeMember',
  'households.moveMember',
  'households.setHead',
  'people.update',
  'people.recordDeath',
  'people.assessSelfCare',
  'cases.create',
  'cases.investigate',
  // visits and notes
  'elderly.visits.add',
  'children.visits.add',
  // attachments
  'attachments.add',
  // the copy's own exchange with the office (never sent as changes)
  'village.exportChanges',
  'village.importReturn',
]);

export async function readCopyState(db: Kysely<DB>): Promise<CopyState | null> {
  const r = await sql<{ value: string }>`SELECT value FROM settings WHERE key = ${COPY_SETTING}`.execute(db);
  const row = r.rows[0];
  return row ? (JSON.parse(row.value) as CopyState) : null;
}

/** The township code the ledger was set up for (every exchange file names it). */
export async function townshipCode(db: Kysely<DB>): Promise<string> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', 'township').executeTakeFirst();
  return row ? String((JSON.parse(row.value) as { code?: unknown }).code ?? '') : '';
}

/**
 * In a copy: marks what the office made of its changes (an acknowledgement or a return file) and empties the text of
 * the change files acknowledged. Returns how many changes got a new result.
 */
export async function markAcknowledged(
  trx: Kysely<DB>,
  results: { changeId: string; result: string; message?: string | null }[],
  upToFileSeq: number,
  at: string,
): Promise<number> {
  let marked = 0;
  for (const r of results) {
    const res = await sql`UPDATE village_outbox SET ack = ${r.result}, ack_message = ${r.message ?? null}
      WHERE change_id = ${r.changeId} AND (ack IS NULL OR ack IS NOT ${r.result} OR ack_message IS NOT ${r.message ?? null})`.execute(
      trx,
    );
    marked += Number(res.numAffectedRows ?? 0);
  }
  await sql`UPDATE village_files SET acknowledged_at = ${at}, content = '' WHERE file_seq <= ${upToFileSeq}
    AND acknowledged_at IS NULL`.execute(trx);
  return marked;
}

export async function writeCopyState(db: Kysely<DB>, state: CopyState): Promise<void> {
  await sql`UPDATE settings SET value = ${JSON.stringify(state)} WHERE key = ${COPY_SETTING}`.execute(db);
}

/** Where a village step journals: a user (straight into the journal) or the dispatcher's ctx.journal (counted). */
export type JournalSink = JournalActor | ((...entries: JournalEntryInput[]) => Promise<void>);

export function journalTo(
  trx: Kysely<DB>,
  sink: JournalSink,
  at: string,
): (...entries: JournalEntryInput[]) => Promise<void> {
  return typeof sink === 'function' ? sink : (...entries) => appendJournal(trx, sink, entries, at);
}

const OFFICE_KEY = 'village_office_key';

/** The office's key pair for return files, made the first time it is needed (kept in settings; never copied). */
export async function officeKey(trx: Kysely<DB>, at: string): Promise<{ privateKey: string; publicKey: string }> {
  const row = await trx.selectFrom('settings').select('value').where('key', '=', OFFICE_KEY).executeTakeFirst();
  if (row) return JSON.parse(row.value) as { privateKey: string; publicKey: string };
  const pair = generateKeyPairSync('ed25519');
  const key = {
    privateKey: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
  await trx
    .insertInto('settings')
    .values({ key: OFFICE_KEY, value: JSON.stringify(key), updated_at: at, version: 1 })
    .execute();
  return key;
}
