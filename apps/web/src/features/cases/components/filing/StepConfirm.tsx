import { Alert, Checkbox, Form } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DocumentView, MediatorProfileView, PublicOrganisation } from '@tiaojie/contracts';
import { formatCny, parseCny, regionName } from '@tiaojie/domain';
import { currentLocale } from '../../../../lib/i18n';
import { inLocale } from '../../../../lib/localized-text';
import { NoticeOfRights } from '../NoticeOfRights';
import type { FilingValues } from './filing-model';

interface StepConfirmProps {
  values: FilingValues;
  documents: DocumentView[];
  organisations: PublicOrganisation[];
  mediators: MediatorProfileView[];
  /** R02: intake staff file for a citizen: the ticks are the staff member's, the citizen confirms by SMS code. */
  staffFiling?: boolean;
}

/** The last step: what will be filed, the notice of rights and duties (R02), and the two ticks (R01, R02). */
export function StepConfirm({ values, documents, organisations, mediators, staffFiling = false }: StepConfirmProps) {
  const { t } = useTranslation(['filing', 'case']);
  const none = <span className="text-secondary">{t('review.none')}</span>;
  const amount = values.claims?.amount ? parseCny(values.claims.amount) : null;
  const respondents = (values.respondents ?? []).filter((party) => party?.name);
  const organisation = organisations.find((o) => o.id === values.organisationId);
  const mediator = mediators.find((m) => m.id === values.preferredMediatorId);

  return (
    <>
      <h3 className="subsection-title">{t('review.title')}</h3>
      <dl className="summary-list" data-testid="filing-summary">
        <dt>{t('fields.disputeType')}</dt>
        <dd>{values.disputeType ? t(`case:disputeTypes.${values.disputeType}`) : none}</dd>
        <dt>{t('fields.facts')}</dt>
        <dd className="pre-wrap">{values.facts?.trim() || none}</dd>
        <dt>{t('fields.amount')}</dt>
        <dd>{amount ? formatCny(amount) : none}</dd>
        {values.claims?.otherRequests?.trim() && (
          <>
            <dt>{t('fields.otherRequests')}</dt>
            <dd className="pre-wrap">{values.claims.otherRequests}</dd>
          </>
        )}
        <dt>{t('fields.region')}</dt>
        <dd>{values.region ? regionName(values.region, currentLocale()) : none}</dd>
        <dt>{t('case:sides.applicant')}</dt>
        <dd>{values.applicant?.name ? `${values.applicant.name} · ${values.applicant.mobile ?? ''}` : none}</dd>
        <dt>{t('case:sides.respondent')}</dt>
        <dd>{respondents.length ? respondents.map((party) => `${party.name} · ${party.mobile ?? ''}`).join('；') : none}</dd>
        <dt>{t('fields.organisation')}</dt>
        <dd>{organisation ? inLocale(currentLocale(), organisation.name, organisation.nameEn) : t('review.auto')}</dd>
        {mediator && (
          <>
            <dt>{t('fields.mediator')}</dt>
            <dd>{inLocale(currentLocale(), mediator.name, mediator.nameEn)}</dd>
          </>
        )}
        <dt>{t('steps.materials')}</dt>
        <dd>{t('review.documents', { count: documents.length })}</dd>
      </dl>

      <NoticeOfRights />
      {staffFiling && (
        <Alert
          type="info"
          showIcon
          className="section-gap"
          title={t('review.staffConfirmTitle')}
          description={t('review.staffConfirm', { mobile: values.applicant?.mobile ?? '' })}
          data-testid="filing-staff-confirmation"
        />
      )}

      <Form.Item name="noticeSeen" valuePropName="checked" rules={[{ validator: async (_rule, value?: boolean) => (value ? undefined : Promise.reject(new Error(t('review.noticeRequired')))) }]}>
        <Checkbox data-testid="filing-notice-seen">{t(staffFiling ? 'review.staffNoticeSeen' : 'review.noticeSeen')}</Checkbox>
      </Form.Item>
      <Form.Item name="consent" valuePropName="checked" rules={[{ validator: async (_rule, value?: boolean) => (value ? undefined : Promise.reject(new Error(t('review.consentRequired')))) }]}>
        <Checkbox data-testid="filing-consent">{t(staffFiling ? 'review.staffConsent' : 'review.consent')}</Checkbox>
      </Form.Item>
    </>
  );
}
