// The special-difficulty register and a month of visits through the real dispatcher: registration rules and the
// link to the case ledger's people, the due-visit worklist, the monthly visit rate by village, leaving the register,
// the visit-plan setting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCheckChar } from '../../../src/shared/idcard';
import type { ElderlyView } from '../../../src/shared/api/stations';
import { makeTestCore, type TestCore } from '../../helpers/ledger';

const makeId = (birth: string, seq: string): string => {
  const first17 = `321202${birth}${seq}`;
  return first17 + idCheckChar(first17);
};

let t: TestCore;
let clock = new Date('2026-03-31T02:00:00Z');
let villageA: { id: string; name: string };
let villageB: { id: string; name: string };

beforeAll(async () => {
  t = await makeTestCore({ now: () => clock });
  const villages = await t.admin.call('villages.list', {});
  villageA = villages[0]!;
  villageB = villages[1]!;
});
afterAll(() => t.close());

const person = (over: Record<string, unknown> = {}) => ({
  idNumber: makeId('19440312', '021'),
  name: '王秀兰',
  villageId: villageA.id,
  address: '一组 12 号',
  phone: '13800000001',
  categories: ['alone'] as ('alone' | 'disabled' | 'empty_nest')[],
  riskLevel: 'high' as const,
  contactName: '王建国（儿子）',
  contactPhone: '13900000002',
  remark: null,
  registeredOn: '2026-01-10',
  ...over,
});

