// A person's 居家适老化改造 and 助餐 records, with the form to add one.
import { Button, Group, Select, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { formatYuan } from '../../../shared/money';
import { useCall } from '../../lib/useCall';
import { VoidCell } from './VoidButton';
import {
  CallDialog,
  choices,
  DateField,
  MoneyField,
  MonthField,
  NumberField,
  TextAreaField,
  TextField,
} from '../../lib/form';
import { todayCn } from './format';
import { DataTable } from '../../components/DataTable';

function ServiceForm(props: { elderlyId: string; onClose: () => void; onSaved: () => void }) {
  const facilities = useCall('stations.facilities.list', { status: 'operating', limit: 200 });
  return (
    <CallDialog
      method="elderly.services.add"
      title="登记服务记录"
      onClose={props.onClose}
      initial={{
        elderlyId: props.elderlyId,
        kind: 'meal',
        month: todayCn().slice(0, 7),
        onDate: todayCn(),
        facilityId: null,
        meals: 0,
        items: '',
        contractor: '',
        subsidyFen: 0,
      }}
      done="服务记录已保存"
      onDone={() => props.onSaved()}
    >
      {(form) => {
        const meal = form.values.kind === 'meal';
        return (
          <>
            <Select
              label="服务类型"
              allowDeselect={false}
              data={choices({ meal: '助餐', home_adaptation: '居家适老化改造' })}
              value={form.values.kind as string}
              onChange={(v) => form.set('kind', v)}
            />
            {meal ? (
              <>
                <MonthField path="month" label="月份" required />
                <Select
                  label="助餐点"
                  required
                  allowDeselect={false}
                  searchable
                  data={(facilities.data?.rows ?? []).map((f) => ({ value: f.id, label: f.name }))}
                  value={(form.values.facilityId as string | null) ?? null}
                  onChange={(v) => form.set('facilityId', v)}
                  error={form.error('facilityId')}
                />
                <NumberField path="meals" label="就餐次数" />
              </>
            ) : (
              <>
                <DateField path="onDate" label="验收日期" required />
                <TextAreaField path="items" label="改造项目" required />
                <TextField path="contractor" label="施工单位" />
              </>
            )}
            <MoneyField path="subsidyFen" label="补贴金额（元）" />
          </>
        );
      }}
    </CallDialog>
  );
}

export function ServiceRecords(props: { elderlyId: string; active: boolean }) {
  const list = useCall('elderly.services.list', { elderlyId: props.elderlyId });
  const [adding, setAdding] = useState(false);
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={4}>助餐与居家适老化改造</Title>
        {props.active && (
          <Button variant="light" onClick={() => setAdding(true)}>
            登记服务记录
          </Button>
        )}
      </Group>
      <DataTable
        striped
        head={['类型', '日期/月份', '内容', '补贴（元）', '操作']}
        rows={list.data}
        rowKey={(s) => s.id}
        rowProps={(s) => ({ style: s.voided ? { textDecoration: 'line-through' } : undefined })}
        cells={(s) => [
          s.kind === 'meal' ? '助餐' : '居家适老化改造',
          s.onDate ?? s.month,
          s.kind === 'meal'
            ? `${s.facilityName ?? ''} 就餐 ${s.meals ?? 0} 次`
            : `${s.items ?? ''}${s.contractor ? `（${s.contractor}）` : ''}`,
          formatYuan(s.subsidyFen),
          <VoidCell
            row={s}
            method="elderly.services.void"
            what={s.kind === 'meal' ? `${s.month ?? ''} 助餐记录` : '适老化改造记录'}
            onDone={list.reload}
          />,
        ]}
      />
      {list.data?.length === 0 && <Text c="dimmed">尚无记录</Text>}
      {adding && (
        <ServiceForm
          elderlyId={props.elderlyId}
          onClose={() => setAdding(false)}
          onSaved={() => {
            setAdding(false);
            list.reload();
          }}
        />
      )}
    </Stack>
  );
}
