// An organization's calendar through the real dispatcher: annual inspections, ratings, terms, the inspection
// board, the worklist and the month's figures. Today is 2026-09-15 (China time).
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { OrgView } from '../../../src/shared/api/orgs';
import { computeOrgFigures } from '../../../src/main/ledger/orgs/figures';
import { makeTestCore, type TestCore } from '../../helpers/ledger';
import { creditCode, registeredInput } from './fixtures';

let t: TestCore;
let org: OrgView;
beforeEach(async () => {
  t = await makeTestCore({ now: () => new Date('2026-09-15T02:00:00Z') });
  org = await t.clerk.call('orgs.register', registeredInput()); // 社会团体 registered 2019-05-10, supervisor 城东街道办事处
});
afterEach(async () => {
  await t.close();
});

describe('annual inspection (年检)', () => {
  test('supervisor by 3/31, authority by 5/31, result; then an update needs the version it saw', async () => {
    const first = await t.clerk.call('orgs.inspections.save', {
      orgId: org.id,
      year: 2025,
      supervisorSubmittedOn: '2026-03-20',
    });
    expect(first).toMatchObject({
      year: 2025,
      supervisorSubmittedOn: '2026-03-20',
      authoritySubmittedOn: null,
      version: 1,
    });
    const noVersion = await t.clerk.try('orgs.inspections.save', {
      orgId: org.id,
      year: 2025,
      authoritySubmittedOn: '2026-05-20',
    });
    expect(!noVersion.ok && noVersion.error.code).toBe('CONFLICT');
    const done = await t.clerk.call('orgs.inspections.save', {
      orgId: org.id,
      year: 2025,
      version: 1,
      authoritySubmittedOn: '2026-05-20',
      result: 'basic',
      resultOn: '2026-06-30',
      rectification: '补齐会费收支凭证',
    });
    expect(done).toMatchObject({ supervisorSubmittedOn: '2026-03-20', result: 'basic', version: 2 });
    const board = await t.clerk.call('orgs.inspections.board', { year: 2025 });
    expect(board.rows).toEqual([
      expect.objectContaining({ name: org.name, state: 'concluded', late: false, expected: true }),
    ]);
    expect(board.counts).toEqual({ expected: 1, submitted: 1, concluded: 1, pass: 0, basic: 1, fail: 0 });
  });

  test('rules: year not over, before registration, exempt under 6 months, dates out of order or outside the campaign', async () => {
    const thisYear = await t.clerk.try('orgs.inspections.save', { orgId: org.id, year: 2026 });
    expect(!thisYear.ok && thisYear.error.message).toBe('2026 年度尚未结束，该年度的年检于次年 1 月起报送');
    const young = await t.clerk.call(
      'orgs.register',
      registeredInput({ name: '新成立的协会', creditCode: creditCode('1', 'MJ000003'), registeredOn: '2025-07-02' }),
    );
    const exempt = await t.clerk.try('orgs.inspections.save', {
      orgId: young.id,
      year: 2025,
      authoritySubmittedOn: '2026-04-01',
    });
    expect(!exempt.ok && exempt.error.message).toBe(
      '“新成立的协会”于 2025-07-02 登记，到 2025 年底成立不满 6 个月，不参加 2025 年度年检',
    );
    const early = await t.clerk.try('orgs.inspections.save', {
      orgId: org.id,
      year: 2025,
      supervisorSubmittedOn: '2025-12-30',
    });
    expect(!early.ok && early.error.fields?.supervisorSubmittedOn).toBe(
      '报业务主管单位日期（2025-12-30）早于 2025 年度年检的报送期（2026-01-01 起）',
    );
    const order = await t.clerk.try('orgs.inspections.save', {
      orgId: org.id,
      year: 2025,
      supervisorSubmittedOn: '2026-03-20',
      authoritySubmittedOn: '2026-03-10',
    });
    expect(!order.ok && order.error.fields?.authoritySubmittedOn).toBe('报登记管理机关日期不能早于报业务主管单位日期');
    const resultFirst = await t.clerk.try('orgs.inspections.save', {
      orgId: org.id,
      year: 2025,
      result: 'pass',
      resultOn: '2026-06-01',
    });
    expect(!resultFirst.ok && resultFirst.error.message).toBe('尚未报送登记管理机关，不能录入年检结论');
    const rectifyPass = await t.clerk.try('orgs.inspections.save', {
      orgId: org.id,
      year: 2025,
      authoritySubmittedOn: '2026-04-01',
      result: 'pass',
      resultOn: '2026-06-01',
      rectification: '无',
    });
    expect(!rectifyPass.ok && rectifyPass.error.message).toBe('只有“基本合格”或“不合格”才需整改');
    expect(await t.core.ledger.db.selectFrom('org_inspections').selectAll().execute()).toEqual([]);
  });

  test('the board lists who has not submitted and flags late ones; voiding needs a reviewer and keeps the record', async () => {
    const direct = await t.clerk.call(
      'orgs.register',
      registeredInput({
        kind: 'service',
        name: '城东社区服务中心',
        creditCode: creditCode('2', 'MJ000004'),
        supervisor: '',
        registeredOn: '2021-01-05',
      }),
    );
    const late = await t.clerk.call('orgs.inspections.save', {
      orgId: org.id,
      year: 2025,
      supervisorSubmittedOn: '2026-04-02',
      authoritySubmittedOn: '2026-05-10',
    });
    const board = await t.clerk.call('orgs.inspections.board', { year: 2025 });
    expect(board.rows.map((r) => [r.name, r.state, r.late, r.deadlines])).toEqual([
      ['城东社区服务中心', 'not_submitted', true, { supervisor: null, authority: '2026-05-31' }],
      [org.name, 'submitted', true, { supervisor: '2026-03-31', authority: '2026-05-31' }],
    ]);
    expect(direct.supervisor).toBeNull();
    const clerkVoid = await t.clerk.try('orgs.inspections.void', { id: late.id, version: 1, reason: '录错年度' });
    expect(!clerkVoid.ok && clerkVoid.error).toMatchObject({ code: 'FORBIDDEN', message: '此操作需要“审核人”权限' });
    await t.reviewer.call('orgs.inspections.void', { id: late.id, version: 1, reason: '录错年度' });
    const after = await t.clerk.call('orgs.inspections.board', { year: 2025 });
    expect(after.counts.submitted).toBe(0);
    expect(await t.core.ledger.db.selectFrom('org_inspections').select('void_reason').execute()).toEqual([
      { void_reason: '录错年度' },
    ]);
  });
});

