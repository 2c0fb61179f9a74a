// 社会组织名册: search, filters, paging; 登记 and 备案 start here.
import { Anchor, Badge, Button, Group, NativeSelect, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import type { OrgListRow, OrgStatus } from '../../../shared/api/orgs';
import { label, labelOptions } from '../../../shared/labels';
import { navigate } from '../../lib/router';
import { useCall } from '../../lib/useCall';
import { Pager, searchText, useListing } from '../../lib/listing';
import { FileModal, RegisterModal } from './OrgForms';
import { DataTable } from '../../components/DataTable';

export const statusColor: Record<OrgStatus, string> = {
  normal: 'green',
  changed: 'blue',
  revoked: 'red',
  deregistered: 'gray',
};

export function typeText(r: Pick<OrgListRow, 'kind' | 'communityType'>): string {
  return r.kind ? label('orgKind', r.kind) : `社区·${label('communityType', r.communityType)}`;
}

export function OrgList() {
  const l = useListing({ q: '', registry: '', type: '', status: '', showEnded: false });
  const { registry, type, status } = l.filters;
  const [dialog, setDialog] = useState<'register' | 'file' | null>(null);
  const kindFilter = registry === 'registered' && type ? { kind: type as 'association' } : {};
  const typeFilter = registry === 'community' && type ? { communityType: type as 'other' } : {};
  const list = useCall('orgs.list', {
    ...l.paging,
    ...searchText(l.filters.q),
    ...(registry ? { registry: registry as 'registered' } : {}),
    ...kindFilter,
    ...typeFilter,
    ...(status ? { status: status as OrgStatus } : {}),
    activeOnly: !l.filters.showEnded,
  });
  const all = { value: '', label: '全部' };

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>社会组织名册</Title>
        <Group>
          <Button onClick={() => setDialog('register')}>登记社会组织</Button>
          <Button variant="light" onClick={() => setDialog('file')}>
            社区社会组织备案
          </Button>
        </Group>
      </Group>
      <Group align="flex-end">
        <TextInput label="搜索" placeholder="名称、信用代码、登记证号、备案编号、负责人" w={320} {...l.text('q')} />
        <NativeSelect
          label="类别"
          data={[all, ...labelOptions('orgRegistry')]}
          value={registry}
          onChange={(e) => {
            l.set('type', '');
            l.set('registry', e.currentTarget.value);
          }}
        />
        {registry && (
          <NativeSelect
            label="类型"
            data={[all, ...labelOptions(registry === 'registered' ? 'orgKind' : 'communityType')]}
            {...l.text('type')}
          />
        )}
        <NativeSelect label="状态" data={[all, ...labelOptions('orgStatus')]} {...l.text('status')} />
        <Switch label="含已撤销/注销" {...l.check('showEnded')} mb={8} />
      </Group>
      <DataTable
        striped
        highlightOnHover
        aria-label="社会组织名册"
        head={[
          '名称',
          '类型',
          '信用代码/备案编号',
          '法定代表人/负责人',
          '登记/备案日期',
          '状态',
          '最近年检',
          '评估等级',
          '党组织',
        ]}
        rows={list.data?.rows}
        rowKey={(r) => r.id}
        rowProps={(r) => ({ style: { cursor: 'pointer' }, onClick: () => navigate(`/orgs/${r.id}`) })}
        cells={(r) => [
          <Anchor href={`#/orgs/${r.id}`}>{r.name}</Anchor>,
          typeText(r),
          r.creditCode ?? r.filingNo ?? '—',
          r.person ?? '—',
          r.since ?? '—',
          <Badge color={statusColor[r.status]} variant="light">
            {label('orgStatus', r.status)}
          </Badge>,
          r.lastInspection
            ? `${r.lastInspection.year} 年度 ${r.lastInspection.result ? label('inspectionResult', r.lastInspection.result) : '待结论'}`
            : r.registry === 'registered'
              ? '—'
              : '不适用',
          r.grade ? `${r.grade}A` : '—',
          r.partyOrg ? '已建立' : '未建立',
        ]}
      />
      {list.error && <Text c="red">{list.error.message}</Text>}
      {list.data && list.data.total === 0 && <Text c="dimmed">没有符合条件的社会组织</Text>}
      {list.data && (
        <Text size="sm" c="dimmed">
          共 {list.data.total} 个
        </Text>
      )}
      <Pager listing={l} total={list.data?.total} />
      {dialog === 'register' && (
        <RegisterModal opened onClose={() => setDialog(null)} onSaved={(o) => navigate(`/orgs/${o.id}`)} />
      )}
      {dialog === 'file' && (
        <FileModal opened onClose={() => setDialog(null)} onSaved={(o) => navigate(`/orgs/${o.id}`)} />
      )}
    </Stack>
  );
}
