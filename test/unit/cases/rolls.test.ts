// 发放花名册: generated from the cases in payment in the month, compared with last month, confirmed by another
// reviewer, locked, exported for the bank.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LINES_SELECT as LINES_LIST } from '../../../src/main/ledger/cases/rolls';
import { approvedCase, household, member, putStandards, setup, type Ctx } from './fixtures';

let c: Ctx;
let ids: { dibao: string; tekun: string; dibao2: string };

beforeEach(async () => {
  c = await setup('2025-03-03');
  await putStandards(c);
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
  const d = await household(c, [member('=cmd', '1975-02-01', 'F', '户主')], 0);
  const dibao = await approvedCase(
    c,
    { householdId: a.household.id, category: 'dibao', appliedOn: '2025-03-03' },
    '2025-03-20',
  );
  const tekun = await approvedCase(
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
  const dibao2 = await approvedCase(
    c,
    { householdId: d.household.id, category: 'dibao', appliedOn: '2025-03-04' },
    '2025-03-25',
  );
  ids = { dibao: dibao.id, tekun: tekun.id, dibao2: dibao2.id };
  c.clock.set('2025-05-05');
});
afterEach(async () => {
  await c.t.close();
});

/** The sum of the amounts in effect for the month over the cases in payment, case by case through the API. */
async function sumOfActiveCases(month: string): Promise<number> {
  const list = await c.t.clerk.call('cases.list', { inPaymentMonth: month, limit: 500 });
  let total = 0;
  for (const row of list.rows) {
    const k = await c.t.clerk.call('cases.get', { id: row.id });
    const inEffect = k.amounts.filter((a) => a.effectiveMonth <= month).at(-1);
    total += inEffect?.amountFen ?? 0;
  }
  return total;
}

describe('payment roll', () => {
  it("the roll total equals the sum of the active cases' amounts for the month", async () => {
    const april = await c.t.clerk.call('rolls.generate', { month: '2025-04' });
    expect(april.lineCount).toBe(2); // 特困 decided in April starts in May
    expect(april.totalFen).toBe(await sumOfActiveCases('2025-04'));
    const may = await c.t.clerk.call('rolls.generate', { month: '2025-05' });
    expect(may.lineCount).toBe(3);
    expect(may.totalFen).toBe(await sumOfActiveCases('2025-05'));
    // 低保 张三 (600 + 分类施保 50) + 低保 “=cmd” 800 + 特困 1,040 + 半护理 470
    expect(may.totalFen).toBe(65_000 + 80_000 + 104_000 + 47_000);
    expect(may.diff.previousSource).toBe('draft_roll');
    expect(may.diff.added.map((r) => r.caseId)).toEqual([ids.tekun]);
  });

  /** From 2025-06: 张三's 低保 lowered to 500 + 50 元, and the second 低保 case stopped (迁出本县). */
  async function juneDecreaseAndStop(): Promise<void> {
    const { t } = c;
    let k = await t.clerk.call('cases.get', { id: ids.dibao });
    await t.reviewer.call('cases.changeAmount', {
      id: k.id,
      version: k.version,
      effectiveMonth: '2025-06',
      kind: 'decrease',
      baseFen: 50_000,
      supplementFen: 5_000,
      reason: '子女务工收入增加',
    });
    k = await t.clerk.call('cases.get', { id: ids.dibao2 });
    await t.reviewer.call('cases.stop', { id: k.id, version: k.version, stopMonth: '2025-06', reason: '迁出本县' });
  }

  it('shows the differences from last month: new, stopped and changed amounts', async () => {
    const { t } = c;
    await juneDecreaseAndStop();
    const june = await t.clerk.call('rolls.generate', { month: '2025-06' });
    expect(june.diff.previousSource).toBe('computed');
    expect(june.diff.added).toEqual([]);
    expect(june.diff.removed).toEqual([
      expect.objectContaining({ caseId: ids.dibao2, previousFen: 80_000, currentFen: null }),
    ]);
    expect(june.diff.changed).toEqual([
      expect.objectContaining({ caseId: ids.dibao, name: '张三', previousFen: 65_000, currentFen: 55_000 }),
    ]);
    expect(june.totalFen).toBe(await sumOfActiveCases('2025-06'));
  });

  it('regenerating a draft brings its stored lines to the cases: changed, stopped and kept lines, ids kept', async () => {
    const { t } = c;
    const raw = t.core.ledger.raw;
    const first = await t.clerk.call('rolls.generate', { month: '2025-06' });
    expect(first.lineCount).toBe(3);
    const stored = () =>
      raw
        .prepare(
          `SELECT l.id, l.case_id, l.persons, l.amount_fen, l.base_fen, l.supplement_fen, l.payee_name, l.village_id
           FROM payment_roll_lines l JOIN payment_rolls r ON r.id = l.roll_id WHERE r.month = '2025-06' ORDER BY l.case_id`,
        )
        .all() as { id: string; case_id: string; amount_fen: number; base_fen: number; supplement_fen: number }[];
    const before = new Map(stored().map((l) => [l.case_id, l]));
    await juneDecreaseAndStop();
    const again = await t.clerk.call('rolls.generate', { month: '2025-06' });
    const after = stored();
    // What the cases say now, line for line (the roll's own query, not the stored lines).
    const due = (
      raw.prepare(`SELECT case_id, amount_fen FROM (${LINES_LIST}) ORDER BY case_id`).all({ m: '2025-06' }) as {
        case_id: string;
        amount_fen: number;
      }[]
    ).map((l) => [l.case_id, l.amount_fen]);
    expect(after.map((l) => [l.case_id, l.amount_fen])).toEqual(due);
    expect(after.map((l) => l.case_id).sort()).toEqual([ids.dibao, ids.tekun].sort());
    expect(after.find((l) => l.case_id === ids.dibao)).toMatchObject({
      amount_fen: 55_000,
      base_fen: 50_000,
      supplement_fen: 5_000,
    });
    // Kept lines keep their ids; the stopped case's line is gone.
    for (const l of after) expect(l.id).toBe(before.get(l.case_id)?.id);
    expect(again).toMatchObject({ lineCount: 2, totalFen: 55_000 + 104_000 + 47_000, version: first.version + 1 });
    expect(again.byCategory.reduce((a, b) => a + b.lines, 0)).toBe(2);
    // The journal has the regeneration with the totals before and after.
    const entries = raw
      .prepare(`SELECT after FROM journal WHERE action = 'roll.generate' ORDER BY seq`)
      .pluck()
      .all() as string[];
    expect(entries).toHaveLength(2);
    expect(JSON.parse(entries[1]!)).toMatchObject({ month: '2025-06', line_count: 2, total_fen: 206_000 });
  });

  it('is confirmed by a reviewer other than the one who generated it, then locked', async () => {
    const { t } = c;
    const own = await t.reviewer.call('rolls.generate', { month: '2025-05' });
    const refused = await t.reviewer.try('rolls.confirm', { month: '2025-05', version: own.version });
    expect(!refused.ok && refused.error.message).toBe(
      '花名册须由生成人以外的审核人确认（经办与审核分离）：您生成了该花名册，不能确认',
    );
    const byClerk = await t.clerk.try('rolls.confirm', { month: '2025-05', version: own.version });
    expect(!byClerk.ok && byClerk.error.code).toBe('FORBIDDEN');

    const roll = await t.clerk.call('rolls.generate', { month: '2025-05' });
    const confirmed = await t.reviewer.call('rolls.confirm', { month: '2025-05', version: roll.version });
    expect(confirmed).toMatchObject({ status: 'confirmed', confirmedByName: '李审核', generatedByName: '张经办' });
    const again = await t.clerk.try('rolls.generate', { month: '2025-05' });
    expect(!again.ok && again.error.message).toBe(
      '2025-05 的发放花名册已由审核人确认并锁定，不能重新生成；之后的变动请在下月花名册中补发或追回',
    );

    // A change effective in the confirmed month needs a correction reason, and the roll does not move.
    const k = await t.clerk.call('cases.get', { id: ids.dibao });
    const change = {
      id: k.id,
      version: k.version,
      effectiveMonth: '2025-05',
      kind: 'increase' as const,
      baseFen: 70_000,
      supplementFen: 5_000,
      reason: '复核增发',
    };
    const locked = await t.reviewer.try('cases.changeAmount', change);
    expect(!locked.ok && locked.error.message).toMatch(/^2025年5月的发放花名册已确认锁定/);
    await t.reviewer.call('cases.changeAmount', { ...change, lockReason: '复核漏报，6月补发' });
    expect((await t.clerk.call('rolls.get', { month: '2025-05' })).totalFen).toBe(confirmed.totalFen);
  });

  it('refuses to confirm a draft that no longer matches the ledger', async () => {
    const { t } = c;
    const roll = await t.clerk.call('rolls.generate', { month: '2025-06' });
    const k = await t.clerk.call('cases.get', { id: ids.dibao2 });
    await t.reviewer.call('cases.stop', { id: k.id, version: k.version, stopMonth: '2025-06', reason: '死亡' });
    const r = await t.reviewer.try('rolls.confirm', { month: '2025-06', version: roll.version });
    expect(!r.ok && r.error.message).toBe('花名册生成后台账有变动（人数或金额与现在不一致），请重新生成后再确认');
  });

  it('exports a UTF-8 CSV with BOM for the bank, cells neutralised, and a printable roll by village', async () => {
    const { t } = c;
    const roll = await t.clerk.call('rolls.generate', { month: '2025-05' });
    const early = await t.reviewer.try('rolls.exportBank', { month: '2025-05' });
    expect(!early.ok && early.error.message).toBe('花名册须经审核人确认后才能导出银行代发文件');
    await t.reviewer.call('rolls.confirm', { month: '2025-05', version: roll.version });
    const file = await t.reviewer.call('rolls.exportBank', { month: '2025-05' });
    expect(file.content.startsWith('\uFEFF序号,村(社区),姓名,开户银行,银行账号,金额(元),保障类别,保障人数\r\n')).toBe(
      true,
    );
    expect(file.content).toContain(",'=cmd,");
    expect(file.content).toContain(',650.00,农村最低生活保障,2\r\n');
    expect(file.content).not.toContain('321202'); // no ID numbers unless asked for
    expect(readFileSync(file.path, 'utf8')).toBe(file.content);
    expect(file.lines).toBe(3);

    const print = await t.clerk.call('rolls.printable', { month: '2025-05' });
    expect(print.totalFen).toBe(roll.totalFen);
    expect(print.villages.map((v) => v.lines.length).reduce((a, b) => a + b, 0)).toBe(3);
    expect(print.villages.flatMap((v) => v.lines).every((l) => l.idNumberMasked?.includes('********'))).toBe(true);
  });
});
