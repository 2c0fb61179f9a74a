// A facility's life through the real dispatcher on a real ledger file: opening, licences, monthly figures, an
// inspection with its rectification, a rating and the operating subsidy it allows, complaints, closing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestCore, type TestCore } from '../../helpers/ledger';
import type { FacilityView } from '../../../src/shared/api/stations';

let t: TestCore;
const clock = new Date('2026-03-20T02:00:00Z'); // 2026-03-20 10:00 in China
let villageId: string;

beforeAll(async () => {
  t = await makeTestCore({ now: () => clock });
  const villages = await t.admin.call('villages.list', {});
  villageId = villages[0]!.id;
});
afterAll(() => t.close());

const station = (over: Record<string, unknown> = {}) => ({
  name: '城东社区养老服务站',
  type: 'station' as const,
  villageId,
  address: '城东街道凤凰路 8 号',
  operatorName: '泰州市海陵区乐龄养老服务中心',
  operatorUscc: '52110105MJ0000018A',
  legalForm: 'private_non_enterprise' as const,
  operatingModel: 'public_private' as const,
  premises: 'owned' as const,
  contactName: '周站长',
  contactPhone: '0523-86000000',
  bedsTotal: 10,
  bedsNursing: 4,
  bedsOccupied: 3,
  staffCount: 6,
  carerCount: 3,
  serviceItems: ['meal', 'day_care', 'bath'] as ('meal' | 'day_care' | 'bath')[],
  remark: null,
  status: 'building' as const,
  openedOn: null,
  ...over,
});

