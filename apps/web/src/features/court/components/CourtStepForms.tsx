import { Button, Input, Select } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldErrorText } from '../../../components/ui/FieldErrorText';

/** A labelled control of a court step's form, with the error the server gave for it. */
export function CourtField({ label, error, errorTestId, children }: { label: ReactNode; error?: string | null; errorTestId?: string; children: ReactNode }) {
  return (
    <>
      <label>
        {label}
        {children}
      </label>
      <FieldErrorText testId={errorTestId}>{error}</FieldErrorText>
    </>
  );
}

interface CourtGroundFormProps<G extends string> {
  /** Which step: a refusal to accept (R33) or a rejection ruling (R34); it names the test ids and labels. */
  kind: 'refuse' | 'reject';
  grounds: readonly G[];
  /** The confirmation namespace's prefix of the grounds' labels. */
  groundLabels: 'refusal.ground' | 'ruling.ground';
  ground: G | undefined;
  onGround: (ground: G) => void;
  note: string;
  onNote: (note: string) => void;
  groundError: string | null;
  noteError: string | null;
  pending: boolean;
  /** Opens the preview of what will be issued, with the chosen ground's label. */
  onSubmit: (groundLabel: string) => void;
}

/** The form of a step that gives a ground and a note: refusing to accept, or rejecting. */
export function CourtGroundForm<G extends string>({ kind, grounds, groundLabels, ground, onGround, note, onNote, groundError, noteError, pending, onSubmit }: CourtGroundFormProps<G>) {
  const { t } = useTranslation('court');
  const { t: tc } = useTranslation('confirmation');
  return (
    <div className="court-form" data-testid={`court-${kind}-form`}>
      <CourtField label={t(`actions.${kind}Ground`)} error={groundError}>
        <Select
          value={ground}
          onChange={onGround}
          options={grounds.map((g) => ({ value: g, label: tc(`${groundLabels}.${g}`) }))}
          status={groundError ? 'error' : undefined}
          data-testid={`court-${kind}-ground`}
        />
      </CourtField>
      <CourtField label={t('actions.rejectNote')} error={noteError}>
        <Input.TextArea value={note} onChange={(e) => onNote(e.target.value)} maxLength={2000} data-testid={`court-${kind}-note`} />
      </CourtField>
      <Button danger type="primary" loading={pending} disabled={!ground} onClick={() => onSubmit(tc(`${groundLabels}.${ground}`))} data-testid={`court-${kind}-submit`}>
        {t('actions.submit')}
      </Button>
    </div>
  );
}
