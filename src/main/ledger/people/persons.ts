// People (人员): ID-number checks (GB 11643 via shared/idcard), pinyin initials, the one-ID-one-person rule, and
// the plain-data views the pages show. Households and membership live in households.ts.
import { pinyin } from 'pinyin-pro';
import type { PersonInput, PersonView } from '../../../shared/api/cases';
import { LedgerError, badInput } from '../../../shared/errors';
import { ageOn, maskIdNumber, parseIdNumber } from '../../../shared/idcard';
import { birthYearOnly } from '../../../shared/mask';
import { normalizeText } from '../../../shared/text';
import { todayOf, type ServiceContext } from '../kernel';
import type { PeopleTable } from './tables';
import { newId, nowIso } from '../ids';

/** Today in China from the context's clock; kept here for the callers that import it with the people services. */
export { todayOf };

/** Lower-case pinyin initials ("zs" for 张三); surnames read as surnames (单 -> s, 曾 -> z). Non-Han kept as is. */
export function nameInitials(name: string): string {
  const parts = pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', surname: 'head' });
  return parts
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

export const reverse = (s: string): string => [...s].reverse().join('');

export interface CheckedId {
  value: string | null;
  legacy: boolean;
  sex: 'M' | 'F' | null;
  birthDate: string | null;
}

const sexText = { M: '男', F: '女' } as const;

/**
 * Validates an ID number and cross-checks a separately entered sex/birth date against the one it encodes.
 * `field` prefixes the form field path (e.g. "members.1.") so the form shows the message in place.
 */
export function checkIdNumber(
  input: {
    idNumber?: string | null | undefined;
    sex?: 'M' | 'F' | null | undefined;
    birthDate?: string | null | undefined;
  },
  today: string,
  field = '',
  who = '',
): CheckedId {
  if (!input.idNumber)
    return { value: null, legacy: false, sex: input.sex ?? null, birthDate: input.birthDate ?? null };
  const r = parseIdNumber(input.idNumber, { today });
  const label = who ? `${who}的身份证号码` : '身份证号码';
  if (!r.ok) throw badInput(`${label}有误：${r.message}`, { [`${field}idNumber`]: r.message });
  if (input.sex && input.sex !== r.sex) {
    const m = `性别与身份证号码不符：号码表示${sexText[r.sex]}，录入为${sexText[input.sex]}`;
    throw badInput(who ? `${who}：${m}` : m, { [`${field}sex`]: m });
  }
  if (input.birthDate && input.birthDate !== r.birthDate) {
    const m = `出生日期与身份证号码不符：号码表示 ${r.birthDate}，录入为 ${input.birthDate}`;
    throw badInput(who ? `${who}：${m}` : m, { [`${field}birthDate`]: m });
  }
  return { value: r.value, legacy: r.legacy, sex: r.sex, birthDate: r.birthDate };
}

/** One ID number is one person across the ledger. */
export async function assertIdFree(ctx: ServiceContext, idNumber: string, exceptPersonId?: string): Promise<void> {
  let q = ctx.db
    .selectFrom('people')
    .leftJoin('household_members as hm', (j) => j.onRef('hm.person_id', '=', 'people.id').on('hm.left_on', 'is', null))
    .leftJoin('households as h', 'h.id', 'hm.household_id')
    .leftJoin('villages as v', 'v.id', 'h.village_id')
    .select(['people.id', 'people.name', 'v.name as village'])
    .where('people.id_number', '=', idNumber);
  if (exceptPersonId) q = q.where('people.id', '!=', exceptPersonId);
  const other = await q.executeTakeFirst();
  if (other) {
    const where = other.village ? `（${other.village}）` : '';
    const m = `身份证号码 ${maskIdNumber(idNumber)} 已登记为“${other.name}”${where}，同一身份证号码只能对应一人`;
    throw new LedgerError('CONFLICT', m, { idNumber: '该身份证号码已登记' });
  }
}

type PersonFields = Omit<PeopleTable, 'id' | 'created_at' | 'updated_at' | 'version' | 'self_care' | 'deceased_on'>;

export function personFields(input: PersonInput, checked: CheckedId): PersonFields {
  const name = normalizeText(input.name);
  return {
    id_number: checked.value,
    id_legacy: checked.legacy ? 1 : 0,
    id_reversed: checked.value ? reverse(checked.value) : null,
    name,
    name_initials: nameInitials(name),
    sex: checked.sex,
    birth_date: checked.birthDate,
    hukou_type: input.hukouType ?? null,
    phone: input.phone ?? null,
    disability_type: input.disabilityType ?? null,
    disability_grade: input.disabilityGrade ?? null,
    disability_cert: input.disabilityCert ?? null,
    labour_capacity: input.labourCapacity ?? null,
    health: input.health ?? null,
    bank_name: input.bankName ?? null,
    bank_account: input.bankAccount ? input.bankAccount.replace(/\s+/g, '') : null,
    card_account: input.cardAccount ? input.cardAccount.replace(/\s+/g, '') : null,
    remark: input.remark ?? null,
  };
}

/** Inserts a new person after the ID checks; returns the row. */
export async function createPerson(
  ctx: ServiceContext,
  input: PersonInput,
  field = '',
  who = '',
): Promise<PeopleTable> {
  const today = todayOf(ctx);
  const checked = checkIdNumber(input, today, field, who);
  if (checked.value) await assertIdFree(ctx, checked.value);
  const at = nowIso(ctx.now());
  const row: PeopleTable = {
    id: newId(),
    ...personFields(input, checked),
    self_care: null,
    deceased_on: null,
    created_at: at,
    updated_at: at,
    version: 1,
  };
  await ctx.db.insertInto('people').values(row).execute();
  await ctx.journal({
    action: 'person.create',
    entity: 'people',
    entityId: row.id,
    after: journalPerson(row),
  });
  return row;
}

/** The person fields that go into the journal (the journal is the audit trail; pages mask ID numbers when shown). */
export function journalPerson(p: Partial<PeopleTable>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...p };
  delete out.id_reversed;
  delete out.name_initials;
  delete out.created_at;
  delete out.updated_at;
  delete out.version;
  delete out.id;
  return out;
}