describe('rating (等级评估)', () => {
  test("refused without last year's inspection; recorded once eligible; expires after 5 years", async () => {
    const refused = await t.clerk.try('orgs.ratings.add', { orgId: org.id, grade: 3, ratedOn: '2026-09-01' });
    expect(!refused.ok && refused.error).toMatchObject({
      code: 'RULE',
      message: '“泰州市海陵区城东街道老年书画协会”在 2026-09-01 不符合评估申报条件：未参加 2025 年度年检',
    });
    await t.clerk.call('orgs.inspections.save', {
      orgId: org.id,
      year: 2025,
      supervisorSubmittedOn: '2026-03-01',
      authoritySubmittedOn: '2026-04-01',
      result: 'pass',
      resultOn: '2026-05-20',
    });
    const elig = await t.clerk.call('orgs.ratings.eligibility', { orgId: org.id, onDate: '2026-09-01' });
    expect(elig).toEqual({ onDate: '2026-09-01', eligible: true, reasons: [] });
    const r = await t.clerk.call('orgs.ratings.add', {
      orgId: org.id,
      grade: 4,
      appliedOn: '2026-06-10',
      ratedOn: '2026-09-01',
      certificateNo: '泰民评〔2026〕12号',
    });
    expect(r).toMatchObject({ grade: 4, ratedOn: '2026-09-01', expiresOn: '2031-09-01', endKind: null });
    const list = await t.clerk.call('orgs.list', {});
    expect(list.rows[0]).toMatchObject({ grade: 4, lastInspection: { year: 2025, result: 'pass' } });
    // Holding a grade valid to 2031, it cannot apply again before 2029-09-01.
    const detail = await t.clerk.call('orgs.get', { id: org.id });
    expect(detail.eligibility?.reasons).toEqual([
      '现有 4A 等级有效至 2031-09-01，有效期满前 2 年（2029-09-01 起）方可重新申报',
    ]);
  });

  test('an ineligible rating can be recorded with a reason, which is journalled', async () => {
    const r = await t.clerk.call('orgs.ratings.add', {
      orgId: org.id,
      grade: 2,
      ratedOn: '2026-09-01',
      overrideReason: '县民政局已评定，年检记录待补录',
    });
    expect(r.overrideReason).toBe('县民政局已评定，年检记录待补录');
    const j = await t.core.ledger.db
      .selectFrom('journal')
      .select(['action', 'reason'])
      .where('entity_id', '=', r.id)
      .executeTakeFirstOrThrow();
    expect(j.reason).toBe('不符合申报条件仍录入：县民政局已评定，年检记录待补录（未参加 2025 年度年检）');
  });

  test('a downgrade ends the grade and starts the lower one to the same expiry; the 2-year bar follows', async () => {
    const r = await t.clerk.call('orgs.ratings.add', {
      orgId: org.id,
      grade: 4,
      ratedOn: '2026-01-10',
      overrideReason: '补录历史评估',
    });
    const bad = await t.reviewer.try('orgs.ratings.end', {
      id: r.id,
      version: 1,
      kind: 'downgraded',
      endedOn: '2026-09-01',
      reason: '连续两年基本合格',
      newGrade: 4,
    });
    expect(!bad.ok && bad.error.fields?.newGrade).toBe('应低于 4A');
    await t.reviewer.call('orgs.ratings.end', {
      id: r.id,
      version: 1,
      kind: 'downgraded',
      endedOn: '2026-09-01',
      reason: '连续两年基本合格',
      newGrade: 2,
    });
    const detail = await t.clerk.call('orgs.get', { id: org.id });
    expect(detail.ratings.map((x) => [x.grade, x.ratedOn, x.expiresOn, x.endKind])).toEqual([
      [2, '2026-09-01', '2031-01-10', null],
      [4, '2026-01-10', '2031-01-10', 'downgraded'],
    ]);
    expect(detail.eligibility?.reasons).toContain(
      '4A 评估等级于 2026-09-01 被降低，2 年内不得申报（2028-09-01 起可申报）',
    );
  });
});

