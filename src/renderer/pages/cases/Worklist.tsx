// 待办事项: what is due or overdue (statutory deadlines in working days), and whose turn it is.
import { Anchor, Badge, Group, SegmentedControl, Select, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { canReview, useSession } from '../../lib/session';
import { hashQuery, replaceHashQuery } from '../../lib/router';
import { useCall } from '../../lib/useCall';
import { catLabel } from './common';
import { VillageFilter } from '../../lib/listing';
import { DataTable } from '../../components/DataTable';
import { choices } from '../../lib/form';

export function Worklist() {
  const { user } = useSession();
  // 工作台 opens the list for one step (#/cases/worklist?task=approve): everyone's rows of that step.
  const [task, setTask] = useState<string | null>(() => {
    const t = hashQuery().get('task');
    return t && /^[a-z_]+$/.test(t) ? t : null;
  });
  const [turn, setTurn] = useState<string>(canReview(user) || task ? 'all' : 'clerk');
  const [villageId, setVillageId] = useState<string | null>(null);
  const [horizon, setHorizon] = useState<string>('30');
  const q = useCall('cases.worklist', {
    turn: turn === 'all' ? undefined : (turn as 'clerk' | 'reviewer'),
    villageId: villageId ?? undefined,
    horizonDays: Number(horizon),
  });
  const rows = (q.data ?? []).filter((r) => !task || r.task === task);
  // The steps in the list, each named as its rows name it.
  const tasks = [...new Map((q.data ?? []).map((r) => [r.task, r.taskLabel])).entries()].map(([value, l]) => ({
    value,
    label: l,
  }));
  const overdue = rows.filter((r) => r.overdue).length;
  return (
    <Stack>
      <Title order={2}>待办事项</Title>
      <Group align="flex-end">
        <SegmentedControl
          value={turn}
          onChange={setTurn}
          data={choices({ all: '全部', clerk: '经办人办理', reviewer: '待审核确认' })}
        />
        <VillageFilter active value={villageId} onChange={setVillageId} />
        <Select
          label="事项"
          placeholder="全部事项"
          data={tasks}
          value={task}
          onChange={(v) => {
            setTask(v);
            replaceHashQuery({ task: v ?? undefined });
          }}
          clearable
          w={170}
        />
        <Select
          label="复核提前提醒"
          data={['30', '60', '90'].map((d) => ({ value: d, label: `${d} 天内` }))}
          value={horizon}
          onChange={(v) => setHorizon(v ?? '30')}
          allowDeselect={false}
          w={130}
        />
      </Group>
      <Text size="sm">
        共 {rows.length} 项
        {overdue > 0 && (
          <Text span c="red">
            ，其中 {overdue} 项已逾期
          </Text>
        )}
      </Text>
      <DataTable
        striped
        withTableBorder
        aria-label="待办事项"
        head={['期限', '剩余工作日', '事项', '对象', '村(社区)', '类别', '由谁办理']}
        rows={rows}
        rowKey={(w) => `${w.caseId}-${w.task}`}
        cells={(w) => [
          <Text size="sm" c={w.overdue ? 'red' : undefined} fw={w.overdue ? 700 : undefined}>
            {w.dueOn}
          </Text>,
          w.overdue ? (
            <Badge color="red">逾期 {-w.workingDaysLeft} 个工作日</Badge>
          ) : (
            <Text size="sm">{w.workingDaysLeft}</Text>
          ),
          <Anchor href={`#/cases/case/${w.caseId}`}>{w.taskLabel}</Anchor>,
          <>
            <Anchor href={`#/cases/households/${w.householdId}`}>{w.name ?? ''}</Anchor>
            {w.kinOfStaff && (
              <Badge ml={4} size="xs" color="orange">
                近亲属
              </Badge>
            )}
          </>,
          w.villageName,
          catLabel(w.category),
          <>
            <Badge variant="light" color={w.turn === 'reviewer' ? 'orange' : 'blue'}>
              {w.turn === 'reviewer' ? '审核人' : '经办人'}
            </Badge>{' '}
            {w.assigneeName}
          </>,
        ]}
      />
      {rows.length === 0 && !q.loading && <Text c="dimmed">目前没有待办事项</Text>}
    </Stack>
  );
}
