// 养老服务设施 list: filters, paging, the rectifications that are due across all facilities, and "新增设施".
import { Alert, Anchor, Badge, Button, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { FACILITY_TYPES, type FacilityStatusValue, type InspectionView } from '../../../shared/api/stations';
import { label, labelOptions } from '../../../shared/labels';
import { hashQuery, navigate, replaceHashQuery } from '../../lib/router';
import { useCall } from '../../lib/useCall';
import { DueDate, Pager, searchText, useListing, FilterBadge, PagedTable } from '../../lib/listing';
import { FacilityForm } from './FacilityForm';

export const statusColor: Record<FacilityStatusValue, string> = {
  building: 'yellow',
  operating: 'green',
  closed: 'gray',
};

/** Open rectifications: the facility, what was found and the deadline. */
function Rectifications(props: { rows: InspectionView[] }) {
  return (
    <Table aria-label="待整改的安全隐患">
      <Table.Tbody>
        {props.rows.map((i) => (
          <Table.Tr key={i.id}>
            <Table.Td>
              <Anchor href={`#/stations/facilities/${i.facilityId}`}>{i.facilityName}</Anchor>
            </Table.Td>
            <Table.Td>{i.findings}</Table.Td>
            <Table.Td>
              <DueDate on={i.rectifyBy} overdue={i.overdue} badge="已逾期">
                整改期限{' '}
              </DueDate>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function FacilityList() {
  // ?rectify=1 (the 工作台's 待整改 row): only the open rectifications, every one of them, page by page.
  const l = useListing({
    type: null as string | null,
    status: null as string | null,
    q: '',
    rectify: hashQuery().get('rectify') === '1',
  });
  const { type, status, rectify } = l.filters;
  useEffect(() => replaceHashQuery({ rectify: rectify ? '1' : undefined }), [rectify]);
  const [creating, setCreating] = useState(false);
  const list = useCall('stations.facilities.list', {
    ...l.paging,
    ...(type ? { type: type as (typeof FACILITY_TYPES)[number] } : {}),
    ...(status ? { status: status as FacilityStatusValue } : {}),
    ...searchText(l.filters.q),
  });
  const due = useCall('stations.inspections.due', rectify ? l.paging : { limit: 10 });

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>养老服务设施</Title>
        <Button onClick={() => setCreating(true)}>新增设施</Button>
      </Group>
      {!rectify && due.data && due.data.total > 0 && (
        <Alert
          color="orange"
          title={
            <Anchor component="button" type="button" onClick={() => l.set('rectify', true)}>
              待整改的安全隐患 {due.data.total} 项
            </Anchor>
          }
        >
          <Rectifications rows={due.data.rows} />
        </Alert>
      )}
      {rectify ? (
        <>
          <Group>
            <FilterBadge clearLabel="清除待整改筛选" onClear={() => l.set('rectify', false)}>
              只看待整改的安全隐患{due.data ? `：${due.data.total} 项` : ''}
            </FilterBadge>
          </Group>
          <Rectifications rows={due.data?.rows ?? []} />
          {due.data?.total === 0 && <Text c="dimmed">没有待整改的安全隐患</Text>}
          <Pager listing={l} total={due.data?.total} />
        </>
      ) : (
        <>
          <Group>
            <Select data={labelOptions('facilityType')} {...l.choice('type', '设施类型筛选', '全部类型')} />
            <Select data={labelOptions('facilityStatus')} {...l.choice('status', '状态筛选', '全部状态')} />
            <TextInput placeholder="名称、运营方或地址" aria-label="搜索设施" {...l.text('q')} />
          </Group>
          <PagedTable
            listing={l}
            empty="没有符合条件的设施"
            highlightOnHover
            head={['设施名称', '类型', '村(社区)', '运营方', '状态', '床位（在住/总数）', '评级', '待整改']}
            page={list.data}
            rowKey={(f) => f.id}
            rowProps={(f) => ({
              style: { cursor: 'pointer' },
              onClick: () => navigate(`/stations/facilities/${f.id}`),
            })}
            cells={(f) => [
              <Anchor href={`#/stations/facilities/${f.id}`}>{f.name}</Anchor>,
              label('facilityType', f.type),
              f.villageName ?? '—',
              f.operatorName,
              <Badge color={statusColor[f.status]} variant="light">
                {label('facilityStatus', f.status)}
              </Badge>,
              <>
                {f.bedsOccupied}/{f.bedsTotal}
              </>,
              f.rating ?? '—',
              f.openRectifications > 0 ? (
                <Badge color={f.overdueRectifications > 0 ? 'red' : 'orange'}>{f.openRectifications}</Badge>
              ) : (
                '—'
              ),
            ]}
          />
        </>
      )}
      {creating && (
        <FacilityForm
          facility={null}
          opened
          onClose={() => setCreating(false)}
          onSaved={(f) => {
            setCreating(false);
            navigate(`/stations/facilities/${f.id}`);
          }}
        />
      )}
    </Stack>
  );
}
