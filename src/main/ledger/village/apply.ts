// Applying a verified change file at the office: one transaction, each change in the copy's sequence through the same
// handler the copy ran, compared field by field with the version it was based on (merge.ts) — never overwriting an
// office edit, never merging people.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { LedgerError } from '../../../shared/errors';
import type { Ledger, DB } from '../db';
import { appendJournal, type JournalEntryInput } from '../journal';
import { statementOf, type Actor, type HostServices, type ServiceContext } from '../kernel';
import { verifyChangeFile, type FileChange, type VerifiedFile } from './files';
import {
  mergedInput,
  RecordFinder,
  overreach,
  planRecord,
  versionedTables,
  villageColumns,
  type FieldConflict,
  type RecordPlan,
} from './merge';
import { runChange, type HandlerMap } from './registry';
import { withCarriedBytes } from './carried';

export interface ImportSummary {
  copy: string;
  sequence: [number, number];
  applied: number;
  alreadyApplied: number;
  conflicts: number;
  refused: number;
}

export type ChangeResult = 'applied' | 'already' | 'queued' | 'refused';

export interface ImportOutcome extends ImportSummary {
  alreadyImported: boolean;
  fileSeq: number;
  /** Changes applied while the office had changed other fields of the same record (flagged, not queued). */
  parallel: number;
  /** Changes applied in part: some of their fields wait in the review queue. */
  partial: number;
  /** Per change id: applied | queued | refused (with the reason); flag parallel / partial on applied ones. */
  results: { changeId: string; seq: number; result: ChangeResult; flag?: 'parallel' | 'partial'; message?: string }[];
}

function rewriteIds(value: unknown, map: Map<string, string>): unknown {
  if (typeof value === 'string') return map.get(value) ?? value;
  if (Array.isArray(value)) return value.map((v) => rewriteIds(v, map));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rewriteIds(v, map)]));
  }
  return value;
}

/** Pairs of ids (copy's, office's) at the same place of the copy's and the office's answer to the same change. */
function pairIds(copyOut: unknown, officeOut: unknown, found: Map<string, string>, key = ''): void {
  if (typeof copyOut === 'string' && typeof officeOut === 'string') {
    if ((key === 'id' || key.endsWith('Id')) && copyOut !== officeOut) found.set(copyOut, officeOut);
    return;
  }
  if (Array.isArray(copyOut) && Array.isArray(officeOut)) {
    copyOut.forEach((v, i) => pairIds(v, officeOut[i], found, key));
    return;
  }
  if (copyOut && officeOut && typeof copyOut === 'object' && typeof officeOut === 'object') {
    for (const [k, v] of Object.entries(copyOut)) {
      // The history lists differ on the two sides (the office's journal is longer): never paired.
      if (k !== 'history') pairIds(v, (officeOut as Record<string, unknown>)[k], found, k);
    }
  }
}

/**
 * Records, in the copy's id map, the records the copy created: each id of the copy's answer at the same place as
 * another id in the office's answer to the same change, when the office knows no record of the copy's id.
 */
export async function pairIdsInto(
  trx: Kysely<DB>,
  copy: string,
  copyOut: unknown,
  officeOut: unknown,
  map: Map<string, string> | null,
  finder: RecordFinder,
): Promise<void> {
  const pairs = new Map<string, string>();
  pairIds(copyOut, officeOut, pairs);
  for (const [copyId, officeId] of pairs) {
    if (map?.has(copyId)) continue;
    // Any other pairing is a coincidence of two lists and is ignored.
    if (finder.find(copyId)) continue;
    map?.set(copyId, officeId);
    await sql`INSERT OR IGNORE INTO village_idmap (copy_id, copy_entity_id, office_id)
      VALUES (${copy}, ${copyId}, ${officeId})`.execute(trx);
  }
}

/** ID numbers of new people a change would register (households.create, households.addMember). */
export function newIdNumbers(method: string, input: unknown): string[] {
  const i = input as { members?: { idNumber?: unknown }[]; person?: { idNumber?: unknown } };
  const out: string[] = [];
  if (method === 'households.create')
    for (const m of i.members ?? []) if (typeof m.idNumber === 'string') out.push(m.idNumber);
  if (method === 'households.addMember' && typeof i.person?.idNumber === 'string') out.push(i.person.idNumber);
  return out.map((x) => x.trim().toUpperCase()).filter(Boolean);
}

