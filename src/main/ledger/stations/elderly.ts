// 特殊困难老年人 register: registration linked to the case ledger's person by ID number, risk level, edits, leaving
// the register; the summaries with each person's next visit due date. Visits are in visits.ts.
import { sql, type Kysely } from 'kysely';
import type { ElderlyCategoryValue, ElderlySummary, ElderlyView, stationsApi } from '../../../shared/api/stations';
import { LedgerError, rule } from '../../../shared/errors';
import { ageOn, maskIdNumber, otherIdForm, parseIdNumber } from '../../../shared/idcard';
import { birthYearOnly } from '../../../shared/mask';
import { label } from '../../../shared/labels';
import {
  endVersioned,
  insertVersioned,
  loadForEdit,
  totalOf,
  updateVersioned,
  type Handlers,
  type ServiceContext,
} from '../kernel';
import type { DB } from '../db';
import { contains, diff, loadSettings, notFuture, requireVillage, todayOf } from './common';
import { isVisitOverdue, nextVisitDue, type VisitPlan } from './rules';
import type { ElderlyPeopleTable } from './tables';

type ElderlyHandlers = Pick<
  Handlers<typeof stationsApi>,
  'elderly.list' | 'elderly.get' | 'elderly.revealId' | 'elderly.register' | 'elderly.update' | 'elderly.end'
>;

/** Most parameters bound in one `in (…)` list. */
const IN_LIMIT = 500;

/** 老年人: 60 周岁以上 (《老年人权益保障法》第二条). */
const ELDERLY_MIN_AGE = 60;

/** The columns a registration or an edit sets: the checked identity and what the clerk entered. */
function personColumns(
  input: Pick<
    Parameters<ElderlyHandlers['elderly.register']>[1],
    'name' | 'villageId' | 'address' | 'phone' | 'categories' | 'riskLevel' | 'contactName' | 'contactPhone' | 'remark'
  >,
  who: IdentityChecked,
) {
  return {
    id_number: who.idNumber,
    person_id: who.personId,
    birth_date: who.birthDate,
    sex: who.sex,
    name: input.name,
    village_id: input.villageId,
    address: input.address,
    phone: input.phone,
    categories: JSON.stringify(input.categories),
    risk_level: input.riskLevel,
    contact_name: input.contactName,
    contact_phone: input.contactPhone,
    remark: input.remark,
  };
}

export const loadPerson = (db: Kysely<DB>, id: string, version?: number): Promise<ElderlyPeopleTable> =>
  loadForEdit({ db }, 'elderly_people', id, version, '该特殊困难老年人登记', (p) => `“${p.name}”的登记信息`);

/** Last (not voided) visit date per person. */
export async function lastVisits(db: Kysely<DB>, ids: string[] | null, before?: string): Promise<Map<string, string>> {
  if (ids === null || ids.length > IN_LIMIT) {
    // A large set (the whole register, for the worklist and the visit rate): one seek per person to the end of its
    // visits in the (elderly_id, visited_on) index, rather than a GROUP BY over every visit (150,000 on the bench
    // ledger: three times the time) or binding thousands of parameters.
    const rows = await db
      .selectFrom('elderly_people as p')
      .select((eb) => [
        'p.id as elderly_id',
        eb
          .selectFrom('elderly_visits as v')
          .select((v) => v.fn.max('v.visited_on').as('m'))
          .whereRef('v.elderly_id', '=', 'p.id')
          .where('v.voided', '=', 0)
          .$if(before !== undefined, (q) => q.where('v.visited_on', '<', before as string))
          .as('last'),
      ])
      .execute();
    const wanted = ids === null ? null : new Set(ids);
    return new Map(
      rows
        .filter((r) => r.last != null && (wanted === null || wanted.has(r.elderly_id)))
        .map((r) => [r.elderly_id, String(r.last)]),
    );
  }
  if (ids.length === 0) return new Map();
  let q = db
    .selectFrom('elderly_visits')
    .select(['elderly_id', (eb) => eb.fn.max('visited_on').as('last')])
    .where('voided', '=', 0)
    .where('elderly_id', 'in', ids)
    .groupBy('elderly_id');
  if (before !== undefined) q = q.where('visited_on', '<', before);
  const rows = await q.execute();
  return new Map(rows.map((r) => [r.elderly_id, String(r.last)]));
}

async function linkedPeople(db: Kysely<DB>, idNumbers: string[]): Promise<Map<string, { id: string; name: string }>> {
  const out = new Map<string, { id: string; name: string }>();
  for (let i = 0; i < idNumbers.length; i += IN_LIMIT) {
    const rows = await db
      .selectFrom('people')
      .select(['id', 'name', 'id_number'])
      .where('id_number', 'in', idNumbers.slice(i, i + IN_LIMIT))
      .execute();
    for (const r of rows) out.set(r.id_number ?? '', { id: r.id, name: r.name });
  }
  return out;
}

