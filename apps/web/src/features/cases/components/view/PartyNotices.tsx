import { Tag } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { PartyNoticeView } from '@tiaojie/contracts';
import '../../../../locales/noticePages';

const at = (iso: string) => dayjs(iso).format('MM-DD HH:mm');

/**
 * Issue #11: on the staff case view, whether a party read its important notices (invitation,
 * deadline notices, court requests): "未读" with the time sent, or "已读" with the time read. The
 * API sends `partyNotices` to the case's staff only (R19); nothing renders without it.
 */
export function PartyNotices({ notices }: { notices: PartyNoticeView[] }) {
  const { t } = useTranslation(['casePage', 'noticePages']);
  if (!notices.length) return null;
  return (
    <div className="party-notices" data-testid="party-notices">
      <div className="text-secondary">
        {t('parties.notices.title')} <Tag>{t('parties.notices.staffOnly')}</Tag>
      </div>
      <ul>
        {notices.map((n) => (
          <li key={`${n.template}:${n.sentAt}`} data-testid="party-notice" data-template={n.template} data-read={n.readAt ? 'read' : 'unread'}>
            <span>{t(`noticePages:templates.${n.template}`, { defaultValue: t('noticePages:templateFallback') })}</span>{' '}
            {n.readAt ? (
              <Tag color="green" data-testid="party-notice-read">
                {t('parties.notices.read', { date: at(n.readAt) })}
              </Tag>
            ) : (
              <Tag color="orange" data-testid="party-notice-unread">
                {t('parties.notices.unread')}
              </Tag>
            )}
            <span className="text-secondary">{t('parties.notices.sent', { date: at(n.sentAt) })}</span>
            {n.escalatedAt && (
              <span className="text-secondary" data-testid="party-notice-escalated">
                {' · '}
                {t('parties.notices.escalated', { date: at(n.escalatedAt) })}
              </span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
