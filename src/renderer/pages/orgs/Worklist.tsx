// 社会组织待办: inspections to report, rectifications, ratings expiring or expired, terms due — overdue first.
import { Anchor, Badge, Stack, Text, Title } from '@mantine/core';
import type { WorkItemKind } from '../../../shared/api/orgs';
import { useCall } from '../../lib/useCall';
import { DataTable } from '../../components/DataTable';

const KIND: Record<WorkItemKind, string> = {
  inspection_supervisor: '年检·报业务主管单位',
  inspection_authority: '年检·报登记管理机关',
  rectification: '年检整改',
  rating_expiring: '评估等级将期满',
  rating_expired: '评估等级已期满',
  term_due: '换届',
};

export function Worklist() {
  const list = useCall('orgs.worklist', {});
  const items = list.data?.items ?? [];
  const overdue = items.filter((i) => i.overdue).length;
  return (
    <Stack>
      <Title order={2}>社会组织待办</Title>
      {list.data && (
        <Text>
          截至 {list.data.onDate}：共 {items.length} 项，其中逾期 {overdue} 项
        </Text>
      )}
      {list.error && <Text c="red">{list.error.message}</Text>}
      <DataTable
        striped
        aria-label="社会组织待办"
        head={['组织', '事项', '内容', '期限']}
        rows={items}
        rowKey={(i, n) => `${i.orgId}-${i.kind}-${n}`}
        cells={(i) => [
          <Anchor href={`#/orgs/${i.orgId}`}>{i.orgName}</Anchor>,
          KIND[i.kind],
          i.title,
          <>
            {i.dueOn ?? '—'}{' '}
            {i.overdue && (
              <Badge color="red" size="sm">
                已逾期
              </Badge>
            )}
          </>,
        ]}
      />
      {list.data && items.length === 0 && <Text c="dimmed">暂无待办</Text>}
    </Stack>
  );
}
