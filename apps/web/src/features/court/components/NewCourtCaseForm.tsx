import { useState } from 'react';
import { Alert, Button, Form, Input, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { COURT_CASE_KINDS, COURT_PROCEDURES, DISPUTE_TYPES, type CourtCaseKind, type CourtProcedure, type CreateCourtCaseRequest, type DisputeType } from '@tiaojie/contracts';
import { NativeSelect } from '../../../components/ui/NativeSelect';
import { Panel } from '../../../components/ui/Panel';
import { applyApiErrorToForm } from '../../../lib/form-errors';
import '../../../locales/case';
import '../../../locales/court';
import { useOrganisations } from '../../cases/hooks/useCase';
import { useCreateCourtCase } from '../hooks/useCourtCases';

interface Values {
  kind: CourtCaseKind;
  courtCaseNumber: string;
  procedure?: CourtProcedure;
  organisationId: string;
  disputeType: DisputeType;
  facts: string;
  claims?: { amount?: string };
  region?: string;
  applicant: { name: string; mobile: string; address?: string };
  respondents: Array<{ name: string; mobile: string; address?: string }>;
}

/** R21: a judge or clerk brings a delegated (委派) or entrusted (委托) case to an organisation that takes that kind. */
export function NewCourtCaseForm({ onCreated }: { onCreated?: (number: string | null) => void }) {
  const { t } = useTranslation(['court', 'case']);
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form) ?? 'delegated';
  const create = useCreateCourtCase();
  const organisations = useOrganisations();
  const [error, setError] = useState<string | null>(null);
  const f = (key: string) => t(`cases.form.${key}`);
  const required = [{ required: true, whitespace: true, message: f('required') }];
  // R21: only organisations configured to take this kind.
  const orgOptions = (organisations.data ?? []).filter((o) => !o.courtCaseKinds || o.courtCaseKinds.includes(kind)).map((o) => ({ value: o.id, label: o.name }));
  const labels: Record<string, string> = {
    kind: f('kind'),
    courtCaseNumber: f('courtCaseNumber'),
    procedure: f('procedure'),
    organisationId: f('organisation'),
    disputeType: f('disputeType'),
    facts: f('facts'),
    'claims.amount': f('amount'),
    region: f('region'),
    'applicant.name': f('name'),
    'applicant.mobile': f('mobile'),
    'applicant.address': f('address'),
    'respondents.0.name': f('name'),
    'respondents.0.mobile': f('mobile'),
    'respondents.0.address': f('address'),
  };

  const submit = async () => {
    setError(null);
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const body: CreateCourtCaseRequest = {
      kind: v.kind,
      courtCaseNumber: v.courtCaseNumber.trim(),
      ...(v.kind === 'entrusted' ? { procedure: v.procedure } : {}),
      organisationId: v.organisationId,
      disputeType: v.disputeType,
      facts: v.facts,
      ...(v.claims?.amount ? { claims: { amount: v.claims.amount } } : {}),
      ...(v.region ? { region: v.region } : {}),
      applicant: v.applicant,
      respondents: v.respondents.slice(0, 1),
    };
    create.mutate(body, {
      onSuccess: (c) => {
        form.resetFields();
        onCreated?.(c.number);
      },
      onError: (e) => {
        // The form's field paths are the API's (`respondents.0.mobile`): each error lands on its field.
        const rest = applyApiErrorToForm(form, e, { labels });
        if (rest) setError(rest);
      },
    });
  };

  return (
    <Panel title={t('cases.new')} testId="court-case-form">
      <Form form={form} layout="vertical" requiredMark={false} initialValues={{ kind: 'delegated' }}>
        <Form.Item name="kind" label={f('kind')}>
          <Radio.Group data-testid="court-case-kind">
            {COURT_CASE_KINDS.map((k) => (
              <Radio key={k} value={k} data-testid={`court-case-kind-${k}`}>
                {t(`casePage:courtCase.kinds.${k}`)}
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item name="courtCaseNumber" label={f('courtCaseNumber')} extra={f('courtCaseNumberHelp')} rules={required}>
          <Input maxLength={40} data-testid="court-case-number" />
        </Form.Item>
        {kind === 'entrusted' && (
          <Form.Item name="procedure" label={f('procedure')} rules={[{ required: true, message: f('required') }]}>
            <Radio.Group data-testid="court-case-procedure">
              {COURT_PROCEDURES.map((p) => (
                <Radio key={p} value={p} data-testid={`court-case-procedure-${p}`}>
                  {t(`casePage:courtCase.procedures.${p}`)}
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
        )}
        <Form.Item name="organisationId" label={f('organisation')} rules={[{ required: true, message: f('required') }]}>
          <NativeSelect placeholder={f('organisation')} options={orgOptions} data-testid="court-case-organisation" />
        </Form.Item>
        <Form.Item name="disputeType" label={f('disputeType')} rules={[{ required: true, message: f('required') }]}>
          <NativeSelect placeholder={f('disputeType')} options={DISPUTE_TYPES.map((d) => ({ value: d, label: t(`case:disputeTypes.${d}`) }))} data-testid="court-case-dispute-type" />
        </Form.Item>
        <Form.Item name="facts" label={f('facts')} rules={[...required, { min: 10, message: f('facts') }]}>
          <Input.TextArea rows={3} maxLength={5000} data-testid="court-case-facts" />
        </Form.Item>
        <Form.Item name={['claims', 'amount']} label={f('amount')}>
          <Input inputMode="decimal" data-testid="court-case-amount" />
        </Form.Item>
        <Form.Item name="region" label={f('region')}>
          <Input maxLength={6} inputMode="numeric" data-testid="court-case-region" />
        </Form.Item>
        {(['applicant', 'respondent'] as const).map((side) => {
          const base = side === 'applicant' ? ['applicant'] : ['respondents', 0];
          return (
            <fieldset key={side} className="stack" data-testid={`court-case-${side}`}>
              <legend>{f(side)}</legend>
              <Form.Item name={[...base, 'name']} label={f('name')} rules={required}>
                <Input maxLength={100} data-testid={`court-case-${side}-name`} />
              </Form.Item>
              <Form.Item name={[...base, 'mobile']} label={f('mobile')} rules={required}>
                <Input maxLength={11} inputMode="tel" data-testid={`court-case-${side}-mobile`} />
              </Form.Item>
              <Form.Item name={[...base, 'address']} label={f('address')}>
                <Input maxLength={200} data-testid={`court-case-${side}-address`} />
              </Form.Item>
            </fieldset>
          );
        })}
      </Form>
      {error && <Alert type="error" showIcon title={error} role="alert" data-testid="court-case-error" />}
      <Button type="primary" block loading={create.isPending} onClick={() => void submit()} data-testid="court-case-submit">
        {f('submit')}
      </Button>
    </Panel>
  );
}
