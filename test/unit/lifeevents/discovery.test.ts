// 主动发现: every rule of the set at its boundary (grade 2 vs 3, 18th birthday, 80th birthday, 12 months), accepting a
// lead starts the application / register / monitoring entry, dismissing needs a reason; and the monitoring list.
import { afterEach, describe, expect, it } from 'vitest';
import { approvedCase, household, member, putStandards, setup, type Ctx } from '../cases/fixtures';

let c: Ctx | undefined;
afterEach(async () => {
  await c?.t.close();
  c = undefined;
});

const D = '2026-06-15';

describe('主动发现 rules at their boundaries', () => {
  it('finds exactly the subjects on the right side of each boundary', async () => {
    c = await setup('2025-03-03');
    const { t, clock } = c;
    await putStandards(c);
    const dibao = async (members: Parameters<typeof household>[1], on: string, decide: string) => {
      const page = await household(c!, members, 0);
      const k = await approvedCase(c!, { householdId: page.household.id, category: 'dibao', appliedOn: on }, decide);
      return { page, k };
    };
    // Rule 5: stopped 11 months before June 2026 (first unpaid month 2025-07) vs 12 months (2025-06).
    const s11 = await dibao([member('停十一', '1970-01-01', 'M', '户主')], '2025-03-03', '2025-03-20');
    const s12 = await dibao([member('停十二', '1971-01-01', 'M', '户主')], '2025-03-03', '2025-03-20');
    clock.set('2025-05-10');
    await t.reviewer.call('cases.stop', {
      id: s11.k.id,
      version: s11.k.version,
      stopMonth: '2025-07',
      reason: '收入超过标准',
    });
    await t.reviewer.call('cases.stop', {
      id: s12.k.id,
      version: s12.k.version,
      stopMonth: '2025-06',
      reason: '收入超过标准',
    });

    // Rules 1–2: a 低保 household with a grade-2 and a grade-3 disabled member.
    const dis = await dibao(
      [
        member('残二级', '1975-01-01', 'M', '户主', { disabilityType: '肢体', disabilityGrade: 2 }),
        member('残三级', '1976-01-01', 'F', '配偶', { disabilityType: '视力', disabilityGrade: 3 }),
      ],
      '2026-05-04',
      '2026-05-20',
    );
    // Rule 4: alone, 80 on the day vs 79 (80 tomorrow), both in paying households.
    await dibao([member('满八十', '1946-06-15', 'F', '户主')], '2026-05-04', '2026-05-20');
    await dibao([member('差一天', '1946-06-16', 'F', '户主')], '2026-05-04', '2026-05-20');
    // Rule 6: two 特困 persons, one assessed.
    const tk = async (name: string, birth: string, assess: boolean) => {
      const page = await household(c!, [member(name, birth, 'M', '户主', { labourCapacity: 'none' })], 0);
      const personId = page.members[0]!.personId;
      if (assess) {
        clock.set('2026-05-04');
        await t.clerk.call('people.assessSelfCare', {
          personId,
          assessedOn: '2026-05-04',
          assessor: '张经办',
          items: { eat: true, dress: true, bed: true, toilet: true, walk: true, bathe: true },
        });
      }
      return approvedCase(
        c!,
        {
          householdId: page.household.id,
          category: 'tekun',
          supportMode: 'dispersed',
          personId,
          appliedOn: '2026-05-04',
        },
        '2026-05-28',
      );
    };
    await tk('未评估', '1950-01-01', false);
    await tk('已评估', '1951-01-01', true);
    // Rule 3: father died, mother in prison; one child 18 tomorrow, one 18 today.
    clock.set('2026-06-01');
    const fam = await household(c, [
      member('父亲甲', '1980-01-01', 'M', '户主'),
      member('母亲乙', '1982-01-01', 'F', '配偶'),
      member('未满十八', '2008-06-16', 'F', '女'),
      member('刚满十八', '2008-06-15', 'M', '子'),
    ]);
    const byName = (n: string) => fam.members.find((m) => m.name === n)!;
    clock.set('2026-06-10');
    await t.clerk.call('households.removeMember', {
      householdId: fam.household.id,
      personId: byName('母亲乙').personId,
      leftOn: '2026-06-05',
      reason: '服刑',
    });
    await t.clerk.call('deaths.record', {
      personId: byName('父亲甲').personId,
      diedOn: '2026-05-20',
      source: 'police',
    });

    clock.set(D);
    expect(await t.clerk.call('discovery.run', {})).toEqual({ found: 7, added: 7 });
    const leads = await t.clerk.call('discovery.leads', { status: 'open' });
    const seen = leads.map((l) => [l.rule, l.personName ?? l.headName]).sort();
    expect(seen).toEqual(
      [
        ['care_subsidy_missing', '残二级'],
        ['elderly_alone_unregistered', '满八十'],
        ['living_subsidy_missing', '残三级'],
        ['living_subsidy_missing', '残二级'],
        ['orphan_unprotected', '未满十八'],
        ['stopped_not_monitored', '停十一'],
        ['tekun_no_assessment', '未评估'],
      ].sort(),
    );
    expect(leads.find((l) => l.rule === 'orphan_unprotected')!.facts.parents).toContain('服刑');
    // A second run the same day adds nothing.
    expect(await t.clerk.call('discovery.run', {})).toEqual({ found: 7, added: 0 });

    // Accept: 护理补贴 application for 残二级; monitoring for the stopped household; dismiss needs a reason.
    const care = leads.find((l) => l.rule === 'care_subsidy_missing')!;
    const accepted = await t.clerk.call('discovery.decide', { id: care.id, version: care.version, decision: 'accept' });
    expect(accepted).toMatchObject({ status: 'accepted', outcomeRef: { kind: 'case' } });
    const app = await t.clerk.call('cases.get', { id: accepted.outcomeRef!.id! });
    expect(app).toMatchObject({ category: 'canji_care', status: 'applied', householdId: dis.page.household.id });
    const stopped = leads.find((l) => l.rule === 'stopped_not_monitored')!;
    const mon = await t.clerk.call('discovery.decide', {
      id: stopped.id,
      version: stopped.version,
      decision: 'accept',
    });
    expect(mon.outcomeRef).toMatchObject({ kind: 'monitoring' });
    const elder = leads.find((l) => l.rule === 'elderly_alone_unregistered')!;
    const noReason = await t.clerk.try('discovery.decide', {
      id: elder.id,
      version: elder.version,
      decision: 'dismiss',
    });
    expect(!noReason.ok && noReason.error.message).toContain('须填写原因');
    await t.clerk.call('discovery.decide', {
      id: elder.id,
      version: elder.version,
      decision: 'dismiss',
      reason: '与女儿同住，户籍未迁',
    });
    // Next day: the 护理补贴 application exists (rule 1 no longer finds 残二级), the household is monitored, the girl
    // is 18 today; 差一天 is 80 today and is the one new lead; the dismissed lead is not raised again.
    clock.set('2026-06-16');
    expect(await t.clerk.call('discovery.run', {})).toEqual({ found: 5, added: 1 });
    const fresh = await t.clerk.call('discovery.leads', { status: 'open', rule: 'elderly_alone_unregistered' });
    expect(fresh.map((l) => [l.personName, l.foundOn])).toEqual([['差一天', '2026-06-16']]);

    // The monitoring list: the accepted household, quarterly review, a visit and a review that moves it on.
    const list = await t.clerk.call('monitoring.list', { status: 'active' });
    expect(list.rows).toHaveLength(1);
    let e = list.rows[0]!;
    expect(e).toMatchObject({ group: 'stopped', headName: '停十一', startedOn: D, nextReviewOn: '2026-09-15' });
    e = await t.clerk.call('monitoring.record', {
      id: e.id,
      version: e.version,
      kind: 'visit',
      onDate: '2026-06-16',
      detail: '入户走访，务工收入不稳定',
    });
    e = await t.clerk.call('monitoring.record', {
      id: e.id,
      version: e.version,
      kind: 'review',
      onDate: '2026-06-16',
      detail: '复核：暂不符合低保，继续监测',
    });
    expect(e.nextReviewOn).toBe('2026-09-16');
    const counts = await t.clerk.call('monitoring.counts', { month: '2026-06' });
    expect(counts).toMatchObject({
      active: 1,
      byGroup: { stopped: 1 },
      visitsInMonth: 1,
      reviewsInMonth: 1,
      startedInMonth: 1,
    });
  });
});
