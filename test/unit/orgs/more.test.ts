// The rest of the 社会组织 contract: the schema's own guards, paging and filters, edits of either registry,
// revocation, stale edits on the calendar records.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { makeTestCore, type TestCore } from '../../helpers/ledger';
import { communityInput, creditCode, registeredInput } from './fixtures';

let t: TestCore;
beforeEach(async () => {
  t = await makeTestCore({ now: () => new Date('2026-09-15T02:00:00Z') });
});
afterEach(async () => {
  await t.close();
});

describe('the schema guards itself (migration 0004)', () => {
  test('a registered organization without a credit code, a second live inspection for a year, a second open term are refused by SQLite', async () => {
    const raw = t.core.ledger.raw;
    const at = '2026-09-15T00:00:00Z';
    expect(() =>
      raw
        .prepare(
          `INSERT INTO orgs (id, registry, name, kind, status, registered_on, members, party_org, party_members, created_at, updated_at, version)
           VALUES ('x', 'registered', '无代码', 'association', 'normal', '2020-01-01', 0, 0, 0, ?, ?, 1)`,
        )
        .run(at, at),
    ).toThrow(/CHECK constraint failed/);
    expect(() =>
      raw
        .prepare(
          `INSERT INTO orgs (id, registry, name, community_type, status, filing_no, filed_on, members, party_org, party_members, created_at, updated_at, version)
           VALUES ('y', 'community', '状态不对', 'other', 'revoked', 'F-1', '2020-01-01', 0, 0, 0, ?, ?, 1)`,
        )
        .run(at, at),
    ).toThrow(/CHECK constraint failed/);
    const org = await t.clerk.call('orgs.register', registeredInput());
    await t.clerk.call('orgs.inspections.save', { orgId: org.id, year: 2025, authoritySubmittedOn: '2026-04-01' });
    expect(() =>
      raw
        .prepare(
          `INSERT INTO org_inspections (id, org_id, year, created_at, updated_at, version) VALUES ('i2', ?, 2025, ?, ?, 1)`,
        )
        .run(org.id, at, at),
    ).toThrow(/UNIQUE constraint failed/);
    await t.clerk.call('orgs.terms.start', { orgId: org.id, termNo: 1, startedOn: '2024-01-01' });
    expect(() =>
      raw
        .prepare(
          `INSERT INTO org_terms (id, org_id, term_no, started_on, term_years, due_on, status, created_at, updated_at, version)
           VALUES ('t2', ?, 9, '2024-01-01', 5, '2029-01-01', 'current', ?, ?, 1)`,
        )
        .run(org.id, at, at),
    ).toThrow(/UNIQUE constraint failed/);
  });
});

describe('list', () => {
  test('pages through the roster and filters by registry, kind, type and status', async () => {
    for (let i = 1; i <= 7; i++) {
      await t.clerk.call(
        'orgs.register',
        registeredInput({ name: `协会${i}`, creditCode: creditCode('1', `MJ00010${i}`) }),
      );
    }
    await t.clerk.call(
      'orgs.register',
      registeredInput({ kind: 'foundation', name: '基金会甲', creditCode: creditCode('3', 'MJ000201') }),
    );
    await t.clerk.call('orgs.file', communityInput());
    await t.clerk.call('orgs.file', communityInput({ name: '互助会', filingNo: 'F-2', communityType: 'mutual_aid' }));

    const page1 = await t.clerk.call('orgs.list', { offset: 0, limit: 5 });
    expect(page1.total).toBe(10);
    expect(page1.rows).toHaveLength(5);
    const page2 = await t.clerk.call('orgs.list', { offset: 5, limit: 5 });
    expect(page2.rows.map((r) => r.registry)).toEqual([
      'registered',
      'registered',
      'registered',
      'community',
      'community',
    ]);
    expect((await t.clerk.call('orgs.list', { kind: 'foundation' })).rows.map((r) => r.name)).toEqual(['基金会甲']);
    expect(
      (await t.clerk.call('orgs.list', { registry: 'community', communityType: 'mutual_aid' })).rows.map((r) => r.name),
    ).toEqual(['互助会']);
    expect((await t.clerk.call('orgs.list', { q: 'F-2' })).rows.map((r) => r.name)).toEqual(['互助会']);
    // LIKE wildcards typed by a clerk are taken literally.
    expect((await t.clerk.call('orgs.list', { q: '%' })).total).toBe(0);
  });
});

