import { Button, Form, Input } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { PartyView } from '@tiaojie/contracts';
import { LIMITS } from '@tiaojie/contracts';
import { isValidIdNumber } from '@tiaojie/domain';
import { idNumberRules, maxLengthRule, mobileRules, requiredRule } from '../../../../lib/form-rules';
import { MAX_RESPONDENTS, PARTY_NAME_MAX } from './filing-model';
import { Segmented } from './Segmented';

interface StepPartiesProps {
  /** Intake staff and agents enter the applicant; a citizen is the applicant. */
  staff: boolean;
  /** An ID number already on record (the account's or the draft's), masked. */
  idNumberOnRecord: string | null;
  existingRespondents: PartyView[];
}

/** An ID number that may be left empty (a respondent's; or one already on record). */
function optionalIdRule(message: string) {
  return {
    validator: async (_rule: unknown, value?: string) => {
      if (value && value.trim() && !isValidIdNumber(value.trim())) throw new Error(message);
    },
  };
}

export function StepParties({ staff, idNumberOnRecord, existingRespondents }: StepPartiesProps) {
  const { t } = useTranslation(['filing', 'validation']);
  const idLabel = t('fields.idNumber');

  return (
    <>
      <fieldset className="form-group" data-testid="filing-applicant">
        <legend className="form-group-title">{staff ? t('applicant.staffTitle') : t('applicant.title')}</legend>
        <Form.Item name={['applicant', 'name']} label={t('fields.name')} rules={[requiredRule(t('fields.name')), maxLengthRule(t('fields.name'), PARTY_NAME_MAX)]}>
          <Input autoComplete="name" maxLength={PARTY_NAME_MAX} placeholder={t('placeholders.name')} data-testid="applicant-name" />
        </Form.Item>
        <Form.Item name={['applicant', 'mobile']} label={t('fields.mobile')} extra={staff ? undefined : t('hints.mobileFixed')} rules={mobileRules(t('fields.mobile'))}>
          <Input inputMode="tel" autoComplete="tel" maxLength={16} readOnly={!staff} variant={staff ? 'outlined' : 'filled'} placeholder={t('placeholders.mobile')} data-testid="applicant-mobile" />
        </Form.Item>
        <Form.Item
          name={['applicant', 'idNumber']}
          label={idLabel}
          extra={idNumberOnRecord ? t('hints.idRecorded', { masked: idNumberOnRecord }) : undefined}
          rules={idNumberOnRecord ? [optionalIdRule(t('validation:isIdNumber'))] : idNumberRules(idLabel)}
        >
          <Input autoComplete="off" maxLength={18} placeholder={t('placeholders.idNumber')} data-testid="applicant-id-number" />
        </Form.Item>
        <Form.Item name={['applicant', 'address']} label={t('fields.address')} rules={[maxLengthRule(t('fields.address'), LIMITS.addressMax)]}>
          <Input autoComplete="street-address" maxLength={LIMITS.addressMax} placeholder={t('placeholders.address')} data-testid="applicant-address" />
        </Form.Item>
        <Form.Item
          name={['applicant', 'email']}
          label={t('fields.email')}
          extra={t('hints.email')}
          rules={[{ type: 'email', message: t('validation:isEmail') }, maxLengthRule(t('fields.email'), LIMITS.emailMax)]}
        >
          <Input type="email" inputMode="email" autoComplete="email" maxLength={LIMITS.emailMax} placeholder={t('placeholders.email')} data-testid="applicant-email" />
        </Form.Item>
      </fieldset>

      <fieldset className="form-group" data-testid="filing-respondents">
        <legend className="form-group-title">{t('respondents.title')}</legend>
        <Form.List name="respondents">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => {
                const existing = existingRespondents[index];
                return (
                  <div key={field.key} className="respondent-block" data-testid="respondent-block">
                    <div className="respondent-head">
                      <span className="respondent-title">{t('respondents.item', { n: index + 1 })}</span>
                      {fields.length > 1 && (
                        <Button type="text" danger size="small" icon={<DeleteOutlined />} onClick={() => remove(field.name)} data-testid="respondent-remove">
                          {t('respondents.remove')}
                        </Button>
                      )}
                    </div>
                    <Form.Item name={[field.name, 'kind']} label={t('fields.respondentKind')}>
                      <Segmented
                        name={`respondent-kind-${field.key}`}
                        options={[
                          { label: t('kinds.person'), value: 'person' },
                          { label: t('kinds.organisation'), value: 'organisation' },
                        ]}
                        testId="respondent-kind"
                      />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'name']}
                      label={t('fields.respondentName')}
                      rules={[requiredRule(t('fields.respondentName')), maxLengthRule(t('fields.respondentName'), PARTY_NAME_MAX)]}
                    >
                      <Input maxLength={PARTY_NAME_MAX} data-testid="respondent-name" />
                    </Form.Item>
                    <Form.Item name={[field.name, 'mobile']} label={t('fields.mobile')} rules={mobileRules(t('fields.mobile'))}>
                      <Input inputMode="tel" maxLength={16} placeholder={t('placeholders.mobile')} data-testid="respondent-mobile" />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'idNumber']}
                      label={t('fields.respondentIdNumber')}
                      extra={existing?.idNumberMasked ? t('hints.idRecorded', { masked: existing.idNumberMasked }) : undefined}
                      rules={[optionalIdRule(t('validation:isIdNumber'))]}
                    >
                      <Input maxLength={18} data-testid="respondent-id-number" />
                    </Form.Item>
                    <Form.Item name={[field.name, 'address']} label={t('fields.respondentAddress')} rules={[maxLengthRule(t('fields.address'), LIMITS.addressMax)]}>
                      <Input maxLength={LIMITS.addressMax} data-testid="respondent-address" />
                    </Form.Item>
                    {/* Issue #11: someone with no account yet is invited in the language given here. */}
                    <Form.Item name={[field.name, 'locale']} label={t('fields.respondentLocale')} extra={t('hints.respondentLocale')}>
                      <Segmented
                        name={`respondent-locale-${field.key}`}
                        options={[
                          { label: t('partyLocales.zh'), value: 'zh-CN' },
                          { label: t('partyLocales.en'), value: 'en' },
                        ]}
                        testId="respondent-locale"
                      />
                    </Form.Item>
                  </div>
                );
              })}
              {fields.length < MAX_RESPONDENTS && (
                <Button block icon={<PlusOutlined />} onClick={() => add({ kind: 'person', locale: 'zh-CN' })} data-testid="respondent-add">
                  {t('respondents.add')}
                </Button>
              )}
            </>
          )}
        </Form.List>
      </fieldset>
    </>
  );
}