describe('terms (换届)', () => {
  test('start from the charter length, postpone with a reason, complete and open the next term', async () => {
    const term = await t.clerk.call('orgs.terms.start', { orgId: org.id, termNo: 2, startedOn: '2021-10-20' });
    expect(term).toMatchObject({ termNo: 2, termYears: 5, dueOn: '2026-10-20', status: 'current' });
    const second = await t.clerk.try('orgs.terms.start', { orgId: org.id, termNo: 3, startedOn: '2026-01-01' });
    expect(!second.ok && second.error.message).toBe(
      '“泰州市海陵区城东街道老年书画协会”已有在任的第 2 届，请办理换届而不是另起一届',
    );
    const wl = await t.clerk.call('orgs.worklist', {});
    expect(wl.items.filter((i) => i.kind === 'term_due')).toEqual([
      expect.objectContaining({ dueOn: '2026-10-20', overdue: false, title: '第 2 届应于 2026-10-20 换届' }),
    ]);
    const noReason = await t.clerk.try('orgs.terms.postpone', {
      id: term.id,
      version: 1,
      postponedTo: '2027-04-20',
      reason: '',
    });
    expect(!noReason.ok && noReason.error.fields?.reason).toBe('请填写延期事由');
    const post = await t.clerk.call('orgs.terms.postpone', {
      id: term.id,
      version: 1,
      postponedTo: '2027-04-20',
      reason: '换届审计尚未完成',
    });
    expect(post).toMatchObject({ status: 'postponed', postponedTo: '2027-04-20', dueOn: '2026-10-20' });
    const next = await t.clerk.call('orgs.terms.complete', { id: term.id, version: 2, doneOn: '2026-09-10' });
    expect(next).toMatchObject({ termNo: 3, startedOn: '2026-09-10', dueOn: '2031-09-10', status: 'current' });
    const detail = await t.clerk.call('orgs.get', { id: org.id });
    expect(detail.terms.map((x) => [x.termNo, x.status, x.doneOn])).toEqual([
      [3, 'current', null],
      [2, 'done', '2026-09-10'],
    ]);
    expect(detail.history.map((h) => h.action)).toEqual([
      'org.term.start',
      'org.term.complete',
      'org.term.postpone',
      'org.term.start',
      'org.register',
    ]);
  });
});

