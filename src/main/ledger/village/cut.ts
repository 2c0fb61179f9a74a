// Cutting a ledger down to some villages: what a village copy holds and what a return file carries. The committed
// office ledger is read through an attached connection into a new file (only rows that can belong to the villages),
// then pruned by the exact rule: every link to a village, household, person or case must point to a kept row.
import Database from 'better-sqlite3';
import type { LedgerSource } from '../backup';
import { execute, rowsOf, valuesOf } from '../kernel';
import { columnsOf, foreignKeysOf, foreignKeyViolations, primaryKeyOf, quote, tableNames, type Raw } from './sqlite';

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
/** Tables that are each ledger's own: never carried back (the copy keeps its own login, journal, settings, outbox). */
const LOCAL = /^(meta|settings|users|journal|holidays|request_log|kysely_.*|village_.*|sqlite_.*)$/;

/** The tables of village records a return file carries. */
export function carriedTables(raw: Raw): string[] {
  return tableNames(raw).filter((t) => !LOCAL.test(t));
}

/** In a copy: the keys of the rows it holds as the office sent them (`village_known`), filled at copy time. */
export function rememberAllRows(raw: Raw): void {
  execute(raw, `DELETE FROM village_known`);
  for (const t of carriedTables(raw)) {
    const cols = columnsOf(raw, t);
    const pk = primaryKeyOf(cols);
    const keyExpr = `json_array(${(pk.length > 0 ? pk : cols.map((c) => c.name)).map(quote).join(', ')})`;
    execute(raw, `INSERT INTO village_known (tbl, key) SELECT ?, ${keyExpr} FROM ${quote(t)}`, t);
  }
}

/** Settings that may hold secrets or office-only state: never copied. */
const SETTINGS_DROPPED = /network|tls|cert|secret|backup|anchor|key/i;

const CORE = ['villages', 'households', 'people', 'cases'];

/** Deletes, in the copy, every row outside the villages (deny by default: a table with no link is emptied). */
/** Must run outside a transaction (SQLite ignores the foreign_keys pragma inside one); makes its own. */
export function pruneToVillages(raw: Raw, villageIds: string[], options: { secureDelete?: boolean } = {}): void {
  raw.pragma('foreign_keys = OFF');
  if (options.secureDelete !== false) raw.pragma('secure_delete = ON');
  raw.transaction(() => prune(raw, villageIds))();
  raw.pragma('foreign_keys = ON');
}

/** The people of the kept households and of the kept villages' registers (`from` = where the rows are read). */
function personSources(tables: string[], from: string, kept: string): string {
  const sources = [
    `SELECT person_id FROM ${from}household_members WHERE household_id IN (SELECT id FROM ${kept}households)`,
  ];
  for (const t of ['elderly_people', 'children']) {
    if (tables.includes(t)) {
      sources.push(
        `SELECT person_id FROM ${from}${t} WHERE village_id IN (SELECT id FROM ${kept}villages) AND person_id IS NOT NULL`,
      );
    }
  }
  return sources.join(' UNION ');
}

/** The links of a table: declared foreign keys, and link columns by name (to tables that exist). */
function linksOf(raw: Raw, t: string, tables: string[], schema = 'main'): { column: string; target: string }[] {
  const out = new Map<string, string>(foreignKeysOf(raw, t, schema).map((f) => [f.from, f.table]));
  for (const c of columnsOf(raw, t, schema)) {
    if (!out.has(c.name) && NAME_LINKS[c.name]) out.set(c.name, NAME_LINKS[c.name]!);
  }
  return [...out].map(([column, target]) => ({ column, target })).filter((l) => tables.includes(l.target));
}

/** Tables cut row by row (everything but the kept-whole, the core four, the office's own and organisations). */
function cutTables(tables: string[]): string[] {
  return tables.filter(
    (t) =>
      !KEEP_WHOLE.has(t) && !CORE.includes(t) && !t.startsWith('village_') && t !== 'orgs' && !t.startsWith('org_'),
  );
}

