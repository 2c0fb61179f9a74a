// Bulk writes with the derived-state triggers set aside. Some triggers keep state that is derived from the rows (the
// figures' stamp of migration 0018, the households' stored sort keys of 0019): right for a clerk's one-row edit,
// but on a 10,000-row import they fire once per row written and cost about a third of the import. Inside the
// caller's write transaction, `bulkWrite` reads those triggers' SQL from sqlite_master, drops them, runs the bulk
// work, brings each derived state up to date in one statement (its catch-up below) and re-creates the triggers
// from the saved SQL, unchanged. DDL is transactional in SQLite: the whole of it sits under a savepoint of the open
// transaction, so an error in the work (or a crash) leaves the triggers, the derived state and the data as before.
//
// Every trigger of a migrated ledger is either in DERIVED_TRIGGERS (with its catch-up) or in KEPT_TRIGGERS (a guard
// that must also hold during bulk work); test/unit/foundation/bulk-triggers.test.ts refuses any other, so a new
// derived trigger cannot be forgotten here.
import type Database from 'better-sqlite3';
import { rowsOf, statementOf, valueOf } from './query';

export interface DerivedTriggers {
  /** Name prefix of the triggers (their migration's). */
  prefix: string;
  /** What the triggers keep. */
  keeps: string;
  /**
   * For work that only inserted rows (`insertOnly`): the table whose rows after `since` (its largest rowid before
   * the work) are the only ones whose derived state can have changed.
   */
  scopedBy?: string;
  /**
   * Brings the derived state to what the triggers would have made of every row written while they were off; with
   * `since`, only the rows of `scopedBy` added after that rowid.
   */
  catchUp(raw: Database.Database, since: number | null): void;
}

export const DERIVED_TRIGGERS: readonly DerivedTriggers[] = [
  {
    prefix: 'report_figures_stamp_',
    keeps: '0018: a random stamp that moves with any write to the tables the month’s figures read',
    catchUp: (raw) => {
      statementOf(raw, 'UPDATE report_figures_stamp SET stamp = randomblob(16) WHERE id = 1').run();
    },
  },
  {
    prefix: 'households_order_',
    keeps: '0019: each household’s stored sort keys (its village’s place, its head’s initials and name)',
    // Exactly what the 0019 triggers store: NULL when the village or head is absent (one look-up of each by primary
    // key, as the triggers' subqueries do); only households that differ are written. After insert-only work just the new households can differ: a new person or village can be named only
    // by a household inserted after it (foreign keys), and no existing household, person or village was changed.
    scopedBy: 'households',
    catchUp: (raw, since) => {
      statementOf(
        raw,
        `UPDATE households AS h SET sort_village = k.v, sort_initials = k.i, sort_name = k.n
         FROM (SELECT h2.rowid AS rid, v.sort_order AS v, p.name_initials AS i, p.name AS n
               FROM households h2 LEFT JOIN villages v ON v.id = h2.village_id
                 LEFT JOIN people p ON p.id = h2.head_person_id
               WHERE h2.rowid > @since) AS k
         WHERE h.rowid = k.rid
           AND (h.sort_village IS NOT k.v OR h.sort_initials IS NOT k.i OR h.sort_name IS NOT k.n)`,
      ).run({ since: since ?? -1 });
    },
  },
  {
    prefix: 'report_case_log_',
    keeps: '0020: the log of the cases whose part of the month’s figures may have changed (and its trim)',
    // Which cases the work touched is not known here: one row saying everything changed (the figures read in full).
    catchUp: (raw) => {
      statementOf(raw, 'INSERT INTO report_case_changes (case_id, token) VALUES (NULL, randomblob(8))').run();
    },
  },
];

/** Guards that hold during bulk work too: they are never dropped. */
export const KEPT_TRIGGERS: readonly string[] = [
  'journal_no_update',
  'journal_no_delete',
  // 0021: a case's 供养方式 changed drops the confirmed rolls' kept sums that filed its lines by it (one update only).
  'report_roll_sums_support_mode',
];

