import { useId } from 'react';
import { Button } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { usePopup } from '../../../lib/use-popup';
import type { InAppNotice } from '@tiaojie/contracts';
import '../../../locales/notices';
import { useInbox, useMarkRead } from '../hooks/useInbox';

/**
 * The header's bell: unread count, a dropdown of the latest notices (opening one marks it read
 * and goes to its case), live through `notice:new`. Hand-made like the user menu, to stay light.
 */
export default function NotificationBell() {
  const { t } = useTranslation('notices');
  const navigate = useNavigate();
  const inbox = useInbox();
  const markRead = useMarkRead();
  const { open, setOpen, rootRef } = usePopup();
  const panelId = useId();
  const unread = inbox.data?.unread ?? 0;

  const openNotice = (notice: InAppNotice) => {
    if (!notice.readAt) markRead.mutate([notice.id]);
    setOpen(false);
    // Issue #11: "the mediator sent you a message" opens the conversation itself.
    if (notice.caseId) navigate(notice.template === 'mediator_message' ? `/cases/${notice.caseId}/mediation` : `/cases/${notice.caseId}`);
  };

  const items = inbox.data?.items ?? [];
  const unreadIds = items.filter((item) => !item.readAt).map((item) => item.id);

  return (
    <div className="bell" ref={rootRef}>
      <Button
        type="text"
        className="bell-button"
        aria-label={unread ? t('bellWithCount', { count: unread }) : t('bell')}
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
        data-testid="bell"
      >
        <BellOutlined />
        {unread > 0 && (
          <span className="bell-count" data-testid="bell-count">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </Button>
      {open && (
        <div className="bell-panel" id={panelId} role="dialog" aria-label={t('title')} data-testid="bell-panel">
          <div className="bell-panel-head">
            <strong>{t('title')}</strong>
            {unreadIds.length > 0 && (
              <Button type="link" size="small" onClick={() => markRead.mutate(unreadIds)} data-testid="bell-mark-all">
                {t('markAllRead')}
              </Button>
            )}
          </div>
          {inbox.isError ? (
            <p className="bell-empty">{t('loadError')}</p>
          ) : items.length === 0 ? (
            <p className="bell-empty">{t('empty')}</p>
          ) : (
            <ul className="bell-list">
              {items.map((notice) => (
                <li key={notice.id}>
                  <button type="button" className={`bell-item${notice.readAt ? '' : ' is-unread'}`} onClick={() => openNotice(notice)} data-testid="bell-item" data-read={!!notice.readAt}>
                    {!notice.readAt && <span className="bell-dot" aria-label={t('unread')} />}
                    <span className="bell-item-text">{notice.text}</span>
                    <time className="bell-item-time" dateTime={notice.createdAt}>
                      {dayjs(notice.createdAt).format('MM-DD HH:mm')}
                    </time>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
