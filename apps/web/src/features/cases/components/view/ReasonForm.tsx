import { useId, useState } from 'react';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';

interface ReasonFormProps {
  /** The coded reasons (RETURN_REASONS, DECLINE_REASONS, TERMINATION_REASONS of libs/domain). */
  codes: readonly string[];
  /** Where their labels are, e.g. `case:returnReasons`. */
  labels: string;
  title: string;
  submitLabel: string;
  pending: boolean;
  danger?: boolean;
  onSubmit: (value: { reasonCode: string; reasonNote?: string }) => void;
  onCancel: () => void;
  testId: string;
}

/**
 * Choose a coded reason, with a note (required for `other`): returns (R04), declines (R09),
 * terminations (R22). Plain controls rather than antd's Form and inputs keep the case page light.
 */
export function ReasonForm({ codes, labels, title, submitLabel, pending, danger, onSubmit, onCancel, testId }: ReasonFormProps) {
  const { t } = useTranslation(['casePage', 'case']);
  const id = useId();
  const [code, setCode] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const codeError = tried && !code ? t('actions.reasonRequired') : null;
  const noteError = tried && code === 'other' && !note.trim() ? t('actions.noteRequired') : null;

  const submit = () => {
    setTried(true);
    if (!code || (code === 'other' && !note.trim())) return;
    onSubmit({ reasonCode: code, reasonNote: note.trim() || undefined });
  };

  return (
    <div className="inline-form" data-testid={testId}>
      <div className="inline-form-title" id={`${id}-title`}>
        {title}
      </div>
      <div className="native-choices" role="radiogroup" aria-labelledby={`${id}-title`}>
        {codes.map((reason) => (
          <label key={reason} className="native-choice">
            <input type="radio" name={`${id}-reason`} value={reason} checked={code === reason} onChange={() => setCode(reason)} data-testid={`${testId}-${reason}`} />
            <span>{t(`${labels}.${reason}`)}</span>
          </label>
        ))}
      </div>
      {codeError && (
        <p className="field-error" role="alert">
          {codeError}
        </p>
      )}
      <label className="field-label" htmlFor={`${id}-note`}>
        {t('actions.note')}
      </label>
      <textarea
        id={`${id}-note`}
        className={noteError ? 'native-textarea is-error' : 'native-textarea'}
        value={note}
        onChange={(event) => setNote(event.target.value)}
        rows={2}
        maxLength={1000}
        aria-invalid={!!noteError}
        data-testid={`${testId}-note`}
      />
      {noteError && (
        <p className="field-error" role="alert">
          {noteError}
        </p>
      )}
      <div className="button-row">
        <Button onClick={onCancel}>{t('actions.cancel')}</Button>
        <Button type="primary" danger={danger} loading={pending} onClick={submit} data-testid={`${testId}-submit`}>
          {submitLabel}
        </Button>
      </div>
    </div>
  );
}
