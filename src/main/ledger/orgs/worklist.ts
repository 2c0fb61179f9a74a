// The yearly inspection board (who has submitted, who has not) and the worklist of what is due and overdue.
import type { Kysely } from 'kysely';
import type {
  InspectionBoard,
  InspectionBoardRow,
  InspectionBoardState,
  WorkItem,
  Worklist,
} from '../../../shared/api/orgs';
import type { DB } from '../db';
import { daysBetween, expectedToInspect, inspectionDeadlines } from './rules';
import { inspectionsOfYear } from './service';
import type { OrgInspectionsTable, OrgsTable } from './tables';
import { inspectionView } from './views';

/** How far ahead the worklist looks. */
export const HORIZON = { ratingDays: 180, termDays: 90, ratingExpiredDays: 365 } as const;

function boardState(i: OrgInspectionsTable | undefined): InspectionBoardState {
  if (!i) return 'not_submitted';
  if (i.result) return 'concluded';
  if (i.authority_submitted_on) return 'submitted';
  if (i.supervisor_submitted_on) return 'at_supervisor';
  return 'not_submitted';
}

function isLate(org: OrgsTable, i: OrgInspectionsTable | undefined, year: number, asOf: string): boolean {
  if (!org.kind) return false;
  const d = inspectionDeadlines(org.kind, Boolean(org.supervisor), year);
  const authority = i?.authority_submitted_on ?? null;
  if (authority ? authority > d.authority : asOf > d.authority) return true;
  if (d.supervisor) {
    const sup = i?.supervisor_submitted_on ?? null;
    if (sup ? sup > d.supervisor : !authority && asOf > d.supervisor) return true;
  }
  return false;
}

export async function inspectionBoard(db: Kysely<DB>, year: number, asOf: string): Promise<InspectionBoard> {
  const orgs = await db
    .selectFrom('orgs')
    .selectAll()
    .where('registry', '=', 'registered')
    .where('registered_on', '<=', `${year}-12-31`)
    .orderBy('name')
    .execute();
  const byOrg = await inspectionsOfYear(db, year);
  const rows: InspectionBoardRow[] = [];
  for (const org of orgs) {
    const expected = expectedToInspect({ registeredOn: org.registered_on, endedOn: org.ended_on }, year);
    const i = byOrg.get(org.id);
    if ((!expected && !i) || !org.kind) continue;
    rows.push({
      orgId: org.id,
      name: org.name,
      kind: org.kind,
      supervisor: org.supervisor,
      expected,
      state: boardState(i),
      deadlines: inspectionDeadlines(org.kind, Boolean(org.supervisor), year),
      late: isLate(org, i, year, asOf),
      inspection: i ? inspectionView(i) : null,
    });
  }
  const order: Record<InspectionBoardState, number> = {
    not_submitted: 0,
    at_supervisor: 1,
    submitted: 2,
    concluded: 3,
  };
  rows.sort((a, b) => order[a.state] - order[b.state] || a.name.localeCompare(b.name, 'zh-CN'));
  const expectedRows = rows.filter((r) => r.expected);
  const results = expectedRows.map((r) => r.inspection?.result ?? null);
  return {
    year,
    asOf,
    rows,
    counts: {
      expected: expectedRows.length,
      submitted: expectedRows.filter((r) => r.state === 'submitted' || r.state === 'concluded').length,
      concluded: results.filter((r) => r !== null).length,
      pass: results.filter((r) => r === 'pass').length,
      basic: results.filter((r) => r === 'basic').length,
      fail: results.filter((r) => r === 'fail').length,
    },
  };
}

export async function worklist(db: Kysely<DB>, onDate: string): Promise<Worklist> {
  const items: WorkItem[] = [];
  const orgs = await db.selectFrom('orgs').selectAll().where('status', 'not in', ['revoked', 'deregistered']).execute();
  if (orgs.length === 0) return { onDate, items };
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const due = (kind: WorkItem['kind'], org: OrgsTable, dueOn: string | null, title: string) =>
    items.push({ kind, orgId: org.id, orgName: org.name, dueOn, overdue: dueOn !== null && onDate > dueOn, title });

  // 年检 of the year before: who has not yet reported.
  const year = Number(onDate.slice(0, 4)) - 1;
  const inspections = await db
    .selectFrom('org_inspections')
    .selectAll()
    .where('voided_at', 'is', null)
    .where(
      'org_id',
      'in',
      orgs.map((o) => o.id),
    )
    .execute();
  for (const org of orgs) {
    if (org.registry !== 'registered' || !org.kind) continue;
    if (!expectedToInspect({ registeredOn: org.registered_on, endedOn: org.ended_on }, year)) continue;
    const i = inspections.find((x) => x.org_id === org.id && x.year === year);
    if (i?.authority_submitted_on) continue;
    const d = inspectionDeadlines(org.kind, Boolean(org.supervisor), year);
    if (d.supervisor && !i?.supervisor_submitted_on) {
      due('inspection_supervisor', org, d.supervisor, `${year} 年度年检报告报业务主管单位（${org.supervisor ?? ''}）`);
    }
    due('inspection_authority', org, d.authority, `${year} 年度年检报告报登记管理机关`);
  }
  // 整改: 基本合格/不合格 not yet rectified.
  for (const i of inspections) {
    const org = byId.get(i.org_id);
    if (!org || !(i.result === 'basic' || i.result === 'fail') || i.rectified_on) continue;
    due('rectification', org, null, `${i.year} 年度年检${i.result === 'fail' ? '不合格' : '基本合格'}，整改尚未完成`);
  }
  // 评估等级: expiring soon, or expired within the last year without a new grade.
  const ratings = await db.selectFrom('org_ratings').selectAll().where('end_kind', 'is', null).execute();
  for (const r of ratings) {
    const org = byId.get(r.org_id);
    if (!org) continue;
    const days = daysBetween(onDate, r.expires_on);
    if (days > 0 && days <= HORIZON.ratingDays) {
      due('rating_expiring', org, r.expires_on, `${r.grade}A 评估等级将于 ${r.expires_on} 期满（可申请重新评估）`);
    } else if (days <= 0 && -days <= HORIZON.ratingExpiredDays) {
      items.push({
        kind: 'rating_expired',
        orgId: org.id,
        orgName: org.name,
        dueOn: r.expires_on,
        overdue: true,
        title: `${r.grade}A 评估等级已于 ${r.expires_on} 期满，视为无评估等级`,
      });
    }
  }
  // 换届: due within the horizon or overdue.
  const terms = await db.selectFrom('org_terms').selectAll().where('status', '!=', 'done').execute();
  for (const t of terms) {
    const org = byId.get(t.org_id);
    if (!org) continue;
    const dueOn = t.postponed_to ?? t.due_on;
    if (daysBetween(onDate, dueOn) > HORIZON.termDays) continue;
    const postponed = t.postponed_to ? `（已延期，原定 ${t.due_on}）` : '';
    due('term_due', org, dueOn, `第 ${t.term_no} 届应于 ${dueOn} 换届${postponed}`);
  }
  items.sort(
    (a, b) =>
      Number(b.overdue) - Number(a.overdue) ||
      (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999') ||
      a.orgName.localeCompare(b.orgName, 'zh-CN'),
  );
  return { onDate, items };
}
