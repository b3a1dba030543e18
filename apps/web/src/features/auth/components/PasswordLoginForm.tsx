import { Form, Input } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '@tiaojie/contracts';
import { currentLocale } from '../../../lib/i18n';
import { normaliseMobileInput, requiredRule } from '../../../lib/form-rules';
import { loginWithPassword } from '../api/auth-api';
import { useAuthSubmit } from '../hooks/useAuthSubmit';
import { AuthForm, MobileField } from './AuthForm';

interface PasswordLoginValues {
  mobile: string;
  password: string;
}

export function PasswordLoginForm() {
  const { t } = useTranslation('auth');
  const auth = useAuthSubmit((values: PasswordLoginValues) => loginWithPassword({ mobile: normaliseMobileInput(values.mobile), password: values.password, locale: currentLocale() }), {
    labels: { mobile: t('fields.mobile'), password: t('fields.password') },
  });

  return (
    <AuthForm auth={auth} name="password-login" testId="password-login-form" submit={{ label: t('login.submit'), testId: 'login-submit' }}>
      <MobileField testId="login-mobile" />
      <Form.Item name="password" label={t('fields.password')} rules={[requiredRule(t('fields.password'))]}>
        <Input.Password prefix={<LockOutlined />} autoComplete="current-password" maxLength={LIMITS.passwordMax} placeholder={t('placeholders.password')} data-testid="login-password" />
      </Form.Item>
    </AuthForm>
  );
}
