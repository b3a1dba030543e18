import { useState } from 'react';
import { Button, Form, Input } from 'antd';
import { MobileOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../../components/ui/FormError';
import { applyApiErrorToForm } from '../../../lib/form-errors';
import { currentLocale } from '../../../lib/i18n';
import { mobileRules, normaliseMobileInput } from '../../../lib/form-rules';
import { loginWithOtp } from '../api/auth-api';
import { useAuthSuccess } from '../hooks/useAuthSuccess';
import { CodeField } from './CodeField';

interface OtpLoginValues {
  mobile: string;
  code: string;
}

export function OtpLoginForm() {
  const { t } = useTranslation('auth');
  const [form] = Form.useForm<OtpLoginValues>();
  const [formError, setFormError] = useState<string | null>(null);
  const onSuccess = useAuthSuccess();

  const login = useMutation({
    mutationFn: (values: OtpLoginValues) => loginWithOtp({ mobile: normaliseMobileInput(values.mobile), code: values.code.trim(), locale: currentLocale() }),
    onSuccess,
    onError: (error) =>
      setFormError(
        applyApiErrorToForm(form, error, {
          labels: { mobile: t('fields.mobile'), code: t('fields.code') },
          codeFields: { OTP_INVALID: 'code', OTP_EXPIRED: 'code', OTP_TOO_MANY_ATTEMPTS: 'code' },
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
      name="otp-login"
      data-testid="otp-login-form"
    >
      <FormError message={formError} />
      <Form.Item name="mobile" label={t('fields.mobile')} rules={mobileRules(t('fields.mobile'))}>
        <Input prefix={<MobileOutlined />} inputMode="tel" autoComplete="tel" maxLength={16} placeholder={t('placeholders.mobile')} data-testid="otp-mobile" />
      </Form.Item>
      <CodeField form={form} purpose="login" onFormError={setFormError} inputTestId="otp-code" sendTestId="otp-send" />
      <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="otp-submit">
        {t('login.submit')}
      </Button>
    </Form>
  );
}
