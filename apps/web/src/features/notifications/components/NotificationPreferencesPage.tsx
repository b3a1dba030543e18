import { useState } from 'react';
import { Alert, Button, Form, Input, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { NotificationPreferences } from '@tiaojie/contracts';
import { FormError } from '../../../components/ui/FormError';
import { PageHeading } from '../../../components/ui/PageHeading';
import { PageLoader } from '../../../components/ui/PageLoader';
import { Panel } from '../../../components/ui/Panel';
import { applyApiErrorToForm, translateError } from '../../../lib/form-errors';
import { requiredRule } from '../../../lib/form-rules';
import { useSession } from '../../../lib/session';
import '../../../locales/notices';
import '../../../locales/noticePages';
import { usePreferences, useSavePreferences } from '../hooks/useNotificationSettings';
import './notifications.css';

interface PreferenceValues {
  sms: boolean;
  email: boolean;
  quiet: boolean;
  quietHours: { start: string; end: string };
}

/**
 * What people type for a time: "22：00" (a Chinese IME's colon), "22.00" (a phone's decimal pad
 * has no colon), "8:00", "2200".
 * Made into HH:MM where that is plain; anything else goes as typed and the API, which
 * checks the format, answers under the field.
 */
export function normaliseTime(value: string | undefined): string {
  const raw = (value ?? '').trim().replace(/[：.．]/g, ':');
  const withColon = /^\d{3,4}$/.test(raw) ? `${raw.slice(0, -2)}:${raw.slice(-2)}` : raw;
  return /^\d:\d\d$/.test(withColon) ? `0${withColon}` : withColon;
}

function toValues(preferences: NotificationPreferences): PreferenceValues {
  return {
    sms: preferences.sms,
    email: preferences.email,
    quiet: !!preferences.quietHours,
    quietHours: preferences.quietHours ?? { start: '22:00', end: '08:00' },
  };
}

function PreferencesForm({ initial, hasEmail }: { initial: NotificationPreferences; hasEmail: boolean }) {
  const { t } = useTranslation(['noticePages', 'notices', 'common']);
  const [form] = Form.useForm<PreferenceValues>();
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const save = useSavePreferences();
  const quiet = Form.useWatch('quiet', form) ?? !!initial.quietHours;
  const email = Form.useWatch('email', form) ?? initial.email;

  // Only the times can be typed wrong; any other refusal is said above the form.
  const labels = { 'quietHours.start': t('prefs.quietStart'), 'quietHours.end': t('prefs.quietEnd') };

  const onFinish = (values: PreferenceValues) => {
    setFormError(null);
    setSaved(false);
    const request: NotificationPreferences = {
      sms: values.sms,
      email: values.email,
      quietHours: values.quiet ? { start: normaliseTime(values.quietHours?.start), end: normaliseTime(values.quietHours?.end) } : null,
    };
    save.mutate(request, {
      onSuccess: (result) => {
        form.setFieldsValue(toValues(result));
        setSaved(true);
      },
      onError: (error) => setFormError(applyApiErrorToForm(form, error, { labels })),
    });
  };

  return (
    <Form form={form} layout="vertical" requiredMark={false} initialValues={toValues(initial)} onFinish={onFinish} onValuesChange={() => setSaved(false)} data-testid="prefs-form">
      <FormError message={formError} />
      <div className="prefs-switch-row">
        <span>{t('prefs.inApp')}</span>
        <span className="text-secondary">
          {t('prefs.inAppHint')} <Switch checked disabled aria-label={t('prefs.inApp')} />
        </span>
      </div>
      {(['sms', 'email'] as const).map((channel) => (
        <div className="prefs-switch-row" key={channel}>
          <label htmlFor={`prefs-${channel}`}>{t(`prefs.${channel}`)}</label>
          <Form.Item name={channel} valuePropName="checked" noStyle>
            <Switch id={`prefs-${channel}`} data-testid={`prefs-${channel}`} />
          </Form.Item>
        </div>
      ))}
      {email && !hasEmail && (
        <p className="hint text-secondary prefs-hint" data-testid="prefs-no-email">
          {t('prefs.noEmail')} <Link to="/profile">{t('prefs.addEmail')}</Link>
        </p>
      )}
      <div className="prefs-switch-row">
        <label htmlFor="prefs-quiet">{t('prefs.quiet')}</label>
        <Form.Item name="quiet" valuePropName="checked" noStyle>
          <Switch id="prefs-quiet" data-testid="prefs-quiet" />
        </Form.Item>
      </div>
      <p className="hint text-secondary prefs-hint">{t('prefs.quietHint')}</p>
      {quiet && (
        <div className="prefs-quiet-times">
          <Form.Item name={['quietHours', 'start']} label={labels['quietHours.start']} rules={[requiredRule(labels['quietHours.start'])]}>
            <Input inputMode="decimal" maxLength={5} placeholder="22:00" autoComplete="off" data-testid="prefs-quiet-start" />
          </Form.Item>
          <Form.Item name={['quietHours', 'end']} label={labels['quietHours.end']} rules={[requiredRule(labels['quietHours.end'])]}>
            <Input inputMode="decimal" maxLength={5} placeholder="08:00" autoComplete="off" data-testid="prefs-quiet-end" />
          </Form.Item>
        </div>
      )}
      {saved && <Alert type="success" showIcon title={t('prefs.saved')} role="status" className="form-error" data-testid="prefs-saved" />}
      <Button type="primary" htmlType="submit" block loading={save.isPending} data-testid="prefs-save">
        {t('common:save')}
      </Button>
    </Form>
  );
}

/** `/settings/notifications`: which channels besides in-app, and SMS quiet hours. */
export default function NotificationPreferencesPage() {
  const { t } = useTranslation(['noticePages', 'notices']);
  const { user } = useSession();
  const preferences = usePreferences();
  if (!user) return null; // RequireAuth renders this page only with a user

  return (
    <div className="page">
      <PageHeading testId="prefs-heading">{t('prefs.title')}</PageHeading>
      <Panel testId="prefs-panel">
        <p className="card-intro">{t('prefs.intro')}</p>
        {preferences.isPending ? (
          <PageLoader />
        ) : preferences.isError ? (
          <Alert type="error" showIcon title={translateError(preferences.error)} data-testid="prefs-load-error" />
        ) : (
          <PreferencesForm initial={preferences.data} hasEmail={!!user.email} />
        )}
      </Panel>
    </div>
  );
}
