// Issue 20: confirming a payment roll shows its totals and the difference from last month; an earlier month whose
// roll is missing or still a draft is warned about, and confirming anyway needs the reviewer's acknowledgement.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { approvedCase, household, member, putStandards, setup, type Ctx } from './fixtures';

let c: Ctx;
beforeEach(async () => {
  c = await setup('2025-03-03');
  await putStandards(c);
  const a = await household(c, [
    member('张三', '1949-06-01', 'M', '户主'),
    member('王秀英', '1985-01-01', 'F', '配偶'),
  ]);
  const d = await household(c, [member('刘芳', '1975-02-01', 'F', '户主')], 0);
  await approvedCase(c, { householdId: a.household.id, category: 'dibao', appliedOn: '2025-03-03' }, '2025-03-20');
  await approvedCase(c, { householdId: d.household.id, category: 'dibao', appliedOn: '2025-03-04' }, '2025-04-10');
  c.clock.set('2025-06-05');
});
afterEach(async () => {
  await c.t.close();
});

describe('confirming a payment roll', () => {
  it('shows totals and the difference from last month, warns of an earlier draft, and confirms on acknowledgement', async () => {
    const { t } = c;
    // April: 张三户 (650 元); May: + 刘芳 (800 元).
    const april = await t.clerk.call('rolls.generate', { month: '2025-04' });
    expect(april.totalFen).toBe(65_000);
    await t.reviewer.call('rolls.confirm', { month: '2025-04', version: april.version });
    const may = await t.clerk.call('rolls.generate', { month: '2025-05' }); // left as a draft
    const june = await t.clerk.call('rolls.generate', { month: '2025-06' });

    const preview = await t.reviewer.call('rolls.confirmPreview', { month: '2025-06' });
    expect(preview).toEqual({
      month: '2025-06',
      version: june.version,
      lineCount: 2,
      persons: 3,
      totalFen: 145_000,
      previous: { month: '2025-05', status: 'draft', lineCount: 2, totalFen: 145_000 },
      differenceFen: 0,
      added: 0,
      removed: 0,
      changed: 0,
      earlier: [{ month: '2025-05', status: 'draft' }],
      blockers: [],
    });
    const mayPreview = await t.reviewer.call('rolls.confirmPreview', { month: '2025-05' });
    expect(mayPreview).toMatchObject({
      previous: { month: '2025-04', status: 'confirmed', totalFen: 65_000 },
      differenceFen: 80_000,
      added: 1,
      earlier: [],
    });
    // The generator sees why they cannot confirm.
    expect((await t.reviewer.call('rolls.generate', { month: '2025-06' })).month).toBe('2025-06');
    expect((await t.reviewer.call('rolls.confirmPreview', { month: '2025-06' })).blockers).toEqual([
      '花名册须由生成人以外的审核人确认（经办与审核分离）：您生成了该花名册，不能确认',
    ]);
    const regenerated = await t.clerk.call('rolls.generate', { month: '2025-06' });

    const refused = await t.reviewer.try('rolls.confirm', { month: '2025-06', version: regenerated.version });
    expect(!refused.ok && refused.error.message).toBe(
      '之前月份的发放花名册尚未确认：2025-05仍为草稿、未确认。请先处理这些月份；如确需先确认 2025-06，请在确认对话框中勾选“已知悉”后再确认',
    );
    expect((await t.clerk.call('rolls.get', { month: '2025-06' })).status).toBe('draft');

    const ok = await t.reviewer.call('rolls.confirm', {
      month: '2025-06',
      version: regenerated.version,
      acknowledgeEarlier: true,
    });
    expect(ok.status).toBe('confirmed');
    const j = await t.core.ledger.db
      .selectFrom('journal')
      .select(['reason'])
      .where('action', '=', 'roll.confirm')
      .where('entity_id', '=', ok.id)
      .execute();
    expect(j).toEqual([{ reason: '确认时之前月份未确认：2025-05仍为草稿、未确认' }]);
    expect(may.status).toBe('draft');
  });

  it('a month never generated between two rolls is listed as missing', async () => {
    const { t } = c;
    const april = await t.clerk.call('rolls.generate', { month: '2025-04' });
    await t.reviewer.call('rolls.confirm', { month: '2025-04', version: april.version });
    await t.clerk.call('rolls.generate', { month: '2025-06' });
    const preview = await t.reviewer.call('rolls.confirmPreview', { month: '2025-06' });
    expect(preview.earlier).toEqual([{ month: '2025-05', status: 'missing' }]);
    // Against May as it would be computed: the same two cases.
    expect(preview.previous).toEqual({ month: '2025-05', status: 'missing', lineCount: 2, totalFen: 145_000 });
    // The 工作台 lists the missing and the unconfirmed months, each opening its roll.
    const board = await t.reviewer.call('reports.dashboard', { month: '2025-05' });
    expect(board.due.filter((d) => d.key.startsWith('roll:'))).toEqual([
      { key: 'roll:2025-05', label: '2025-05 发放花名册待生成', count: 1 },
      { key: 'roll:2025-06', label: '2025-06 发放花名册待审核确认', count: 1 },
    ]);
  });
});
