// The worklist (待办): each case's pending workflow task with its statutory deadline, re-checks coming due, and
// 渐退 periods ending — with whose turn it is. Deadlines were computed in working days when the previous step was
// recorded (cases.due_on); here they are compared with today and counted in working days for the clerk.
import type { Category, DueTask, PublicitySheet, WorkItem } from '../../../shared/api/cases';
import { label } from '../../../shared/labels';
import { addDays, daysInMonth, nextMonth, workingDaysBetween } from '../../../shared/time';
import { rowsOf, type ServiceContext, todayOf } from '../kernel';
import { livingMembers } from '../people';
import { amountFor } from './caseops';
import { currentPublicity } from './stepdates';
import type { CasesTable } from './tables';

interface Row {
  id: string;
  household_id: string;
  category: Category;
  due_task: DueTask | null;
  due_on: string | null;
  overall_due_on: string | null;
  next_recheck_on: string | null;
  taper_until_month: string | null;
  status: string;
  kin_of_staff: number;
  name: string | null;
  village: string;
  creator: string | null;
}

/** Which cases have work due: a step's deadline, a 复核 within the horizon, a 渐退期 ending this month or next. */
const DUE_WHERE = `(c.due_on IS NOT NULL
         OR (c.status IN ('active','stopped') AND c.category <> 'linshi' AND (c.stop_month IS NULL OR c.stop_month > @month)
             AND c.next_recheck_on IS NOT NULL AND c.next_recheck_on <= @horizon)
         OR (c.status = 'stopped' AND c.taper_until_month IS NOT NULL AND c.taper_until_month >= @month
             AND c.taper_until_month <= @nextMonth))`;

/** The columns a case's due tasks are worked out from (tasksOf). */
type DueRow = Pick<
  Row,
  'id' | 'category' | 'due_task' | 'due_on' | 'overall_due_on' | 'next_recheck_on' | 'taper_until_month' | 'status'
>;

/** The dates the worklist is read for: today's month, and the 复核 horizon. */
function dueParams(today: string, horizonDays: number | undefined) {
  const month = today.slice(0, 7);
  return { month, horizon: addDays(today, horizonDays ?? 30), nextMonth: nextMonth(month) };
}

/** Each task a case has due, with its date (a case can have a step and a 复核 due at once). */
function tasksOf(r: DueRow, p: { month: string; horizon: string }): [WorkItem['task'], string][] {
  const out: [WorkItem['task'], string][] = [];
  if (r.due_task && r.due_on) {
    // The overall limit (受理至决定) can be nearer than the step's own.
    const due =
      r.due_task !== 'paperwork' && r.overall_due_on && r.overall_due_on < r.due_on ? r.overall_due_on : r.due_on;
    out.push([r.due_task, due]);
  }
  if (
    (r.status === 'active' || r.status === 'stopped') &&
    r.next_recheck_on &&
    r.next_recheck_on <= p.horizon &&
    r.category !== 'linshi'
  ) {
    out.push(['recheck', r.next_recheck_on]);
  }
  if (r.status === 'stopped' && r.taper_until_month && r.taper_until_month >= p.month) {
    const m = r.taper_until_month;
    out.push([
      'taper_end',
      `${m}-${String(daysInMonth(Number(m.slice(0, 4)), Number(m.slice(5, 7)))).padStart(2, '0')}`,
    ]);
  }
  return out;
}

const turnOf = (task: WorkItem['task']): WorkItem['turn'] => (task === 'approve' ? 'reviewer' : 'clerk');

export function worklist(
  ctx: ServiceContext,
  input: { villageId?: string | undefined; turn?: 'clerk' | 'reviewer' | undefined; horizonDays?: number | undefined },
): WorkItem[] {
  const today = todayOf(ctx);
  const p = dueParams(today, input.horizonDays);
  const rows = rowsOf<Row>(
    ctx.ledger.raw,
    `SELECT c.id, c.household_id, c.category, c.due_task, c.due_on, c.overall_due_on, c.next_recheck_on, c.taper_until_month,
         c.status, c.kin_of_staff, coalesce(pp.name, hp.name) AS name, v.name AS village, u.display_name AS creator
       FROM cases c JOIN households h ON h.id = c.household_id JOIN villages v ON v.id = h.village_id
       LEFT JOIN people pp ON pp.id = c.person_id LEFT JOIN people hp ON hp.id = h.head_person_id
       LEFT JOIN users u ON u.id = c.created_by
       WHERE (@village IS NULL OR h.village_id = @village) AND ${DUE_WHERE}`,
    { village: input.villageId ?? null, ...p },
  );
  const items: WorkItem[] = [];
  for (const r of rows)
    for (const [task, dueOn] of tasksOf(r, p)) {
      const turn = turnOf(task);
      if (input.turn && input.turn !== turn) continue;
      items.push({
        caseId: r.id,
        householdId: r.household_id,
        name: r.name,
        villageName: r.village,
        category: r.category,
        task,
        taskLabel: label('dueTask', task),
        dueOn,
        overdue: dueOn < today,
        workingDaysLeft: workingDaysBetween(today, dueOn),
        turn,
        assigneeName: turn === 'reviewer' ? `审核人（录入人${r.creator ?? ''}除外）` : (r.creator ?? ''),
        kinOfStaff: r.kin_of_staff === 1,
      });
    }
  return items.sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.caseId < b.caseId ? -1 : 1));
}

