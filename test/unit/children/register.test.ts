// 儿童福利: the register's rules at their boundaries, and one child's file (一人一档) through guardian, payee,
// visits and the month's figures — through the real dispatcher on a real ledger file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { categoryProblem, nextChildVisitDue, DEFAULT_CHILD_VISIT_PLAN } from '../../../src/main/ledger/children/rules';
import { idFor, setup, type Ctx } from '../cases/fixtures';

let c: Ctx;
beforeAll(async () => {
  c = await setup('2026-03-10');
});
afterAll(() => c.t.close());

const XIAOYU = idFor('2015-06-01', 'F');
const base = (over: Record<string, unknown> = {}) => ({
  name: '刘小雨',
  idNumber: XIAOYU,
  villageId: c.villageId,
  categories: ['orphan'],
  fatherStatus: 'dead',
  motherStatus: 'dead',
  placement: 'family',
  guardianName: '刘建华',
  guardianRelation: '祖父',
  guardianPhone: '13900000000',
  payeeName: '刘建华',
  payeeRelation: '祖父',
  payeeAccount: '6299000011112222',
  registeredOn: '2026-03-01',
  ...over,
});

const count = (table: string) =>
  (c.t.core.ledger.raw.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('who the register takes (rules at their boundaries)', () => {
  it('孤儿 needs both parents dead or missing', () => {
    expect(categoryProblem(['orphan'], 'dead', 'missing', '2015-01-01', '2026-03-10')).toBeNull();
    expect(categoryProblem(['orphan'], 'dead', 'imprisoned', '2015-01-01', '2026-03-10')).toBe(
      '孤儿须父母双方均已死亡或查找不到',
    );
  });
  it('事实无人抚养: each parent dead or unable, not both dead', () => {
    expect(categoryProblem(['de_facto'], 'imprisoned', 'severe_illness', '2015-01-01', '2026-03-10')).toBeNull();
    expect(categoryProblem(['de_facto'], 'dead', 'severe_disability', '2015-01-01', '2026-03-10')).toBeNull();
    expect(categoryProblem(['de_facto'], 'dead', 'dead', '2015-01-01', '2026-03-10')).toMatch(/应认定为孤儿/);
    expect(categoryProblem(['de_facto'], 'imprisoned', 'present', '2015-01-01', '2026-03-10')).toMatch(
      /父母双方（或尚在的一方）均为/,
    );
  });
  it('留守: both parents away, or one away and the other unable; under 16 on the day', () => {
    expect(categoryProblem(['left_behind'], 'working_away', 'working_away', '2010-03-11', '2026-03-10')).toBeNull();
    expect(categoryProblem(['left_behind'], 'working_away', 'present', '2012-01-01', '2026-03-10')).toMatch(
      /一方外出务工、另一方无监护能力/,
    );
    // The 16th birthday is the first day outside the register.
    expect(categoryProblem(['left_behind'], 'working_away', 'working_away', '2010-03-10', '2026-03-10')).toMatch(
      /已满 16 周岁/,
    );
  });
  it('困境儿童 up to the day before the 18th birthday', () => {
    expect(categoryProblem(['difficulty_illness'], 'present', 'present', '2008-03-11', '2026-03-10')).toBeNull();
    expect(categoryProblem(['difficulty_illness'], 'present', 'present', '2008-03-10', '2026-03-10')).toMatch(
      /已满 18 周岁/,
    );
  });
  it('visits: 孤儿 monthly, 困境 quarterly by default; the most frequent category wins', () => {
    expect(nextChildVisitDue(DEFAULT_CHILD_VISIT_PLAN, ['orphan'], '2026-01-31', null)).toBe('2026-02-28');
    expect(nextChildVisitDue(DEFAULT_CHILD_VISIT_PLAN, ['difficulty_poverty'], '2026-01-15', '2026-02-20')).toBe(
      '2026-05-20',
    );
    expect(nextChildVisitDue(DEFAULT_CHILD_VISIT_PLAN, ['left_behind', 'de_facto'], '2026-01-15', null)).toBe(
      '2026-02-15',
    );
  });
});

describe("one child's file", () => {
  let id = '';
  let version = 0;

  it('refuses a 孤儿 whose father is only imprisoned, naming the rule, and writes nothing', async () => {
    const before = count('children');
    const r = await c.t.clerk.try('children.register', base({ fatherStatus: 'imprisoned' }) as never);
    expect(!r.ok && r.error.message).toBe('孤儿须父母双方均已死亡或查找不到');
    expect(count('children')).toBe(before);
  });

  it('registers with guardian and payee; the payee account is shown masked', async () => {
    const v = await c.t.clerk.call('children.register', base() as never);
    id = v.id;
    version = v.version;
    expect(v).toMatchObject({
      name: '刘小雨',
      sex: 'F',
      age: 10,
      categories: ['orphan'],
      guardianName: '刘建华',
      payeeName: '刘建华',
      payeeAccountMasked: '****2222',
      agesOutYear: 2033,
      nextDueOn: '2026-04-01',
    });
    expect(v.idNumberMasked).toMatch(/^\*{14}\d{3}[\dX]$/);
    const j = c.t.core.ledger.raw
      .prepare("SELECT after FROM journal WHERE action = 'children.register' ORDER BY seq DESC LIMIT 1")
      .get() as { after: string };
    expect(j.after).not.toContain('6299000011112222');
  });

  it('refuses a second file for the same child', async () => {
    const r = await c.t.clerk.try('children.register', base() as never);
    expect(!r.ok && r.error.message).toMatch(/已在册，请勿重复登记/);
  });

  it('a stale edit is refused', async () => {
    const { idNumber: _id, registeredOn: _on, ...fields } = base();
    await c.t.clerk.call('children.update', { ...fields, id, version, school: '城东小学' } as never);
    const r = await c.t.clerk2.try('children.update', { ...fields, id, version, school: '别的学校' } as never);
    expect(!r.ok && r.error.code).toBe('CONFLICT');
    version += 1;
  });

  it('visits are recorded; a forced report needs the referral written down', async () => {
    c.clock.set('2026-03-20');
    const bad = await c.t.clerk.try('children.visits.add', {
      childId: id,
      visitedOn: '2026-03-20',
      way: 'home',
      visitor: '王主任',
      findings: '祖父年迈，照料吃力',
      forcedReport: true,
    } as never);
    expect(!bad.ok && bad.error.fields?.referral).toBe('请写明向谁报告、何时报告');
    const future = await c.t.clerk.try('children.visits.add', {
      childId: id,
      visitedOn: '2026-03-21',
      way: 'home',
      visitor: '王主任',
      findings: '正常',
    } as never);
    expect(!future.ok && future.error.message).toBe('探访日期不能晚于今天');
    const v = await c.t.clerk.call('children.visits.add', {
      childId: id,
      visitedOn: '2026-03-20',
      way: 'home',
      visitor: '王主任',
      findings: '生活正常，按时上学',
    } as never);
    expect(v.lastVisitOn).toBe('2026-03-20');
    expect(v.nextDueOn).toBe('2026-04-20');
    expect(v.visits).toHaveLength(1);
  });

  it('the worklist asks for a 儿童主任 and a 儿童督导员 until they are named', async () => {
    const before = await c.t.clerk.call('children.worklist', {} as never);
    expect(before.map((w) => w.kind)).toEqual(expect.arrayContaining(['no_director', 'no_supervisor']));
    await c.t.reviewer.call('children.workers.appoint', {
      role: 'director',
      villageId: c.villageId,
      name: '王主任',
      startedOn: '2026-01-01',
    } as never);
    await c.t.reviewer.call('children.workers.appoint', {
      role: 'supervisor',
      villageId: null,
      name: '陈督导',
      startedOn: '2026-01-01',
    } as never);
    const after = await c.t.clerk.call('children.worklist', {} as never);
    expect(after.map((w) => w.kind)).not.toContain('no_director');
    expect(after.map((w) => w.kind)).not.toContain('no_supervisor');
    expect((await c.t.clerk.call('children.get', { id } as never)).director).toBe('王主任');
  });

  it("the month's figures count the child once, by category and village, with visits due and done", async () => {
    const left = await c.t.clerk.call(
      'children.register',
      base({
        name: '张小军',
        idNumber: idFor('2014-09-09', 'M'),
        categories: ['left_behind', 'difficulty_poverty'],
        fatherStatus: 'working_away',
        motherStatus: 'working_away',
        placement: null,
        guardianName: null,
        carerName: '张奶奶',
        carerRelation: '祖母',
        entrustedOn: '2026-02-01',
        registeredOn: '2026-03-05',
      }) as never,
    );
    expect(left.agesOutYear).toBe(2032);
    const f = await c.t.clerk.call('children.figures', { month: '2026-03' } as never);
    expect(f.total.children).toBe(2);
    expect(f.total.counts).toMatchObject({ orphan: 1, left_behind: 1, difficulty_poverty: 1, de_facto: 0 });
    expect(f.orphansDispersed).toBe(1);
    // Registered in March: next visits fall in April (孤儿) and April/June — none is due in March yet.
    expect(f.total.visitsDue).toBe(0);
    const april = await c.t.clerk.call('children.figures', { month: '2026-04' } as never);
    // April: the 孤儿 (monthly, last visit 03-20 → 04-20) is due; the 留守/困境 child (quarterly → 06-05) is not.
    expect(april.total.visitsDue).toBe(1);
    expect(april.total.visitsDone).toBe(0);
  });

  it('ending the file takes a reason and keeps the record', async () => {
    const v = await c.t.clerk.call('children.get', { id } as never);
    const r = await c.t.clerk.try('children.end', {
      id,
      version: v.version,
      endedOn: '2026-03-20',
      reason: '',
    } as never);
    expect(r.ok).toBe(false);
    const ended = await c.t.clerk.call('children.end', {
      id,
      version: v.version,
      endedOn: '2026-03-20',
      reason: '被收养，迁出本镇',
    } as never);
    expect(ended).toMatchObject({ status: 'ended', endReason: '被收养，迁出本镇' });
    expect(count('children')).toBe(2);
  });
});

describe('the visit plan', () => {
  it('a reviewer sets months per category; a clerk may not; a stale save is refused', async () => {
    const before = await c.t.clerk.call('children.visitPlan', {} as never);
    expect(before.plan.orphan).toBe(1);
    const r = await c.t.clerk.try('children.saveVisitPlan', { plan: { orphan: 2 }, version: before.version } as never);
    expect(!r.ok && r.error.code).toBe('FORBIDDEN');
    const bad = await c.t.reviewer.try('children.saveVisitPlan', {
      plan: { orphan: 0 },
      version: before.version,
    } as never);
    expect(bad.ok).toBe(false);
    const saved = await c.t.reviewer.call('children.saveVisitPlan', {
      plan: { left_behind: 2 },
      version: before.version,
    } as never);
    expect(saved.plan).toMatchObject({ left_behind: 2, orphan: 1 });
    const stale = await c.t.reviewer.try('children.saveVisitPlan', {
      plan: { orphan: 2 },
      version: before.version,
    } as never);
    expect(!stale.ok && stale.error.code).toBe('CONFLICT');
  });
});
