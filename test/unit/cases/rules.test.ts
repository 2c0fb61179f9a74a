// The rules a clerk runs into: exclusions between categories, maker-checker, start months, deadlines, 先行救助,
// standards that never silently change an approved amount.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { approvedCase, household, member, putStandards, setup, type Ctx } from './fixtures';

let c: Ctx;
beforeEach(async () => {
  c = await setup('2025-03-03');
  await putStandards(c);
});
afterEach(async () => {
  await c.t.close();
});

const elder = () => member('孙大爷', '1950-02-01', 'M', '户主', { labourCapacity: 'none' });

describe('exclusions name the rule', () => {
  it('特困 and 低保 for the same person at once is refused naming the rule', async () => {
    const page = await household(c, [elder()]);
    const personId = page.members[0]!.personId;
    await c.t.clerk.call('cases.create', {
      householdId: page.household.id,
      category: 'tekun',
      personId,
      supportMode: 'dispersed',
      appliedOn: '2025-03-03',
    });
    const r = await c.t.clerk.try('cases.create', {
      householdId: page.household.id,
      category: 'dibao',
      appliedOn: '2025-03-03',
    });
    expect(!r.ok && r.error.code).toBe('RULE');
    expect(!r.ok && r.error.message).toBe(
      '不能同时享受：特困人员不再纳入最低生活保障，同一人不能同时享受特困供养和低保（民发〔2021〕43号、民发〔2021〕57号）。“孙大爷”已有特困人员救助供养（已受理）',
    );
    expect((await c.t.clerk.call('cases.list', {})).total).toBe(1);
  });

  it('特困 and 两项补贴 at once is refused', async () => {
    const page = await household(c, [
      member('孙大爷', '1950-02-01', 'M', '户主', {
        disabilityType: '肢体',
        disabilityGrade: 1,
        labourCapacity: 'none',
      }),
    ]);
    const personId = page.members[0]!.personId;
    await c.t.clerk.call('cases.create', {
      householdId: page.household.id,
      category: 'canji_care',
      personId,
      appliedOn: '2025-03-03',
    });
    const r = await c.t.clerk.try('cases.create', {
      householdId: page.household.id,
      category: 'tekun',
      personId,
      supportMode: 'centralized',
      appliedOn: '2025-03-03',
    });
    expect(!r.ok && r.error.message).toMatch(
      /^不能同时享受：特困供养人员不享受困难残疾人生活补贴和重度残疾人护理补贴（国发〔2015〕52号）/,
    );
  });

  it('a minor cannot hold 特困 and 孤儿 at once (民发〔2021〕43号 Art 9)', async () => {
    const page = await household(c, [member('小明', '2015-06-01', 'M', '户主')]);
    const personId = page.members[0]!.personId;
    await c.t.clerk.call('cases.create', {
      householdId: page.household.id,
      category: 'guer',
      personId,
      supportMode: 'dispersed',
      appliedOn: '2025-03-03',
    });
    const r = await c.t.clerk.try('cases.create', {
      householdId: page.household.id,
      category: 'tekun',
      personId,
      supportMode: 'dispersed',
      appliedOn: '2025-03-03',
    });
    expect(!r.ok && r.error.message).toContain('只能选择其一（民发〔2021〕43号第九条）');
  });

  it('a household cannot be 低保 and 低保边缘 at once, but an edge household member may have 单人保', async () => {
    const page = await household(c, [
      member('张三', '1960-05-01', 'M', '户主'),
      member('张小妹', '1995-05-01', 'F', '女', { disabilityType: '肢体', disabilityGrade: 1 }),
    ]);
    const hh = page.household.id;
    await c.t.clerk.call('cases.create', { householdId: hh, category: 'bianyuan', appliedOn: '2025-03-03' });
    const r = await c.t.clerk.try('cases.create', { householdId: hh, category: 'dibao', appliedOn: '2025-03-03' });
    expect(!r.ok && r.error.message).toMatch(
      /^不能同时享受：同一家庭不能同时是低保家庭和低保边缘家庭（民发〔2021〕57号第八条/,
    );
    const single = await c.t.clerk.call('cases.create', {
      householdId: hh,
      category: 'dibao',
      singlePerson: true,
      personId: page.members.find((m) => m.name === '张小妹')!.personId,
      appliedOn: '2025-03-03',
    });
    expect(single).toMatchObject({ singlePerson: true, coveredPersons: 1 });
  });

  it('特困 needs no labour capacity: a 40-year-old without disability is refused with the article', async () => {
    const page = await household(c, [member('钱中年', '1985-01-01', 'M', '户主')]);
    const r = await c.t.clerk.try('cases.create', {
      householdId: page.household.id,
      category: 'tekun',
      personId: page.members[0]!.personId,
      supportMode: 'dispersed',
      appliedOn: '2025-03-03',
    });
    expect(!r.ok && r.error.message).toMatch(/^“钱中年”不符合特困人员“无劳动能力”条件（民发〔2021〕43号第五条）/);
  });
});

