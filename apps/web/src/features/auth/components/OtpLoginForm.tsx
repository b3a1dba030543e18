import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../../lib/i18n';
import { normaliseMobileInput } from '../../../lib/form-rules';
import { loginWithOtp } from '../api/auth-api';
import { useAuthSubmit } from '../hooks/useAuthSubmit';
import { AuthForm, MobileField } from './AuthForm';
import { CodeField } from './CodeField';

interface OtpLoginValues {
  mobile: string;
  code: string;
}

export function OtpLoginForm() {
  const { t } = useTranslation('auth');
  const auth = useAuthSubmit((values: OtpLoginValues) => loginWithOtp({ mobile: normaliseMobileInput(values.mobile), code: values.code.trim(), locale: currentLocale() }), {
    labels: { mobile: t('fields.mobile'), code: t('fields.code') },
    codeFields: { OTP_INVALID: 'code', OTP_EXPIRED: 'code', OTP_TOO_MANY_ATTEMPTS: 'code' },
  });

  return (
    <AuthForm auth={auth} name="otp-login" testId="otp-login-form" submit={{ label: t('login.submit'), testId: 'otp-submit' }}>
      <MobileField testId="otp-mobile" />
      <CodeField form={auth.form} purpose="login" onFormError={auth.setFormError} inputTestId="otp-code" sendTestId="otp-send" />
    </AuthForm>
  );
}
