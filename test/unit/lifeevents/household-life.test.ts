// The life of one 低保 household through a birth, a member's death (reported late), the head's death and the last
// person's death: coverage, amounts, payment rolls, report figures and the overpayment checked month by month.
import { afterEach, describe, expect, it } from 'vitest';
import { approvedCase, household, idFor, member, putStandards, setup, type Ctx } from '../cases/fixtures';

let c: Ctx | undefined;
afterEach(async () => {
  await c?.t.close();
  c = undefined;
});

/** Generates the month's roll (clerk) and, unless `draft`, confirms it (reviewer). */
async function roll(ctx: Ctx, month: string, draft = false) {
  const r = await ctx.t.clerk.call('rolls.generate', { month });
  if (draft) return r;
  return ctx.t.reviewer.call('rolls.confirm', { month, version: r.version });
}

async function line(ctx: Ctx, month: string) {
  const lines = await ctx.t.clerk.call('rolls.lines', { month, offset: 0, limit: 50 });
  return lines.rows.map((l) => ({ persons: l.persons, amountFen: l.amountFen, payee: l.payeeName }));
}

async function dibaoFigures(ctx: Ctx, month: string) {
  const f = await ctx.t.clerk.call('reports.figures', { month });
  const row = f.rows.find((r) => r.category === 'dibao' && r.area === 'rural');
  return { households: row?.households ?? 0, persons: row?.persons ?? 0 };
}

