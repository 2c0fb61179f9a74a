import type { townshipApi } from '../../../shared/api/township';
import { LedgerError } from '../../../shared/errors';
import { insertVersioned, loadForEdit, updateVersioned, type Handlers, type ServiceContext } from '../kernel';
import type { VillagesTable } from '../db';
import { nowIso } from '../ids';
import { divisionsFor, villageView } from './service';

const load = (ctx: ServiceContext, id: string, version?: number): Promise<VillagesTable> =>
  loadForEdit(ctx, 'villages', id, version, '该村(社区)', (v) => `村(社区)“${v.name}”`);

async function assertNameFree(ctx: ServiceContext, name: string, exceptId?: string): Promise<void> {
  let q = ctx.db.selectFrom('villages').select('id').where('name', '=', name).where('active', '=', 1);
  if (exceptId) q = q.where('id', '!=', exceptId);
  if (await q.executeTakeFirst()) {
    throw new LedgerError('CONFLICT', `已有名为“${name}”的村(社区)`, { name: '名称已存在' });
  }
}

export const townshipHandlers: Handlers<typeof townshipApi> = {
  'divisions.children': async (ctx, input) => divisionsFor(ctx.host.resourcesDir).children(input.parent),
  'divisions.villages': async (ctx, input) => divisionsFor(ctx.host.resourcesDir).villages(input.street),

  'villages.list': async (ctx, input) => {
    let q = ctx.db.selectFrom('villages').selectAll().orderBy('sort_order').orderBy('name');
    if (!input.includeInactive) q = q.where('active', '=', 1);
    return (await q.execute()).map(villageView);
  },

  'villages.create': async (ctx, input) => {
    await assertNameFree(ctx, input.name);
    const max = await ctx.db
      .selectFrom('villages')
      .select((eb) => eb.fn.max('sort_order').as('m'))
      .executeTakeFirst();
    const row = await insertVersioned(
      ctx,
      'villages',
      {
        code: null,
        name: input.name,
        kind: input.kind,
        sort_order: Number(max?.m ?? 0) + 1,
        active: 1,
        merged_into_id: null,
      },
      { action: 'village.create', after: { name: input.name, kind: input.kind } },
    );
    return villageView(row);
  },

  'villages.rename': async (ctx, input) => {
    const v = await load(ctx, input.id, input.version);
    await assertNameFree(ctx, input.name, v.id);
    const next = await updateVersioned(
      ctx,
      'villages',
      v.id,
      input.version,
      { name: input.name },
      { action: 'village.rename', what: `村(社区)“${v.name}”`, reason: input.reason, current: v },
    );
    return villageView(next);
  },

  'villages.merge': async (ctx, input) => {
    const v = await load(ctx, input.id, input.version);
    if (v.id === input.intoId) throw new LedgerError('RULE', '不能把村(社区)并入它自己');
    const into = await load(ctx, input.intoId);
    if (into.active !== 1) throw new LedgerError('RULE', `“${into.name}”已撤并，不能作为并入目标`);
    if (v.active !== 1) throw new LedgerError('RULE', `“${v.name}”已撤并`);
    const at = nowIso(ctx.now());
    const next = await updateVersioned(
      ctx,
      'villages',
      v.id,
      input.version,
      { active: 0, merged_into_id: into.id },
      { action: 'village.merge', what: `村(社区)“${v.name}”`, current: v, at, entry: false },
    );
    // Households, facilities, the special-difficulty elderly register and the children's register of the merged village
    // now belong to the target; the journal keeps where they were. Payment roll lines keep the village they were paid
    // in (a record of that month), and a 儿童主任 stays appointed to the old village: the target has its own, and one
    // village has one 儿童主任 at a time.
    const moveAll = async (table: 'households' | 'facilities' | 'elderly_people' | 'children'): Promise<number> => {
      const res = await ctx.db
        .updateTable(table)
        .set({ village_id: into.id, updated_at: at })
        .where('village_id', '=', v.id)
        .executeTakeFirst();
      return Number(res.numUpdatedRows);
    };
    await ctx.journal({
      action: 'village.merge',
      entity: 'villages',
      entityId: v.id,
      before: { name: v.name, active: 1 },
      after: {
        merged_into: into.name,
        households_moved: await moveAll('households'),
        facilities_moved: await moveAll('facilities'),
        elderly_moved: await moveAll('elderly_people'),
        children_moved: await moveAll('children'),
      },
      reason: input.reason,
    });
    return villageView(next);
  },
};
