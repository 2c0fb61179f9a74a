// 物资 (stock never below zero), grants in goods linked to a 临时救助 case, services, and 慈善帮扶 with the income
// rule at its boundary — charity never enters the government figures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { household, member, setup, type Ctx } from '../cases/fixtures';

let c: Ctx;
let householdId = '';
let linshiId = '';
beforeAll(async () => {
  c = await setup('2026-03-10');
  const page = await household(c, [member('李桂兰', '1958-04-02', 'F', '户主')]);
  householdId = page.household.id;
  const k = await c.t.clerk.call('cases.create', {
    householdId,
    category: 'linshi',
    linshiType: 'emergency',
    advanceAid: false,
    grantAmountFen: 30_000,
    appliedOn: '2026-03-09',
  } as never);
  linshiId = (k as { id: string }).id;
});
afterAll(() => c.t.close());

const count = (table: string) =>
  (c.t.core.ledger.raw.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('goods register', () => {
  let riceId = '';
  it('a donation comes in at its unit value', async () => {
    const s = await c.t.clerk.call('goods.receive', {
      itemName: '大米',
      unit: '袋',
      kind: 'in_donation',
      quantity: 20,
      unitValueFen: 5_000,
      onDate: '2026-03-05',
      source: '城东慈善超市',
    } as never);
    const rice = s.find((x) => x.name === '大米')!;
    riceId = rice.itemId;
    expect(rice).toMatchObject({ stock: 20, valueFen: 100_000, unit: '袋' });
  });

  it('a grant in goods goes to the household, linked to its 临时救助 case, at value', async () => {
    const s = await c.t.clerk.call('goods.issue', {
      itemId: riceId,
      kind: 'out_grant',
      quantity: 3,
      onDate: '2026-03-10',
      householdId,
      caseId: linshiId,
    } as never);
    expect(s.find((x) => x.itemId === riceId)?.stock).toBe(17);
    const aid = await c.t.clerk.call('aid.household', { householdId } as never);
    expect(aid.goods).toEqual([
      expect.objectContaining({ itemName: '大米', quantity: 3, valueFen: 15_000, caseId: linshiId }),
    ]);
  });

  it('an issue beyond the stock is refused and nothing is written', async () => {
    const before = count('goods_moves');
    const r = await c.t.clerk.try('goods.issue', {
      itemId: riceId,
      kind: 'out_grant',
      quantity: 18,
      onDate: '2026-03-10',
      householdId,
    } as never);
    expect(!r.ok && r.error.message).toBe('“大米”库存只有 17 袋，不能出库 18 袋');
    expect(count('goods_moves')).toBe(before);
    const exact = await c.t.clerk.call('goods.issue', {
      itemId: riceId,
      kind: 'out_other',
      quantity: 17,
      onDate: '2026-03-10',
      source: '敬老院冬季储备',
    } as never);
    expect(exact.find((x) => x.itemId === riceId)?.stock).toBe(0);
  });

  it('voiding the receipt whose goods were already issued is refused (stock would go negative)', async () => {
    const moves = await c.t.clerk.call('goods.moves', { itemId: riceId } as never);
    const receipt = moves.rows.find((m) => m.kind === 'in_donation')!;
    const r = await c.t.reviewer.try('goods.void', {
      id: receipt.id,
      version: receipt.version,
      reason: '录错了',
    } as never);
    expect(!r.ok && r.error.message).toMatch(/库存将为负数/);
  });
});

describe('慈善帮扶', () => {
  it('counts as household income unless the local exemption applies; the rule sits at its boundary', async () => {
    const rule = await c.t.clerk.call('charity.rule', {} as never);
    await c.t.reviewer.call('charity.saveRule', { exemptBelowFen: 100_000, version: rule.version } as never);
    const small = await c.t.clerk.call('charity.add', {
      householdId,
      sourceKind: 'community_fund',
      sourceName: '泰州市慈善总会城东社区慈善基金',
      form: 'cash',
      amountFen: 99_999,
      onDate: '2026-03-08',
    } as never);
    const at = await c.t.clerk.call('charity.add', {
      householdId,
      sourceKind: 'enterprise',
      sourceName: '某某食品有限公司',
      form: 'goods',
      amountFen: 100_000,
      description: '食用油、米面',
      onDate: '2026-03-09',
      referralConsent: true,
    } as never);
    expect(small.countsAsIncome).toBe(false);
    expect(at.countsAsIncome).toBe(true);
    const year = await c.t.clerk.call('charity.year', { year: 2026 } as never);
    expect(year).toMatchObject({ totalCashFen: 99_999, totalGoodsFen: 100_000, totalIncomeFen: 100_000 });
    expect(year.rows[0]).toMatchObject({ householdHead: '李桂兰', count: 2 });
  });

  it("never enters the month's government figures", async () => {
    const f = (await c.t.clerk.call('reports.figures', { month: '2026-03' } as never)) as unknown as {
      rows: { category: string; amountFen: number }[];
    };
    const total = f.rows.reduce((s, r) => s + (r.amountFen ?? 0), 0);
    expect(total).toBe(0); // nothing government-paid in March: the charity money and the goods are not in the 22 rows
  });
});
