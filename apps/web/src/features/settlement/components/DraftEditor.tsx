import { Alert, Button, Checkbox, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AGREEMENT_LIMITS, type AgreementContent, type AgreementDetailView, type InstalmentInput, type ObligationDraft, type SaveAgreementRequest } from '@tiaojie/contracts';
import { compareCny, formatCny, parseCny, sumCny } from '@tiaojie/domain';
import { FormError } from '../../../components/ui/FormError';
import { NativeSelect } from '../../../components/ui/NativeSelect';
import { agreementFormErrors } from './agreement-errors';

export interface DraftParty {
  id: string;
  side: 'applicant' | 'respondent';
  name: string;
}

export interface DraftValues {
  partial: boolean;
  note?: string;
  content: AgreementContent;
  obligations: ObligationDraft[];
}

export interface DraftEditorProps {
  parties: DraftParty[];
  initial: DraftValues;
  /** The revision being edited (absent when creating). */
  revision?: number;
  /** Signing has started: saving voids the signatures (R26), say so. */
  signing?: boolean;
  notice?: string | null;
  submit: (request: SaveAgreementRequest) => Promise<AgreementDetailView>;
  onSaved: (saved: AgreementDetailView) => void;
  onCancel?: () => void;
}

/** A positive CNY amount (exact decimals, parseCny), or null. */
function amountOf(value: unknown): string | null {
  if (typeof value !== 'string' || !value.trim()) return null;
  const parsed = parseCny(value);
  return parsed !== null && compareCny(parsed, '0') > 0 ? parsed : null;
}

/** The form's values as the API takes them: amounts canonical, plans only for payments. */
export function toRequest(values: DraftValues, revision?: number): SaveAgreementRequest {
  const obligations: ObligationDraft[] = (values.obligations ?? []).map((o) => {
    const payment = o.kind === 'payment';
    const plan = payment && o.plan && o.plan.length ? o.plan.map((p) => ({ amount: parseCny(p.amount ?? '') ?? p.amount, dueDate: p.dueDate })) : null;
    return {
      obligorPartyId: o.obligorPartyId,
      obligeePartyId: o.obligeePartyId,
      kind: o.kind,
      description: o.description ?? '',
      amount: payment ? (parseCny(o.amount ?? '') ?? o.amount ?? null) : null,
      place: o.place ?? '',
      method: o.method ?? '',
      dueDate: o.dueDate,
      plan,
    };
  });
  return {
    ...(revision ? { revision } : {}),
    partial: !!values.partial,
    content: {
      facts: values.content.facts ?? '',
      disputedMatters: values.content.disputedMatters ?? '',
      responsibilities: values.content.responsibilities ?? '',
      otherTerms: values.content.otherTerms ?? '',
    },
    obligations,
    ...(values.note?.trim() ? { note: values.note.trim() } : {}),
  };
}

/**
 * The mediator's draft (R25): the facts, disputed matters, responsibilities and terms, and
 * structured obligations — who pays or does what for whom, how much (exact decimals), how,
 * where and by when, optionally in instalments that must add up to the amount.
 */
