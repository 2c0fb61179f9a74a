// 养老服务设施: what a clerk reads about a facility — the list row (summary) and the full page (licences, ratings,
// subsidies, open rectifications).
import type { Kysely } from 'kysely';
import type {
  FacilitySummary,
  FacilityView,
  LicenceView,
  RatingView,
  ServiceItemValue,
  SubsidyView,
} from '../../../shared/api/stations';
import { addDays } from '../../../shared/time';
import { loadForEdit } from '../kernel';
import type { DB } from '../db';
import { currentRating, ratingLabel, ratingSchemeFor, ratingValidOn } from './rules';
import type { FacilitiesTable, FacilityRatingsTable } from './tables';

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

export async function rectificationCounts(
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

export async function currentRatings(
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

export function summary(
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

export async function villageMap(db: Kysely<DB>, ids: (string | null)[]): Promise<Map<string, string>> {
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
