// Applying a verified change file at the office: one transaction, each change through the same handler the copy
// ran, never overwriting an office edit (a changed base version goes to the review queue), never merging people.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { MethodSpec } from '../../../shared/api/contract';
import { api } from '../../../shared/api';
import { LedgerError } from '../../../shared/errors';
import type { Ledger } from '../db/open';
import type { DB } from '../db/schema';
import { appendJournal, type JournalEntryInput } from '../journal/journal';
import type { Actor, HostServices, ServiceContext } from '../kernel/context';
import { verifyChangeFile, type FileChange } from './files';

export interface ImportSummary {
  copy: string;
  sequence: [number, number];
  applied: number;
  alreadyApplied: number;
  conflicts: number;
  refused: number;
}

export interface ImportOutcome extends ImportSummary {
  alreadyImported: boolean;
  fileSeq: number;
  /** Per change id: applied | queued | refused (with the reason). */
  results: { changeId: string; seq: number; result: 'applied' | 'already' | 'queued' | 'refused'; message?: string }[];
}

const apiMap = api as unknown as Record<string, MethodSpec>;
type HandlerMap = Record<string, (ctx: ServiceContext, input: unknown) => Promise<unknown>>;

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

/** ID numbers of new people a change would register (households.create, households.addMember). */
function newIdNumbers(method: string, input: unknown): string[] {
  const i = input as { members?: { idNumber?: unknown }[]; person?: { idNumber?: unknown } };
  const out: string[] = [];
  if (method === 'households.create')
    for (const m of i.members ?? []) if (typeof m.idNumber === 'string') out.push(m.idNumber);
  if (method === 'households.addMember' && typeof i.person?.idNumber === 'string') out.push(i.person.idNumber);
  return out.map((x) => x.trim().toUpperCase()).filter(Boolean);
}

