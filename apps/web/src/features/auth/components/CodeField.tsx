import { useState } from 'react';
import { Form, Input, type FormInstance } from 'antd';
import { SafetyOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { LIMITS, type OtpPurpose } from '@tiaojie/contracts';
import { otpRules } from '../../../lib/form-rules';
import { SendCodeButton } from './SendCodeButton';

interface CodeFieldProps {
  form: FormInstance;
  purpose: OtpPurpose;
  onFormError: (message: string | null) => void;
  inputTestId: string;
  sendTestId: string;
}

/** The `code` field with its "send code" button; once sent, says so under the field. */
export function CodeField({ form, purpose, onFormError, inputTestId, sendTestId }: CodeFieldProps) {
  const { t } = useTranslation('auth');
  const [sentMinutes, setSentMinutes] = useState<number | null>(null);
  const label = t('fields.code');

  return (
    <Form.Item label={label} required extra={sentMinutes !== null && <span data-testid="otp-sent">{t('otp.sent', { minutes: sentMinutes })}</span>}>
      <div className="otp-row">
        <Form.Item name="code" noStyle rules={otpRules(label)}>
          <Input prefix={<SafetyOutlined />} inputMode="numeric" autoComplete="one-time-code" maxLength={LIMITS.otpLength} placeholder={t('placeholders.code')} data-testid={inputTestId} />
        </Form.Item>
        <SendCodeButton
          form={form}
          purpose={purpose}
          onFormError={onFormError}
          onSent={(response) => setSentMinutes(Math.ceil((response.expiresInSeconds || LIMITS.otpTtlSeconds) / 60))}
          testId={sendTestId}
        />
      </div>
    </Form.Item>
  );
}
