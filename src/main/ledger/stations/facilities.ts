// 养老服务设施: the facility record and its life (建设中 -> 运营中 -> 停止运营). What a clerk reads of it is in
// facility-view.ts; licences, ratings and subsidies are in credentials.ts.
import type { Kysely } from 'kysely';
import type { stationsApi } from '../../../shared/api/stations';
import { LedgerError, rule } from '../../../shared/errors';
import { label } from '../../../shared/labels';
import { firstLive, insertVersioned, totalOf, updateLoaded, type Handlers, type ServiceContext } from '../kernel';
import type { DB } from '../db';
import { contains, diff, notFuture, requireVillage, todayOf } from './common';
import { currentRatings, facilityView, loadFacility, rectificationCounts, summary, villageMap } from './facility-view';
import { ratingSchemeFor } from './rules';
import type { FacilitiesTable } from './tables';

type FacilityHandlers = Pick<
  Handlers<typeof stationsApi>,
  | 'stations.facilities.list'
  | 'stations.facilities.get'
  | 'stations.facilities.create'
  | 'stations.facilities.update'
  | 'stations.facilities.open'
  | 'stations.facilities.close'
>;

/** A facility's name must be unique among facilities that have not stopped operating. */
async function assertNameFree(db: Kysely<DB>, name: string, exceptId?: string): Promise<void> {
  let q = db.selectFrom('facilities').select('id').where('name', '=', name).where('status', '!=', 'closed');
  if (exceptId) q = q.where('id', '!=', exceptId);
  if (await q.executeTakeFirst()) {
    throw new LedgerError('CONFLICT', `已有名为“${name}”的养老服务设施`, { name: '设施名称已存在' });
  }
}

export function assertOpen(f: FacilitiesTable, what: string): void {
  if (f.status === 'closed') throw rule(`设施“${f.name}”已停止运营，不能再${what}`);
}

/** Dated events of a closed facility must fall before it closed. */
export function assertBeforeClose(f: FacilitiesTable, date: string, field: string, what: string): void {
  if (f.closed_on !== null && date > f.closed_on) {
    throw rule(`设施“${f.name}”已于 ${f.closed_on} 停止运营，${what}不能晚于该日期`, {
      [field]: `不能晚于 ${f.closed_on}`,
    });
  }
}

/** The editable columns from a create/update input. */
function columnsOf(input: {
  name: string;
  type: FacilitiesTable['type'];
  villageId: string | null;
  address: string;
  operatorName: string;
  operatorUscc: string | null;
  legalForm: FacilitiesTable['legal_form'];
  operatingModel: FacilitiesTable['operating_model'];
  premises: FacilitiesTable['premises'];
  contactName: string | null;
  contactPhone: string | null;
  bedsTotal: number;
  bedsNursing: number;
  bedsOccupied: number;
  staffCount: number;
  carerCount: number;
  serviceItems: string[];
  remark: string | null;
}) {
  return {
    name: input.name,
    type: input.type,
    village_id: input.villageId,
    address: input.address,
    operator_name: input.operatorName,
    operator_uscc: input.operatorUscc,
    legal_form: input.legalForm,
    operating_model: input.operatingModel,
    premises: input.premises,
    contact_name: input.contactName,
    contact_phone: input.contactPhone,
    beds_total: input.bedsTotal,
    beds_nursing: input.bedsNursing,
    beds_occupied: input.bedsOccupied,
    staff_count: input.staffCount,
    carer_count: input.carerCount,
    service_items: JSON.stringify([...new Set(input.serviceItems)]),
    remark: input.remark,
  };
}

/** Saves a change to a facility the clerk opened at version `f.version` (loadFacility checked it), journalled. */
async function bump(
  ctx: ServiceContext,
  f: FacilitiesTable,
  set: Partial<FacilitiesTable>,
  action: string,
  entry: { before: unknown; after: unknown },
  reason?: string | null,
): Promise<void> {
  await updateLoaded(ctx, 'facilities', f, set, { action, what: `设施“${f.name}”`, reason: reason ?? null, entry });
}

