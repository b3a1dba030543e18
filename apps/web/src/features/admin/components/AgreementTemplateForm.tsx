import { Button, Form, Input } from 'antd';
import type { DisputeTypeView, PutAgreementTemplateRequest } from '@tiaojie/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../../components/ui/FormError';
import { applyApiErrorToForm } from '../../../lib/form-errors';
import { useAgreementTemplate } from '../hooks/useAdmin';

/** Issue #13: the system admin words a dispute type's agreement template (R25), or restores the default. */
export function AgreementTemplateForm({ type, onDone }: { type: DisputeTypeView; onDone: (notice?: string) => void }) {
  const { t } = useTranslation('admin');
  const [form] = Form.useForm<PutAgreementTemplateRequest>();
  const [formError, setFormError] = useState<string | null>(null);
  const save = useAgreementTemplate();
  const labels = { disputedMatters: t('disputeTypes.disputedMatters'), responsibilities: t('disputeTypes.responsibilities'), otherTerms: t('disputeTypes.otherTerms') };
  const send = (body: PutAgreementTemplateRequest | null) => {
    setFormError(null);
    save.mutate(
      { type: type.disputeType, body },
      {
        onSuccess: () => onDone(body ? t('disputeTypes.saved') : t('disputeTypes.resetDone')),
        onError: (error) => setFormError(applyApiErrorToForm(form, error, { labels })),
      },
    );
  };
  return (
    <Form form={form} layout="vertical" initialValues={type.agreementTemplate} onFinish={send} data-testid={`template-form-${type.disputeType}`}>
      {(Object.keys(labels) as Array<keyof typeof labels>).map((k) => (
        <Form.Item key={k} name={k} label={labels[k]} rules={[{ required: true, whitespace: true, message: t('validation:required', { field: labels[k] }) }]}>
          <Input.TextArea rows={k === 'otherTerms' ? 4 : 2} maxLength={k === 'otherTerms' ? 4000 : 2000} data-testid={`template-${k}`} />
        </Form.Item>
      ))}
      <FormError message={formError} />
      <Button onClick={() => onDone()}>{t('common.cancel')}</Button>{' '}
      {type.templateEdited && (
        <Button onClick={() => send(null)} loading={save.isPending} data-testid="template-reset">
          {t('disputeTypes.reset')}
        </Button>
      )}{' '}
      <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="template-save">
        {t('disputeTypes.save')}
      </Button>
    </Form>
  );
}
