import { Button, Form, Input, Select, Switch, Modal } from 'antd';
import type { AdminOrganisation, SaveOrganisationRequest } from '@tiaojie/contracts';
import { COURT_CASE_KINDS, DISPUTE_TYPES, ORGANISATION_TYPES } from '@tiaojie/domain';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../../components/ui/FormError';
import { applyApiErrorToForm } from '../../../lib/form-errors';
import '../../../locales/case';
import { useBureaus, useCourts, useSaveOrganisation } from '../hooks/useAdmin';

const EMPTY: SaveOrganisationRequest = {
  name: '',
  nameEn: '',
  type: 'peoples_mediation_committee',
  region: '',
  regions: [],
  disputeTypes: [],
  courtId: null,
  bureauId: null,
  chargesFees: false,
  feeSchedule: '',
  description: '',
  descriptionEn: '',
  courtCaseKinds: ['delegated', 'entrusted'],
};

/** Issue #13: create or edit an organisation — its public profile (R05), fees (R35), court-brought kinds (R21), English texts (issue #11). */
export function OrganisationForm({ editing, open, onClose }: { editing: AdminOrganisation | null; open: boolean; onClose: () => void }) {
  const { t } = useTranslation('admin');
  const [form] = Form.useForm<SaveOrganisationRequest>();
  const [formError, setFormError] = useState<string | null>(null);
  const save = useSaveOrganisation();
  const courts = useCourts();
  const bureaus = useBureaus();
  const charges = Form.useWatch('chargesFees', form);

  useEffect(() => {
    if (!open) return;
    setFormError(null);
    form.resetFields();
    form.setFieldsValue(editing ? { ...EMPTY, ...editing, nameEn: editing.nameEn ?? '', descriptionEn: editing.descriptionEn ?? '' } : EMPTY);
  }, [open, editing, form]);

  const labels: Record<string, string> = Object.fromEntries(
    ['name', 'nameEn', 'type', 'region', 'regions', 'disputeTypes', 'chargesFees', 'feeSchedule', 'description', 'descriptionEn', 'courtCaseKinds'].map((k) => [k, t(`org.${k}`)]),
  );
  labels.courtId = t('org.court');
  labels.bureauId = t('org.bureau');

  const submit = (values: SaveOrganisationRequest) => {
    setFormError(null);
    const body: SaveOrganisationRequest = { ...values, courtId: values.courtId || null, bureauId: values.bureauId || null, feeSchedule: values.chargesFees ? values.feeSchedule : '' };
    save.mutate({ id: editing?.id ?? null, body }, { onSuccess: onClose, onError: (error) => setFormError(applyApiErrorToForm(form, error, { labels })) });
  };

  return (
    <Modal open={open} onCancel={onClose} title={editing ? t('org.edit') : t('org.new')} width={640} footer={null} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={submit} data-testid="org-form">
        <Form.Item name="name" label={labels.name} rules={[{ required: true, whitespace: true, message: t('validation:required', { field: labels.name }) }]}>
          <Input maxLength={100} data-testid="org-name" />
        </Form.Item>
        <Form.Item name="nameEn" label={labels.nameEn} extra={t('org.enHelp')}>
          <Input maxLength={200} data-testid="org-name-en" />
        </Form.Item>
        <Form.Item name="type" label={labels.type}>
          <Select options={ORGANISATION_TYPES.map((v) => ({ value: v, label: t(`common:organisationTypes.${v}`) }))} data-testid="org-type" />
        </Form.Item>
        <Form.Item name="region" label={labels.region} extra={t('org.regionHelp')}>
          <Input maxLength={6} inputMode="numeric" data-testid="org-region" />
        </Form.Item>
        <Form.Item name="regions" label={labels.regions} extra={t('org.regionsHelp')}>
          <Select mode="tags" tokenSeparators={[',', ' ', '，']} open={false} data-testid="org-regions" />
        </Form.Item>
        <Form.Item name="disputeTypes" label={labels.disputeTypes}>
          <Select mode="multiple" options={DISPUTE_TYPES.map((v) => ({ value: v, label: t(`case:disputeTypes.${v}`) }))} data-testid="org-dispute-types" />
        </Form.Item>
        <Form.Item name="courtId" label={labels.courtId}>
          <Select allowClear placeholder={t('org.noCourt')} options={(courts.data ?? []).map((c) => ({ value: c.id, label: c.name }))} data-testid="org-court" />
        </Form.Item>
        <Form.Item name="bureauId" label={labels.bureauId} extra={t('org.bureauHelp')}>
          <Select allowClear placeholder={t('org.noBureau')} options={(bureaus.data ?? []).map((b) => ({ value: b.id, label: b.name }))} data-testid="org-bureau" />
        </Form.Item>
        <Form.Item name="chargesFees" label={labels.chargesFees} valuePropName="checked">
          <Switch data-testid="org-charges" />
        </Form.Item>
        {charges && (
          <Form.Item name="feeSchedule" label={labels.feeSchedule}>
            <Input.TextArea rows={3} maxLength={2000} data-testid="org-fees" />
          </Form.Item>
        )}
        <Form.Item name="courtCaseKinds" label={labels.courtCaseKinds}>
          <Select mode="multiple" options={COURT_CASE_KINDS.map((v) => ({ value: v, label: t(`org.kinds.${v}`) }))} data-testid="org-kinds" />
        </Form.Item>
        <Form.Item name="description" label={labels.description}>
          <Input.TextArea rows={3} maxLength={2000} data-testid="org-description" />
        </Form.Item>
        <Form.Item name="descriptionEn" label={labels.descriptionEn} extra={t('org.enHelp')}>
          <Input.TextArea rows={3} maxLength={2000} data-testid="org-description-en" />
        </Form.Item>
        <FormError message={formError} />
        <Button onClick={onClose}>{t('common.cancel')}</Button>{' '}
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="org-save">
          {t('common.save')}
        </Button>
      </Form>
    </Modal>
  );
}
