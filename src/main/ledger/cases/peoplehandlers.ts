// Handlers of the people & household methods of the cases slice (src/shared/api/cases.ts). They live with the cases
// because a household's page shows its cases; people.recordDeath is handled by lifeevents/handlers.ts.
import type { casesApi } from '../../../shared/api/cases';
import { parseIdNumber } from '../../../shared/idcard';
import { todayOf, changedFields, updateLoaded, updateVersioned, type Handlers } from '../kernel';
import { newId, nowIso } from '../ids';
import {
  addMember,
  assertIdFree,
  checkIdNumber,
  createHousehold,
  currentMembership,
  householdView,
  journalPerson,
  listHouseholds,
  loadHousehold,
  loadPerson,
  moveMember,
  personFields,
  personView,
  removeMember,
  searchPeople,
  selfCareGrade,
  setHead,
  updateHousehold,
} from '../people';
import { householdPage } from './householdpage';

type PeopleMethods =
  | 'households.list'
  | 'households.get'
  | 'households.create'
  | 'households.update'
  | 'households.addMember'
  | 'households.removeMember'
  | 'households.moveMember'
  | 'households.setHead'
  | 'people.checkId'
  | 'people.search'
  | 'people.update'
  | 'people.revealId'
  | 'people.assessSelfCare';

export const peopleHandlers: Pick<Handlers<typeof casesApi>, PeopleMethods> = {
  'households.list': async (ctx, input) => listHouseholds(ctx, input),
  'households.get': async (ctx, input) => householdPage(ctx, input.id),
  'households.create': async (ctx, input) => householdPage(ctx, await createHousehold(ctx, input)),
  'households.update': async (ctx, input) => {
    await updateHousehold(ctx, input);
    return householdView(ctx, await loadHousehold(ctx, input.id));
  },
  'households.addMember': async (ctx, input) => {
    await addMember(ctx, input);
    return householdPage(ctx, input.householdId);
  },
  'households.removeMember': async (ctx, input) => {
    await removeMember(ctx, input);
    return householdPage(ctx, input.householdId);
  },
  'households.moveMember': async (ctx, input) => {
    await moveMember(ctx, input);
    return householdPage(ctx, input.toHouseholdId);
  },
  'households.setHead': async (ctx, input) => {
    await setHead(ctx, input);
    return householdPage(ctx, input.id);
  },

  'people.checkId': async (ctx, input) => {
    const r = parseIdNumber(input.idNumber, { today: todayOf(ctx) });
    if (!r.ok) return { ok: false, message: r.message, legacy: false, birthDate: null, sex: null, existing: null };
    let message: string | null = r.legacy ? '旧版15位身份证号码：已接受并标注，可核对后换录18位号码' : null;
    try {
      checkIdNumber(input, todayOf(ctx));
    } catch (e) {
      return {
        ok: false,
        message: (e as Error).message,
        legacy: r.legacy,
        birthDate: r.birthDate,
        sex: r.sex,
        existing: null,
      };
    }
    const p = await ctx.db
      .selectFrom('people')
      .select(['id', 'name'])
      .where('id_number', '=', r.value)
      .executeTakeFirst();
    let existing = null;
    if (p) {
      const m = await currentMembership(ctx, p.id);
      existing = {
        personId: p.id,
        name: p.name,
        householdId: m?.household_id ?? null,
        villageName: m?.village ?? null,
      };
      const seen = `该号码已登记为“${p.name}”${m?.village ? `（${m.village}）` : ''}`;
      message = message ? `${message}；${seen}` : seen;
    }
    return { ok: true, message, legacy: r.legacy, birthDate: r.birthDate, sex: r.sex, existing };
  },

  'people.search': async (ctx, input) => searchPeople(ctx, input),

  'people.update': async (ctx, raw) => {
    const p = await loadPerson(ctx, raw.id, raw.version);
    // Views carry only masked ID and account numbers: an omitted field means "unchanged", null means "clear".
    const input = {
      ...raw,
      idNumber: raw.idNumber === undefined ? p.id_number : raw.idNumber,
      bankAccount: raw.bankAccount === undefined ? p.bank_account : raw.bankAccount,
      cardAccount: raw.cardAccount === undefined ? p.card_account : raw.cardAccount,
    };
    const checked = checkIdNumber(input, todayOf(ctx));
    if (checked.value && checked.value !== p.id_number) await assertIdFree(ctx, checked.value, p.id);
    const next = personFields(input, checked);
    const { before, after } = changedFields(p, next);
    const saved = await updateVersioned(ctx, 'people', p.id, raw.version, next, {
      action: 'person.update',
      what: `人员“${p.name}”的信息`,
      reason: input.reason ?? null,
      current: p,
      entry: { before: journalPerson(before), after: journalPerson(after) },
    });
    return personView(saved, todayOf(ctx));
  },

  'people.revealId': async (ctx, input) => {
    const p = await loadPerson(ctx, input.id);
    await ctx.journal({ action: 'person.reveal_id', entity: 'people', entityId: p.id, reason: input.reason });
    return { idNumber: p.id_number };
  },

  'people.assessSelfCare': async (ctx, input) => {
    const p = await loadPerson(ctx, input.personId);
    const { grade, notAchieved } = selfCareGrade(input.items);
    const at = nowIso(ctx.now());
    const id = newId();
    const b = (v: boolean) => (v ? 1 : 0);
    await ctx.db
      .insertInto('self_care_assessments')
      .values({
        id,
        person_id: p.id,
        assessed_on: input.assessedOn,
        assessor: input.assessor,
        eat: b(input.items.eat),
        dress: b(input.items.dress),
        bed: b(input.items.bed),
        toilet: b(input.items.toilet),
        walk: b(input.items.walk),
        bathe: b(input.items.bathe),
        grade,
        created_at: at,
      })
      .execute();
    // The person's grade is the latest assessment's (by date).
    const latest = await ctx.db
      .selectFrom('self_care_assessments')
      .select('grade')
      .where('person_id', '=', p.id)
      .orderBy('assessed_on', 'desc')
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    // Journalled as the assessment (the person's grade follows from it).
    await updateLoaded(
      ctx,
      'people',
      p,
      { self_care: latest.grade },
      {
        action: 'person.self_care',
        what: `人员“${p.name}”的信息`,
        at,
        entry: {
          entity: 'self_care_assessments',
          entityId: id,
          after: {
            person_id: p.id,
            assessed_on: input.assessedOn,
            items: input.items,
            not_achieved: notAchieved,
            grade,
          },
        },
      },
    );
    return {
      id,
      personId: p.id,
      assessedOn: input.assessedOn,
      assessor: input.assessor,
      items: input.items,
      notAchieved,
      grade,
    };
  },
};
