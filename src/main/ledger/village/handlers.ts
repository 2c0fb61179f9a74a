// Handlers of the 村级副本 slice (src/shared/api/village.ts): the office's copies, import, review queue and return
// files; a copy's exchange state, change file export and return file import.
import { join } from 'node:path';
import { existsSync, mkdirSync } from 'node:fs';
import { sql, type Selectable } from 'kysely';
import {
  VILLAGE_FIELD_LABELS,
  VILLAGE_METHOD_LABELS,
  type villageApi,
  type VillageCopyView,
  type VillageQueueView,
} from '../../../shared/api/village';
import { LedgerError, notFound } from '../../../shared/errors';
import { fileStamp } from '../../../shared/time';
import { actorOf, updateVersioned, type Handlers, type ServiceContext } from '../kernel';
import type { DB } from '../db';
import { applyChangeFile, alreadyImported } from './apply';
import { writeReturn } from './back';
import { readReturn } from './back-read';
import { makeVillageCopy } from './copy';
import { exportChangesIn, verifyChangeFile } from './files';
import { snakeOf, type FieldConflict } from './merge';
import { editableFields, resolveQueued, whyNotEditable } from './queue';
import { changeHandlers } from './registry';
import { readCopyState } from './state';
import { sourceOf } from '../backup';

async function villageNames(ctx: ServiceContext): Promise<Map<string, string>> {
  return new Map((await ctx.db.selectFrom('villages').select(['id', 'name']).execute()).map((v) => [v.id, v.name]));
}

async function recordName(ctx: ServiceContext, entity: string | null, id: string | null): Promise<string | null> {
  if (!entity || !id) return null;
  if (entity === 'people') {
    return (await ctx.db.selectFrom('people').select('name').where('id', '=', id).executeTakeFirst())?.name ?? null;
  }
  if (entity === 'households') {
    const r = await sql<{ name: string | null }>`SELECT p.name FROM households h LEFT JOIN people p
      ON p.id = h.head_person_id WHERE h.id = ${id}`.execute(ctx.db);
    return r.rows[0]?.name ? `${r.rows[0].name}户` : null;
  }
  return null;
}

