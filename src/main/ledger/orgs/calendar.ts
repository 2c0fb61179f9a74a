// Handlers of an organization's calendar: annual inspections (年检), ratings (等级评估) and terms (换届).
import { orgLabel, type orgsApi } from '../../../shared/api/orgs';
import { badInput, rule, staleEdit } from '../../../shared/errors';
import type { Handlers, ServiceContext } from '../kernel';
import { changedFields, insertVersioned, loadForEdit, type NewRow, updateLoaded, updateVersioned } from '../kernel';
import { nowIso } from '../ids';
import { exemptFromInspection, ratingExpiresOn, termDueOn } from './rules';
import { assertActive, eligibilityOf, loadOrg, notBefore, notFuture, todayOf } from './service';
import type { OrgInspectionsTable, OrgRatingsTable, OrgTermsTable } from './tables';
import { inspectionView, ratingView, termView } from './views';

type CalendarApi = Pick<
  typeof orgsApi,
  | 'orgs.inspections.save'
  | 'orgs.inspections.void'
  | 'orgs.ratings.eligibility'
  | 'orgs.ratings.add'
  | 'orgs.ratings.end'
  | 'orgs.terms.start'
  | 'orgs.terms.complete'
  | 'orgs.terms.postpone'
>;

/** undefined = leave as it is; null or '' = clear. */
function merged<T>(input: T | null | undefined, current: T | null): T | null {
  if (input === undefined) return current;
  if (input === null || input === '') return null;
  return input;
}

const termWhat = (t: OrgTermsTable) => `第 ${t.term_no} 届任期记录`;

async function loadTerm(ctx: ServiceContext, id: string, version: number): Promise<OrgTermsTable> {
  const t = await loadForEdit(ctx, 'org_terms', id, version, '该届任期记录', termWhat);
  if (t.status === 'done') throw rule(`第 ${t.term_no} 届已于 ${t.done_on ?? ''} 完成换届`);
  return t;
}

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

/** Starts term `termNo` (本届) on `startedOn`, due after `years` (章程规定每届年限). */
async function startTerm(
  ctx: ServiceContext,
  orgId: string,
  termNo: number,
  startedOn: string,
  years: number,
  note: string | null,
  at?: string,
): Promise<OrgTermsTable> {
  const dueOn = termDueOn(startedOn, years);
  return insertVersioned(
    ctx,
    'org_terms',
    {
      org_id: orgId,
      term_no: termNo,
      started_on: startedOn,
      term_years: years,
      due_on: dueOn,
      status: 'current',
      postponed_to: null,
      postpone_reason: null,
      done_on: null,
      note,
    },
    { action: 'org.term.start', after: { term_no: termNo, started_on: startedOn, due_on: dueOn }, at },
  );
}

