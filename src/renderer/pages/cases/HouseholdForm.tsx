// 新建户: the household with its head and members in one form, checked as the clerk types (the contract's schema,
// GB 11643 for each ID number, already-registered numbers), and the core's field errors shown in place.
import { Alert, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { labelOptions } from '../../../shared/labels';
import { call } from '../../api';
import {
  DateField,
  MoneyField,
  SelectField,
  TextAreaField,
  TextField,
  FormProvider,
  useForm,
  type Errors,
  type Values,
} from '../../lib/form';
import { notifyOk } from '../../lib/notify';
import { navigate } from '../../lib/router';
import { emptyPerson, preparePerson } from './members';
import { PersonFields } from './PersonFields';
import { todayCn, useVillages } from './common';

export function prepareHousehold(v: Values, errors: Errors) {
  const members = (v.members as Values[]).map((m, i) => preparePerson(m, `members.${i}.`, errors));
  const input: Values = {
    villageId: v.villageId ?? '',
    hukouType: v.hukouType ?? undefined,
    annualIncomeFen: v.annualIncomeFen,
    joinedOn: v.joinedOn || undefined,
    members,
  };
  for (const k of ['address', 'phone', 'assetsNote', 'povertyCause', 'bankName', 'bankAccount'] as const) {
    if (v[k] !== '' && v[k] !== null && v[k] !== undefined) input[k] = v[k];
  }
  if (!v.villageId) errors.villageId = '请选择村(社区)';
  if (v.annualIncomeFen === undefined) errors.annualIncomeFen = '请填写家庭年收入（没有收入填 0）';
  return input;
}

export function HouseholdForm() {
  const { options: villages, villages: all } = useVillages();
  const form = useForm(
    'households.create',
    {
      villageId: null,
      hukouType: 'rural',
      address: '',
      phone: '',
      annualIncomeFen: undefined,
      assetsNote: '',
      povertyCause: null,
      bankName: '',
      bankAccount: '',
      joinedOn: todayCn(),
      members: [emptyPerson('户主')],
    },
    prepareHousehold,
  );
  const members = (form.get('members') as Values[]) ?? [];
  // 户籍类型 follows the chosen 村 (农村) or 社区/居委会 (城市) as a default the clerk may still change.
  const villageId = form.get('villageId') as string | null;
  useEffect(() => {
    const v = all.find((x) => x.id === villageId);
    if (v) form.set('hukouType', v.kind === 'community' ? 'urban' : 'rural');
  }, [villageId]);

  return (
    <FormProvider form={form}>
      <Stack maw={1100}>
        <Title order={2}>新建户</Title>
        <Card withBorder>
          <Text fw={600} mb="xs">
            户基本情况
          </Text>
          <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
            <SelectField path="villageId" label="村(社区)" data={villages} required searchable />
            <SelectField path="hukouType" label="户籍类型" data={labelOptions('area')} required />
            <TextField path="address" label="住址" />
            <TextField path="phone" label="联系电话" />
            <MoneyField path="annualIncomeFen" label="家庭年总收入" required description="近12个月，按元填写" />
            <SelectField path="povertyCause" label="致贫原因" data={labelOptions('povertyCause')} clearable />
            <TextField path="bankName" label="户开户银行" />
            <TextField path="bankAccount" label="户银行账号" />
            <DateField path="joinedOn" label="入户日期" />
          </SimpleGrid>
          <TextAreaField path="assetsNote" label="家庭财产情况" />
        </Card>
        {members.map((_, i) => (
          <Card withBorder key={i} aria-label={i === 0 ? '户主' : `成员 ${i + 1}`}>
            <Group justify="space-between" mb="xs">
              <Text fw={600}>{i === 0 ? '户主' : `成员 ${i + 1}`}</Text>
              {i > 0 && (
                <Button
                  size="compact-xs"
                  variant="subtle"
                  color="red"
                  onClick={() =>
                    form.set(
                      'members',
                      members.filter((__, j) => j !== i),
                    )
                  }
                >
                  移除
                </Button>
              )}
            </Group>
            <PersonFields prefix={`members.${i}.`} withRelation headFixed={i === 0} />
          </Card>
        ))}
        <Group>
          <Button variant="light" onClick={() => form.set('members', [...members, emptyPerson('')])}>
            添加家庭成员
          </Button>
        </Group>
        {form.refusal && (
          <Alert color="red" title="未保存">
            {form.refusal}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={() => navigate('/cases/households')}>
            取消
          </Button>
          <Button
            loading={form.saving}
            onClick={() =>
              void form.submit(async (input) => {
                const page = await call('households.create', input);
                notifyOk('已建户');
                navigate(`/cases/households/${page.household.id}`);
              })
            }
          >
            保存
          </Button>
        </Group>
      </Stack>
    </FormProvider>
  );
}
