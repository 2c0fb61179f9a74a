// The report through the case services' API (not the fixture builder): households and cases created, approved and
// paid through the dispatcher; the month's figures match the confirmed roll, and once the month is final the case
// services refuse a change effective in it without a correction reason.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { approvedCase, household, member, putStandards, setup, type Ctx } from '../cases/fixtures';

let c: Ctx;
beforeEach(async () => {
  c = await setup('2025-03-03');
  await putStandards(c);
});
afterEach(async () => {
  await c.t.close();
});

describe('figures through the case services', () => {
  it('match the confirmed roll; a final month refuses an amount change without a reason', async () => {
    const a = await household(c, [
      member('张三', '1949-06-01', 'M', '户主'),
      member('王秀英', '1985-01-01', 'F', '配偶'),
    ]);
    const b = await household(
      c,
      [member('孙大爷', '1950-02-01', 'M', '户主', { labourCapacity: 'none' })],
      0,
      c.village2Id,
    );
    const dibao = await approvedCase(
      c,
      { householdId: a.household.id, category: 'dibao', appliedOn: '2025-03-03' },
      '2025-03-20',
    );
    await approvedCase(
      c,
      {
        householdId: b.household.id,
        category: 'tekun',
        personId: b.members[0]!.personId,
        supportMode: 'dispersed',
        careGrade: 'partial',
        appliedOn: '2025-03-03',
      },
      '2025-04-10',
    );
    c.clock.set('2025-06-05');
    const { t } = c;
    const roll = await t.clerk.call('rolls.generate', { month: '2025-05' });
    await t.reviewer.call('rolls.confirm', { month: '2025-05', version: roll.version });

    const f = await t.clerk.call('reports.figures', { month: '2025-05' });
    expect(f.amountsSource).toBe('roll');
    const sum = (cat: string, k: 'households' | 'persons' | 'amountFen' | 'newHouseholds') =>
      f.rows.filter((r) => r.category === cat).reduce((s, r) => s + r[k], 0);
    expect(sum('dibao', 'households')).toBe(1);
    expect(sum('dibao', 'persons')).toBe(2);
    expect(sum('tekun_dispersed', 'households')).toBe(1);
    expect(sum('tekun_dispersed', 'newHouseholds')).toBe(1); // decided in April, paid from May
    expect(f.rows.reduce((s, r) => s + r.amountFen, 0)).toBe(roll.totalFen);
    expect(f.checks.filter((x) => !x.ok)).toEqual([]);

    const pkg = await t.clerk.call('reports.build', { month: '2025-05' });
    await t.reviewer.call('reports.finalize', { packageId: pkg.id, version: pkg.version });
    const k = await t.clerk.call('cases.get', { id: dibao.id });
    const change = {
      id: dibao.id,
      version: k.version,
      effectiveMonth: '2025-05',
      kind: 'correction' as const,
      baseFen: 50_000,
      supplementFen: 0,
      reason: '收入核算更正',
    };
    const refused = await t.reviewer.try('cases.changeAmount', change);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toMatch(/已结账|已定稿/);
  });
});
