// Handlers of an organization's annual inspections (年检).
import { orgLabel, type orgsApi } from '../../../shared/api/orgs';
import { badInput, rule, staleEdit } from '../../../shared/errors';
import { changedFields, insertVersioned, loadForEdit, updateVersioned, type Handlers } from '../kernel';
import { nowIso } from '../ids';
import { exemptFromInspection } from './rules';
import { loadOrg, notBefore, notFuture, todayOf } from './service';
import type { OrgInspectionsTable } from './tables';
import { inspectionView } from './views';

type InspectionsApi = Pick<typeof orgsApi, 'orgs.inspections.save' | 'orgs.inspections.void'>;

/** undefined = leave as it is; null or '' = clear. */
function merged<T>(input: T | null | undefined, current: T | null): T | null {
  if (input === undefined) return current;
  if (input === null || input === '') return null;
  return input;
}

export const inspectionHandlers: Handlers<InspectionsApi> = {
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
};
