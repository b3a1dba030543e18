import { Button, Form, Input, Radio, message } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../../components/ui/FormError';
import { Panel } from '../../../components/ui/Panel';
import { applyApiErrorToForm } from '../../../lib/form-errors';
import { useHolidayOverride } from '../hooks/useCalendar';

interface Values {
  date: string;
  kind: 'holiday' | 'working';
  reason: string;
}

/** Issue #13: the system admin makes one day a holiday or a working day, with the reason (audited). */
export function HolidayOverrideCard({ onSaved }: { onSaved?: (year: number) => void }) {
  const { t } = useTranslation('calendar');
  const [form] = Form.useForm<Values>();
  const [toast, toastHolder] = message.useMessage();
  const [formError, setFormError] = useState<string | null>(null);
  const override = useHolidayOverride();
  const labels = { date: t('override.date'), kind: t('override.kind'), reason: t('override.reason') };

  const submit = (v: Values) => {
    setFormError(null);
    const date = v.date ?? '';
    override.mutate(
      { date, kind: v.kind, reason: v.reason ?? '' },
      {
        onSuccess: (saved) => {
          void toast.success(t('override.applied', { date, kind: t(`override.kinds.${v.kind}`) }));
          form.resetFields(['reason']);
          onSaved?.(saved.year);
        },
        onError: (error) => setFormError(applyApiErrorToForm(form, error, { labels })),
      },
    );
  };

  return (
    <Panel title={t('override.override')} testId="calendar-override">
      {toastHolder}
      <p className="muted">{t('override.overrideIntro')}</p>
      <Form form={form} layout="vertical" initialValues={{ kind: 'holiday' }} onFinish={submit} className="calendar-override-form">
        <Form.Item name="date" label={labels.date} rules={[{ required: true, message: t('validation:required', { field: labels.date }) }]}>
          <Input type="date" min="1900-01-01" max="2100-12-31" style={{ width: 180 }} data-testid="override-date" />
        </Form.Item>
        <Form.Item name="kind" label={labels.kind}>
          <Radio.Group options={(['holiday', 'working'] as const).map((k) => ({ value: k, label: t(`override.kinds.${k}`) }))} optionType="button" data-testid="override-kind" />
        </Form.Item>
        <Form.Item name="reason" label={labels.reason} rules={[{ required: true, whitespace: true, message: t('validation:required', { field: labels.reason }) }]}>
          <Input maxLength={200} data-testid="override-reason" />
        </Form.Item>
        <FormError message={formError} />
        <Button type="primary" htmlType="submit" loading={override.isPending} data-testid="override-save">
          {t('override.apply')}
        </Button>
      </Form>
    </Panel>
  );
}
