// The children's register (儿童福利, 一人一档): registration linked to the case ledger's person by ID number,
// edits with the stale-edit check, ending a file (aged out, moved, adopted …), the list and the one-child page.
import type { Kysely } from 'kysely';
import type { ChildCategoryValue, ChildSummary, ChildView, childrenApi } from '../../../shared/api/children';
import { badInput, conflict, LedgerError } from '../../../shared/errors';
import { ageOn, parseIdNumber } from '../../../shared/idcard';
import { maskIdNumber } from '../../../shared/mask';
import type { DB } from '../db';
import {
  camelFields,
  todayOf,
  VISIT_VIEW_COLUMNS,
  endVersioned,
  insertVersioned,
  loadForEdit,
  updateVersioned,
  type Handlers,
  type ServiceContext,
} from '../kernel';
import { getSetting } from '../settings';
import { agesOutOn, categoryProblem, DEFAULT_CHILD_VISIT_PLAN, nextChildVisitDue, type ChildVisitPlan } from './rules';
import type { ChildrenTable, ChildVisitsTable } from './tables';

type Input<M extends keyof typeof childrenApi> = Parameters<Handlers<typeof childrenApi>[M]>[1];

export const VISIT_PLAN_KEY = 'children.visitPlan';

export async function visitPlan(db: Kysely<DB>): Promise<ChildVisitPlan> {
  return { ...DEFAULT_CHILD_VISIT_PLAN, ...(await getSetting<Partial<ChildVisitPlan>>(db, VISIT_PLAN_KEY, {})) };
}

export const loadChild = (db: Kysely<DB>, id: string, version?: number): Promise<ChildrenTable> =>
  loadForEdit({ db }, 'children', id, version, '该儿童档案', (c) => `“${c.name}”的儿童档案`);

export async function lastChildVisits(db: Kysely<DB>, ids: string[] | null): Promise<Map<string, string>> {
  let q = db
    .selectFrom('child_visits')
    .select(['child_id', (eb) => eb.fn.max('visited_on').as('last')])
    .where('voided', '=', 0)
    .groupBy('child_id');
  if (ids !== null) {
    if (ids.length === 0) return new Map();
    if (ids.length <= 500) q = q.where('child_id', 'in', ids);
  }
  const rows = await q.execute();
  return new Map(rows.map((r) => [r.child_id, String(r.last)]));
}

export function summaryOf(
  c: ChildrenTable,
  villageName: string,
  last: string | null,
  plan: ChildVisitPlan,
  today: string,
): ChildSummary {
  const categories = JSON.parse(c.categories) as ChildCategoryValue[];
  const nextDueOn = c.status === 'active' ? nextChildVisitDue(plan, categories, c.registered_on, last) : null;
  return {
    id: c.id,
    name: c.name,
    idNumberMasked: maskIdNumber(c.id_number),
    sex: c.sex,
    age: ageOn(c.birth_date, today),
    villageId: c.village_id,
    villageName,
    categories,
    status: c.status,
    lastVisitOn: last,
    nextDueOn,
    overdue: nextDueOn !== null && nextDueOn < today,
    agesOutYear: Number(agesOutOn(c.birth_date, categories).slice(0, 4)),
    version: c.version,
  };
}

async function villageName(db: Kysely<DB>, id: string): Promise<string> {
  const v = await db.selectFrom('villages').select('name').where('id', '=', id).executeTakeFirst();
  return v?.name ?? '';
}

/** The columns the one-child page shows as stored (the summary's, the masked account and the lists come apart). */
const childFields = camelFields<ChildrenTable>()([
  'person_id',
  'address',
  'father_status',
  'mother_status',
  'placement',
  'school',
  'health',
  'guardian_name',
  'guardian_relation',
  'guardian_phone',
  'payee_name',
  'payee_relation',
  'carer_name',
  'carer_relation',
  'carer_phone',
  'entrusted_on',
  'registered_on',
  'ended_on',
  'end_reason',
  'remark',
]);

const visitFields = camelFields<ChildVisitsTable>()(VISIT_VIEW_COLUMNS);

