import { useState } from 'react';
import { Button } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { ChannelView, MessageAttachment, MessageView } from '@tiaojie/contracts';
import { formatSize } from '../../cases/format';
import { NativeSelect } from '../../../components/ui/NativeSelect';
import { describeAckError, describeMediationError } from '../errors';
import { useShareMessage } from '../hooks/useMediationQueries';
import type { OutboxEntry } from '../outbox';
import { channelLabel, useMediation } from './MediationContext';

function clock(iso: string) {
  const at = dayjs(iso);
  return at.isSame(dayjs(), 'day') ? at.format('HH:mm') : at.format('MM-DD HH:mm');
}

function Badges({ kind, concession, sharedFrom }: { kind: string; concession: boolean; sharedFrom: MessageView['sharedFromChannelKind'] }) {
  const { t } = useTranslation('mediation');
  if (!concession && !sharedFrom && kind !== 'proposal' && kind !== 'offer') return null;
  return (
    <div className="msg-badges">
      {kind === 'proposal' && <span className="msg-badge msg-badge-proposal">{t('message.proposal')}</span>}
      {kind === 'offer' && <span className="msg-badge msg-badge-offer">{t('message.offer')}</span>}
      {sharedFrom && (
        <span className="msg-badge msg-badge-shared" data-testid="badge-shared" title={t('message.sharedHint')}>
          {t(`message.sharedFrom.${sharedFrom}`)}
        </span>
      )}
      {concession && (
        <span className="msg-badge msg-badge-concession" data-testid="badge-concession" title={t('message.concessionHint')}>
          {t('message.concession')}
        </span>
      )}
    </div>
  );
}

/** A file attached to a message: a download link (the server answers only the channel's members, R15). */
function Attachment({ attachment, pending }: { attachment: MessageAttachment; pending?: boolean }) {
  const { t } = useTranslation('mediation');
  const label = `${attachment.fileName} · ${formatSize(attachment.sizeBytes)}`;
  if (pending)
    return (
      <div className="msg-attachment" data-testid="message-attachment">
        📎 {label}
      </div>
    );
  return (
    <a className="msg-attachment" href={attachment.downloadUrl} download={attachment.fileName} data-testid="message-attachment" title={t('message.download')}>
      <span aria-hidden="true">📎 </span>
      <span className="visually-hidden">{t('message.attachment')}: </span>
      {label}
    </a>
  );
}

/** Mediator: copy a message to the other party's caucus or to the joint channel (R15, audited), after confirming. */
function ShareAction({ message, from }: { message: MessageView; from: ChannelView }) {
  const { t } = useTranslation('mediation');
  const { state, isMediator } = useMediation();
  const share = useShareMessage();
  const [open, setOpen] = useState(false);
  const [target, setTarget] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const targets = state.channels.filter((c) => c.id !== from.id && (c.kind === 'caucus' || (c.kind === 'joint' && c.open)));
  if (!targets.length) return null;
  const options = targets.map((c) => ({ value: c.id, label: c.kind === 'joint' ? t('share.toJoint') : t('share.toCaucus', { name: c.partyName ?? '' }) }));
  const chosen = targets.find((c) => c.id === target);

  if (!open) {
    return (
      <div className="msg-actions">
        <button
          type="button"
          className="link-button"
          onClick={() => {
            setOpen(true);
            setDone(null);
            setTarget(options.length === 1 ? options[0].value : '');
          }}
          data-testid="share-open"
        >
          {t('share.open')}
        </button>
        {done && (
          <span className="msg-share-done" role="status" data-testid="share-done">
            {done}
          </span>
        )}
      </div>
    );
  }
  return (
    <div className="share-box" data-testid="share-box">
      <label className="field-label" htmlFor={`share-${message.id}`}>
        {t('share.label')}
      </label>
      <NativeSelect id={`share-${message.id}`} value={target} onChange={setTarget} options={options} placeholder={t('share.choose')} data-testid="share-target" />
      <p className="hint text-secondary">{chosen ? t(chosen.kind === 'joint' ? 'share.confirmJoint' : 'share.confirmCaucus', { name: chosen.partyName ?? '' }) : t('share.explain')}</p>
      {share.isError && (
        <p className="field-error" role="alert">
          {describeMediationError(share.error)}
        </p>
      )}
      <div className="button-row">
        <Button size="small" onClick={() => setOpen(false)}>
          {t('share.cancel')}
        </Button>
        <Button
          size="small"
          type="primary"
          disabled={!chosen || !isMediator}
          loading={share.isPending}
          data-testid="share-confirm"
          onClick={() =>
            chosen &&
            share.mutate(
              { messageId: message.id, toChannelId: chosen.id },
              {
                onSuccess: () => {
                  setOpen(false);
                  setDone(t('share.done', { to: channelLabel(chosen, true, t) }));
                },
              },
            )
          }
        >
          {t('share.confirm')}
        </Button>
      </div>
    </div>
  );
}

