// Operations of a facility: monthly figures (one row per facility-month, edited with its version), safety
// inspections with rectification deadlines, and complaints.
import type { FacilityMonthView, monthSaveInput, stationsApi } from '../../../shared/api/stations';
import { LedgerError, rule, staleEdit } from '../../../shared/errors';
import { label } from '../../../shared/labels';
import type { z } from 'zod';
import { insertVersioned, loadForEdit, totalOf, updateVersioned, type Handlers, type ServiceContext } from '../kernel';
import { nowIso } from '../ids';
import { diff, notFuture, todayOf } from './common';
import { loadFacility } from './facility-view';
import { complaintView, inspectionView, monthView } from './operation-views';
import type { FacilityComplaintsTable } from './tables';

type OperationHandlers = Pick<
  Handlers<typeof stationsApi>,
  | 'stations.months.list'
  | 'stations.months.save'
  | 'stations.months.import'
  | 'stations.inspections.list'
  | 'stations.inspections.due'
  | 'stations.inspections.add'
  | 'stations.inspections.close'
  | 'stations.complaints.list'
  | 'stations.complaints.add'
  | 'stations.complaints.close'
>;

const monthHandlers: Pick<
  OperationHandlers,
  'stations.months.list' | 'stations.months.save' | 'stations.months.import'
> = {
  'stations.months.list': async (ctx, input) => {
    await loadFacility(ctx.db, input.facilityId);
    let q = ctx.db.selectFrom('facility_months').selectAll().where('facility_id', '=', input.facilityId);
    if (input.from) q = q.where('month', '>=', input.from);
    if (input.to) q = q.where('month', '<=', input.to);
    return (await q.orderBy('month', 'desc').execute()).map(monthView);
  },

  'stations.months.save': async (ctx, input) => saveMonth(ctx, input),

  'stations.months.import': async (ctx, input) => {
    const facilities = await ctx.db.selectFrom('facilities').select(['id', 'name', 'status']).execute();
    const byName = new Map<string, { id: string; status: string }[]>();
    for (const f of facilities) byName.set(f.name, [...(byName.get(f.name) ?? []), f]);
    const errors: Record<string, string> = {};
    const messages: string[] = [];
    let created = 0;
    let updated = 0;
    for (const [i, row] of input.rows.entries()) {
      const at = `第 ${i + 1} 行（${row.facilityName} ${row.month}）`;
      const candidates = byName.get(row.facilityName) ?? [];
      // A name is unique among facilities still running; a closed namesake is only used when it is the only one.
      const open = candidates.filter((c) => c.status !== 'closed');
      const match = open.length === 1 ? open[0] : candidates.length === 1 ? candidates[0] : undefined;
      if (!match) {
        const msg = candidates.length === 0 ? '台账中没有该名称的设施' : '有多个同名设施，请在设施页面逐个填报';
        errors[`rows.${i}.facilityName`] = msg;
        messages.push(`${at}：${msg}`);
        continue;
      }
      const existing = await ctx.db
        .selectFrom('facility_months')
        .select('version')
        .where('facility_id', '=', match.id)
        .where('month', '=', row.month)
        .executeTakeFirst();
      try {
        const { facilityName: _name, ...figures } = row;
        await saveMonth(ctx, {
          ...figures,
          facilityId: match.id,
          version: input.overwrite && existing ? existing.version : null,
        });
        if (existing) updated += 1;
        else created += 1;
      } catch (e) {
        if (!(e instanceof LedgerError)) throw e;
        for (const [field, msg] of Object.entries(e.fields ?? { _: e.message })) errors[`rows.${i}.${field}`] = msg;
        messages.push(`${at}：${e.message}`);
      }
    }
    if (messages.length > 0) {
      // Nothing is written: the whole import runs in the method's one transaction, which this error rolls back.
      throw new LedgerError(
        'BAD_INPUT',
        `${messages.length} 行有误，全部未导入。${messages.slice(0, 5).join('；')}${messages.length > 5 ? '……' : ''}`,
        errors,
      );
    }
    return { created, updated };
  },
};

