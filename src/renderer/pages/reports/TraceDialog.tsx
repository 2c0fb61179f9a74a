// The records behind one figure (追溯): cases or persons, page by page, ID numbers masked. The clerk narrows the list
// to a village or searches a name or an ID number's tail, and exports what is listed (masked, journalled). The page
// keeps the figure, the filter and the page in its address, so Back from a case opened here reopens the same list.
import { Button, Group, Modal, Pagination, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import type { InputOf } from '../../../shared/api/contract';
import type { Api } from '../../../shared/api';
import type { TraceFilter } from '../../../shared/api/reports';
import { label } from '../../../shared/labels';
import { call } from '../../api';
import { downloadBase64 } from '../../lib/download';
import { notifyError, notifyOk } from '../../lib/notify';
import { useCall } from '../../lib/useCall';
import { yuan } from './util';
import { DataTable } from '../../components/DataTable';
import { VillageFilter } from '../../lib/listing';
import { bindText } from '../../lib/bind';

export type TraceQuery = Omit<InputOf<Api['reports.trace']>, 'offset' | 'limit' | 'filter'>;

/** What the dialog shows: the figure, the clerk's filter and the page (kept in the address by the report page). */
export interface TraceState {
  query: TraceQuery;
  title: string;
  filter?: TraceFilter;
  page?: number;
}

const PAGE = 50;

export function TraceDialog({
  state,
  onChange,
  onClose,
}: {
  state: TraceState;
  onChange: (s: TraceState) => void;
  onClose: () => void;
}) {
  const { query, title } = state;
  const page = state.page ?? 1;
  const villageId = state.filter?.villageId ?? null;
  const [search, setSearch] = useState(state.filter?.search ?? '');
  const [searched] = useDebouncedValue(search.trim(), 300);
  const [exporting, setExporting] = useState(false);
  const filter: TraceFilter = {
    ...(villageId ? { villageId } : {}),
    ...(state.filter?.search ? { search: state.filter.search } : {}),
  };
  const setFilter = (next: TraceFilter) => {
    const kept: TraceFilter = {
      ...(next.villageId ? { villageId: next.villageId } : {}),
      ...(next.search ? { search: next.search } : {}),
    };
    onChange({ ...state, filter: kept, page: 1 });
  };
  // The search applies once the clerk pauses typing.
  useEffect(() => {
    if ((state.filter?.search ?? '') !== searched) setFilter({ ...filter, search: searched });
  }, [searched]);
  const { data, loading, error } = useCall('reports.trace', {
    ...query,
    ...(Object.keys(filter).length ? { filter } : {}),
    offset: (page - 1) * PAGE,
    limit: PAGE,
  });
  const narrowed = Object.keys(filter).length > 0;

  const exportRows = async () => {
    setExporting(true);
    try {
      const f = await call('reports.traceExport', {
        ...query,
        ...(narrowed ? { filter } : {}),
        title,
      });
      downloadBase64(f.name, f.mime, f.dataBase64);
      notifyOk(`已导出 ${f.rows} 条（身份证号码已遮挡）：${f.name}`);
    } catch (e) {
      notifyError(e, '未导出');
    } finally {
      setExporting(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={title} size="xl">
      <Stack>
        <Group align="flex-end">
          <VillageFilter
            placeholder="全部村(社区)"
            value={villageId}
            onChange={(v) => setFilter({ ...filter, villageId: v ?? undefined })}
          />
          <TextInput
            label="搜索"
            placeholder="姓名、拼音首字母或身份证号后几位"
            {...bindText(search, setSearch)}
            w={280}
          />
          <Button
            variant="light"
            onClick={() => void exportRows()}
            loading={exporting}
            disabled={!data || data.total === 0}
          >
            导出所列记录
          </Button>
        </Group>
        {error && <Text c="red">{error.message}</Text>}
        {loading && !data && <Text c="dimmed">正在查询……</Text>}
        {data && (
          <>
            <Group justify="space-between">
              <Text size="sm">
                {narrowed ? '筛选后' : ''}共 {data.total} {data.kind === 'persons' ? '人' : '条'}
                {data.kind === 'cases' && data.sumFen !== null ? `，金额合计 ${yuan(data.sumFen)}` : ''}
              </Text>
            </Group>
            {data.kind === 'persons' ? (
              <DataTable
                striped
                aria-label="追溯明细"
                head={['姓名', '身份证号', '性别', '出生年份', '证号', '村(社区)']}
                rows={data.rows}
                rowKey={(r) => r.personId}
                cells={(r) => [r.name, r.idNumber, label('sex', r.sex), r.birthYear, r.caseNo ?? '', r.villageName]}
              />
            ) : (
              <DataTable
                striped
                aria-label="追溯明细"
                head={['证号', '户主/对象', '身份证号', '村(社区)', '人数', '金额', '起止月份']}
                rows={data.rows}
                rowKey={(r) => r.caseId}
                cells={(r) => [
                  <a href={`#/cases/case/${r.caseId}`}>{r.caseNo ?? '（无证号）'}</a>,
                  r.headName,
                  r.headId,
                  r.villageName,
                  r.persons,
                  yuan(r.amountFen),
                  `${r.startMonth ?? ''} — ${r.stopMonth ?? ''}`,
                ]}
              />
            )}
            {data.total === 0 && narrowed && <Text c="dimmed">没有符合筛选条件的记录</Text>}
            {data.total > PAGE && (
              <Pagination
                total={Math.ceil(data.total / PAGE)}
                value={page}
                onChange={(p) => onChange({ ...state, page: p })}
                aria-label="翻页"
              />
            )}
          </>
        )}
      </Stack>
    </Modal>
  );
}
