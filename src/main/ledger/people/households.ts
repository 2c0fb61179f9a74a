// Households (户) and their membership history. A person is in at most one household at a time (the partial unique
// index household_members_current enforces it in the file); moving a member ends one row and starts another.
import type { HouseholdView, PersonInput } from '../../../shared/api/cases';
import { LedgerError, conflict, notFound, rule } from '../../../shared/errors';
import { insertVersioned, loadForEdit, updateLoaded, updateVersioned, type ServiceContext } from '../kernel';
import type { HouseholdMembersTable, HouseholdsTable, PeopleTable } from './tables';
import { newId, nowIso } from '../ids';
import { currentMembership, livingMembers, perCapitaMonthly } from './members';
import { createPerson, maskAccount, todayOf } from './persons';

export { currentMembership, livingMembers } from './members';

export const loadHousehold = (ctx: ServiceContext, id: string, version?: number): Promise<HouseholdsTable> =>
  loadForEdit(ctx, 'households', id, version, '该户', () => '该户信息');

export const loadPerson = (ctx: ServiceContext, id: string, version?: number): Promise<PeopleTable> =>
  loadForEdit(ctx, 'people', id, version, '该人员', (p) => `人员“${p.name}”的信息`);

export async function assertVillage(ctx: ServiceContext, villageId: string): Promise<string> {
  const v = await ctx.db
    .selectFrom('villages')
    .select(['name', 'active'])
    .where('id', '=', villageId)
    .executeTakeFirst();
  if (!v) throw new LedgerError('BAD_INPUT', '请选择村(社区)', { villageId: '村(社区)不存在' });
  if (v.active !== 1) throw rule(`村(社区)“${v.name}”已撤并，请选择现有的村(社区)`, { villageId: '已撤并' });
  return v.name;
}

async function joinHousehold(
  ctx: ServiceContext,
  householdId: string,
  person: PeopleTable,
  relation: string,
  joinedOn: string,
): Promise<void> {
  const cur = await currentMembership(ctx, person.id);
  if (cur) {
    throw conflict(
      `“${person.name}”已是${cur.village ?? ''}${cur.head ? `“${cur.head}”户` : '另一户'}的成员，一人同时只能属于一户；请用“迁移成员”办理`,
    );
  }
  if (person.deceased_on) throw rule(`“${person.name}”已于 ${person.deceased_on} 死亡，不能加入家庭`);
  await insertVersioned(
    ctx,
    'household_members',
    {
      household_id: householdId,
      person_id: person.id,
      relation,
      joined_on: joinedOn,
      left_on: null,
      left_reason: null,
    },
    {
      action: 'household.member_join',
      after: { household_id: householdId, person_id: person.id, name: person.name, relation, joined_on: joinedOn },
    },
  );
}

async function endMembership(
  ctx: ServiceContext,
  m: HouseholdMembersTable,
  leftOn: string,
  reason: string,
  name: string,
): Promise<void> {
  if (leftOn < m.joined_on) throw badDate(`离户日期不能早于入户日期 ${m.joined_on}`);
  await updateLoaded(
    ctx,
    'household_members',
    m,
    { left_on: leftOn, left_reason: reason },
    {
      action: 'household.member_leave',
      what: `“${name}”的户成员记录`,
      reason,
      entry: {
        before: { left_on: null },
        after: { household_id: m.household_id, person_id: m.person_id, name, left_on: leftOn },
      },
    },
  );
}

const badDate = (m: string) => new LedgerError('BAD_INPUT', m);

export interface HouseholdFieldsInput {
  villageId: string;
  hukouType: 'urban' | 'rural';
  address?: string | null | undefined;
  phone?: string | null | undefined;
  annualIncomeFen: number;
  assetsNote?: string | null | undefined;
  povertyCause?: string | null | undefined;
  bankName?: string | null | undefined;
  bankAccount?: string | null | undefined;
}

function householdFields(i: HouseholdFieldsInput) {
  return {
    village_id: i.villageId,
    hukou_type: i.hukouType,
    address: i.address ?? null,
    phone: i.phone ?? null,
    annual_income_fen: i.annualIncomeFen,
    assets_note: i.assetsNote ?? null,
    poverty_cause: i.povertyCause ?? null,
    bank_name: i.bankName ?? null,
    bank_account: i.bankAccount ? i.bankAccount.replace(/\s+/g, '') : null,
  };
}