async function journalCount(): Promise<number> {
  const r = await t.core.ledger.db
    .selectFrom('journal')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function facilityCount(): Promise<number> {
  const r = await t.core.ledger.db
    .selectFrom('facilities')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

describe('credit code (GB 32100) of the operator', () => {
  it('refuses a wrong check character, names the field, and writes nothing', async () => {
    const before = await facilityCount();
    const r = await t.clerk.try('stations.facilities.create', station({ operatorUscc: '91320621MA1MRHG207' }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('BAD_INPUT');
    expect(r.error.fields?.operatorUscc).toMatch(/统一社会信用代码有误：校验码错误/);
    expect(await facilityCount()).toBe(before);
  });

  it('refuses a 9-character old organisation code with a hint', async () => {
    const r = await t.clerk.try('stations.facilities.create', station({ operatorUscc: 'MA1MRHG20' }));
    expect(!r.ok && r.error.fields?.operatorUscc).toMatch(/组织机构代码/);
  });

  it('requires a code unless the operator is unregistered', async () => {
    const r = await t.clerk.try('stations.facilities.create', station({ operatorUscc: '' }));
    expect(!r.ok && r.error.fields?.operatorUscc).toBe('已登记的运营方须填写统一社会信用代码');
  });

  it('normalises a code typed in lower case with spaces', async () => {
    const f = await t.clerk.call(
      'stations.facilities.create',
      station({ name: '永丰村互助养老点', type: 'mutual_aid', operatorUscc: ' 91320621ma1mrhg205 ' }),
    );
    expect(f.operatorUscc).toBe('91320621MA1MRHG205');
  });
});

describe('validation of a facility', () => {
  it('refuses more nursing beds or residents than beds', async () => {
    const r = await t.clerk.try('stations.facilities.create', station({ bedsNursing: 12, bedsOccupied: 11 }));
    expect(!r.ok && r.error.fields).toMatchObject({
      bedsNursing: '护理型床位数不能超过床位总数',
      bedsOccupied: '在住人数不能超过床位总数',
    });
  });

  it('an operating facility needs its opening date, a facility under construction has none', async () => {
    const a = await t.clerk.try('stations.facilities.create', station({ status: 'operating', openedOn: null }));
    expect(!a.ok && a.error.fields?.openedOn).toBe('运营中的设施须填写开业日期');
    const b = await t.clerk.try('stations.facilities.create', station({ openedOn: '2026-01-01' }));
    expect(!b.ok && b.error.fields?.openedOn).toMatch(/建设中的设施还没有开业日期/);
  });

  it('refuses an opening date in the future', async () => {
    const r = await t.clerk.try('stations.facilities.create', station({ status: 'operating', openedOn: '2026-04-01' }));
    expect(!r.ok && r.error.message).toBe('开业日期不能晚于今天（2026-03-20）');
  });
});

describe("a station's life", () => {
  let f: FacilityView;

  it('is entered under construction and journalled', async () => {
    const before = await journalCount();
    f = await t.clerk.call('stations.facilities.create', station());
    expect(f.status).toBe('building');
    expect(f.ratingScheme).toBe('star');
    expect(f.villageName).not.toBe('');
    expect(await journalCount()).toBe(before + 1);
    const dup = await t.clerk.try('stations.facilities.create', station());
    expect(!dup.ok && dup.error.code).toBe('CONFLICT');
  });

  it('cannot take monthly figures before it opens', async () => {
    const r = await t.clerk.try('stations.months.save', {
      facilityId: f.id,
      month: '2026-02',
      mealsServed: 10,
      mealsSubsidised: 5,
      served: {},
      bedsOccupied: 0,
    });
    expect(!r.ok && r.error.message).toMatch(/尚未开业/);
  });

  it('opens, refusing a stale version', async () => {
    const stale = await t.clerk2.try('stations.facilities.open', {
      id: f.id,
      version: f.version + 1,
      openedOn: '2026-01-05',
    });
    expect(!stale.ok && stale.error.message).toMatch(/已被他人修改/);
    f = await t.clerk.call('stations.facilities.open', { id: f.id, version: f.version, openedOn: '2026-01-05' });
    expect(f.status).toBe('operating');
    expect(f.openedOn).toBe('2026-01-05');
  });

  it('keeps its licences and flags the ones about to expire', async () => {
    f = await t.clerk.call('stations.licences.add', {
      facilityId: f.id,
      kind: 'food',
      number: 'JY33212020001234',
      issuer: '海陵区市场监管局',
      issuedOn: '2021-04-20',
      expiresOn: '2026-04-19',
    });
    expect(f.licences[0]).toMatchObject({ kind: 'food', state: 'expiring' });
    const bad = await t.clerk.try('stations.licences.add', {
      facilityId: f.id,
      kind: 'fire',
      number: 'X1',
      issuedOn: '2026-01-01',
      expiresOn: '2025-12-31',
    });
    expect(!bad.ok && bad.error.fields?.expiresOn).toBe('有效期至不能早于发证日期');
  });

  it('takes one row of monthly figures per month, edited with its version', async () => {
    const jan = await t.clerk.call('stations.months.save', {
      facilityId: f.id,
      month: '2026-01',
      mealsServed: 620,
      mealsSubsidised: 410,
      served: { day_care: 18, bath: 7 },
      bedsOccupied: 6,
      note: null,
    });
    expect(jan.version).toBe(1);
    const again = await t.clerk2.try('stations.months.save', {
      facilityId: f.id,
      month: '2026-01',
      mealsServed: 1,
      mealsSubsidised: 0,
      served: {},
      bedsOccupied: 0,
    });
    expect(!again.ok && again.error.message).toMatch(/已经填报过/);
    const edited = await t.clerk.call('stations.months.save', {
      facilityId: f.id,
      month: '2026-01',
      version: jan.version,
      mealsServed: 640,
      mealsSubsidised: 410,
      served: { day_care: 18, bath: 7 },
      bedsOccupied: 6,
    });
    expect(edited).toMatchObject({ version: 2, mealsServed: 640 });
    const stale = await t.clerk2.try('stations.months.save', {
      facilityId: f.id,
      month: '2026-01',
      version: jan.version,
      mealsServed: 1,
      mealsSubsidised: 0,
      served: {},
      bedsOccupied: 0,
    });
    expect(!stale.ok && stale.error.code).toBe('CONFLICT');
    const rows = await t.clerk.call('stations.months.list', { facilityId: f.id });
    expect(rows.map((r) => [r.month, r.mealsServed])).toEqual([['2026-01', 640]]);
  });

  it('refuses impossible monthly figures and writes nothing', async () => {
    const base = { facilityId: f.id, month: '2026-02', served: {}, bedsOccupied: 0 };
    const more = await t.clerk.try('stations.months.save', { ...base, mealsServed: 10, mealsSubsidised: 11 });
    expect(!more.ok && more.error.fields?.mealsSubsidised).toBe('享受补贴助餐人次不能超过助餐总人次');
    const notOffered = await t.clerk.try('stations.months.save', {
      ...base,
      mealsServed: 0,
      mealsSubsidised: 0,
      served: { medical: 3 },
    });
    expect(!notOffered.ok && notOffered.error.fields?.['served.medical']).toBe('该设施未开展助医服务');
    const beds = await t.clerk.try('stations.months.save', {
      ...base,
      mealsServed: 0,
      mealsSubsidised: 0,
      bedsOccupied: 11,
    });
    expect(!beds.ok && beds.error.fields?.bedsOccupied).toMatch(/不能超过床位总数 10/);
    const future = await t.clerk.try('stations.months.save', {
      ...base,
      month: '2026-04',
      mealsServed: 0,
      mealsSubsidised: 0,
    });
    expect(!future.ok && future.error.fields?.month).toBe('不能晚于本月');
    const earlier = await t.clerk.try('stations.months.save', {
      ...base,
      month: '2025-12',
      mealsServed: 0,
      mealsSubsidised: 0,
    });
    expect(!earlier.ok && earlier.error.fields?.month).toBe('不能早于开业月份 2026-01');
    expect(await t.clerk.call('stations.months.list', { facilityId: f.id })).toHaveLength(1);
  });

  it('records an inspection with a hazard, lists it as due, and closes the rectification', async () => {
    const noDeadline = await t.clerk.try('stations.inspections.add', {
      facilityId: f.id,
      inspectedOn: '2026-03-02',
      kind: '消防检查',
      inspectors: '王安全、李消防',
      findings: '厨房灭火器过期',
      hazard: true,
    });
    expect(!noDeadline.ok && noDeadline.error.fields?.rectifyBy).toBe('发现隐患须填写整改期限');
    const i = await t.clerk.call('stations.inspections.add', {
      facilityId: f.id,
      inspectedOn: '2026-03-02',
      kind: '消防检查',
      inspectors: '王安全、李消防',
      findings: '厨房灭火器过期',
      hazard: true,
      rectifyBy: '2026-03-16',
    });
    expect(i).toMatchObject({ status: 'open', overdue: true });
    const due = await t.clerk.call('stations.inspections.due', {});
    expect(due.rows.map((r) => [r.facilityName, r.rectifyBy, r.overdue])).toEqual([
      ['城东社区养老服务站', '2026-03-16', true],
    ]);
    expect((await t.clerk.call('stations.facilities.get', { id: f.id })).overdueRectifications).toBe(1);

    const early = await t.clerk.try('stations.inspections.close', {
      id: i.id,
      version: i.version,
      rectifiedOn: '2026-03-01',
      note: '已更换',
    });
    expect(!early.ok && early.error.fields?.rectifiedOn).toBe('不能早于 2026-03-02');
    const closed = await t.clerk.call('stations.inspections.close', {
      id: i.id,
      version: i.version,
      rectifiedOn: '2026-03-18',
      note: '已更换灭火器 4 具，复查合格',
    });
    expect(closed).toMatchObject({ status: 'closed', rectifiedOn: '2026-03-18', overdue: false });
    expect((await t.clerk.call('stations.inspections.due', {})).total).toBe(0);
    const j = await t.core.ledger.db
      .selectFrom('journal')
      .selectAll()
      .where('action', '=', 'facility.inspection.close')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(j.after ?? '{}')).toMatchObject({ status: 'closed', late: true });
  });

  it('refuses an operating subsidy without a valid rating, then accepts it once rated', async () => {
    const refused = await t.clerk.try('stations.subsidies.add', {
      facilityId: f.id,
      kind: 'operating',
      amountFen: 2_000_000,
      grantedOn: '2026-03-10',
    });
    expect(!refused.ok && refused.error.message).toMatch(/运营补贴须以有效的星级\/等级评定为依据/);

    f = await t.clerk.call('stations.ratings.add', {
      facilityId: f.id,
      grade: 3,
      score: 372,
      ratedOn: '2026-03-05',
      ratedBy: '海陵区民政局',
    });
    expect(f.rating).toBe('三星级');
    expect(f.ratings[0]).toMatchObject({ label: '三星级', validUntil: '2029-03-04', current: true });

    const beforeRating = await t.clerk.try('stations.subsidies.add', {
      facilityId: f.id,
      kind: 'operating',
      amountFen: 2_000_000,
      grantedOn: '2026-03-01',
    });
    expect(!beforeRating.ok).toBe(true);

    f = await t.clerk.call('stations.subsidies.add', {
      facilityId: f.id,
      kind: 'operating',
      amountFen: 2_000_000,
      grantedOn: '2026-03-10',
      period: '2026年第一季度',
      documentNo: '海民〔2026〕12号',
    });
    f = await t.clerk.call('stations.subsidies.add', {
      facilityId: f.id,
      kind: 'construction',
      amountFen: 15_000_050,
      grantedOn: '2025-12-20',
    });
    expect(f.subsidies.map((s) => [s.kind, s.ratingLabel])).toEqual([
      ['operating', '三星级'],
      ['construction', null],
    ]);
    expect(f.subsidyTotalFen).toBe(17_000_050);
    const r0 = f.ratings[0]!;
    const voidRating = await t.reviewer.try('stations.ratings.void', {
      id: r0.id,
      version: r0.version,
      reason: '录入错误',
    });
    expect(!voidRating.ok && voidRating.error.message).toMatch(/运营补贴的依据/);
    const clerkVoid = await t.clerk.try('stations.subsidies.void', {
      id: f.subsidies[0]!.id,
      version: f.subsidies[0]!.version,
      reason: 'x',
    });
    expect(!clerkVoid.ok && clerkVoid.error.code).toBe('FORBIDDEN');
  });

  it('records and closes a complaint', async () => {
    const c = await t.clerk.call('stations.complaints.add', {
      facilityId: f.id,
      receivedOn: '2026-03-11',
      channel: '12345热线',
      complainant: null,
      content: '午餐送餐不及时',
    });
    const done = await t.clerk.call('stations.complaints.close', {
      id: c.id,
      version: c.version,
      handledOn: '2026-03-13',
      result: '约谈运营方，调整配送路线',
    });
    expect(done.status).toBe('closed');
    const again = await t.clerk.try('stations.complaints.close', {
      id: c.id,
      version: done.version,
      handledOn: '2026-03-13',
      result: '重复',
    });
    expect(!again.ok && again.error.message).toMatch(/已办结/);
  });

  it('closes with a reason, after which nothing later can be entered', async () => {
    const noReason = await t.clerk.try('stations.facilities.close', {
      id: f.id,
      version: f.version,
      closedOn: '2026-03-19',
      reason: ' ',
    });
    expect(!noReason.ok && noReason.error.fields?.reason).toBe('请填写停止运营原因');
    f = await t.clerk.call('stations.facilities.close', {
      id: f.id,
      version: f.version,
      closedOn: '2026-03-19',
      reason: '运营方合同到期不再续约',
    });
    expect(f).toMatchObject({ status: 'closed', closedOn: '2026-03-19', closeReason: '运营方合同到期不再续约' });
    const march = await t.clerk.call('stations.months.save', {
      facilityId: f.id,
      month: '2026-03',
      mealsServed: 500,
      mealsSubsidised: 300,
      served: {},
      bedsOccupied: 5,
    });
    expect(march.month).toBe('2026-03');
    const rating = await t.clerk.try('stations.ratings.add', {
      facilityId: f.id,
      grade: 4,
      ratedOn: '2026-03-20',
      ratedBy: 'x',
    });
    expect(!rating.ok && rating.error.message).toMatch(/已停止运营/);
    const update = await t.clerk.try('stations.facilities.update', { ...station(), id: f.id, version: f.version });
    expect(!update.ok && update.error.code).toBe('RULE');
    const j = await t.core.ledger.db
      .selectFrom('journal')
      .selectAll()
      .where('entity_id', '=', f.id)
      .orderBy('seq')
      .execute();
    expect(j.map((e) => e.action)).toEqual(['facility.create', 'facility.open', 'facility.close']);
    expect(j[2]!.reason).toBe('运营方合同到期不再续约');
  });

  it('a nursing home is rated in levels', async () => {
    const home = await t.clerk.call('stations.facilities.create', {
      ...station({ name: '城东敬老院', type: 'nursing_home', status: 'operating', openedOn: '2010-06-01' }),
      operatorName: '城东街道敬老院',
      operatorUscc: null,
      legalForm: 'unregistered',
    });
    const rated = await t.clerk.call('stations.ratings.add', {
      facilityId: home.id,
      grade: 2,
      ratedOn: '2025-11-01',
      validUntil: '2028-10-31',
      ratedBy: '泰州市民政局',
    });
    expect(rated.rating).toBe('二级');
    const list = await t.clerk.call('stations.facilities.list', { type: 'nursing_home' });
    expect(list.rows.map((r) => [r.name, r.rating])).toEqual([['城东敬老院', '二级']]);
  });
});

describe('editing a facility', () => {
  it('journals only the changed fields, with the reason, and refuses a stale version', async () => {
    const f = await t.clerk.call(
      'stations.facilities.create',
      station({ name: '凤凰社区老年食堂', type: 'meal_point' }),
    );
    const edited = await t.clerk.call('stations.facilities.update', {
      ...station({ name: '凤凰社区老年食堂', type: 'meal_point' }),
      id: f.id,
      version: f.version,
      bedsTotal: 12,
      reason: '扩建',
    });
    expect(edited).toMatchObject({ bedsTotal: 12, version: f.version + 1 });
    const j = await t.core.ledger.db
      .selectFrom('journal')
      .selectAll()
      .where('entity_id', '=', f.id)
      .where('action', '=', 'facility.update')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(j.before ?? '')).toEqual({ beds_total: 10 });
    expect(JSON.parse(j.after ?? '')).toEqual({ beds_total: 12 });
    expect(j.reason).toBe('扩建');
    const stale = await t.clerk2.try('stations.facilities.update', {
      ...station({ name: '凤凰社区老年食堂', type: 'meal_point' }),
      id: f.id,
      version: f.version,
      bedsTotal: 20,
    });
    expect(!stale.ok && stale.error.message).toBe(
      '设施“凤凰社区老年食堂”已被他人修改，请刷新后重新编辑（您的修改未保存）',
    );
    expect((await t.clerk.call('stations.facilities.get', { id: f.id })).bedsTotal).toBe(12);
  });

  it('refuses a type whose rating scheme differs once the facility is rated', async () => {
    const home = (await t.clerk.call('stations.facilities.list', { type: 'nursing_home' })).rows[0]!;
    const full = await t.clerk.call('stations.facilities.get', { id: home.id });
    const r = await t.clerk.try('stations.facilities.update', {
      ...station({ name: full.name }),
      operatorUscc: null,
      legalForm: 'unregistered',
      id: full.id,
      version: full.version,
      type: 'station',
    });
    expect(!r.ok && r.error.fields?.type).toBe('已有评定，不能改为该类型');
  });
});

describe('importing monthly figures', () => {
  it('saves every row or none, naming the row and field that is wrong', async () => {
    const home = (await t.clerk.call('stations.facilities.list', { q: '城东敬老院' })).rows[0]!;
    const rows = [
      {
        facilityName: '城东敬老院',
        month: '2026-01',
        mealsServed: 900,
        mealsSubsidised: 600,
        served: {},
        bedsOccupied: 8,
      },
      {
        facilityName: '城东敬老院',
        month: '2026-02',
        mealsServed: 800,
        mealsSubsidised: 500,
        served: {},
        bedsOccupied: 11,
      },
      {
        facilityName: '不存在的设施',
        month: '2026-02',
        mealsServed: 1,
        mealsSubsidised: 0,
        served: {},
        bedsOccupied: 0,
      },
    ];
    const bad = await t.clerk.try('stations.months.import', { rows });
    expect(!bad.ok && bad.error.message).toMatch(/^2 行有误，全部未导入。/);
    expect(!bad.ok && bad.error.fields).toEqual({
      'rows.1.bedsOccupied': '月末在住人数不能超过床位总数 10',
      'rows.2.facilityName': '台账中没有该名称的设施',
    });
    // The valid first row was rolled back with the rest.
    expect(await t.clerk.call('stations.months.list', { facilityId: home.id })).toHaveLength(0);

    const ok = await t.clerk.call('stations.months.import', { rows: [rows[0]!, { ...rows[1]!, bedsOccupied: 9 }] });
    expect(ok).toEqual({ created: 2, updated: 0 });
    const again = await t.clerk.try('stations.months.import', { rows: [{ ...rows[0]!, bedsOccupied: 1 }] });
    expect(!again.ok && again.error.message).toMatch(/已经填报过/);
    expect(
      await t.clerk.call('stations.months.import', { rows: [{ ...rows[0]!, bedsOccupied: 1 }], overwrite: true }),
    ).toEqual({ created: 0, updated: 1 });
    const saved = await t.clerk.call('stations.months.list', { facilityId: home.id });
    expect(saved.map((m) => [m.month, m.bedsOccupied, m.version])).toEqual([
      ['2026-02', 9, 1],
      ['2026-01', 1, 2],
    ]);
  });
});

describe('searching facilities', () => {
  it('matches part of the name, operator or address, and treats % and _ literally', async () => {
    const hits = await t.clerk.call('stations.facilities.list', { q: '敬老' });
    expect(hits.rows.map((r) => r.name)).toEqual(['城东敬老院']);
    expect((await t.clerk.call('stations.facilities.list', { q: '乐龄' })).total).toBeGreaterThan(0);
    expect((await t.clerk.call('stations.facilities.list', { q: '%' })).total).toBe(0);
    expect((await t.clerk.call('stations.facilities.list', { q: '_' })).total).toBe(0);
  });
});