/** The registry entry a trigger belongs to, if any. */
export function derivedEntryOf(trigger: string): DerivedTriggers | undefined {
  return DERIVED_TRIGGERS.find((d) => trigger.startsWith(d.prefix));
}

/** Connections whose bulk work is under way (the triggers are off on them). */
const underway = new WeakSet<Database.Database>();

export interface BulkOptions {
  /**
   * The work only inserts rows: the catch-ups of entries with `scopedBy` then look at the new rows only. Held by
   * temporary guards: an UPDATE or DELETE of a table those entries watch aborts the work.
   */
  insertOnly?: boolean;
  /**
   * About how many rows the work adds to each table. A table the work at least doubles has its plain (not UNIQUE)
   * indexes dropped for the work and built again after it: one sort each instead of an insert per row and index.
   * UNIQUE indexes stay, so every constraint is checked as the rows go in.
   */
  adds?: Readonly<Record<string, number>>;
}

/**
 * Runs `work` (the rows of a bulk write) with the derived-state triggers off, then catches their state up and puts
 * the triggers back. Must run inside an open write transaction on `raw`; on an error nothing of it stays.
 */
export async function bulkWrite<T>(
  raw: Database.Database,
  work: () => Promise<T> | T,
  options: BulkOptions = {},
): Promise<T> {
  if (!raw.inTransaction) throw new Error('bulkWrite: no write transaction is open on this connection');
  // Nested bulk work: the outer one already has the triggers off and catches up at its end.
  if (underway.has(raw)) return work();
  const triggers = rowsOf<{ name: string; table: string; sql: string }>(
    raw,
    `SELECT name, tbl_name AS "table", sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name`,
  ).filter((t) => derivedEntryOf(t.name) !== undefined);
  const entries = DERIVED_TRIGGERS.filter((d) => triggers.some((t) => t.name.startsWith(d.prefix)));
  const scoped = options.insertOnly === true ? entries.filter((d) => d.scopedBy !== undefined) : [];
  const guarded = [
    ...new Set(triggers.filter((t) => scoped.some((d) => t.name.startsWith(d.prefix))).map((t) => t.table)),
  ];
  raw.exec('SAVEPOINT bulk_write');
  underway.add(raw);
  try {
    const since = new Map(
      scoped.map((d) => [d, valueOf<number>(raw, `SELECT max(rowid) FROM "${d.scopedBy}"`) ?? null] as const),
    );
    const indexes = Object.entries(options.adds ?? {})
      .filter(([table, n]) => n > 0 && n >= (valueOf<number>(raw, `SELECT max(rowid) FROM "${table}"`) ?? 0))
      .flatMap(([table]) =>
        rowsOf<{ name: string; sql: string }>(
          raw,
          `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL
             AND sql NOT LIKE 'CREATE UNIQUE %' ORDER BY name`,
          table,
        ),
      );
    for (const t of triggers) raw.exec(`DROP TRIGGER "${t.name}"`);
    for (const i of indexes) raw.exec(`DROP INDEX "${i.name}"`);
    for (const table of guarded) {
      for (const op of ['UPDATE', 'DELETE']) {
        raw.exec(`CREATE TEMP TRIGGER "bulk_insert_only_${table}_${op}" BEFORE ${op} ON main."${table}"
          BEGIN SELECT RAISE(ABORT, 'bulkWrite insertOnly: ${op} of ${table}'); END`);
      }
    }
    const result = await work();
    for (const table of guarded)
      for (const op of ['UPDATE', 'DELETE']) raw.exec(`DROP TRIGGER temp."bulk_insert_only_${table}_${op}"`);
    for (const d of entries) d.catchUp(raw, since.get(d) ?? null);
    for (const i of indexes) raw.exec(i.sql);
    for (const t of triggers) raw.exec(t.sql);
    raw.exec('RELEASE bulk_write');
    return result;
  } catch (e) {
    // The transaction may already be gone (SQLite rolls back by itself on some errors); if not, undo this part.
    if (raw.inTransaction) raw.exec('ROLLBACK TO bulk_write; RELEASE bulk_write');
    throw e;
  } finally {
    underway.delete(raw);
  }
}