export async function createHousehold(
  ctx: ServiceContext,
  input: HouseholdFieldsInput & { joinedOn?: string | undefined; members: (PersonInput & { relation: string })[] },
): Promise<string> {
  await assertVillage(ctx, input.villageId);
  const heads = input.members.filter((m) => m.relation === '户主');
  if (heads.length !== 1) {
    throw new LedgerError(
      'BAD_INPUT',
      heads.length === 0 ? '请指定一名户主（与户主关系选“户主”）' : '一户只能有一名户主',
    );
  }
  const seen = new Map<string, number>();
  input.members.forEach((m, i) => {
    const key = m.idNumber ? m.idNumber.replace(/\s+/g, '').toUpperCase() : '';
    if (!key) return;
    const prev = seen.get(key);
    if (prev !== undefined) {
      throw new LedgerError('BAD_INPUT', `第 ${prev + 1} 人和第 ${i + 1} 人的身份证号码相同`, {
        [`members.${i}.idNumber`]: '与前面成员重复',
      });
    }
    seen.set(key, i);
  });
  const at = nowIso(ctx.now());
  const joinedOn = input.joinedOn ?? todayOf(ctx);
  const h: HouseholdsTable = {
    id: newId(),
    ...householdFields(input),
    head_person_id: null,
    status: 'active',
    created_at: at,
    updated_at: at,
    version: 1,
  };
  await ctx.db.insertInto('households').values(h).execute();
  let headId: string | null = null;
  for (const [i, m] of input.members.entries()) {
    const { relation, ...person } = m;
    const p = await createPerson(ctx, person, `members.${i}.`, `第 ${i + 1} 人“${m.name}”`);
    await joinHousehold(ctx, h.id, p, relation, joinedOn);
    if (relation === '户主') headId = p.id;
  }
  await ctx.db.updateTable('households').set({ head_person_id: headId }).where('id', '=', h.id).execute();
  await ctx.journal({
    action: 'household.create',
    entity: 'households',
    entityId: h.id,
    after: { ...householdFields(input), head_person_id: headId, members: input.members.length },
  });
  return h.id;
}

export async function updateHousehold(
  ctx: ServiceContext,
  input: HouseholdFieldsInput & { id: string; version: number; reason?: string | null | undefined },
): Promise<void> {
  const h = await loadHousehold(ctx, input.id, input.version);
  if (input.villageId !== h.village_id) await assertVillage(ctx, input.villageId);
  // Views carry only the masked account number: an omitted bankAccount means "unchanged", null means "clear".
  const next = householdFields({
    ...input,
    bankAccount: input.bankAccount === undefined ? h.bank_account : input.bankAccount,
  });
  await updateVersioned(ctx, 'households', h.id, input.version, next, {
    action: 'household.update',
    what: '该户信息',
    reason: input.reason,
    current: h,
  });
}

export async function addMember(
  ctx: ServiceContext,
  input: {
    householdId: string;
    relation: string;
    joinedOn: string;
    person?: PersonInput | undefined;
    personId?: string | undefined;
  },
): Promise<void> {
  const h = await loadHousehold(ctx, input.householdId);
  if (h.status !== 'active') throw rule('该户已注销，不能再添加成员');
  if (input.relation === '户主') throw rule('户主请用“变更户主”办理；新成员请选择与户主的关系');
  let p: PeopleTable;
  if (input.personId) p = await loadPerson(ctx, input.personId);
  else if (input.person) p = await createPerson(ctx, input.person, 'person.');
  else throw new LedgerError('BAD_INPUT', '请录入新成员或选择已登记的人员');
  await joinHousehold(ctx, h.id, p, input.relation, input.joinedOn);
  await touchHousehold(ctx, h);
}

