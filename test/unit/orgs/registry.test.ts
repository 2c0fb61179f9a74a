// Registered and community organizations through the real dispatcher on a real ledger file: validation with
// Chinese messages naming the field, nothing written on bad input, journal, stale edits, events, nothing deleted.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { makeTestCore, type TestCore } from '../../helpers/ledger';
import { communityInput, creditCode, registeredInput } from './fixtures';
import { usccCheckChar } from '../../../src/shared/uscc';
import { appendJournalRaw } from '../../../src/main/ledger/journal';

let t: TestCore;
// 2026-09-15 10:00 in China.
beforeEach(async () => {
  t = await makeTestCore({ now: () => new Date('2026-09-15T02:00:00Z') });
});
afterEach(async () => {
  await t.close();
});

const counts = async () => ({
  orgs: Number(
    (
      await t.core.ledger.db
        .selectFrom('orgs')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  ),
  journal: Number(
    (
      await t.core.ledger.db
        .selectFrom('journal')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  ),
});

describe('registering an organization', () => {
  test('a valid 社会团体 is recorded, listed and journalled', async () => {
    const org = await t.clerk.call('orgs.register', registeredInput({ creditCode: ' 51321202mj00000185 ' }));
    expect(org).toMatchObject({
      registry: 'registered',
      kind: 'association',
      status: 'normal',
      creditCode: '51321202MJ00000185',
      capitalFen: 3_000_000,
      version: 1,
    });
    const list = await t.clerk.call('orgs.list', { q: '书画' });
    expect(list.total).toBe(1);
    expect(list.rows[0]).toMatchObject({
      name: '泰州市海陵区城东街道老年书画协会',
      person: '陈国华',
      since: '2019-05-10',
      partyOrg: true,
    });
    const byCode = await t.clerk.call('orgs.list', { q: '51321202MJ' });
    expect(byCode.total).toBe(1);
    const j = await t.core.ledger.db.selectFrom('journal').selectAll().where('entity_id', '=', org.id).execute();
    expect(j.map((e) => [e.action, e.actor_name])).toEqual([['org.register', '张经办']]);
  });

  test('a wrong GB 32100 check character is refused naming the field, and nothing is written', async () => {
    const before = await counts();
    const good = creditCode('1', 'MJ000001');
    const bad = good.slice(0, 17) + (good.endsWith('5') ? '6' : '5');
    const r = await t.clerk.try('orgs.register', registeredInput({ creditCode: bad }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('BAD_INPUT');
    expect(r.error.message).toMatch(/^统一社会信用代码有误：校验码错误：按 GB 32100 第18位应为 5/);
    expect(r.error.fields?.creditCode).toMatch(/校验码错误/);
    expect(await counts()).toEqual(before);
  });

  test('the embedded 组织机构代码 (GB 11714) check is enforced even when the 18th character fits', async () => {
    const first17 = '51321202MJ0000011'; // 组织机构代码 check for MJ000001 is 8, not 1
    const r = await t.clerk.try('orgs.register', registeredInput({ creditCode: first17 + usccCheckChar(first17) }));
    expect(!r.ok && r.error.message).toMatch(/组织机构代码 MJ000001-1 的校验位错误：按 GB 11714 应为 8/);
  });

  test('the code must be a 民政 code of the chosen kind', async () => {
    const market = await t.clerk.try('orgs.register', registeredInput({ creditCode: '91320621MA1MRHG205' }));
    expect(!market.ok && market.error.message).toContain('第1位应为 5（民政登记），实为 9（工商（市场监管））');
    const mismatch = await t.clerk.try('orgs.register', registeredInput({ kind: 'foundation' }));
    expect(!mismatch.ok && mismatch.error.fields?.creditCode).toBe(
      '统一社会信用代码第2位为 1（社会团体），与所选类型“基金会”不符（应为 3）',
    );
    const foundation = await t.clerk.call(
      'orgs.register',
      registeredInput({ kind: 'foundation', creditCode: creditCode('3', 'MJ000002') }),
    );
    expect(foundation.kind).toBe('foundation');
  });

  test('missing and malformed fields get Chinese messages keyed by field', async () => {
    const r = await t.clerk.try(
      'orgs.register',
      registeredInput({ name: '  ', registeredOn: '2026-02-30', capitalFen: 12.5 }),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.fields).toMatchObject({
      name: '请填写组织名称',
      registeredOn: '登记日期应为有效日期（YYYY-MM-DD）',
      capitalFen: '注册资金应精确到分',
    });
    const future = await t.clerk.try('orgs.register', registeredInput({ registeredOn: '2026-09-16' }));
    expect(!future.ok && future.error.fields?.registeredOn).toBe('登记日期不能晚于今天');
    expect((await counts()).orgs).toBe(0);
  });

  test('the same credit code or the same name cannot be registered twice', async () => {
    await t.clerk.call('orgs.register', registeredInput());
    const dupCode = await t.clerk.try('orgs.register', registeredInput({ name: '另一个协会' }));
    expect(!dupCode.ok && dupCode.error.message).toBe(
      '统一社会信用代码 51321202MJ00000185 已登记为“泰州市海陵区城东街道老年书画协会”',
    );
    const dupName = await t.clerk.try('orgs.register', registeredInput({ creditCode: creditCode('1', 'MJ000003') }));
    expect(!dupName.ok && dupName.error.fields?.name).toBe('名称已存在');
  });
});

describe('editing and events', () => {
  test('an edit with a stale version is refused and changes nothing', async () => {
    const org = await t.clerk.call('orgs.register', registeredInput());
    const edited = await t.clerk.call('orgs.update', {
      id: org.id,
      version: 1,
      registered: { members: 90, partyMembers: 13 },
    });
    expect(edited).toMatchObject({ members: 90, partyMembers: 13, version: 2 });
    const stale = await t.clerk2.try('orgs.update', { id: org.id, version: 1, registered: { members: 10 } });
    expect(!stale.ok && stale.error).toMatchObject({
      code: 'CONFLICT',
      message: '社会组织“泰州市海陵区城东街道老年书画协会”已被他人修改，请刷新后重新编辑（您的修改未保存）',
    });
    const j = await t.core.ledger.db.selectFrom('journal').selectAll().where('action', '=', 'org.update').execute();
    expect(j).toHaveLength(1);
    expect(JSON.parse(j[0]!.before!)).toEqual({ members: 86, party_members: 12 });
    expect(JSON.parse(j[0]!.after!)).toEqual({ members: 90, party_members: 13 });
  });

  test('a change of legal representative is a dated event that updates the record and its history', async () => {
    const org = await t.clerk.call('orgs.register', registeredInput());
    const after = await t.clerk.call('orgs.event', {
      id: org.id,
      version: 1,
      kind: 'legal_rep_change',
      occurredOn: '2026-06-01',
      newValue: '王建军',
      docNo: '海民社变〔2026〕3号',
    });
    expect(after.legalRep).toBe('王建军');
    const detail = await t.clerk.call('orgs.get', { id: org.id });
    expect(detail.events).toEqual([
      expect.objectContaining({
        kind: 'legal_rep_change',
        before: '陈国华',
        after: '王建军',
        occurredOn: '2026-06-01',
      }),
    ]);
    expect(detail.history.map((h) => h.summary)).toContain('修改基本信息（法定代表人：王建军）');
    const same = await t.clerk.try('orgs.event', {
      id: org.id,
      version: 2,
      kind: 'legal_rep_change',
      occurredOn: '2026-07-01',
      newValue: '王建军',
    });
    expect(!same.ok && same.error.fields?.newValue).toBe('与原来相同');
    const wrongKind = await t.clerk.try('orgs.event', {
      id: org.id,
      version: 2,
      kind: 'leader_change',
      occurredOn: '2026-07-01',
      newValue: '某人',
    });
    expect(!wrongKind.ok && wrongKind.error.message).toBe('登记社会组织没有“负责人变更”事项');
  });

  test('deregistration ends the organization without deleting it; nothing more can be done to it', async () => {
    const org = await t.clerk.call('orgs.register', registeredInput());
    const noReason = await t.clerk.try('orgs.event', {
      id: org.id,
      version: 1,
      kind: 'deregistration',
      occurredOn: '2026-08-01',
    });
    expect(!noReason.ok && noReason.error.fields?.detail).toBe('请填写事由');
    const ended = await t.clerk.call('orgs.event', {
      id: org.id,
      version: 1,
      kind: 'deregistration',
      occurredOn: '2026-08-01',
      detail: '会员大会决议解散，清算完毕',
    });
    expect(ended).toMatchObject({
      status: 'deregistered',
      endedOn: '2026-08-01',
      endReason: '会员大会决议解散，清算完毕',
    }); // Chinese punctuation kept as typed (text.ts)
    expect((await t.clerk.call('orgs.list', {})).total).toBe(0);
    expect((await t.clerk.call('orgs.list', { status: 'deregistered' })).rows.map((r) => r.name)).toEqual([
      '泰州市海陵区城东街道老年书画协会',
    ]);
    const again = await t.clerk.try('orgs.event', {
      id: org.id,
      version: 2,
      kind: 'penalty',
      occurredOn: '2026-08-02',
      detail: '警告',
    });
    expect(!again.ok && again.error).toMatchObject({
      code: 'RULE',
      message: '“泰州市海陵区城东街道老年书画协会”已注销（2026-08-01），不能再办理此事项',
    });
    // The name is free again for a new organization.
    await t.clerk.call(
      'orgs.register',
      registeredInput({ creditCode: creditCode('1', 'MJ000003'), registeredOn: '2026-09-01' }),
    );
  });
});

describe('community organizations under 备案', () => {
  test('备案 with its fields; a change marks it 变更; figures count it by type', async () => {
    const org = await t.clerk.call('orgs.file', communityInput());
    expect(org).toMatchObject({
      registry: 'community',
      status: 'normal',
      filingNo: '城东备字2026-001',
      fundsFen: 200_000,
      kind: null,
      creditCode: null,
    });
    const dup = await t.clerk.try('orgs.file', communityInput({ name: '另一队' }));
    expect(!dup.ok && dup.error.fields?.filingNo).toBe('备案编号已存在');
    const tooMany = await t.clerk.try(
      'orgs.file',
      communityInput({ name: '另一队', filingNo: 'X-2', partyMembers: 40 }),
    );
    expect(!tooMany.ok && tooMany.error.fields?.partyMembers).toBe('党员人数不能多于成员人数');
    const missing = await t.clerk.try(
      'orgs.file',
      communityInput({ name: '另一队', filingNo: 'X-2', venue: '', guideUnit: undefined }),
    );
    expect(!missing.ok && missing.error.fields).toMatchObject({ venue: '请填写活动场所', guideUnit: '请填写指导单位' });

    const changed = await t.clerk.call('orgs.event', {
      id: org.id,
      version: 1,
      kind: 'leader_change',
      occurredOn: '2026-07-01',
      newValue: '周桂兰',
    });
    expect(changed).toMatchObject({ leader: '周桂兰', status: 'changed' });
    const june = await t.clerk.call('orgs.figures', { month: '2026-06' });
    expect(june.community).toMatchObject({ total: 1, byStatus: { normal: 1, changed: 0, deregistered: 0 } });
    expect(june.community.byType.culture_sports).toBe(1);
    const july = await t.clerk.call('orgs.figures', { month: '2026-07' });
    expect(july.community.byStatus).toEqual({ normal: 0, changed: 1, deregistered: 0 });
    const feb = await t.clerk.call('orgs.figures', { month: '2026-02' });
    expect(feb.community.total).toBe(0);
  });

  test('a community organization has no annual inspection or rating', async () => {
    const org = await t.clerk.call('orgs.file', communityInput());
    const r = await t.clerk.try('orgs.inspections.save', {
      orgId: org.id,
      year: 2025,
      authoritySubmittedOn: '2026-03-01',
    });
    expect(!r.ok && r.error.message).toBe('“凤凰社区广场舞队”是备案的社区社会组织，不参加年检');
  });
});

describe('the history of an organization', () => {
  test('reads the journal in snake_case keys, and entries written with the older camelCase keys as they are', async () => {
    const org = await t.clerk.call('orgs.register', registeredInput());
    await t.clerk.call('orgs.event', {
      id: org.id,
      version: 1,
      kind: 'legal_rep_change',
      occurredOn: '2026-06-01',
      newValue: '王建军',
    });
    const written = await t.core.ledger.db
      .selectFrom('journal')
      .select(['action', 'after'])
      .where('entity', '=', 'orgs')
      .where('entity_id', '=', org.id)
      .orderBy('seq')
      .execute();
    expect(written.map((e) => [e.action, Object.keys(JSON.parse(e.after!) as object)])).toEqual([
      ['org.register', ['name', 'kind', 'credit_code', 'registered_on', 'legal_rep']],
      ['org.update', ['legal_rep']],
    ]);
    // An entry as the ledger wrote it before the keys were made snake_case (the journal is never rewritten).
    appendJournalRaw(t.core.ledger.raw, { id: null, name: '张经办' }, [
      {
        action: 'org.update',
        entity: 'orgs',
        entityId: org.id,
        before: { legalRep: '王建军', partyMembers: 12 },
        after: { legalRep: '李明', partyMembers: 13 },
      },
    ]);
    const detail = await t.clerk.call('orgs.get', { id: org.id });
    expect(detail.history.map((h) => h.summary)).toEqual([
      '修改基本信息（法定代表人：李明，党员人数：13）',
      '修改基本信息（法定代表人：王建军）',
      '登记事项（事项：法定代表人变更，日期：2026-06-01，变更为：王建军）',
      '登记入账（名称：泰州市海陵区城东街道老年书画协会，类型：社会团体，统一社会信用代码：' +
        org.creditCode +
        '，登记日期：' +
        org.registeredOn +
        '，法定代表人：陈国华）',
    ]);
  });
});