/** Who changed a record of `table` at the office last, and when (from the journal, by its entity index). */
export async function lastChange(
  trx: Kysely<DB>,
  table: string,
  id: string,
): Promise<{ actor_name: string; at: string } | undefined> {
  return (
    await sql<{ actor_name: string; at: string }>`SELECT actor_name, at FROM journal WHERE entity = ${table}
      AND entity_id = ${id} ORDER BY seq DESC LIMIT 1`.execute(trx)
  ).rows[0];
}

export interface ImportOptions {
  office: Ledger;
  host: HostServices;
  actor: Actor;
  text: string;
  /** The service handlers (the API layer's map; the core does not import the API layer). */
  handlers: object;
  now?: () => Date;
  /** The dispatcher's journal (counted by it); else entries go straight to the journal as the importing user. */
  journal?: (...entries: JournalEntryInput[]) => Promise<void>;
}

/** Verifies the file, then applies it in one transaction of its own (the command line). */
export async function importChangeFile(o: ImportOptions): Promise<ImportOutcome> {
  const v = await verifyChangeFile(o.office, o.text);
  if (v.alreadyImported) return alreadyImported(v);
  return o.office.db.transaction().execute((trx) => applyChangeFile(trx, o, v));
}

export function alreadyImported(v: VerifiedFile): ImportOutcome {
  const h = v.file.header;
  return {
    copy: h.copyId,
    sequence: h.changeRange,
    fileSeq: h.fileSeq,
    applied: 0,
    alreadyApplied: v.file.changes.length,
    conflicts: 0,
    refused: 0,
    parallel: 0,
    partial: 0,
    alreadyImported: true,
    results: [],
  };
}

/** Applies a verified file inside the caller's transaction (the command line's own, or the dispatcher's). */
export async function applyChangeFile(
  trx: Kysely<DB>,
  o: Omit<ImportOptions, 'text'>,
  v: VerifiedFile,
): Promise<ImportOutcome> {
  // The records a file touches are scattered over a large ledger: a page cache of 64 MB while it runs (the default
  // 2 MB re-read the same index pages for every change).
  const raw = o.office.raw;
  const cache = Number(raw.pragma('cache_size', { simple: true }));
  raw.pragma('cache_size = -65536');
  try {
    return await applyChanges(trx, o, v);
  } finally {
    raw.pragma(`cache_size = ${cache}`);
  }
}

