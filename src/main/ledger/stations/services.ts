// Per-person services where the township keeps them: 居家适老化改造 (home adaptations) and 助餐 (meals by facility
// and month) for people on the special-difficulty register.
import type { ServiceRecordView, stationsApi } from '../../../shared/api/stations';
import { LedgerError, rule } from '../../../shared/errors';
import { firstLive, insertVersioned, NOT_VOIDED, voidVersioned, type Handlers, type NewRow } from '../kernel';
import { mustFind, notFuture, todayOf } from './common';
import type { ElderlyServicesTable } from './tables';

type ServiceHandlers = Pick<
  Handlers<typeof stationsApi>,
  'elderly.services.list' | 'elderly.services.add' | 'elderly.services.void'
>;

function view(r: ElderlyServicesTable, facilityName: string | null): ServiceRecordView {
  return {
    id: r.id,
    elderlyId: r.elderly_id,
    kind: r.kind,
    onDate: r.on_date,
    month: r.month,
    items: r.items,
    contractor: r.contractor,
    facilityId: r.facility_id,
    facilityName,
    meals: r.meals,
    subsidyFen: r.subsidy_fen,
    voided: r.voided === 1,
    voidReason: r.void_reason,
    version: r.version,
  };
}

export const serviceHandlers: ServiceHandlers = {
  'elderly.services.list': async (ctx, input) => {
    const rows = await ctx.db
      .selectFrom('elderly_services as s')
      .leftJoin('facilities as f', 'f.id', 's.facility_id')
      .selectAll('s')
      .select('f.name as facility_name')
      .where('s.elderly_id', '=', input.elderlyId)
      .orderBy((eb) => eb.fn.coalesce('s.on_date', 's.month'), 'desc')
      .execute();
    return rows.map((r) => view(r, r.facility_name));
  },

  'elderly.services.add': async (ctx, input) => {
    const p = mustFind(
      await ctx.db.selectFrom('elderly_people').selectAll().where('id', '=', input.elderlyId).executeTakeFirst(),
      '该特殊困难老年人登记',
    );
    const today = todayOf(ctx);
    const base = { elderly_id: p.id, subsidy_fen: input.subsidyFen, ...NOT_VOIDED };
    let row: NewRow<'elderly_services'>;
    let facilityName: string | null = null;
    if (input.kind === 'home_adaptation') {
      notFuture(input.onDate, today, 'onDate', '验收日期');
      row = {
        ...base,
        kind: 'home_adaptation',
        on_date: input.onDate,
        month: null,
        items: input.items,
        contractor: input.contractor,
        facility_id: null,
        meals: null,
      };
    } else {
      if (input.month > today.slice(0, 7)) {
        throw new LedgerError('BAD_INPUT', `不能登记未来月份（${input.month}）的助餐`, { month: '不能晚于本月' });
      }
      const f = mustFind(
        await ctx.db.selectFrom('facilities').selectAll().where('id', '=', input.facilityId).executeTakeFirst(),
        '该助餐点',
      );
      const offers = (JSON.parse(f.service_items) as string[]).includes('meal');
      if (!offers) throw rule(`设施“${f.name}”未开展助餐服务`, { facilityId: '该设施未开展助餐服务' });
      if (f.opened_on === null || input.month < f.opened_on.slice(0, 7)) {
        throw rule(`设施“${f.name}”在 ${input.month} 尚未开业`, { month: '助餐点当月尚未开业' });
      }
      if (f.closed_on !== null && input.month > f.closed_on.slice(0, 7)) {
        throw rule(`设施“${f.name}”已于 ${f.closed_on} 停止运营`, { month: '助餐点当月已停止运营' });
      }
      const dup = await firstLive(ctx, 'elderly_services', {
        elderly_id: p.id,
        kind: 'meal',
        facility_id: f.id,
        month: input.month,
      });
      if (dup) {
        throw new LedgerError('CONFLICT', `“${p.name}” ${input.month} 在“${f.name}”的助餐已登记`, {
          month: '该月已登记',
        });
      }
      facilityName = f.name;
      row = {
        ...base,
        kind: 'meal',
        on_date: null,
        month: input.month,
        items: null,
        contractor: null,
        facility_id: f.id,
        meals: input.meals,
      };
    }
    if (p.status !== 'active' && (row.on_date ?? `${row.month ?? ''}-01`) > (p.ended_on ?? '')) {
      throw rule(`“${p.name}”已于 ${p.ended_on ?? ''} 退出登记`);
    }
    const { voided: _vo, void_reason: _r, ...after } = row;
    const saved = await insertVersioned(ctx, 'elderly_services', row, { action: `elderly.service.${row.kind}`, after });
    return view(saved, facilityName);
  },

  'elderly.services.void': async (ctx, input) => {
    const next = await voidVersioned(ctx, 'elderly_services', input.id, input.version, input.reason, {
      action: 'elderly.service.void',
      missing: '该服务记录',
      what: (r) => (r.kind === 'meal' ? `${r.month ?? ''} 的助餐记录` : `${r.on_date ?? ''} 的适老化改造记录`),
    });
    const r = next;
    const f = r.facility_id
      ? await ctx.db.selectFrom('facilities').select('name').where('id', '=', r.facility_id).executeTakeFirst()
      : undefined;
    return view(next, f?.name ?? null);
  },
};
