import { Alert, Tag, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ComplaintView } from '@tiaojie/contracts';
import { isComplaintOpen } from '@tiaojie/domain';
import { ListTable } from '../../../components/ui/ListTable';
import { PageHeading } from '../../../components/ui/PageHeading';
import { Panel } from '../../../components/ui/Panel';
import { translateError } from '../../../lib/form-errors';
import '../../../locales/complaints';
import { useComplaintList } from '../hooks/useComplaints';
import { ComplaintStatusTag } from './ComplaintStatusTag';

/** The deadline that applies now: taking it up while received, else the decision. */
export const currentDeadline = (c: ComplaintView) => (c.status === 'received' ? c.acknowledgeBy : c.decideBy);

/**
 * `/org/complaints` (R38): the organisation admin's queue (and the supervisor's escalated
 * ones) — status, deadline, sorted by the deadline that applies now, open ones first.
 */
export default function ComplaintQueuePage() {
  const { t } = useTranslation('complaints');
  const list = useComplaintList('queue');
  const columns: TableColumnsType<ComplaintView> = [
    { title: t('queue.filedAt'), dataIndex: 'filedAt', render: (v: string) => dayjs(v).format('YYYY-MM-DD'), sorter: (a, b) => a.filedAt.localeCompare(b.filedAt) },
    { title: t('queue.subject'), key: 'subject', render: (_, c) => c.mediatorName ?? c.organisationName },
    { title: t('queue.ground'), dataIndex: 'ground', render: (g: string) => t(`grounds.${g}`), sorter: (a, b) => a.ground.localeCompare(b.ground) },
    { title: t('queue.status'), key: 'status', render: (_, c) => <ComplaintStatusTag complaint={c} />, sorter: (a, b) => a.status.localeCompare(b.status) },
    {
      title: t('queue.deadline'),
      key: 'deadline',
      defaultSortOrder: 'ascend',
      sorter: (a, b) => Number(!isComplaintOpen(a.status)) - Number(!isComplaintOpen(b.status)) || currentDeadline(a).localeCompare(currentDeadline(b)),
      render: (_, c) =>
        isComplaintOpen(c.status) ? (
          <span data-testid="complaint-deadline">
            {dayjs(currentDeadline(c)).format('YYYY-MM-DD HH:mm')} {c.escalatedAt && <Tag color="red">{t('queue.escalated')}</Tag>}
          </span>
        ) : (
          '—'
        ),
    },
    {
      title: '',
      key: 'open',
      render: (_, c) => (
        <Link to={`/complaints/${c.id}`} data-testid="complaint-queue-open">
          {t('queue.open')}
        </Link>
      ),
    },
  ];
  return (
    <div className="page" data-testid="complaint-queue-page">
      <PageHeading testId="complaint-queue-heading">{t('queue.title')}</PageHeading>
      {list.isError && <Alert type="error" showIcon title={translateError(list.error)} />}
      <Panel>
        <ListTable<ComplaintView>
          rowKey="id"
          query={list}
          columns={columns}
          emptyText={t('queue.empty')}
          rowData={(c) => ({ 'data-testid': 'complaint-queue-row', 'data-id': c.id, 'data-status': c.status })}
        />
      </Panel>
    </div>
  );
}
