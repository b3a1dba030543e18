import { Alert, Button, Empty, Skeleton, Tag, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { CaseSummary } from '@tiaojie/contracts';
import { CaseStateTag } from '../../../components/case/CaseStateTag';
import { DeadlineCountdown } from '../../../components/case/DeadlineCountdown';
import { QueueTable } from '../../../components/ui/QueueTable';
import { translateError } from '../../../lib/form-errors';
import '../../../locales/case';
import { useCaseQueue, type QueueQuery } from '../hooks/useCaseQueue';

/** Nearest deadline first; cases without one last. */
export function byDeadline(a: CaseSummary, b: CaseSummary): number {
  const at = a.nextDeadline ? Date.parse(a.nextDeadline.dueAt) : Number.POSITIVE_INFINITY;
  const bt = b.nextDeadline ? Date.parse(b.nextDeadline.dueAt) : Number.POSITIVE_INFINITY;
  return at === bt ? 0 : at < bt ? -1 : 1;
}

/**
 * A staff queue as a table at laptop width (issue #11): number, state, kind, parties,
 * organisation and mediator, and the nearest deadline — sorted by it by default, sortable
 * by number and state too. Search and filters sit above it (StaffQueues); "load more" below.
 * Staff pages only: citizens keep the card list of CaseQueue (and its smaller bundle).
 */
export function CaseQueueTable({ query, emptyText, testId }: { query: QueueQuery; emptyText: string; testId: string }) {
  const { t } = useTranslation(['home', 'case']);
  const queue = useCaseQueue(query);
  if (queue.isPending) return <Skeleton active />;
  if (queue.isError) return <Alert type="error" showIcon title={translateError(queue.error)} />;
  const items = queue.data.pages.flatMap((page) => page.items);
  if (!items.length) return <Empty description={emptyText} image={Empty.PRESENTED_IMAGE_SIMPLE} data-testid={`${testId}-empty`} />;

  const columns: TableColumnsType<CaseSummary> = [
    {
      key: 'number',
      title: t('queue.columns.number'),
      sorter: (a, b) => (a.number ?? '').localeCompare(b.number ?? ''),
      render: (_, item) => (
        <Link to={item.state === 'DRAFT' ? `/cases/${item.id}/edit` : `/cases/${item.id}`} data-testid="case-item-link">
          {item.number ?? t('case:draft')}
        </Link>
      ),
    },
    {
      key: 'state',
      title: t('queue.state'),
      sorter: (a, b) => a.state.localeCompare(b.state),
      render: (_, item) => (
        <span className="queue-table-state">
          <CaseStateTag state={item.state} />
          {!!item.pendingMediatorChanges && (
            <Tag color="orange" data-testid="case-item-mediator-changes">
              {t('queue.mediatorChanges', { count: item.pendingMediatorChanges })}
            </Tag>
          )}
        </span>
      ),
    },
    { key: 'type', title: t('queue.columns.type'), render: (_, item) => t(`case:disputeTypes.${item.disputeType}`) },
    { key: 'parties', title: t('queue.columns.parties'), render: (_, item) => [item.applicantName, ...item.respondentNames].filter(Boolean).join(' / ') },
    {
      key: 'handler',
      title: t('queue.columns.handler'),
      render: (_, item) => [item.organisationName, item.mediatorNames.join('、')].filter(Boolean).join(' · ') || '—',
    },
    {
      key: 'deadline',
      title: t('queue.columns.deadline'),
      sorter: byDeadline,
      defaultSortOrder: 'ascend',
      sortDirections: ['ascend', 'descend'],
      render: (_, item) => (item.nextDeadline ? <DeadlineCountdown deadline={item.nextDeadline} testId="case-item-deadline" /> : '—'),
    },
  ];

  return (
    <>
      <QueueTable<CaseSummary>
        rowKey="id"
        columns={columns}
        rows={items}
        scrollX={900}
        testId={testId}
        rowData={(item) => ({ 'data-testid': 'case-item', 'data-state': item.state, 'data-number': item.number ?? '', 'data-id': item.id })}
      />
      {queue.hasNextPage && (
        <Button block onClick={() => void queue.fetchNextPage()} loading={queue.isFetchingNextPage} data-testid={`${testId}-more`}>
          {t('queue.loadMore')}
        </Button>
      )}
    </>
  );
}
