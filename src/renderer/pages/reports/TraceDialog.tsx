// The records behind one figure (追溯): cases or persons, page by page, ID numbers masked.
import { Group, Modal, Pagination, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import type { InputOf } from '../../../shared/api/contract';
import type { Api } from '../../../shared/api';
import { label } from '../../../shared/labels';
import { useCall } from '../../lib/useCall';
import { yuan } from './util';

export type TraceQuery = Omit<InputOf<Api['reports.trace']>, 'offset' | 'limit'>;

const PAGE = 50;

export function TraceDialog({ query, title, onClose }: { query: TraceQuery; title: string; onClose: () => void }) {
  const [page, setPage] = useState(1);
  const { data, loading, error } = useCall('reports.trace', { ...query, offset: (page - 1) * PAGE, limit: PAGE });
  return (
    <Modal opened onClose={onClose} title={title} size="xl">
      <Stack>
        {error && <Text c="red">{error.message}</Text>}
        {loading && !data && <Text c="dimmed">正在查询……</Text>}
        {data && (
          <>
            <Group justify="space-between">
              <Text size="sm">
                共 {data.total} {data.kind === 'persons' ? '人' : '条'}
                {data.kind === 'cases' && data.sumFen !== null ? `，金额合计 ${yuan(data.sumFen)}` : ''}
              </Text>
            </Group>
            {data.kind === 'persons' ? (
              <Table striped aria-label="追溯明细">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>姓名</Table.Th>
                    <Table.Th>身份证号</Table.Th>
                    <Table.Th>性别</Table.Th>
                    <Table.Th>出生年份</Table.Th>
                    <Table.Th>证号</Table.Th>
                    <Table.Th>村(社区)</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.rows.map((r) => (
                    <Table.Tr key={r.personId}>
                      <Table.Td>{r.name}</Table.Td>
                      <Table.Td>{r.idNumber}</Table.Td>
                      <Table.Td>{label('sex', r.sex)}</Table.Td>
                      <Table.Td>{r.birthYear}</Table.Td>
                      <Table.Td>{r.caseNo ?? ''}</Table.Td>
                      <Table.Td>{r.villageName}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            ) : (
              <Table striped aria-label="追溯明细">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>证号</Table.Th>
                    <Table.Th>户主/对象</Table.Th>
                    <Table.Th>身份证号</Table.Th>
                    <Table.Th>村(社区)</Table.Th>
                    <Table.Th>人数</Table.Th>
                    <Table.Th>金额</Table.Th>
                    <Table.Th>起止月份</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.rows.map((r) => (
                    <Table.Tr key={r.caseId}>
                      <Table.Td>
                        <a href={`#/cases/case/${r.caseId}`}>{r.caseNo ?? '（无证号）'}</a>
                      </Table.Td>
                      <Table.Td>{r.headName}</Table.Td>
                      <Table.Td>{r.headId}</Table.Td>
                      <Table.Td>{r.villageName}</Table.Td>
                      <Table.Td>{r.persons}</Table.Td>
                      <Table.Td>{yuan(r.amountFen)}</Table.Td>
                      <Table.Td>
                        {r.startMonth ?? ''} — {r.stopMonth ?? ''}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            {data.total > PAGE && (
              <Pagination total={Math.ceil(data.total / PAGE)} value={page} onChange={setPage} aria-label="翻页" />
            )}
          </>
        )}
      </Stack>
    </Modal>
  );
}
