import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { makeTestCore } from '../../helpers/ledger';
import { household, idFor, member, setup, type Ctx } from '../cases/fixtures';

let c: Ctx;
beforeEach(async () => {
  c = await setup('2025-03-03');
});
afterEach(async () => {
  await c.t.close();
});

const count = (table: string) =>
  (c.t.core.ledger.raw.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('ID numbers (GB 11643)', () => {
  it("accepts the standard's own examples 11010519491231002X and 440524188001010014, deriving birth date and sex", async () => {
    const page = await household(c, [
      { name: '王芳', idNumber: '11010519491231002x', relation: '户主' },
      { name: '李老汉', idNumber: '440524188001010014', relation: '父亲', sex: 'M', birthDate: '1880-01-01' },
    ]);
    const [head, father] = page.members;
    expect(head).toMatchObject({
      name: '王芳',
      sex: 'F',
      birthDate: null, // beside a masked number only the age is shown (src/shared/mask.ts)
      idNumberMasked: '**************002X',
    });
    expect(head?.age).toBeGreaterThanOrEqual(75);
    expect(father).toMatchObject({ sex: 'M', birthDate: null, idLegacy: false });
    expect(father?.age).toBeGreaterThanOrEqual(145);
  });

  it('refuses a wrong check digit with the message shown, and writes nothing', async () => {
    const r = await c.t.clerk.try('households.create', {
      villageId: c.villageId,
      hukouType: 'rural',
      annualIncomeFen: 0,
      members: [{ name: '王芳', idNumber: '110105194912310021', relation: '户主' }],
    });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.message).toBe(
        '第 1 人“王芳”的身份证号码有误：校验码错误：这个号码没有通过校验（GB 11643），请与身份证原件逐位核对',
      );
      expect(r.error.fields).toEqual({
        'members.0.idNumber': '校验码错误：这个号码没有通过校验（GB 11643），请与身份证原件逐位核对',
      });
    }
    expect(count('households')).toBe(0);
    expect(count('people')).toBe(0);
  });

  it('refuses a birth date that does not exist and a sex that contradicts the number', async () => {
    const bad = await c.t.clerk.try('people.checkId', { idNumber: '110105194902300011' });
    expect(bad.ok && bad.data).toMatchObject({ ok: false, message: '出生日期 19490230 不存在' });
    const r = await c.t.clerk.try('households.create', {
      villageId: c.villageId,
      hukouType: 'rural',
      annualIncomeFen: 0,
      members: [{ name: '王芳', idNumber: '11010519491231002X', sex: 'M', relation: '户主' }],
    });
    expect(!r.ok && r.error.message).toBe('第 1 人“王芳”：性别与身份证号码不符：号码表示女，录入为男');
  });

  it('accepts a 15-digit legacy number and flags it', async () => {
    const page = await household(c, [{ name: '老张', idNumber: '110105491231002', relation: '户主' }]);
    expect(page.members[0]).toMatchObject({ idLegacy: true, birthDate: null, sex: 'F' });
    const check = await c.t.clerk.call('people.checkId', { idNumber: '110105491231002' });
    expect(check.legacy).toBe(true);
    expect(check.message).toContain('旧版15位');
  });

  it('one ID number is one person across the ledger', async () => {
    const id = idFor('1960-05-01', 'M');
    await household(c, [member('张三', '1960-05-01', 'M', '户主', { idNumber: id })]);
    const r = await c.t.clerk.try('households.create', {
      villageId: c.village2Id,
      hukouType: 'rural',
      annualIncomeFen: 0,
      members: [{ name: '张叁', idNumber: id, relation: '户主' }],
    });
    expect(!r.ok && r.error.code).toBe('CONFLICT');
    expect(!r.ok && r.error.message).toMatch(/已登记为“张三”.*同一身份证号码只能对应一人/);
    expect(count('households')).toBe(1);
  });
});

