// Per-person services on the special-difficulty register: 居家适老化改造 and 助餐 by facility and month.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCheckChar } from '../../../src/shared/idcard';
import { makeTestCore, type TestCore } from '../../helpers/ledger';

let t: TestCore;
let personId: string;
let mealPoint: string;
let station: string;

beforeAll(async () => {
  t = await makeTestCore({ now: () => new Date('2026-03-31T02:00:00Z') });
  const villageId = (await t.admin.call('villages.list', {}))[0]!.id;
  const f17 = '32120219400101011';
  const p = await t.clerk.call('elderly.register', {
    idNumber: f17 + idCheckChar(f17),
    name: '钱大爷',
    villageId,
    categories: ['alone'],
    riskLevel: 'key',
    registeredOn: '2026-01-05',
  });
  personId = p.id;
  const facility = async (name: string, items: ('meal' | 'day_care')[]) =>
    (
      await t.clerk.call('stations.facilities.create', {
        name,
        type: 'meal_point',
        address: '城东街道',
        operatorName: '城东街道办事处',
        legalForm: 'unregistered',
        operatingModel: 'public_public',
        bedsTotal: 0,
        bedsNursing: 0,
        bedsOccupied: 0,
        staffCount: 2,
        carerCount: 0,
        serviceItems: items,
        status: 'operating',
        openedOn: '2026-02-01',
      })
    ).id;
  mealPoint = await facility('凤凰社区老年食堂', ['meal']);
  station = await facility('日间照料站', ['day_care']);
});
afterAll(() => t.close());

describe('per-person services', () => {
  it('records a home adaptation with its subsidy', async () => {
    const r = await t.clerk.call('elderly.services.add', {
      elderlyId: personId,
      kind: 'home_adaptation',
      onDate: '2026-03-10',
      items: '卫生间扶手、防滑地面、紧急呼叫器',
      contractor: '海陵区康居装饰',
      subsidyFen: 300_000,
    });
    expect(r).toMatchObject({ kind: 'home_adaptation', subsidyFen: 300_000, onDate: '2026-03-10' });
    const noItems = await t.clerk.try('elderly.services.add', {
      elderlyId: personId,
      kind: 'home_adaptation',
      onDate: '2026-03-10',
      items: ' ',
      subsidyFen: 0,
    });
    expect(!noItems.ok && noItems.error.fields?.items).toBe('请填写改造项目');
  });

  it('records meals by facility and month, once, only at a facility serving meals while it runs', async () => {
    const meal = {
      elderlyId: personId,
      kind: 'meal' as const,
      month: '2026-03',
      facilityId: mealPoint,
      meals: 22,
      subsidyFen: 6_600,
    };
    const r = await t.clerk.call('elderly.services.add', meal);
    expect(r).toMatchObject({ facilityName: '凤凰社区老年食堂', meals: 22 });
    const twice = await t.clerk.try('elderly.services.add', meal);
    expect(!twice.ok && twice.error.code).toBe('CONFLICT');
    const noMeals = await t.clerk.try('elderly.services.add', { ...meal, facilityId: station });
    expect(!noMeals.ok && noMeals.error.fields?.facilityId).toBe('该设施未开展助餐服务');
    const beforeOpening = await t.clerk.try('elderly.services.add', { ...meal, month: '2026-01' });
    expect(!beforeOpening.ok && beforeOpening.error.fields?.month).toBe('助餐点当月尚未开业');
    const future = await t.clerk.try('elderly.services.add', { ...meal, month: '2026-04' });
    expect(!future.ok && future.error.fields?.month).toBe('不能晚于本月');

    const voided = await t.clerk.call('elderly.services.void', { id: r.id, version: r.version, reason: '重复登记' });
    expect(voided.voided).toBe(true);
    // Once voided, the month can be entered again.
    await t.clerk.call('elderly.services.add', { ...meal, meals: 20 });
    const list = await t.clerk.call('elderly.services.list', { elderlyId: personId });
    expect(list.map((s) => [s.kind, s.meals ?? s.items, s.voided])).toEqual(
      expect.arrayContaining([
        ['meal', 22, true],
        ['meal', 20, false],
        ['home_adaptation', '卫生间扶手、防滑地面、紧急呼叫器', false],
      ]),
    );
    const journal = await t.core.ledger.db
      .selectFrom('journal')
      .select('action')
      .where('entity', '=', 'elderly_services')
      .execute();
    expect(journal.map((j) => j.action)).toEqual([
      'elderly.service.home_adaptation',
      'elderly.service.meal',
      'elderly.service.void',
      'elderly.service.meal',
    ]);
  });
});