/** Saves one facility-month: new (version null) or an edit of the version the clerk saw. */
async function saveMonth(ctx: ServiceContext, input: z.output<typeof monthSaveInput>): Promise<FacilityMonthView> {
  const f = await loadFacility(ctx.db, input.facilityId);
  const today = todayOf(ctx);
  const where = `设施“${f.name}” ${input.month} 的月度数据`;
  if (f.opened_on === null) throw rule(`设施“${f.name}”尚未开业，不能填报月度运营数据`);
  if (input.month < f.opened_on.slice(0, 7)) {
    throw rule(`设施“${f.name}”于 ${f.opened_on} 开业，不能填报此前月份的数据`, {
      month: `不能早于开业月份 ${f.opened_on.slice(0, 7)}`,
    });
  }
  if (f.closed_on !== null && input.month > f.closed_on.slice(0, 7)) {
    throw rule(`设施“${f.name}”已于 ${f.closed_on} 停止运营，不能填报此后月份的数据`, {
      month: `不能晚于 ${f.closed_on.slice(0, 7)}`,
    });
  }
  if (input.month > today.slice(0, 7)) {
    throw new LedgerError('BAD_INPUT', `不能填报未来月份（${input.month}）的数据`, { month: '不能晚于本月' });
  }
  const offered = new Set(JSON.parse(f.service_items) as string[]);
  const fields: Record<string, string> = {};
  if ((input.mealsServed > 0 || input.mealsSubsidised > 0) && !offered.has('meal')) {
    fields.mealsServed = '该设施未开展助餐服务';
  }
  for (const [item, n] of Object.entries(input.served)) {
    if (n !== undefined && n > 0 && !offered.has(item)) {
      fields[`served.${item}`] = `该设施未开展${label('serviceItem', item)}服务`;
    }
  }
  if (input.bedsOccupied > f.beds_total) {
    fields.bedsOccupied = `月末在住人数不能超过床位总数 ${f.beds_total}`;
  }
  const first = Object.values(fields)[0];
  if (first !== undefined) throw rule(`${where}有误：${first}`, fields);

  const served: Record<string, number> = {};
  for (const [item, n] of Object.entries(input.served)) if (n !== undefined && n > 0) served[item] = n;
  const values = {
    meals_served: input.mealsServed,
    meals_subsidised: input.mealsSubsidised,
    served: JSON.stringify(served),
    beds_occupied: input.bedsOccupied,
    note: input.note,
  };
  const existing = await ctx.db
    .selectFrom('facility_months')
    .selectAll()
    .where('facility_id', '=', f.id)
    .where('month', '=', input.month)
    .executeTakeFirst();
  const at = nowIso(ctx.now());
  if (!existing) {
    if (input.version !== null) throw staleEdit(where);
    const row = await insertVersioned(
      ctx,
      'facility_months',
      { facility_id: f.id, month: input.month, ...values },
      { action: 'facility.month.create', after: { facility_id: f.id, month: input.month, ...values }, at },
    );
    return monthView(row);
  }
  if (input.version === null) {
    throw new LedgerError('CONFLICT', `${where}已经填报过，请打开该月记录修改（您的输入未保存）`, {
      month: '该月已填报',
    });
  }
  if (existing.version !== input.version) throw staleEdit(where);
  const d = diff(existing, values);
  if (!d.changed) return monthView(existing);
  const next = await updateVersioned(ctx, 'facility_months', existing.id, input.version, values, {
    action: 'facility.month.update',
    what: where,
    current: existing,
    at,
    entry: { before: d.before, after: d.after },
  });
  return monthView(next);
}

const inspectionHandlers: Omit<
  OperationHandlers,
  'stations.months.list' | 'stations.months.save' | 'stations.months.import'
