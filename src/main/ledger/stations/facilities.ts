// 养老服务设施: the facility record, its view, and its life (建设中 -> 运营中 -> 停止运营). Licences, ratings and
// subsidies are in credentials.ts.
import type { Kysely } from 'kysely';
import type {
  FacilitySummary,
  FacilityView,
  LicenceView,
  RatingView,
  ServiceItemValue,
  stationsApi,
  SubsidyView,
} from '../../../shared/api/stations';
import { LedgerError, rule } from '../../../shared/errors';
import { label } from '../../../shared/labels';
import { addDays } from '../../../shared/time';
import type { Handlers, ServiceContext } from '../kernel';
import { insertVersioned, loadForEdit, updateLoaded } from '../kernel';
import type { DB } from '../db';
import { contains, diff, notFuture, requireVillage, todayOf } from './common';
import { currentRating, ratingLabel, ratingSchemeFor, ratingValidOn } from './rules';
import type { FacilitiesTable, FacilityRatingsTable } from './tables';

type FacilityHandlers = Pick<
  Handlers<typeof stationsApi>,
  | 'stations.facilities.list'
  | 'stations.facilities.get'
  | 'stations.facilities.create'
  | 'stations.facilities.update'
  | 'stations.facilities.open'
  | 'stations.facilities.close'
>;

/** Licences expiring within this many days are flagged 即将到期. */
const LICENCE_WARNING_DAYS = 60;

export const loadFacility = (db: Kysely<DB>, id: string, version?: number): Promise<FacilitiesTable> =>
  loadForEdit({ db }, 'facilities', id, version, '该养老服务设施', (f) => `设施“${f.name}”`);

export const ratingRow = (r: FacilityRatingsTable) => ({
  ratedOn: r.rated_on,
  validUntil: r.valid_until,
  voided: r.voided === 1,
});

function ratingView(r: FacilityRatingsTable, today: string): RatingView {
  return {
    id: r.id,
    scheme: r.scheme,
    grade: r.grade,
    label: ratingLabel(r.scheme, r.grade),
    score: r.score,
    ratedOn: r.rated_on,
    validUntil: r.valid_until,
    ratedBy: r.rated_by,
    voided: r.voided === 1,
    voidReason: r.void_reason,
    current: ratingValidOn(ratingRow(r), today),
    version: r.version,
  };
}

interface RectificationCounts {
  open: number;
  overdue: number;
}

async function rectificationCounts(
  db: Kysely<DB>,
  ids: string[],
  today: string,
): Promise<Map<string, RectificationCounts>> {
  const out = new Map<string, RectificationCounts>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('facility_inspections')
    .select(['facility_id', 'rectify_by'])
    .where('status', '=', 'open')
    .where('facility_id', 'in', ids)
    .execute();
  for (const r of rows) {
    const c = out.get(r.facility_id) ?? { open: 0, overdue: 0 };
    c.open += 1;
    if (r.rectify_by !== null && r.rectify_by < today) c.overdue += 1;
    out.set(r.facility_id, c);
  }
  return out;
}

async function currentRatings(
  db: Kysely<DB>,
  ids: string[],
  today: string,
): Promise<Map<string, FacilityRatingsTable>> {
  const out = new Map<string, FacilityRatingsTable>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('facility_ratings')
    .selectAll()
    .where('facility_id', 'in', ids)
    .where('voided', '=', 0)
    .execute();
  const byFacility = new Map<string, FacilityRatingsTable[]>();
  for (const r of rows) byFacility.set(r.facility_id, [...(byFacility.get(r.facility_id) ?? []), r]);
  for (const [fid, list] of byFacility) {
    const cur = currentRating(
      list.map((r) => ({ ...ratingRow(r), row: r })),
      today,
    );
    if (cur) out.set(fid, cur.row);
  }
  return out;
}

