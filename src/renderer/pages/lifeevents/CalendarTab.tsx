// 设置 → 节假日: the administrator enters a year's holidays and 调休 working days (the State Council notice and local
// adjustments); working-day deadlines count them.
import { Alert, Button, Checkbox, Group, NumberInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { HolidayDay } from '../../../shared/api/lifeevents';
import { thisYear } from '../../../shared/time';
import { call } from '../../api';
import { notifyOk } from '../../lib/notify';
import { useSession } from '../../lib/session';
import { useBusy } from '../../lib/actions';
import { useCall } from '../../lib/useCall';
import { DataTable } from '../../components/DataTable';
import { choices } from '../../lib/form';

export function CalendarTab() {
  const { user } = useSession();
  const [year, setYear] = useState(thisYear(new Date()) + 1);
  const saved = useCall('holidays.get', { year });
  const [days, setDays] = useState<HolidayDay[]>([]);
  const [busy, act] = useBusy();
  useEffect(() => setDays(saved.data?.days ?? []), [saved.data]);
  const edit = (i: number, patch: Partial<HolidayDay>) =>
    setDays((d) => d.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const save = () =>
    act(async () => {
      await call('holidays.put', { year, days });
      notifyOk(`${year} 年节假日已保存`);
      saved.reload();
    });
  const admin = user.role === 'admin';
  return (
    <Stack maw={820}>
      <Group align="end">
        <NumberInput
          label="年份"
          value={year}
          onChange={(v) => typeof v === 'number' && setYear(v)}
          min={2024}
          max={2100}
          w={120}
        />
        {saved.data && (
          <Text size="sm">
            {saved.data.national
              ? '本软件已内置该年全国放假安排；此处录入的为补充或本地调整。'
              : '本软件未内置该年全国放假安排，请按国务院办公厅通知录入。'}
          </Text>
        )}
      </Group>
      {saved.error && <Alert color="red">{saved.error.message}</Alert>}
      <DataTable
        head={['日期', '类型', '节日或说明', '本地调整', '']}
        rows={days}
        rowKey={(d, i) => i}
        cells={(d, i) => [
          <>
            <TextInput
              type="date"
              aria-label="日期"
              value={d.date}
              onChange={(e) => edit(i, { date: e.currentTarget.value })}
              disabled={!admin}
            />
          </>,
          <>
            <Select
              aria-label="类型"
              data={choices({ holiday: '放假', workday: '调休上班' })}
              value={d.kind}
              onChange={(v) => v && edit(i, { kind: v as HolidayDay['kind'] })}
              allowDeselect={false}
              disabled={!admin}
            />
          </>,
          <>
            <TextInput
              aria-label="说明"
              value={d.name}
              onChange={(e) => edit(i, { name: e.currentTarget.value })}
              disabled={!admin}
            />
          </>,
          <>
            <Checkbox
              aria-label="本地调整"
              checked={d.local}
              onChange={(e) => edit(i, { local: e.currentTarget.checked })}
              disabled={!admin}
            />
          </>,
          admin && (
            <Button size="xs" variant="subtle" color="red" onClick={() => setDays((x) => x.filter((_, j) => j !== i))}>
              删除
            </Button>
          ),
        ]}
      />
      {admin ? (
        <Group>
          <Button
            variant="default"
            onClick={() => setDays((d) => [...d, { date: `${year}-01-01`, kind: 'holiday', name: '', local: false }])}
          >
            添加一天
          </Button>
          <Button onClick={() => void save()} loading={busy}>
            保存 {year} 年
          </Button>
        </Group>
      ) : (
        <Text size="sm" c="dimmed">
          只有管理员可以录入节假日。
        </Text>
      )}
    </Stack>
  );
}

/** The 工作台's warning from 1 November while next year's holidays are missing. */
export function HolidayWarning() {
  const status = useCall('holidays.status', {});
  if (!status.data?.warn) return null;
  return (
    <Alert color="orange" title="节假日未录入">
      {status.data.message} <a href="#/settings">去设置</a>
    </Alert>
  );
}