export async function childView(ctx: ServiceContext, id: string): Promise<ChildView> {
  const c = await loadChild(ctx.db, id);
  const today = todayOf(ctx);
  const [vname, last, plan] = await Promise.all([
    villageName(ctx.db, c.village_id),
    lastChildVisits(ctx.db, [c.id]),
    visitPlan(ctx.db),
  ]);
  const member = c.person_id
    ? await ctx.db
        .selectFrom('household_members')
        .select('household_id')
        .where('person_id', '=', c.person_id)
        .where('left_on', 'is', null)
        .executeTakeFirst()
    : undefined;
  const benefits = c.person_id
    ? await ctx.db
        .selectFrom('cases')
        .select(['id as caseId', 'category', 'status', 'monthly_amount_fen as amountFen'])
        .where((eb) =>
          eb.or([
            eb('person_id', '=', c.person_id),
            ...(member ? [eb.and([eb('household_id', '=', member.household_id), eb('person_id', 'is', null)])] : []),
          ]),
        )
        .orderBy('created_at', 'desc')
        .execute()
    : [];
  const visits = await ctx.db
    .selectFrom('child_visits')
    .selectAll()
    .where('child_id', '=', c.id)
    .orderBy('visited_on', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
  const director = await ctx.db
    .selectFrom('child_workers')
    .select('name')
    .where('role', '=', 'director')
    .where('village_id', '=', c.village_id)
    .where('ended_on', 'is', null)
    .executeTakeFirst();
  return {
    ...summaryOf(c, vname, last.get(c.id) ?? null, plan, today),
    ...childFields(c),
    householdId: member?.household_id ?? null,
    payeeAccountMasked: c.payee_account ? `****${c.payee_account.slice(-4)}` : null,
    benefits,
    visits: visits.map((v) => ({
      ...visitFields(v),
      forcedReport: v.forced_report === 1,
      voided: v.voided === 1,
    })),
    director: director?.name ?? null,
  };
}

type ChildFields = Input<'children.register'>;

/** Checks and normalises what a clerk entered; throws with the field named. */
async function checked(
  ctx: ServiceContext,
  input: Omit<ChildFields, 'registeredOn' | 'idNumber'>,
  idNumber: string,
  onDate: string,
): Promise<{ idNumber: string; sex: 'M' | 'F'; birthDate: string; personId: string | null }> {
  const id = parseIdNumber(idNumber, { today: todayOf(ctx) });
  if (!id.ok) throw badInput(`身份证号码有误：${id.message}`, { idNumber: id.message });
  const village = await ctx.db
    .selectFrom('villages')
    .select(['id', 'active', 'name'])
    .where('id', '=', input.villageId)
    .executeTakeFirst();
  if (!village) throw badInput('所选村(社区)不存在', { villageId: '所选村(社区)不存在' });
  if (village.active !== 1) throw badInput(`村(社区)“${village.name}”已撤并`, { villageId: '该村(社区)已撤并' });
  const problem = categoryProblem(input.categories, input.fatherStatus, input.motherStatus, id.birthDate, onDate);
  if (problem) throw new LedgerError('RULE', problem, { categories: problem });
  if (input.categories.includes('left_behind') && !input.carerName && !input.guardianName)
    throw badInput('农村留守儿童须登记受委托照护人（或监护人）', { carerName: '请填写受委托照护人' });
  if (input.entrustedOn && input.entrustedOn > todayOf(ctx))
    throw badInput('委托照护日期不能晚于今天', { entrustedOn: '不能晚于今天' });
  const person = await ctx.db.selectFrom('people').select('id').where('id_number', '=', id.value).executeTakeFirst();
  return { idNumber: id.value, sex: id.sex, birthDate: id.birthDate, personId: person?.id ?? null };
}

function columns(input: Omit<ChildFields, 'registeredOn' | 'idNumber'>): Partial<ChildrenTable> {
  return {
    name: input.name,
    village_id: input.villageId,
    address: input.address ?? null,
    categories: JSON.stringify([...new Set(input.categories)].sort()),
    father_status: input.fatherStatus,
    mother_status: input.motherStatus,
    placement: input.placement ?? null,
    school: input.school ?? null,
    health: input.health ?? null,
    guardian_name: input.guardianName ?? null,
    guardian_relation: input.guardianRelation ?? null,
    guardian_phone: input.guardianPhone ?? null,
    payee_name: input.payeeName ?? null,
    payee_relation: input.payeeRelation ?? null,
    carer_name: input.carerName ?? null,
    carer_relation: input.carerRelation ?? null,
    carer_phone: input.carerPhone ?? null,
    entrusted_on: input.entrustedOn ?? null,
    remark: input.remark ?? null,
  };
}

/** Only the changed fields, for the journal; an account number is journalled as changed, never in full. */
function changes(before: Partial<ChildrenTable>, after: Partial<ChildrenTable>) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const k of Object.keys(after) as (keyof ChildrenTable)[]) {
    if (JSON.stringify(before[k]) === JSON.stringify(after[k])) continue;
    const secret = k === 'payee_account' || k === 'id_number';
    b[k] = secret ? (before[k] ? maskIdNumber(String(before[k])) : null) : before[k];
    a[k] = secret ? (after[k] ? maskIdNumber(String(after[k])) : null) : after[k];
  }
  return { before: b, after: a };
}

