// Making a village copy: a consistent snapshot of the office ledger, cut down to the chosen villages, with a fresh
// journal, one 协理员 login and a key pair. Losing the copy exposes those villages' records and nothing else.
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { LedgerError } from '../../../shared/errors';
import { hashPassword } from '../kernel/password';
import { copyCommitted, type LedgerSource } from '../backup/snapshot';
import type { Ledger } from '../db/open';
import { openLedger } from '../db/open';
import { newId } from '../ids';
import { appendJournal, type JournalActor, type JournalEntryInput } from '../journal/journal';
import { COPY_SETTING, journalTo, officeKey, type CopyState } from './state';

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
}

export interface CopyMade {
  copyId: string;
  villageIds: string[];
  villageNames: string[];
  rows: Record<string, number>;
}

/** Tables kept whole (no personal data): reference data and the schema's own bookkeeping. */
const KEEP_WHOLE = new Set([
  'meta',
  'holidays',
  'kysely_migration',
  'kysely_migration_lock',
  'settings',
  'journal',
  'users',
]);
/** Link columns that have no declared foreign key, by name. */
const NAME_LINKS: Record<string, string> = {
  village_id: 'villages',
  household_id: 'households',
  person_id: 'people',
  head_person_id: 'people',
  case_id: 'cases',
};
/** Settings that may hold secrets or office-only state: never copied. */
const SETTINGS_DROPPED = /network|tls|cert|secret|backup|anchor|key/i;

