// A list that pages through the core: its filters and the page shown. Changing a filter goes back to the first
// page; `paging` is the `{ offset, limit }` the list methods take; `Pager` shows the page numbers when there is more
// than one page.
import { Badge, CloseButton, Pagination, Select, Text, type SelectProps } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { DataTable, type DataTableProps } from '../components/DataTable';
import { bindCheck, bindText } from './bind';
import { useCall } from './useCall';

export function useListing<F extends Record<string, unknown>>(initial: F, size = 20) {
  const [filters, setFilters] = useState(initial);
  const [page, setPage] = useState(1);
  function set<K extends keyof F>(key: K, value: F[K]) {
    setFilters((f) => ({ ...f, [key]: value }));
    setPage(1);
  }
  /** The value and change handler of a Select bound to a filter. */
  const select = <K extends keyof F>(key: K) => ({
    value: filters[key] as string | null,
    onChange: (v: string | null) => set(key, v as F[K]),
  });
  /** A clearable Select filter: its accessible name, what it shows when cleared ('全部…'), value and handler. */
  const choice = <K extends keyof F>(key: K, name: string, all: string) => ({
    'aria-label': name,
    placeholder: all,
    clearable: true,
    ...select(key),
  });
  /** The value and change handler of a text input bound to a filter. */
  const text = <K extends keyof F>(key: K) => bindText(filters[key] as string, (v) => set(key, v as F[K]));
  /** The checked state and change handler of a switch bound to a filter. */
  const check = <K extends keyof F>(key: K) => bindCheck(filters[key] as boolean, (v) => set(key, v as F[K]));
  return {
    filters,
    set,
    select,
    choice,
    text,
    check,
    page,
    setPage,
    size,
    paging: { offset: (page - 1) * size, limit: size },
  };
}

export type Listing = Pick<ReturnType<typeof useListing>, 'page' | 'setPage' | 'size'>;

/** The page numbers under a list, when its rows take more than one page. */
export function Pager(props: { listing: Listing; total: number | undefined; 'aria-label'?: string }) {
  const { listing, total } = props;
  if (total === undefined || total <= listing.size) return null;
  return (
    <Pagination
      total={Math.ceil(total / listing.size)}
      value={listing.page}
      onChange={listing.setPage}
      aria-label={props['aria-label']}
    />
  );
}

/**
 * One page of a paged list: its rows in a (striped) DataTable, `empty` said when nothing matches, and the page
 * numbers when there is more than one page.
 */
export function PagedTable<T>(
  props: Omit<DataTableProps<T>, 'rows' | 'empty'> & {
    listing: Listing;
    /** The list method's answer: a page of rows and how many there are in all. */
    page: { rows: readonly T[]; total: number } | undefined;
    empty?: string;
  },
) {
  const { listing, page, empty, ...table } = props;
  return (
    <>
      <DataTable striped {...table} rows={page?.rows} empty={empty && <Text c="dimmed">{empty}</Text>} />
      <Pager listing={listing} total={page?.total} />
    </>
  );
}

/** A trimmed search text as a list method's `q`, or nothing when it is blank. */
export const searchText = (q: string): { q?: string } => (q.trim() ? { q: q.trim() } : {});

/** The township's villages as choices (`active`: only those still in use, for choosing where a record belongs). */
export function useVillageOptions(active = false): { value: string; label: string }[] {
  const villages = useCall('villages.list', {});
  return (villages.data ?? []).filter((v) => !active || v.active).map((v) => ({ value: v.id, label: v.name }));
}

/** A list's 村(社区) filter: the township's villages (`active`: only those in use), clearable and searchable. */
export function VillageFilter(
  props: Omit<SelectProps, 'data' | 'value' | 'onChange'> & {
    value: string | null | undefined;
    onChange: (v: string | null) => void;
    active?: boolean;
  },
) {
  const { active, value, ...select } = props;
  const villages = useVillageOptions(active);
  return <Select label="村(社区)" clearable searchable w={200} data={villages} value={value ?? null} {...select} />;
}

/** A due date (`children` before it) and, when it has passed, a red badge (“逾期” unless `badge` says otherwise). */
export function DueDate(props: {
  on: string | null | undefined;
  overdue: boolean;
  badge?: string;
  children?: ReactNode;
}) {
  return (
    <>
      {props.children}
      {props.on ?? '—'}
      {props.overdue && (
        <>
          {' '}
          <Badge color="red" size="sm">
            {props.badge ?? '逾期'}
          </Badge>
        </>
      )}
    </>
  );
}

/** A filter a link opened the list with (a 工作台 row's), shown as a badge the clerk can clear. */
export function FilterBadge(props: { clearLabel: string; onClear: () => void; children: ReactNode }) {
  return (
    <Badge
      size="lg"
      variant="light"
      rightSection={<CloseButton size="xs" aria-label={props.clearLabel} onClick={props.onClear} />}
    >
      {props.children}
    </Badge>
  );
}
