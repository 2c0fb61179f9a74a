// An organization's history from the journal: every entry about the organization or one of its inspections,
// ratings, terms and events, newest first, with a Chinese one-liner. Bounded: the page shows the latest 200.
import type { Kysely } from 'kysely';
import { orgLabels, type OrgHistoryItem } from '../../../shared/api/orgs';
import type { DB } from '../db';

const ACTIONS: Record<string, string> = {
  'org.register': '登记入账',
  'org.file': '备案入账',
  'org.update': '修改基本信息',
  'org.event': '登记事项',
  'org.inspection.create': '录入年检',
  'org.inspection.update': '更新年检',
  'org.inspection.void': '作废年检记录',
  'org.rating.add': '录入评估等级',
  'org.rating.end': '评估等级处理',
  'org.term.start': '录入本届任期',
  'org.term.complete': '换届完成',
  'org.term.postpone': '延期换届',
};

// Journal keys are column names (snake_case). Entries written before that (社会组织 once wrote camelCase keys) stay
// as they are — the journal is append-only and hash-chained — and are read through snakeKey.
const FIELD_NAMES: Record<string, string> = {
  name: '名称',
  legal_rep: '法定代表人',
  domicile: '住所',
  leader: '负责人',
  venue: '活动场所',
  status: '状态',
  year: '年度',
  result: '结论',
  grade: '等级',
  term_no: '届次',
  due_on: '应换届日期',
  postponed_to: '延期至',
  done_on: '换届日期',
  supervisor_submitted_on: '报业务主管单位',
  authority_submitted_on: '报登记管理机关',
  rectified_on: '整改完成',
  end_kind: '处理方式',
  kind: '类型',
  community_type: '类型',
  filing_no: '备案编号',
  filed_on: '备案日期',
  registered_on: '登记日期',
  credit_code: '统一社会信用代码',
  occurred_on: '日期',
  value: '变更为',
  members: '人数',
  party_org: '党组织',
  party_members: '党员人数',
  ended_on: '日期',
};

/** 'legalRep' -> 'legal_rep' (older entries); snake_case keys are returned as they are. */
const snakeKey = (k: string): string => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

// Stored values shown in Chinese: the slice's labels (社会服务机构 in its short form).
const VALUE_NAMES: Record<string, string> = {
  ...orgLabels.status,
  ...orgLabels.kind,
  service: '社会服务机构',
  ...orgLabels.communityType,
  ...orgLabels.inspectionResult,
  ...orgLabels.ratingEnd,
  ...orgLabels.eventKind,
};

function describe(action: string, after: string | null): string {
  if (!after) return '';
  let obj: unknown;
  try {
    obj = JSON.parse(after);
  } catch {
    return '';
  }
  if (!obj || typeof obj !== 'object') return '';
  const parts: string[] = [];
  for (const [key, v] of Object.entries(obj as Record<string, unknown>)) {
    const k = snakeKey(key);
    const name = k === 'kind' && action === 'org.event' ? '事项' : FIELD_NAMES[k];
    if (!name || v === null || v === undefined || typeof v === 'object') continue;
    const shown =
      typeof v === 'boolean' || k === 'party_org'
        ? v
          ? '已建立'
          : '未建立'
        : typeof v === 'string'
          ? (VALUE_NAMES[v] ?? v)
          : k === 'grade'
            ? `${String(v)}A`
            : String(v);
    parts.push(`${name}：${shown}`);
  }
  return parts.join('，');
}

export async function orgHistory(db: Kysely<DB>, orgId: string, childIds: string[]): Promise<OrgHistoryItem[]> {
  const ids = [orgId, ...childIds];
  const rows = await db
    .selectFrom('journal')
    .select(['seq', 'at', 'actor_name', 'action', 'after', 'reason'])
    .where('entity', 'in', ['orgs', 'org_inspections', 'org_ratings', 'org_terms', 'org_events'])
    .where('entity_id', 'in', ids)
    .orderBy('seq', 'desc')
    .limit(200)
    .execute();
  return rows.map((r) => {
    const what = describe(r.action, r.after);
    return {
      seq: r.seq,
      at: r.at,
      actor: r.actor_name,
      action: r.action,
      summary: `${ACTIONS[r.action] ?? r.action}${what ? `（${what}）` : ''}`,
      reason: r.reason,
    };
  });
}
