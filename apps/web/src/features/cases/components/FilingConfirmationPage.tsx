import { useState } from 'react';
import { Alert, Button } from 'antd';
import { OtpInput } from '../../../components/ui/OtpInput';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { LIMITS, type FilingConfirmationRequest } from '@tiaojie/contracts';
import { NOTICE_VERSION } from '@tiaojie/domain';
import { PageHeading } from '../../../components/ui/PageHeading';
import { Panel } from '../../../components/ui/Panel';
import { isApiError } from '../../../lib/api';
import { translateError } from '../../../lib/form-errors';
import '../../../locales/casePage';
import { useCountdown } from '../../auth/hooks/useCountdown';
import { confirmFiling, requestFilingConfirmationCode } from '../api/filing-confirmation-api';
import { NoticeOfRights } from './NoticeOfRights';

/**
 * `/confirm/:caseId` (R02): staff (a grid worker, a police officer, a court clerk) filed an
 * application for this citizen, who now reads the versioned notice and confirms their own
 * consent with the code sent by SMS to the mobile filed. No account is needed: the code proves
 * the number, and the act — with its time, the SMS channel and the notice version — is theirs.
 */
export default function FilingConfirmationPage() {
  const { t } = useTranslation('casePage');
  const { caseId = '' } = useParams();
  const [code, setCode] = useState('');
  const [noticeSeen, setNoticeSeen] = useState(false);
  const [consent, setConsent] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const { remaining, start } = useCountdown();
  const send = useMutation({ mutationFn: () => requestFilingConfirmationCode(caseId) });
  const confirm = useMutation({ mutationFn: (request: FilingConfirmationRequest) => confirmFiling(caseId, request) });

  const resend = () => {
    setProblem(null);
    send.mutate(undefined, {
      onSuccess: (r) => start(r.resendInSeconds || LIMITS.otpResendSeconds),
      onError: (e) => setProblem(translateError(e)),
    });
  };
  const submit = () => {
    setProblem(null);
    if (!noticeSeen) return setProblem(t('filingConfirm.noticeRequired'));
    if (!consent) return setProblem(t('filingConfirm.consentRequired'));
    if (!new RegExp(`^\\d{${LIMITS.otpLength}}$`).test(code.trim())) return setProblem(t('filingConfirm.codeFormat', { digits: LIMITS.otpLength }));
    confirm.mutate({ code: code.trim(), consent: true, noticeSeen: true, noticeVersion: NOTICE_VERSION }, { onError: (e) => setProblem(translateError(e)) });
  };

  const gone = (send.isError && isApiError(send.error) && [404, 409].includes(send.error.status)) || (confirm.isError && isApiError(confirm.error) && confirm.error.status === 409);
  if (confirm.isSuccess) {
    return (
      <div className="page">
        <PageHeading testId="filing-confirm-heading">{t('filingConfirm.title')}</PageHeading>
        <Alert type="success" showIcon title={t('filingConfirm.done', { number: confirm.data.caseNumber ?? '' })} description={t('filingConfirm.doneBody')} data-testid="filing-confirm-done" />
      </div>
    );
  }
  return (
    <div className="page">
      <PageHeading testId="filing-confirm-heading">{t('filingConfirm.title')}</PageHeading>
      <p data-testid="filing-confirm-lead">{t('filingConfirm.lead')}</p>
      {gone && <Alert type="info" showIcon title={t('filingConfirm.gone')} data-testid="filing-confirm-gone" />}
      <NoticeOfRights testId="filing-confirm-notice" />
      <Panel testId="filing-confirm-form">
        <div className="stack">
          <label className="native-choice is-strong">
            <input type="checkbox" checked={noticeSeen} onChange={(e) => setNoticeSeen(e.target.checked)} data-testid="filing-confirm-notice-seen" />
            <span>{t('filingConfirm.noticeSeen')}</span>
          </label>
          <label className="native-choice is-strong">
            <input type="checkbox" checked={consent} onChange={(e) => setConsent(e.target.checked)} data-testid="filing-confirm-consent" />
            <span>{t('filingConfirm.consent')}</span>
          </label>
          <OtpInput
            value={code}
            onChange={setCode}
            onPressEnter={submit}
            ariaLabel={t('filingConfirm.codeLabel')}
            placeholder={t('filingConfirm.codePlaceholder', { digits: LIMITS.otpLength })}
            testId="filing-confirm-code"
          />
          <Button onClick={resend} loading={send.isPending} disabled={remaining > 0} data-testid="filing-confirm-resend">
            {remaining > 0 ? t('filingConfirm.countdown', { seconds: remaining }) : t('filingConfirm.resend')}
          </Button>
          {send.isSuccess && (
            <p className="text-secondary" data-testid="filing-confirm-sent">
              {t('filingConfirm.sent')}
            </p>
          )}
          {problem && <Alert type="error" showIcon title={problem} data-testid="filing-confirm-error" />}
          <Button type="primary" size="large" block loading={confirm.isPending} onClick={submit} data-testid="filing-confirm-submit">
            {t('filingConfirm.submit')}
          </Button>
        </div>
      </Panel>
    </div>
  );
}
