// 社会组织名册: search, filters, paging; 登记 and 备案 start here.
import {
  Anchor,
  Badge,
  Button,
  Group,
  NativeSelect,
  Pagination,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { orgLabel, orgLabelOptions, type OrgListRow, type OrgStatus } from '../../../shared/api/orgs';
import { navigate } from '../../lib/router';
import { useCall } from '../../lib/useCall';
import { FileModal, RegisterModal } from './OrgForms';
import { DataTable } from '../../components/DataTable';

const PAGE = 20;

export const statusColor: Record<OrgStatus, string> = {
  normal: 'green',
  changed: 'blue',
  revoked: 'red',
  deregistered: 'gray',
};

export function typeText(r: Pick<OrgListRow, 'kind' | 'communityType'>): string {
  return r.kind ? orgLabel('kind', r.kind) : `社区·${orgLabel('communityType', r.communityType)}`;
}

export function OrgList() {
  const [q, setQ] = useState('');
  const [registry, setRegistry] = useState('');
  const [type, setType] = useState('');
  const [status, setStatus] = useState('');
  const [showEnded, setShowEnded] = useState(false);
  const [page, setPage] = useState(1);
  const [dialog, setDialog] = useState<'register' | 'file' | null>(null);
  const kindFilter = registry === 'registered' && type ? { kind: type as 'association' } : {};
  const typeFilter = registry === 'community' && type ? { communityType: type as 'other' } : {};
  const list = useCall('orgs.list', {
    offset: (page - 1) * PAGE,
    limit: PAGE,
    ...(q.trim() ? { q: q.trim() } : {}),
    ...(registry ? { registry: registry as 'registered' } : {}),
    ...kindFilter,
    ...typeFilter,
    ...(status ? { status: status as OrgStatus } : {}),
    activeOnly: !showEnded,
  });
  const reset = () => setPage(1);

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
        <TextInput
          label="搜索"
          placeholder="名称、信用代码、登记证号、备案编号、负责人"
          w={320}
          value={q}
          onChange={(e) => {
            setQ(e.currentTarget.value);
            reset();
          }}
        />
        <NativeSelect
          label="类别"
          data={[{ value: '', label: '全部' }, ...orgLabelOptions('registry')]}
          value={registry}
          onChange={(e) => {
            setRegistry(e.currentTarget.value);
            setType('');
            reset();
          }}
        />
        {registry && (
          <NativeSelect
            label="类型"
            data={[
              { value: '', label: '全部' },
              ...orgLabelOptions(registry === 'registered' ? 'kind' : 'communityType'),
            ]}
            value={type}
            onChange={(e) => {
              setType(e.currentTarget.value);
              reset();
            }}
          />
        )}
        <NativeSelect
          label="状态"
          data={[{ value: '', label: '全部' }, ...orgLabelOptions('status')]}
          value={status}
          onChange={(e) => {
            setStatus(e.currentTarget.value);
            reset();
          }}
        />
        <Switch
          label="含已撤销/注销"
          checked={showEnded}
          onChange={(e) => setShowEnded(e.currentTarget.checked)}
          mb={8}
        />
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
            {orgLabel('status', r.status)}
          </Badge>,
          r.lastInspection
            ? `${r.lastInspection.year} 年度 ${r.lastInspection.result ? orgLabel('inspectionResult', r.lastInspection.result) : '待结论'}`
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
      {list.data && list.data.total > PAGE && (
        <Pagination total={Math.ceil(list.data.total / PAGE)} value={page} onChange={setPage} />
      )}
      {dialog === 'register' && (
        <RegisterModal opened onClose={() => setDialog(null)} onSaved={(o) => navigate(`/orgs/${o.id}`)} />
      )}
      {dialog === 'file' && (
        <FileModal opened onClose={() => setDialog(null)} onSaved={(o) => navigate(`/orgs/${o.id}`)} />
      )}
    </Stack>
  );
}
