// The person fields a form edits, and how they become the contract's personInput (blank -> absent, text -> numbers).
import { labelOptions } from '../../../shared/labels';
import { idNumberProblem } from '../../lib/form';

export const PERSON_BLANKS = [
  'idNumber',
  'sex',
  'birthDate',
  'hukouType',
  'phone',
  'disabilityType',
  'disabilityGrade',
  'disabilityCert',
  'labourCapacity',
  'health',
  'bankName',
  'bankAccount',
  'cardAccount',
  'remark',
] as const;

export const emptyPerson = (relation: string): Record<string, unknown> => ({
  name: '',
  idNumber: '',
  relation,
  phone: '',
  disabilityType: null,
  disabilityGrade: null,
  disabilityCert: '',
  labourCapacity: null,
  health: null,
  bankName: '',
  bankAccount: '',
  cardAccount: '',
  remark: '',
});

/** A person's form values -> personInput (plus relation when present); ID-number problems into `errors`. */
export function preparePerson(
  p: Record<string, unknown>,
  prefix: string,
  errors: Record<string, string>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...p };
  for (const k of PERSON_BLANKS) if (out[k] === '' || out[k] === null) delete out[k];
  if (typeof out.disabilityGrade === 'string') out.disabilityGrade = Number(out.disabilityGrade);
  const idProblem = idNumberProblem(out.idNumber);
  if (idProblem) errors[`${prefix}idNumber`] = idProblem;
  return out;
}

export const relationOptions = labelOptions('relation');
/** The relations a member other than the head can have (the head is 户主 and only the head). */
export const memberRelationOptions = relationOptions.filter((o) => o.value !== '户主');
export const disabilityTypeOptions = ['视力', '听力', '言语', '肢体', '智力', '精神', '多重'].map((v) => ({
  value: v,
  label: v,
}));
export const disabilityGradeOptions = [1, 2, 3, 4].map((g) => ({ value: String(g), label: `${'一二三四'[g - 1]}级` }));
export const labourOptions = labelOptions('labourCapacity');
export const healthOptions = labelOptions('health');
