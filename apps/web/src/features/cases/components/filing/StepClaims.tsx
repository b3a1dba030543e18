import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { parseCny, REGIONS } from '@tiaojie/domain';
import { NativeSelect } from '../../../../components/ui/NativeSelect';
import { currentLocale } from '../../../../lib/i18n';
import { REQUESTS_MAX } from './filing-model';

export function StepClaims() {
  const { t } = useTranslation(['filing', 'validation']);
  const english = currentLocale() === 'en';
  return (
    <>
      <p className="text-secondary step-hint">{t('hints.claims')}</p>
      <Form.Item
        name={['claims', 'amount']}
        label={t('fields.amount')}
        dependencies={[['claims', 'otherRequests']]}
        rules={[
          ({ getFieldValue }) => ({
            validator: async (_rule, value?: string) => {
              const amount = value?.trim();
              if (!amount) {
                if (!getFieldValue(['claims', 'otherRequests'])?.trim()) throw new Error(t('claimsRequired'));
                return;
              }
              const parsed = parseCny(amount);
              if (parsed === null) throw new Error(t('amountInvalid'));
              if (parsed === '0.00') throw new Error(t('amountPositive'));
            },
          }),
        ]}
      >
        <Input inputMode="decimal" prefix="¥" placeholder={t('placeholders.amount')} autoComplete="off" data-testid="filing-amount" />
      </Form.Item>
      <Form.Item
        name={['claims', 'otherRequests']}
        label={t('fields.otherRequests')}
        rules={[{ max: REQUESTS_MAX, message: t('validation:tooLong', { field: t('fields.otherRequests'), max: REQUESTS_MAX }) }]}
      >
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={REQUESTS_MAX} placeholder={t('placeholders.otherRequests')} data-testid="filing-other-requests" />
      </Form.Item>
      <Form.Item name="region" label={t('fields.region')} extra={t('hints.region')} rules={[{ required: true, message: t('validation:required', { field: t('fields.region') }) }]}>
        <NativeSelect placeholder={t('placeholders.region')} options={REGIONS.map((region) => ({ value: region.code, label: english ? region.en : region.zh }))} data-testid="filing-region" />
      </Form.Item>
    </>
  );
}