function prune(raw: Raw, villageIds: string[]): void {
  const allTables = tableNames(raw);
  const tables = allTables.filter((t) => !t.startsWith('village_'));
  execute(raw, `DELETE FROM villages WHERE id NOT IN (SELECT value FROM json_each(?))`, JSON.stringify(villageIds));
  execute(raw, `DELETE FROM households WHERE village_id NOT IN (SELECT id FROM villages)`);
  // People: members (ever) of a kept household, or on a kept village's registers.
  execute(raw, `DELETE FROM people WHERE id NOT IN (${personSources(tables, '', '')})`);
  execute(raw, `DELETE FROM cases WHERE household_id NOT IN (SELECT id FROM households)`);
  const filtered = cutTables(tables);
  const links = new Map(filtered.map((t) => [t, linksOf(raw, t, tables).filter((l) => l.target !== t)]));
  // Until nothing more goes: a row stays only if it links to something and every link points to a kept row.
  for (let pass = 0; pass < 10; pass++) {
    let removed = 0;
    for (const t of filtered) {
      if (t === 'attachments') {
        // Attachment rows stay only with the record they belong to.
        for (const kind of valuesOf<string>(raw, `SELECT DISTINCT entity FROM attachments`)) {
          removed += tables.includes(kind)
            ? execute(
                raw,
                `DELETE FROM attachments WHERE entity = ? AND entity_id NOT IN (SELECT id FROM ${quote(kind)})`,
                kind,
              )
            : execute(raw, `DELETE FROM attachments WHERE entity = ?`, kind);
        }
        continue;
      }
      const ls = links.get(t)!;
      if (ls.length === 0) {
        removed += execute(raw, `DELETE FROM ${quote(t)}`);
        continue;
      }
      const anyLink = ls.map((l) => `${quote(l.column)} IS NOT NULL`).join(' OR ');
      const broken = ls
        .map(
          (l) => `(${quote(l.column)} IS NOT NULL AND ${quote(l.column)} NOT IN (SELECT id FROM ${quote(l.target)}))`,
        )
        .join(' OR ');
      removed += execute(raw, `DELETE FROM ${quote(t)} WHERE NOT (${anyLink}) OR ${broken}`);
    }
    if (removed === 0) break;
  }
  // The office's own exchange bookkeeping (other copies, their queues and id maps) never goes into a copy.
  // Organisations are township business, not a village's. The office's users and sessions: the copy gets its own.
  for (const t of allTables.filter((x) => x.startsWith('village_') || x === 'orgs' || x.startsWith('org_'))) {
    execute(raw, `DELETE FROM ${quote(t)}`);
  }
  execute(raw, `DELETE FROM users`);
  for (const k of valuesOf<string>(raw, `SELECT key FROM settings`)) {
    if (SETTINGS_DROPPED.test(k)) execute(raw, `DELETE FROM settings WHERE key = ?`, k);
  }
  // A fresh journal: the office's journal names every village's people. Only the copy's own triggers are dropped
  // and put back; the office's file is never touched.
  const triggers = rowsOf<{ name: string; sql: string }>(
    raw,
    `SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'journal'`,
  );
  for (const tr of triggers) raw.exec(`DROP TRIGGER ${quote(tr.name)}`);
  execute(raw, `DELETE FROM journal`);
  for (const tr of triggers) raw.exec(tr.sql);
  // Nothing may point at a removed row: a merged village's pointer is cleared, any other such row goes.
  execute(raw, `UPDATE villages SET merged_into_id = NULL WHERE merged_into_id NOT IN (SELECT id FROM villages)`);
  for (let pass = 0; pass < 10; pass++) {
    const bad = foreignKeyViolations(raw);
    if (bad.length === 0) return;
    for (const b of bad) if (b.rowid !== null) execute(raw, `DELETE FROM ${quote(b.table)} WHERE rowid = ?`, b.rowid);
  }
  throw new Error('village copy: foreign keys still broken after pruning');
}

/**
 * Writes into `dest` (a new file) the committed state of the ledger at `source`, cut to the villages: the same
 * schema, and only the rows that can belong to those villages — read through an attached read-only connection (it
 * sees committed transactions only), so a village of a large ledger is cut without copying the whole ledger first.
 * The rows taken are a superset of what the cut keeps (each link to a village, household, person or case must point
 * to a kept one); `pruneToVillages` then applies the exact rule on the small file.
 */
