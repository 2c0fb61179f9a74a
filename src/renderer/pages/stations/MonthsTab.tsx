// 月度运营: one row of figures per facility-month, entered or corrected with the version the clerk saw.
import { Button, Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { type FacilityMonthView, type FacilityView, type ServiceItemValue } from '../../../shared/api/stations';
import { label } from '../../../shared/labels';
import { useCall } from '../../lib/useCall';
import { CallDialog, MonthField, NumberField, TextField } from '../../lib/form';
import { todayCn } from './format';

function MonthForm(props: {
  f: FacilityView;
  row: FacilityMonthView | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { f, row } = props;
  const items = f.serviceItems.filter((s) => s !== 'meal');
  return (
    <CallDialog
      method="stations.months.save"
      title={row ? `修改 ${row.month} 运营数据` : '填报月度运营数据'}
      onClose={props.onClose}
      initial={{
        facilityId: f.id,
        month: row?.month ?? todayCn().slice(0, 7),
        version: row?.version ?? null,
        mealsServed: row?.mealsServed ?? 0,
        mealsSubsidised: row?.mealsSubsidised ?? 0,
        served: Object.fromEntries(items.map((s) => [s, row?.served[s] ?? 0])),
        bedsOccupied: row?.bedsOccupied ?? 0,
        note: row?.note ?? '',
      }}
      done="月度数据已保存"
      onDone={() => props.onSaved()}
    >
      {row ? <Text>月份：{row.month}</Text> : <MonthField path="month" label="月份" required />}
      {f.serviceItems.includes('meal') && (
        <SimpleGrid cols={2}>
          <NumberField path="mealsServed" label="助餐人次" />
          <NumberField path="mealsSubsidised" label="其中享受补贴人次" />
        </SimpleGrid>
      )}
      <SimpleGrid cols={3}>
        {items.map((s) => (
          <NumberField key={s} path={`served.${s}`} label={`${label('serviceItem', s)}服务人数`} />
        ))}
        <NumberField path="bedsOccupied" label="月末在住人数" />
      </SimpleGrid>
      <TextField path="note" label="说明" />
    </CallDialog>
  );
}

export function MonthsTab(props: { f: FacilityView }) {
  const { f } = props;
  const months = useCall('stations.months.list', { facilityId: f.id });
  const [editing, setEditing] = useState<FacilityMonthView | 'new' | null>(null);
  const items = f.serviceItems.filter((s) => s !== 'meal');
  return (
    <Stack>
      <Group justify="space-between">
        <Text c="dimmed">每个设施每月一条；已填报的月份可修改（按版本防止覆盖他人修改）。</Text>
        {f.openedOn !== null && <Button onClick={() => setEditing('new')}>填报月度数据</Button>}
      </Group>
      {f.openedOn === null && <Text c="dimmed">设施尚未开业，开业后填报月度运营数据。</Text>}
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>月份</Table.Th>
            <Table.Th>助餐人次</Table.Th>
            <Table.Th>享受补贴</Table.Th>
            {items.map((s) => (
              <Table.Th key={s}>{label('serviceItem', s)}</Table.Th>
            ))}
            <Table.Th>月末在住</Table.Th>
            <Table.Th>操作</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(months.data ?? []).map((m) => (
            <Table.Tr key={m.id}>
              <Table.Td>{m.month}</Table.Td>
              <Table.Td>{m.mealsServed}</Table.Td>
              <Table.Td>{m.mealsSubsidised}</Table.Td>
              {items.map((s) => (
                <Table.Td key={s}>{m.served[s as ServiceItemValue] ?? 0}</Table.Td>
              ))}
              <Table.Td>{m.bedsOccupied}</Table.Td>
              <Table.Td>
                <Button size="compact-xs" variant="light" onClick={() => setEditing(m)}>
                  修改
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {editing && (
        <MonthForm
          f={f}
          row={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            months.reload();
          }}
        />
      )}
    </Stack>
  );
}
