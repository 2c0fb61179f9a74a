// Visits to a child (探访) and the township's 儿童主任 / 儿童督导员. A visit is voided with a reason, never deleted.
import type { ChildWorkerView, childrenApi } from '../../../shared/api/children';
import { badInput, LedgerError } from '../../../shared/errors';
import {
  insertVersioned,
  NOT_VOIDED,
  updateLoaded,
  voidVersioned,
  actorOf,
  todayOf,
  type Handlers,
  type ServiceContext,
} from '../kernel';
import { addDays } from '../../../shared/time';
import { getSettingRow, saveSetting } from '../settings';
import { childView, loadChild, VISIT_PLAN_KEY, visitPlan } from './service';

async function workers(ctx: ServiceContext): Promise<ChildWorkerView[]> {
  const rows = await ctx.db
    .selectFrom('child_workers')
    .leftJoin('villages', 'villages.id', 'child_workers.village_id')
    .select([
      'child_workers.id',
      'child_workers.role',
      'child_workers.village_id',
      'villages.name as village_name',
      'child_workers.name',
      'child_workers.phone',
      'child_workers.started_on',
      'child_workers.ended_on',
      'child_workers.version',
    ])
    .orderBy('child_workers.role', 'desc')
    .orderBy('villages.code')
    .orderBy('child_workers.started_on', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    role: r.role,
    villageId: r.village_id,
    villageName: r.village_name ?? null,
    name: r.name,
    phone: r.phone,
    startedOn: r.started_on,
    endedOn: r.ended_on,
    version: r.version,
  }));
}

export const visitHandlers: Pick<
  Handlers<typeof childrenApi>,
  | 'children.visits.add'
  | 'children.visits.void'
  | 'children.workers.list'
  | 'children.workers.appoint'
  | 'children.visitPlan'
  | 'children.saveVisitPlan'
> = {
  'children.visits.add': async (ctx, input) => {
    const c = await loadChild(ctx.db, input.childId);
    if (c.status !== 'active') throw new LedgerError('RULE', `“${c.name}”的档案已结束，不能再登记探访`);
    if (input.visitedOn > todayOf(ctx)) throw badInput('探访日期不能晚于今天', { visitedOn: '不能晚于今天' });
    if (input.visitedOn < c.registered_on)
      throw badInput(`探访日期不能早于登记日期（${c.registered_on}）`, { visitedOn: '不能早于登记日期' });
    if (input.forcedReport && !input.referral)
      throw badInput('已强制报告的，请在“转介/处置”中写明报告对象和时间', { referral: '请写明向谁报告、何时报告' });
    await insertVersioned(
      ctx,
      'child_visits',
      {
        child_id: c.id,
        visited_on: input.visitedOn,
        way: input.way,
        visitor: input.visitor,
        findings: input.findings,
        problems: input.problems ?? null,
        referral: input.referral ?? null,
        forced_report: input.forcedReport ? 1 : 0,
        ...NOT_VOIDED,
        created_by: actorOf(ctx).id,
      },
      {
        action: 'children.visit',
        after: { child_id: c.id, visited_on: input.visitedOn, way: input.way, forced_report: input.forcedReport },
      },
    );
    return childView(ctx, c.id);
  },

  'children.visits.void': async (ctx, input) => {
    const v = await voidVersioned(ctx, 'child_visits', input.id, input.version, input.reason, {
      action: 'children.visit.void',
      what: '该探访记录',
    });
    return childView(ctx, v.child_id);
  },

  'children.workers.list': async (ctx) => workers(ctx),

  'children.visitPlan': async (ctx) => ({
    plan: await visitPlan(ctx.db),
    version: (await getSettingRow(ctx.db, VISIT_PLAN_KEY))?.version ?? null,
  }),

  'children.saveVisitPlan': async (ctx, input) => {
    const before = await visitPlan(ctx.db);
    const next = { ...before, ...input.plan };
    await saveSetting(ctx, VISIT_PLAN_KEY, input.version, next, {
      action: 'children.visitPlan',
      what: '儿童探访计划',
      before,
    });
    return { plan: next, version: (await getSettingRow(ctx.db, VISIT_PLAN_KEY))?.version ?? null };
  },

  'children.workers.appoint': async (ctx, input) => {
    if (input.startedOn > todayOf(ctx)) throw badInput('任职日期不能晚于今天', { startedOn: '不能晚于今天' });
    if (input.role === 'director' && !input.villageId)
      throw badInput('儿童主任须选择所在村(社区)', { villageId: '请选择村(社区)' });
    const villageId = input.role === 'director' ? input.villageId : null;
    const current = await ctx.db
      .selectFrom('child_workers')
      .selectAll()
      .where('role', '=', input.role)
      .where('ended_on', 'is', null)
      .where((eb) => (villageId ? eb('village_id', '=', villageId) : eb('village_id', 'is', null)))
      .execute();
    const at = ctx.now().toISOString();
    for (const w of current) {
      if (input.startedOn <= w.started_on)
        throw badInput(`新任职日期须晚于现任“${w.name}”的任职日期（${w.started_on}）`, { startedOn: '日期有误' });
      const endedOn = addDays(input.startedOn, -1);
      await updateLoaded(
        ctx,
        'child_workers',
        w,
        { ended_on: endedOn },
        {
          action: 'children.worker.end',
          what: `“${w.name}”的任职`,
          at,
        },
      );
    }
    await insertVersioned(
      ctx,
      'child_workers',
      {
        role: input.role,
        village_id: villageId,
        name: input.name,
        phone: input.phone ?? null,
        started_on: input.startedOn,
        ended_on: null,
      },
      {
        action: 'children.worker.appoint',
        after: { role: input.role, village_id: villageId, name: input.name, started_on: input.startedOn },
        at,
      },
    );
    return workers(ctx);
  },
};
