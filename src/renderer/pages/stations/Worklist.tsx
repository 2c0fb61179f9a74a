// 探访工作单: who must be visited soon (overdue first) with a visit form per row, and the month's visit rate by
// village (月探访率).
import { Button, Group, Select, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { hashQuery, replaceHashQuery } from '../../lib/router';
import type { ElderlySummary } from '../../../shared/api/stations';
import { isMonth } from '../../../shared/time';
import { label } from '../../../shared/labels';
import { useCall } from '../../lib/useCall';
import { useListing, useVillageOptions, FilterBadge, PagedTable } from '../../lib/listing';
import { DueCell, RiskBadge } from './ElderlyList';
import { VisitForm } from './VisitForm';
import { pct, todayCn } from './format';
import { DataTable } from '../../components/DataTable';

export function Worklist() {
  const villages = useVillageOptions();
  // ?month=YYYY-MM (the 工作台's row): those due by that month's end and not yet visited in it.
  const l = useListing(
    { villageId: null as string | null, within: '7', overdueOnly: false, month: hashQuery().get('month') ?? '' },
    30,
  );
  const dueMonth = isMonth(l.filters.month) ? l.filters.month : null;
  useEffect(() => replaceHashQuery({ month: dueMonth ?? undefined }), [dueMonth]);
  const [visiting, setVisiting] = useState<ElderlySummary | null>(null);
  const [month, setMonth] = useState(todayCn().slice(0, 7));
  const list = useCall('elderly.worklist', {
    ...l.paging,
    withinDays: Number(l.filters.within),
    overdueOnly: l.filters.overdueOnly,
    ...(dueMonth ? { month: dueMonth } : {}),
    ...(l.filters.villageId ? { villageId: l.filters.villageId } : {}),
  });
  const rate = useCall('elderly.visitRate', { month }, { skip: !isMonth(month) });

  return (
    <Stack>
      <Title order={2}>探访工作单</Title>
      <Group>
        <Select searchable data={villages} {...l.choice('villageId', '村(社区)筛选', '全部村(社区)')} />
        {dueMonth ? (
          <FilterBadge clearLabel="清除本月应探访筛选" onClear={() => l.set('month', '')}>
            {dueMonth} 应探访未探访
          </FilterBadge>
        ) : (
          <Select
            aria-label="时间范围"
            data={[
              { value: '0', label: '今天及以前到期' },
              { value: '7', label: '7 天内到期' },
              { value: '30', label: '30 天内到期' },
            ]}
            value={l.filters.within}
            onChange={(v) => l.set('within', v ?? '7')}
          />
        )}
        <Switch label="只看逾期" {...l.check('overdueOnly')} />
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
      <PagedTable
        listing={l}
        empty="没有需要探访的老人"
        aria-label="待探访老人"
        head={['姓名', '村(社区)', '风险等级', '类别', '上次探访', '应探访日期', '操作']}
        page={list.data}
        rowKey={(p) => p.id}
        cells={(p) => [
          <a href={`#/stations/elderly/${p.id}`}>{p.name}</a>,
          p.villageName,
          <RiskBadge level={p.riskLevel} />,
          p.categories.map((c) => label('elderlyCategory', c)).join('、'),
          p.lastVisitOn ?? '—',
          <DueCell p={p} />,
          <Button size="compact-xs" onClick={() => setVisiting(p)} aria-label={`登记探访 ${p.name}`}>
            登记探访
          </Button>,
        ]}
      />

      <Group justify="space-between" mt="lg">
        <Title order={3}>月探访率</Title>
        <TextInput
          type="month"
          aria-label="探访率月份"
          value={month}
          onChange={(e) => setMonth(e.currentTarget.value)}
        />
      </Group>
      <DataTable
        striped
        aria-label="月探访率"
        head={['村(社区)', '在册人数', '应探访', '已探访', '探访率']}
        rows={[...(rate.data?.rows ?? []), ...(rate.data ? [rate.data.total] : [])]}
        rowKey={(r) => r.villageId || 'total'}
        rowProps={(r) => ({ fw: r.villageId ? undefined : 700 })}
        cells={(r) => [r.villageName, r.registered, r.due, r.done, pct(r.rate)]}
      />
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