export function extractVillages(
  source: LedgerSource,
  dest: string,
  villageIds: string[],
  options: { secureDelete?: boolean } = {},
): void {
  const out = new Database(dest, source.nativeBinding ? { nativeBinding: source.nativeBinding } : {});
  try {
    out.pragma('journal_mode = OFF');
    out.pragma('synchronous = OFF');
    out.pragma('foreign_keys = OFF'); // rows go in table by table; the cut checks every key at the end
    // Only read through this connection (SQLite here is built without URI names, so no mode=ro).
    execute(out, `ATTACH DATABASE ? AS office`, source.path);
    out.pragma('office.busy_timeout = 5000');
    out.transaction(() => {
      const schema = rowsOf<{ type: string; name: string; sql: string }>(
        out,
        `SELECT type, name, sql FROM office.sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'
         ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 ELSE 2 END, rowid`,
      );
      for (const s of schema.filter((x) => x.type === 'table')) out.exec(s.sql);
      for (const p of ['application_id', 'user_version']) {
        out.pragma(`${p} = ${Number(out.pragma(`office.${p}`, { simple: true }))}`);
      }
      const tables = tableNames(out, 'office');
      const copyAll = (t: string, where = '', ...params: unknown[]) =>
        execute(out, `INSERT INTO main.${quote(t)} SELECT * FROM office.${quote(t)} ${where}`, ...params);
      copyAll('villages', `WHERE id IN (SELECT value FROM json_each(?))`, JSON.stringify(villageIds));
      copyAll('households', `WHERE village_id IN (SELECT id FROM main.villages)`);
      copyAll('people', `WHERE id IN (${personSources(tables, 'office.', 'main.')})`);
      copyAll('cases', `WHERE household_id IN (SELECT id FROM main.households)`);
      for (const t of ['meta', 'holidays', 'kysely_migration', 'kysely_migration_lock']) {
        if (tables.includes(t)) copyAll(t);
      }
      const settings = valuesOf<string>(out, `SELECT key FROM office.settings`).filter(
        (k) => !SETTINGS_DROPPED.test(k),
      );
      copyAll('settings', `WHERE key IN (SELECT value FROM json_each(?))`, JSON.stringify(settings));
      // Each table after the tables it links to (so a link is checked against rows already taken); a table with no
      // link, or a required link to such a table, is emptied by the cut and not taken at all.
      const cut = cutTables(tables).filter((t) => t !== 'attachments');
      const links = new Map(cut.map((t) => [t, linksOf(out, t, tables, 'office').filter((l) => l.target !== t)]));
      const required = new Map(
        cut.map((t) => [
          t,
          new Set(
            columnsOf(out, t, 'office')
              .filter((c) => c.notnull)
              .map((c) => c.name),
          ),
        ]),
      );
      const taken = new Set(CORE);
      const emptied = new Set<string>();
      let waiting = [...cut];
      while (waiting.length > 0) {
        const ready = waiting.filter((t) =>
          links.get(t)!.every((l) => taken.has(l.target) || emptied.has(l.target) || !waiting.includes(l.target)),
        );
        // A cycle of links: take the rest, checked against what is taken so far (the cut settles them after).
        const now = ready.length > 0 ? ready : waiting;
        for (const t of now) {
          const ls = links.get(t)!;
          const req = required.get(t)!;
          if (ls.length === 0 || ls.some((l) => emptied.has(l.target) && req.has(l.column))) {
            emptied.add(t);
            continue;
          }
          const conds = ls
            .filter((l) => taken.has(l.target) || emptied.has(l.target))
            .map((l) => {
              const inKept = emptied.has(l.target)
                ? null
                : `${quote(l.column)} IN (SELECT id FROM main.${quote(l.target)})`;
              if (req.has(l.column)) return inKept!;
              return inKept ? `(${quote(l.column)} IS NULL OR ${inKept})` : `${quote(l.column)} IS NULL`;
            });
          if (!ls.some((l) => req.has(l.column)))
            conds.push(`(${ls.map((l) => `${quote(l.column)} IS NOT NULL`).join(' OR ')})`);
          copyAll(t, conds.length > 0 ? `WHERE ${conds.join(' AND ')}` : '');
          taken.add(t);
        }
        waiting = waiting.filter((t) => !now.includes(t));
      }
      if (tables.includes('attachments')) {
        for (const kind of valuesOf<string>(out, `SELECT DISTINCT entity FROM office.attachments`)) {
          if (!tables.includes(kind)) continue;
          copyAll('attachments', `WHERE entity = ? AND entity_id IN (SELECT id FROM main.${quote(kind)})`, kind);
        }
      }
      for (const s of schema.filter((x) => x.type !== 'table')) out.exec(s.sql);
    })();
    execute(out, 'DETACH DATABASE office');
    pruneToVillages(out, villageIds, options);
  } finally {
    out.close();
  }
}