> = {
  'stations.inspections.list': async (ctx, input) => {
    const f = await loadFacility(ctx.db, input.facilityId);
    const rows = await ctx.db
      .selectFrom('facility_inspections')
      .selectAll()
      .where('facility_id', '=', f.id)
      .orderBy('inspected_on', 'desc')
      .execute();
    const today = todayOf(ctx);
    return rows.map((r) => inspectionView(r, f.name, today));
  },

  'stations.inspections.due': async (ctx, input) => {
    const base = ctx.db
      .selectFrom('facility_inspections as i')
      .innerJoin('facilities as f', 'f.id', 'i.facility_id')
      .where('i.status', '=', 'open');
    const total = await totalOf(base);
    const rows = await base
      .selectAll('i')
      .select('f.name as facility_name')
      .orderBy('i.rectify_by')
      .orderBy('f.name')
      .offset(input.offset)
      .limit(input.limit)
      .execute();
    const today = todayOf(ctx);
    return { rows: rows.map((r) => inspectionView(r, r.facility_name, today)), total };
  },

  'stations.inspections.add': async (ctx, input) => {
    const f = await loadFacility(ctx.db, input.facilityId);
    const today = todayOf(ctx);
    notFuture(input.inspectedOn, today, 'inspectedOn', '检查日期');
    if (f.closed_on !== null && input.inspectedOn > f.closed_on) {
      throw rule(`设施“${f.name}”已于 ${f.closed_on} 停止运营，检查日期不能晚于该日期`, {
        inspectedOn: `不能晚于 ${f.closed_on}`,
      });
    }
    const row = await insertVersioned(
      ctx,
      'facility_inspections',
      {
        facility_id: f.id,
        inspected_on: input.inspectedOn,
        kind: input.kind,
        inspectors: input.inspectors,
        findings: input.findings,
        status: input.hazard ? 'open' : 'none',
        rectify_by: input.rectifyBy,
        rectified_on: null,
        rectification_note: null,
      },
      {
        action: 'facility.inspection.add',
        after: {
          facility_id: f.id,
          inspected_on: input.inspectedOn,
          kind: input.kind,
          status: input.hazard ? 'open' : 'none',
          rectify_by: input.rectifyBy,
          findings: input.findings,
        },
      },
    );
    return inspectionView(row, f.name, today);
  },

  'stations.inspections.close': async (ctx, input) => {
    const i = await loadForEdit(ctx, 'facility_inspections', input.id, undefined, '该检查记录');
    const f = await loadFacility(ctx.db, i.facility_id);
    const what = `设施“${f.name}” ${i.inspected_on} 的检查记录`;
    if (i.version !== input.version) throw staleEdit(what);
    if (i.status !== 'open') {
      throw rule(i.status === 'none' ? `${what}未发现隐患，无需整改` : `${what}已整改完毕`);
    }
    const today = todayOf(ctx);
    notFuture(input.rectifiedOn, today, 'rectifiedOn', '整改完成日期');
    if (input.rectifiedOn < i.inspected_on) {
      throw rule(`整改完成日期不能早于检查日期 ${i.inspected_on}`, { rectifiedOn: `不能早于 ${i.inspected_on}` });
    }
    const next = await updateVersioned(
      ctx,
      'facility_inspections',
      i.id,
      input.version,
      { status: 'closed', rectified_on: input.rectifiedOn, rectification_note: input.note },
      {
        action: 'facility.inspection.close',
        what,
        reason: input.note,
        current: i,
        entry: {
          before: { status: 'open' },
          after: {
            status: 'closed',
            rectified_on: input.rectifiedOn,
            late: i.rectify_by !== null && input.rectifiedOn > i.rectify_by,
          },
        },
      },
    );
    return inspectionView(next, f.name, today);
  },

  'stations.complaints.list': async (ctx, input) => {
    await loadFacility(ctx.db, input.facilityId);
    const rows = await ctx.db
      .selectFrom('facility_complaints')
      .selectAll()
      .where('facility_id', '=', input.facilityId)
      .orderBy('received_on', 'desc')
      .execute();
    return rows.map(complaintView);
  },

  'stations.complaints.add': async (ctx, input) => {
    const f = await loadFacility(ctx.db, input.facilityId);
    notFuture(input.receivedOn, todayOf(ctx), 'receivedOn', '受理日期');
    const row = await insertVersioned(
      ctx,
      'facility_complaints',
      {
        facility_id: f.id,
        received_on: input.receivedOn,
        channel: input.channel,
        complainant: input.complainant,
        content: input.content,
        status: 'open',
        handled_on: null,
        result: null,
      },
      {
        action: 'facility.complaint.add',
        after: { facility_id: f.id, received_on: input.receivedOn, channel: input.channel, content: input.content },
      },
    );
    return complaintView(row);
  },

  'stations.complaints.close': async (ctx, input) => {
    const what = (c: FacilityComplaintsTable) => `${c.received_on} 受理的投诉`;
    const c = await loadForEdit(ctx, 'facility_complaints', input.id, input.version, '该投诉记录', what);
    if (c.status !== 'open') throw rule(`${what(c)}已办结`);
    notFuture(input.handledOn, todayOf(ctx), 'handledOn', '办结日期');
    if (input.handledOn < c.received_on) {
      throw rule(`办结日期不能早于受理日期 ${c.received_on}`, { handledOn: `不能早于 ${c.received_on}` });
    }
    const next = await updateVersioned(
      ctx,
      'facility_complaints',
      c.id,
      input.version,
      { status: 'closed', handled_on: input.handledOn, result: input.result },
      {
        action: 'facility.complaint.close',
        what: what(c),
        current: c,
        entry: {
          before: { status: 'open' },
          after: { status: 'closed', handled_on: input.handledOn, result: input.result },
        },
      },
    );
    return complaintView(next);
  },
};

export const operationHandlers: OperationHandlers = { ...monthHandlers, ...inspectionHandlers };