/** What a case puts on the whole worklist (worklist(ctx, {}) on `today`): its tasks with their dates. */
export type DueTasks = [WorkItem['task'], string][];

/**
 * The tasks of the cases on the whole worklist on `today`, [case id, tasks]: of every case, or of those of `ids` (a
 * case of `ids` not returned has none), so the 工作台 can keep them per case (reports/case-log.ts) and count them
 * without building the list (names, working days). The ids are looked up as case-log.ts casesOf does.
 */
export function dueTasksOf(ctx: ServiceContext, today: string, ids: string[] | null): [string, DueTasks][] {
  const p = dueParams(today, undefined);
  const from = ids === null ? 'cases c' : 'json_each(@ids) AS ids CROSS JOIN cases c ON c.id = ids.value';
  const rows = rowsOf<DueRow>(
    ctx.ledger.raw,
    `SELECT c.id, c.category, c.due_task, c.due_on, c.overall_due_on, c.next_recheck_on, c.taper_until_month, c.status
       FROM ${from} JOIN households h ON h.id = c.household_id JOIN villages v ON v.id = h.village_id
       WHERE ${DUE_WHERE}`,
    ids === null ? p : { ...p, ids: JSON.stringify(ids) },
  );
  return rows.map((r) => [r.id, tasksOf(r, p)]);
}

/** The worklist's length by task, and how many of each are overdue on `today`, from the cases' due tasks. */
export function countDue(
  cases: Iterable<DueTasks>,
  today: string,
): Map<WorkItem['task'], { count: number; overdue: number }> {
  const out = new Map<WorkItem['task'], { count: number; overdue: number }>();
  for (const tasks of cases)
    for (const [task, dueOn] of tasks) {
      const n = out.get(task) ?? { count: 0, overdue: 0 };
      n.count++;
      if (dueOn < today) n.overdue++;
      out.set(task, n);
    }
  return out;
}

/** 公示 sheet per village: name, household size, covered persons and amount — never ID numbers (S-57 Art 24). */
export async function publicitySheet(
  ctx: ServiceContext,
  input: { kind: 'publicizing' | 'approved'; month?: string | undefined; villageId?: string | undefined },
): Promise<PublicitySheet[]> {
  const month = input.month ?? todayOf(ctx).slice(0, 7);
  const rows = rowsOf<CasesTable & { name: string | null; village: string }>(
    ctx.ledger.raw,
    `SELECT c.*, coalesce(pp.name, hp.name) AS name, v.name AS village, v.sort_order AS vs FROM cases c
       JOIN households h ON h.id = c.household_id JOIN villages v ON v.id = h.village_id
       LEFT JOIN people pp ON pp.id = c.person_id LEFT JOIN people hp ON hp.id = h.head_person_id
       WHERE (@village IS NULL OR h.village_id = @village) AND ${
         input.kind === 'publicizing'
           ? `c.status = 'publicizing'`
           : `c.status IN ('active','stopped') AND substr(c.decided_on, 1, 7) = @month`
       }
       ORDER BY v.sort_order, name`,
    { village: input.villageId ?? null, month },
  );
  const byVillage = new Map<string, PublicitySheet>();
  for (const c of rows) {
    const sheet = byVillage.get(c.village) ?? { villageName: c.village, rows: [] };
    byVillage.set(c.village, sheet);
    let amount: number | null = c.category === 'linshi' ? c.grant_amount_fen : c.monthly_amount_fen;
    // The 公示's own dates, and the amount proposed for the month payment would start (the month after the 公示).
    const pub = input.kind === 'publicizing' ? await currentPublicity(ctx, c.id) : null;
    if (input.kind === 'publicizing' && c.category !== 'linshi') {
      const from = pub ? nextMonth(pub.endsOn.slice(0, 7)) : month;
      try {
        amount = (await amountFor(ctx, c, from < month ? month : from)).amountFen;
      } catch {
        amount = null; // no standard for the month yet: the sheet shows the amount blank
      }
    }
    const covered = await ctx.db
      .selectFrom('case_members')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('case_id', '=', c.id)
      .where((eb) => eb.or([eb('stop_month', 'is', null), eb('stop_month', '>', month)]))
      .executeTakeFirstOrThrow();
    sheet.rows.push({
      name: c.name ?? '',
      category: c.category,
      householdSize: (await livingMembers(ctx, c.household_id)).length,
      coveredPersons: Number(covered.n),
      amountFen: amount,
      publicityStartOn: pub?.startOn ?? null,
      publicityEndsOn: pub?.endsOn ?? null,
    });
  }
  return [...byVillage.values()];
}
