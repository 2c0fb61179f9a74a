// The month's elderly-services figures the report package reads: facilities by type and status as of the month's
// end, beds, meals, operating facilities that owe the month's figures, the register and the visit rate.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeElderlyFigures } from '../../../src/main/ledger/stations/figures';
import { idCheckChar } from '../../../src/shared/idcard';
import { makeTestCore, type TestCore } from '../../helpers/ledger';

let t: TestCore;
const clock = new Date('2026-03-31T02:00:00Z');
const ids: Record<string, string> = {};

const makeId = (birth: string, seq: string): string => `321202${birth}${seq}` + idCheckChar(`321202${birth}${seq}`);

beforeAll(async () => {
  t = await makeTestCore({ now: () => clock });
  const villageId = (await t.admin.call('villages.list', {}))[0]!.id;
  const facility = async (
    key: string,
    name: string,
    type: 'station' | 'meal_point' | 'nursing_home' | 'center' | 'mutual_aid',
    openedOn: string | null,
    beds: [number, number],
  ) => {
    const f = await t.clerk.call('stations.facilities.create', {
      name,
      type,
      villageId,
      address: '城东街道',
      operatorName: '城东街道办事处',
      operatorUscc: null,
      legalForm: 'unregistered',
      operatingModel: 'public_public',
      bedsTotal: beds[0],
      bedsNursing: beds[1],
      bedsOccupied: 0,
      staffCount: 5,
      carerCount: 2,
      serviceItems: ['meal', 'day_care'],
      status: openedOn ? 'operating' : 'building',
      openedOn,
    });
    ids[key] = f.id;
    return f;
  };
  await facility('F1', '城东社区养老服务站', 'station', '2025-06-01', [10, 4]);
  await facility('F2', '凤凰社区老年食堂', 'meal_point', '2026-03-05', [0, 0]);
  await facility('F3', '城东敬老院', 'nursing_home', '2010-06-01', [50, 30]);
  await facility('F4', '城东街道养老服务中心', 'center', null, [40, 20]);
  const f5 = await facility('F5', '永丰村互助养老点', 'mutual_aid', '2025-01-01', [6, 0]);
  const month = (key: string, served: number, subsidised: number, occupied: number) =>
    t.clerk.call('stations.months.save', {
      facilityId: ids[key]!,
      month: '2026-03',
      mealsServed: served,
      mealsSubsidised: subsidised,
      served: { day_care: 3 },
      bedsOccupied: occupied,
    });
  await month('F1', 600, 400, 7);
  await month('F2', 300, 300, 0);
  await month('F5', 50, 50, 2);
  await t.clerk.call('stations.facilities.close', {
    id: f5.id,
    version: f5.version,
    closedOn: '2026-03-10',
    reason: '并入服务站',
  });

  const register = (
    idNumber: string,
    name: string,
    riskLevel: 'high' | 'key',
    categories: ('alone' | 'disabled' | 'empty_nest')[],
    registeredOn: string,
  ) =>
    t.clerk.call('elderly.register', {
      idNumber,
      name,
      villageId,
      categories,
      riskLevel,
      registeredOn,
    });
  const high = await register(makeId('19400101', '011'), '钱大爷', 'high', ['alone', 'disabled'], '2026-01-10');
  await register(makeId('19410202', '022'), '吴奶奶', 'key', ['empty_nest'], '2026-03-15');
  const gone = await register(makeId('19420303', '033'), '郑大爷', 'key', ['alone'], '2026-01-05');
  await t.clerk.call('elderly.end', { id: gone.id, version: gone.version, endedOn: '2026-02-15', reason: '死亡' });
  await t.clerk.call('elderly.visits.add', {
    elderlyId: high.id,
    visitedOn: '2026-03-12',
    way: 'home',
    visitor: '陈网格员',
    findings: '正常',
  });
});
afterAll(() => t.close());

describe('computeElderlyFigures', () => {
  it('counts facilities by type and by their status at the month end', async () => {
    const f = await computeElderlyFigures(t.core.ledger.db, '2026-03');
    expect(f.facilities.byStatus).toEqual({ building: 1, operating: 3, closed: 1 });
    expect(f.facilities.total).toBe(5);
    expect(f.facilities.openedInMonth).toBe(1);
    expect(f.facilities.closedInMonth).toBe(1);
    const byType = Object.fromEntries(f.facilities.byType.map((r) => [r.type, r]));
    expect(byType.station).toEqual({ type: 'station', building: 0, operating: 1, closed: 0, total: 1 });
    expect(byType.center).toMatchObject({ building: 1, total: 1 });
    expect(byType.mutual_aid).toMatchObject({ closed: 1, total: 1 });
    expect(byType.other).toMatchObject({ total: 0 });
    // Sum of parts equals the whole.
    expect(f.facilities.byType.reduce((s, r) => s + r.total, 0)).toBe(f.facilities.total);
  });

  it('adds beds of operating facilities and the meals of the month, and names who has not reported', async () => {
    const f = await computeElderlyFigures(t.core.ledger.db, '2026-03');
    expect(f.beds).toEqual({ total: 60, nursing: 34, occupied: 7 });
    expect(f.meals).toEqual({ served: 950, subsidised: 750 });
    expect(f.missingMonthly).toEqual([{ facilityId: ids.F3, name: '城东敬老院' }]);
  });

  it('counts the register at the month end and the visit rate', async () => {
    const f = await computeElderlyFigures(t.core.ledger.db, '2026-03');
    expect(f.elderly.total).toBe(2);
    expect(f.elderly.byCategory).toEqual({
      alone: 1,
      empty_nest: 1,
      left_behind: 0,
      disabled: 1,
      severe_disability: 0,
      family_planning: 0,
    });
    expect(f.elderly.byRisk).toEqual({ high: 1, key: 1, general: 0 });
    // 吴奶奶 registered 03-15 is first due in April; 钱大爷 was visited.
    expect(f.visits).toEqual({ due: 1, done: 1, rate: 1, records: 1 });
  });

  it('looks back: an earlier month sees the facilities and people as they were', async () => {
    const feb = await computeElderlyFigures(t.core.ledger.db, '2026-02');
    // 老年食堂 opened in March and the centre was entered in March: neither existed at February's end.
    expect(feb.facilities.byStatus).toEqual({ building: 0, operating: 3, closed: 0 });
    expect(feb.meals).toEqual({ served: 0, subsidised: 0 });
    expect(feb.missingMonthly.map((m) => m.name).sort()).toEqual(
      ['城东敬老院', '城东社区养老服务站', '永丰村互助养老点'].sort(),
    );
    // 郑大爷 left on 02-15; 钱大爷 was due and not visited in February.
    expect(feb.elderly.total).toBe(1);
    expect(feb.visits).toMatchObject({ due: 2, done: 0, rate: 0 });
  });

  it('is what the screen shows', async () => {
    expect(await t.clerk.call('stations.figures', { month: '2026-03' })).toEqual(
      await computeElderlyFigures(t.core.ledger.db, '2026-03'),
    );
  });
});