describe('membership', () => {
  it('a person in one household cannot be added to another; moving keeps the history in both', async () => {
    const a = await household(c, [
      member('张三', '1960-05-01', 'M', '户主'),
      member('张小三', '1990-02-03', 'M', '子'),
    ]);
    const b = await household(c, [member('李四', '1962-01-01', 'M', '户主')], 0, c.village2Id);
    const son = a.members.find((m) => m.name === '张小三')!;
    const refused = await c.t.clerk.try('households.addMember', {
      householdId: b.household.id,
      relation: '其他',
      joinedOn: '2025-03-03',
      personId: son.personId,
    });
    expect(!refused.ok && refused.error.message).toMatch(/已是.*的成员，一人同时只能属于一户/);

    const moved = await c.t.clerk.call('households.moveMember', {
      personId: son.personId,
      toHouseholdId: b.household.id,
      relation: '其他',
      on: '2025-03-03',
      reason: '分户',
    });
    expect(moved.members.map((m) => m.name).sort()).toEqual(['张小三', '李四'].sort());
    const aAfter = await c.t.clerk.call('households.get', { id: a.household.id });
    expect(aAfter.members.map((m) => m.name)).toEqual(['张三']);
    expect(aAfter.formerMembers).toMatchObject([{ name: '张小三', leftOn: '2025-03-03', leftReason: '分户' }]);
    expect(aAfter.household.size).toBe(1);
  });

  it('a stale edit is refused and writes nothing', async () => {
    const page = await household(c, [member('张三', '1960-05-01', 'M', '户主')]);
    const h = page.household;
    const base = { id: h.id, villageId: h.villageId, hukouType: h.hukouType, address: h.address };
    await c.t.clerk.call('households.update', { ...base, version: h.version, annualIncomeFen: 2_400_000 });
    const stale = await c.t.clerk2.try('households.update', { ...base, version: h.version, annualIncomeFen: 100 });
    expect(!stale.ok && stale.error.message).toBe('该户信息已被他人修改，请刷新后重新编辑（您的修改未保存）');
    const now = await c.t.clerk.call('households.get', { id: h.id });
    expect(now.household.annualIncomeFen).toBe(2_400_000);
    expect(now.household.version).toBe(h.version + 1);
  });

  it('per-capita monthly income is the annual income over 12 months and the living members, rounded once', async () => {
    const page = await household(
      c,
      [
        member('张三', '1960-05-01', 'M', '户主'),
        member('王五', '1962-01-01', 'F', '配偶'),
        member('张七', '2001-01-01', 'F', '女'),
      ],
      1_000_000,
    );
    // 1,000,000 fen / 36 = 27,777.78 -> 27,778 (once; not 83,333.33/3 rounded twice)
    expect(page.household.perCapitaMonthlyIncomeFen).toBe(27_778);
  });
});

describe('search', () => {
  beforeEach(async () => {
    await household(c, [member('张三', '1960-05-01', 'M', '户主', { idNumber: '440524188001010014' })]);
    await household(c, [member('李四', '1962-01-01', 'M', '户主')], 0, c.village2Id);
    await household(c, [member('赵六', '1970-01-01', 'F', '户主')]);
  });

  it('finds 张三 by pinyin initials, by part of the name, by the full ID number and by its last digits', async () => {
    for (const q of ['zs', 'ZS', '张', '张三', '440524188001010014', '0014']) {
      const r = await c.t.clerk.call('households.list', { q });
      expect(
        r.rows.map((x) => x.headName),
        q,
      ).toEqual(['张三']);
      expect(r.total).toBe(1);
    }
  });

  it('masks ID numbers in the list and filters by village; pages with a total', async () => {
    const r = await c.t.clerk.call('households.list', { villageId: c.villageId, limit: 1 });
    expect(r.total).toBe(2);
    expect(r.rows).toHaveLength(1);
    const all = await c.t.clerk.call('households.list', {});
    const zhang = all.rows.find((x) => x.headName === '张三')!;
    expect(zhang.headIdMasked).toBe('**************0014');
  });

  it('people.revealId returns the full number and journals who viewed it and why', async () => {
    const found = await c.t.clerk.call('people.search', { q: 'zs' });
    const p = found.rows[0]!;
    expect(p.idNumberMasked).toBe('**************0014');
    const r = await c.t.clerk.call('people.revealId', { id: p.id, reason: '核对银行开户信息' });
    expect(r.idNumber).toBe('440524188001010014');
    const db = new Database(c.t.dbPath, { readonly: true });
    const entry = db
      .prepare("SELECT actor_name, reason FROM journal WHERE action = 'person.reveal_id' AND entity_id = ?")
      .get(p.id);
    db.close();
    expect(entry).toEqual({ actor_name: '张经办', reason: '核对银行开户信息' });
  });
});

