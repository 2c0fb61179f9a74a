// The settings row that marks a ledger as a village copy, and the copy-mode allowlist of write methods.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema';

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
]);

export async function readCopyState(db: Kysely<DB>): Promise<CopyState | null> {
  const r = await sql<{ value: string }>`SELECT value FROM settings WHERE key = ${COPY_SETTING}`.execute(db);
  const row = r.rows[0];
  return row ? (JSON.parse(row.value) as CopyState) : null;
}

export async function writeCopyState(db: Kysely<DB>, state: CopyState): Promise<void> {
  await sql`UPDATE settings SET value = ${JSON.stringify(state)} WHERE key = ${COPY_SETTING}`.execute(db);
}
