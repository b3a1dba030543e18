import { useState } from 'react';
import { Button, Form, Input } from 'antd';
import { LockOutlined, MobileOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { LIMITS } from '@tiaojie/contracts';
import { FormError } from '../../../components/ui/FormError';
import { applyApiErrorToForm } from '../../../lib/form-errors';
import { confirmPasswordRules, maxLengthRule, mobileRules, newPasswordRules, normaliseMobileInput, requiredRule } from '../../../lib/form-rules';
import { currentLocale } from '../../../lib/i18n';
import { register } from '../api/auth-api';
import { useAuthSuccess } from '../hooks/useAuthSuccess';
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
  const [form] = Form.useForm<RegisterValues>();
  const [formError, setFormError] = useState<string | null>(null);
  const [params] = useSearchParams();
  const onSuccess = useAuthSuccess();
  const next = params.get('next');

  const labels = {
    mobile: t('fields.mobile'),
    code: t('fields.code'),
    name: t('fields.name'),
    password: t('fields.password'),
  };

  const submit = useMutation({
    mutationFn: (values: RegisterValues) =>
      register({
        mobile: normaliseMobileInput(values.mobile),
        code: values.code.trim(),
        name: values.name.trim(),
        password: values.password,
        locale: currentLocale(),
      }),
    onSuccess,
    onError: (error) =>
      setFormError(
        applyApiErrorToForm(form, error, {
          labels,
          codeFields: {
            MOBILE_TAKEN: 'mobile',
            OTP_INVALID: 'code',
            OTP_EXPIRED: 'code',
            OTP_TOO_MANY_ATTEMPTS: 'code',
          },
        }),
      ),
  });

  return (
    <div className="auth-page">
      <div className="panel auth-card">
        <h1 className="auth-title" data-testid="register-heading">
          {t('register.title')}
        </h1>
        <p className="auth-subtitle">{t('register.subtitle')}</p>
        <Form
          form={form}
          layout="vertical"
          requiredMark={false}
          size="large"
          onFinish={(values) => {
            setFormError(null);
            submit.mutate(values);
          }}
          data-testid="register-form"
        >
          <FormError message={formError} />
          <Form.Item name="mobile" label={labels.mobile} rules={mobileRules(labels.mobile)}>
            <Input prefix={<MobileOutlined />} inputMode="tel" autoComplete="tel" maxLength={16} placeholder={t('placeholders.mobile')} data-testid="register-mobile" />
          </Form.Item>
          <CodeField form={form} purpose="register" onFormError={setFormError} inputTestId="register-code" sendTestId="register-send-code" />
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
          <Button type="primary" htmlType="submit" block loading={submit.isPending} data-testid="register-submit">
            {t('register.submit')}
          </Button>
        </Form>
        <div className="auth-footer">
          <span className="text-secondary">{t('register.hasAccount')}</span>{' '}
          <Link to={next ? `/login?next=${encodeURIComponent(next)}` : '/login'} data-testid="login-link">
            {t('register.loginLink')}
          </Link>
        </div>
      </div>
    </div>
  );
}