describe('生活自理能力评估 (民发〔2021〕43号)', () => {
  it('all six achieved -> able; up to 3 not achieved -> partial; 4 or more -> unable', async () => {
    const page = await household(c, [member('张三', '1940-05-01', 'M', '户主')]);
    const personId = page.members[0]!.personId;
    const items = (n: number) => {
      const keys = ['eat', 'dress', 'bed', 'toilet', 'walk', 'bathe'] as const;
      return Object.fromEntries(keys.map((k, i) => [k, i >= n])) as Record<(typeof keys)[number], boolean>;
    };
    const assess = (n: number, on: string) =>
      c.t.clerk.call('people.assessSelfCare', { personId, assessedOn: on, assessor: '县评估机构', items: items(n) });
    expect((await assess(0, '2025-01-01')).grade).toBe('able');
    expect((await assess(3, '2025-01-02')).grade).toBe('partial');
    expect((await assess(4, '2025-01-03')).grade).toBe('unable');
    const after = await c.t.clerk.call('households.get', { id: page.household.id });
    expect(after.members[0]!.selfCare).toBe('unable');
  });
});

it('editing a person without re-typing the masked ID and account numbers keeps them; null clears an account', async () => {
  const t = await makeTestCore();
  try {
    const [village] = await t.clerk.call('villages.list', {});
    const page = await t.clerk.call('households.create', {
      villageId: village!.id,
      hukouType: 'rural',
      annualIncomeFen: 0,
      bankAccount: '6222020200112233',
      members: [
        {
          name: '王芳',
          idNumber: '11010519491231002X',
          relation: '户主',
          bankAccount: '6222000011112222',
          cardAccount: '6229000033334444',
        },
      ],
    });
    const m = page.members.find((x) => x.name === '王芳')!;
    const edited = await t.clerk.call('people.update', {
      id: m.personId,
      version: m.version,
      name: '王芳',
      phone: '13800000000',
    });
    expect(edited.idNumberMasked).toBe('**************002X');
    const row = await t.core.ledger.db
      .selectFrom('people')
      .selectAll()
      .where('id', '=', m.personId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      id_number: '11010519491231002X',
      bank_account: '6222000011112222',
      card_account: '6229000033334444',
      phone: '13800000000',
    });
    await t.clerk.call('people.update', { id: m.personId, version: edited.version, name: '王芳', cardAccount: null });
    const row2 = await t.core.ledger.db
      .selectFrom('people')
      .select(['card_account', 'bank_account'])
      .where('id', '=', m.personId)
      .executeTakeFirstOrThrow();
    expect(row2).toEqual({ card_account: null, bank_account: '6222000011112222' });
    const h = page.household;
    await t.clerk.call('households.update', {
      id: h.id,
      version: h.version,
      villageId: village!.id,
      hukouType: 'rural',
      annualIncomeFen: 120000,
    });
    const hh = await t.core.ledger.db
      .selectFrom('households')
      .select('bank_account')
      .where('id', '=', h.id)
      .executeTakeFirstOrThrow();
    expect(hh.bank_account).toBe('6222020200112233');
  } finally {
    await t.close();
  }
});
