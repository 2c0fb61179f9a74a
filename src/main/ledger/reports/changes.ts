// 变更清单: the month's 新增 / 停止 / 变更 with reasons, from the cases, their dated amounts and covered members;
// after a month was reopened, the corrections journalled with a reason (更正) as well.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { ReportArea, ReportCategory } from '../../../shared/api/reports';
import { formatYuan } from '../../../shared/money';
import type { DB } from '../db';
import { grantedIn, paidIn, ROW_KEY, startedIn, stoppedIn } from './sets';

export interface ChangeItem {
  kind: '新增' | '停止' | '变更' | '更正';
  caseNo: string;
  category: ReportCategory | '';
  area: ReportArea | '';
  villageName: string;
  headName: string;
  headIdNumber: string; // raw; masked by the writer unless the setting asks for full numbers
  before: string;
  after: string;
  effectiveMonth: string;
  reason: string;
}

interface CaseRowRaw {
  case_no: string | null;
  k: ReportCategory;
  area: ReportArea;
  village: string;
  head: string | null;
  head_id: string | null;
}

const caseCols = sql`coalesce(c.case_no, '') AS case_no, (${ROW_KEY}) AS k, c.area AS area, v.name AS village,
  hp.name AS head, hp.id_number AS head_id`;
const joinsOf = (cases: RawBuilder<unknown>) => sql`FROM ${cases} JOIN households h ON h.id = c.household_id
  JOIN villages v ON v.id = h.village_id LEFT JOIN people hp ON hp.id = coalesce(c.person_id, h.head_person_id)`;
const caseJoins = joinsOf(sql.raw('cases c'));

function item(
  kind: ChangeItem['kind'],
  r: CaseRowRaw,
  before: string,
  after: string,
  month: string,
  reason: string,
): ChangeItem {
  return {
    kind,
    caseNo: r.case_no ?? '',
    category: r.k,
    area: r.area,
    villageName: r.village,
    headName: r.head ?? '',
    headIdNumber: r.head_id ?? '',
    before,
    after,
    effectiveMonth: month,
    reason,
  };
}

