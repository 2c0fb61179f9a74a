// 养老服务设置 (管理员): the visit plan by risk level and the default validity of ratings. Local rules differ, so these
// are settings, not constants.
import { Alert, Button, Group, NumberInput, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { RISK_LEVELS, settingsPutInput, type ElderlySettings } from '../../../shared/api/stations';
import { label } from '../../../shared/labels';
import { call } from '../../api';
import { notifyOk } from '../../lib/notify';
import { useSession } from '../../lib/session';
import { useCall } from '../../lib/useCall';
import { choices, fieldError, FormProvider, NumberField, useForm } from '../../lib/form';

type Plan = ElderlySettings['visitPlan'];

export function StationsSettings() {
  const { user } = useSession();
  const settings = useCall('stations.settings.get', {});
  const form = useForm(settingsPutInput, { version: null, visitPlan: null, ratingValidityYears: 3 });
  const data = settings.data;
  useEffect(() => {
    if (data)
      form.reset({ version: data.version, visitPlan: data.visitPlan, ratingValidityYears: data.ratingValidityYears });
  }, [data]);
  const plan = form.values.visitPlan as Plan | null;
  const admin = user.role === 'admin';
  if (!plan) return null;
  const setLevel = (level: keyof Plan, patch: Partial<Plan[keyof Plan]>) =>
    form.set('visitPlan', { ...plan, [level]: { ...plan[level], ...patch } });
  return (
    <Stack maw={640}>
      <Title order={2}>养老服务设置</Title>
      {!admin && <Alert color="gray">只有管理员可以修改这些设置。</Alert>}
      <Title order={4}>探访周期（按风险等级）</Title>
      <Table>
        <Table.Tbody>
          {RISK_LEVELS.map((level) => (
            <Table.Tr key={level}>
              <Table.Td>{label('riskLevel', level)}</Table.Td>
              <Table.Td>每</Table.Td>
              <Table.Td>
                <NumberInput
                  aria-label={`${label('riskLevel', level)}探访间隔`}
                  min={1}
                  allowDecimal={false}
                  disabled={!admin}
                  value={plan[level].every}
                  onChange={(v) => setLevel(level, { every: v === '' ? (undefined as unknown as number) : Number(v) })}
                  error={fieldError(form, `visitPlan.${level}.every`, '请填写探访间隔')}
                />
              </Table.Td>
              <Table.Td>
                <Select
                  aria-label={`${label('riskLevel', level)}探访间隔单位`}
                  allowDeselect={false}
                  disabled={!admin}
                  data={choices({ day: '天', month: '个月' })}
                  value={plan[level].unit}
                  onChange={(v) => setLevel(level, { unit: v === 'day' ? 'day' : 'month' })}
                />
              </Table.Td>
              <Table.Td>至少探访一次</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="sm" c="dimmed">
        参考：高风险每周至少 1 次、重点对象每月至少 1 次、一般对象每季至少 1 次（各地规定不同，以本地文件为准）。
      </Text>
      <FormProvider form={form}>
        <NumberField
          path="ratingValidityYears"
          label="星级/等级评定默认有效期（年）"
          min={1}
          max={10}
          disabled={!admin}
        />
      </FormProvider>
      {admin && (
        <Group>
          <Button
            loading={form.saving}
            onClick={() =>
              void form.submit(async (input) => {
                await call('stations.settings.put', input);
                notifyOk('设置已保存');
                settings.reload();
              })
            }
          >
            保存设置
          </Button>
        </Group>
      )}
    </Stack>
  );
}