describe('decisions and start months', () => {
  it('the clerk who entered a case cannot approve it (maker-checker)', async () => {
    const page = await household(c, [member('张三', '1960-05-01', 'M', '户主')], 0);
    // The reviewer enters the case himself, then tries to approve it.
    let k = await c.t.reviewer.call('cases.create', {
      householdId: page.household.id,
      category: 'dibao',
      appliedOn: '2025-03-03',
    });
    k = await c.t.reviewer.call('cases.investigate', {
      id: k.id,
      version: k.version,
      onDate: '2025-03-03',
      investigators: ['甲', '乙'],
      checkResult: 'pass',
    });
    k = await c.t.reviewer.call('cases.preliminary', {
      id: k.id,
      version: k.version,
      onDate: '2025-03-03',
      opinion: 'agree',
    });
    k = await c.t.reviewer.call('cases.publicize', { id: k.id, version: k.version, startOn: '2025-03-03' });
    c.clock.set('2025-03-12');
    k = await c.t.reviewer.call('cases.endPublicity', { id: k.id, version: k.version, onDate: '2025-03-12' });
    expect(k.actions).not.toContain('approve');
    const own = await c.t.reviewer.try('cases.approve', { id: k.id, version: k.version, onDate: '2025-03-12' });
    expect(!own.ok && own.error.message).toBe(
      '审核确认须由录入人以外的审核人办理：您录入了该案件，不能确认自己的案件（经办与审核分离）',
    );
    const byAdmin = await c.t.admin.call('cases.approve', { id: k.id, version: k.version, onDate: '2025-03-12' });
    expect(byAdmin.status).toBe('active');
  });

  it('a 低保 case starts the month after approval; 两项补贴 from the month of application', async () => {
    const page = await household(c, [
      member('张三', '1960-05-01', 'M', '户主'),
      member('张残', '1990-05-01', 'M', '子', { disabilityType: '肢体', disabilityGrade: 2 }),
    ]);
    const dibao = await approvedCase(
      c,
      { householdId: page.household.id, category: 'dibao', appliedOn: '2025-03-03' },
      '2025-03-31',
    );
    expect(dibao.startMonth).toBe('2025-04');
    const care = await approvedCase(
      c,
      {
        householdId: page.household.id,
        category: 'canji_care',
        personId: page.members.find((m) => m.name === '张残')!.personId,
        appliedOn: '2025-04-02',
      },
      '2025-05-06',
    );
    expect(care).toMatchObject({ startMonth: '2025-04', monthlyAmountFen: 9_000 });
  });

  it('an approved amount may be lower than the standard with a reason, never higher', async () => {
    const page = await household(c, [member('张三', '1970-05-01', 'M', '户主')], 0);
    c.clock.set('2025-03-03');
    let k = await c.t.clerk.call('cases.create', {
      householdId: page.household.id,
      category: 'dibao',
      appliedOn: '2025-03-03',
    });
    k = await c.t.clerk.call('cases.investigate', {
      id: k.id,
      version: k.version,
      onDate: '2025-03-03',
      investigators: ['甲', '乙'],
      checkResult: 'pass',
    });
    k = await c.t.clerk.call('cases.preliminary', {
      id: k.id,
      version: k.version,
      onDate: '2025-03-03',
      opinion: 'agree',
    });
    k = await c.t.clerk.call('cases.publicize', { id: k.id, version: k.version, startOn: '2025-03-03' });
    c.clock.set('2025-03-12');
    k = await c.t.clerk.call('cases.endPublicity', { id: k.id, version: k.version, onDate: '2025-03-12' });
    const over = await c.t.reviewer.try('cases.approve', {
      id: k.id,
      version: k.version,
      onDate: '2025-03-12',
      amountFen: 80_001,
      amountReason: '多给',
    });
    expect(!over.ok && over.error.message).toBe('确认金额 800.01 元 超过按标准计算的 800.00 元，不能高于标准');
    const lower = await c.t.reviewer.call('cases.approve', {
      id: k.id,
      version: k.version,
      onDate: '2025-03-12',
      amountFen: 70_000,
      amountReason: '有赡养费收入',
    });
    expect(lower.monthlyAmountFen).toBe(70_000);
  });

  it('objection during 公示 sends the case back to investigation with a new deadline', async () => {
    const page = await household(c, [member('张三', '1960-05-01', 'M', '户主')]);
    let k = await c.t.clerk.call('cases.create', {
      householdId: page.household.id,
      category: 'dibao',
      appliedOn: '2025-03-03',
    });
    k = await c.t.clerk.call('cases.investigate', {
      id: k.id,
      version: k.version,
      onDate: '2025-03-03',
      investigators: ['甲', '乙'],
      checkResult: 'pass',
    });
    k = await c.t.clerk.call('cases.preliminary', {
      id: k.id,
      version: k.version,
      onDate: '2025-03-03',
      opinion: 'agree',
    });
    k = await c.t.clerk.call('cases.publicize', { id: k.id, version: k.version, startOn: '2025-03-03' });
    c.clock.set('2025-03-05');
    k = await c.t.clerk.call('cases.objection', {
      id: k.id,
      version: k.version,
      onDate: '2025-03-05',
      content: '群众反映其有经营性收入',
      resolution: 'reinvestigate',
    });
    expect(k).toMatchObject({ status: 'investigating', dueTask: 'preliminary', dueOn: '2025-03-26' });
  });
});

