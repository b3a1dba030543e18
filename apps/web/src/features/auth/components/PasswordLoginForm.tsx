import { useState } from 'react';
import { Button, Form, Input } from 'antd';
import { LockOutlined, MobileOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '@tiaojie/contracts';
import { FormError } from '../../../components/ui/FormError';
import { applyApiErrorToForm } from '../../../lib/form-errors';
import { currentLocale } from '../../../lib/i18n';
import { mobileRules, normaliseMobileInput, requiredRule } from '../../../lib/form-rules';
import { loginWithPassword } from '../api/auth-api';
import { useAuthSuccess } from '../hooks/useAuthSuccess';

interface PasswordLoginValues {
  mobile: string;
  password: string;
}

export function PasswordLoginForm() {
  const { t } = useTranslation('auth');
  const [form] = Form.useForm<PasswordLoginValues>();
  const [formError, setFormError] = useState<string | null>(null);
  const onSuccess = useAuthSuccess();

  const login = useMutation({
    mutationFn: (values: PasswordLoginValues) => loginWithPassword({ mobile: normaliseMobileInput(values.mobile), password: values.password, locale: currentLocale() }),
    onSuccess,
    onError: (error) =>
      setFormError(
        applyApiErrorToForm(form, error, {
          labels: { mobile: t('fields.mobile'), password: t('fields.password') },
        }),
      ),
  });

  return (
    <Form
      form={form}
      layout="vertical"
      requiredMark={false}
      size="large"
      onFinish={(values) => {
        setFormError(null);
        login.mutate(values);
      }}
      name="password-login"
      data-testid="password-login-form"
    >
      <FormError message={formError} />
      <Form.Item name="mobile" label={t('fields.mobile')} rules={mobileRules(t('fields.mobile'))}>
        <Input prefix={<MobileOutlined />} inputMode="tel" autoComplete="tel" maxLength={16} placeholder={t('placeholders.mobile')} data-testid="login-mobile" />
      </Form.Item>
      <Form.Item name="password" label={t('fields.password')} rules={[requiredRule(t('fields.password'))]}>
        <Input.Password prefix={<LockOutlined />} autoComplete="current-password" maxLength={LIMITS.passwordMax} placeholder={t('placeholders.password')} data-testid="login-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
        {t('login.submit')}
      </Button>
    </Form>
  );
}