/** One stored message: own on the right, others on the left; proposals and offers as cards. */
export function MessageItem({ message, channel, readUpTo }: { message: MessageView; channel: ChannelView; readUpTo: number }) {
  const { t } = useTranslation('mediation');
  const { viewer, isMediator } = useMediation();
  if (message.kind === 'system') {
    return (
      <div className="msg msg-system" data-testid="message" data-seq={message.seq} data-kind="system">
        <span>{message.body}</span>
      </div>
    );
  }
  const own = message.senderId === viewer.id;
  const read = own && readUpTo >= message.seq;
  const card = message.kind === 'proposal' || message.kind === 'offer';
  const role = message.senderRole === 'mediator' ? t('roles.mediator') : message.senderRole === 'agent' ? t('roles.agent') : message.senderRole === 'party' ? t('roles.party') : '';
  return (
    <div
      className={`msg ${own ? 'msg-own' : 'msg-other'}${card ? ' msg-card' : ''}`}
      data-testid="message"
      data-seq={message.seq}
      data-id={message.id}
      data-own={own}
      data-kind={message.kind}
      data-sender-role={message.senderRole}
    >
      {!own && (
        <div className="msg-sender">
          {message.senderName}
          {role && <span className="text-secondary"> · {role}</span>}
        </div>
      )}
      <div className="msg-bubble">
        <Badges kind={message.kind} concession={message.concession} sharedFrom={message.sharedFromChannelKind} />
        <div className="msg-body" data-testid="message-body">
          {message.body}
        </div>
        {message.attachment && <Attachment attachment={message.attachment} />}
      </div>
      <div className="msg-meta">
        <time dateTime={message.createdAt}>{clock(message.createdAt)}</time>
        {own && (
          <span
            className={`msg-status${read ? ' is-read' : ''}`}
            data-testid="message-status"
            data-status={read ? 'read' : 'stored'}
            title={read ? t(isMediator ? 'status.readParty' : 'status.readMediator') : t('status.stored')}
          >
            {read ? '✓✓' : '✓'}
            <span className="visually-hidden">{read ? t(isMediator ? 'status.readParty' : 'status.readMediator') : t('status.stored')}</span>
          </span>
        )}
      </div>
      {isMediator && channel.kind !== 'notes' && <ShareAction message={message} from={channel} />}
    </div>
  );
}

/** A message written here and not yet acknowledged: "sending…", or refused with retry / discard. */
export function PendingItem({ entry, onRetry, onDiscard }: { entry: OutboxEntry; onRetry: () => void; onDiscard: () => void }) {
  const { t } = useTranslation('mediation');
  const card = entry.kind === 'proposal' || entry.kind === 'offer';
  return (
    <div className={`msg msg-own msg-pending${card ? ' msg-card' : ''}`} data-testid="message" data-pending="true" data-client-id={entry.clientId} data-kind={entry.kind}>
      <div className="msg-bubble">
        <Badges kind={entry.kind} concession={entry.concession} sharedFrom={null} />
        <div className="msg-body" data-testid="message-body">
          {entry.body}
        </div>
        {entry.attachment && <Attachment attachment={entry.attachment} pending />}
      </div>
      <div className="msg-meta">
        {entry.error ? (
          <span className="msg-failed" role="alert" data-testid="message-status" data-status="failed">
            {t('status.failed', { reason: describeAckError(entry.error) })}
            <button type="button" className="link-button" onClick={onRetry} data-testid="message-retry">
              {t('status.retry')}
            </button>
            <button type="button" className="link-button" onClick={onDiscard} data-testid="message-discard">
              {t('status.discard')}
            </button>
          </span>
        ) : (
          <span className="msg-status" data-testid="message-status" data-status="sending">
            {t('status.sending')}
          </span>
        )}
      </div>
    </div>
  );
}