describe('edits', () => {
  test('a community organization edits its own fields only; an unchanged edit is refused', async () => {
    const org = await t.clerk.call('orgs.file', communityInput());
    const other = await t.clerk.try('orgs.update', { id: org.id, version: 1, registered: { members: 3 } });
    expect(!other.ok && other.error.message).toBe('“凤凰社区广场舞队”是社区社会组织（备案），不能修改另一类组织的字段');
    const same = await t.clerk.try('orgs.update', { id: org.id, version: 1, community: { members: 32 } });
    expect(!same.ok && same.error.message).toBe('内容与原来相同，没有修改');
    const edited = await t.clerk.call('orgs.update', {
      id: org.id,
      version: 1,
      community: { members: 40, fundsFen: 500_000, partyOrg: true },
      reason: '年度花名册更新',
    });
    expect(edited).toMatchObject({ members: 40, fundsFen: 500_000, partyOrg: true, version: 2 });
    const detail = await t.clerk.call('orgs.get', { id: org.id });
    expect(detail.history[0]).toMatchObject({
      summary: '修改基本信息（人数：40，党组织：已建立）',
      reason: '年度花名册更新',
    });
  });

  test('a credit-code correction is checked like a new one', async () => {
    const org = await t.clerk.call('orgs.register', registeredInput());
    const r = await t.clerk.try('orgs.update', {
      id: org.id,
      version: 1,
      registered: { creditCode: creditCode('2', 'MJ000001') },
    });
    expect(!r.ok && r.error.fields?.creditCode).toBe(
      '统一社会信用代码第2位为 2（民办非企业单位），与所选类型“社会团体”不符（应为 1）',
    );
  });

  test('撤销登记 ends a registered organization as 撤销 and the figures count it so', async () => {
    const org = await t.clerk.call('orgs.register', registeredInput());
    await t.clerk.call('orgs.event', {
      id: org.id,
      version: 1,
      kind: 'penalty',
      occurredOn: '2026-03-01',
      detail: '警告',
      docNo: '海民罚〔2026〕1号',
    });
    const ended = await t.clerk.call('orgs.event', {
      id: org.id,
      version: 2,
      kind: 'revocation',
      occurredOn: '2026-09-01',
      detail: '连续两年未参加年检',
    });
    expect(ended).toMatchObject({ status: 'revoked', endedOn: '2026-09-01' });
    const f = await t.clerk.call('orgs.figures', { month: '2026-09' });
    expect(f.registered.byStatus).toEqual({ normal: 0, revoked: 1, deregistered: 0 });
    const aug = await t.clerk.call('orgs.figures', { month: '2026-08' });
    expect(aug.registered.byStatus).toEqual({ normal: 1, revoked: 0, deregistered: 0 });
  });
});

describe('stale edits on calendar records', () => {
  test('completing or postponing a term with an old version is refused', async () => {
    const org = await t.clerk.call('orgs.register', registeredInput());
    const term = await t.clerk.call('orgs.terms.start', { orgId: org.id, termNo: 1, startedOn: '2021-10-01' });
    await t.clerk.call('orgs.terms.postpone', {
      id: term.id,
      version: 1,
      postponedTo: '2027-03-01',
      reason: '审计未完成',
    });
    const stale = await t.clerk2.try('orgs.terms.complete', { id: term.id, version: 1, doneOn: '2026-09-01' });
    expect(!stale.ok && stale.error).toMatchObject({
      code: 'CONFLICT',
      message: '第 1 届任期记录已被他人修改，请刷新后重新编辑（您的修改未保存）',
    });
    const early = await t.clerk.try('orgs.terms.postpone', {
      id: term.id,
      version: 2,
      postponedTo: '2027-02-01',
      reason: '再延',
    });
    expect(!early.ok && early.error.fields?.postponedTo).toBe('应晚于 2027-03-01');
  });
});
