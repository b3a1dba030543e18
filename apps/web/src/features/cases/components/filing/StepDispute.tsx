import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { DISPUTE_TYPES } from '@tiaojie/domain';
import { NativeSelect } from '../../../../components/ui/NativeSelect';
import { FACTS_MAX, FACTS_MIN } from './filing-model';

export function StepDispute() {
  const { t } = useTranslation(['filing', 'case', 'validation']);
  return (
    <>
      <Form.Item name="disputeType" label={t('fields.disputeType')} rules={[{ required: true, message: t('validation:required', { field: t('fields.disputeType') }) }]}>
        <NativeSelect placeholder={t('placeholders.disputeType')} options={DISPUTE_TYPES.map((type) => ({ value: type, label: t(`case:disputeTypes.${type}`) }))} data-testid="filing-dispute-type" />
      </Form.Item>
      <Form.Item
        name="facts"
        label={t('fields.facts')}
        extra={t('hints.facts')}
        rules={[
          { required: true, whitespace: true, message: t('validation:required', { field: t('fields.facts') }) },
          {
            validator: async (_rule, value?: string) => {
              if (value && value.trim().length > 0 && value.trim().length < FACTS_MIN) throw new Error(t('factsTooShort'));
            },
          },
          { max: FACTS_MAX, message: t('validation:tooLong', { field: t('fields.facts'), max: FACTS_MAX }) },
        ]}
      >
        <Input.TextArea autoSize={{ minRows: 5, maxRows: 12 }} maxLength={FACTS_MAX} showCount placeholder={t('placeholders.facts')} data-testid="filing-facts" />
      </Form.Item>
    </>
  );
}
