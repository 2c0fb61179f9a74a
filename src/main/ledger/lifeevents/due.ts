// The 工作台's due work of life events: amount proposals for a reviewer, 比对 hits to check, overpayments to recover,
// discovery leads to handle and monitoring reviews due this month. Keys start with 'lifeevents:' (the page opens them).
import type { Kysely } from 'kysely';
import { nextMonth } from '../../../shared/time';
import type { DB } from '../db';

export interface DueItem {
  key: string;
  label: string;
  count: number;
}

export async function lifeEventsDue(db: Kysely<DB>, today: string): Promise<DueItem[]> {
  const count = async (q: Promise<{ n: number | string | bigint } | undefined>) => Number((await q)?.n ?? 0);
  const proposals = await count(
    db
      .selectFrom('member_changes')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'proposed')
      .executeTakeFirst(),
  );
  const hits = await count(
    db
      .selectFrom('compare_hits')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'open')
      .executeTakeFirst(),
  );
  const overdueHits = await count(
    db
      .selectFrom('compare_hits')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'open')
      .where('due_on', '<', today)
      .executeTakeFirst(),
  );
  const overpayments = await count(
    db
      .selectFrom('overpayments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', 'in', ['pending', 'partial'])
      .executeTakeFirst(),
  );
  const leads = await count(
    db
      .selectFrom('discovery_leads')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'open')
      .executeTakeFirst(),
  );
  const reviews = await count(
    db
      .selectFrom('monitoring_entries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'active')
      .where('next_review_on', '<', `${nextMonth(today.slice(0, 7))}-01`)
      .executeTakeFirst(),
  );
  const out: DueItem[] = [];
  if (proposals > 0) out.push({ key: 'lifeevents:changes', label: '成员变动后的金额待审核确认', count: proposals });
  if (hits > 0)
    out.push({
      key: 'lifeevents:compare',
      label: overdueHits > 0 ? `数据比对疑点待核查（其中逾期 ${overdueHits} 条）` : '数据比对疑点待核查',
      count: hits,
    });
  if (overpayments > 0) out.push({ key: 'lifeevents:overpayments', label: '死亡后多发待追回', count: overpayments });
  if (leads > 0) out.push({ key: 'lifeevents:leads', label: '主动发现线索待处理', count: leads });
  if (reviews > 0) out.push({ key: 'lifeevents:monitoring', label: '动态监测本月到期复核', count: reviews });
  return out;
}
