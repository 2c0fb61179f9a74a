// Handlers of the 村级副本 slice (src/shared/api/village.ts): the office's list of copies and the review queue.
import { sql } from 'kysely';
import type { villageApi, VillageQueueView } from '../../../shared/api/village';
import type { Handlers } from '../kernel/context';

export const villageHandlers: Handlers<typeof villageApi> = {
  'village.copies': async (ctx) => {
    const rows = (
      await sql<{
        id: string;
        villages: string;
        created_by: string;
        created_at: string;
        last_file_seq: number;
        status: string;
        last_import: string | null;
        open_queue: number;
      }>`SELECT c.*, (SELECT max(imported_at) FROM village_imports i WHERE i.copy_id = c.id) AS last_import,
          (SELECT count(*) FROM village_queue q WHERE q.copy_id = c.id AND q.status = 'open') AS open_queue
        FROM village_copies c ORDER BY c.created_at`.execute(ctx.db)
    ).rows;
    const villages = new Map(
      (await ctx.db.selectFrom('villages').select(['id', 'name']).execute()).map((v) => [v.id, v.name]),
    );
    return rows.map((r) => {
      const ids = JSON.parse(r.villages) as string[];
      return {
        id: r.id,
        villageIds: ids,
        villageNames: ids.map((i) => villages.get(i) ?? i),
        createdBy: r.created_by,
        createdAt: r.created_at,
        lastFileSeq: r.last_file_seq,
        lastImportAt: r.last_import,
        status: r.status,
        openQueue: Number(r.open_queue),
      };
    });
  },
  'village.queue': async (ctx, input) => {
    const status = input.status ?? 'open';
    const rows = (
      await sql<Record<string, string | null>>`SELECT * FROM village_queue WHERE status = ${status}
        AND (${input.copyId ?? null} IS NULL OR copy_id = ${input.copyId ?? null}) ORDER BY created_at, rowid`.execute(
        ctx.db,
      )
    ).rows;
    return rows.map((r): VillageQueueView => ({
      id: r.id!,
      copyId: r.copy_id!,
      changeId: r.change_id!,
      kind: r.kind as VillageQueueView['kind'],
      method: r.method!,
      entity: r.entity ?? null,
      entityId: r.entity_id ?? null,
      villageValues: JSON.parse(r.village_values ?? 'null') as unknown,
      officeValues: JSON.parse(r.office_values ?? 'null') as unknown,
      officeChangedBy: r.office_changed_by ?? null,
      officeChangedAt: r.office_changed_at ?? null,
      status: r.status!,
      createdAt: r.created_at!,
    }));
  },
};
