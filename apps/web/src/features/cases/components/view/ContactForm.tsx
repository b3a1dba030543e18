import { useId, useState } from 'react';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, PartyView, RecordContactRequest } from '@tiaojie/contracts';
import { CONTACT_ANSWERS, type ContactAnswer } from '@tiaojie/domain';
import { caseSteps } from '../../api/cases-api';
import type { useCaseStep } from '../../hooks/useCaseStep';

const METHODS: RecordContactRequest['method'][] = ['phone', 'sms', 'in_person', 'video', 'platform'];

type CaseStep = ReturnType<typeof useCaseStep>;

/**
 * R12 and the same-day SLA: the mediator records each contact with a party (method, reached,
 * note) and, for a respondent still to answer who was reached, its answer.
 */
export default function ContactForm({ detail, party, step, onClose }: { detail: CaseDetail; party: PartyView; step: CaseStep; onClose: () => void }) {
  const { t } = useTranslation('casePage');
  const id = useId();
  const [method, setMethod] = useState<RecordContactRequest['method']>('phone');
  const [reached, setReached] = useState(true);
  const [note, setNote] = useState('');
  const [answer, setAnswer] = useState<ContactAnswer | null>(null);
  // R12: a reached respondent still to answer is recorded with its answer.
  const asksAnswer = reached && detail.state === 'ACCEPTED' && party.side === 'respondent' && party.consent === 'pending';
  const save = () =>
    step.run({
      run: () =>
        caseSteps.recordContact(detail.id, {
          version: detail.version,
          partyId: party.id,
          method,
          reached,
          ...(asksAnswer && answer ? { answer } : {}),
          ...(note.trim() ? { note: note.trim() } : {}),
        }),
      success: t('done.contact'),
      onDone: onClose,
    });
  return (
    <div className="inline-form" data-testid="contact-form">
      <div className="inline-form-title">{t('actions.contactTitle', { name: party.name })}</div>
      <span className="field-label" id={`${id}-method`}>
        {t('actions.contactMethod')}
      </span>
      <div className="native-choices is-inline" role="radiogroup" aria-labelledby={`${id}-method`}>
        {METHODS.map((value) => (
          <label key={value} className="native-choice">
            <input type="radio" name={`${id}-method`} checked={method === value} onChange={() => setMethod(value)} data-testid={`contact-method-${value}`} />
            <span>{t(`actions.methods.${value}`)}</span>
          </label>
        ))}
      </div>
      <span className="field-label" id={`${id}-reached`}>
        {t('actions.reached')}
      </span>
      <div className="native-choices is-inline" role="radiogroup" aria-labelledby={`${id}-reached`}>
        {[true, false].map((value) => (
          <label key={String(value)} className="native-choice">
            <input type="radio" name={`${id}-reached`} checked={reached === value} onChange={() => setReached(value)} data-testid={`contact-reached-${value}`} />
            <span>{value ? t('actions.reachedYes') : t('actions.reachedNo')}</span>
          </label>
        ))}
      </div>
      {asksAnswer && (
        <>
          <span className="field-label" id={`${id}-answer`}>
            {t('actions.answer')}
          </span>
          <div className="native-choices" role="radiogroup" aria-labelledby={`${id}-answer`} data-testid="contact-answer">
            {CONTACT_ANSWERS.map((value) => (
              <label key={value} className="native-choice">
                <input type="radio" name={`${id}-answer`} checked={answer === value} onChange={() => setAnswer(value)} data-testid={`contact-answer-${value}`} />
                <span>{t(`actions.answers.${value}`)}</span>
              </label>
            ))}
          </div>
          <p className="text-secondary" data-testid="contact-answer-hint">
            {answer ? t(`actions.answerHints.${answer}`) : t('actions.answerRequired')}
          </p>
        </>
      )}
      <label className="field-label" htmlFor={`${id}-note`}>
        {t('actions.contactNote')}
      </label>
      <textarea id={`${id}-note`} className="native-textarea" value={note} onChange={(event) => setNote(event.target.value)} rows={2} maxLength={1000} data-testid="contact-note" />
      <div className="button-row">
        <Button onClick={onClose}>{t('actions.cancel')}</Button>
        <Button type="primary" danger={asksAnswer && answer === 'refused'} disabled={asksAnswer && !answer} loading={step.pending} onClick={save} data-testid="contact-save">
          {t('actions.save')}
        </Button>
      </div>
    </div>
  );
}
