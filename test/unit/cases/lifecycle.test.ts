// The whole life of a 低保 case and of a 特困 case, from application to stop, through the dispatcher.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { household, member, putStandards, setup, type Ctx } from './fixtures';

let c: Ctx;
beforeEach(async () => {
  c = await setup('2025-03-03');
  await putStandards(c);
});
afterEach(async () => {
  await c.t.close();
});

describe('a 低保 case from application to stop', () => {
  it('runs 申请 -> 调查 -> 初审 -> 公示 -> 审核确认 -> 发放 -> 增发 -> 停止 with dates and actors', async () => {
    const { t, clock } = c;
    // Annual income 12,000 元 for 2 people: 500 元 per person per month against a rural standard of 800 元.
    const page = await household(c, [
      member('张三', '1949-06-01', 'M', '户主'),
      member('王秀英', '1985-01-01', 'F', '配偶'),
    ]);
    let k = await t.clerk.call('cases.create', {
      householdId: page.household.id,
      category: 'dibao',
      appliedOn: '2025-03-03',
    });
    expect(k).toMatchObject({ status: 'applied', area: 'rural', coveredPersons: 2, dueTask: 'investigate' });
    // 3 working days from acceptance (Mon 3 March -> Thu 6 March).
    expect(k.dueOn).toBe('2025-03-06');

    const one = await t.clerk.try('cases.investigate', {
      id: k.id,
      version: k.version,
      onDate: '2025-03-05',
      investigators: ['张经办'],
      checkResult: 'pass',
    });
    expect(!one.ok && one.error.message).toBe('输入有误：入户调查至少需要 2 名调查人员');

    clock.set('2025-03-05');
    k = await t.clerk.call('cases.investigate', {
      id: k.id,
      version: k.version,
      onDate: '2025-03-05',
      investigators: ['张经办', '村委王主任'],
      visitNote: '家中两人，无车辆',
      checkResult: 'pass',
    });
    clock.set('2025-03-11');
    k = await t.clerk.call('cases.preliminary', {
      id: k.id,
      version: k.version,
      onDate: '2025-03-10',
      opinion: 'agree',
    });
    expect(k.status).toBe('preliminary');
    k = await t.clerk.call('cases.publicize', {
      id: k.id,
      version: k.version,
      startOn: '2025-03-11',
      place: '村务公开栏',
    });
    expect(k.status).toBe('publicizing');
    clock.set('2025-03-17');
    const early = await t.clerk.try('cases.endPublicity', { id: k.id, version: k.version, onDate: '2025-03-17' });
    expect(!early.ok && early.error.message).toBe('公示期至 2025-03-17 止，期满后才能提交审核确认');
    clock.set('2025-03-18');
    k = await t.clerk.call('cases.endPublicity', { id: k.id, version: k.version, onDate: '2025-03-18' });
    expect(k).toMatchObject({ status: 'reviewing', dueTask: 'approve', dueOn: '2025-04-01' }); // 10 working days

    const calc = await t.clerk.call('cases.computeAmount', { id: k.id, month: '2025-04' });
    // (800 − 500) × 2 = 600 元, plus 分类施保 for the 75-year-old head: 50 元.
    expect(calc).toMatchObject({
      perCapitaMonthlyIncomeFen: 50_000,
      baseFen: 60_000,
      supplementFen: 5_000,
      amountFen: 65_000,
    });

    const byClerk = await t.clerk.try('cases.approve', { id: k.id, version: k.version, onDate: '2025-03-20' });
    expect(!byClerk.ok && byClerk.error.code).toBe('FORBIDDEN');
    clock.set('2025-03-20');
    k = await t.reviewer.call('cases.approve', {
      id: k.id,
      version: k.version,
      onDate: '2025-03-20',
      caseNo: '低保2025-001',
    });
    expect(k).toMatchObject({
      status: 'active',
      startMonth: '2025-04',
      monthlyAmountFen: 65_000,
      nextRecheckOn: '2026-03-20',
    });
    expect(k.steps.map((s) => [s.label, s.onDate, s.actorName])).toEqual([
      ['申请', '2025-03-03', '张经办'],
      ['受理', '2025-03-03', '张经办'],
      ['入户调查及信息核对', '2025-03-05', '张经办'],
      ['初审', '2025-03-10', '张经办'],
      ['公示', '2025-03-11', '张经办'],
      ['公示期满', '2025-03-18', '张经办'],
      ['审核确认', '2025-03-20', '李审核'],
    ]);

    // 增发 from June, 渐退 beyond 6 months refused, then 停止 from September.
    clock.set('2025-05-20');
    k = await t.reviewer.call('cases.changeAmount', {
      id: k.id,
      version: k.version,
      effectiveMonth: '2025-06',
      kind: 'increase',
      baseFen: 60_000,
      supplementFen: 15_000,
      reason: '户主患重病，复核增发',
    });
    expect(k.monthlyAmountFen).toBe(75_000);
    expect(k.amounts.map((a) => [a.effectiveMonth, a.amountFen, a.kind])).toEqual([
      ['2025-04', 65_000, 'initial'],
      ['2025-06', 75_000, 'increase'],
    ]);
    const long = await t.reviewer.try('cases.taper', {
      id: k.id,
      version: k.version,
      fromMonth: '2025-07',
      months: 7,
      reason: '就业',
    });
    expect(!long.ok && long.error.message).toBe(
      '渐退期原则上不超过 6 个月（民发〔2021〕57号第三十三条），本次为 7 个月',
    );
    k = await t.reviewer.call('cases.stop', {
      id: k.id,
      version: k.version,
      stopMonth: '2025-09',
      reason: '家庭收入超过低保标准',
    });
    expect(k).toMatchObject({ status: 'stopped', stopMonth: '2025-09', stopReason: '家庭收入超过低保标准' });

    const paid = async (month: string) =>
      (await t.clerk.call('cases.list', { inPaymentMonth: month })).rows.map((r) => r.id);
    expect(await paid('2025-03')).toEqual([]);
    expect(await paid('2025-04')).toEqual([k.id]);
    expect(await paid('2025-08')).toEqual([k.id]);
    expect(await paid('2025-09')).toEqual([]);
  });
});

