// One table of records: a header row and a row per record, each row's cells in the order of the header. A column
// whose header is `false` is left out together with its cells (a column only some roles see). Without `head`, rows only.
import { Table, type TableProps, type TableTdProps, type TableTrProps } from '@mantine/core';
import type { ReactNode } from 'react';

export interface DataTableProps<T> extends Omit<TableProps, 'children'> {
  /** The header row; none when absent (a list whose cells say what they are). */
  head?: (ReactNode | false)[];
  rows: readonly T[] | undefined;
  rowKey: (row: T, index: number) => string | number;
  cells: (row: T, index: number) => ReactNode[];
  rowProps?: (row: T, index: number) => TableTrProps;
  /** Props of every cell in a column, by the column's place in `head`. */
  columnProps?: (TableTdProps | undefined)[];
  /** Shown below the table when the rows have come and there are none. */
  empty?: ReactNode;
  /** No table at all (only `empty`) when there are no rows. */
  hideEmpty?: boolean;
  /** Rows after the records (a total). */
  foot?: ReactNode;
}

export function DataTable<T>(props: DataTableProps<T>) {
  const { head, rows, rowKey, cells, rowProps, columnProps, empty, hideEmpty, foot, ...table } = props;
  const none = rows !== undefined && rows.length === 0;
  if (hideEmpty && (none || rows === undefined)) return none ? <>{empty}</> : null;
  const shown = (head ?? []).map((h) => h !== false);
  return (
    <>
      <Table {...table}>
        {head && (
          <Table.Thead>
            <Table.Tr>{head.map((h, j) => h !== false && <Table.Th key={j}>{h}</Table.Th>)}</Table.Tr>
          </Table.Thead>
        )}
        <Table.Tbody>
          {(rows ?? []).map((r, i) => (
            <Table.Tr key={rowKey(r, i)} {...rowProps?.(r, i)}>
              {cells(r, i).map(
                (c, j) =>
                  shown[j] !== false && (
                    <Table.Td key={j} {...columnProps?.[j]}>
                      {c}
                    </Table.Td>
                  ),
              )}
            </Table.Tr>
          ))}
          {foot}
        </Table.Tbody>
      </Table>
      {none && empty}
    </>
  );
}
