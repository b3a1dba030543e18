import { Alert, Button, Form, Input, Select, message } from 'antd';
import type { PlatformSettingView } from '@tiaojie/contracts';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../../components/ui/FormError';
import { PageHeading } from '../../../components/ui/PageHeading';
import { Panel } from '../../../components/ui/Panel';
import { applyApiErrorToForm, translateError } from '../../../lib/form-errors';
import { usePutSetting, useSettings } from '../hooks/useAdmin';

function SettingForm({ setting }: { setting: PlatformSettingView }) {
  const { t } = useTranslation('admin');
  const [form] = Form.useForm<{ value: string }>();
  const [toast, toastHolder] = message.useMessage();
  const [formError, setFormError] = useState<string | null>(null);
  const put = usePutSetting();
  // R26: one setting per organisation type (agreement.effect.<type>), labelled by the type.
  const effectType = setting.key.startsWith('agreement.effect.') ? setting.key.slice('agreement.effect.'.length) : null;
  const label = effectType ? t('settings.effect.label', { type: t(`common:organisationTypes.${effectType}`) }) : t(`settings.keys.${setting.key}`, { defaultValue: setting.key });
  const help = effectType ? t('settings.effect.help') : t(`settings.help.${setting.key}`, { defaultValue: '' });
  const submit = ({ value }: { value: string }) => {
    setFormError(null);
    put.mutate(
      { key: setting.key, value },
      {
        onSuccess: (saved) => {
          form.setFieldsValue({ value: saved.value });
          void toast.success(t('common.saved'));
        },
        onError: (error) => setFormError(applyApiErrorToForm(form, error, { labels: { value: label } })),
      },
    );
  };
  return (
    <Panel title={label} testId={`setting-${setting.key}`}>
      {toastHolder}
      <p className="muted">{help}</p>
      {/* Named, so that each setting's field has its own id (antd ids a field by form name and field name). */}
      <Form form={form} name={`setting-${setting.key}`} layout="inline" initialValues={{ value: setting.value }} onFinish={submit}>
        {setting.kind === 'choice' ? (
          <Form.Item name="value" label={t('settings.value')}>
            <Select style={{ minWidth: 220 }} options={(setting.choices ?? []).map((v) => ({ value: v, label: t(`settings.effect.rules.${v}`, { defaultValue: v }) }))} data-testid="setting-value" />
          </Form.Item>
        ) : (
          <Form.Item name="value" label={t('settings.value')} extra={t('settings.range', { min: setting.min, max: setting.max })}>
            <Input inputMode="decimal" style={{ width: 120 }} data-testid="setting-value" />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" loading={put.isPending} data-testid="setting-save">
          {t('common.save')}
        </Button>
      </Form>
      <FormError message={formError} />
      <p className="muted" data-testid="setting-meta">
        {t('settings.default')}: {setting.kind === 'choice' ? t(`settings.effect.rules.${setting.defaultValue}`, { defaultValue: setting.defaultValue }) : setting.defaultValue} ·{' '}
        {setting.updatedAt ? t('settings.updated', { date: dayjs(setting.updatedAt).format('YYYY-MM-DD HH:mm') }) : t('settings.never')}
      </p>
    </Panel>
  );
}

/** `/admin/settings`: the platform settings the rules keep configurable (LPR; R26 per organisation type; issue #13). */
export default function SettingsPage() {
  const { t } = useTranslation('admin');
  const list = useSettings();
  return (
    <div className="page" data-testid="admin-settings">
      <PageHeading>{t('settings.title')}</PageHeading>
      {list.isError && <Alert type="error" showIcon title={translateError(list.error)} />}
      {list.data?.map((s) => (
        <SettingForm key={s.key} setting={s} />
      ))}
    </div>
  );
}
