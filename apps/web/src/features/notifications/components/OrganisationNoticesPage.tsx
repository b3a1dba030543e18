import { useState } from 'react';
import { Alert, Button, Empty, message } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { DeliveryView } from '@tiaojie/contracts';
import { NativeSelect } from '../../../components/ui/NativeSelect';
import { PageHeading } from '../../../components/ui/PageHeading';
import { PageLoader } from '../../../components/ui/PageLoader';
import { Panel } from '../../../components/ui/Panel';
import { isApiError } from '../../../lib/api';
import { describeApiError, translateError } from '../../../lib/form-errors';
import { useSession } from '../../../lib/session';
import '../../../locales/notices';
import '../../../locales/noticePages';
import type { NoticeFilter } from '../api/notifications-api';
import { useMarkNoticeDelivered, useOrganisationNotices, useRetryNotice } from '../hooks/useNotificationSettings';
import { DeliveryLine } from './DeliveryLine';
import { templateName } from './delivery-text';
import './notifications.css';

const FILTERS: NoticeFilter[] = ['attention', 'failed', 'unknown', 'pending', 'sending', 'queued', 'sent'];

function NoticeItem({ notice, onRetry, retrying, onDelivered, marking }: { notice: DeliveryView; onRetry: () => void; retrying: boolean; onDelivered: () => void; marking: boolean }) {
  const { t, i18n } = useTranslation(['noticePages', 'notices']);
  return (
    <li className="org-notice" data-testid="org-notice" data-id={notice.id} data-status={notice.status}>
      <div className="org-notice-head">
        <strong>{templateName(notice.template, t, (key) => i18n.exists(key))}</strong>
        <time dateTime={notice.createdAt} className="text-secondary">
          {dayjs(notice.createdAt).format('YYYY-MM-DD HH:mm')}
        </time>
      </div>
      <DeliveryLine delivery={notice} showRecipient showError />
      {notice.status === 'unknown' && (
        <p className="hint text-secondary" data-testid="org-notice-unknown-hint">
          {t('org.unknownHint')}
        </p>
      )}
      <div className="button-row button-row-start">
        {(notice.status === 'failed' || notice.status === 'unknown') && (
          <Button type="primary" size="small" loading={retrying} onClick={onRetry} data-testid="org-notice-retry">
            {t('org.retry')}
          </Button>
        )}
        {notice.status === 'unknown' && (
          <Button size="small" loading={marking} onClick={onDelivered} data-testid="org-notice-delivered">
            {t('org.markDelivered')}
          </Button>
        )}
        {notice.caseId && (
          <Link to={`/cases/${notice.caseId}`} data-testid="org-notice-case">
            {t('org.openCase')}
          </Link>
        )}
      </div>
    </li>
  );
}

/**
 * `/organisations/:id/notifications`: for the organisation's admins, the notices that need them
 * (failed after every retry, or interrupted with the outcome unknown) or another status. A
 * failed one can be sent again; an unknown one sent again or marked delivered (issue #9).
 */
export default function OrganisationNoticesPage() {
  const { t } = useTranslation(['noticePages', 'notices']);
  const { id = '' } = useParams();
  const { user } = useSession();
  const [status, setStatus] = useState<NoticeFilter>('attention');
  const [toast, toastHolder] = message.useMessage();
  const notices = useOrganisationNotices(id, status);
  const retry = useRetryNotice();
  const delivered = useMarkNoticeDelivered();
  if (!user) return null; // RequireAuth renders this page only with a user
  const organisation = user.memberships.find((m) => m.kind === 'organisation' && m.id === id);

  const onRetry = (notice: DeliveryView) =>
    retry.mutate(notice.id, {
      onSuccess: () => void toast.success(t('org.retried')),
      onError: (error) => void toast.error(describeApiError(error)),
    });
  const onDelivered = (notice: DeliveryView) =>
    delivered.mutate(notice.id, {
      onSuccess: () => void toast.success(t('org.markedDelivered')),
      onError: (error) => void toast.error(describeApiError(error)),
    });

  let body;
  if (notices.isPending) body = <PageLoader />;
  else if (notices.isError) {
    const missing = isApiError(notices.error) && notices.error.status === 404;
    body = <Alert type={missing ? 'info' : 'error'} showIcon title={missing ? t('org.notAdmin') : translateError(notices.error)} data-testid="org-notices-error" />;
  } else if (!notices.data.length) body = <Empty description={status === 'attention' ? t('org.empty') : t('org.emptyOther')} data-testid="org-notices-empty" />;
  else
    body = (
      <ul className="org-notice-list" data-testid="org-notices">
        {notices.data.map((notice) => (
          <NoticeItem
            key={notice.id}
            notice={notice}
            onRetry={() => onRetry(notice)}
            retrying={retry.isPending && retry.variables === notice.id}
            onDelivered={() => onDelivered(notice)}
            marking={delivered.isPending && delivered.variables === notice.id}
          />
        ))}
      </ul>
    );

  return (
    <div className="page">
      {toastHolder}
      <PageHeading testId="org-notices-heading">{status === 'attention' ? t('org.title') : t('org.titleWithStatus', { status: t(`status.${status}`) })}</PageHeading>
      {organisation && <p className="text-secondary hint">{organisation.name}</p>}
      <Panel>
        <div className="stack">
          <label className="filter-row">
            <span className="filter-label">{t('org.statusFilter')}</span>
            <NativeSelect
              value={status}
              onChange={(value) => setStatus(value as NoticeFilter)}
              options={FILTERS.map((value) => ({ value, label: value === 'attention' ? t('org.attention') : t(`status.${value}`) }))}
              data-testid="org-notices-status"
            />
          </label>
          {body}
        </div>
      </Panel>
    </div>
  );
}
