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
import type { DeliveryStatus } from '../api/notifications-api';
import { useOrganisationNotices, useRetryNotice } from '../hooks/useNotificationSettings';
import { DeliveryLine } from './DeliveryLine';
import { templateName } from './delivery-text';
import './notifications.css';

const STATUSES: DeliveryStatus[] = ['failed', 'pending', 'sending', 'queued', 'sent'];

function NoticeItem({ notice, onRetry, retrying }: { notice: DeliveryView; onRetry: () => void; retrying: boolean }) {
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
      <div className="button-row button-row-start">
        {notice.status === 'failed' && (
          <Button type="primary" size="small" loading={retrying} onClick={onRetry} data-testid="org-notice-retry">
            {t('org.retry')}
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
 * `/organisations/:id/notifications`: for the organisation's admins, the notices that failed
 * after every retry (or another status), each with a button to send it again.
 */
export default function OrganisationNoticesPage() {
  const { t } = useTranslation(['noticePages', 'notices']);
  const { id = '' } = useParams();
  const { user } = useSession();
  const [status, setStatus] = useState<DeliveryStatus>('failed');
  const [toast, toastHolder] = message.useMessage();
  const notices = useOrganisationNotices(id, status);
  const retry = useRetryNotice();
  if (!user) return null; // RequireAuth renders this page only with a user
  const organisation = user.memberships.find((m) => m.kind === 'organisation' && m.id === id);

  const onRetry = (notice: DeliveryView) =>
    retry.mutate(notice.id, {
      onSuccess: () => void toast.success(t('org.retried')),
      onError: (error) => void toast.error(describeApiError(error)),
    });

  let body;
  if (notices.isPending) body = <PageLoader />;
  else if (notices.isError) {
    const missing = isApiError(notices.error) && notices.error.status === 404;
    body = <Alert type={missing ? 'info' : 'error'} showIcon title={missing ? t('org.notAdmin') : translateError(notices.error)} data-testid="org-notices-error" />;
  } else if (!notices.data.length) body = <Empty description={status === 'failed' ? t('org.empty') : t('org.emptyOther')} data-testid="org-notices-empty" />;
  else
    body = (
      <ul className="org-notice-list" data-testid="org-notices">
        {notices.data.map((notice) => (
          <NoticeItem key={notice.id} notice={notice} onRetry={() => onRetry(notice)} retrying={retry.isPending && retry.variables === notice.id} />
        ))}
      </ul>
    );

  return (
    <div className="page">
      {toastHolder}
      <PageHeading testId="org-notices-heading">{status === 'failed' ? t('org.title') : t('org.titleWithStatus', { status: t(`status.${status}`) })}</PageHeading>
      {organisation && <p className="text-secondary hint">{organisation.name}</p>}
      <Panel>
        <div className="stack">
          <label className="filter-row">
            <span className="filter-label">{t('org.statusFilter')}</span>
            <NativeSelect
              value={status}
              onChange={(value) => setStatus(value as DeliveryStatus)}
              options={STATUSES.map((value) => ({ value, label: t(`status.${value}`) }))}
              data-testid="org-notices-status"
            />
          </label>
          {body}
        </div>
      </Panel>
    </div>
  );
}
