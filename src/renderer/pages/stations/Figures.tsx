// 养老服务月度数据: the figures the monthly report package takes (computed from the ledger, never typed in).
import { Alert, Group, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { hashQuery, replaceHashQuery } from '../../lib/router';
import { isMonth } from '../../../shared/time';
import { label } from '../../../shared/labels';
import { useCall } from '../../lib/useCall';
import { pct, todayCn } from './format';
import { DataTable } from '../../components/DataTable';

function Figure(props: { label: string; value: string | number }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {props.label}
      </Text>
      <Text size="xl" fw={700}>
        {props.value}
      </Text>
    </div>
  );
}

export function Figures() {
  // ?month=YYYY-MM opens that month (the 工作台's 待填报运营数据 row); the address follows the picker.
  const [month, setMonth] = useState(() => {
    const asked = hashQuery().get('month') ?? '';
    return isMonth(asked) ? asked : todayCn().slice(0, 7);
  });
  useEffect(() => {
    if (isMonth(month)) replaceHashQuery({ month });
  }, [month]);
  const figures = useCall('stations.figures', { month }, { skip: !isMonth(month) });
  const f = figures.data;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>养老服务月度数据</Title>
        <TextInput type="month" aria-label="月份" value={month} onChange={(e) => setMonth(e.currentTarget.value)} />
      </Group>
      {f && (
        <>
          <SimpleGrid cols={4}>
            <Figure label="设施总数（月末）" value={f.facilities.total} />
            <Figure label="运营中" value={f.facilities.byStatus.operating} />
            <Figure label="床位（在住/总数）" value={`${f.beds.occupied}/${f.beds.total}`} />
            <Figure label="护理型床位" value={f.beds.nursing} />
            <Figure label="助餐人次" value={f.meals.served} />
            <Figure label="其中享受补贴" value={f.meals.subsidised} />
            <Figure label="特殊困难老年人（在册）" value={f.elderly.total} />
            <Figure label={`月探访率（${f.visits.done}/${f.visits.due}）`} value={pct(f.visits.rate)} />
          </SimpleGrid>
          {f.missingMonthly.length > 0 && (
            <Alert color="orange" title={`以下运营中的设施尚未填报 ${month} 运营数据（${f.missingMonthly.length} 个）`}>
              {f.missingMonthly.map((m) => (
                <a key={m.facilityId} href={`#/stations/facilities/${m.facilityId}`} style={{ marginRight: 12 }}>
                  {m.name}
                </a>
              ))}
            </Alert>
          )}
          <DataTable
            striped
            aria-label="设施分类统计"
            head={['设施类型', '建设中', '运营中', '停止运营', '合计']}
            rows={f.facilities.byType}
            rowKey={(r) => r.type}
            cells={(r) => [label('facilityType', r.type), r.building, r.operating, r.closed, r.total]}
          />
          <Text size="sm" c="dimmed">
            当月开业 {f.facilities.openedInMonth} 个、停止运营 {f.facilities.closedInMonth} 个；当月探访记录{' '}
            {f.visits.records} 条。 类别：
            {Object.entries(f.elderly.byCategory)
              .map(([c, n]) => `${label('elderlyCategory', c)} ${n}`)
              .join('，')}
          </Text>
        </>
      )}
    </Stack>
  );
}
