// 工作台 (issue 20): each due row of the cases says the step that is needed and counts exactly the rows of the
// worklist it opens (#/cases/worklist?task=…); the report month is the ledger's, one month for the whole page.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { makeTestCore } from '../../helpers/ledger';
import { addDaysIso, household, member, preliminaryDone, putStandards, setup, type Ctx } from '../cases/fixtures';

let c: Ctx;
beforeAll(async () => {
  c = await setup('2026-11-02');
  await putStandards(c, '2026-01');
});
afterAll(() => c.t.close());

test('the case rows name the step needed and count what the worklist lists for it', async () => {
  const { t, clock } = c;
  const newCase = async (name: string) => {
    const page = await household(c, [member(name, '1960-05-05', 'M', '户主')]);
    return t.clerk.call('cases.create', { householdId: page.household.id, category: 'dibao', appliedOn: '2026-11-02' });
  };
  // One waits for 入户调查, two for 审核确认.
  await newCase('赵一');
  for (const name of ['钱二', '孙三']) {
    let k = await preliminaryDone(c, await newCase(name), '2026-11-02');
    k = await t.clerk.call('cases.publicize', { id: k.id, version: k.version, startOn: '2026-11-02' });
    clock.set(addDaysIso('2026-11-02', 8));
    await t.clerk.call('cases.endPublicity', { id: k.id, version: k.version, onDate: addDaysIso('2026-11-02', 8) });
    clock.set('2026-11-02');
  }
  clock.set('2026-11-12');
  const board = await t.clerk.call('reports.dashboard', {});
  const rows = board.due.filter((d) => d.key.startsWith('cases:'));
  expect(rows).toEqual([
    { key: 'cases:approve', label: '救助申请待审核确认', count: 2 },
    { key: 'cases:investigate', label: '救助申请待入户调查（其中逾期 1 项）', count: 1 },
  ]);
  const work = await t.clerk.call('cases.worklist', {});
  for (const r of rows) expect(work.filter((w) => `cases:${w.task}` === r.key)).toHaveLength(r.count);

  // Without a month the page gets the ledger's report month (last month), the month its report row names.
  expect(board.month).toBe('2026-10');
  expect(board.due.find((d) => d.key.startsWith('report:'))).toEqual({
    key: 'report:2026-10',
    label: '2026-10 月报待定稿上报',
    count: 1,
  });
  expect(board.due.find((d) => d.key === 'roll:2026-11')?.label).toBe('2026-11 发放花名册待生成');
});

test('a package for this month can be built in the first hours of the month (China time, as the picker offers it)', async () => {
  // 2026-12-01 01:00 in China is still 2026-11-30 in UTC: the month has begun for the office.
  let now = new Date('2026-11-30T17:00:00Z');
  const t = await makeTestCore({ now: () => now });
  try {
    const p = await t.clerk.call('reports.build', { month: '2026-12' });
    expect(p.month).toBe('2026-12');
    now = new Date('2026-11-30T15:00:00Z'); // 23:00 on 30 November in China
    const r = await t.clerk.try('reports.build', { month: '2026-12' });
    expect(!r.ok && r.error.message).toBe('2026年12月尚未开始，不能生成报表');
  } finally {
    await t.close();
  }
});
