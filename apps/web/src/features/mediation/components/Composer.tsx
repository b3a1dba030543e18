import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { MESSAGE_LIMITS, type ChannelView } from '@tiaojie/contracts';
import type { OutboxEntry } from '../outbox';
import { AutoTextArea, CheckboxField } from './LightControls';
import { useMediation } from './MediationContext';

type Mode = OutboxEntry['kind'];

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

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (disabled || tooLong || !body.trim()) return;
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

  const placeholder = disabled ? disabledReason : mode === 'proposal' ? t('composer.placeholderProposal') : mode === 'offer' ? t('composer.placeholderOffer', { name: channel.partyName ?? '' }) : t('composer.placeholder');
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
        <Button type="primary" htmlType="submit" disabled={disabled || tooLong || !body.trim()} data-testid="composer-send">
          {t('composer.send')}
        </Button>
      </div>
      {body.length > MESSAGE_LIMITS.bodyMax * 0.9 && (
        <p className={`hint ${tooLong ? 'field-error' : 'text-secondary'}`} data-testid="composer-count">
          {t('composer.count', { count: body.length, max: MESSAGE_LIMITS.bodyMax })}
        </p>
      )}
    </form>
  );
}