export async function removeMember(
  ctx: ServiceContext,
  input: { householdId: string; personId: string; leftOn: string; reason: string },
): Promise<void> {
  const h = await loadHousehold(ctx, input.householdId);
  const p = await loadPerson(ctx, input.personId);
  const m = await currentMembership(ctx, p.id);
  if (!m || m.household_id !== h.id) throw notFound(`“${p.name}”在该户的在册记录`);
  if (h.head_person_id === p.id) throw rule(`“${p.name}”是户主，请先变更户主再办理离户`);
  await endMembership(ctx, m, input.leftOn, input.reason, p.name);
  await touchHousehold(ctx, h);
}

export async function moveMember(
  ctx: ServiceContext,
  input: { personId: string; toHouseholdId: string; relation: string; on: string; reason: string },
): Promise<void> {
  const p = await loadPerson(ctx, input.personId);
  const to = await loadHousehold(ctx, input.toHouseholdId);
  if (to.status !== 'active') throw rule('目标户已注销');
  if (input.relation === '户主') throw rule('迁入后如需担任户主，请再用“变更户主”办理');
  const m = await currentMembership(ctx, p.id);
  if (m) {
    if (m.household_id === to.id) throw rule(`“${p.name}”已是该户成员`);
    const from = await loadHousehold(ctx, m.household_id);
    if (from.head_person_id === p.id) throw rule(`“${p.name}”是原户户主，请先为原户变更户主`);
    await endMembership(ctx, m, input.on, input.reason, p.name);
    await touchHousehold(ctx, from);
  }
  await joinHousehold(ctx, to.id, p, input.relation, input.on);
  await touchHousehold(ctx, to);
}

export async function setHead(
  ctx: ServiceContext,
  input: { id: string; version: number; personId: string; reason: string },
): Promise<void> {
  const h = await loadHousehold(ctx, input.id, input.version);
  const p = await loadPerson(ctx, input.personId);
  const m = await currentMembership(ctx, p.id);
  if (!m || m.household_id !== h.id) throw rule(`“${p.name}”不是该户在册成员`);
  if (p.deceased_on) throw rule(`“${p.name}”已死亡，不能担任户主`);
  const at = nowIso(ctx.now());
  if (h.head_person_id) {
    await ctx.db
      .updateTable('household_members')
      .set({ relation: '其他', updated_at: at })
      .where('household_id', '=', h.id)
      .where('person_id', '=', h.head_person_id)
      .where('left_on', 'is', null)
      .execute();
  }
  await ctx.db
    .updateTable('household_members')
    .set({ relation: '户主', updated_at: at })
    .where('id', '=', m.id)
    .execute();
  await updateVersioned(
    ctx,
    'households',
    h.id,
    input.version,
    { head_person_id: p.id },
    {
      action: 'household.set_head',
      what: '该户信息',
      reason: input.reason,
      current: h,
      at,
      entry: { before: { head_person_id: h.head_person_id }, after: { head_person_id: p.id, head_name: p.name } },
    },
  );
}

/** Membership changes bump the household's version, so an edit opened before them is refused as stale. */
async function touchHousehold(ctx: ServiceContext, h: HouseholdsTable): Promise<void> {
  await updateLoaded(ctx, 'households', h, {}, { action: 'household.touch', what: '该户信息', entry: false });
}

export async function householdView(ctx: ServiceContext, h: HouseholdsTable): Promise<HouseholdView> {
  const village = await ctx.db.selectFrom('villages').select('name').where('id', '=', h.village_id).executeTakeFirst();
  const head = h.head_person_id
    ? await ctx.db.selectFrom('people').select('name').where('id', '=', h.head_person_id).executeTakeFirst()
    : undefined;
  const size = (await livingMembers(ctx, h.id)).length;
  return {
    id: h.id,
    villageId: h.village_id,
    villageName: village?.name ?? '',
    headPersonId: h.head_person_id,
    headName: head?.name ?? null,
    hukouType: h.hukou_type,
    address: h.address,
    phone: h.phone,
    annualIncomeFen: h.annual_income_fen,
    size,
    perCapitaMonthlyIncomeFen: perCapitaMonthly(h.annual_income_fen, size),
    assetsNote: h.assets_note,
    povertyCause: h.poverty_cause,
    bankName: h.bank_name,
    bankAccountMasked: maskAccount(h.bank_account),
    status: h.status,
    version: h.version,
  };
}
