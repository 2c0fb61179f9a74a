// The cases slice's methods: people and households (part of casesApi in cases.ts).
import { z } from 'zod';
import { method } from './contract';
import { category, householdFields, optText, paging, personInput, reason, relation } from './cases-fields';
import type {
  AssessmentView,
  HouseholdPage,
  HouseholdRow,
  HouseholdView,
  IdCheckResult,
  PersonView,
} from './cases-views';
import { date, id, type Page, version } from './fields';

export const casePeopleMethods = {
  // ----- people & households -----
  /** Household list: search by name, ID number (full or last digits) or pinyin initials; filters; paged. */
  'households.list': method<Page<HouseholdRow>>()({
    input: z.object({
      q: z.string().trim().max(40).optional(),
      villageId: z.string().optional(),
      category: category.optional(),
      caseStatus: z.enum(['in_payment', 'in_progress', 'ended', 'none']).optional(),
      due: z.enum(['overdue', 'soon']).optional(),
      includeClosed: z.boolean().optional(),
      ...paging,
    }),
    access: 'clerk',
  }),
  /** The household page: household, members (current and former), cases, assessments, history. */
  'households.get': method<HouseholdPage>()({ input: z.object({ id }), access: 'clerk' }),
  /** A new household with its head (relation 户主) and members; every ID number is checked (GB 11643). */
  'households.create': method<HouseholdPage>()({
    input: z.object({
      ...householdFields,
      joinedOn: date('入户日期').optional(),
      members: z.array(personInput.extend({ relation })).min(1, '请至少录入户主'),
    }),
    access: 'clerk',
    write: true,
  }),
  'households.update': method<HouseholdView>()({
    input: z.object({ id, version, ...householdFields, reason: optText(500) }),
    access: 'clerk',
    write: true,
  }),
  /** Adds a new person, or an existing person who is in no household now (personId). */
  'households.addMember': method<HouseholdPage>()({
    input: z.object({
      householdId: id,
      relation,
      joinedOn: date('入户日期'),
      person: personInput.optional(),
      personId: z.string().optional(),
    }),
    access: 'clerk',
    write: true,
  }),
  /** A member leaves (迁出, 分户 …); the membership row is ended, never deleted. */
  'households.removeMember': method<HouseholdPage>()({
    input: z.object({ householdId: id, personId: id, leftOn: date('离户日期'), reason }),
    access: 'clerk',
    write: true,
  }),
  /** Moves a person from their household to another (history kept in both). */
  'households.moveMember': method<HouseholdPage>()({
    input: z.object({ personId: id, toHouseholdId: id, relation, on: date('迁入日期'), reason }),
    access: 'clerk',
    write: true,
  }),
  'households.setHead': method<HouseholdPage>()({
    input: z.object({ id, version, personId: id, reason }),
    access: 'clerk',
    write: true,
  }),
  /** Validate-as-you-type for an ID number: derived birth date and sex, and whether it is already in the ledger. */
  'people.checkId': method<IdCheckResult>()({
    input: z.object({
      idNumber: z.string().max(30),
      sex: z.enum(['M', 'F']).nullish(),
      birthDate: z.string().nullish(),
    }),
    access: 'clerk',
  }),
  /** People search for pickers (same search as the household list); masked. */
  'people.search': method<Page<PersonView & { householdId: string | null; villageName: string | null }>>()({
    input: z.object({ q: z.string().trim().min(1, '请输入姓名、身份证号或拼音首字母').max(40), ...paging }),
    access: 'clerk',
  }),
  /** idNumber, bankAccount and cardAccount left out mean "unchanged" (views only carry them masked); null clears. */
  'people.update': method<PersonView>()({
    input: personInput.extend({ id, version, reason: optText(500) }),
    access: 'clerk',
    write: true,
  }),
  /** The full ID number; the view is journalled with the reason. */
  'people.revealId': method<{ idNumber: string | null }>()({
    input: z.object({ id, reason: z.string().trim().min(2, '请填写查看完整身份证号的原因').max(200) }),
    access: 'clerk',
  }),
  /** 生活自理能力评估 (6 items) -> grade; updates the person's self-care grade. */
  'people.assessSelfCare': method<AssessmentView>()({
    input: z.object({
      personId: id,
      assessedOn: date('评估日期'),
      assessor: z.string().trim().min(1, '请填写评估人').max(60),
      items: z.object({
        eat: z.boolean(),
        dress: z.boolean(),
        bed: z.boolean(),
        toilet: z.boolean(),
        walk: z.boolean(),
        bathe: z.boolean(),
      }),
    }),
    access: 'clerk',
    write: true,
  }),
  /** Records a death: the person leaves the cases that cover them from next month; re-check due within 3 months. */
  'people.recordDeath': method<{ affectedCaseIds: string[]; recheckDueOn: string }>()({
    input: z.object({ id, version, diedOn: date('死亡日期') }),
    access: 'clerk',
    write: true,
  }),
};