export const calendarHandlers: Handlers<CalendarApi> = {
  'orgs.inspections.save': async (ctx, input) => {
    const org = await loadOrg(ctx, input.orgId);
    if (org.registry !== 'registered' || !org.registered_on || !org.kind) {
      throw rule(`“${org.name}”是备案的社区社会组织，不参加年检`);
    }
    const today = todayOf(ctx);
    const { year } = input;
    if (year >= Number(today.slice(0, 4))) {
      throw badInput(`${year} 年度尚未结束，该年度的年检于次年 1 月起报送`, { year: '年度尚未结束' });
    }
    if (year < Number(org.registered_on.slice(0, 4))) {
      throw badInput(`“${org.name}”于 ${org.registered_on} 登记，${year} 年度不需年检`, { year: '早于登记年度' });
    }
    if (exemptFromInspection(org.registered_on, year)) {
      throw rule(`“${org.name}”于 ${org.registered_on} 登记，到 ${year} 年底成立不满 6 个月，不参加 ${year} 年度年检`, {
        year: '成立不满 6 个月，当年不参加年检',
      });
    }
    if (org.ended_on && year >= Number(org.ended_on.slice(0, 4))) {
      throw rule(`“${org.name}”已于 ${org.ended_on} ${orgLabel('status', org.status)}，不参加 ${year} 年度年检`);
    }

    const existing = await ctx.db
      .selectFrom('org_inspections')
      .selectAll()
      .where('org_id', '=', org.id)
      .where('year', '=', year)
      .where('voided_at', 'is', null)
      .executeTakeFirst();
    if (existing && input.version !== existing.version) {
      throw staleEdit(`“${org.name}” ${year} 年度年检记录`);
    }
    const base: Omit<
      OrgInspectionsTable,
      'id' | 'org_id' | 'year' | 'voided_at' | 'void_reason' | 'created_at' | 'updated_at' | 'version'
    > = {
      supervisor_submitted_on: merged(input.supervisorSubmittedOn, existing?.supervisor_submitted_on ?? null),
      authority_submitted_on: merged(input.authoritySubmittedOn, existing?.authority_submitted_on ?? null),
      result: merged(input.result, existing?.result ?? null),
      result_on: merged(input.resultOn, existing?.result_on ?? null),
      rectification: merged(input.rectification, existing?.rectification ?? null),
      rectified_on: merged(input.rectifiedOn, existing?.rectified_on ?? null),
      note: merged(input.note, existing?.note ?? null),
    };

    // Dates: within the campaign (from 1 January of the next year), not in the future, in order.
    const opens = `${year + 1}-01-01`;
    const dates = [
      ['supervisorSubmittedOn', base.supervisor_submitted_on, '报业务主管单位日期'],
      ['authoritySubmittedOn', base.authority_submitted_on, '报登记管理机关日期'],
      ['resultOn', base.result_on, '结论日期'],
      ['rectifiedOn', base.rectified_on, '整改完成日期'],
    ] as const;
    for (const [field, value, label] of dates) {
      notFuture(value, field, label, today);
      notBefore(value, opens, field, `${label}（${value ?? ''}）早于 ${year} 年度年检的报送期（${opens} 起）`);
    }
    if (base.supervisor_submitted_on && !org.supervisor) {
      throw badInput(`“${org.name}”没有业务主管单位（直接登记），无需报业务主管单位`, {
        supervisorSubmittedOn: '无业务主管单位',
      });
    }
    notBefore(
      base.authority_submitted_on,
      base.supervisor_submitted_on,
      'authoritySubmittedOn',
      '报登记管理机关日期不能早于报业务主管单位日期',
    );
    if (base.result && !base.authority_submitted_on) {
      throw badInput('尚未报送登记管理机关，不能录入年检结论', { authoritySubmittedOn: '请先填写报登记管理机关日期' });
    }
    if (base.result && !base.result_on) throw badInput('请填写结论日期', { resultOn: '请填写结论日期' });
    if (!base.result && base.result_on) throw badInput('请选择年检结论', { result: '请选择年检结论' });
    notBefore(base.result_on, base.authority_submitted_on, 'resultOn', '结论日期不能早于报登记管理机关日期');
    const needsRectification = base.result === 'basic' || base.result === 'fail';
    if (!needsRectification && (base.rectification || base.rectified_on)) {
      throw badInput('只有“基本合格”或“不合格”才需整改', { rectification: '结论为合格，无需整改' });
    }
    if (base.rectified_on && !base.rectification) {
      throw badInput('请先填写整改要求', { rectification: '请填写整改要求' });
    }
    notBefore(base.rectified_on, base.result_on, 'rectifiedOn', '整改完成日期不能早于结论日期');

    const at = nowIso(ctx.now());
    if (!existing) {
      const row = await insertVersioned(
        ctx,
        'org_inspections',
        { org_id: org.id, year, ...base, voided_at: null, void_reason: null },
        {
          action: 'org.inspection.create',
          after: {
            year,
            supervisor_submitted_on: base.supervisor_submitted_on,
            authority_submitted_on: base.authority_submitted_on,
            result: base.result,
            rectified_on: base.rectified_on,
          },
          at,
        },
      );
      return inspectionView(row);
    }
    const diff = changedFields(existing, base);
    if (Object.keys(diff.after).length === 0) throw badInput('内容与原来相同，没有修改');
    const next = await updateVersioned(ctx, 'org_inspections', existing.id, existing.version, base, {
      action: 'org.inspection.update',
      what: `“${org.name}” ${year} 年度年检记录`,
      current: existing,
      at,
      entry: { before: diff.before, after: { year, ...diff.after } },
    });
    return inspectionView(next);
  },

  'orgs.inspections.void': async (ctx, input) => {
    const row = await loadForEdit(
      ctx,
      'org_inspections',
      input.id,
      input.version,
      '该年检记录',
      (r) => `${r.year} 年度年检记录`,
    );
    if (row.voided_at) throw rule('该年检记录已作废');
    const at = nowIso(ctx.now());
    const next = await updateVersioned(
      ctx,
      'org_inspections',
      row.id,
      input.version,
      { voided_at: at, void_reason: input.reason },
      {
        action: 'org.inspection.void',
        what: `${row.year} 年度年检记录`,
        reason: input.reason,
        current: row,
        at,
        entry: { before: { year: row.year, result: row.result }, after: { voided: true } },
      },
    );
    return inspectionView(next);
  },

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

  'orgs.terms.start': async (ctx, input) => {
    const org = await loadOrg(ctx, input.orgId);
    assertActive(org);
    const termYears = input.termYears ?? org.term_years;
    if (!termYears) throw badInput('请填写每届年限（章程规定）', { termYears: '请填写每届年限' });
    const today = todayOf(ctx);
    notFuture(input.startedOn, 'startedOn', '本届开始日期', today);
    const terms = await ctx.db.selectFrom('org_terms').selectAll().where('org_id', '=', org.id).execute();
    const open = terms.find((t) => t.status !== 'done');
    if (open) throw rule(`“${org.name}”已有在任的第 ${open.term_no} 届，请办理换届而不是另起一届`);
    const maxNo = Math.max(0, ...terms.map((t) => t.term_no));
    if (input.termNo <= maxNo) throw badInput(`届次应大于已有的第 ${maxNo} 届`, { termNo: `应大于 ${maxNo}` });
    const row = await startTerm(ctx, org.id, input.termNo, input.startedOn, termYears, input.note || null);
    return termView(row);
  },

  'orgs.terms.complete': async (ctx, input) => {
    const t = await loadTerm(ctx, input.id, input.version);
    const org = await loadOrg(ctx, t.org_id);
    assertActive(org);
    const today = todayOf(ctx);
    notFuture(input.doneOn, 'doneOn', '换届日期', today);
    notBefore(input.doneOn, t.started_on, 'doneOn', `换届日期不能早于本届开始日期 ${t.started_on}`);
    const at = nowIso(ctx.now());
    await updateVersioned(
      ctx,
      'org_terms',
      t.id,
      input.version,
      { status: 'done', done_on: input.doneOn, note: input.note || t.note },
      {
        action: 'org.term.complete',
        what: termWhat(t),
        current: t,
        at,
        entry: { before: { status: t.status }, after: { term_no: t.term_no, done_on: input.doneOn } },
      },
    );
    const years = org.term_years ?? t.term_years;
    const next = await startTerm(ctx, t.org_id, t.term_no + 1, input.doneOn, years, null, at);
    return termView(next);
  },

  'orgs.terms.postpone': async (ctx, input) => {
    const t = await loadTerm(ctx, input.id, input.version);
    const org = await loadOrg(ctx, t.org_id);
    assertActive(org);
    const due = t.postponed_to ?? t.due_on;
    if (input.postponedTo <= due) {
      throw badInput(`延期后的日期应晚于原定换届日期 ${due}`, { postponedTo: `应晚于 ${due}` });
    }
    const at = nowIso(ctx.now());
    const next = await updateVersioned(
      ctx,
      'org_terms',
      t.id,
      input.version,
      { status: 'postponed', postponed_to: input.postponedTo, postpone_reason: input.reason },
      {
        action: 'org.term.postpone',
        what: termWhat(t),
        reason: input.reason,
        current: t,
        at,
        entry: {
          before: { status: t.status, postponed_to: t.postponed_to },
          after: { term_no: t.term_no, postponed_to: input.postponedTo },
        },
      },
    );
    return termView(next);
  },
};
