import { Tag } from 'antd';
import { MailOutlined, MessageOutlined, NotificationOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { DeliveryView } from '@tiaojie/contracts';
import '../../../locales/notices';
import '../../../locales/noticePages';
import { recipientRoleName, STATUS_COLOR } from './delivery-text';

const CHANNEL_ICON = { in_app: <NotificationOutlined />, sms: <MessageOutlined />, email: <MailOutlined /> } as const;

const time = (iso: string) => dayjs(iso).format('MM-DD HH:mm');

/**
 * One notice on one channel: to whom (role and masked address), its status, when it was
 * delivered and whether it was read (in-app) or its link opened (SMS, email).
 */
export function DeliveryLine({ delivery, showRecipient, showError }: { delivery: DeliveryView; showRecipient: boolean; showError: boolean }) {
  const { t, i18n } = useTranslation(['noticePages', 'notices']);
  const exists = (key: string) => i18n.exists(key);
  const when = delivery.status === 'sent' && delivery.sentAt ? delivery.sentAt : null;
  return (
    <div className="delivery-line" data-testid="delivery" data-channel={delivery.channel} data-status={delivery.status} data-read={!!delivery.readAt}>
      <div className="delivery-line-head">
        <span className="delivery-channel">
          {CHANNEL_ICON[delivery.channel]} {t(`channels.${delivery.channel}`)}
        </span>
        <Tag color={STATUS_COLOR[delivery.status]} className="delivery-status" data-testid="delivery-status">
          {t(`status.${delivery.status}`)}
        </Tag>
      </div>
      {(showRecipient || delivery.address) && (
        <div className="delivery-meta">
          {showRecipient && t('deliveries.to', { role: recipientRoleName(delivery.recipientRole, t, exists) })}
          {delivery.address && <span className="delivery-address"> {delivery.address}</span>}
        </div>
      )}
      <div className="delivery-meta">
        {when && <time dateTime={when}>{time(when)}</time>}
        {delivery.readAt && (
          <span className="delivery-read" data-testid="delivery-read">
            {' · '}
            {t(delivery.channel === 'in_app' ? 'read.in_app' : 'read.link', { time: time(delivery.readAt) })}
          </span>
        )}
      </div>
      {showError && (delivery.status === 'failed' || delivery.status === 'unknown') && (
        <div className="delivery-error">
          {t('deliveries.attempts', { count: delivery.attempts })}
          {delivery.lastError && ` · ${t('deliveries.error', { error: delivery.lastError })}`}
        </div>
      )}
    </div>
  );
}