function summary(
  f: FacilitiesTable,
  villages: Map<string, string>,
  rating: FacilityRatingsTable | undefined,
  counts: RectificationCounts | undefined,
): FacilitySummary {
  return {
    id: f.id,
    name: f.name,
    type: f.type,
    villageId: f.village_id,
    villageName: f.village_id ? (villages.get(f.village_id) ?? null) : null,
    address: f.address,
    operatorName: f.operator_name,
    status: f.status,
    openedOn: f.opened_on,
    closedOn: f.closed_on,
    bedsTotal: f.beds_total,
    bedsOccupied: f.beds_occupied,
    rating: rating ? ratingLabel(rating.scheme, rating.grade) : null,
    openRectifications: counts?.open ?? 0,
    overdueRectifications: counts?.overdue ?? 0,
    version: f.version,
  };
}

async function villageMap(db: Kysely<DB>, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((v): v is string => v !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom('villages').select(['id', 'name']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function facilityView(db: Kysely<DB>, id: string, today: string): Promise<FacilityView> {
  const f = await loadFacility(db, id);
  const [villages, counts, licences, ratings, subsidies] = await Promise.all([
    villageMap(db, [f.village_id]),
    rectificationCounts(db, [f.id], today),
    db.selectFrom('facility_licences').selectAll().where('facility_id', '=', id).orderBy('issued_on', 'desc').execute(),
    db.selectFrom('facility_ratings').selectAll().where('facility_id', '=', id).orderBy('rated_on', 'desc').execute(),
    db
      .selectFrom('facility_subsidies')
      .selectAll()
      .where('facility_id', '=', id)
      .orderBy('granted_on', 'desc')
      .execute(),
  ]);
  const cur = currentRating(
    ratings.map((r) => ({ ...ratingRow(r), row: r })),
    today,
  );
  const ratingById = new Map(ratings.map((r) => [r.id, r]));
  const warnBy = addDays(today, LICENCE_WARNING_DAYS);
  const licenceViews: LicenceView[] = licences.map((l) => ({
    id: l.id,
    kind: l.kind,
    number: l.number,
    issuer: l.issuer,
    issuedOn: l.issued_on,
    expiresOn: l.expires_on,
    voided: l.voided === 1,
    voidReason: l.void_reason,
    state:
      l.voided === 1
        ? 'voided'
        : l.expires_on !== null && l.expires_on < today
          ? 'expired'
          : l.expires_on !== null && l.expires_on <= warnBy
            ? 'expiring'
            : 'valid',
    version: l.version,
  }));
  const subsidyViews: SubsidyView[] = subsidies.map((s) => {
    const r = s.rating_id ? ratingById.get(s.rating_id) : undefined;
    return {
      id: s.id,
      kind: s.kind,
      amountFen: s.amount_fen,
      grantedOn: s.granted_on,
      period: s.period,
      documentNo: s.document_no,
      ratingLabel: r ? ratingLabel(r.scheme, r.grade) : null,
      voided: s.voided === 1,
      voidReason: s.void_reason,
      version: s.version,
    };
  });
  return {
    ...summary(f, villages, cur?.row, counts.get(f.id)),
    operatorUscc: f.operator_uscc,
    legalForm: f.legal_form,
    operatingModel: f.operating_model,
    premises: f.premises,
    contactName: f.contact_name,
    contactPhone: f.contact_phone,
    closeReason: f.close_reason,
    bedsNursing: f.beds_nursing,
    staffCount: f.staff_count,
    carerCount: f.carer_count,
    serviceItems: JSON.parse(f.service_items) as ServiceItemValue[],
    remark: f.remark,
    ratingScheme: ratingSchemeFor(f.type),
    licences: licenceViews,
    ratings: ratings.map((r) => ratingView(r, today)),
    subsidies: subsidyViews,
    subsidyTotalFen: subsidies.filter((s) => s.voided === 0).reduce((sum, s) => sum + s.amount_fen, 0),
  };
}

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
    const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
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
      total: Number(total.n),
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
      const rated = await ctx.db
        .selectFrom('facility_ratings')
        .select('id')
        .where('facility_id', '=', f.id)
        .where('voided', '=', 0)
        .executeTakeFirst();
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