describe('worklist', () => {
  it('shows what is due and overdue, and whose turn it is', async () => {
    const page = await household(c, [member('张三', '1960-05-01', 'M', '户主')]);
    let k = await c.t.clerk.call('cases.create', {
      householdId: page.household.id,
      category: 'dibao',
      appliedOn: '2025-03-03',
      kinOfStaff: true,
      kinNote: '村委委员之兄',
    });
    c.clock.set('2025-03-07');
    let work = await c.t.clerk.call('cases.worklist', {});
    expect(work).toEqual([
      expect.objectContaining({
        caseId: k.id,
        task: 'investigate',
        dueOn: '2025-03-06',
        overdue: true,
        workingDaysLeft: -1,
        turn: 'clerk',
        assigneeName: '张经办',
        kinOfStaff: true,
      }),
    ]);
    k = await c.t.clerk.call('cases.investigate', {
      id: k.id,
      version: k.version,
      onDate: '2025-03-07',
      investigators: ['甲', '乙'],
      checkResult: 'pass',
    });
    k = await c.t.clerk.call('cases.preliminary', {
      id: k.id,
      version: k.version,
      onDate: '2025-03-07',
      opinion: 'agree',
    });
    k = await c.t.clerk.call('cases.publicize', { id: k.id, version: k.version, startOn: '2025-03-07' });
    c.clock.set('2025-03-14');
    k = await c.t.clerk.call('cases.endPublicity', { id: k.id, version: k.version, onDate: '2025-03-14' });
    work = await c.t.clerk.call('cases.worklist', { turn: 'reviewer' });
    expect(work).toEqual([
      expect.objectContaining({
        task: 'approve',
        turn: 'reviewer',
        dueOn: '2025-03-28',
        assigneeName: '审核人（录入人张经办除外）',
      }),
    ]);
    const kin = await c.t.clerk.call('cases.kinRegister', {});
    expect(kin.rows).toEqual([expect.objectContaining({ id: k.id, kinNote: '村委委员之兄' })]);
  });
});

describe('临时救助', () => {
  it('先行救助 is paid from the 备用金 and limited by its balance; the paperwork follows', async () => {
    const page = await household(c, [member('张三', '1960-05-01', 'M', '户主')]);
    let k = await c.t.clerk.call('cases.create', {
      householdId: page.household.id,
      category: 'linshi',
      linshiType: 'emergency',
      advanceAid: true,
      grantAmountFen: 50_000,
      appliedOn: '2025-03-03',
    });
    const empty = await c.t.clerk.try('cases.grantAdvance', {
      id: k.id,
      version: k.version,
      onDate: '2025-03-03',
      amountFen: 50_000,
    });
    expect(!empty.ok && empty.error.message).toBe(
      '临时救助备用金余额不足：余额 0.00 元，本次 500.00 元。请先拨付备用金或报县级审批',
    );
    const r0 = await c.t.reviewer.call('reserve.get', {});
    await c.t.reviewer.call('reserve.topUp', { version: r0.version, amountFen: 200_000, reason: '县民政局拨付备用金' });
    k = await c.t.clerk.call('cases.grantAdvance', {
      id: k.id,
      version: k.version,
      onDate: '2025-03-03',
      amountFen: 50_000,
    });
    expect(k).toMatchObject({ status: 'active', grantAmountFen: 50_000, reservePaid: true, dueTask: 'paperwork' });
    expect((await c.t.clerk.call('reserve.get', {})).balanceFen).toBe(150_000);
    c.clock.set('2025-03-10');
    k = await c.t.clerk.call('cases.completePaperwork', {
      id: k.id,
      version: k.version,
      onDate: '2025-03-10',
      note: '补签申请书和审批表',
    });
    expect(k).toMatchObject({ paperworkDoneOn: '2025-03-10', dueTask: null });
  });
});

