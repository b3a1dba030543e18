import { useQuery } from '@tanstack/react-query';
import { Alert, Segmented, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { CourtQueueItem } from '@tiaojie/contracts';
import { PageHeading } from '../../../components/ui/PageHeading';
import { PageLoader } from '../../../components/ui/PageLoader';
import { Panel } from '../../../components/ui/Panel';
import { translateError } from '../../../lib/form-errors';
import '../../../locales/confirmation';
import '../../../locales/court';
import '../../../locales/case';
import { confirmationKeys, fetchCourtQueue } from '../../confirmation/api/confirmation-api';
import { CourtNav } from './CourtNav';
import './court.css';

const at = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm');

/** `/court`: the confirmation queue of the viewer's court, nearest R33 deadline first. */
export default function CourtPage() {
  const { t } = useTranslation('court');
  const [scope, setScope] = useState<'open' | 'all'>('open');
  const queue = useQuery({ queryKey: confirmationKeys.queue(scope), queryFn: () => fetchCourtQueue(scope) });
  return (
    <div className="page court-page" data-testid="court-page">
      <PageHeading testId="court-heading">{t('title')}</PageHeading>
      <CourtNav />
      <Panel
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
        {queue.isPending && <PageLoader />}
        {queue.isError && <Alert type="error" showIcon title={translateError(queue.error)} />}
        {queue.data && queue.data.length === 0 && <p className="muted" data-testid="court-queue-empty">{t('queue.empty')}</p>}
        {queue.data && queue.data.length > 0 && (
          <ul className="court-queue" data-testid="court-queue">
            {queue.data.map((item) => (
              <QueueRow key={item.id} item={item} />
            ))}
          </ul>
        )}
      </Panel>
    </div>
  );
}

export function QueueRow({ item }: { item: CourtQueueItem }) {
  const { t } = useTranslation('court');
  const { t: tc } = useTranslation('confirmation');
  const { t: tcase } = useTranslation('case');
  const due = item.status === 'submitted' ? item.deadlines.acceptBy : item.status === 'accepted' ? item.deadlines.ruleBy : null;
  return (
    <li className="court-queue-item" data-testid="court-queue-item" data-status={item.status} data-case-id={item.caseId}>
      <Link to={`/court/confirmations/${item.id}`} data-testid="court-queue-open">
        <strong>{item.parties.join(' / ')}</strong>
      </Link>
      <div>
        <Tag>{tc(`status.${item.status}`)}</Tag> <span className="muted">{item.caseNumber} · {tcase(`disputeTypes.${item.disputeType}`)}</span>
      </div>
      {due && (
        <div className={item.deadlines.overdue ? 'court-overdue' : 'muted'} data-testid="court-queue-deadline">
          {t(item.status === 'submitted' ? 'deadline.acceptBy' : 'deadline.ruleBy', { date: at(due) })}
          {item.deadlines.extended ? t('deadline.extended') : ''}
          {item.deadlines.overdue && <Tag color="red">{t('queue.overdue')}</Tag>}
        </div>
      )}
      {item.openSupplements > 0 && <div className="muted">{t('queue.supplementsOpen', { count: item.openSupplements })}</div>}
    </li>
  );
}