const INSERT_APPLIED = `INSERT INTO village_applied (change_id, copy_id, seq, result, message, at, flag, touched)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?)`;
async function applyChanges(trx: Kysely<DB>, o: Omit<ImportOptions, 'text'>, v: VerifiedFile): Promise<ImportOutcome> {
  const now = o.now ?? (() => new Date());
  const handlerMap = o.handlers as HandlerMap;
  const h = v.file.header;
  const at = now().toISOString();
  const importer = { id: o.actor.id, name: o.actor.name };
  const tables = await versionedTables(trx);
  const map = new Map<string, string>(
    (
      await sql<{
        copy_entity_id: string;
        office_id: string;
      }>`SELECT copy_entity_id, office_id FROM village_idmap WHERE copy_id = ${v.copy.id}`.execute(trx)
    ).rows.map((r) => [r.copy_entity_id, r.office_id]),
  );
  const finder = new RecordFinder(o.office.raw, tables);
  // Who changed a record at the office last, read before a change of the file is applied to it.
  const lastBy = new Map<string, { actor_name: string; at: string } | undefined>();
  const applied = new Set(
    (
      await sql<{ change_id: string }>`SELECT change_id FROM village_applied WHERE copy_id = ${v.copy.id}`.execute(trx)
    ).rows.map((r) => r.change_id),
  );
  const results: ImportOutcome['results'] = [];
  // The per-change statements, prepared once (the same connection as the transaction).
  const raw = o.office.raw;
  const insertApplied = statementOf(raw, INSERT_APPLIED);
  // The office ids of the records a change was based on or changed: the next return file carries them back.
  const touched = (c: FileChange): string =>
    JSON.stringify([
      ...new Set(
        [...c.baseVersions.map((b) => b.id), ...(c.effects ?? []).map((e) => e.entityId)].map(
          (id) => map.get(id) ?? id,
        ),
      ),
    ]);
  const savepoint = statementOf(raw, 'SAVEPOINT village_change');
  const release = statementOf(raw, 'RELEASE village_change');
  const rollbackTo = statementOf(raw, 'ROLLBACK TO village_change');
  const record = async (
    c: FileChange,
    result: 'applied' | 'queued' | 'refused',
    message?: string,
    flag?: 'parallel' | 'partial',
  ) => {
    results.push({
      changeId: c.changeId,
      seq: c.seq,
      result,
      ...(flag ? { flag } : {}),
      ...(message ? { message } : {}),
    });
    insertApplied.run(c.changeId, v.copy.id, c.seq, result, message ?? null, at, flag ?? null, touched(c));
  };
  const queue = async (
    c: FileChange,
    input: unknown,
    kind: 'conflict' | 'fields' | 'duplicate' | 'refused',
    entity: string | null,
    entityId: string | null,
    officeValues: unknown,
    fields: FieldConflict[] | null,
  ) => {
    const id = randomUUID();
    const who =
      entityId && entity && kind !== 'duplicate' && kind !== 'refused'
        ? (lastBy.get(entityId) ?? (await lastChange(trx, entity, entityId)))
        : undefined;
    await sql`INSERT INTO village_queue (id, copy_id, change_id, kind, method, entity, entity_id, village_values,
        office_values, office_changed_by, office_changed_at, status, created_at, fields, version, updated_at)
      VALUES (${id}, ${v.copy.id}, ${c.changeId}, ${kind}, ${c.method}, ${entity}, ${entityId},
        ${JSON.stringify({ input, output: c.output, author: c.author, at: c.at, seq: c.seq, fileSeq: h.fileSeq })},
        ${officeValues === undefined ? null : JSON.stringify(officeValues)},
        ${who?.actor_name ?? null}, ${who?.at ?? null}, 'open', ${at}, ${fields ? JSON.stringify(fields) : null}, 1, ${at})`.execute(
      trx,
    );
    await appendJournal(
      trx,
      importer,
      [
        {
          action: `village.queue.${kind}`,
          entity: 'village_queue',
          entityId: id,
          after: { changeId: c.changeId, method: c.method, entity, entityId, fields: fields?.map((f) => f.column) },
        },
      ],
      at,
    );
  };
  const journalActorOf = (c: FileChange) => ({
    id: o.actor.id,
    name: `${o.actor.name}（导入村级副本：${c.author}，${c.at}）`,
  });

  for (const c of [...v.file.changes].sort((a, b) => a.seq - b.seq)) {
    if (applied.has(c.changeId)) {
      results.push({ changeId: c.changeId, seq: c.seq, result: 'already' });
      continue;
    }
    applied.add(c.changeId);
    const input = rewriteIds(withCarriedBytes(c.input, v.files), map);
    // 1. The records the change was based on. At the same version: applied as sent. Moved on at the office: compared
    // field by field; judged whole when the change does not say which fields it set.
    const plans: RecordPlan[] = [];
    let whole: { table: string; id: string; row: Record<string, unknown> } | null = null;
    for (const b of c.baseVersions) {
      const id = map.get(b.id) ?? b.id;
      const found = finder.find(id);
      if (!found || found.row.version === b.version) continue;
      const cols = villageColumns(c.effects, found.table, b.id, found.row);
      if (!cols) {
        whole = { table: found.table, id, row: found.row };
        break;
      }
      plans.push(planRecord(found.table, id, b.version, found.row, cols, input));
      lastBy.set(id, await lastChange(trx, found.table, id));
    }
    if (whole) {
      await queue(c, input, 'conflict', whole.table, whole.id, whole.row, null);
      await record(c, 'queued', '办公室已修改同一记录：整项变更等待复核');
      continue;
    }
    // 2. A person the office has already registered: shown as a possible duplicate, never merged.
    const ids = newIdNumbers(c.method, input);
    if (ids.length > 0) {
      const known = await trx
        .selectFrom('people')
        .select(['id', 'name', 'id_number'])
        .where('id_number', 'in', ids)
        .execute();
      if (known.length > 0) {
        await queue(c, input, 'duplicate', 'people', known[0]!.id, known, null);
        await record(
          c,
          'queued',
          `身份证号已在办公室台账登记（${known.map((k) => k.name).join('、')}）：可能重复，等待复核`,
        );
        continue;
      }
    }
    // 3. Apply through the handler, with the same validation as the dispatcher, in a savepoint.
    const runInput = plans.length > 0 ? mergedInput(input, plans) : input;
    savepoint.run();
    try {
      const journalActor = journalActorOf(c);
      const ctx: ServiceContext = {
        db: trx,
        ledger: o.office,
        actor: o.actor,
        session: null,
        now,
        host: o.host,
        journal: async (...entries: JournalEntryInput[]) => appendJournal(trx, journalActor, entries, at),
      };
      const { out, entries } = await runChange(ctx, c.method, runInput, handlerMap);
      const over = overreach(entries, plans, (p) => {
        const conflicted = new Set(p.conflicts.map((x) => x.column));
        return new Set([...p.village.keys()].filter((col) => !conflicted.has(col)));
      });
      if (over.length > 0) {
        // The office run would have changed a field the office set and the village did not: the whole change waits.
        rollbackTo.run();
        release.run();
        const p = plans[0]!;
        await queue(c, input, 'conflict', p.table, p.id, p.row, null);
        await record(c, 'queued', '办公室已修改同一记录：整项变更等待复核');
        continue;
      }
      await pairIdsInto(trx, v.copy.id, c.output, out, map, finder);
      release.run();
      const waiting = plans.filter((p) => p.conflicts.length > 0);
      for (const p of waiting) await queue(c, input, 'fields', p.table, p.id, p.row, p.conflicts);
      if (waiting.length > 0) {
        const cols = waiting.flatMap((p) => p.conflicts.map((x) => x.column));
        await record(c, 'applied', `已应用；办公室也改了同一字段（${cols.join('、')}），这些字段等待复核`, 'partial');
      } else if (plans.length > 0) {
        await record(c, 'applied', '已应用；办公室同时修改了该记录的其他字段（并行修改）', 'parallel');
      } else {
        await record(c, 'applied');
      }
    } catch (e) {
      rollbackTo.run();
      release.run();
      if (!(e instanceof LedgerError)) throw e;
      await record(c, 'refused', e.message);
      // A refusal a reviewer may correct (修改后采用) or retry: it waits in the queue with its reason.
      const first = c.baseVersions[0] ? (map.get(c.baseVersions[0].id) ?? c.baseVersions[0].id) : null;
      const found = first ? finder.find(first) : null;
      await queue(c, input, 'refused', found?.table ?? null, found ? first : null, { message: e.message }, null);
    }
  }
  const count = (r: string) => results.filter((x) => x.result === r).length;
  const summary: ImportSummary = {
    copy: h.copyId,
    sequence: h.changeRange,
    applied: count('applied'),
    alreadyApplied: count('already'),
    conflicts: count('queued') + results.filter((x) => x.flag === 'partial').length,
    refused: count('refused'),
  };
  const parallel = results.filter((x) => x.flag === 'parallel').length;
  const partial = results.filter((x) => x.flag === 'partial').length;
  await sql`INSERT INTO village_imports (copy_id, file_seq, file_hash, imported_at, imported_by, summary)
    VALUES (${v.copy.id}, ${h.fileSeq}, ${v.fileHash}, ${at}, ${o.actor.name}, ${JSON.stringify({ ...summary, parallel, partial })})`.execute(
    trx,
  );
  await sql`UPDATE village_copies SET last_file_seq = ${h.fileSeq}, last_file_hash = ${v.fileHash} WHERE id = ${v.copy.id}`.execute(
    trx,
  );
  // The copy names the last return file it imported: the next return file need only carry what changed since.
  if (typeof h.lastReturnSeq === 'number' && h.lastReturnSeq > 0) {
    await sql`UPDATE village_copies SET acked_return_seq = ${h.lastReturnSeq} WHERE id = ${v.copy.id}
      AND acked_return_seq < ${h.lastReturnSeq} AND last_return_seq >= ${h.lastReturnSeq}`.execute(trx);
  }
  const log = o.journal ?? ((...e: JournalEntryInput[]) => appendJournal(trx, importer, e, at));
  await log({
    action: 'village.import',
    entity: 'village_copies',
    entityId: v.copy.id,
    after: { fileSeq: h.fileSeq, ...summary, parallel, partial },
  });
  return { ...summary, fileSeq: h.fileSeq, alreadyImported: false, results, parallel, partial };
}