export const maskAccount = (s: string | null): string | null =>
  s ? `${'*'.repeat(Math.max(0, s.length - 4))}${s.slice(-4)}` : null;

export function personView(p: PeopleTable, today: string): PersonView {
  return {
    id: p.id,
    name: p.name,
    idNumberMasked: p.id_number ? maskIdNumber(p.id_number) : null,
    idLegacy: p.id_legacy === 1,
    sex: p.sex,
    // Beside the masked ID number only the age is shown: the birth date is in the number, and the two together give
    // it back (src/shared/mask.ts). A birth date entered by hand (no ID number) is returned for the form.
    birthDate: p.id_number ? null : p.birth_date,
    age: p.birth_date ? ageOn(p.birth_date, p.deceased_on ?? today) : null,
    hukouType: p.hukou_type,
    phone: p.phone,
    disabilityType: p.disability_type,
    disabilityGrade: p.disability_grade,
    disabilityCert: p.disability_cert,
    labourCapacity: p.labour_capacity,
    health: p.health,
    selfCare: p.self_care,
    bankName: p.bank_name,
    bankAccountMasked: maskAccount(p.bank_account),
    cardAccountMasked: maskAccount(p.card_account),
    deceasedOn: p.deceased_on,
    remark: p.remark,
    version: p.version,
  };
}

/** 生活自理能力 grade from the six items (民发〔2021〕43号 Art 21): 0 not achieved -> able; 1–3 -> partial; 4+ -> unable. */
export function selfCareGrade(items: Record<'eat' | 'dress' | 'bed' | 'toilet' | 'walk' | 'bathe', boolean>): {
  notAchieved: number;
  grade: 'able' | 'partial' | 'unable';
} {
  const notAchieved = Object.values(items).filter((v) => !v).length;
  return { notAchieved, grade: notAchieved === 0 ? 'able' : notAchieved <= 3 ? 'partial' : 'unable' };
}

/**
 * Masks ID numbers (keys id_number / idNumber) in journal before/after values shown on pages, and shows a birth date
 * beside them as the year only (the full date would give the masked number back; src/shared/mask.ts).
 */
export function maskJournalValue(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(maskJournalValue);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, val] of Object.entries(v)) {
      if ((k === 'id_number' || k === 'idNumber') && typeof val === 'string') out[k] = maskIdNumber(val);
      else if ((k === 'birth_date' || k === 'birthDate') && typeof val === 'string') out[k] = birthYearOnly(val);
      else if ((k === 'bank_account' || k === 'card_account') && typeof val === 'string') out[k] = maskAccount(val);
      else out[k] = maskJournalValue(val);
    }
    return out;
  }
  return v;
}
