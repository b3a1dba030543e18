import type { HTMLAttributes, ReactNode } from 'react';
import { Table, type TableColumnsType, type TableProps } from 'antd';

interface ListTableProps<T> {
  rowKey: TableProps<T>['rowKey'];
  /** The query of the list: the table spins while it is pending. */
  query: { isPending: boolean; data?: T[] };
  columns: TableColumnsType<T>;
  emptyText?: ReactNode;
  /** The data-* attributes of each row (its test id and what the browser journeys read). */
  rowData?: (row: T) => Record<`data-${string}`, string | number | undefined>;
}

/** A small table of a fetched list, 20 rows a page, scrolling sideways on a phone. */
export function ListTable<T extends object>({ rowKey, query, columns, emptyText, rowData }: ListTableProps<T>) {
  return (
    <Table<T>
      rowKey={rowKey}
      size="small"
      loading={query.isPending}
      dataSource={query.data ?? []}
      columns={columns}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      scroll={{ x: true }}
      locale={emptyText === undefined ? undefined : { emptyText }}
      onRow={rowData && ((row) => rowData(row) as HTMLAttributes<HTMLTableRowElement>)}
    />
  );
}
