import { useState } from 'react';
import { Button, Form, Input, message } from 'antd';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '@tiaojie/contracts';
import { FormError } from '../../../components/ui/FormError';
import { Panel } from '../../../components/ui/Panel';
import { applyApiErrorToForm } from '../../../lib/form-errors';
import { confirmPasswordRules, newPasswordRules } from '../../../lib/form-rules';
import { useChangePassword } from '../hooks/useProfileMutations';

interface ChangePasswordValues {
  currentPassword?: string;
  newPassword: string;
  confirmPassword: string;
}

export function ChangePasswordCard({ mobile }: { mobile: string }) {
  const { t } = useTranslation('profile');
  const [toast, toastHolder] = message.useMessage();
  const [form] = Form.useForm<ChangePasswordValues>();
  const [formError, setFormError] = useState<string | null>(null);
  const change = useChangePassword();

  const labels = { currentPassword: t('password.current'), newPassword: t('password.new') };

  const onFinish = (values: ChangePasswordValues) => {
    setFormError(null);
    change.mutate(
      { currentPassword: values.currentPassword || undefined, newPassword: values.newPassword },
      {
        onSuccess: () => {
          form.resetFields();
          void toast.success(t('password.changed'));
        },
        onError: (error) => setFormError(applyApiErrorToForm(form, error, { labels, codeFields: { INVALID_CREDENTIALS: 'currentPassword' } })),
      },
    );
  };

  return (
    <Panel title={t('password.title')} testId="profile-password">
      {toastHolder}
      <Form form={form} layout="vertical" requiredMark={false} onFinish={onFinish}>
        <FormError message={formError} />
        {/* Lets password managers tie the new password to the account. */}
        <input type="text" name="username" autoComplete="username" value={mobile} hidden readOnly />
        <Form.Item name="currentPassword" label={labels.currentPassword} extra={t('password.currentHelp')}>
          <Input.Password autoComplete="current-password" maxLength={LIMITS.passwordMax} data-testid="current-password" />
        </Form.Item>
        <Form.Item name="newPassword" label={labels.newPassword} rules={newPasswordRules(labels.newPassword)}>
          <Input.Password autoComplete="new-password" maxLength={LIMITS.passwordMax} data-testid="new-password" />
        </Form.Item>
        <Form.Item name="confirmPassword" label={t('password.confirm')} dependencies={['newPassword']} rules={confirmPasswordRules(t('password.confirm'), 'newPassword')}>
          <Input.Password autoComplete="new-password" maxLength={LIMITS.passwordMax} data-testid="confirm-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={change.isPending} data-testid="password-save">
          {t('password.submit')}
        </Button>
      </Form>
    </Panel>
  );
}