export function DraftEditor({ parties, initial, revision, signing, notice, submit, onSaved, onCancel }: DraftEditorProps) {
  const { t } = useTranslation(['settlement', 'validation']);
  const [form] = Form.useForm<DraftValues>();
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const partyOptions = parties.map((p) => ({ value: p.id, label: `${p.name}（${t(`sides.${p.side}`)}）` }));
  const required = (label: string) => ({ required: true, whitespace: true, message: t('errors.required', { field: label }) });

  const labelOf = (field: string) => {
    const parts = field.split('.');
    const leaf = parts[parts.length - 1];
    if (parts[0] === 'content') return t(`fields.${leaf}`);
    if (parts.includes('plan') && /^\d+$/.test(parts[parts.length - 2] ?? '')) {
      const n = Number(parts[parts.length - 2]) + 1;
      return leaf === 'amount' ? t('fields.instalmentAmount', { n }) : t('fields.instalmentDueDate', { n });
    }
    const map: Record<string, string> = { obligorPartyId: 'obligor', obligeePartyId: 'obligee' };
    return t(`fields.${map[leaf] ?? leaf}`, { defaultValue: leaf });
  };

  const onFinish = async (values: DraftValues) => {
    setBusy(true);
    setFormError(null);
    try {
      onSaved(await submit(toRequest(values, revision)));
    } catch (error) {
      const { fields, formError: rest } = agreementFormErrors(error, labelOf, t);
      if (fields.length) form.setFields(fields as Parameters<typeof form.setFields>[0]);
      setFormError(rest);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form form={form} layout="vertical" initialValues={initial} onFinish={onFinish} className="agreement-editor" data-testid="agreement-editor" scrollToFirstError>
      {notice && <Alert type="info" showIcon title={notice} className="agreement-gap" />}
      {signing && <Alert type="warning" showIcon title={t('editor.editWhileSigning')} className="agreement-gap" data-testid="draft-signing-warning" />}
      <Form.Item name={['content', 'facts']} label={t('fields.facts')} rules={[required(t('fields.facts'))]}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={AGREEMENT_LIMITS.textMax} data-testid="draft-facts" />
      </Form.Item>
      <Form.Item name={['content', 'disputedMatters']} label={t('fields.disputedMatters')} rules={[required(t('fields.disputedMatters'))]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={AGREEMENT_LIMITS.textMax} data-testid="draft-disputed-matters" />
      </Form.Item>
      <Form.Item name={['content', 'responsibilities']} label={t('fields.responsibilities')} rules={[required(t('fields.responsibilities'))]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={AGREEMENT_LIMITS.textMax} data-testid="draft-responsibilities" />
      </Form.Item>

      <h3 className="agreement-subtitle">{t('sections.obligations')}</h3>
      <Form.List name="obligations">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, i) => (
              <fieldset key={field.key} className="agreement-obligation" data-testid={`obligation-${i}`}>
                <legend>{t('obligation', { n: i + 1 })}</legend>
                <Form.Item name={[field.name, 'obligorPartyId']} label={t('fields.obligor')} rules={[{ required: true, message: t('errors.party') }]}>
                  <NativeSelect options={partyOptions} placeholder="" data-testid={`obligation-${i}-obligor`} />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'obligeePartyId']}
                  label={t('fields.obligee')}
                  dependencies={[['obligations', field.name, 'obligorPartyId']]}
                  rules={[
                    { required: true, message: t('errors.party') },
                    ({ getFieldValue }) => ({
                      validator: (_, value) => (value && value === getFieldValue(['obligations', field.name, 'obligorPartyId']) ? Promise.reject(new Error(t('errors.distinct'))) : Promise.resolve()),
                    }),
                  ]}
                >
                  <NativeSelect options={partyOptions} placeholder="" data-testid={`obligation-${i}-obligee`} />
                </Form.Item>
                <Form.Item name={[field.name, 'kind']} label={t('fields.kind')} rules={[{ required: true }]}>
                  <NativeSelect options={(['payment', 'act'] as const).map((k) => ({ value: k, label: t(`kinds.${k}`) }))} data-testid={`obligation-${i}-kind`} />
                </Form.Item>
                <Form.Item name={[field.name, 'description']} label={t('fields.description')} rules={[required(t('fields.description'))]}>
                  <Input maxLength={AGREEMENT_LIMITS.descriptionMax} data-testid={`obligation-${i}-description`} />
                </Form.Item>
                <Form.Item noStyle dependencies={[['obligations', field.name, 'kind']]}>
                  {({ getFieldValue }) =>
                    getFieldValue(['obligations', field.name, 'kind']) === 'payment' ? (
                      <Form.Item
                        name={[field.name, 'amount']}
                        label={t('fields.amount')}
                        rules={[
                          {
                            validator: (_, value) =>
                              amountOf(value)
                                ? Promise.resolve()
                                : Promise.reject(new Error(typeof value === 'string' && value.trim() && parseCny(value) !== null ? t('errors.positive') : t('errors.isCny'))),
                          },
                        ]}
                      >
                        <Input inputMode="decimal" placeholder="20000.00" data-testid={`obligation-${i}-amount`} />
                      </Form.Item>
                    ) : null
                  }
                </Form.Item>
                <Form.Item name={[field.name, 'method']} label={t('fields.method')}>
                  <Input maxLength={AGREEMENT_LIMITS.methodMax} data-testid={`obligation-${i}-method`} />
                </Form.Item>
                <Form.Item name={[field.name, 'place']} label={t('fields.place')}>
                  <Input maxLength={AGREEMENT_LIMITS.placeMax} data-testid={`obligation-${i}-place`} />
                </Form.Item>
                <Form.Item name={[field.name, 'dueDate']} label={t('fields.dueDate')} rules={[{ required: true, message: t('errors.isDate') }]}>
                  <Input type="date" data-testid={`obligation-${i}-due-date`} />
                </Form.Item>
                <Form.Item noStyle dependencies={[['obligations', field.name, 'kind']]}>
                  {({ getFieldValue }) => (getFieldValue(['obligations', field.name, 'kind']) === 'payment' ? <PlanFields index={i} name={field.name} /> : null)}
                </Form.Item>
                <Button danger type="link" onClick={() => remove(field.name)} data-testid={`obligation-${i}-remove`}>
                  {t('editor.removeObligation')}
                </Button>
              </fieldset>
            ))}
            <Button
              block
              onClick={() =>
                add({
                  obligorPartyId: parties.find((p) => p.side === 'respondent')?.id ?? '',
                  obligeePartyId: parties.find((p) => p.side === 'applicant')?.id ?? '',
                  kind: 'payment',
                  description: '',
                  amount: '',
                  place: '',
                  method: '',
                  dueDate: '',
                  plan: [],
                })
              }
              data-testid="draft-add-obligation"
            >
              {t('editor.addObligation')}
            </Button>
          </>
        )}
      </Form.List>

      <Form.Item name={['content', 'otherTerms']} label={t('fields.otherTerms')} className="agreement-gap-top">
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={AGREEMENT_LIMITS.textMax} data-testid="draft-other-terms" />
      </Form.Item>
      <Form.Item name="partial" valuePropName="checked">
        <Checkbox data-testid="draft-partial">{t('fields.partial')}</Checkbox>
      </Form.Item>
      <Form.Item name="note" label={t('fields.note')}>
        <Input maxLength={AGREEMENT_LIMITS.noteMax} data-testid="draft-note" />
      </Form.Item>
      <FormError message={formError} />
      <div className="agreement-buttons">
        <Button type="primary" htmlType="submit" loading={busy} data-testid="draft-save">
          {revision ? t('editor.save') : t('editor.create')}
        </Button>
        {onCancel && (
          <Button onClick={onCancel} data-testid="draft-cancel">
            {t('editor.cancel')}
          </Button>
        )}
      </div>
    </Form>
  );
}