async function versionedTables(trx: Kysely<DB>): Promise<string[]> {
  const tables = (
    await sql<{
      name: string;
    }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`.execute(trx)
  ).rows.map((r) => r.name);
  const out: string[] = [];
  for (const t of tables) {
    const cols = (await sql<{ name: string }>`SELECT name FROM pragma_table_info(${t})`.execute(trx)).rows.map(
      (r) => r.name,
    );
    if (cols.includes('id') && cols.includes('version')) out.push(t);
  }
  return out;
}

export interface ImportOptions {
  office: Ledger;
  host: HostServices;
  actor: Actor;
  text: string;
  /** The service handlers (the API layer's map; the core does not import the API layer). */
  handlers: object;
  now?: () => Date;
}

export async function importChangeFile(o: ImportOptions): Promise<ImportOutcome> {
  const now = o.now ?? (() => new Date());
  const handlerMap = o.handlers as HandlerMap;
  const v = await verifyChangeFile(o.office, o.text);
  const h = v.file.header;
  const base = {
    copy: h.copyId,
    sequence: h.changeRange,
    fileSeq: h.fileSeq,
  };
  if (v.alreadyImported) {
    return {
      ...base,
      applied: 0,
      alreadyApplied: v.file.changes.length,
      conflicts: 0,
      refused: 0,
      alreadyImported: true,
      results: [],
    };
  }
  const at = now().toISOString();
  const importer = { id: o.actor.id, name: o.actor.name };
  return o.office.db.transaction().execute(async (trx) => {
    const tables = await versionedTables(trx);
    const map = new Map<string, string>(
      (
        await sql<{
          copy_entity_id: string;
          office_id: string;
        }>`SELECT copy_entity_id, office_id FROM village_idmap WHERE copy_id = ${v.copy.id}`.execute(trx)
      ).rows.map((r) => [r.copy_entity_id, r.office_id]),
    );
    const tableOf = new Map<string, string>();
    const results: ImportOutcome['results'] = [];
    const record = async (c: FileChange, result: 'applied' | 'queued' | 'refused', message?: string) => {
      results.push({ changeId: c.changeId, seq: c.seq, result, ...(message ? { message } : {}) });
      await sql`INSERT INTO village_applied (change_id, copy_id, seq, result, message, at)
        VALUES (${c.changeId}, ${v.copy.id}, ${c.seq}, ${result}, ${message ?? null}, ${at})`.execute(trx);
    };
    const queue = async (
      c: FileChange,
      kind: 'conflict' | 'duplicate',
      entity: string | null,
      entityId: string | null,
      officeValues: unknown,
      who: { actor_name: string; at: string } | undefined,
    ) => {
      const id = randomUUID();
      await sql`INSERT INTO village_queue (id, copy_id, change_id, kind, method, entity, entity_id, village_values,
          office_values, office_changed_by, office_changed_at, status, created_at)
        VALUES (${id}, ${v.copy.id}, ${c.changeId}, ${kind}, ${c.method}, ${entity}, ${entityId},
          ${JSON.stringify({ input: c.input, author: c.author, at: c.at })}, ${officeValues === undefined ? null : JSON.stringify(officeValues)},
          ${who?.actor_name ?? null}, ${who?.at ?? null}, 'open', ${at})`.execute(trx);
      await appendJournal(
        trx,
        importer,
        [
          {
            action: `village.queue.${kind}`,
            entity: 'village_queue',
            entityId: id,
            after: { changeId: c.changeId, method: c.method, entity, entityId },
          },
        ],
        at,
      );
    };

    for (const c of [...v.file.changes].sort((a, b) => a.seq - b.seq)) {
      const done = (
        await sql<{ result: string }>`SELECT result FROM village_applied WHERE change_id = ${c.changeId}`.execute(trx)
      ).rows[0];
      if (done) {
        results.push({ changeId: c.changeId, seq: c.seq, result: 'already' });
        continue;
      }
      const input = rewriteIds(c.input, map) as Record<string, unknown>;
      // 1. Based on a version the office has since changed: the office's record stays, the change waits.
      let conflict = false;
      for (const b of c.baseVersions) {
        const id = map.get(b.id) ?? b.id;
        // The table an id lives in, remembered (ids are UUIDs: one table each); that table is tried first.
        const hinted = tableOf.get(id);
        for (const t of hinted ? [hinted, ...tables.filter((x) => x !== hinted)] : tables) {
          const row = (await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(t)} WHERE id = ${id}`.execute(trx))
            .rows[0];
          if (!row) continue;
          tableOf.set(id, t);
          if (row.version !== b.version) {
            const who = (
              await sql<{
                actor_name: string;
                at: string;
              }>`SELECT actor_name, at FROM journal WHERE entity_id = ${id} ORDER BY seq DESC LIMIT 1`.execute(trx)
            ).rows[0];
            await queue(c, 'conflict', t, id, row, who);
            conflict = true;
          }
          break;
        }
        if (conflict) break;
      }
      if (conflict) {
        await record(c, 'queued', '办公室已修改同一记录：等待复核');
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
          await queue(c, 'duplicate', 'people', known[0]!.id, known, undefined);
          await record(
            c,
            'queued',
            `身份证号已在办公室台账登记（${known.map((k) => k.name).join('、')}）：可能重复，等待复核`,
          );
          continue;
        }
      }
      // 3. Apply through the handler, with the same validation as the dispatcher.
      const spec = Object.hasOwn(apiMap, c.method) ? apiMap[c.method] : undefined;
      const handler = Object.hasOwn(handlerMap, c.method) ? handlerMap[c.method] : undefined;
      if (!spec || !handler || !spec.write) {
        await record(c, 'refused', `未知的操作：${c.method}`);
        continue;
      }
      const parsed = spec.input.safeParse(input);
      if (!parsed.success) {
        await record(c, 'refused', `输入有误：${parsed.error.issues.map((i) => i.message).join('；')}`);
        continue;
      }
      await sql`SAVEPOINT village_change`.execute(trx);
      try {
        let journalled = 0;
        const journalActor = { id: o.actor.id, name: `${o.actor.name}（导入村级副本：${c.author}，${c.at}）` };
        const ctx: ServiceContext = {
          db: trx,
          ledger: o.office,
          actor: o.actor,
          session: null,
          now,
          host: o.host,
          journal: async (...entries: JournalEntryInput[]) => {
            journalled += entries.length;
            await appendJournal(trx, journalActor, entries, at);
          },
        };
        const out = await handler(ctx, parsed.data);
        if (journalled === 0) throw new Error(`write method ${c.method} did not journal`);
        const pairs = new Map<string, string>();
        pairIds(c.output, out, pairs);
        for (const [copyId, officeId] of pairs) {
          if (map.has(copyId)) continue;
          // Only a record the copy created has an id the office does not know; any other pairing is a coincidence
          // of two lists and is ignored.
          let known = false;
          for (const t of tables) {
            if ((await sql`SELECT 1 FROM ${sql.table(t)} WHERE id = ${copyId}`.execute(trx)).rows.length > 0) {
              known = true;
              break;
            }
          }
          if (known) continue;
          map.set(copyId, officeId);
          await sql`INSERT INTO village_idmap (copy_id, copy_entity_id, office_id) VALUES (${v.copy.id}, ${copyId}, ${officeId})`.execute(
            trx,
          );
        }
        await sql`RELEASE village_change`.execute(trx);
        await record(c, 'applied');
      } catch (e) {
        await sql`ROLLBACK TO village_change`.execute(trx);
        await sql`RELEASE village_change`.execute(trx);
        if (!(e instanceof LedgerError)) throw e;
        await record(c, 'refused', e.message);
      }
    }
    const count = (r: string) => results.filter((x) => x.result === r).length;
    const summary: ImportSummary = {
      copy: h.copyId,
      sequence: h.changeRange,
      applied: count('applied'),
      alreadyApplied: count('already'),
      conflicts: count('queued'),
      refused: count('refused'),
    };
    await sql`INSERT INTO village_imports (copy_id, file_seq, file_hash, imported_at, imported_by, summary)
      VALUES (${v.copy.id}, ${h.fileSeq}, ${v.fileHash}, ${at}, ${o.actor.name}, ${JSON.stringify(summary)})`.execute(
      trx,
    );
    await sql`UPDATE village_copies SET last_file_seq = ${h.fileSeq}, last_file_hash = ${v.fileHash} WHERE id = ${v.copy.id}`.execute(
      trx,
    );
    await appendJournal(
      trx,
      importer,
      [
        {
          action: 'village.import',
          entity: 'village_copies',
          entityId: v.copy.id,
          after: { fileSeq: h.fileSeq, ...summary },
        },
      ],
      at,
    );
    return { ...summary, fileSeq: h.fileSeq, alreadyImported: false, results };
  });
}
