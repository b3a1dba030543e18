import { useId, useState } from 'react';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, PartyView, RecordContactRequest } from '@tiaojie/contracts';
import { caseSteps } from '../../api/cases-api';
import type { useCaseStep } from '../../hooks/useCaseStep';

const METHODS: RecordContactRequest['method'][] = ['phone', 'sms', 'in_person', 'video', 'platform'];

type CaseStep = ReturnType<typeof useCaseStep>;

/** R12 and the same-day SLA: the mediator records each contact with a party (method, reached, note). */
export default function ContactForm({ detail, party, step, onClose }: { detail: CaseDetail; party: PartyView; step: CaseStep; onClose: () => void }) {
  const { t } = useTranslation('casePage');
  const id = useId();
  const [method, setMethod] = useState<RecordContactRequest['method']>('phone');
  const [reached, setReached] = useState(true);
  const [note, setNote] = useState('');
  const save = () =>
    step.run({
      run: () =>
        caseSteps.recordContact(detail.id, {
          version: detail.version,
          partyId: party.id,
          method,
          reached,
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
      <label className="field-label" htmlFor={`${id}-note`}>
        {t('actions.contactNote')}
      </label>
      <textarea
        id={`${id}-note`}
        className="native-textarea"
        value={note}
        onChange={(event) => setNote(event.target.value)}
        rows={2}
        maxLength={1000}
        data-testid="contact-note"
      />
      <div className="button-row">
        <Button onClick={onClose}>{t('actions.cancel')}</Button>
        <Button type="primary" loading={step.pending} onClick={save} data-testid="contact-save">
          {t('actions.save')}
        </Button>
      </div>
    </div>
  );
}
