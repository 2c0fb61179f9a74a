// 儿童主任 (one per 村/社区) and the township's 儿童督导员; the month's figures for the report package.
import { Button, Group, NumberInput, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { label } from '../../../shared/labels';
import { CHILD_CATEGORY_VALUES } from '../../../shared/api/children';
import { previousMonth, thisMonth, today } from '../../../shared/time';
import { CallDialog, choices, DateField, SelectField, TextField } from '../../lib/form';
import { useCall } from '../../lib/useCall';
import { call } from '../../api';
import { notifyError, notifyOk } from '../../lib/notify';
import { DataTable } from '../../components/DataTable';

export function Workers() {
  const workers = useCall('children.workers.list', {});
  const villages = useCall('villages.list', {});
  const [appoint, setAppoint] = useState(false);
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>儿童主任与儿童督导员</Title>
        <Button onClick={() => setAppoint(true)}>任命</Button>
      </Group>
      <DataTable
        withTableBorder
        striped
        head={['职务', '村(社区)', '姓名', '电话', '任职']}
        rows={workers.data}
        rowKey={(w) => w.id}
        rowProps={(w) => ({ c: w.endedOn ? 'dimmed' : undefined })}
        cells={(w) => [
          w.role === 'director' ? '儿童主任' : '儿童督导员',
          w.villageName ?? '本镇（街道）',
          w.name,
          w.phone ?? '',
          <>
            {w.startedOn} 起{w.endedOn ? `，至 ${w.endedOn}` : '（现任）'}
          </>,
        ]}
      />
      <VisitPlan />
      {appoint && (
        <CallDialog
          method="children.workers.appoint"
          title="任命儿童主任 / 儿童督导员"
          initial={{ role: 'director', villageId: null, name: '', startedOn: today() }}
          done="已任命（原任职者自前一日卸任）"
          onClose={() => setAppoint(false)}
          onDone={() => {
            setAppoint(false);
            workers.reload();
          }}
        >
          <SimpleGrid cols={2}>
            <SelectField
              path="role"
              label="职务"
              data={choices({ director: '儿童主任（村/社区）', supervisor: '儿童督导员（本镇/街道）' })}
              required
            />
            <SelectField
              path="villageId"
              label="村(社区)（儿童主任）"
              data={(villages.data ?? []).filter((v) => v.active).map((v) => ({ value: v.id, label: v.name }))}
              clearable
            />
            <TextField path="name" label="姓名" required />
            <TextField path="phone" label="电话" />
            <DateField path="startedOn" label="任职日期" required />
          </SimpleGrid>
        </CallDialog>
      )}
    </Stack>
  );
}

/** 探访计划 (审核人 may change it): months between visits per category. */
function VisitPlan() {
  const current = useCall('children.visitPlan', {});
  const [draft, setDraft] = useState<Record<string, number> | null>(null);
  const [saving, setSaving] = useState(false);
  const plan = draft ?? current.data?.plan ?? null;
  if (!plan) return null;
  const save = async () => {
    setSaving(true);
    try {
      await call('children.saveVisitPlan', { plan: plan as never, version: current.data?.version ?? null });
      notifyOk('探访计划已保存');
      setDraft(null);
      current.reload();
    } catch (e) {
      notifyError(e, '未保存');
    } finally {
      setSaving(false);
    }
  };
  return (
    <Stack gap="xs">
      <Title order={4}>探访计划（每隔几个月至少探访一次）</Title>
      <SimpleGrid cols={4}>
        {CHILD_CATEGORY_VALUES.map((k) => (
          <NumberInput
            key={k}
            label={label('childCategory', k)}
            min={1}
            max={12}
            value={plan[k]}
            onChange={(v) => typeof v === 'number' && setDraft({ ...plan, [k]: v })}
          />
        ))}
      </SimpleGrid>
      <Group>
        <Button variant="default" disabled={!draft} loading={saving} onClick={() => void save()}>
          保存探访计划
        </Button>
        <Text size="sm" c="dimmed">
          属于多个类别的儿童按最短的间隔探访。
        </Text>
      </Group>
    </Stack>
  );
}

export function ChildFiguresPage() {
  const [month, setMonth] = useState(previousMonth(thisMonth()));
  const figures = useCall('children.figures', { month });
  const f = figures.data;
  const rows = f ? [...f.rows, f.total] : [];
  return (
    <Stack>
      <Title order={2}>儿童福利月度数据</Title>
      <Group>
        <TextInput label="月份（YYYY-MM）" value={month} onChange={(e) => setMonth(e.currentTarget.value)} w={160} />
        {f && (
          <NumberInput
            label="孤儿：集中养育 / 社会散居"
            value={`${f.orphansCentralized} / ${f.orphansDispersed}`}
            readOnly
            w={200}
          />
        )}
      </Group>
      {figures.error && <Text c="red">{figures.error.message}</Text>}
      <Table withTableBorder striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>村(社区)</Table.Th>
            <Table.Th>在册儿童（人）</Table.Th>
            {CHILD_CATEGORY_VALUES.map((k) => (
              <Table.Th key={k}>{label('childCategory', k)}</Table.Th>
            ))}
            <Table.Th>应探访</Table.Th>
            <Table.Th>已探访</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.villageId ?? 'total'} fw={r.villageId ? undefined : 700}>
              <Table.Td>{r.villageName}</Table.Td>
              <Table.Td>{r.children}</Table.Td>
              {CHILD_CATEGORY_VALUES.map((k) => (
                <Table.Td key={k}>{r.counts[k]}</Table.Td>
              ))}
              <Table.Td>{r.visitsDue}</Table.Td>
              <Table.Td>{r.visitsDone}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
