import { useState } from 'react';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { ChoiceField, TextareaField } from '../../../../components/ui/NativeFields';

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
      <ChoiceField title={title} choices={codes} label={(reason) => t(`${labels}.${reason}`)} value={code} onChange={setCode} testId={testId} error={codeError} />
      <TextareaField label={t('actions.note')} value={note} onChange={setNote} rows={2} maxLength={1000} testId={`${testId}-note`} error={noteError} />
      <div className="button-row">
        <Button onClick={onCancel}>{t('actions.cancel')}</Button>
        <Button type="primary" danger={danger} loading={pending} onClick={submit} data-testid={`${testId}-submit`}>
          {submitLabel}
        </Button>
      </div>
    </div>
  );
}