export async function monthChanges(
  db: Kysely<DB>,
  month: string,
  correctionsSince: string | null,
): Promise<ChangeItem[]> {
  const out: ChangeItem[] = [];
  const yuan = (f: number | null) => (f === null ? '' : `${formatYuan(f)} 元/月`);

  const started = startedIn(month, month);
  // The start months are read from the index cases_period (category, start_month, stop_month), which visits only the
  // month's new cases; without the hint SQLite scans the whole table (ten years of cases).
  const added = await sql<CaseRowRaw & { amount: number | null; decided_on: string | null }>`
    SELECT ${caseCols}, c.monthly_amount_fen AS amount, c.decided_on
    ${joinsOf(sql.raw('cases c INDEXED BY cases_period'))} WHERE ${started.where}
    ORDER BY v.sort_order, c.case_no`.execute(db);
  for (const r of added.rows) {
    out.push(item('新增', r, '', yuan(r.amount), month, r.decided_on ? `审核确认（${r.decided_on}）` : '审核确认'));
  }
  const granted = grantedIn(month, month);
  const grants = await sql<CaseRowRaw & { fen: number | null; lt: string | null }>`
    SELECT ${caseCols}, c.grant_amount_fen AS fen, c.linshi_type AS lt ${caseJoins} WHERE ${granted.where}
    ORDER BY v.sort_order, c.case_no`.execute(db);
  for (const r of grants.rows) {
    const type = r.lt === 'emergency' ? '急难型' : r.lt === 'expenditure' ? '支出型' : '';
    out.push(item('新增', r, '', r.fen === null ? '' : `${formatYuan(r.fen)} 元（一次性）`, month, `临时救助${type}`));
  }

  const stopped = stoppedIn(month, month);
  const exits = await sql<CaseRowRaw & { amount: number | null; reason: string | null }>`
    SELECT ${caseCols}, c.monthly_amount_fen AS amount, c.stop_reason AS reason ${caseJoins} WHERE ${stopped.where}
    ORDER BY v.sort_order, c.case_no`.execute(db);
  for (const r of exits.rows) out.push(item('停止', r, yuan(r.amount), '', month, r.reason ?? ''));

  // Amount changes effective this month on a case paid this month (its first amount is the 新增 itself).
  const paid = paidIn(month);
  const amountChanges = await sql<
    CaseRowRaw & { before: number | null; after: number; reason: string | null; kind: string }
  >`
    SELECT ${caseCols}, a.amount_fen AS after, a.reason, a.kind,
      (SELECT b.amount_fen FROM case_amounts b WHERE b.case_id = c.id AND b.effective_month < ${month}
        ORDER BY b.effective_month DESC, b.created_at DESC LIMIT 1) AS before
    ${caseJoins} JOIN case_amounts a ON a.case_id = c.id AND a.effective_month = ${month}
    WHERE ${paid.where} AND c.start_month < ${month}
    ORDER BY v.sort_order, c.case_no, a.created_at`.execute(db);
  const kindText: Record<string, string> = {
    increase: '增发',
    decrease: '减发',
    taper: '渐退',
    standard: '标准调整',
    correction: '更正',
    initial: '核定',
  };
  for (const r of amountChanges.rows) {
    out.push(item('变更', r, yuan(r.before), yuan(r.after), month, r.reason ?? kindText[r.kind] ?? r.kind));
  }

  // Members joining or leaving a case that continues: 变更前/变更后 hold the covered persons (a number, as the
  // column holds amounts elsewhere); the names go into the reason.
  const members = await sql<
    CaseRowRaw & { case_id: string; name: string; joined: number; before_n: number; after_n: number }
  >`
    SELECT ${caseCols}, c.id AS case_id, p.name, CASE WHEN cm.start_month = ${month} THEN 1 ELSE 0 END AS joined,
      (SELECT count(*) FROM case_members b WHERE b.case_id = c.id AND b.start_month < ${month}
        AND (b.stop_month IS NULL OR b.stop_month >= ${month})) AS before_n,
      (SELECT count(*) FROM case_members b WHERE b.case_id = c.id AND b.start_month <= ${month}
        AND (b.stop_month IS NULL OR b.stop_month > ${month})) AS after_n
    ${caseJoins} JOIN case_members cm ON cm.case_id = c.id JOIN people p ON p.id = cm.person_id
    WHERE ${paid.where} AND c.start_month < ${month}
      AND (cm.start_month = ${month} OR cm.stop_month = ${month})
    ORDER BY v.sort_order, c.case_no, joined DESC, p.name`.execute(db);
  const byCase = new Map<string, { r: (typeof members.rows)[number]; added: string[]; removed: string[] }>();
  for (const r of members.rows) {
    const e = byCase.get(r.case_id) ?? { r, added: [], removed: [] };
    (r.joined ? e.added : e.removed).push(r.name);
    byCase.set(r.case_id, e);
  }
  for (const { r, added, removed } of byCase.values()) {
    const why = [
      added.length ? `保障成员增加：${added.join('、')}` : '',
      removed.length ? `保障成员减少：${removed.join('、')}` : '',
    ]
      .filter(Boolean)
      .join('；');
    out.push(item('变更', r, `${r.before_n} 人`, `${r.after_n} 人`, month, why));
  }

  if (correctionsSince) {
    // Corrections written with a reason after the month was last finalised (assertMonthOpen let them through).
    const journal = await db
      .selectFrom('journal')
      .select(['at', 'actor_name', 'action', 'entity', 'entity_id', 'reason'])
      .where('at', '>', correctionsSince)
      .where('reason', 'is not', null)
      .where('entity', 'in', [
        'cases',
        'case_amounts',
        'case_members',
        'payment_rolls',
        'payment_roll_lines',
        'households',
        'people',
      ])
      .orderBy('seq')
      .limit(2000)
      .execute();
    for (const j of journal) {
      out.push({
        kind: '更正',
        caseNo: j.entity === 'cases' ? j.entity_id.slice(0, 13) : '',
        category: '',
        area: '',
        villageName: '',
        headName: '',
        headIdNumber: '',
        before: '',
        after: '',
        effectiveMonth: month,
        reason: `${j.reason ?? ''}（${j.action}，${j.actor_name} ${j.at.slice(0, 16).replace('T', ' ')}）`,
      });
    }
  }
  return out;
}