describe('a household through births and deaths', () => {
  it('covers, pays, counts and recovers month by month', async () => {
    c = await setup('2025-03-03');
    const { t, clock } = c;
    await putStandards(c);
    // No income: 低保金 = 800 元 × covered persons; the newborn gets 分类施保 (未成年人) 80 元.
    const page = await household(
      c,
      [member('王大山', '1970-02-01', 'M', '户主'), member('李秀兰', '1975-03-01', 'F', '配偶')],
      0,
    );
    const [head, wife] = [page.members[0]!, page.members[1]!];
    const k = await approvedCase(
      c,
      { householdId: page.household.id, category: 'dibao', appliedOn: '2025-03-03' },
      '2025-03-20',
    );
    expect(k).toMatchObject({ startMonth: '2025-04', monthlyAmountFen: 160_000 });
    clock.set('2025-04-01');
    await roll(c, '2025-04');
    expect(await line(c, '2025-04')).toEqual([{ persons: 2, amountFen: 160_000, payee: '王大山' }]);

    // Birth on 15 April: in the household at once, covered from May; the new amount waits for the reviewer.
    clock.set('2025-04-20');
    const withBaby = await t.clerk.call('households.addMember', {
      householdId: page.household.id,
      relation: '子',
      joinedOn: '2025-04-15',
      person: { name: '王小宝', idNumber: idFor('2025-04-15', 'M') },
    });
    const baby = withBaby.members.find((m) => m.name === '王小宝')!;
    const birth = await t.clerk.call('members.change', {
      caseId: k.id,
      personId: baby.id,
      kind: 'add',
      event: 'birth',
      eventOn: '2025-04-15',
    });
    expect(birth).toMatchObject({
      effectiveMonth: '2025-05',
      personsBefore: 2,
      personsAfter: 3,
      amountBeforeFen: 160_000,
      proposedFen: 248_000,
      status: 'proposed',
    });
    // The maker does not decide; a reviewer confirms the proposal as a dated adjustment.
    const own = await t.clerk.try('members.decide', { id: birth.id, version: birth.version, decision: 'confirm' });
    expect(own.ok).toBe(false);
    await t.reviewer.call('members.decide', { id: birth.id, version: birth.version, decision: 'confirm' });
    clock.set('2025-05-02');
    await roll(c, '2025-05');
    expect(await line(c, '2025-05')).toEqual([{ persons: 3, amountFen: 248_000, payee: '王大山' }]);
    expect(await dibaoFigures(c, '2025-04')).toEqual({ households: 1, persons: 2 });
    expect(await dibaoFigures(c, '2025-05')).toEqual({ households: 1, persons: 3 });

    clock.set('2025-06-02');
    await roll(c, '2025-06');
    clock.set('2025-07-01');
    await roll(c, '2025-07');
    clock.set('2025-08-01');
    await roll(c, '2025-08', true);

    // The wife died on 10 June; the family reports it in August. Paid through June; July (confirmed) was overpaid
    // by her share; the August draft drops her at once.
    clock.set('2025-08-05');
    const d1 = await t.clerk.call('deaths.record', {
      personId: wife.id,
      diedOn: '2025-06-10',
      source: 'family',
    });
    expect(d1).toMatchObject({
      affectedCaseIds: [k.id],
      stoppedCaseIds: [],
      regeneratedRolls: ['2025-08'],
      newHeadPersonId: null,
      recheckDueOn: '2025-09-10',
    });
    expect(d1.overpayments).toEqual([{ id: expect.any(String), caseId: k.id, amountFen: 80_000, months: ['2025-07'] }]);
    expect(await line(c, '2025-08')).toEqual([{ persons: 2, amountFen: 248_000, payee: '王大山' }]);
    // The 工作台 lists the proposal for the reviewer and the overpayment to recover.
    const board = await t.clerk.call('reports.dashboard', { month: '2025-07' });
    expect(board.due.filter((d) => d.key.startsWith('lifeevents:'))).toEqual([
      { key: 'lifeevents:changes', label: '成员变动后的金额待审核确认', count: 1 },
      { key: 'lifeevents:overpayments', label: '死亡后多发待追回', count: 1 },
    ]);
    const [p1] = await t.clerk.call('members.changes', { status: 'proposed' });
    expect(p1).toMatchObject({
      event: 'death',
      effectiveMonth: '2025-07',
      personsBefore: 3,
      personsAfter: 2,
      proposedFen: 168_000,
    });
    // July's roll is confirmed: the reviewer must say why a confirmed month is corrected.
    const noReason = await t.reviewer.try('members.decide', { id: p1!.id, version: p1!.version, decision: 'confirm' });
    expect(noReason.ok).toBe(false);
    await t.reviewer.call('members.decide', {
      id: p1!.id,
      version: p1!.version,
      decision: 'confirm',
      lockReason: '死亡迟报，7月多发部分已登记追回',
    });
    await roll(c, '2025-08');
    expect(await line(c, '2025-08')).toEqual([{ persons: 2, amountFen: 168_000, payee: '王大山' }]);
    expect(await dibaoFigures(c, '2025-06')).toEqual({ households: 1, persons: 3 });
    expect(await dibaoFigures(c, '2025-07')).toEqual({ households: 1, persons: 2 });

    // The head dies on 3 September: the baby is the only one left and becomes head (and payee) from October.
    clock.set('2025-09-01');
    await roll(c, '2025-09');
    clock.set('2025-09-05');
    const d2 = await t.clerk.call('deaths.record', {
      personId: head.id,
      diedOn: '2025-09-03',
      source: 'police',
      sourceRef: '派出所户籍注销通知',
    });
    expect(d2).toMatchObject({
      stoppedCaseIds: [],
      overpayments: [],
      newHeadPersonId: baby.id,
      recheckDueOn: '2025-12-03',
    });
    const [p2] = await t.clerk.call('members.changes', { status: 'proposed' });
    expect(p2).toMatchObject({ effectiveMonth: '2025-10', personsAfter: 1, proposedFen: 88_000 });
    await t.reviewer.call('members.decide', { id: p2!.id, version: p2!.version, decision: 'confirm' });
    clock.set('2025-10-01');
    await roll(c, '2025-10');
    expect(await line(c, '2025-09')).toEqual([{ persons: 2, amountFen: 168_000, payee: '王大山' }]);
    expect(await line(c, '2025-10')).toEqual([{ persons: 1, amountFen: 88_000, payee: '王小宝' }]);
    const hh = await t.clerk.call('households.get', { id: page.household.id });
    expect(hh.household.headName).toBe('王小宝');

    // The last person dies on 20 November, reported in January after the December roll was paid: the case stops by
    // itself (reason 死亡) from December, and December's payment is to be recovered.
    clock.set('2025-11-01');
    await roll(c, '2025-11');
    clock.set('2025-12-01');
    await roll(c, '2025-12');
    clock.set('2026-01-10');
    const d3 = await t.clerk.call('deaths.record', { personId: baby.id, diedOn: '2025-11-20', source: 'funeral' });
    expect(d3).toMatchObject({ stoppedCaseIds: [k.id], proposalIds: [], recheckDueOn: null });
    expect(d3.overpayments).toEqual([{ id: expect.any(String), caseId: k.id, amountFen: 88_000, months: ['2025-12'] }]);
    const stopped = await t.clerk.call('cases.get', { id: k.id });
    expect(stopped).toMatchObject({ status: 'stopped', stopMonth: '2025-12', stopReason: '死亡' });
    await roll(c, '2026-01', true);
    expect(await line(c, '2026-01')).toEqual([]);
    expect(await dibaoFigures(c, '2025-11')).toEqual({ households: 1, persons: 1 });
    expect(await dibaoFigures(c, '2025-12')).toEqual({ households: 0, persons: 0 });

    // Recovery: 500 元 deducted from the funeral grant, the rest written off by a reviewer with a reason.
    let o = (await t.clerk.call('overpayments.list', {})).find((x) => x.amountFen === 88_000)!;
    const tooMuch = await t.clerk.try('overpayments.recover', {
      id: o.id,
      version: o.version,
      onDate: '2026-01-12',
      amountFen: 90_000,
      method: 'refund',
    });
    expect(tooMuch.ok).toBe(false);
    o = await t.clerk.call('overpayments.recover', {
      id: o.id,
      version: o.version,
      onDate: '2026-01-10',
      amountFen: 50_000,
      method: 'funeral_offset',
    });
    expect(o).toMatchObject({ status: 'partial', recoveredFen: 50_000, outstandingFen: 38_000 });
    o = await t.reviewer.call('overpayments.close', {
      id: o.id,
      version: o.version,
      onDate: '2026-01-10',
      kind: 'write_off',
      reason: '户内已无在世成员，无遗产可追',
    });
    expect(o).toMatchObject({ status: 'written_off', writtenOffFen: 38_000, outstandingFen: 0 });
    expect(o.recoveries.map((r) => [r.kind, r.method, r.amountFen])).toEqual([
      ['recovery', 'funeral_offset', 50_000],
      ['write_off', null, 38_000],
    ]);
    const first = (await t.clerk.call('overpayments.list', { status: 'pending' })).map((x) => x.amountFen);
    expect(first).toEqual([80_000]);
  });
});