async function queueView(
  ctx: ServiceContext,
  r: Selectable<DB['village_queue']>,
  copies: Map<string, string[]>,
  names: Map<string, string>,
): Promise<VillageQueueView> {
  const vv = JSON.parse(r.village_values) as {
    input: unknown;
    author: string;
    at: string;
    seq?: number;
    fileSeq?: number;
  };
  const fields = r.fields ? (JSON.parse(r.fields) as FieldConflict[]) : [];
  let current: Record<string, unknown> | null = null;
  if (fields.length > 0 && r.entity && r.entity_id) {
    current =
      (
        await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(r.entity)} WHERE id = ${r.entity_id}`.execute(
          ctx.db,
        )
      ).rows[0] ?? null;
  }
  return {
    id: r.id,
    version: r.version,
    copyId: r.copy_id,
    copyVillages: (copies.get(r.copy_id) ?? []).map((v) => names.get(v) ?? v),
    changeId: r.change_id,
    kind: r.kind as VillageQueueView['kind'],
    method: r.method,
    methodLabel: VILLAGE_METHOD_LABELS[r.method] ?? r.method,
    entity: r.entity,
    entityId: r.entity_id,
    recordName: await recordName(ctx, r.entity, r.entity_id),
    villageValues: JSON.parse(r.village_values) as unknown,
    villageAuthor: vv.author,
    villageAt: vv.at,
    fileSeq: vv.fileSeq ?? null,
    seq: vv.seq ?? null,
    officeValues: JSON.parse(r.office_values ?? 'null') as unknown,
    officeChangedBy: r.office_changed_by,
    officeChangedAt: r.office_changed_at,
    fields: fields.map((f) => ({
      column: f.column,
      label: VILLAGE_FIELD_LABELS[f.column] ?? f.column,
      base: f.base,
      office: f.office,
      current: current ? (current[f.column] ?? null) : f.office,
      village: f.village,
    })),
    editable: editableFields(r.kind, r.method, vv.input).map(([field, value]) => ({
      field,
      label: VILLAGE_FIELD_LABELS[snakeOf(field)] ?? field,
      value,
    })),
    editNote: whyNotEditable(r.kind, r.method, vv.input),
    refusal:
      r.kind === 'refused'
        ? ((JSON.parse(r.office_values ?? 'null') as { message?: string } | null)?.message ?? null)
        : null,
    status: r.status,
    resolution: (r.resolution as VillageQueueView['resolution']) ?? null,
    resolvedBy: r.resolved_by,
    resolvedAt: r.resolved_at,
    createdAt: r.created_at,
  };
}

async function copyRow(ctx: ServiceContext, id: string) {
  const row = await ctx.db.selectFrom('village_copies').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('该村级副本');
  return row;
}

/** One copy as the 村级副本 list shows it: villages, exchanges each way, what waits, whether it is revoked. */
async function copyView(ctx: ServiceContext, id: string, villages: Map<string, string>): Promise<VillageCopyView> {
  const r = (
    await sql<{
      id: string;
      villages: string;
      created_by: string;
      created_at: string;
      last_file_seq: number;
      last_return_seq: number;
      last_return_at: string | null;
      status: string;
      revoked_at: string | null;
      revoked_by: string | null;
      revoke_reason: string | null;
      version: number;
      last_import: string | null;
      open_queue: number;
      awaiting: number;
    }>`SELECT c.*, (SELECT max(imported_at) FROM village_imports i WHERE i.copy_id = c.id) AS last_import,
        (SELECT count(*) FROM village_queue q WHERE q.copy_id = c.id AND q.status = 'open') AS open_queue,
        (SELECT count(*) FROM village_applied a WHERE a.copy_id = c.id
          AND (c.last_return_at IS NULL OR a.at > c.last_return_at)) +
        (SELECT count(*) FROM village_queue q WHERE q.copy_id = c.id AND q.status = 'resolved'
          AND (c.last_return_at IS NULL OR q.resolved_at > c.last_return_at)) AS awaiting
      FROM village_copies c WHERE c.id = ${id}`.execute(ctx.db)
  ).rows[0];
  if (!r) throw notFound('该村级副本');
  const ids = JSON.parse(r.villages) as string[];
  return {
    id: r.id,
    villageIds: ids,
    villageNames: ids.map((i) => villages.get(i) ?? i),
    createdBy: r.created_by,
    createdAt: r.created_at,
    lastFileSeq: r.last_file_seq,
    lastImportAt: r.last_import,
    lastReturnSeq: r.last_return_seq,
    lastReturnAt: r.last_return_at,
    awaitingReturn: Number(r.awaiting),
    status: r.status,
    revokedAt: r.revoked_at,
    revokedBy: r.revoked_by,
    revokeReason: r.revoke_reason,
    version: r.version,
    openQueue: Number(r.open_queue),
  };
}

async function copyVillages(ctx: ServiceContext): Promise<Map<string, string[]>> {
  const rows = (await sql<{ id: string; villages: string }>`SELECT id, villages FROM village_copies`.execute(ctx.db))
    .rows;
  return new Map(rows.map((r) => [r.id, JSON.parse(r.villages) as string[]]));
}

async function officeOnly(ctx: ServiceContext): Promise<void> {
  if (await readCopyState(ctx.db)) {
    throw new LedgerError('FORBIDDEN', '这是村级副本：此操作只能在乡镇（街道）办公室的台账中进行');
  }
}

export const villageHandlers: Handlers<typeof villageApi> = {
  'village.copies': async (ctx) => {
    const rows = (await sql<{ id: string }>`SELECT c.id FROM village_copies c ORDER BY c.created_at`.execute(ctx.db))
      .rows;
    const villages = await villageNames(ctx);
    const out: VillageCopyView[] = [];
    for (const r of rows) out.push(await copyView(ctx, r.id, villages));
    return out;
  },
  'village.revokeCopy': async (ctx, input) => {
    await officeOnly(ctx);
    const actor = actorOf(ctx);
    const names = await villageNames(ctx);
    const row = await copyRow(ctx, input.copyId);
    if (row.status === 'revoked' && row.version === input.version) {
      throw new LedgerError('RULE', '该村级副本已经停用');
    }
    await updateVersioned(
      ctx,
      'village_copies',
      input.copyId,
      input.version,
      { status: 'revoked', revoked_at: ctx.now().toISOString(), revoked_by: actor.name, revoke_reason: input.reason },
      {
        action: 'village.revoke',
        what: '该村级副本',
        reason: input.reason,
        current: row,
        extra: { after: { villages: (JSON.parse(row.villages) as string[]).map((v) => names.get(v) ?? v) } },
      },
    );
    return copyView(ctx, input.copyId, names);
  },
  'village.queue': async (ctx, input) => {
    const status = input.status ?? 'open';
    let q = ctx.db.selectFrom('village_queue').selectAll().where('status', '=', status);
    if (input.copyId) q = q.where('copy_id', '=', input.copyId);
    const rows = await q
      .orderBy('created_at')
      .orderBy(sql`rowid`)
      .limit(500)
      .execute();
    const copies = await copyVillages(ctx);
    const names = await villageNames(ctx);
    const out: VillageQueueView[] = [];
    for (const r of rows) out.push(await queueView(ctx, r, copies, names));
    return out;
  },
  'village.resolve': async (ctx, input) => {
    await officeOnly(ctx);
    await resolveQueued(ctx, input);
    const r = await ctx.db.selectFrom('village_queue').selectAll().where('id', '=', input.id).executeTakeFirstOrThrow();
    return queueView(ctx, r, await copyVillages(ctx), await villageNames(ctx));
  },
  'village.makeCopy': async (ctx, input) => {
    await officeOnly(ctx);
    const actor = actorOf(ctx);
    const dir = join(ctx.host.dataDir, '村级副本');
    mkdirSync(dir, { recursive: true });
    const names = await villageNames(ctx);
    const label = input.villages.map((v) => names.get(v) ?? v).join('、');
    let path = join(dir, `村级副本-${label}-${fileStamp(ctx.now())}.ledger`);
    for (let n = 2; existsSync(path); n++) path = join(dir, `村级副本-${label}-${fileStamp(ctx.now())}-${n}.ledger`);
    const made = await makeVillageCopy({
      office: ctx.ledger,
      source: sourceOf(ctx.ledger),
      villages: input.villages,
      out: path,
      admin: { id: actor.id, name: actor.name },
      login: { username: input.login, displayName: input.loginName, password: input.password },
      db: ctx.db,
      journal: ctx.journal,
      now: ctx.now,
      officeDataDir: ctx.host.dataDir,
    });
    return { copyId: made.copyId, path, villageNames: made.villageNames, rows: made.rows };
  },
  'village.import': async (ctx, input) => {
    await officeOnly(ctx);
    const actor = actorOf(ctx);
    const v = await verifyChangeFile(ctx, input.text);
    const opts = {
      office: ctx.ledger,
      host: ctx.host,
      actor,
      handlers: changeHandlers(),
      now: ctx.now,
      journal: ctx.journal,
    };
    const r = v.alreadyImported ? alreadyImported(v) : await applyChangeFile(ctx.db, opts, v);
    if (r.alreadyImported) {
      // Nothing changes; the attempt is on record.
      await ctx.journal({
        action: 'village.import.repeat',
        entity: 'village_copies',
        entityId: v.copy.id,
        after: { fileSeq: r.fileSeq },
      });
    }
    const names = await villageNames(ctx);
    return {
      copy: r.copy,
      villageNames: v.copy.villages.map((x) => names.get(x) ?? x),
      fileSeq: r.fileSeq,
      sequence: r.sequence,
      applied: r.applied,
      alreadyApplied: r.alreadyApplied,
      conflicts: r.conflicts,
      refused: r.refused,
      parallel: r.parallel,
      partial: r.partial,
      alreadyImported: r.alreadyImported,
      notes: r.results
        .filter((x) => x.result === 'queued' || x.result === 'refused' || x.flag)
        .map((x) => ({ seq: x.seq, result: x.result, message: x.message ?? '' })),
    };
  },
  'village.exportReturn': async (ctx, input) => {
    await officeOnly(ctx);
    const r = await writeReturn(ctx.db, ctx.ledger, input.copyId, ctx.journal, {
      dataDir: ctx.host.dataDir,
      full: input.full ?? false,
      now: ctx.now,
    });
    return {
      fileName: `回传文件-第${r.returnSeq}号-${fileStamp(ctx.now())}.json`,
      text: r.text,
      summary:
        `第 ${r.returnSeq} 号回传文件（${r.full ? '完整' : '只含上次确认后的变化'}）：${r.results} 项变更的处理结果，` +
        `${r.rows} 条村级记录${r.removed > 0 ? `，${r.removed} 条已不存在的记录` : ''}`,
    };
  },
  'village.status': async (ctx) => {
    const state = await readCopyState(ctx.db);
    if (!state) {
      return {
        isCopy: false,
        copyId: null,
        villageNames: [],
        unsent: 0,
        notExported: 0,
        lastFileSeq: 0,
        lastAcknowledged: 0,
        lastReturnSeq: 0,
        acknowledged: { applied: 0, queued: 0, refused: 0 },
      };
    }
    const c = (
      await sql<{ unsent: number; not_exported: number; applied: number; queued: number; refused: number }>`
        SELECT sum(ack IS NULL) AS unsent,
          sum(ack IS NULL AND seq > coalesce((SELECT max(to_seq) FROM village_files), 0)) AS not_exported,
          sum(ack = 'applied') AS applied, sum(ack = 'queued') AS queued, sum(ack = 'refused') AS refused
        FROM village_outbox`.execute(ctx.db)
    ).rows[0];
    const lastAck = (
      await sql<{ n: number | null }>`SELECT max(file_seq) AS n FROM village_files
        WHERE acknowledged_at IS NOT NULL`.execute(ctx.db)
    ).rows[0]?.n;
    return {
      isCopy: true,
      copyId: state.copyId,
      villageNames: state.villageNames,
      unsent: Number(c?.unsent ?? 0),
      notExported: Number(c?.not_exported ?? 0),
      lastFileSeq: state.lastFileSeq,
      lastAcknowledged: Number(lastAck ?? state.lastAcknowledged ?? 0),
      lastReturnSeq: state.lastReturnSeq ?? 0,
      acknowledged: {
        applied: Number(c?.applied ?? 0),
        queued: Number(c?.queued ?? 0),
        refused: Number(c?.refused ?? 0),
      },
    };
  },
  'village.exportChanges': async (ctx) => {
    const r = await exportChangesIn(ctx.db, ctx.journal, ctx.now, ctx.host.dataDir);
    return {
      fileName: `变更文件-第${r.fileSeq}号-${fileStamp(ctx.now())}.json`,
      text: r.text,
      summary: `第 ${r.fileSeq} 号变更文件：变更 ${r.range[0]}–${r.range[1]}，共 ${r.changes} 项`,
    };
  },
  'village.importReturn': async (ctx, input) => {
    const r = await readReturn(ctx.db, ctx.ledger.raw, ctx.host.dataDir, input.text, ctx.journal, ctx.now);
    if (r.alreadyImported) {
      await ctx.journal({
        action: 'village.return.repeat',
        entity: 'village_files',
        entityId: String(r.returnSeq),
        after: { returnSeq: r.returnSeq },
      });
      return { summary: `第 ${r.returnSeq} 号回传文件已经导入过：未作任何改动` };
    }
    return {
      summary:
        `已导入第 ${r.returnSeq} 号回传文件：办公室已处理到第 ${r.upToFileSeq} 号变更文件，确认 ${r.acknowledged} 项变更；` +
        `村级记录更新 ${r.written} 条、移除 ${r.removed} 条` +
        (r.files > 0 ? `，附件文件 ${r.files} 个` : '') +
        (r.kept > 0 ? `；${r.kept} 条记录有尚未确认的变更，保留本副本的内容` : ''),
    };
  },
};