export const registryHandlers: Pick<
  Handlers<typeof childrenApi>,
  'children.register' | 'children.update' | 'children.end' | 'children.get'
> = {
  'children.get': async (ctx, input) => childView(ctx, input.id),

  'children.register': async (ctx, input) => {
    const today = todayOf(ctx);
    if (input.registeredOn > today) throw badInput('登记日期不能晚于今天', { registeredOn: '不能晚于今天' });
    const facts = await checked(ctx, input, input.idNumber, input.registeredOn);
    const existing = await ctx.db
      .selectFrom('children')
      .select(['name'])
      .where('id_number', '=', facts.idNumber)
      .where('status', '=', 'active')
      .executeTakeFirst();
    if (existing)
      throw conflict(`身份证号码 ${maskIdNumber(facts.idNumber)} 的儿童“${existing.name}”已在册，请勿重复登记`);
    const values = {
      ...(columns(input) as ChildrenTable),
      person_id: facts.personId,
      id_number: facts.idNumber,
      sex: facts.sex,
      birth_date: facts.birthDate,
      payee_account: input.payeeAccount ?? null,
      registered_on: input.registeredOn,
      status: 'active' as const,
      ended_on: null,
      end_reason: null,
    };
    const row = await insertVersioned(ctx, 'children', values, {
      action: 'children.register',
      after: changes({}, values).after,
    });
    return childView(ctx, row.id);
  },

  'children.update': async (ctx, input) => {
    const c = await loadChild(ctx.db, input.id, input.version);
    if (c.status !== 'active') throw new LedgerError('RULE', `“${c.name}”的档案已结束，不能再修改`);
    const facts = await checked(ctx, input, c.id_number, todayOf(ctx));
    const next: Partial<ChildrenTable> = {
      ...columns(input),
      person_id: facts.personId,
      ...(input.payeeAccount !== undefined ? { payee_account: input.payeeAccount } : {}),
    };
    const { before, after } = changes(c, next);
    if (Object.keys(after).length === 0) return childView(ctx, c.id);
    await updateVersioned(ctx, 'children', c.id, input.version, next, {
      action: 'children.update',
      what: `“${c.name}”的儿童档案`,
      current: c,
      entry: { before, after },
    });
    return childView(ctx, c.id);
  },

  'children.end': async (ctx, input) => {
    const c = await loadChild(ctx.db, input.id, input.version);
    if (c.status !== 'active') throw new LedgerError('RULE', `“${c.name}”的档案已于 ${c.ended_on} 结束`);
    if (input.endedOn > todayOf(ctx)) throw badInput('结束日期不能晚于今天', { endedOn: '不能晚于今天' });
    if (input.endedOn < c.registered_on)
      throw badInput(`结束日期不能早于登记日期（${c.registered_on}）`, { endedOn: '不能早于登记日期' });
    await endVersioned(ctx, 'children', c, input.version, input.endedOn, input.reason, {
      action: 'children.end',
      what: `“${c.name}”的儿童档案`,
    });
    return childView(ctx, c.id);
  },
};
