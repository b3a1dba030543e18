import type { HTMLAttributes } from 'react';
import { Table, type TableColumnsType, type TableProps } from 'antd';

interface QueueTableProps<T> {
  rowKey: TableProps<T>['rowKey'];
  columns: TableColumnsType<T>;
  rows: T[];
  /** How wide the table may grow before it scrolls sideways. */
  scrollX: number;
  testId: string;
  /** The data-* attributes of each row (its test id and what the browser journeys read). */
  rowData: (row: T) => Record<`data-${string}`, string | number | undefined>;
}

/** A work queue drawn as one unpaged table, sorted by its column headers. */
export function QueueTable<T extends object>({ rowKey, columns, rows, scrollX, testId, rowData }: QueueTableProps<T>) {
  const onRow = (row: T) => rowData(row) as HTMLAttributes<HTMLTableRowElement>;
  const layout = { className: 'queue-table', size: 'middle', pagination: false, showSorterTooltip: false } as const;
  return <Table<T> {...layout} rowKey={rowKey} columns={columns} dataSource={rows} scroll={{ x: scrollX }} data-testid={testId} onRow={onRow} />;
}