describe('a 特困 case from application to stop', () => {
  it('runs with the 15-working-day limits, the care grade from the self-care assessment, and stops after death', async () => {
    const { t, clock } = c;
    const page = await household(c, [member('孙大爷', '1950-02-01', 'M', '户主', { labourCapacity: 'none' })]);
    const personId = page.members[0]!.personId;
    await t.clerk.call('people.assessSelfCare', {
      personId,
      assessedOn: '2025-03-01',
      assessor: '县民政局评估组',
      items: { eat: true, dress: false, bed: false, toilet: false, walk: false, bathe: true },
    });
    let k = await t.clerk.call('cases.create', {
      householdId: page.household.id,
      category: 'tekun',
      personId,
      supportMode: 'dispersed',
      appliedOn: '2025-03-03',
    });
    expect(k.careGrade).toBe('full'); // 4 items not achieved -> 完全丧失 -> 全护理
    clock.set('2025-03-07');
    k = await t.clerk.call('cases.investigate', {
      id: k.id,
      version: k.version,
      onDate: '2025-03-04',
      investigators: ['张经办', '赵经办'],
      checkResult: 'pass',
    });
    expect(k.dueOn).toBe('2025-03-24'); // 15 working days from acceptance for investigation and 初审
    k = await t.clerk.call('cases.preliminary', {
      id: k.id,
      version: k.version,
      onDate: '2025-03-06',
      opinion: 'agree',
    });
    k = await t.clerk.call('cases.publicize', { id: k.id, version: k.version, startOn: '2025-03-07' });
    clock.set('2025-03-14');
    k = await t.clerk.call('cases.endPublicity', { id: k.id, version: k.version, onDate: '2025-03-14' });
    expect(k.dueOn).toBe('2025-04-07'); // county: 15 working days (清明 4–6 April not counted)
    clock.set('2025-03-31');
    k = await t.reviewer.call('cases.approve', { id: k.id, version: k.version, onDate: '2025-03-31' });
    // 基本生活标准 1,040 元 + 全护理 752 元, from the month after the decision.
    expect(k).toMatchObject({ status: 'active', startMonth: '2025-04', monthlyAmountFen: 179_200 });

    clock.set('2025-06-12');
    const death = await t.clerk.call('people.recordDeath', {
      id: personId,
      version: (await t.clerk.call('households.get', { id: page.household.id })).members[0]!.version,
      diedOn: '2025-06-10',
    });
    expect(death).toEqual({ affectedCaseIds: [k.id], recheckDueOn: '2025-09-10' });
    // The only person covered died: the case stops by itself from the month after the death (reason 死亡), so
    // nothing is left to re-check and a reviewer's stop is not needed.
    k = await t.clerk.call('cases.get', { id: k.id });
    expect(k).toMatchObject({ status: 'stopped', stopMonth: '2025-07', stopReason: '死亡', nextRecheckOn: null });
    const work = await t.clerk.call('cases.worklist', { horizonDays: 120 });
    expect(work.find((w) => w.caseId === k.id)).toBeUndefined();
    expect(k.steps.map((s) => s.label)).toEqual([
      '申请',
      '受理',
      '入户调查及信息核对',
      '初审',
      '公示',
      '公示期满',
      '审核确认',
      '成员死亡',
      '停止',
    ]);
  });
});
