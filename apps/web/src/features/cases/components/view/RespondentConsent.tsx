import { useState } from 'react';
import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '@tiaojie/contracts';
import { NOTICE_VERSION } from '@tiaojie/domain';
import { caseSteps } from '../../api/cases-api';
import type { useCaseStep } from '../../hooks/useCaseStep';
import { NoticeOfRights } from '../NoticeOfRights';

type CaseStep = ReturnType<typeof useCaseStep>;
interface SectionProps {
  detail: CaseDetail;
  step: CaseStep;
}

/** R01, R02: the respondent reads the notice, ticks it, and consents or refuses; the notice's version goes with the tick. */
export default function RespondentConsent({ detail, step }: SectionProps) {
  const { t } = useTranslation('casePage');
  const [noticeSeen, setNoticeSeen] = useState(false);
  const [refusing, setRefusing] = useState(false);
  // R12: an agreement given to the mediator by phone is confirmed here, by the respondent itself.
  const byPhone = detail.parties.find((p) => p.isViewer && p.side === 'respondent')?.contactAnswer === 'agreed';
  const answer = (consent: 'given' | 'refused') =>
    step.run({
      run: () => caseSteps.consent(detail.id, { version: detail.version, consent, noticeSeen, ...(noticeSeen ? { noticeVersion: NOTICE_VERSION } : {}) }),
      success: t(consent === 'given' ? 'done.consent' : 'done.refuse'),
    });
  return (
    <div className="action-block" data-testid="respondent-consent">
      <h3 className="subsection-title">{t('actions.consentTitle')}</h3>
      <p>{t('actions.consentIntro', { applicant: detail.applicantName })}</p>
      {byPhone && <Alert type="info" showIcon title={t('actions.phoneAgreed')} data-testid="consent-phone-agreed" />}
      <NoticeOfRights testId="consent-notice" />
      <label className="native-choice is-strong">
        <input type="checkbox" checked={noticeSeen} onChange={(event) => setNoticeSeen(event.target.checked)} data-testid="consent-notice-seen" />
        <span>{t('actions.noticeSeen')}</span>
      </label>
      <Button type="primary" block size="large" disabled={!noticeSeen} loading={step.pending} onClick={() => answer('given')} data-testid="consent-give">
        {t('actions.consent')}
      </Button>
      {refusing ? (
        <div className="inline-form">
          <div className="inline-form-title">{t('actions.refuseConfirm')}</div>
          <div className="button-row">
            <Button onClick={() => setRefusing(false)}>{t('actions.cancel')}</Button>
            <Button danger type="primary" loading={step.pending} onClick={() => answer('refused')} data-testid="consent-refuse-confirm">
              {t('actions.refuse')}
            </Button>
          </div>
        </div>
      ) : (
        <Button block danger onClick={() => setRefusing(true)} data-testid="consent-refuse">
          {t('actions.refuse')}
        </Button>
      )}
    </div>
  );
}
