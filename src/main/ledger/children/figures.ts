// The children's list, the worklist (visits due, ageing out, villages without a 儿童主任) and the month's figures
// for the report package. A township registers a few hundred children: summaries are computed in memory.
import {
  CHILD_CATEGORY_VALUES,
  type ChildCategoryValue,
  type ChildFigureRow,
  type ChildFigures,
  type ChildWorkItem,
  type childrenApi,
} from '../../../shared/api/children';
import { addDays, addMonths, daysInMonth } from '../../../shared/time';
import { normalizeText } from '../../../shared/text';
import { todayOf, type Handlers, type ServiceContext } from '../kernel';
import { agesOutOn, CATEGORY_LABEL, nextChildVisitDue, orphanPlacementGroup } from './rules';
import { lastChildVisits, summaryOf, visitPlan } from './service';
import type { ChildrenTable } from './tables';

async function villageNames(ctx: Pick<ServiceContext, 'db'>): Promise<Map<string, string>> {
  const rows = await ctx.db.selectFrom('villages').select(['id', 'name']).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

const emptyCounts = (): Record<ChildCategoryValue, number> =>
  Object.fromEntries(CHILD_CATEGORY_VALUES.map((c) => [c, 0])) as Record<ChildCategoryValue, number>;

/** Active at the end of `month`: registered by then and not ended before the month's last day. */
function activeAtEnd(c: ChildrenTable, monthEnd: string): boolean {
  return c.registered_on <= monthEnd && (c.ended_on === null || c.ended_on > monthEnd);
}

export async function childFigures(ctx: Pick<ServiceContext, 'db'>, month: string): Promise<ChildFigures> {
  const monthStart = `${month}-01`;
  const monthEnd = `${month}-${String(daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)))).padStart(2, '0')}`;
  const [all, names, plan] = await Promise.all([
    ctx.db.selectFrom('children').selectAll().where('registered_on', '<=', monthEnd).execute(),
    villageNames(ctx),
    visitPlan(ctx.db),
  ]);
  const visits = await ctx.db
    .selectFrom('child_visits')
    .select(['child_id', 'visited_on'])
    .where('voided', '=', 0)
    .where('visited_on', '<=', monthEnd)
    .orderBy('visited_on')
    .execute();
  const byChild = new Map<string, string[]>();
  for (const v of visits) byChild.set(v.child_id, [...(byChild.get(v.child_id) ?? []), v.visited_on]);

  const rows = new Map<string, ChildFigureRow>();
  const total: ChildFigureRow = {
    villageId: null,
    villageName: '合计',
    counts: emptyCounts(),
    children: 0,
    visitsDue: 0,
    visitsDone: 0,
  };
  let orphansCentralized = 0;
  let orphansDispersed = 0;
  for (const c of all.filter((x) => activeAtEnd(x, monthEnd))) {
    const row = rows.get(c.village_id) ?? {
      villageId: c.village_id,
      villageName: names.get(c.village_id) ?? '',
      counts: emptyCounts(),
      children: 0,
      visitsDue: 0,
      visitsDone: 0,
    };
    const cats = JSON.parse(c.categories) as ChildCategoryValue[];
    for (const k of cats) {
      row.counts[k] += 1;
      total.counts[k] += 1;
    }
    if (cats.includes('orphan')) {
      if (orphanPlacementGroup(c.placement) === 'centralized') orphansCentralized++;
      else orphansDispersed++;
    }
    row.children += 1;
    total.children += 1;
    // A visit is due in the month when the plan's next date (from the last visit before the month) falls in it or
    // was already overdue; it is done when a visit took place in the month.
    const seen = byChild.get(c.id) ?? [];
    const before = seen.filter((d) => d < monthStart);
    const due = nextChildVisitDue(plan, cats, c.registered_on, before.length ? before[before.length - 1]! : null);
    if (due <= monthEnd) {
      row.visitsDue += 1;
      total.visitsDue += 1;
      if (seen.some((d) => d >= monthStart && d <= monthEnd)) {
        row.visitsDone += 1;
        total.visitsDone += 1;
      }
    }
    rows.set(c.village_id, row);
  }
  return {
    month,
    rows: [...rows.values()].sort((a, b) => a.villageName.localeCompare(b.villageName, 'zh-CN')),
    total,
    orphansCentralized,
    orphansDispersed,
  };
}

export const listHandlers: Pick<
  Handlers<typeof childrenApi>,
  'children.list' | 'children.worklist' | 'children.figures'
> = {
  'children.list': async (ctx, input) => {
    let q = ctx.db.selectFrom('children').selectAll().where('status', '=', input.status);
    if (input.villageId) q = q.where('village_id', '=', input.villageId);
    if (input.category) q = q.where('categories', 'like', `%"${input.category}"%`);
    const text = input.q ? normalizeText(input.q) : '';
    if (text) {
      q = /^\d{3}[\dX]$/i.test(text)
        ? q.where('id_number', 'like', `%${text.toUpperCase()}`)
        : q.where('name', 'like', `%${text.replace(/[%_]/g, '')}%`);
    }
    const rows = await q.orderBy('name').execute();
    const today = todayOf(ctx);
    const [names, last, plan] = await Promise.all([
      villageNames(ctx),
      lastChildVisits(ctx.db, rows.length <= 500 ? rows.map((r) => r.id) : null),
      visitPlan(ctx.db),
    ]);
    let out = rows.map((c) => summaryOf(c, names.get(c.village_id) ?? '', last.get(c.id) ?? null, plan, today));
    if (input.due) out = out.filter((s) => s.nextDueOn !== null && s.nextDueOn <= addDays(today, 7));
    return { rows: out.slice(input.offset, input.offset + input.limit), total: out.length };
  },

  'children.worklist': async (ctx) => {
    const today = todayOf(ctx);
    const [rows, names, plan, workers] = await Promise.all([
      ctx.db.selectFrom('children').selectAll().where('status', '=', 'active').execute(),
      villageNames(ctx),
      visitPlan(ctx.db),
      ctx.db.selectFrom('child_workers').select(['role', 'village_id']).where('ended_on', 'is', null).execute(),
    ]);
    const last = await lastChildVisits(ctx.db, null);
    const items: ChildWorkItem[] = [];
    const soon = addDays(today, 7);
    const agingSoon = addMonths(today.slice(0, 7), 1) + today.slice(7);
    for (const c of rows) {
      const s = summaryOf(c, names.get(c.village_id) ?? '', last.get(c.id) ?? null, plan, today);
      const cats = s.categories.map((k) => CATEGORY_LABEL[k]).join('、');
      if (s.nextDueOn && s.nextDueOn <= soon)
        items.push({
          kind: s.overdue ? 'visit_overdue' : 'visit_due',
          childId: c.id,
          villageId: c.village_id,
          title: `${s.overdue ? '探访已逾期' : '应探访'}：${c.name}（${s.villageName}，${cats}）`,
          dueOn: s.nextDueOn,
        });
      const out = agesOutOn(c.birth_date, s.categories);
      if (out <= agingSoon)
        items.push({
          kind: 'ages_out',
          childId: c.id,
          villageId: c.village_id,
          title: `${c.name} 将于 ${out} 满 ${s.categories.every((k) => k === 'left_behind') ? 16 : 18} 周岁：请核实后结束档案并衔接其他保障`,
          dueOn: out,
        });
      if (!c.guardian_name && !c.carer_name)
        items.push({
          kind: 'no_guardian',
          childId: c.id,
          villageId: c.village_id,
          title: `${c.name}：未登记监护人或受委托照护人`,
          dueOn: null,
        });
    }
    const villagesWithChildren = new Set(rows.map((c) => c.village_id));
    const directed = new Set(workers.filter((w) => w.role === 'director').map((w) => w.village_id));
    for (const v of villagesWithChildren)
      if (!directed.has(v))
        items.push({
          kind: 'no_director',
          childId: null,
          villageId: v,
          title: `${names.get(v) ?? ''}：有在册儿童，尚未确定儿童主任`,
          dueOn: null,
        });
    if (!workers.some((w) => w.role === 'supervisor'))
      items.push({
        kind: 'no_supervisor',
        childId: null,
        villageId: null,
        title: '尚未确定本镇（街道）儿童督导员',
        dueOn: null,
      });
    return items.sort((a, b) => (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999'));
  },

  'children.figures': async (ctx, input) => childFigures(ctx, input.month),
};
