// 儿童福利: the register (filters, paging, ID numbers masked), the worklist, and registration.
import { Anchor, Button, Group, Select, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { label, labelOptions } from '../../../shared/labels';
import { CHILD_CATEGORY_VALUES } from '../../../shared/api/children';
import { navigate } from '../../lib/router';
import { useCall } from '../../lib/useCall';
import { DueDate, searchText, useListing, useVillageOptions, PagedTable } from '../../lib/listing';
import { ChildForm } from './ChildForm';

export function ChildList() {
  const l = useListing({
    q: '',
    villageId: null as string | null,
    category: null as string | null,
    ended: false,
    due: false,
  });
  const { villageId, category, ended, due } = l.filters;
  const [adding, setAdding] = useState(false);
  const villages = useVillageOptions();
  const list = useCall('children.list', {
    ...searchText(l.filters.q),
    ...(villageId ? { villageId } : {}),
    ...(category ? { category: category as (typeof CHILD_CATEGORY_VALUES)[number] } : {}),
    status: ended ? 'ended' : 'active',
    ...(due ? { due: true } : {}),
    ...l.paging,
  });
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>儿童福利 · 一人一档</Title>
        <Button onClick={() => setAdding(true)}>登记儿童</Button>
      </Group>
      <Group>
        <TextInput label="姓名或身份证后 4 位" {...l.text('q')} />
        <Select label="村(社区)" clearable data={villages} {...l.select('villageId')} />
        <Select label="类别" clearable data={labelOptions('childCategory')} {...l.select('category')} />
        <Switch label="七日内应探访" {...l.check('due')} mt="lg" />
        <Switch label="已结束的档案" {...l.check('ended')} mt="lg" />
      </Group>
      <PagedTable
        listing={l}
        empty="没有符合条件的儿童档案。"
        highlightOnHover
        withTableBorder
        head={['姓名', '身份证号码', '年龄', '村(社区)', '类别', '上次探访', '应探访']}
        page={list.data}
        rowKey={(c) => c.id}
        columnProps={[undefined, { ff: 'monospace' }]}
        cells={(c) => [
          <Anchor href={`#/children/${c.id}`}>{c.name}</Anchor>,
          c.idNumberMasked,
          `${c.age} 岁`,
          c.villageName,
          c.categories.map((k) => label('childCategory', k)).join('、'),
          c.lastVisitOn ?? '未探访',
          <DueDate on={c.nextDueOn} overdue={c.overdue} />,
        ]}
      />
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
