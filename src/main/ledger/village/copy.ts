// Making a village copy: a consistent snapshot of the office ledger, cut down to the chosen villages (cut.ts), with a
// fresh journal, one 协理员 login and a key pair. Losing the copy exposes those villages' records and nothing else.
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import { openLedger, type DB, type Ledger } from '../db';
import { LedgerError } from '../../../shared/errors';
import { dataDirFor } from '../../paths';
import { attachmentPath } from '../attachments';
import { createUser, valuesOf } from '../kernel';
import type { LedgerSource } from '../backup';
import { appendJournal, type JournalActor, type JournalEntryInput } from '../journal';
import { extractVillages, rememberAllRows } from './cut';
import { rowCountOf } from './sqlite';
import { COPY_SETTING, journalTo, officeKey, townshipCode, type CopyState } from './state';

export interface MakeCopyOptions {
  office: Ledger;
  source: LedgerSource;
  /** Village codes or names. */
  villages: string[];
  out: string;
  admin: JournalActor;
  /** The office's connection or the caller's transaction (the dispatcher's): reads and the copy's registration. */
  db?: Kysely<DB>;
  /** The dispatcher's journal, with `db`. */
  journal?: (...entries: JournalEntryInput[]) => Promise<void>;
  /** The copy's own login (role clerk, copy-mode allowlist). */
  login: { username: string; displayName: string; password: string };
  now?: () => Date;
  /** The office's folder of attachment files: the files of the copy's records go into the copy's folder. */
  officeDataDir?: string;
}

export interface CopyMade {
  copyId: string;
  villageIds: string[];
  villageNames: string[];
  rows: Record<string, number>;
  /** Attachment files put beside the copy, and those the office's folder did not have. */
  files: { copied: number; missing: number };
}

/** The files of the copy's attachment rows, from the office's folder into the copy's (`<copy>.files`). */
function copyAttachmentFiles(
  out: string,
  officeDir: string,
  source: LedgerSource,
): { copied: number; missing: number } {
  const check = new Database(out, {
    readonly: true,
    ...(source.nativeBinding ? { nativeBinding: source.nativeBinding } : {}),
  });
  let hashes: string[];
  try {
    hashes = valuesOf<string>(check, `SELECT DISTINCT sha256 FROM attachments`);
  } finally {
    check.close();
  }
  const copyDir = dataDirFor(out);
  let copied = 0;
  let missing = 0;
  for (const h of hashes) {
    const from = attachmentPath(officeDir, h);
    if (!existsSync(from)) {
      missing += 1;
      continue;
    }
    const to = attachmentPath(copyDir, h);
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(from, to);
    copied += 1;
  }
  return { copied, missing };
}

export async function resolveVillages(db: Kysely<DB>, wanted: string[]): Promise<{ ids: string[]; names: string[] }> {
  const all = await db.selectFrom('villages').select(['id', 'code', 'name']).execute();
  const ids: string[] = [];
  const names: string[] = [];
  for (const w of wanted.map((x) => x.trim()).filter(Boolean)) {
    const hit = all.filter((v) => v.code === w || v.name === w || v.id === w);
    if (hit.length !== 1) {
      throw new LedgerError(
        'BAD_INPUT',
        hit.length === 0 ? `台账中没有村（社区）“${w}”` : `“${w}”对应多个村（社区），请用区划代码指定`,
      );
    }
    if (!ids.includes(hit[0]!.id)) {
      ids.push(hit[0]!.id);
      names.push(hit[0]!.name);
    }
  }
  if (ids.length === 0) throw new LedgerError('BAD_INPUT', '请指定至少一个村（社区）');
  return { ids, names };
}

