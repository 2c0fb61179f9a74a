// 儿童福利: the register (filters, paging, ID numbers masked), the worklist, and registration.
import {
  Anchor,
  Badge,
  Button,
  Group,
  Pagination,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { label } from '../../../shared/labels';
import { CHILD_CATEGORY_VALUES } from '../../../shared/api/children';
import { navigate } from '../../lib/router';
import { useCall } from '../../lib/useCall';
import { ChildForm } from './ChildForm';

const PAGE = 20;

export function ChildList() {
  const [q, setQ] = useState('');
  const [villageId, setVillageId] = useState<string | null>(null);
  const [category, setCategory] = useState<string | null>(null);
  const [ended, setEnded] = useState(false);
  const [due, setDue] = useState(false);
  const [page, setPage] = useState(1);
  const [adding, setAdding] = useState(false);
  const villages = useCall('villages.list', {});
  const list = useCall('children.list', {
    ...(q.trim() ? { q: q.trim() } : {}),
    ...(villageId ? { villageId } : {}),
    ...(category ? { category: category as (typeof CHILD_CATEGORY_VALUES)[number] } : {}),
    status: ended ? 'ended' : 'active',
    ...(due ? { due: true } : {}),
    offset: (page - 1) * PAGE,
    limit: PAGE,
  });
  const rows = list.data?.rows ?? [];
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>儿童福利 · 一人一档</Title>
        <Button onClick={() => setAdding(true)}>登记儿童</Button>
      </Group>
      <Group>
        <TextInput
          label="姓名或身份证后 4 位"
          value={q}
          onChange={(e) => {
            setQ(e.currentTarget.value);
            setPage(1);
          }}
        />
        <Select
          label="村(社区)"
          clearable
          data={(villages.data ?? []).map((v) => ({ value: v.id, label: v.name }))}
          value={villageId}
          onChange={(v) => {
            setVillageId(v);
            setPage(1);
          }}
        />
        <Select
          label="类别"
          clearable
          data={CHILD_CATEGORY_VALUES.map((c) => ({ value: c, label: label('childCategory', c) }))}
          value={category}
          onChange={(v) => {
            setCategory(v);
            setPage(1);
          }}
        />
        <Switch label="七日内应探访" checked={due} onChange={(e) => setDue(e.currentTarget.checked)} mt="lg" />
        <Switch label="已结束的档案" checked={ended} onChange={(e) => setEnded(e.currentTarget.checked)} mt="lg" />
      </Group>
      <Table striped highlightOnHover withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>姓名</Table.Th>
            <Table.Th>身份证号码</Table.Th>
            <Table.Th>年龄</Table.Th>
            <Table.Th>村(社区)</Table.Th>
            <Table.Th>类别</Table.Th>
            <Table.Th>上次探访</Table.Th>
            <Table.Th>应探访</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td>
                <Anchor href={`#/children/${c.id}`}>{c.name}</Anchor>
              </Table.Td>
              <Table.Td ff="monospace">{c.idNumberMasked}</Table.Td>
              <Table.Td>{c.age} 岁</Table.Td>
              <Table.Td>{c.villageName}</Table.Td>
              <Table.Td>{c.categories.map((k) => label('childCategory', k)).join('、')}</Table.Td>
              <Table.Td>{c.lastVisitOn ?? '未探访'}</Table.Td>
              <Table.Td>
                {c.nextDueOn ?? '—'}{' '}
                {c.overdue && (
                  <Badge color="red" size="sm">
                    逾期
                  </Badge>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {list.data && list.data.total === 0 && <Text c="dimmed">没有符合条件的儿童档案。</Text>}
      {list.data && list.data.total > PAGE && (
        <Pagination total={Math.ceil(list.data.total / PAGE)} value={page} onChange={setPage} />
      )}
      {adding && <ChildForm onClose={() => setAdding(false)} onSaved={(c) => navigate(`/children/${c.id}`)} />}
    </Stack>
  );
}

export function ChildWorklist() {
  const work = useCall('children.worklist', {});
  return (
    <Stack>
      <Title order={2}>儿童福利工作单</Title>
      {work.data?.length === 0 && <Text c="dimmed">目前没有待办事项。</Text>}
      <Table withTableBorder>
        <Table.Tbody>
          {(work.data ?? []).map((w, i) => (
            <Table.Tr key={`${w.kind}-${w.childId ?? w.villageId ?? i}`}>
              <Table.Td>{w.childId ? <Anchor href={`#/children/${w.childId}`}>{w.title}</Anchor> : w.title}</Table.Td>
              <Table.Td>{w.dueOn ?? ''}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