export const facilityHandlers: FacilityHandlers = {
  'stations.facilities.list': async (ctx, input) => {
    let q = ctx.db.selectFrom('facilities');
    if (input.type) q = q.where('type', '=', input.type);
    if (input.status) q = q.where('status', '=', input.status);
    if (input.villageId) q = q.where('village_id', '=', input.villageId);
    const term = input.q?.trim();
    if (term) {
      q = q.where((eb) => eb.or([contains('name', term), contains('operator_name', term), contains('address', term)]));
    }
    const total = await totalOf(q);
    const rows = await q
      .selectAll()
      .orderBy('status')
      .orderBy('name')
      .offset(input.offset)
      .limit(input.limit)
      .execute();
    const today = todayOf(ctx);
    const ids = rows.map((r) => r.id);
    const [villages, ratings, counts] = await Promise.all([
      villageMap(
        ctx.db,
        rows.map((r) => r.village_id),
      ),
      currentRatings(ctx.db, ids, today),
      rectificationCounts(ctx.db, ids, today),
    ]);
    return {
      rows: rows.map((f) => summary(f, villages, ratings.get(f.id), counts.get(f.id))),
      total,
    };
  },

  'stations.facilities.get': async (ctx, input) => facilityView(ctx.db, input.id, todayOf(ctx)),

  'stations.facilities.create': async (ctx, input) => {
    const today = todayOf(ctx);
    if (input.villageId) await requireVillage(ctx.db, input.villageId);
    if (input.openedOn) notFuture(input.openedOn, today, 'openedOn', '开业日期');
    await assertNameFree(ctx.db, input.name);
    const values = {
      ...columnsOf(input),
      opened_on: input.openedOn,
      status: input.status,
      closed_on: null,
      close_reason: null,
    };
    const row = await insertVersioned(ctx, 'facilities', values, { action: 'facility.create', after: values });
    return facilityView(ctx.db, row.id, today);
  },

  'stations.facilities.update': async (ctx, input) => {
    const f = await loadFacility(ctx.db, input.id, input.version);
    assertOpen(f, '修改');
    if (input.villageId && input.villageId !== f.village_id) await requireVillage(ctx.db, input.villageId);
    if (input.name !== f.name) await assertNameFree(ctx.db, input.name, f.id);
    if (ratingSchemeFor(input.type) !== ratingSchemeFor(f.type)) {
      const rated = await firstLive(ctx, 'facility_ratings', { facility_id: f.id });
      if (rated) {
        throw rule(`设施“${f.name}”已有星级/等级评定，不能改为评定方式不同的设施类型；如类型录错，请先作废评定`, {
          type: '已有评定，不能改为该类型',
        });
      }
    }
    const next = columnsOf(input);
    const d = diff(f, next);
    if (!d.changed) return facilityView(ctx.db, f.id, todayOf(ctx));
    await bump(ctx, f, next, 'facility.update', { before: d.before, after: d.after }, input.reason);
    return facilityView(ctx.db, f.id, todayOf(ctx));
  },

  'stations.facilities.open': async (ctx, input) => {
    const f = await loadFacility(ctx.db, input.id, input.version);
    if (f.status !== 'building') {
      throw rule(`设施“${f.name}”当前为“${label('facilityStatus', f.status)}”，只有建设中的设施可以开业`);
    }
    const today = todayOf(ctx);
    notFuture(input.openedOn, today, 'openedOn', '开业日期');
    await bump(ctx, f, { status: 'operating', opened_on: input.openedOn }, 'facility.open', {
      before: { status: f.status },
      after: { status: 'operating', opened_on: input.openedOn },
    });
    return facilityView(ctx.db, f.id, today);
  },

  'stations.facilities.close': async (ctx, input) => {
    const f = await loadFacility(ctx.db, input.id, input.version);
    assertOpen(f, '停止运营');
    const today = todayOf(ctx);
    notFuture(input.closedOn, today, 'closedOn', '停止运营日期');
    if (f.opened_on !== null && input.closedOn < f.opened_on) {
      throw rule(`停止运营日期不能早于开业日期 ${f.opened_on}`, { closedOn: `不能早于开业日期 ${f.opened_on}` });
    }
    const later = await ctx.db
      .selectFrom('facility_months')
      .select('month')
      .where('facility_id', '=', f.id)
      .where('month', '>', input.closedOn.slice(0, 7))
      .orderBy('month')
      .executeTakeFirst();
    if (later) {
      throw rule(`设施已填报 ${later.month} 的月度运营数据，停止运营日期不能早于该月`, {
        closedOn: `不能早于 ${later.month}`,
      });
    }
    await bump(
      ctx,
      f,
      { status: 'closed', closed_on: input.closedOn, close_reason: input.reason },
      'facility.close',
      { before: { status: f.status }, after: { status: 'closed', closed_on: input.closedOn } },
      input.reason,
    );
    return facilityView(ctx.db, f.id, today);
  },
};
