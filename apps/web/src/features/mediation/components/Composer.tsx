import { useEffect, useId, useRef, useState, type ChangeEvent, type FormEvent, type KeyboardEvent } from 'react';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { MESSAGE_LIMITS, UPLOAD_MIME_TYPES, type ChannelView } from '@tiaojie/contracts';
import { formatSize } from '../../cases/format';
import { uploadAttachment } from '../api/mediation-api';
import { describeMediationError } from '../errors';
import type { OutboxEntry } from '../outbox';
import { AutoTextArea, CheckboxField } from './LightControls';
import { useMediation } from './MediationContext';

type Mode = Exclude<OutboxEntry['kind'], 'attachment'>;

/** The modes a composer offers: a party writes text or a written proposal (R16); a mediator text or an offer. */
function modesFor(channel: ChannelView, isMediator: boolean): Mode[] {
  if (channel.kind === 'notes') return ['text'];
  return isMediator ? ['text', 'offer'] : ['text', 'proposal'];
}

export function Composer({ channel, disabledReason }: { channel: ChannelView; disabledReason: string | null }) {
  const { t } = useTranslation('mediation');
  const { room, isMediator } = useMediation();
  const [body, setBody] = useState('');
  const [mode, setMode] = useState<Mode>('text');
  const [concession, setConcession] = useState(false);
  const modes = modesFor(channel, isMediator);
  const groupName = useId();
  const disabled = disabledReason !== null;
  const tooLong = body.length > MESSAGE_LIMITS.bodyMax;
  const fileInput = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState<string | null>(null);
  const [attachError, setAttachError] = useState<string | null>(null);

  // A chosen file waits here, previewed, until the person sends it (or removes it): nothing
  // leaves the device before "send".
  const [pending, setPending] = useState<File | null>(null);
  const [previewUrl, setPreviewUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!pending) return setPreviewUrl(null);
    const url = URL.createObjectURL(pending);
    setPreviewUrl(url);
    return () => URL.revokeObjectURL(url);
  }, [pending]);

  const choose = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file || disabled) return;
    setAttachError(null);
    setPending(file);
  };

  /**
   * Sends the chosen file: uploaded to this channel first (only its members may download it,
   * R15), then sent as a message through the outbox like any other (with what was typed, if anything).
   */
  const sendAttachment = async (file: File) => {
    setAttachError(null);
    setUploading(file.name);
    try {
      const doc = await uploadAttachment(channel.id, file);
      const text = body.trim() || t('composer.attachmentBody', { name: doc.fileName });
      room.send(channel.id, { body: text, kind: 'attachment', attachment: { id: doc.id, fileName: doc.fileName, mimeType: doc.mimeType, sizeBytes: doc.sizeBytes, downloadUrl: doc.downloadUrl } });
      setBody('');
      setPending(null);
      room.setTyping(channel.id, false);
    } catch (error) {
      setAttachError(t('composer.attachFailed', { name: file.name, reason: describeMediationError(error) }));
    } finally {
      setUploading(null);
    }
  };

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (disabled || tooLong || uploading !== null) return;
    if (pending) return void sendAttachment(pending);
    if (!body.trim()) return;
    room.send(channel.id, { body, kind: mode, concession: !isMediator && concession });
    room.setTyping(channel.id, false);
    setBody('');
    setMode('text');
    setConcession(false);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // Enter makes a new line (phones); Ctrl/⌘ + Enter sends.
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) submit();
  };

  const placeholder = disabled
    ? disabledReason
    : mode === 'proposal'
      ? t('composer.placeholderProposal')
      : mode === 'offer'
        ? t('composer.placeholderOffer', { name: channel.partyName ?? '' })
        : t('composer.placeholder');
  return (
    <form className={`composer${mode !== 'text' ? ' composer-card' : ''}`} onSubmit={submit} data-testid="composer" aria-label={t('composer.label')}>
      {modes.length > 1 && !disabled && (
        <div className="composer-options">
          <div className="segmented" role="radiogroup" aria-label={t('composer.mode')}>
            {modes.map((m) => (
              <label key={m} className={`segmented-item${mode === m ? ' is-checked' : ''}`}>
                <input type="radio" name={groupName} value={m} checked={mode === m} onChange={() => setMode(m)} data-testid={`composer-mode-${m}`} />
                <span>{t(`composer.modes.${m}`)}</span>
              </label>
            ))}
          </div>
          {!isMediator && (
            <CheckboxField checked={concession} onChange={setConcession} testId="composer-concession" className="composer-concession">
              {t('composer.concession')}
            </CheckboxField>
          )}
        </div>
      )}
      {mode === 'offer' && <p className="hint text-secondary composer-hint">{t('composer.offerHint', { name: channel.partyName ?? '' })}</p>}
      {mode === 'proposal' && <p className="hint text-secondary composer-hint">{t('composer.proposalHint')}</p>}
      {concession && !isMediator && <p className="hint composer-hint composer-concession-hint">{t('composer.concessionHint')}</p>}
      <div className="composer-row">
        <AutoTextArea
          className={`med-textarea${tooLong ? ' is-error' : ''}`}
          value={body}
          onChange={(event) => {
            setBody(event.target.value);
            room.setTyping(channel.id, event.target.value.length > 0);
          }}
          onBlur={() => room.setTyping(channel.id, false)}
          onKeyDown={onKeyDown}
          placeholder={placeholder ?? undefined}
          aria-label={t('composer.label')}
          maxRows={5}
          disabled={disabled}
          data-testid="composer-input"
          aria-invalid={tooLong || undefined}
        />
        <input
          ref={fileInput}
          type="file"
          className="visually-hidden"
          accept={UPLOAD_MIME_TYPES.join(',')}
          onChange={choose}
          disabled={disabled || uploading !== null}
          data-testid="composer-file"
          tabIndex={-1}
          aria-hidden="true"
        />
        <Button
          onClick={() => fileInput.current?.click()}
          disabled={disabled || tooLong || uploading !== null}
          data-testid="composer-attach"
          aria-label={t('composer.attach')}
          title={t('composer.attachPrivacy')}
        >
          {t('composer.attachShort')}
        </Button>
        <Button type="primary" htmlType="submit" disabled={disabled || tooLong || (!body.trim() && !pending)} loading={uploading !== null} data-testid="composer-send">
          {t('composer.send')}
        </Button>
      </div>
      {pending && (
        <div className="composer-pending" data-testid="composer-pending">
          {pending.type.startsWith('image/') && previewUrl ? <img className="composer-pending-thumb" src={previewUrl} alt={pending.name} data-testid="composer-pending-thumb" /> : null}
          {previewUrl ? (
            <a className="composer-pending-name" href={previewUrl} target="_blank" rel="noopener noreferrer" data-testid="composer-pending-open">
              {pending.name}
            </a>
          ) : (
            <span className="composer-pending-name">{pending.name}</span>
          )}
          <span className="text-secondary" data-testid="composer-pending-size">
            {formatSize(pending.size)}
          </span>
          <Button size="small" onClick={() => setPending(null)} disabled={uploading !== null} data-testid="composer-pending-remove" aria-label={t('composer.removeFile', { name: pending.name })}>
            {t('composer.removeShort')}
          </Button>
        </div>
      )}
      {uploading && (
        <p className="hint text-secondary" role="status" data-testid="composer-uploading">
          {t('composer.uploading', { name: uploading })}
        </p>
      )}
      {attachError && (
        <p className="hint field-error" role="alert" data-testid="composer-attach-error">
          {attachError}
        </p>
      )}
      {body.length > MESSAGE_LIMITS.bodyMax * 0.9 && (
        <p className={`hint ${tooLong ? 'field-error' : 'text-secondary'}`} data-testid="composer-count">
          {t('composer.count', { count: body.length, max: MESSAGE_LIMITS.bodyMax })}
        </p>
      )}
    </form>
  );
}
