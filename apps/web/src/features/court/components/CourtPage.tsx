import { useQuery } from '@tanstack/react-query';
import { Alert, Input, Segmented, Tag, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { CourtQueueItem } from '@tiaojie/contracts';
import { PageHeading } from '../../../components/ui/PageHeading';
import { PageLoader } from '../../../components/ui/PageLoader';
import { Panel } from '../../../components/ui/Panel';
import { QueueTable } from '../../../components/ui/QueueTable';
import { translateError } from '../../../lib/form-errors';
import '../../../locales/confirmation';
import '../../../locales/court';
import '../../../locales/case';
import { confirmationKeys, fetchCourtQueue } from '../../confirmation/api/confirmation-api';
import { CourtNav } from './CourtNav';
import './court.css';

const at = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm');

/** The date the queue is waiting for: acceptance (submitted) or the ruling (accepted), R33. */
export function dueOf(item: CourtQueueItem): string | null {
  return item.status === 'submitted' ? item.deadlines.acceptBy : item.status === 'accepted' ? item.deadlines.ruleBy : null;
}

function byDue(a: CourtQueueItem, b: CourtQueueItem): number {
  const at = dueOf(a);
  const bt = dueOf(b);
  const x = at ? Date.parse(at) : Number.POSITIVE_INFINITY;
  const y = bt ? Date.parse(bt) : Number.POSITIVE_INFINITY;
  return x === y ? 0 : x < y ? -1 : 1;
}

/**
 * `/court`: the confirmation queue of the viewer's court as a table at laptop width (issue
 * #11): search by case number or party, filter by status, nearest R33 deadline first.
 */
export default function CourtPage() {
  const { t } = useTranslation('court');
  const { t: tc } = useTranslation('confirmation');
  const { t: tcase } = useTranslation('case');
  const [scope, setScope] = useState<'open' | 'all'>('open');
  const [q, setQ] = useState('');
  const queue = useQuery({ queryKey: confirmationKeys.queue(scope), queryFn: () => fetchCourtQueue(scope) });
  const needle = q.trim().toLowerCase();
  const rows = (queue.data ?? []).filter((item) => !needle || (item.caseNumber ?? '').toLowerCase().includes(needle) || item.parties.some((p) => p.toLowerCase().includes(needle)));
  const statuses = [...new Set((queue.data ?? []).map((item) => item.status))];
  const columns: TableColumnsType<CourtQueueItem> = [
    {
      key: 'parties',
      title: t('queue.parties'),
      render: (_, item) => (
        <Link to={`/court/confirmations/${item.id}`} data-testid="court-queue-open">
          <strong>{item.parties.join(' / ')}</strong>
        </Link>
      ),
    },
    { key: 'number', title: t('queue.caseNumber'), sorter: (a, b) => (a.caseNumber ?? '').localeCompare(b.caseNumber ?? ''), render: (_, item) => item.caseNumber ?? '—' },
    { key: 'type', title: t('queue.type'), render: (_, item) => tcase(`disputeTypes.${item.disputeType}`) },
    {
      key: 'status',
      title: t('queue.status'),
      filters: statuses.map((value) => ({ value, text: tc(`status.${value}`) })),
      onFilter: (value, item) => item.status === value,
      render: (_, item) => <Tag>{tc(`status.${item.status}`)}</Tag>,
    },
    {
      key: 'deadline',
      title: t('queue.deadline'),
      sorter: byDue,
      defaultSortOrder: 'ascend',
      sortDirections: ['ascend', 'descend'],
      render: (_, item) => <QueueDeadline item={item} />,
    },
  ];
  return (
    <div className="page court-page" data-testid="court-page">
      <PageHeading testId="court-heading">{t('title')}</PageHeading>
      <CourtNav />
      <Panel
        className="wide-on-laptop"
        title={t('queue.title')}
        extra={
          <Segmented
            size="small"
            value={scope}
            onChange={(v) => setScope(v as 'open' | 'all')}
            options={[
              { value: 'open', label: t('queue.open') },
              { value: 'all', label: t('queue.all') },
            ]}
          />
        }
      >
        <Input.Search
          allowClear
          placeholder={t('queue.search')}
          maxLength={50}
          onSearch={setQ}
          onChange={(event) => !event.target.value && setQ('')}
          className="court-queue-search"
          data-testid="court-queue-search"
        />
        {queue.isPending && <PageLoader />}
        {queue.isError && <Alert type="error" showIcon title={translateError(queue.error)} />}
        {queue.data && rows.length === 0 && (
          <p className="muted" data-testid="court-queue-empty">
            {t('queue.empty')}
          </p>
        )}
        {queue.data && rows.length > 0 && (
          <QueueTable<CourtQueueItem>
            rowKey="id"
            columns={columns}
            rows={rows}
            scrollX={800}
            testId="court-queue"
            rowData={(item) => ({ 'data-testid': 'court-queue-item', 'data-status': item.status, 'data-case-id': item.caseId })}
          />
        )}
      </Panel>
    </div>
  );
}

function QueueDeadline({ item }: { item: CourtQueueItem }) {
  const { t } = useTranslation('court');
  const due = dueOf(item);
  return (
    <>
      {due ? (
        <div className={item.deadlines.overdue ? 'court-overdue' : 'muted'} data-testid="court-queue-deadline">
          {t(item.status === 'submitted' ? 'deadline.acceptBy' : 'deadline.ruleBy', { date: at(due) })}
          {item.deadlines.extended ? t('deadline.extended') : ''}
          {item.deadlines.overdue && <Tag color="red">{t('queue.overdue')}</Tag>}
        </div>
      ) : (
        '—'
      )}
      {item.openSupplements > 0 && <div className="muted">{t('queue.supplementsOpen', { count: item.openSupplements })}</div>}
    </>
  );
}
