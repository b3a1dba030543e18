import { Input } from 'antd';
import { LIMITS } from '@tiaojie/contracts';

interface OtpInputProps {
  value: string;
  /** Digits only, at most the code's length: a pasted "123 456" becomes "123456". */
  onChange: (digits: string) => void;
  onPressEnter?: () => void;
  ariaLabel?: string;
  placeholder?: string;
  testId: string;
}

/** The one field for an SMS code (login, filing confirmation, invitation, signing). */
export function OtpInput({ value, onChange, onPressEnter, ariaLabel, placeholder, testId }: OtpInputProps) {
  return (
    <Input
      value={value}
      onChange={(e) => onChange(e.target.value.replace(/\D/g, '').slice(0, LIMITS.otpLength))}
      onPressEnter={onPressEnter}
      inputMode="numeric"
      autoComplete="one-time-code"
      maxLength={LIMITS.otpLength}
      aria-label={ariaLabel}
      placeholder={placeholder}
      data-testid={testId}
    />
  );
}
