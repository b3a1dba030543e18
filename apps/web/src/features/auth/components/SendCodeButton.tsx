import { Button, type FormInstance } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { LIMITS, type OtpPurpose, type RequestOtpResponse } from '@tiaojie/contracts';
import { applyApiErrorToForm } from '../../../lib/form-errors';
import { currentLocale } from '../../../lib/i18n';
import { normaliseMobileInput } from '../../../lib/form-rules';
import { requestOtp } from '../api/auth-api';
import { useCountdown } from '../hooks/useCountdown';

interface SendCodeButtonProps {
  form: FormInstance;
  purpose: OtpPurpose;
  /** Receives what no field could show (or null to clear it). */
  onFormError: (message: string | null) => void;
  onSent: (response: RequestOtpResponse) => void;
  testId: string;
}

/** Asks the API to text a one-time code to the mobile in the form, then counts down before a resend. */
export function SendCodeButton({ form, purpose, onFormError, onSent, testId }: SendCodeButtonProps) {
  const { t } = useTranslation('auth');
  const { remaining, start } = useCountdown();

  const send = useMutation({
    // The SMS of a number without an account is in the page's language (issue #11).
    mutationFn: (mobile: string) => requestOtp({ mobile, purpose, locale: currentLocale() }),
    onSuccess: (response) => {
      start(response.resendInSeconds || LIMITS.otpResendSeconds);
      onSent(response);
    },
    onError: (error) => {
      onFormError(
        applyApiErrorToForm(form, error, {
          labels: { mobile: t('fields.mobile') },
          codeFields: { RATE_LIMITED: 'mobile' },
        }),
      );
    },
  });

  const onClick = async () => {
    onFormError(null);
    try {
      const { mobile } = await form.validateFields(['mobile']);
      send.mutate(normaliseMobileInput(mobile as string));
    } catch {
      // the mobile field shows why
    }
  };

  const counting = remaining > 0;
  return (
    <Button onClick={onClick} loading={send.isPending} disabled={counting} data-testid={testId}>
      {counting ? t('otp.countdown', { seconds: remaining }) : send.isSuccess ? t('otp.resend') : t('otp.send')}
    </Button>
  );
}