function summaryOf(
  p: ElderlyPeopleTable,
  villages: Map<string, string>,
  last: string | null,
  inCaseLedger: boolean,
  plan: VisitPlan,
  today: string,
): ElderlySummary {
  const nextDueOn = p.status === 'active' ? nextVisitDue(plan, p.risk_level, p.registered_on, last) : null;
  return {
    id: p.id,
    name: p.name,
    idNumberMasked: maskIdNumber(p.id_number),
    sex: p.sex,
    age: ageOn(p.birth_date, today),
    villageId: p.village_id,
    villageName: villages.get(p.village_id) ?? '',
    categories: JSON.parse(p.categories) as ElderlyCategoryValue[],
    riskLevel: p.risk_level,
    status: p.status,
    lastVisitOn: last,
    nextDueOn,
    overdue: nextDueOn !== null && isVisitOverdue(nextDueOn, today),
    inCaseLedger,
    version: p.version,
  };
}

async function villageNameMap(db: Kysely<DB>): Promise<Map<string, string>> {
  const rows = await db.selectFrom('villages').select(['id', 'name']).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function summaries(ctx: ServiceContext, people: ElderlyPeopleTable[]): Promise<ElderlySummary[]> {
  const today = todayOf(ctx);
  const [villages, last, linked, settings] = await Promise.all([
    villageNameMap(ctx.db),
    lastVisits(
      ctx.db,
      people.map((p) => p.id),
    ),
    linkedPeople(
      ctx.db,
      people.map((p) => p.id_number),
    ),
    loadSettings(ctx.db),
  ]);
  return people.map((p) =>
    summaryOf(p, villages, last.get(p.id) ?? null, linked.has(p.id_number), settings.visitPlan, today),
  );
}

async function elderlyView(ctx: ServiceContext, p: ElderlyPeopleTable): Promise<ElderlyView> {
  const [s] = await summaries(ctx, [p]);
  if (!s) throw new Error('summary missing');
  const linked = (await linkedPeople(ctx.db, [p.id_number])).get(p.id_number);
  let caseCategories: string[] = [];
  if (linked) {
    // Read-only look into the case ledger: the categories this person is currently covered under.
    const rows = await ctx.db
      .selectFrom('cases')
      .select('category')
      .distinct()
      .where('status', '=', 'active')
      .where((eb) =>
        eb.or([
          eb('person_id', '=', linked.id),
          eb(
            'id',
            'in',
            eb
              .selectFrom('case_members')
              .select('case_id')
              .where('person_id', '=', linked.id)
              .where('stop_month', 'is', null),
          ),
        ]),
      )
      .execute();
    caseCategories = rows.map((r) => label('caseCategory', r.category));
  }
  return {
    ...s,
    birthYear: birthYearOnly(p.birth_date), // beside the masked ID number: the year only (src/shared/mask.ts)
    address: p.address,
    phone: p.phone,
    contactName: p.contact_name,
    contactPhone: p.contact_phone,
    registeredOn: p.registered_on,
    endedOn: p.ended_on,
    endReason: p.end_reason,
    remark: p.remark,
    caseCategories,
  };
}

interface IdentityChecked {
  idNumber: string;
  birthDate: string;
  sex: 'M' | 'F';
  personId: string | null;
}

/**
 * The checks on who is being registered: a valid ID number, 60 or older on the registration date, not already on
 * the register, and — when the case ledger knows the ID number — the same name there (then the entry is linked).
 */
async function checkIdentity(
  ctx: ServiceContext,
  idNumber: string,
  name: string,
  registeredOn: string,
  exceptId?: string,
): Promise<IdentityChecked> {
  const parsed = parseIdNumber(idNumber, { today: todayOf(ctx) });
  if (!parsed.ok) throw new LedgerError('BAD_INPUT', `身份证号码有误：${parsed.message}`, { idNumber: parsed.message });
  const age = ageOn(parsed.birthDate, registeredOn);
  if (age < ELDERLY_MIN_AGE) {
    throw rule(`${name}登记时 ${age} 周岁，特殊困难老年人应年满 ${ELDERLY_MIN_AGE} 周岁`, {
      idNumber: `登记时未满 ${ELDERLY_MIN_AGE} 周岁`,
    });
  }
  // The same person under the number's other form (15 or 18 digits) is the same person.
  const forms = [parsed.value, otherIdForm(parsed.value) ?? parsed.value];
  let dup = ctx.db
    .selectFrom('elderly_people')
    .select(['id', 'name'])
    .where('id_number', 'in', forms)
    .where('status', '=', 'active');
  if (exceptId) dup = dup.where('id', '!=', exceptId);
  const existing = await dup.executeTakeFirst();
  if (existing) {
    throw new LedgerError('CONFLICT', `身份证号码 ${maskIdNumber(parsed.value)} 已登记在册（${existing.name}）`, {
      idNumber: '已登记在册',
    });
  }
  const person = await ctx.db
    .selectFrom('people')
    .select(['id', 'name'])
    .where('id_number', 'in', forms)
    .executeTakeFirst();
  if (person && person.name !== name) {
    throw rule(
      `救助台账中身份证号码 ${maskIdNumber(parsed.value)} 登记的姓名为“${person.name}”，与填写的“${name}”不一致`,
      {
        name: `救助台账中为“${person.name}”`,
      },
    );
  }
  return { idNumber: parsed.value, birthDate: parsed.birthDate, sex: parsed.sex, personId: person?.id ?? null };
}

export const elderlyHandlers: ElderlyHandlers = {
  'elderly.list': async (ctx, input) => {
    let q = ctx.db.selectFrom('elderly_people');
    if (input.villageId) q = q.where('village_id', '=', input.villageId);
    if (input.riskLevel) q = q.where('risk_level', '=', input.riskLevel);
    q = q.where('status', '=', input.status ?? 'active');
    if (input.category) {
      const cat = input.category;
      q = q.where(sql<boolean>`exists (select 1 from json_each(elderly_people.categories) where value = ${cat})`);
    }
    const term = input.q?.trim();
    if (term) {
      // A full ID number finds the person; partial numbers do not (lists never reveal them).
      q = q.where((eb) => eb.or([contains('name', term), eb('id_number', '=', term.toUpperCase())]));
    }
    const total = await totalOf(q);
    const rows = await q.selectAll().orderBy('name').offset(input.offset).limit(input.limit).execute();
    return { rows: await summaries(ctx, rows), total };
  },

  'elderly.get': async (ctx, input) => elderlyView(ctx, await loadPerson(ctx.db, input.id)),

  'elderly.revealId': async (ctx, input) => {
    const p = await loadPerson(ctx.db, input.id);
    await ctx.journal({
      action: 'elderly.revealId',
      entity: 'elderly_people',
      entityId: p.id,
      after: { viewed: 'id_number' },
    });
    return { idNumber: p.id_number };
  },

  'elderly.register': async (ctx, input) => {
    const today = todayOf(ctx);
    notFuture(input.registeredOn, today, 'registeredOn', '登记日期');
    await requireVillage(ctx.db, input.villageId);
    const who = await checkIdentity(ctx, input.idNumber, input.name, input.registeredOn);
    const row = await insertVersioned(
      ctx,
      'elderly_people',
      {
        ...personColumns(input, who),
        registered_on: input.registeredOn,
        status: 'active',
        ended_on: null,
        end_reason: null,
      },
      {
        action: 'elderly.register',
        after: {
          name: input.name,
          id_number: maskIdNumber(who.idNumber),
          village_id: input.villageId,
          categories: input.categories,
          risk_level: input.riskLevel,
          registered_on: input.registeredOn,
          linked_person: who.personId,
        },
      },
    );
    return elderlyView(ctx, row);
  },

  'elderly.update': async (ctx, input) => {
    const p = await loadPerson(ctx.db, input.id, input.version);
    if (p.status !== 'active') throw rule(`“${p.name}”已退出登记，不能修改`);
    if (input.villageId !== p.village_id) await requireVillage(ctx.db, input.villageId);
    const who =
      (input.idNumber ?? p.id_number) !== p.id_number || input.name !== p.name
        ? await checkIdentity(ctx, input.idNumber ?? p.id_number, input.name, p.registered_on, p.id)
        : { idNumber: p.id_number, birthDate: p.birth_date, sex: p.sex, personId: p.person_id };
    const next = personColumns(input, who);
    const d = diff(p, next);
    if (!d.changed) return elderlyView(ctx, p);
    // The journal keeps the ID number masked, so a birth date beside it is kept as the year only (src/shared/mask.ts).
    const mask = (o: Partial<typeof next>) => ({
      ...o,
      ...(o.id_number === undefined ? {} : { id_number: maskIdNumber(o.id_number) }),
      ...(o.birth_date === undefined ? {} : { birth_date: birthYearOnly(o.birth_date) }),
    });
    const saved = await updateVersioned(ctx, 'elderly_people', p.id, input.version, next, {
      action: 'elderly.update',
      what: `“${p.name}”的登记信息`,
      reason: input.reason,
      current: p,
      entry: { before: mask(d.before), after: mask(d.after) },
    });
    return elderlyView(ctx, saved);
  },

  'elderly.end': async (ctx, input) => {
    const p = await loadPerson(ctx.db, input.id, input.version);
    if (p.status !== 'active') throw rule(`“${p.name}”已于 ${p.ended_on ?? ''} 退出登记`);
    notFuture(input.endedOn, todayOf(ctx), 'endedOn', '退出日期');
    if (input.endedOn < p.registered_on) {
      throw rule(`退出日期不能早于登记日期 ${p.registered_on}`, { endedOn: `不能早于 ${p.registered_on}` });
    }
    const later = await ctx.db
      .selectFrom('elderly_visits')
      .select('visited_on')
      .where('elderly_id', '=', p.id)
      .where('voided', '=', 0)
      .where('visited_on', '>', input.endedOn)
      .orderBy('visited_on', 'desc')
      .executeTakeFirst();
    if (later) {
      throw rule(`“${p.name}”有 ${later.visited_on} 的探访记录，退出日期不能早于该日`, {
        endedOn: `不能早于 ${later.visited_on}`,
      });
    }
    const next = await endVersioned(ctx, 'elderly_people', p, input.version, input.endedOn, input.reason, {
      action: 'elderly.end',
      what: `“${p.name}”的登记信息`,
    });
    return elderlyView(ctx, next);
  },
};