describe('worklist and figures', () => {
  test('the worklist shows missing inspections as overdue, rectification, and a rating about to expire', async () => {
    const other = await t.clerk.call(
      'orgs.register',
      registeredInput({
        kind: 'foundation',
        name: '海陵区城东慈善基金会',
        creditCode: creditCode('3', 'MJ000005'),
        registeredOn: '2018-01-01',
      }),
    );
    await t.clerk.call('orgs.inspections.save', {
      orgId: org.id,
      year: 2025,
      supervisorSubmittedOn: '2026-03-01',
      authoritySubmittedOn: '2026-04-01',
      result: 'fail',
      resultOn: '2026-06-01',
      rectification: '限期整改财务制度',
    });
    await t.clerk.call('orgs.ratings.add', {
      orgId: other.id,
      grade: 3,
      ratedOn: '2021-12-01',
      overrideReason: '补录历史评估',
    });
    const wl = await t.clerk.call('orgs.worklist', {});
    expect(wl.onDate).toBe('2026-09-15');
    expect(wl.items.map((i) => [i.orgName, i.kind, i.dueOn, i.overdue])).toEqual([
      ['海陵区城东慈善基金会', 'inspection_supervisor', '2026-03-31', true],
      ['海陵区城东慈善基金会', 'inspection_authority', '2026-03-31', true],
      ['海陵区城东慈善基金会', 'rating_expiring', '2026-12-01', false],
      [org.name, 'rectification', null, false],
    ]);
  });

  test('figures: counts by kind and status, participation and pass rate of the 2025 inspection, rating rate', async () => {
    const b = await t.clerk.call(
      'orgs.register',
      registeredInput({
        kind: 'service',
        name: '城东社区服务中心',
        creditCode: creditCode('2', 'MJ000004'),
        registeredOn: '2021-01-05',
      }),
    );
    const young = await t.clerk.call(
      'orgs.register',
      registeredInput({ name: '新成立的协会', creditCode: creditCode('1', 'MJ000003'), registeredOn: '2025-08-01' }),
    );
    const gone = await t.clerk.call(
      'orgs.register',
      registeredInput({
        kind: 'foundation',
        name: '已注销基金会',
        creditCode: creditCode('3', 'MJ000005'),
        registeredOn: '2018-01-01',
      }),
    );
    await t.clerk.call('orgs.event', {
      id: gone.id,
      version: 1,
      kind: 'deregistration',
      occurredOn: '2026-09-03',
      detail: '理事会决议终止',
    });
    await t.clerk.call('orgs.inspections.save', {
      orgId: org.id,
      year: 2025,
      authoritySubmittedOn: '2026-04-01',
      result: 'pass',
      resultOn: '2026-06-01',
    });
    await t.clerk.call('orgs.inspections.save', {
      orgId: b.id,
      year: 2025,
      authoritySubmittedOn: '2026-05-01',
      result: 'basic',
      resultOn: '2026-06-15',
    });
    await t.clerk.call('orgs.ratings.add', { orgId: org.id, grade: 3, ratedOn: '2026-08-20' });
    void young;

    const sep = await computeOrgFigures(t.core.ledger.db, '2026-09');
    expect(sep.registered).toEqual({
      total: 4,
      byKind: { association: 2, service: 1, foundation: 0 },
      byStatus: { normal: 3, revoked: 0, deregistered: 1 },
      newThisMonth: 0,
      endedThisMonth: 1,
    });
    // Expected in 2025: 书画协会, 服务中心, 基金会 (ended 2026, after 2025); the young one is exempt.
    expect(sep.inspection).toMatchObject({
      year: 2025,
      closed: true,
      expected: 3,
      participated: 2,
      pass: 1,
      basic: 1,
      fail: 0,
    });
    expect(sep.inspection.participation.percent).toBe(66.7);
    expect(sep.inspection.passRate).toEqual({ numerator: 1, denominator: 2, percent: 50 });
    expect(sep.rating.rate).toEqual({ numerator: 1, denominator: 3, percent: 33.3 });
    expect(sep.rating.byGrade['3']).toBe(1);
    expect(sep.party).toEqual({ orgsWithPartyOrg: 3, partyMembers: 36 });

    // As at the end of May: the deregistered foundation was still 正常, the rating not yet given, one result pending.
    const may = await t.clerk.call('orgs.figures', { month: '2026-05' });
    expect(may.registered.byStatus).toEqual({ normal: 4, revoked: 0, deregistered: 0 });
    expect(may.inspection).toMatchObject({ closed: false, participated: 2, pass: 0, basic: 0 });
    expect(may.rating.rate.numerator).toBe(0);
  });
});
