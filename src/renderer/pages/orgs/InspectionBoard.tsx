// 年检一览: for one inspection year, who has submitted and who has not, with the deadlines and late flags.
import {
  Anchor,
  Badge,
  Button,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
  Paper,
} from '@mantine/core';
import { thisYear as yearInChina } from '../../../shared/time';
import { useState } from 'react';
import type { InspectionBoardRow, InspectionBoardState } from '../../../shared/api/orgs';
import { label } from '../../../shared/labels';
import { useCall } from '../../lib/useCall';
import { InspectionDialog } from './OrgDialogs';

const STATE: Record<InspectionBoardState, [string, string]> = {
  not_submitted: ['未报送', 'red'],
  at_supervisor: ['已报业务主管单位', 'yellow'],
  submitted: ['已报登记管理机关', 'blue'],
  concluded: ['已出结论', 'green'],
};

function Figure({ label, value }: { label: string; value: number }) {
  return (
    <Paper withBorder p="sm">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="xl">
        {value}
      </Text>
    </Paper>
  );
}

export function InspectionBoard() {
  const thisYear = yearInChina();
  const [year, setYear] = useState(thisYear - 1);
  const board = useCall('orgs.inspections.board', { year });
  const [editing, setEditing] = useState<InspectionBoardRow | null>(null);
  const c = board.data?.counts;
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={2}>年检一览</Title>
        <NativeSelect
          label="年检年度"
          data={Array.from({ length: 6 }, (_, i) => String(thisYear - 1 - i))}
          value={String(year)}
          onChange={(e) => setYear(Number(e.currentTarget.value))}
        />
      </Group>
      <Text size="sm" c="dimmed">
        {year} 年度的年检于 {year + 1} 年报送：报业务主管单位 3 月 31 日前，报登记管理机关 5 月 31 日前（基金会 3 月 31
        日前）。{year} 年 7 月 2 日以后登记的组织当年不参加年检。
      </Text>
      {c && (
        <SimpleGrid cols={6}>
          <Figure label="应参检" value={c.expected} />
          <Figure label="已报送" value={c.submitted} />
          <Figure label="已出结论" value={c.concluded} />
          <Figure label="合格" value={c.pass} />
          <Figure label="基本合格" value={c.basic} />
          <Figure label="不合格" value={c.fail} />
        </SimpleGrid>
      )}
      <Table striped aria-label="年检一览">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>组织</Table.Th>
            <Table.Th>类型</Table.Th>
            <Table.Th>业务主管单位</Table.Th>
            <Table.Th>进度</Table.Th>
            <Table.Th>报业务主管单位</Table.Th>
            <Table.Th>报登记管理机关</Table.Th>
            <Table.Th>结论</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(board.data?.rows ?? []).map((r) => {
            const [text, color] = STATE[r.state];
            const i = r.inspection;
            return (
              <Table.Tr key={r.orgId}>
                <Table.Td>
                  <Anchor href={`#/orgs/${r.orgId}`}>{r.name}</Anchor>
                </Table.Td>
                <Table.Td>{label('orgKind', r.kind)}</Table.Td>
                <Table.Td>{r.supervisor ?? '无（直接登记）'}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    <Badge color={color} variant="light">
                      {text}
                    </Badge>
                    {r.late && <Badge color="red">逾期</Badge>}
                    {!r.expected && <Badge color="gray">不计入应参检</Badge>}
                  </Group>
                </Table.Td>
                <Table.Td>
                  {r.deadlines.supervisor ? (i?.supervisorSubmittedOn ?? `期限 ${r.deadlines.supervisor}`) : '—'}
                </Table.Td>
                <Table.Td>{i?.authoritySubmittedOn ?? `期限 ${r.deadlines.authority}`}</Table.Td>
                <Table.Td>{i?.result ? label('inspectionResult', i.result) : '—'}</Table.Td>
                <Table.Td>
                  <Button size="compact-xs" variant="subtle" onClick={() => setEditing(r)}>
                    登记报送
                  </Button>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {board.data && board.data.rows.length === 0 && <Text c="dimmed">{year} 年度没有应参加年检的登记社会组织</Text>}
      {editing && (
        <InspectionDialog
          org={{ id: editing.orgId, name: editing.name, supervisor: editing.supervisor }}
          year={year}
          existing={editing.inspection}
          opened
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            board.reload();
          }}
        />
      )}
    </Stack>
  );
}
