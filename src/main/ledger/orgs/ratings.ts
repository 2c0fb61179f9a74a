// Handlers of an organization's ratings (等级评估).
import { orgLabel, type orgsApi } from '../../../shared/api/orgs';
import { badInput, rule } from '../../../shared/errors';
import {
  insertVersioned,
  loadForEdit,
  updateLoaded,
  updateVersioned,
  type Handlers,
  type ServiceContext,
  type NewRow,
} from '../kernel';
import { nowIso } from '../ids';
import { ratingExpiresOn } from './rules';
import { assertActive, eligibilityOf, loadOrg, notBefore, notFuture, todayOf } from './service';
import type { OrgRatingsTable } from './tables';
import { ratingView } from './views';

type RatingsApi = Pick<typeof orgsApi, 'orgs.ratings.eligibility' | 'orgs.ratings.add' | 'orgs.ratings.end'>;

/** Records a grade (a new rating, or the lower grade a downgrade leaves to the same expiry). */
async function addRating(
  ctx: ServiceContext,
  values: Omit<NewRow<'org_ratings'>, 'end_kind' | 'ended_on' | 'end_reason'>,
  reason: string | null,
  at: string,
): Promise<OrgRatingsTable> {
  return insertVersioned(
    ctx,
    'org_ratings',
    { ...values, end_kind: null, ended_on: null, end_reason: null },
    {
      action: 'org.rating.add',
      after: { grade: values.grade, rated_on: values.rated_on, expires_on: values.expires_on },
      reason,
      at,
    },
  );
}

export const ratingHandlers: Handlers<RatingsApi> = {
  'orgs.ratings.eligibility': async (ctx, input) => {
    const org = await loadOrg(ctx, input.orgId);
    if (org.registry !== 'registered') throw rule(`“${org.name}”是备案的社区社会组织，不参加等级评估`);
    return { onDate: input.onDate, ...(await eligibilityOf(ctx.db, org, input.onDate)) };
  },

  'orgs.ratings.add': async (ctx, input) => {
    const org = await loadOrg(ctx, input.orgId);
    if (org.registry !== 'registered') throw rule(`“${org.name}”是备案的社区社会组织，不参加等级评估`);
    assertActive(org);
    const today = todayOf(ctx);
    notFuture(input.ratedOn, 'ratedOn', '评定日期', today);
    notBefore(input.ratedOn, org.registered_on, 'ratedOn', `评定日期不能早于登记日期 ${org.registered_on ?? ''}`);
    const appliedOn = input.appliedOn || input.ratedOn;
    if (appliedOn > input.ratedOn)
      throw badInput('申报日期不能晚于评定日期', { appliedOn: '申报日期不能晚于评定日期' });
    const later = await ctx.db
      .selectFrom('org_ratings')
      .select('rated_on')
      .where('org_id', '=', org.id)
      .where('rated_on', '>', input.ratedOn)
      .where((eb) => eb.or([eb('end_kind', 'is', null), eb('end_kind', '!=', 'voided')]))
      .executeTakeFirst();
    if (later) throw rule(`已有 ${later.rated_on} 评定的等级，不能补录更早的等级（请先作废后再按顺序录入）`);

    const eligibility = await eligibilityOf(ctx.db, org, appliedOn);
    const override = input.overrideReason || null;
    if (!eligibility.eligible && !override) {
      throw rule(`“${org.name}”在 ${appliedOn} 不符合评估申报条件：${eligibility.reasons.join('；')}`, {
        overrideReason: '如确已评定，请填写仍录入的原因',
      });
    }
    const at = nowIso(ctx.now());
    // A new grade replaces the one in force (re-evaluation in the last 2 years of validity).
    const replaced = await ctx.db
      .selectFrom('org_ratings')
      .selectAll()
      .where('org_id', '=', org.id)
      .where('end_kind', 'is', null)
      .execute();
    for (const r of replaced) {
      await updateLoaded(
        ctx,
        'org_ratings',
        r,
        { end_kind: 'superseded', ended_on: input.ratedOn },
        {
          action: 'org.rating.end',
          what: `${r.grade}A 评估等级记录`,
          at,
          entry: {
            before: { grade: r.grade, end_kind: null },
            after: { end_kind: 'superseded', ended_on: input.ratedOn },
          },
        },
      );
    }
    const row = await addRating(
      ctx,
      {
        org_id: org.id,
        grade: input.grade,
        applied_on: input.appliedOn || null,
        rated_on: input.ratedOn,
        expires_on: ratingExpiresOn(input.ratedOn),
        certificate_no: input.certificateNo || null,
        note: input.note || null,
        override_reason: eligibility.eligible ? null : override,
      },
      eligibility.eligible || !override
        ? null
        : `不符合申报条件仍录入：${override}（${eligibility.reasons.join('；')}）`,
      at,
    );
    return ratingView(row);
  },

  'orgs.ratings.end': async (ctx, input) => {
    const r = await loadForEdit(
      ctx,
      'org_ratings',
      input.id,
      input.version,
      '该评估等级记录',
      (r) => `${r.grade}A 评估等级记录`,
    );
    if (r.end_kind) throw rule(`该评估等级已${orgLabel('ratingEnd', r.end_kind)}`);
    const today = todayOf(ctx);
    notFuture(input.endedOn, 'endedOn', '处理日期', today);
    notBefore(input.endedOn, r.rated_on, 'endedOn', `处理日期不能早于评定日期 ${r.rated_on}`);
    if (input.kind === 'downgraded') {
      if (input.newGrade === undefined) throw badInput('请选择降低后的等级', { newGrade: '请选择降低后的等级' });
      if (input.newGrade >= r.grade)
        throw badInput(`降低后的等级应低于 ${r.grade}A`, { newGrade: `应低于 ${r.grade}A` });
    } else if (input.newGrade !== undefined) {
      throw badInput('只有“降低等级”需要填写新等级', { newGrade: '不适用' });
    }
    if (input.kind !== 'voided' && r.expires_on <= input.endedOn) {
      throw rule(`该等级已于 ${r.expires_on} 期满，无需${orgLabel('ratingEnd', input.kind)}`);
    }
    const at = nowIso(ctx.now());
    const next = await updateVersioned(
      ctx,
      'org_ratings',
      r.id,
      input.version,
      { end_kind: input.kind, ended_on: input.endedOn, end_reason: input.reason },
      {
        action: 'org.rating.end',
        what: `${r.grade}A 评估等级记录`,
        reason: input.reason,
        current: r,
        at,
        entry: {
          before: { grade: r.grade, end_kind: null },
          after: { end_kind: input.kind, ended_on: input.endedOn },
        },
      },
    );
    if (input.kind === 'downgraded' && input.newGrade !== undefined) {
      // The lower grade runs to the original expiry (降级 does not restart the 5 years).
      await addRating(
        ctx,
        {
          org_id: r.org_id,
          grade: input.newGrade,
          applied_on: null,
          rated_on: input.endedOn,
          expires_on: r.expires_on,
          certificate_no: null,
          note: `由 ${r.grade}A 降为 ${input.newGrade}A`,
          override_reason: null,
        },
        input.reason,
        at,
      );
    }
    return ratingView(next);
  },
};
