import { useId, type ReactNode } from 'react';
import { FieldErrorText } from './FieldErrorText';

interface ChoiceFieldProps<T extends string> {
  title: ReactNode;
  choices: readonly T[];
  label: (choice: T) => string;
  value: T | null | undefined;
  onChange: (choice: T) => void;
  /** Each radio's test id is `${testId}-${choice}`. */
  testId: string;
  /** Shown under the choices when set. */
  error?: ReactNode;
}

/**
 * A titled group of the platform's own radios, laid out as the inline forms' choices. Plain
 * controls rather than antd's keep the pages that use them light.
 */
export function ChoiceField<T extends string>({ title, choices, label, value, onChange, testId, error }: ChoiceFieldProps<T>) {
  const id = useId();
  return (
    <>
      <div className="inline-form-title" id={`${id}-title`}>
        {title}
      </div>
      <div className="native-choices" role="radiogroup" aria-labelledby={`${id}-title`}>
        {choices.map((choice) => (
          <label key={choice} className="native-choice">
            <input type="radio" name={`${id}-choice`} value={choice} checked={value === choice} onChange={() => onChange(choice)} data-testid={`${testId}-${choice}`} />
            <span>{label(choice)}</span>
          </label>
        ))}
      </div>
      <FieldErrorText as="p">{error}</FieldErrorText>
    </>
  );
}

interface TextareaFieldProps {
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  rows: number;
  maxLength: number;
  testId: string;
  /** Shown under the field, which is marked invalid, when set. */
  error?: ReactNode;
}

/** A labelled plain <textarea> of an inline form, with its error under it. */
export function TextareaField({ label, value, onChange, rows, maxLength, testId, error }: TextareaFieldProps) {
  const id = useId();
  return (
    <>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <textarea
        id={id}
        className={error ? 'native-textarea is-error' : 'native-textarea'}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        rows={rows}
        maxLength={maxLength}
        aria-invalid={!!error}
        data-testid={testId}
      />
      <FieldErrorText as="p">{error}</FieldErrorText>
    </>
  );
}