function quote(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Deletes, in the copy, every row outside the villages (deny by default: a table with no link is emptied). */
/** Must run outside a transaction (SQLite ignores the foreign_keys pragma inside one); makes its own. */
export function pruneToVillages(
  raw: Database.Database,
  villageIds: string[],
  options: { secureDelete?: boolean } = {},
): void {
  raw.pragma('foreign_keys = OFF');
  if (options.secureDelete !== false) raw.pragma('secure_delete = ON');
  raw.transaction(() => prune(raw, villageIds))();
  raw.pragma('foreign_keys = ON');
}

function prune(raw: Database.Database, villageIds: string[]): void {
  const allTables = raw
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
    .pluck()
    .all() as string[];
  const tables = allTables.filter((t) => !t.startsWith('village_'));
  const v = JSON.stringify(villageIds);
  const run = (s: string): number => raw.prepare(s).run().changes;
  run(`DELETE FROM villages WHERE id NOT IN (SELECT value FROM json_each('${v.replaceAll("'", "''")}'))`);
  run(`DELETE FROM households WHERE village_id NOT IN (SELECT id FROM villages)`);
  // People: members (ever) of a kept household, or on a kept village's registers.
  const personSources = [`SELECT person_id FROM household_members WHERE household_id IN (SELECT id FROM households)`];
  for (const t of ['elderly_people', 'children']) {
    if (tables.includes(t)) {
      personSources.push(
        `SELECT person_id FROM ${t} WHERE village_id IN (SELECT id FROM villages) AND person_id IS NOT NULL`,
      );
    }
  }
  run(`DELETE FROM people WHERE id NOT IN (${personSources.join(' UNION ')})`);
  run(`DELETE FROM cases WHERE household_id NOT IN (SELECT id FROM households)`);

  const linksOf = (t: string): { column: string; target: string }[] => {
    const fks = raw.prepare(`PRAGMA foreign_key_list(${quote(t)})`).all() as { from: string; table: string }[];
    const out = new Map<string, string>(fks.map((f) => [f.from, f.table]));
    const cols = raw.prepare(`PRAGMA table_info(${quote(t)})`).all() as { name: string }[];
    for (const c of cols) if (!out.has(c.name) && NAME_LINKS[c.name]) out.set(c.name, NAME_LINKS[c.name]!);
    return [...out].map(([column, target]) => ({ column, target })).filter((l) => tables.includes(l.target));
  };
  const filtered = tables.filter(
    (t) => !KEEP_WHOLE.has(t) && !['villages', 'households', 'people', 'cases'].includes(t),
  );
  // Until nothing more goes: a row stays only if it links to something and every link points to a kept row.
  for (let pass = 0; pass < 10; pass++) {
    let removed = 0;
    for (const t of filtered) {
      if (t === 'attachments') {
        const kinds = raw.prepare(`SELECT DISTINCT entity FROM attachments`).pluck().all() as string[];
        for (const kind of kinds) {
          removed += tables.includes(kind)
            ? raw
                .prepare(
                  `DELETE FROM attachments WHERE entity = ? AND entity_id NOT IN (SELECT id FROM ${quote(kind)})`,
                )
                .run(kind).changes
            : raw.prepare(`DELETE FROM attachments WHERE entity = ?`).run(kind).changes;
        }
        continue;
      }
      const links = linksOf(t).filter((l) => l.target !== t);
      if (links.length === 0) {
        removed += run(`DELETE FROM ${quote(t)}`);
        continue;
      }
      const anyLink = links.map((l) => `${quote(l.column)} IS NOT NULL`).join(' OR ');
      const broken = links
        .map(
          (l) => `(${quote(l.column)} IS NOT NULL AND ${quote(l.column)} NOT IN (SELECT id FROM ${quote(l.target)}))`,
        )
        .join(' OR ');
      removed += run(`DELETE FROM ${quote(t)} WHERE NOT (${anyLink}) OR ${broken}`);
    }
    if (removed === 0) break;
  }
  // The office's own exchange bookkeeping (other copies, their queues and id maps) never goes into a copy.
  for (const t of allTables.filter((x) => x.startsWith('village_'))) run(`DELETE FROM ${quote(t)}`);
  // Organisations are township business, not a village's.
  for (const t of tables.filter((x) => x === 'orgs' || x.startsWith('org_'))) run(`DELETE FROM ${quote(t)}`);
  // The office's users and sessions; the copy gets its own login.
  run(`DELETE FROM users`);
  const keys = raw.prepare(`SELECT key FROM settings`).pluck().all() as string[];
  for (const k of keys) if (SETTINGS_DROPPED.test(k)) raw.prepare(`DELETE FROM settings WHERE key = ?`).run(k);
  // A fresh journal: the office's journal names every village's people. Only the copy's own triggers are dropped
  // and put back; the office's file is never touched.
  const triggers = raw
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'journal'`)
    .all() as { name: string; sql: string }[];
  for (const tr of triggers) raw.exec(`DROP TRIGGER ${quote(tr.name)}`);
  run(`DELETE FROM journal`);
  for (const tr of triggers) raw.exec(tr.sql);
  // Nothing may point at a removed row: a merged village's pointer is cleared, any other such row goes.
  raw.prepare(`UPDATE villages SET merged_into_id = NULL WHERE merged_into_id NOT IN (SELECT id FROM villages)`).run();
  for (let pass = 0; pass < 10; pass++) {
    const bad = raw.prepare('PRAGMA foreign_key_check').all() as { table: string; rowid: number | null }[];
    if (bad.length === 0) return;
    for (const b of bad) {
      if (b.rowid !== null) raw.prepare(`DELETE FROM ${quote(b.table)} WHERE rowid = ?`).run(b.rowid);
    }
  }
  throw new Error('village copy: foreign keys still broken after pruning');
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
  const township = await db.selectFrom('settings').select('value').where('key', '=', 'township').executeTakeFirst();
  const townshipCode = township ? String((JSON.parse(township.value) as { code?: unknown }).code ?? '') : '';
  if (!townshipCode) throw new LedgerError('BAD_INPUT', '台账尚未设置乡镇（街道），不能制作村级副本');

  await copyCommitted(o.source, o.out);
  const raw = new Database(o.out, o.source.nativeBinding ? { nativeBinding: o.source.nativeBinding } : {});
  try {
    raw.pragma('journal_mode = DELETE');
    pruneToVillages(raw, ids);
    raw.exec('VACUUM'); // deleted rows must not stay readable in free pages
  } finally {
    raw.close();
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
    townshipCode,
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
      const user = {
        id: newId(),
        username: o.login.username,
        display_name: o.login.displayName,
        role: 'clerk' as const,
        password_hash: await hashPassword(o.login.password),
        failed_attempts: 0,
        locked_until: null,
        active: 1,
        must_change_password: 0,
        created_at: at,
        updated_at: at,
        version: 1,
      };
      await trx.insertInto('users').values(user).execute();
      await appendJournal(
        trx,
        o.admin,
        [
          {
            action: 'village.copy.made',
            entity: 'settings',
            entityId: COPY_SETTING,
            after: { copyId, villages: names },
          },
          {
            action: 'user.create',
            entity: 'users',
            entityId: user.id,
            after: { username: user.username, role: 'clerk' },
          },
        ],
        at,
      );
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
    for (const t of ['villages', 'households', 'people', 'cases', 'users', 'journal']) {
      rows[t] = (check.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number) ?? 0;
    }
  } finally {
    check.close();
  }
  return { copyId, villageIds: ids, villageNames: names, rows };
}
