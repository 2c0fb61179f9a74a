// 特殊困难老年人 register: filters, paging (ID numbers masked), and the registration form.
import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Pagination,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import {
  elderlyRegisterInput,
  ELDERLY_CATEGORIES,
  RISK_LEVELS,
  type ElderlySummary,
  type ElderlyView,
  type RiskLevelValue,
} from '../../../shared/api/stations';
import { label } from '../../../shared/labels';
import { call } from '../../api';
import { notifyOk } from '../../lib/notify';
import { navigate } from '../../lib/router';
import { useCall } from '../../lib/useCall';
import { AreaField, DateField, FormModal, SelectField, TextField } from './fields';
import { todayCn, useForm } from './form';

const PAGE = 20;
export const riskColor: Record<RiskLevelValue, string> = { high: 'red', key: 'orange', general: 'blue' };

export function DueCell(props: { p: ElderlySummary }) {
  const { p } = props;
  if (p.nextDueOn === null) return <>—</>;
  return (
    <>
      {p.nextDueOn}{' '}
      {p.overdue && (
        <Badge color="red" size="sm">
          逾期
        </Badge>
      )}
    </>
  );
}

function RegisterForm(props: { onClose: () => void; onSaved: (p: ElderlyView) => void }) {
  const villages = useCall('villages.list', {});
  const form = useForm(elderlyRegisterInput, {
    idNumber: '',
    name: '',
    villageId: null,
    address: '',
    phone: '',
    categories: [],
    riskLevel: null,
    contactName: '',
    contactPhone: '',
    remark: '',
    registeredOn: todayCn(),
  });
  return (
    <FormModal
      title="登记特殊困难老年人"
      size="xl"
      opened
      onClose={props.onClose}
      saving={form.saving}
      submitLabel="登记"
      onSubmit={() =>
        void form.submit(async (input) => {
          const p = await call('elderly.register', input);
          notifyOk(p.inCaseLedger ? `已登记${p.name}（已关联救助台账）` : `已登记${p.name}`);
          props.onSaved(p);
        })
      }
    >
      <SimpleGrid cols={2}>
        <TextField form={form} field="name" label="姓名" required />
        <TextField form={form} field="idNumber" label="身份证号码" required />
        <SelectField
          form={form}
          field="villageId"
          label="村(社区)"
          required
          data={(villages.data ?? []).map((v) => ({ value: v.id, label: v.name }))}
        />
        <TextField form={form} field="address" label="住址" />
        <TextField form={form} field="phone" label="本人电话" />
        <SelectField
          form={form}
          field="riskLevel"
          label="风险等级"
          required
          data={RISK_LEVELS.map((r) => ({ value: r, label: label('riskLevel', r) }))}
        />
        <TextField form={form} field="contactName" label="赡养人/紧急联系人" />
        <TextField form={form} field="contactPhone" label="联系人电话" />
        <DateField form={form} field="registeredOn" label="登记日期" required />
      </SimpleGrid>
      <Checkbox.Group
        label="类别（可多选）"
        required
        value={form.values.categories as string[]}
        onChange={(v) => form.set('categories', v)}
        error={form.error('categories')}
      >
        <Group mt="xs">
          {ELDERLY_CATEGORIES.map((c) => (
            <Checkbox key={c} value={c} label={label('elderlyCategory', c)} />
          ))}
        </Group>
      </Checkbox.Group>
      <AreaField form={form} field="remark" label="备注" />
    </FormModal>
  );
}

export function ElderlyList() {
  const villages = useCall('villages.list', {});
  const [villageId, setVillageId] = useState<string | null>(null);
  const [risk, setRisk] = useState<string | null>(null);
  const [category, setCategory] = useState<string | null>(null);
  const [status, setStatus] = useState<'active' | 'ended'>('active');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [registering, setRegistering] = useState(false);
  const list = useCall('elderly.list', {
    offset: (page - 1) * PAGE,
    limit: PAGE,
    status,
    ...(villageId ? { villageId } : {}),
    ...(risk ? { riskLevel: risk as RiskLevelValue } : {}),
    ...(category ? { category: category as (typeof ELDERLY_CATEGORIES)[number] } : {}),
    ...(q.trim() ? { q: q.trim() } : {}),
  });
  const filter =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setPage(1);
    };
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>特殊困难老年人</Title>
        <Group>
          <Button variant="light" onClick={() => navigate('/stations/visits')}>
            探访工作单
          </Button>
          <Button onClick={() => setRegistering(true)}>登记</Button>
        </Group>
      </Group>
      <Group>
        <Select
          aria-label="村(社区)筛选"
          placeholder="全部村(社区)"
          clearable
          searchable
          data={(villages.data ?? []).map((v) => ({ value: v.id, label: v.name }))}
          value={villageId}
          onChange={filter(setVillageId)}
        />
        <Select
          aria-label="风险等级筛选"
          placeholder="全部风险等级"
          clearable
          data={RISK_LEVELS.map((r) => ({ value: r, label: label('riskLevel', r) }))}
          value={risk}
          onChange={filter(setRisk)}
        />
        <Select
          aria-label="类别筛选"
          placeholder="全部类别"
          clearable
          data={ELDERLY_CATEGORIES.map((c) => ({ value: c, label: label('elderlyCategory', c) }))}
          value={category}
          onChange={filter(setCategory)}
        />
        <Select
          aria-label="在册状态"
          data={[
            { value: 'active', label: '在册' },
            { value: 'ended', label: '已退出' },
          ]}
          value={status}
          onChange={(v) => filter(setStatus)(v === 'ended' ? 'ended' : 'active')}
        />
        <TextInput
          aria-label="搜索老人"
          placeholder="姓名或完整身份证号"
          value={q}
          onChange={(e) => filter(setQ)(e.currentTarget.value)}
        />
      </Group>
      <Table striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>姓名</Table.Th>
            <Table.Th>身份证号码</Table.Th>
            <Table.Th>年龄</Table.Th>
            <Table.Th>村(社区)</Table.Th>
            <Table.Th>类别</Table.Th>
            <Table.Th>风险等级</Table.Th>
            <Table.Th>上次探访</Table.Th>
            <Table.Th>应探访日期</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(list.data?.rows ?? []).map((p) => (
            <Table.Tr key={p.id}>
              <Table.Td>
                <Anchor href={`#/stations/elderly/${p.id}`}>{p.name}</Anchor>
                {p.inCaseLedger && (
                  <Badge ml="xs" size="xs" variant="outline">
                    救助对象
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>{p.idNumberMasked}</Table.Td>
              <Table.Td>{p.age}</Table.Td>
              <Table.Td>{p.villageName}</Table.Td>
              <Table.Td>{p.categories.map((c) => label('elderlyCategory', c)).join('、')}</Table.Td>
              <Table.Td>
                <Badge color={riskColor[p.riskLevel]} variant="light">
                  {label('riskLevel', p.riskLevel)}
                </Badge>
              </Table.Td>
              <Table.Td>{p.lastVisitOn ?? '—'}</Table.Td>
              <Table.Td>
                <DueCell p={p} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {list.data?.total === 0 && <Text c="dimmed">没有符合条件的登记</Text>}
      {list.data && list.data.total > PAGE && (
        <Pagination total={Math.ceil(list.data.total / PAGE)} value={page} onChange={setPage} />
      )}
      {registering && (
        <RegisterForm
          onClose={() => setRegistering(false)}
          onSaved={(p) => {
            setRegistering(false);
            navigate(`/stations/elderly/${p.id}`);
          }}
        />
      )}
    </Stack>
  );
}
