import { useState } from 'react';
import { Button, Form, Input, message } from 'antd';
import { useTranslation } from 'react-i18next';
import { LIMITS, LOCALES, type Locale, type UserProfile } from '@tiaojie/contracts';
import { FormError } from '../../../components/ui/FormError';
import { NativeSelect } from '../../../components/ui/NativeSelect';
import { Panel } from '../../../components/ui/Panel';
import { applyApiErrorToForm } from '../../../lib/form-errors';
import { maxLengthRule, requiredRule } from '../../../lib/form-rules';
import { changeLocale } from '../../../lib/i18n';
import { useUpdateProfile } from '../hooks/useProfileMutations';

interface BasicInfoValues {
  name: string;
  email: string;
  locale: Locale;
}

export function BasicInfoCard({ user }: { user: UserProfile }) {
  const { t } = useTranslation(['profile', 'common', 'validation']);
  const [toast, toastHolder] = message.useMessage();
  const [form] = Form.useForm<BasicInfoValues>();
  const [formError, setFormError] = useState<string | null>(null);
  const update = useUpdateProfile();

  const labels = { name: t('basic.name'), email: t('basic.email'), locale: t('basic.locale') };

  const onFinish = (values: BasicInfoValues) => {
    setFormError(null);
    const email = values.email?.trim() ? values.email.trim() : null;
    update.mutate(
      { name: values.name.trim(), email, locale: values.locale },
      {
        onSuccess: (profile) => {
          void changeLocale(profile.locale);
          void toast.success(t('basic.saved'));
        },
        onError: (error) => setFormError(applyApiErrorToForm(form, error, { labels })),
      },
    );
  };

  return (
    <Panel title={t('basic.title')} testId="profile-basic">
      {toastHolder}
      <Form form={form} layout="vertical" requiredMark={false} initialValues={{ name: user.name, email: user.email ?? '', locale: user.locale }} onFinish={onFinish}>
        <FormError message={formError} />
        <Form.Item label={t('basic.mobile')}>
          <Input value={user.mobile} disabled data-testid="profile-mobile" />
        </Form.Item>
        <Form.Item name="name" label={labels.name} rules={[requiredRule(labels.name), maxLengthRule(labels.name, LIMITS.nameMax)]}>
          <Input maxLength={LIMITS.nameMax} autoComplete="name" data-testid="profile-name" />
        </Form.Item>
        <Form.Item name="email" label={labels.email} rules={[{ type: 'email', message: t('validation:isEmail', { field: labels.email }) }, maxLengthRule(labels.email, LIMITS.emailMax)]}>
          <Input type="email" inputMode="email" autoComplete="email" maxLength={LIMITS.emailMax} placeholder={t('basic.emailPlaceholder')} data-testid="profile-email" />
        </Form.Item>
        <Form.Item name="locale" label={labels.locale}>
          {/* A native select: two options do not need antd's Select (~15 KB gzip, bench/README.md P5). */}
          <NativeSelect options={LOCALES.map((locale) => ({ value: locale, label: t(`common:language.${locale}`) }))} data-testid="profile-locale" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={update.isPending} data-testid="profile-save">
          {t('common:save')}
        </Button>
      </Form>
    </Panel>
  );
}
