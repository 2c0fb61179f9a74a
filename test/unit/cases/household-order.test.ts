// 户与成员's order (issue 17): village, the head's name initials, the head's name, the id — read from values stored on
// the household (migration 0019) and kept current by triggers. Each step below changes what the order depends on
// through the app (a new household, a renamed head, another head, a merged village) or, for a village's place, in
// the table itself (no screen re-orders villages); after each, the list shows the households in the order the joins
// give, page by page.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { household, member, setup, type Ctx } from './fixtures';

let c: Ctx;
beforeEach(async () => {
  c = await setup('2025-03-03');
});
afterEach(async () => {
  await c.t.close();
});

/** The order as the list computed it before migration 0019: through the village and head rows. */
function joinedOrder(includeClosed = false): string[] {
  return c.t.core.ledger.raw
    .prepare(
      `SELECT h.id FROM households h JOIN villages v ON v.id = h.village_id
       LEFT JOIN people hp ON hp.id = h.head_person_id ${includeClosed ? '' : "WHERE h.status = 'active'"}
       ORDER BY v.sort_order, hp.name_initials, hp.name, h.id`,
    )
    .pluck()
    .all() as string[];
}

/** The list read page by page (2 a page), as the clerk pages through it. */
async function listed(includeClosed = false): Promise<{ ids: string[]; heads: (string | null)[] }> {
  const ids: string[] = [];
  const heads: (string | null)[] = [];
  for (let offset = 0; ; offset += 2) {
    const page = await c.t.clerk.call('households.list', { offset, limit: 2, includeClosed });
    ids.push(...page.rows.map((r) => r.id));
    heads.push(...page.rows.map((r) => r.headName));
    if (offset + 2 >= page.total) break;
  }
  return { ids, heads };
}

async function expectJoinedOrder(): Promise<(string | null)[]> {
  const { ids, heads } = await listed();
  expect(ids).toEqual(joinedOrder());
  expect((await listed(true)).ids).toEqual(joinedOrder(true));
  return heads;
}

describe('the household list keeps its order as what it sorts by changes', () => {
  it('new households, a renamed head, another head, a merged village, a village moved', async () => {
    const zhang = await household(c, [
      member('张三', '1960-05-01', 'M', '户主'),
      member('陈红', '1962-02-01', 'F', '配偶'),
    ]);
    await household(c, [member('李四', '1962-01-01', 'M', '户主')]);
    await household(c, [member('王五', '1970-01-01', 'F', '户主')]);
    await household(c, [member('赵六', '1971-01-01', 'F', '户主')], 0, c.village2Id);
    await household(c, [member('安七', '1972-01-01', 'M', '户主')], 0, c.village2Id);
    // Village 1 first, then by initials: ls < ww < zs; village 2: aq < zl.
    expect(await expectJoinedOrder()).toEqual(['李四', '王五', '张三', '安七', '赵六']);

    // The head renamed (张三 -> 艾三, initials as): first in the village.
    const head = zhang.members.find((m) => m.name === '张三')!;
    await c.t.clerk.call('people.update', { id: head.personId, version: head.version, name: '艾三' });
    expect(await expectJoinedOrder()).toEqual(['艾三', '李四', '王五', '安七', '赵六']);

    // Another member becomes head (陈红, initials ch): the household moves between 艾三's old place and 李四.
    const page = await c.t.clerk.call('households.get', { id: zhang.household.id });
    const chen = page.members.find((m) => m.name === '陈红')!;
    await c.t.clerk.call('households.setHead', {
      id: zhang.household.id,
      version: page.household.version,
      personId: chen.personId,
      reason: '户主变更',
    });
    expect(await expectJoinedOrder()).toEqual(['陈红', '李四', '王五', '安七', '赵六']);

    // Village 2 merged into village 1: its households take village 1's place in the order.
    const villages = await c.t.admin.call('villages.list', {});
    const v2 = villages.find((v) => v.id === c.village2Id)!;
    await c.t.admin.call('villages.merge', { id: v2.id, version: v2.version, intoId: c.villageId, reason: '村庄撤并' });
    expect(await expectJoinedOrder()).toEqual(['安七', '陈红', '李四', '王五', '赵六']);

    // A village given a later place than every other (in the table: no screen re-orders villages): its households
    // go last.
    await household(c, [member('钱八', '1973-01-01', 'M', '户主')], 0, villages[2]!.id);
    expect(await expectJoinedOrder()).toEqual(['安七', '陈红', '李四', '王五', '赵六', '钱八']);
    c.t.core.ledger.raw.prepare('UPDATE villages SET sort_order = -1 WHERE id = ?').run(villages[2]!.id);
    expect(await expectJoinedOrder()).toEqual(['钱八', '安七', '陈红', '李四', '王五', '赵六']);
  });

  it('a household whose head is written before the person exists (as a village copy fills its tables) still sorts by the head', async () => {
    const a = await household(c, [member('王五', '1970-01-01', 'F', '户主')]);
    await household(c, [member('李四', '1962-01-01', 'M', '户主')]);
    const raw = c.t.core.ledger.raw;
    const headId = a.members[0]!.personId;
    raw.pragma('foreign_keys = OFF');
    const person = raw.prepare('SELECT * FROM people WHERE id = ?').get(headId) as Record<string, unknown>;
    raw.prepare('DELETE FROM people WHERE id = ?').run(headId);
    // Without its head the household sorts first (no initials, no name), as the joins had it.
    expect(await expectJoinedOrder()).toEqual([null, '李四']);
    const cols = Object.keys(person);
    raw.prepare(`INSERT INTO people (${cols.join(', ')}) VALUES (${cols.map((k) => `@${k}`).join(', ')})`).run(person);
    raw.pragma('foreign_keys = ON');
    expect(await expectJoinedOrder()).toEqual(['李四', '王五']);
  });
});