export async function makeVillageCopy(o: MakeCopyOptions): Promise<CopyMade> {
  const now = o.now ?? (() => new Date());
  if (existsSync(o.out)) throw new LedgerError('BAD_INPUT', `文件“${o.out}”已存在，请换一个文件名`);
  const db = o.db ?? o.office.db;
  const existing = await sql<{ value: string }>`SELECT value FROM settings WHERE key = ${COPY_SETTING}`.execute(db);
  if (existing.rows.length > 0) throw new LedgerError('FORBIDDEN', '这是村级副本，不能再从它制作副本');
  const { ids, names } = await resolveVillages(db, o.villages);
  const township = await townshipCode(db);
  if (!township) throw new LedgerError('BAD_INPUT', '台账尚未设置乡镇（街道），不能制作村级副本');

  // Cut aside, then moved into place: a half-made copy never sits under the chosen name.
  const part = `${o.out}.part`;
  rmSync(part, { force: true });
  try {
    // The cut deletes with secure_delete on (and the file was written without a rollback journal): what it removed
    // is overwritten with zeros, so no other village's rows can be read from free pages — no VACUUM needed.
    extractVillages(o.source, part, ids);
    const raw = new Database(part, o.source.nativeBinding ? { nativeBinding: o.source.nativeBinding } : {});
    try {
      rememberAllRows(raw);
      raw.pragma('journal_mode = DELETE');
    } finally {
      raw.close();
    }
    renameSync(part, o.out);
  } finally {
    rmSync(part, { force: true });
  }

  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const copyId = randomUUID();
  const at = now().toISOString();
  const register = async (trx: Kysely<DB>) => {
    await sql`INSERT INTO village_copies (id, villages, public_key, created_by, created_at, last_file_seq, last_file_hash, status)
      VALUES (${copyId}, ${JSON.stringify(ids)}, ${publicKey.export({ type: 'spki', format: 'pem' }).toString()},
        ${o.admin.name}, ${at}, 0, NULL, 'active')`.execute(trx);
    await journalTo(
      trx,
      o.journal ?? o.admin,
      at,
    )({
      action: 'village.copy.register',
      entity: 'village_copies',
      entityId: copyId,
      after: { villages: names, login: o.login.username },
    });
  };
  const office = o.db
    ? await officeKey(o.db, at)
    : await o.office.db.transaction().execute((trx) => officeKey(trx, at));
  const state: CopyState = {
    copyId,
    townshipCode: township,
    villageIds: ids,
    villageNames: names,
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    lastFileSeq: 0,
    lastFileHash: null,
    madeAt: at,
    officePublicKey: office.publicKey,
    lastReturnSeq: 0,
    lastReturnHash: null,
    lastAcknowledged: 0,
  };
  const copy = await openLedger(o.out, { nativeBinding: o.source.nativeBinding });
  try {
    await copy.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('settings')
        .values({ key: COPY_SETTING, value: JSON.stringify(state), updated_at: at, version: 1 })
        .execute();
      const journal = (...entries: JournalEntryInput[]) => appendJournal(trx, o.admin, entries, at);
      await journal({
        action: 'village.copy.made',
        entity: 'settings',
        entityId: COPY_SETTING,
        after: { copyId, villages: names },
      });
      // The 协理员's login, made as the 用户 screen makes one (role clerk; the allowlist limits what it may do).
      await createUser({ db: trx, now, journal }, o.login, 'clerk', false, at);
    });
  } finally {
    await copy.close();
  }
  if (o.db) await register(o.db);
  else await o.office.db.transaction().execute(register);
  const check = new Database(o.out, {
    readonly: true,
    ...(o.source.nativeBinding ? { nativeBinding: o.source.nativeBinding } : {}),
  });
  const rows: Record<string, number> = {};
  try {
    for (const t of ['villages', 'households', 'people', 'cases', 'users', 'journal']) rows[t] = rowCountOf(check, t);
  } finally {
    check.close();
  }
  const files = o.officeDataDir ? copyAttachmentFiles(o.out, o.officeDataDir, o.source) : { copied: 0, missing: 0 };
  return { copyId, villageIds: ids, villageNames: names, rows, files };
}
