import { Form, Input } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '@tiaojie/contracts';
import { confirmPasswordRules, maxLengthRule, newPasswordRules, normaliseMobileInput, requiredRule } from '../../../lib/form-rules';
import { currentLocale } from '../../../lib/i18n';
import { register } from '../api/auth-api';
import { useAuthSubmit } from '../hooks/useAuthSubmit';
import { AuthCard } from './AuthCard';
import { AuthForm, MobileField } from './AuthForm';
import { CodeField } from './CodeField';

interface RegisterValues {
  mobile: string;
  code: string;
  name: string;
  password: string;
  confirmPassword: string;
}

export default function RegisterPage() {
  const { t } = useTranslation('auth');

  const labels = {
    mobile: t('fields.mobile'),
    code: t('fields.code'),
    name: t('fields.name'),
    password: t('fields.password'),
  };

  const auth = useAuthSubmit(
    (values: RegisterValues) =>
      register({
        mobile: normaliseMobileInput(values.mobile),
        code: values.code.trim(),
        name: values.name.trim(),
        password: values.password,
        locale: currentLocale(),
      }),
    {
      labels,
      codeFields: {
        MOBILE_TAKEN: 'mobile',
        OTP_INVALID: 'code',
        OTP_EXPIRED: 'code',
        OTP_TOO_MANY_ATTEMPTS: 'code',
      },
    },
  );

  return (
    <AuthCard page="register">
      <AuthForm auth={auth} testId="register-form" submit={{ label: t('register.submit'), testId: 'register-submit' }}>
        <MobileField testId="register-mobile" />
        <CodeField form={auth.form} purpose="register" onFormError={auth.setFormError} inputTestId="register-code" sendTestId="register-send-code" />
        <Form.Item name="name" label={labels.name} rules={[requiredRule(labels.name), maxLengthRule(labels.name, LIMITS.nameMax)]}>
          <Input prefix={<UserOutlined />} autoComplete="name" maxLength={LIMITS.nameMax} placeholder={t('placeholders.name')} data-testid="register-name" />
        </Form.Item>
        <Form.Item name="password" label={labels.password} rules={newPasswordRules(labels.password)}>
          <Input.Password
            prefix={<LockOutlined />}
            autoComplete="new-password"
            maxLength={LIMITS.passwordMax}
            placeholder={t('placeholders.newPassword', { min: LIMITS.passwordMin, max: LIMITS.passwordMax })}
            data-testid="register-password"
          />
        </Form.Item>
        <Form.Item name="confirmPassword" label={t('fields.confirmPassword')} dependencies={['password']} rules={confirmPasswordRules(t('fields.confirmPassword'), 'password')}>
          <Input.Password prefix={<LockOutlined />} autoComplete="new-password" maxLength={LIMITS.passwordMax} placeholder={t('placeholders.confirmPassword')} data-testid="register-confirm" />
        </Form.Item>
      </AuthForm>
    </AuthCard>
  );
}
