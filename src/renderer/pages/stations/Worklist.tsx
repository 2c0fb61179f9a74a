// 探访工作单: who must be visited soon (overdue first) with a visit form per row, and the month's visit rate by
// village (月探访率).
import { Badge, Button, Group, Pagination, Select, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import type { ElderlySummary } from '../../../shared/api/stations';
import { isMonth } from '../../../shared/time';
import { label } from '../../../shared/labels';
import { useCall } from '../../lib/useCall';
import { DueCell, riskColor } from './ElderlyList';
import { VisitForm } from './VisitForm';
import { pct, todayCn } from './format';

const PAGE = 30;

export function Worklist() {
  const villages = useCall('villages.list', {});
  const [villageId, setVillageId] = useState<string | null>(null);
  const [within, setWithin] = useState('7');
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [page, setPage] = useState(1);
  const [visiting, setVisiting] = useState<ElderlySummary | null>(null);
  const [month, setMonth] = useState(todayCn().slice(0, 7));
  const list = useCall('elderly.worklist', {
    offset: (page - 1) * PAGE,
    limit: PAGE,
    withinDays: Number(within),
    overdueOnly,
    ...(villageId ? { villageId } : {}),
  });
  const rate = useCall('elderly.visitRate', { month }, { skip: !isMonth(month) });

  return (
    <Stack>
      <Title order={2}>探访工作单</Title>
      <Group>
        <Select
          aria-label="村(社区)筛选"
          placeholder="全部村(社区)"
          clearable
          searchable
          data={(villages.data ?? []).map((v) => ({ value: v.id, label: v.name }))}
          value={villageId}
          onChange={(v) => {
            setVillageId(v);
            setPage(1);
          }}
        />
        <Select
          aria-label="时间范围"
          data={[
            { value: '0', label: '今天及以前到期' },
            { value: '7', label: '7 天内到期' },
            { value: '30', label: '30 天内到期' },
          ]}
          value={within}
          onChange={(v) => {
            setWithin(v ?? '7');
            setPage(1);
          }}
        />
        <Switch label="只看逾期" checked={overdueOnly} onChange={(e) => setOverdueOnly(e.currentTarget.checked)} />
        {list.data && (
          <Text>
            截至 {list.data.asOf}：待探访 {list.data.total} 人，其中逾期{' '}
            <Text span c="red" fw={700}>
              {list.data.overdue}
            </Text>{' '}
            人
          </Text>
        )}
      </Group>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>姓名</Table.Th>
            <Table.Th>村(社区)</Table.Th>
            <Table.Th>风险等级</Table.Th>
            <Table.Th>类别</Table.Th>
            <Table.Th>上次探访</Table.Th>
            <Table.Th>应探访日期</Table.Th>
            <Table.Th>操作</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(list.data?.rows ?? []).map((p) => (
            <Table.Tr key={p.id}>
              <Table.Td>
                <a href={`#/stations/elderly/${p.id}`}>{p.name}</a>
              </Table.Td>
              <Table.Td>{p.villageName}</Table.Td>
              <Table.Td>
                <Badge color={riskColor[p.riskLevel]} variant="light">
                  {label('riskLevel', p.riskLevel)}
                </Badge>
              </Table.Td>
              <Table.Td>{p.categories.map((c) => label('elderlyCategory', c)).join('、')}</Table.Td>
              <Table.Td>{p.lastVisitOn ?? '—'}</Table.Td>
              <Table.Td>
                <DueCell p={p} />
              </Table.Td>
              <Table.Td>
                <Button size="compact-xs" onClick={() => setVisiting(p)} aria-label={`登记探访 ${p.name}`}>
                  登记探访
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {list.data?.total === 0 && <Text c="dimmed">没有需要探访的老人</Text>}
      {list.data && list.data.total > PAGE && (
        <Pagination total={Math.ceil(list.data.total / PAGE)} value={page} onChange={setPage} />
      )}

      <Group justify="space-between" mt="lg">
        <Title order={3}>月探访率</Title>
        <TextInput
          type="month"
          aria-label="探访率月份"
          value={month}
          onChange={(e) => setMonth(e.currentTarget.value)}
        />
      </Group>
      <Table striped aria-label="月探访率">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>村(社区)</Table.Th>
            <Table.Th>在册人数</Table.Th>
            <Table.Th>应探访</Table.Th>
            <Table.Th>已探访</Table.Th>
            <Table.Th>探访率</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {[...(rate.data?.rows ?? []), ...(rate.data ? [rate.data.total] : [])].map((r) => (
            <Table.Tr key={r.villageId || 'total'} fw={r.villageId ? undefined : 700}>
              <Table.Td>{r.villageName}</Table.Td>
              <Table.Td>{r.registered}</Table.Td>
              <Table.Td>{r.due}</Table.Td>
              <Table.Td>{r.done}</Table.Td>
              <Table.Td>{pct(r.rate)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="sm" c="dimmed">
        应探访：当月按风险等级的探访周期到期的在册老人（高风险每周、重点每月、一般每季，可在设置中调整）；已探访：其中当月有探访记录的人数。
      </Text>
      {visiting && (
        <VisitForm
          person={visiting}
          onClose={() => setVisiting(null)}
          onSaved={() => {
            setVisiting(null);
            list.reload();
            rate.reload();
          }}
        />
      )}
    </Stack>
  );
}
