import { Alert } from 'antd';
import dayjs from 'dayjs';
import { useDeferredValue } from 'react';
import { useTranslation } from 'react-i18next';
import { PageLoader } from '../../../components/ui/PageLoader';
import { Panel } from '../../../components/ui/Panel';
import { isApiError } from '../../../lib/api';
import { translateError } from '../../../lib/form-errors';
import '../../../locales/notices';
import '../../../locales/noticePages';
import { useDeliveries } from '../hooks/useNotificationSettings';
import { DeliveryLine } from './DeliveryLine';
import { groupDeliveries, templateName } from './delivery-text';
import './notifications.css';

/**
 * "Notices sent" on the case page: each step's notices, newest first, with channel, recipient,
 * status and read receipt. The API decides what the viewer may see — a party its own notices
 * (with their text), the case's staff everyone's — so this panel shows whatever it returns.
 */
export default function DeliveriesPanel({ caseId, staff }: { caseId: string; staff: boolean }) {
  const { t, i18n } = useTranslation(['noticePages', 'notices']);
  const deliveries = useDeliveries(caseId);
  const exists = (key: string) => i18n.exists(key);

  let body;
  // Its first answer renders as a transition, in slices (as the case page's, CasePage.tsx; TARGETS P5).
  const loading = useDeferredValue(deliveries.isPending);
  if (loading || deliveries.isPending) body = <PageLoader />;
  else if (deliveries.isError) {
    // Someone the API does not show deliveries to gets a 404: nothing to show, not an error.
    if (isApiError(deliveries.error) && deliveries.error.status === 404) return null;
    body = <Alert type="error" showIcon title={translateError(deliveries.error)} />;
  } else if (!deliveries.data.length)
    body = (
      <p className="text-secondary empty-line" data-testid="deliveries-empty">
        {t('deliveries.empty')}
      </p>
    );
  else
    body = (
      <ol className="timeline deliveries">
        {groupDeliveries(deliveries.data).map((group) => {
          const text = group.items.find((item) => item.text)?.text;
          return (
            <li key={group.key} className="timeline-item" data-testid="delivery-group" data-template={group.template}>
              <time dateTime={group.createdAt} className="timeline-time">
                {dayjs(group.createdAt).format('MM-DD HH:mm')}
              </time>
              <div className="timeline-text">{templateName(group.template, t, exists)}</div>
              {text && (
                <blockquote className="delivery-text" aria-label={t('deliveries.yours')} data-testid="delivery-text">
                  {text}
                </blockquote>
              )}
              <div className="delivery-lines">
                {group.items.map((item) => (
                  <DeliveryLine key={item.id} delivery={item} showRecipient={staff} showError={staff} />
                ))}
              </div>
            </li>
          );
        })}
      </ol>
    );

  return (
    <Panel title={t('deliveries.title')} testId="case-deliveries">
      {body}
    </Panel>
  );
}
