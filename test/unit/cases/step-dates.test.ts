// Issue 20: the workflow's dates cannot be walked around. Each refusal names the step and the dates, and nothing
// is written (the case keeps its version and its steps).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { approvedCase, household, member, preliminaryDone, putStandards, setup, type Ctx } from './fixtures';

let c: Ctx;
beforeEach(async () => {
  c = await setup('2026-11-20');
  await putStandards(c, '2026-01');
});
afterEach(async () => {
  await c.t.close();
});

async function newCase(appliedOn = '2026-11-20') {
  const page = await household(c, [
    member('李旺', '1970-03-01', 'M', '户主'),
    member('陈霞华', '1972-05-01', 'F', '配偶'),
  ]);
  return c.t.clerk.call('cases.create', { householdId: page.household.id, category: 'dibao', appliedOn });
}

/** The case is unchanged: same version, same steps. */
async function unchanged(k: { id: string; version: number; steps: unknown[] }) {
  const now = await c.t.clerk.call('cases.get', { id: k.id });
  expect(now.version).toBe(k.version);
  expect(now.steps).toEqual(k.steps);
}

describe('workflow step dates', () => {
  it('refuses a future date and a date before the step before, for 调查 and 初审', async () => {
    const { t } = c;
    let k = await newCase();
    const future = await t.clerk.try('cases.investigate', {
      id: k.id,
      version: k.version,
      onDate: '2026-11-21',
      investigators: ['张经办', '王主任'],
      checkResult: 'pass',
    });
    expect(!future.ok && future.error.message).toBe('入户调查日期（2026-11-21）不能晚于今天（2026-11-20）');
    expect(!future.ok && future.error.fields?.onDate).toBe('不能晚于今天');
    const early = await t.clerk.try('cases.investigate', {
      id: k.id,
      version: k.version,
      onDate: '2026-11-19',
      investigators: ['张经办', '王主任'],
      checkResult: 'pass',
    });
    expect(!early.ok && early.error.message).toBe('入户调查日期（2026-11-19）不能早于受理日期（2026-11-20）');
    await unchanged(k);

    c.clock.set('2026-11-24');
    k = await t.clerk.call('cases.investigate', {
      id: k.id,
      version: k.version,
      onDate: '2026-11-23',
      investigators: ['张经办', '王主任'],
      checkResult: 'pass',
    });
    const before = await t.clerk.try('cases.preliminary', {
      id: k.id,
      version: k.version,
      onDate: '2026-11-22',
      opinion: 'agree',
    });
    expect(!before.ok && before.error.message).toBe('初审日期（2026-11-22）不能早于入户调查日期（2026-11-23）');
    const ahead = await t.clerk.try('cases.preliminary', {
      id: k.id,
      version: k.version,
      onDate: '2026-11-25',
      opinion: 'agree',
    });
    expect(!ahead.ok && ahead.error.message).toBe('初审日期（2026-11-25）不能晚于今天（2026-11-24）');
    await unchanged(k);
  });

  it('公示期满 only after the 7-day period and never in the future; 审核确认 never before 公示期满', async () => {
    const { t, clock } = c;
    let k = await newCase();
    k = await preliminaryDone(c, k, '2026-11-20');
    clock.set('2026-11-27');
    const futureStart = await t.clerk.try('cases.publicize', { id: k.id, version: k.version, startOn: '2026-11-30' });
    expect(!futureStart.ok && futureStart.error.message).toBe('公示开始日期（2026-11-30）不能晚于今天（2026-11-27）');
    k = await t.clerk.call('cases.publicize', { id: k.id, version: k.version, startOn: '2026-11-27' });
    expect(k.publicity).toEqual({ startOn: '2026-11-27', endsOn: '2026-12-03', endedOn: null });
    expect(k.actions).toContain('endPublicity');
    expect(k.notYet.endPublicity).toBe('公示期至 2026-12-03 止，2026-12-04 起可登记公示期满');
    // The printed 公示名单 carries the 公示's dates and the proposed amount from the case: (800 − 500) × 2 = 600 元.
    const sheet = await t.clerk.call('cases.publicitySheet', { kind: 'publicizing' });
    expect(sheet[0]?.rows).toEqual([
      expect.objectContaining({
        name: '李旺',
        amountFen: 60_000,
        publicityStartOn: '2026-11-27',
        publicityEndsOn: '2026-12-03',
      }),
    ]);

    // The walk-around: on 2026-12-03 (the last day of 公示) 公示期满 dated 2026-12-10.
    clock.set('2026-12-03');
    const skip = await t.clerk.try('cases.endPublicity', { id: k.id, version: k.version, onDate: '2026-12-10' });
    expect(!skip.ok && skip.error.message).toBe('公示期至 2026-12-03 止，2026-12-04 起才能登记公示期满并提交审核确认');
    const inPeriod = await t.clerk.try('cases.endPublicity', { id: k.id, version: k.version, onDate: '2026-12-03' });
    expect(!inPeriod.ok && inPeriod.error.message).toBe('公示期至 2026-12-03 止，期满后才能提交审核确认');
    // The reviewer cannot approve while the case is in 公示.
    const approveEarly = await t.reviewer.try('cases.approve', { id: k.id, version: k.version, onDate: '2026-12-03' });
    expect(!approveEarly.ok && approveEarly.error.message).toBe(
      '该案件当前为“公示中”，须公示期满（或初审完成）后才能审核确认',
    );
    await unchanged(k);

    clock.set('2026-12-07');
    const ahead = await t.clerk.try('cases.endPublicity', { id: k.id, version: k.version, onDate: '2026-12-10' });
    expect(!ahead.ok && ahead.error.message).toBe('公示期满日期（2026-12-10）不能晚于今天（2026-12-07）');
    await unchanged(k);
    k = await t.clerk.call('cases.endPublicity', { id: k.id, version: k.version, onDate: '2026-12-07' });
    expect(k.notYet).toEqual({});
    expect(k.publicity?.endedOn).toBe('2026-12-07');

    const beforeEnd = await t.reviewer.try('cases.approve', { id: k.id, version: k.version, onDate: '2026-12-04' });
    expect(!beforeEnd.ok && beforeEnd.error.message).toBe(
      '审核确认日期（2026-12-04）不能早于公示期满日期（2026-12-07）：公示期至 2026-12-03 止',
    );
    const futureApprove = await t.reviewer.try('cases.approve', {
      id: k.id,
      version: k.version,
      onDate: '2026-12-08',
    });
    expect(!futureApprove.ok && futureApprove.error.message).toBe(
      '审核确认日期（2026-12-08）不能晚于今天（2026-12-07）',
    );
    await unchanged(k);
    const rejectEarly = await t.reviewer.try('cases.reject', {
      id: k.id,
      version: k.version,
      onDate: '2026-12-01',
      reason: '收入超标',
    });
    expect(!rejectEarly.ok && rejectEarly.error.message).toBe(
      '不予确认日期（2026-12-01）不能早于公示期满日期（2026-12-07）',
    );
    k = await t.reviewer.call('cases.approve', { id: k.id, version: k.version, onDate: '2026-12-07' });
    expect(k).toMatchObject({ status: 'active', decidedOn: '2026-12-07', startMonth: '2027-01' });
    // The household list says what the case says (在保), also before the first paid month.
    const list = await t.clerk.call('households.list', { q: '李旺', offset: 0, limit: 10 });
    expect(list.rows.map((r) => r.caseStatus)).toEqual(['in_payment']);
    const filtered = await t.clerk.call('households.list', {
      q: '李旺',
      caseStatus: 'in_payment',
      offset: 0,
      limit: 10,
    });
    expect(filtered.total).toBe(1);
    // A search that finds the household through another member says which member it found.
    const byMember = await t.clerk.call('households.list', { q: 'cxh', offset: 0, limit: 10 });
    expect(byMember.rows.map((r) => [r.headName, r.matchedMember])).toEqual([['李旺', '陈霞华']]);
    const byHead = await t.clerk.call('households.list', { q: '李旺', offset: 0, limit: 10 });
    expect(byHead.rows.map((r) => r.matchedMember)).toEqual([null]);
  });

  it('an objection and its 民主评议 cannot be dated ahead; 复核 not in the future nor before the decision', async () => {
    const { t, clock } = c;
    let k = await newCase();
    k = await preliminaryDone(c, k, '2026-11-20');
    k = await t.clerk.call('cases.publicize', { id: k.id, version: k.version, startOn: '2026-11-20' });
    clock.set('2026-11-23');
    const ahead = await t.clerk.try('cases.objection', {
      id: k.id,
      version: k.version,
      onDate: '2026-11-23',
      content: '群众反映有经营性收入',
      resolution: 'deliberation',
      deliberation: { onDate: '2026-11-25', participants: 9, result: 'agree' },
    });
    expect(!ahead.ok && ahead.error.message).toBe('民主评议日期（2026-11-25）不能晚于今天（2026-11-23）');
    await unchanged(k);

    const page = await household(c, [member('周大爷', '1950-03-01', 'M', '户主')], 360_000);
    const a = await approvedCase(
      c,
      { householdId: page.household.id, category: 'dibao', appliedOn: '2026-11-23' },
      '2026-12-07',
    );
    const future = await t.clerk.try('cases.recheck', {
      id: a.id,
      version: a.version,
      onDate: '2026-12-08',
      result: 'unchanged',
    });
    expect(!future.ok && future.error.message).toBe('复核日期（2026-12-08）不能晚于今天（2026-12-07）');
    const before = await t.clerk.try('cases.recheck', {
      id: a.id,
      version: a.version,
      onDate: '2026-12-06',
      result: 'unchanged',
    });
    expect(!before.ok && before.error.message).toBe('复核日期（2026-12-06）不能早于审核确认日期（2026-12-07）');
    await unchanged(a);
  });
});

describe('受理 without a 保障标准', () => {
  it('the case says at once that no standard exists for its category and area (not first at approval)', async () => {
    const page = await household(c, [member('钱七', '1960-03-01', 'M', '户主')], 0);
    const k = await c.t.clerk.call('cases.create', {
      householdId: page.household.id,
      category: 'dibao',
      appliedOn: '2026-11-20',
    });
    expect(k.warnings).toEqual([]); // putStandards entered the 2026 低保 standard
    const d = await household(c, [member('孙八', '1962-03-01', 'M', '户主')], 0);
    const g = await c.t.clerk.call('cases.create', {
      householdId: d.household.id,
      category: 'gangxing',
      appliedOn: '2026-11-20',
    });
    expect(g.warnings).toEqual([
      '尚未录入农村“刚性支出困难家庭”在 2026-11 适用的保障标准，请审核人先在“保障标准”中录入',
    ]);
  });
});