/** The instalments of one payment; their sum must equal the amount exactly (checked here and by the API). */
function PlanFields({ index, name }: { index: number; name: number }) {
  const { t } = useTranslation('settlement');
  const form = Form.useFormInstance<DraftValues>();
  return (
    <Form.List
      name={[name, 'plan']}
      rules={[
        {
          validator: async (_, plan: InstalmentInput[] | undefined) => {
            if (!plan || plan.length === 0) return;
            if (plan.length < 2) throw new Error(t('errors.minSize'));
            const amounts = plan.map((p) => amountOf(p?.amount));
            const total = amountOf(form.getFieldValue(['obligations', name, 'amount']));
            if (total && amounts.every((a): a is string => a !== null) && compareCny(sumCny(amounts), total) !== 0) throw new Error(t('errors.sum'));
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <div className="agreement-plan" data-testid={`obligation-${index}-plan`}>
          {fields.map((field, j) => (
            <div key={field.key} className="agreement-instalment">
              <Form.Item
                name={[field.name, 'amount']}
                label={t('fields.instalmentAmount', { n: j + 1 })}
                rules={[{ validator: (_, value) => (amountOf(value) ? Promise.resolve() : Promise.reject(new Error(t('errors.isCny')))) }]}
              >
                <Input inputMode="decimal" data-testid={`instalment-${index}-${j}-amount`} />
              </Form.Item>
              <Form.Item name={[field.name, 'dueDate']} label={t('fields.instalmentDueDate', { n: j + 1 })} rules={[{ required: true, message: t('errors.isDate') }]}>
                <Input type="date" data-testid={`instalment-${index}-${j}-due-date`} />
              </Form.Item>
              <Button type="link" danger onClick={() => remove(field.name)} data-testid={`instalment-${index}-${j}-remove`}>
                {t('editor.removeInstalment')}
              </Button>
            </div>
          ))}
          <PlanSum index={index} name={name} />
          <Form.ErrorList errors={errors} />
          <Button size="small" onClick={() => add({ amount: '', dueDate: '' })} data-testid={`obligation-${index}-add-instalment`}>
            {t('editor.addInstalment')}
          </Button>
        </div>
      )}
    </Form.List>
  );
}

/** The running total of the instalments against the amount, and the check that they match. */
function PlanSum({ index, name }: { index: number; name: number }) {
  const { t } = useTranslation('settlement');
  return (
    <Form.Item noStyle shouldUpdate={(prev: DraftValues, next: DraftValues) => JSON.stringify(prev.obligations?.[name]) !== JSON.stringify(next.obligations?.[name])}>
      {({ getFieldValue }) => {
        const plan = (getFieldValue(['obligations', name, 'plan']) as InstalmentInput[] | undefined) ?? [];
        if (plan.length === 0) return null;
        const amounts = plan.map((p) => amountOf(p?.amount));
        const total = amountOf(getFieldValue(['obligations', name, 'amount']));
        if (amounts.some((a) => a === null) || !total) return null;
        const sum = sumCny(amounts as string[]);
        const ok = compareCny(sum, total) === 0;
        return (
          <p className={ok ? 'agreement-plan-sum' : 'agreement-plan-sum agreement-plan-sum-bad'} data-testid={`obligation-${index}-plan-sum`} data-ok={ok}>
            {t('editor.planSum', { sum: formatCny(sum), total: formatCny(total) })}
            {!ok && ` — ${t('errors.sum')}`}
          </p>
        );
      }}
    </Form.Item>
  );
}
