import { useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { LockOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ChannelView, MessageView } from '@tiaojie/contracts';
import type { OutboxEntry } from '../outbox';
import type { ChannelState } from '../room';
import { readUpTo, unreadCount } from '../unread';
import { Composer } from './Composer';
import { useMediation } from './MediationContext';
import { MessageItem, PendingItem } from './MessageItem';

const NONE: MessageView[] = [];
const NO_ENTRIES: OutboxEntry[] = [];

function subscribeVisibility(onChange: () => void) {
  document.addEventListener('visibilitychange', onChange);
  window.addEventListener('focus', onChange);
  return () => {
    document.removeEventListener('visibilitychange', onChange);
    window.removeEventListener('focus', onChange);
  };
}

/** The page is on screen (not a background tab): only then does reading move the read position. */
function useDocumentVisible() {
  return useSyncExternalStore(
    subscribeVisibility,
    () => document.visibilityState !== 'hidden',
    () => true,
  );
}

/** Unread messages of a channel for the viewer (lastSeq − readSeq, without the viewer's own). */
export function useUnread(channelId: string | undefined): number {
  const { state, viewer } = useMediation();
  const c = channelId ? state.byChannel[channelId] : undefined;
  if (!c) return 0;
  return unreadCount({ lastSeq: c.channel.lastSeq, readSeq: c.readSeq, messages: c.messages, viewerId: viewer.id });
}

export function UnreadBadge({ count, testId = 'unread-count' }: { count: number; testId?: string }) {
  const { t } = useTranslation('mediation');
  if (count <= 0) return null;
  return (
    <span className="unread-badge" data-testid={testId} data-count={count} aria-label={t('unread', { count })}>
      {count > 99 ? '99+' : count}
    </span>
  );
}

function PrivacyLine({ channel }: { channel: ChannelView }) {
  const { t } = useTranslation('mediation');
  const { isMediator } = useMediation();
  let text: string;
  // A party's own caucus: the page's notice above says it (phones have little height to spare).
  if (channel.kind === 'caucus' && !isMediator) return null;
  if (channel.kind === 'caucus') text = t('privacy.caucusMediator', { name: channel.partyName ?? '' });
  else if (channel.kind === 'joint') text = channel.open ? t('privacy.joint') : t('privacy.jointClosed');
  else text = t('privacy.notes');
  return (
    <p className={`conv-privacy conv-privacy-${channel.kind}`} data-testid="conversation-privacy">
      <LockOutlined aria-hidden className="conv-privacy-icon" />
      {text}
    </p>
  );
}

function TypingLine({ state }: { state: ChannelState }) {
  const { t } = useTranslation('mediation');
  const names = Object.values(state.typing)
    .filter((entry) => entry.until > Date.now())
    .map((entry) => entry.name);
  return (
    <div className="conv-typing" aria-live="polite" data-testid="typing-indicator">
      {names.length > 0 && t('typing', { names: names.join(t('listSeparator')) })}
    </div>
  );
}

interface ConversationProps {
  channelId: string;
  /** The conversation the viewer is working in: reading it moves the read position. */
  active: boolean;
  onActivate?: () => void;
  title?: ReactNode;
  headerExtra?: ReactNode;
  className?: string;
}

/** One channel: its messages in order, older pages on scroll-up, typing, and the composer. */
export function Conversation({ channelId, active, onActivate, title, headerExtra, className }: ConversationProps) {
  const { t } = useTranslation('mediation');
  const { room, state, viewer, isMediator, mediatorIds, writable } = useMediation();
  const channelState = state.byChannel[channelId];
  const listRef = useRef<HTMLDivElement>(null);
  const nearBottom = useRef(true);
  const previous = useRef<{ firstSeq: number; height: number }>({ firstSeq: 0, height: 0 });
  const visible = useDocumentVisible();
  const [, setTick] = useState(0);

  const messages = channelState?.messages ?? NONE;
  const outbox = channelState?.outbox ?? NO_ENTRIES;
  const storedClientIds = useMemo(() => new Set(messages.filter((m) => m.senderId === viewer.id).map((m) => m.clientId)), [messages, viewer.id]);
  const pending = outbox.filter((entry) => !storedClientIds.has(entry.clientId));
  const lastKey = `${messages.length ? messages[messages.length - 1].id : ''}:${pending.length}`;
  const firstSeq = messages.length ? messages[0].seq : 0;

  // Keeps the view where the reader is: at the bottom for new messages, in place when older ones arrive above.
  useLayoutEffect(() => {
    const el = listRef.current;
    if (!el) return;
    const before = previous.current;
    if (before.firstSeq && firstSeq && firstSeq < before.firstSeq) {
      el.scrollTop += el.scrollHeight - before.height;
    } else if (nearBottom.current) {
      el.scrollTop = el.scrollHeight;
    }
    previous.current = { firstSeq, height: el.scrollHeight };
  }, [lastKey, firstSeq]);

  // Reading the active conversation, on screen, moves the read position (and the other side's ✓✓).
  const top = messages.length ? messages[messages.length - 1].seq : 0;
  useEffect(() => {
    if (active && visible && state.status === 'live') room.markRead(channelId);
  }, [active, visible, top, state.status, room, channelId]);

  // Typing indicators expire on their own.
  const typingCount = channelState ? Object.keys(channelState.typing).length : 0;
  useEffect(() => {
    if (!typingCount) return;
    const timer = setInterval(() => setTick((n) => n + 1), 1000);
    return () => clearInterval(timer);
  }, [typingCount]);

  if (!channelState) return null;
  const { channel } = channelState;
  const readers = Object.keys(channelState.readers).filter((id) => (isMediator ? !mediatorIds.has(id) : mediatorIds.has(id)));
  const readTop = readUpTo(channelState.readers, viewer.id, new Set(readers));

  const onScroll = () => {
    const el = listRef.current;
    if (!el) return;
    nearBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
    if (el.scrollTop < 60 && channelState.floor > 1 && !channelState.loadingOlder && channelState.initialised) void room.loadOlder(channelId);
  };

  let disabledReason: string | null = null;
  if (!writable) disabledReason = t('composer.closedCase');
  else if (channel.kind === 'joint' && !channel.open) disabledReason = t('composer.jointClosed');
  else if (channel.awaitingConsent) disabledReason = t('composer.awaitingConsent');

  return (
    <section
      className={`conv${active ? ' is-active' : ''}${className ? ` ${className}` : ''}`}
      data-testid="conversation"
      data-channel-id={channel.id}
      data-channel-kind={channel.kind}
      data-party-name={channel.partyName ?? undefined}
      data-active={active}
      onPointerDown={onActivate}
      onFocusCapture={onActivate}
    >
      {(title || headerExtra) && (
        <header className="conv-head">
          {title && <h2 className="conv-title">{title}</h2>}
          {headerExtra}
        </header>
      )}
      <PrivacyLine channel={channel} />
      <div className="conv-list" ref={listRef} onScroll={onScroll} data-testid="message-list" role="log" aria-label={t('messages')}>
        {channelState.floor > 1 && channelState.initialised && (
          <div className="conv-older">
            <button type="button" className="link-button" onClick={() => void room.loadOlder(channelId)} disabled={channelState.loadingOlder} data-testid="load-older">
              {channelState.loadingOlder ? t('history.loading') : channelState.olderFailed ? t('history.retry') : t('history.older')}
            </button>
          </div>
        )}
        {channelState.floor <= 1 && channelState.initialised && messages.length > 0 && <div className="conv-start text-secondary">{t('history.start')}</div>}
        {messages.map((message) => (
          <MessageItem key={message.id} message={message} channel={channel} readUpTo={readTop} />
        ))}
        {pending.map((entry) => (
          <PendingItem key={entry.clientId} entry={entry} onRetry={() => room.retry(channelId, entry.clientId)} onDiscard={() => room.discard(channelId, entry.clientId)} />
        ))}
        {channelState.initialised && messages.length === 0 && pending.length === 0 && (
          <div className="conv-empty text-secondary" data-testid="conversation-empty">
            {t(`empty.${channel.kind}${channel.kind === 'caucus' && !isMediator ? 'Party' : ''}`)}
          </div>
        )}
        {!channelState.initialised && messages.length === 0 && <div className="conv-empty text-secondary">{t('history.loading')}</div>}
      </div>
      <TypingLine state={channelState} />
      <Composer channel={channel} disabledReason={disabledReason} />
    </section>
  );
}
