// A facility's licences (证照 with expiry), ratings (星级/等级 with validity) and subsidies (运营补贴 tied to a valid
// rating, 建设补贴). Records are voided with a reason, never deleted.
import type { stationsApi } from '../../../shared/api/stations';
import { LedgerError, rule } from '../../../shared/errors';
import { label } from '../../../shared/labels';
import { firstLive, insertVersioned, NOT_VOIDED, voidVersioned, type Handlers } from '../kernel';
import { loadSettings, notFuture, todayOf } from './common';
import { currentRating, defaultRatingValidUntil, ratingLabel, ratingSchemeFor } from './rules';
import type { FacilityRatingsTable } from './tables';
import { assertBeforeClose, assertOpen } from './facilities';
import { facilityView, loadFacility, ratingRow } from './facility-view';

type CredentialHandlers = Pick<
  Handlers<typeof stationsApi>,
  | 'stations.licences.add'
  | 'stations.licences.void'
  | 'stations.ratings.add'
  | 'stations.ratings.void'
  | 'stations.subsidies.add'
  | 'stations.subsidies.void'
>;

export const credentialHandlers: CredentialHandlers = {
  'stations.licences.add': async (ctx, input) => {
    const f = await loadFacility(ctx.db, input.facilityId);
    assertOpen(f, '登记证照');
    const today = todayOf(ctx);
    notFuture(input.issuedOn, today, 'issuedOn', '发证日期');
    const dup = await firstLive(ctx, 'facility_licences', {
      facility_id: f.id,
      kind: input.kind,
      number: input.number,
    });
    if (dup)
      throw new LedgerError('CONFLICT', `该设施已登记编号为 ${input.number} 的${label('licenceKind', input.kind)}`, {
        number: '证照已登记',
      });
    await insertVersioned(
      ctx,
      'facility_licences',
      {
        facility_id: f.id,
        kind: input.kind,
        number: input.number,
        issuer: input.issuer,
        issued_on: input.issuedOn,
        expires_on: input.expiresOn,
        ...NOT_VOIDED,
      },
      {
        action: 'facility.licence.add',
        after: {
          facility_id: f.id,
          kind: input.kind,
          number: input.number,
          issued_on: input.issuedOn,
          expires_on: input.expiresOn,
        },
      },
    );
    return facilityView(ctx.db, f.id, today);
  },

  'stations.licences.void': async (ctx, input) => {
    const l = await voidVersioned(ctx, 'facility_licences', input.id, input.version, input.reason, {
      action: 'facility.licence.void',
      missing: '该证照',
      what: (l) => `证照 ${l.number}`,
    });
    return facilityView(ctx.db, l.facility_id, todayOf(ctx));
  },

  'stations.ratings.add': async (ctx, input) => {
    const f = await loadFacility(ctx.db, input.facilityId);
    assertOpen(f, '登记评级');
    const today = todayOf(ctx);
    notFuture(input.ratedOn, today, 'ratedOn', '评定日期');
    if (f.opened_on === null || input.ratedOn < f.opened_on) {
      throw rule(
        f.opened_on === null ? `设施“${f.name}”尚未开业，不能评定星级/等级` : `评定日期不能早于开业日期 ${f.opened_on}`,
        { ratedOn: f.opened_on === null ? '设施尚未开业' : `不能早于开业日期 ${f.opened_on}` },
      );
    }
    const scheme = ratingSchemeFor(f.type);
    const settings = await loadSettings(ctx.db);
    const validUntil = input.validUntil ?? defaultRatingValidUntil(input.ratedOn, settings.ratingValidityYears);
    const sameDay = await firstLive(ctx, 'facility_ratings', { facility_id: f.id, rated_on: input.ratedOn });
    if (sameDay) {
      throw new LedgerError('CONFLICT', `该设施 ${input.ratedOn} 已有评定记录；如有误请先作废原记录`, {
        ratedOn: '当日已有评定',
      });
    }
    await insertVersioned(
      ctx,
      'facility_ratings',
      {
        facility_id: f.id,
        scheme,
        grade: input.grade,
        score: input.score,
        rated_on: input.ratedOn,
        valid_until: validUntil,
        rated_by: input.ratedBy,
        ...NOT_VOIDED,
      },
      {
        action: 'facility.rating.add',
        after: { facility_id: f.id, scheme, grade: input.grade, rated_on: input.ratedOn, valid_until: validUntil },
      },
    );
    return facilityView(ctx.db, f.id, today);
  },

  'stations.ratings.void': async (ctx, input) => {
    const what = (r: FacilityRatingsTable) => `${r.rated_on} 的${ratingLabel(r.scheme, r.grade)}评定`;
    const r = await voidVersioned(ctx, 'facility_ratings', input.id, input.version, input.reason, {
      action: 'facility.rating.void',
      missing: '该评定记录',
      what,
      check: async (r) => {
        const used = await firstLive(ctx, 'facility_subsidies', { rating_id: r.id });
        if (used) throw rule(`${what(r)}是 ${used.granted_on} 运营补贴的依据，请先作废该补贴记录`);
      },
    });
    return facilityView(ctx.db, r.facility_id, todayOf(ctx));
  },

  'stations.subsidies.add': async (ctx, input) => {
    const f = await loadFacility(ctx.db, input.facilityId);
    const today = todayOf(ctx);
    notFuture(input.grantedOn, today, 'grantedOn', '拨付日期');
    assertBeforeClose(f, input.grantedOn, 'grantedOn', '拨付日期');
    let ratingId: string | null = null;
    let ratingNote: string | null = null;
    if (input.kind === 'operating') {
      // 运营补贴 follows the rating: it needs a rating valid on the day it is granted.
      const ratings = await ctx.db
        .selectFrom('facility_ratings')
        .selectAll()
        .where('facility_id', '=', f.id)
        .where('voided', '=', 0)
        .execute();
      const cur = currentRating(
        ratings.map((r) => ({ ...ratingRow(r), row: r })),
        input.grantedOn,
      );
      if (!cur) {
        throw rule(`运营补贴须以有效的星级/等级评定为依据：设施“${f.name}”在 ${input.grantedOn} 没有有效评定`, {
          kind: '没有有效评定，不能登记运营补贴',
        });
      }
      ratingId = cur.row.id;
      ratingNote = ratingLabel(cur.row.scheme, cur.row.grade);
    }
    await insertVersioned(
      ctx,
      'facility_subsidies',
      {
        facility_id: f.id,
        kind: input.kind,
        amount_fen: input.amountFen,
        granted_on: input.grantedOn,
        period: input.period,
        rating_id: ratingId,
        document_no: input.documentNo,
        ...NOT_VOIDED,
      },
      {
        action: 'facility.subsidy.add',
        after: {
          facility_id: f.id,
          kind: input.kind,
          amount_fen: input.amountFen,
          granted_on: input.grantedOn,
          period: input.period,
          rating: ratingNote,
        },
      },
    );
    return facilityView(ctx.db, f.id, today);
  },

  'stations.subsidies.void': async (ctx, input) => {
    const s = await voidVersioned(ctx, 'facility_subsidies', input.id, input.version, input.reason, {
      action: 'facility.subsidy.void',
      missing: '该补贴记录',
      what: (s) => `${s.granted_on} 的${label('subsidyKind', s.kind)}`,
      extra: (s) => ({ before: { amount_fen: s.amount_fen } }),
    });
    return facilityView(ctx.db, s.facility_id, todayOf(ctx));
  },
};
