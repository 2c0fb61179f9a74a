// 申请救助: a new case for a household, validated as the clerk types; the core checks eligibility and the exclusion
// rules (e.g. 特困 and 低保 at once) and its message is shown here.
import { Checkbox, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import type { Category, HouseholdPage } from '../../../shared/api/cases';
import { label, labelOptions } from '../../../shared/labels';
import {
  CallDialog,
  CheckField,
  choices,
  DateField,
  MoneyField,
  SelectField,
  TextAreaField,
  TextField,
  type Errors,
  type Values,
} from '../../lib/form';
import { categoryOptions, todayCn } from './common';
const INDIVIDUAL: ReadonlySet<string> = new Set(['tekun', 'canji_living', 'canji_care', 'guer', 'wurenfuyang']);

export function prepareCase(v: Values, errors: Errors, householdId: string) {
  const cat = v.category as Category | null;
  const individual = cat !== null && (INDIVIDUAL.has(cat) || (cat === 'dibao' && v.singlePerson === true));
  const input: Values = {
    householdId,
    category: cat ?? undefined,
    area: v.area ?? undefined,
    appliedOn: v.appliedOn,
  };
  if (v.acceptedOn) input.acceptedOn = v.acceptedOn;
  if (v.applyReason) input.applyReason = v.applyReason;
  if (v.specialCase) input.specialCase = true;
  if (v.kinOfStaff) {
    input.kinOfStaff = true;
    if (v.kinNote) input.kinNote = v.kinNote;
    else errors.kinNote = '请注明与哪位工作人员或村(居)委成员是近亲属';
  }
  if (v.recheckCycle) input.recheckCycle = v.recheckCycle;
  if (individual) {
    if (v.personId) input.personId = v.personId;
    else errors.personId = '请选择申请人';
  } else {
    const ids = v.memberIds as string[];
    if (ids.length === 0) errors.memberIds = '请至少选择一名保障对象';
    input.memberIds = ids;
  }
  if (cat === 'dibao') {
    input.singlePerson = v.singlePerson === true;
    if (v.band) input.band = v.band;
  }
  if (cat === 'tekun' || cat === 'guer') {
    if (v.supportMode) input.supportMode = v.supportMode;
    else errors.supportMode = cat === 'guer' ? '请选择养育方式' : '请选择供养方式';
  }
  if (cat === 'tekun' && v.careGrade) input.careGrade = v.careGrade;
  if (cat === 'linshi') {
    if (v.linshiType) input.linshiType = v.linshiType;
    else errors.linshiType = '请选择临时救助类型';
    if (v.grantAmountFen === undefined) errors.grantAmountFen = '请填写申请救助金额';
    else input.grantAmountFen = v.grantAmountFen;
    if (v.advanceAid) input.advanceAid = true;
  }
  return input;
}

export function NewCaseDialog(props: { page: HouseholdPage; onClose: () => void; onDone: (caseId: string) => void }) {
  const { household, members } = props.page;
  const living = members.filter((m) => !m.deceasedOn);
  return (
    <CallDialog
      method="cases.create"
      title={`申请救助：${household.headName ?? ''}户`}
      size="xl"
      submitLabel="受理申请"
      initial={{
        category: null,
        area: household.hukouType,
        personId: null,
        memberIds: living.map((m) => m.personId),
        singlePerson: false,
        supportMode: null,
        careGrade: null,
        linshiType: null,
        grantAmountFen: undefined,
        advanceAid: false,
        band: '',
        appliedOn: todayCn(),
        acceptedOn: '',
        applyReason: '',
        specialCase: false,
        kinOfStaff: false,
        kinNote: '',
        recheckCycle: null,
      }}
      prepare={(v, errors) => prepareCase(v, errors, household.id)}
      done={(c) => `已受理：${label('caseCategory', c.category)}`}
      onClose={props.onClose}
      onDone={(c) => props.onDone(c.id)}
    >
      {(form) => {
        const cat = form.get('category') as Category | null;
        const individual =
          cat !== null && (INDIVIDUAL.has(cat) || (cat === 'dibao' && form.get('singlePerson') === true));
        const ids = form.get('memberIds') as string[];
        return (
          <>
            <SimpleGrid cols={3}>
              <SelectField path="category" label="保障类别" data={categoryOptions} required />
              <SelectField path="area" label="城乡" data={labelOptions('area')} required />
              {cat === 'dibao' && (
                <div style={{ paddingTop: 28 }}>
                  <CheckField path="singlePerson" label="单人保" />
                </div>
              )}
            </SimpleGrid>
            {individual ? (
              <SelectField
                path="personId"
                label="申请人（保障对象）"
                data={living.map((m) => ({
                  value: m.personId,
                  label: `${m.name}（${m.relation}${m.age !== null ? `，${m.age} 岁` : ''}）`,
                }))}
                required
              />
            ) : (
              cat !== null && (
                <Stack gap={4}>
                  <Text size="sm" fw={500}>
                    保障对象（在册成员）
                  </Text>
                  <Group>
                    {living.map((m) => (
                      <Checkbox
                        key={m.personId}
                        label={m.name}
                        checked={ids.includes(m.personId)}
                        onChange={(e) =>
                          form.set(
                            'memberIds',
                            e.currentTarget.checked ? [...ids, m.personId] : ids.filter((x) => x !== m.personId),
                          )
                        }
                      />
                    ))}
                  </Group>
                  {form.error('memberIds') && (
                    <Text size="xs" c="red">
                      {form.error('memberIds')}
                    </Text>
                  )}
                </Stack>
              )
            )}
            {(cat === 'tekun' || cat === 'guer') && (
              <SimpleGrid cols={2}>
                <SelectField
                  path="supportMode"
                  label={cat === 'guer' ? '养育方式' : '供养方式'}
                  data={
                    cat === 'guer'
                      ? choices({ centralized: '集中养育', dispersed: '社会散居' })
                      : labelOptions('supportMode')
                  }
                  required
                />
                {cat === 'tekun' && (
                  <SelectField
                    path="careGrade"
                    label="照料护理等级（不选则按自理能力评估）"
                    data={labelOptions('careGrade')}
                    clearable
                  />
                )}
              </SimpleGrid>
            )}
            {cat === 'linshi' && (
              <SimpleGrid cols={3}>
                <SelectField path="linshiType" label="临时救助类型" data={labelOptions('linshiType')} required />
                <MoneyField path="grantAmountFen" label="申请救助金额" required />
                <div style={{ paddingTop: 28 }}>
                  <CheckField path="advanceAid" label="先行救助（急难型）" />
                </div>
              </SimpleGrid>
            )}
            {cat === 'dibao' && <TextField path="band" label="分档（按档发放时填写档次代码）" />}
            <SimpleGrid cols={3}>
              <DateField path="appliedOn" label="申请日期" required />
              <DateField path="acceptedOn" label="受理日期（不填同申请日期）" />
              <SelectField
                path="recheckCycle"
                label="复核周期（不填按设置）"
                data={choices({ yearly: '每年', half_yearly: '每半年', quarterly: '每季度' })}
                clearable
              />
            </SimpleGrid>
            <TextAreaField path="applyReason" label="申请理由" />
            <Group>
              <CheckField path="specialCase" label="特殊情况（延长办理时限）" />
              <CheckField path="kinOfStaff" label="近亲属备案" />
            </Group>
            {form.get('kinOfStaff') === true && <TextField path="kinNote" label="与哪位工作人员是何关系" required />}
          </>
        );
      }}
    </CallDialog>
  );
}