describe('standards', () => {
  it('a new standard never changes an approved amount silently: it is proposed and a clerk confirms it', async () => {
    const page = await household(c, [member('张三', '1970-05-01', 'M', '户主')], 0);
    const k = await approvedCase(
      c,
      { householdId: page.household.id, category: 'dibao', appliedOn: '2025-03-03' },
      '2025-03-20',
    );
    expect(k.monthlyAmountFen).toBe(80_000);
    await c.t.reviewer.call('standards.put', {
      category: 'dibao',
      area: 'rural',
      effectiveMonth: '2025-07',
      standardFen: 85_000,
      method: 'gap',
      supplements: { elderlyFen: 5_000, minorFen: 8_000, severeDisabilityFen: 10_000, seriousIllnessFen: 10_000 },
    });
    expect((await c.t.clerk.call('cases.get', { id: k.id })).monthlyAmountFen).toBe(80_000);
    const proposals = await c.t.clerk.call('standards.propose', { month: '2025-07' });
    expect(proposals).toEqual([
      expect.objectContaining({ caseId: k.id, currentFen: 80_000, proposedFen: 85_000, standardMonth: '2025-07' }),
    ]);
    await c.t.clerk.call('standards.confirm', {
      month: '2025-07',
      items: [{ caseId: k.id, caseVersion: proposals[0]!.caseVersion }],
    });
    const after = await c.t.clerk.call('cases.get', { id: k.id });
    expect(after.amounts.map((a) => [a.effectiveMonth, a.amountFen, a.kind])).toEqual([
      ['2025-04', 80_000, 'initial'],
      ['2025-07', 85_000, 'standard'],
    ]);
    expect(await c.t.clerk.call('standards.propose', { month: '2025-07' })).toEqual([]);
  });
});

describe('救助设置 and the 备用金 are saved only at the version the reviewer saw', () => {
  it('a stale edit is refused and changes nothing; a current one is saved and journalled with what was sent', async () => {
    const s0 = await c.t.reviewer.call('caseSettings.get', {});
    const s1 = await c.t.reviewer.call('caseSettings.put', { version: s0.version, taperMaxMonths: 3 });
    expect(s1).toMatchObject({ taperMaxMonths: 3, version: s0.version + 1 });
    const stale = await c.t.reviewer.try('caseSettings.put', { version: s0.version, taperMaxMonths: 6 });
    expect(!stale.ok && stale.error.message).toBe('救助设置已被他人修改，请刷新后重新编辑（您的修改未保存）');
    expect(await c.t.reviewer.call('caseSettings.get', {})).toEqual(s1);
    const entry = c.t.core.ledger.raw
      .prepare(`SELECT before, after FROM journal WHERE action = 'settings.cases' ORDER BY seq DESC LIMIT 1`)
      .get() as { before: string | null; after: string };
    expect(entry.before).toBeNull();
    expect(JSON.parse(entry.after)).toEqual({ taperMaxMonths: 3 });

    const r0 = await c.t.reviewer.call('reserve.get', {});
    const r1 = await c.t.reviewer.call('reserve.topUp', {
      version: r0.version,
      amountFen: 10_000,
      reason: '县民政局拨付',
    });
    expect(r1).toEqual({ balanceFen: r0.balanceFen + 10_000, version: r0.version + 1 });
    const again = await c.t.reviewer.try('reserve.topUp', {
      version: r0.version,
      amountFen: 10_000,
      reason: '重复拨付',
    });
    expect(!again.ok && again.error.message).toBe('备用金余额已被他人修改，请刷新后重新编辑（您的修改未保存）');
    expect(await c.t.reviewer.call('reserve.get', {})).toEqual(r1);
    const spent = c.t.core.ledger.raw
      .prepare(`SELECT before, after, reason FROM journal WHERE action = 'reserve.top_up' ORDER BY seq DESC LIMIT 1`)
      .get() as { before: string; after: string; reason: string };
    expect([JSON.parse(spent.before), JSON.parse(spent.after), spent.reason]).toEqual([
      { balance_fen: r0.balanceFen },
      { balance_fen: r0.balanceFen + 10_000 },
      '县民政局拨付',
    ]);
  });
});