async function count(table: 'elderly_people' | 'elderly_visits'): Promise<number> {
  const r = await t.core.ledger.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

describe('registering a person with special difficulties', () => {
  it('refuses a wrong ID number, naming the field, and writes nothing', async () => {
    const good = makeId('19440312', '021');
    const bad = good.slice(0, 17) + (good.endsWith('1') ? '2' : '1');
    const r = await t.clerk.try('elderly.register', person({ idNumber: bad }));
    expect(!r.ok && r.error.fields?.idNumber).toMatch(/校验码错误/);
    expect(await count('elderly_people')).toBe(0);
  });

  it('refuses someone under 60 on the registration date', async () => {
    const r = await t.clerk.try('elderly.register', person({ idNumber: makeId('19660211', '013') }));
    expect(!r.ok && r.error.code).toBe('RULE');
    expect(!r.ok && r.error.fields?.idNumber).toBe('登记时未满 60 周岁');
  });

  it('needs at least one category and a village', async () => {
    const r = await t.clerk.try('elderly.register', person({ categories: [], villageId: '' }));
    expect(!r.ok && r.error.fields).toMatchObject({ categories: '请至少选择一个类别', villageId: '请选择村(社区)' });
  });

  it('links to the case ledger when the ID number is there, and refuses a different name', async () => {
    const idNumber = makeId('19380705', '042');
    const at = new Date().toISOString();
    await t.core.ledger.db
      .insertInto('people')
      .values({
        id: 'p-case-1',
        id_number: idNumber,
        id_legacy: 0,
        name: '李桂英',
        name_initials: 'lgy',
        sex: 'F',
        birth_date: '1938-07-05',
        hukou_type: 'rural',
        phone: null,
        disability_type: null,
        disability_grade: null,
        disability_cert: null,
        labour_capacity: null,
        health: null,
        self_care: null,
        bank_name: null,
        bank_account: null,
        card_account: null,
        deceased_on: null,
        remark: null,
        created_at: at,
        updated_at: at,
        version: 1,
      })
      .execute();
    const wrong = await t.clerk.try('elderly.register', person({ idNumber, name: '李贵英' }));
    expect(!wrong.ok && wrong.error.message).toMatch(/救助台账中.*登记的姓名为“李桂英”/);
    const p = await t.clerk.call('elderly.register', person({ idNumber, name: '李桂英', riskLevel: 'key' }));
    expect(p).toMatchObject({ inCaseLedger: true, sex: 'F', age: 87, birthYear: '1938' });
    const row = await t.core.ledger.db
      .selectFrom('elderly_people')
      .selectAll()
      .where('id', '=', p.id)
      .executeTakeFirstOrThrow();
    expect(row.person_id).toBe('p-case-1');
  });

  it('masks the ID number in lists and journals the viewing of the full number', async () => {
    const p = await t.clerk.call('elderly.register', person());
    expect(p.idNumberMasked).toBe(`**************${p.idNumberMasked.slice(-4)}`);
    expect(p.inCaseLedger).toBe(false);
    const dup = await t.clerk2.try('elderly.register', person({ name: '王秀兰' }));
    expect(!dup.ok && dup.error.code).toBe('CONFLICT');
    const full = await t.clerk.call('elderly.revealId', { id: p.id });
    expect(full.idNumber).toBe(makeId('19440312', '021'));
    const j = await t.core.ledger.db
      .selectFrom('journal')
      .select(['action', 'actor_name'])
      .where('entity_id', '=', p.id)
      .orderBy('seq')
      .execute();
    expect(j).toEqual([
      { action: 'elderly.register', actor_name: '张经办' },
      { action: 'elderly.revealId', actor_name: '张经办' },
    ]);
    const found = await t.clerk.call('elderly.list', { q: full.idNumber });
    expect(found.rows.map((r) => r.name)).toEqual(['王秀兰']);
    const partial = await t.clerk.call('elderly.list', { q: full.idNumber.slice(0, 10) });
    expect(partial.total).toBe(0);
  });

  it('refuses a stale edit', async () => {
    const p = (await t.clerk.call('elderly.list', { q: '王秀兰' })).rows[0]!;
    const full = await t.clerk.call('elderly.revealId', { id: p.id });
    const base = { ...person(), id: p.id, version: p.version, idNumber: full.idNumber };
    const ok = await t.clerk.call('elderly.update', { ...base, categories: ['alone', 'disabled'], reason: '新增失能' });
    expect(ok.categories).toEqual(['alone', 'disabled']);
    const stale = await t.clerk2.try('elderly.update', { ...base, riskLevel: 'general' });
    expect(!stale.ok && stale.error.message).toMatch(/已被他人修改/);
    const nowVisit = (await t.clerk.call('elderly.get', { id: p.id })).riskLevel;
    expect(nowVisit).toBe('high');
  });

  it('an edit without the ID number keeps it, and changes the risk level', async () => {
    const p = (await t.clerk.call('elderly.list', { q: '李桂英' })).rows[0]!;
    const { registeredOn: _r, idNumber: _i, ...rest } = person({ name: '李桂英', riskLevel: 'general' });
    const edited = await t.clerk.call('elderly.update', { ...rest, id: p.id, version: p.version, reason: '复评' });
    expect(edited).toMatchObject({ riskLevel: 'general', idNumberMasked: p.idNumberMasked, inCaseLedger: true });
    const back = await t.clerk.call('elderly.update', {
      ...rest,
      riskLevel: 'key',
      id: p.id,
      version: edited.version,
    });
    expect(back.riskLevel).toBe('key');
  });
});

describe('a month of visits', () => {
  const ids: Record<string, ElderlyView> = {};

  beforeAll(async () => {
    ids.A1 = (await t.clerk.call('elderly.list', { q: '王秀兰' })).rows[0] as ElderlyView; // high, village A
    ids.A2 = (await t.clerk.call('elderly.list', { q: '李桂英' })).rows[0] as ElderlyView; // key, village A
    ids.A3 = await t.clerk.call(
      'elderly.register',
      person({ idNumber: makeId('19500101', '031'), name: '赵德福', riskLevel: 'general', categories: ['empty_nest'] }),
    );
    ids.B1 = await t.clerk.call(
      'elderly.register',
      person({ idNumber: makeId('19420808', '051'), name: '孙玉珍', villageId: villageB.id, riskLevel: 'key' }),
    );
    ids.B2 = await t.clerk.call(
      'elderly.register',
      person({
        idNumber: makeId('19460606', '071'),
        name: '周长林',
        villageId: villageB.id,
        riskLevel: 'general',
        registeredOn: '2025-11-01',
      }),
    );
    const visit = (who: string, visitedOn: string, way: 'home' | 'phone' = 'home') =>
      t.clerk.call('elderly.visits.add', {
        elderlyId: ids[who]!.id,
        visitedOn,
        way,
        visitor: '陈网格员',
        findings: '生活正常，门窗煤气安全',
        problems: null,
        referral: null,
      });
    await visit('A1', '2026-03-02');
    await visit('A1', '2026-03-09', 'phone');
    await visit('A1', '2026-03-30');
    await visit('A2', '2026-02-20');
    await visit('A3', '2026-01-15');
    await visit('B1', '2026-03-25');
  });

  it('refuses a visit before registration, in the future, or entered twice', async () => {
    const base = { elderlyId: ids.A3!.id, way: 'home' as const, visitor: '陈网格员', findings: '正常' };
    const before = await t.clerk.try('elderly.visits.add', { ...base, visitedOn: '2026-01-09' });
    expect(!before.ok && before.error.fields?.visitedOn).toBe('不能早于 2026-01-10');
    const future = await t.clerk.try('elderly.visits.add', { ...base, visitedOn: '2026-04-01' });
    expect(!future.ok && future.error.message).toBe('探访日期不能晚于今天（2026-03-31）');
    const twice = await t.clerk.try('elderly.visits.add', { ...base, visitedOn: '2026-01-15' });
    expect(!twice.ok && twice.error.code).toBe('CONFLICT');
    const noFindings = await t.clerk.try('elderly.visits.add', { ...base, visitedOn: '2026-03-03', findings: '' });
    expect(!noFindings.ok && noFindings.error.fields?.findings).toBe('请填写生活/安全/赡养情况');
  });

  it('lists who must be visited, overdue first, with their due dates', async () => {
    const w = await t.clerk.call('elderly.worklist', { withinDays: 7 });
    expect(w.asOf).toBe('2026-03-31');
    expect(w.rows.map((r) => [r.name, r.nextDueOn, r.overdue])).toEqual([
      ['周长林', '2026-02-01', true],
      ['李桂英', '2026-03-20', true],
      ['王秀兰', '2026-04-06', false],
    ]);
    expect(w.overdue).toBe(2);
    const overdueOnly = await t.clerk.call('elderly.worklist', { overdueOnly: true, villageId: villageB.id });
    expect(overdueOnly.rows.map((r) => r.name)).toEqual(['周长林']);
  });

  it('computes the monthly visit rate by village', async () => {
    const r = await t.clerk.call('elderly.visitRate', { month: '2026-03' });
    const byName = Object.fromEntries(r.rows.map((x) => [x.villageName, x]));
    expect(byName[villageA.name]).toMatchObject({ registered: 3, due: 2, done: 1, rate: 0.5 });
    expect(byName[villageB.name]).toMatchObject({ registered: 2, due: 2, done: 1, rate: 0.5 });
    expect(r.total).toMatchObject({ registered: 5, due: 4, done: 2, rate: 0.5 });
  });

  it('a voided visit no longer counts', async () => {
    const visits = await t.clerk.call('elderly.visits.list', { elderlyId: ids.B1!.id });
    const v = visits.rows[0]!;
    const voided = await t.clerk.call('elderly.visits.void', { id: v.id, version: v.version, reason: '录错对象' });
    expect(voided.voided).toBe(true);
    const r = await t.clerk.call('elderly.visitRate', { month: '2026-03' });
    expect(r.total).toMatchObject({ due: 4, done: 1, rate: 0.25 });
  });

  it('a person who leaves the register is no longer due, and takes no later visits', async () => {
    const b2 = await t.clerk.call('elderly.get', { id: ids.B2!.id });
    const early = await t.clerk.try('elderly.end', {
      id: b2.id,
      version: b2.version,
      endedOn: '2025-10-01',
      reason: '死亡',
    });
    expect(!early.ok && early.error.fields?.endedOn).toBe('不能早于 2025-11-01');
    const ended = await t.clerk.call('elderly.end', {
      id: b2.id,
      version: b2.version,
      endedOn: '2026-01-20',
      reason: '入住敬老院',
    });
    expect(ended).toMatchObject({ status: 'ended', nextDueOn: null, overdue: false });
    const late = await t.clerk.try('elderly.visits.add', {
      elderlyId: b2.id,
      visitedOn: '2026-02-01',
      way: 'phone',
      visitor: '陈网格员',
      findings: '电话回访',
    });
    expect(!late.ok && late.error.fields?.visitedOn).toBe('不能晚于 2026-01-20');
    const w = await t.clerk.call('elderly.worklist', { overdueOnly: true });
    // 孙玉珍's only visit was voided: due a month after registration (02-10), before 李桂英 (03-20).
    expect(w.rows.map((r) => [r.name, r.nextDueOn])).toEqual([
      ['孙玉珍', '2026-02-10'],
      ['李桂英', '2026-03-20'],
    ]);
    const r = await t.clerk.call('elderly.visitRate', { month: '2026-03' });
    expect(r.total).toMatchObject({ registered: 4, due: 3, done: 1 });
    // February: 周长林 left on 01-20, before their 02-01 due date, so they are neither registered nor due.
    const feb = await t.clerk.call('elderly.visitRate', { month: '2026-02' });
    expect(feb.total).toMatchObject({ registered: 4, due: 3, done: 1 });
  });

  it('follows the visit plan in settings (admin only, stale edits refused)', async () => {
    const s = await t.clerk.call('stations.settings.get', {});
    expect(s.visitPlan.high).toEqual({ every: 7, unit: 'day' });
    const plan = { ...s.visitPlan, high: { every: 14, unit: 'day' as const } };
    const clerk = await t.clerk.try('stations.settings.put', {
      version: s.version,
      visitPlan: plan,
      ratingValidityYears: 3,
    });
    expect(!clerk.ok && clerk.error.code).toBe('FORBIDDEN');
    const saved = await t.admin.call('stations.settings.put', {
      version: s.version,
      visitPlan: plan,
      ratingValidityYears: 3,
    });
    expect(saved.version).toBe(1);
    const stale = await t.admin.try('stations.settings.put', {
      version: s.version,
      visitPlan: plan,
      ratingValidityYears: 2,
    });
    expect(!stale.ok && stale.error.code).toBe('CONFLICT');
    const a1 = await t.clerk.call('elderly.get', { id: ids.A1!.id });
    expect(a1.nextDueOn).toBe('2026-04-13');
    clock = new Date('2026-04-14T02:00:00Z');
    expect((await t.clerk.call('elderly.get', { id: ids.A1!.id })).overdue).toBe(true);
  });
});

describe('a large register', () => {
  it('computes due dates for every active person when the register is larger than one parameter list', async () => {
    const big = await makeTestCore({ now: () => new Date('2026-03-31T02:00:00Z') });
    try {
      const village = (await big.admin.call('villages.list', {}))[0]!;
      const raw = big.core.ledger.raw;
      const at = new Date().toISOString();
      const ins = raw.prepare(
        `insert into elderly_people (id, id_number, name, sex, birth_date, village_id, categories, risk_level,
           registered_on, status, created_at, updated_at, version)
         values (?, ?, ?, 'F', '1940-01-01', ?, '["alone"]', 'key', '2026-01-01', 'active', ?, ?, 1)`,
      );
      const visit = raw.prepare(
        `insert into elderly_visits (id, elderly_id, visited_on, way, visitor, findings, voided, created_by,
           created_at, updated_at, version)
         values (?, ?, ?, 'phone', '网格员', '正常', 0, '网格员', ?, ?, 1)`,
      );
      raw.transaction(() => {
        for (let i = 0; i < 1200; i++) {
          ins.run(
            `e${i}`,
            makeId('19400101', String(i % 1000).padStart(3, '0')) + `#${i}`,
            `老人${i}`,
            village.id,
            at,
            at,
          );
          // Every other person was visited on 03-15 (next due 04-15); the rest are overdue since 02-01.
          if (i % 2 === 0) visit.run(`v${i}`, `e${i}`, '2026-03-15', at, at);
        }
      })();
      const w = await big.clerk.call('elderly.worklist', { withinDays: 0, limit: 5 });
      expect(w.total).toBe(600);
      expect(w.overdue).toBe(600);
      expect(w.rows.every((r) => r.nextDueOn === '2026-02-01' && r.overdue)).toBe(true);
      const rate = await big.clerk.call('elderly.visitRate', { month: '2026-03' });
      expect(rate.total).toMatchObject({ registered: 1200, due: 1200, done: 600, rate: 0.5 });
    } finally {
      await big.close();
    }
  });
});
