import type { ReactNode } from 'react';
import { Button, Form, Input } from 'antd';
import { MobileOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../../components/ui/FormError';
import { mobileRules } from '../../../lib/form-rules';
import type { AuthSubmit } from '../hooks/useAuthSubmit';

interface AuthFormProps<V> {
  /** The form's state and request, from useAuthSubmit. */
  auth: AuthSubmit<V>;
  name?: string;
  testId: string;
  /** The primary button at the foot of the form. */
  submit: { label: string; testId: string };
  children: ReactNode;
}

/**
 * The large vertical form of the login and register pages, with its form-level error on top
 * and its submit button at the foot; submitting clears the last form error and sends.
 */
export function AuthForm<V>({ auth, name, testId, submit, children }: AuthFormProps<V>) {
  return (
    <Form
      form={auth.form}
      layout="vertical"
      requiredMark={false}
      size="large"
      onFinish={(values) => {
        auth.setFormError(null);
        auth.submit.mutate(values);
      }}
      name={name}
      data-testid={testId}
    >
      <FormError message={auth.formError} />
      {children}
      <Button type="primary" htmlType="submit" block loading={auth.submit.isPending} data-testid={submit.testId}>
        {submit.label}
      </Button>
    </Form>
  );
}

/** The `mobile` field, as every auth form asks for it. */
export function MobileField({ testId }: { testId: string }) {
  const { t } = useTranslation('auth');
  return (
    <Form.Item name="mobile" label={t('fields.mobile')} rules={mobileRules(t('fields.mobile'))}>
      <Input prefix={<MobileOutlined />} inputMode="tel" autoComplete="tel" maxLength={16} placeholder={t('placeholders.mobile')} data-testid={testId} />
    </Form.Item>
  );
}
