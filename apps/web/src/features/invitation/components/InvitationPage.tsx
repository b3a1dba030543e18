import { useEffect, useRef, useState } from 'react';
import { Alert, Button } from 'antd';
import { OtpInput } from '../../../components/ui/OtpInput';
import { LIMITS } from '@tiaojie/contracts';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { formatCny } from '@tiaojie/domain';
import { DeadlineCountdown } from '../../../components/case/DeadlineCountdown';
import { PageHeading } from '../../../components/ui/PageHeading';
import { PageLoader } from '../../../components/ui/PageLoader';
import { Panel } from '../../../components/ui/Panel';
import { isApiError } from '../../../lib/api';
import { translateError } from '../../../lib/form-errors';
import { useLogout, useSession } from '../../../lib/session';
import '../../../locales/case';
import '../../../locales/invitation';
import { useCountdown } from '../../auth/hooks/useCountdown';
import { useClaimInvitation, useInvitation, useInvitationCode, useInvitationView } from '../hooks/useInvitation';

/**
 * `/invite/:token` (R12): the link alone shows nothing of the dispute (R15: a forwarded SMS
 * must not disclose it) — only the masked number a code goes to; with that code the respondent
 * reads the summary. Logging in or registering comes back here (`?answer=1`), takes up the
 * invitation and opens the case, where the respondent consents or refuses (R01, R02). Once
 * taken up, the link shows no summary any more.
 */
export default function InvitationPage() {
  const { t } = useTranslation(['invitation', 'case']);
  const { token = '' } = useParams();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { user, isLoading } = useSession();
  const invitation = useInvitation(token);
  const claim = useClaimInvitation(token);
  const sendCode = useInvitationCode(token);
  const verify = useInvitationView(token);
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | null>(null);
  const { remaining, start } = useCountdown();
  const logout = useLogout();
  const autoClaimed = useRef(false);

  const requestCode = () => {
    setCodeError(null);
    sendCode.mutate(undefined, {
      onSuccess: (r) => start(r.resendInSeconds || LIMITS.otpResendSeconds),
      onError: (e) => setCodeError(translateError(e)),
    });
  };
  const showSummary = () => {
    setCodeError(null);
    if (!new RegExp(`^\\d{${LIMITS.otpLength}}$`).test(code.trim())) {
      setCodeError(t('codeFormat', { digits: LIMITS.otpLength }));
      return;
    }
    verify.mutate(code.trim(), { onError: (e) => setCodeError(translateError(e)) });
  };

  const answer = () => claim.mutate(undefined, { onSuccess: ({ caseId }) => navigate(`/cases/${caseId}`, { replace: true }) });

  // Back from logging in or registering: take the invitation up straight away.
  useEffect(() => {
    if (user && params.get('answer') === '1' && invitation.isSuccess && !autoClaimed.current) {
      autoClaimed.current = true;
      answer();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [user, invitation.isSuccess, params]);

  if (invitation.isPending || isLoading) return <PageLoader />;
  if (invitation.isError) {
    const invalid = isApiError(invitation.error) && invitation.error.status === 404;
    return (
      <div className="page">
        <PageHeading testId="invitation-heading">{t('title')}</PageHeading>
        <Alert
          type={invalid ? 'warning' : 'error'}
          showIcon
          title={invalid ? t('invalid') : translateError(invitation.error)}
          description={invalid ? t('invalidBody') : undefined}
          data-testid="invitation-invalid"
        />
      </div>
    );
  }

  const preview = invitation.data;
  const view = verify.data;
  const back = `/invite/${encodeURIComponent(token)}?answer=1`;
  const mismatch = claim.isError && isApiError(claim.error) && claim.error.status === 403;
  const open = !view || view.state === 'ACCEPTED' || view.state === 'SUBMITTED';
  const claimed = preview.status === 'claimed';

  return (
    <div className="page">
      <PageHeading testId="invitation-heading">{t('title')}</PageHeading>
      {claimed && <Alert type="info" showIcon title={t('claimed')} description={t('claimedBody', { mobile: preview.mobileMasked })} data-testid="invitation-claimed" />}
      {!claimed && !view && (
        <Panel testId="invitation-verify">
          <p data-testid="invitation-verify-lead">{t('verifyLead', { mobile: preview.mobileMasked })}</p>
          <div className="stack">
            <Button onClick={requestCode} loading={sendCode.isPending} disabled={remaining > 0} data-testid="invitation-code-send">
              {remaining > 0 ? t('codeCountdown', { seconds: remaining }) : sendCode.isSuccess ? t('codeResend') : t('codeSend')}
            </Button>
            {sendCode.isSuccess && (
              <p className="text-secondary" data-testid="invitation-code-sent">
                {t('codeSent', { mobile: preview.mobileMasked })}
              </p>
            )}
            <OtpInput value={code} onChange={setCode} onPressEnter={showSummary} ariaLabel={t('codeLabel')} placeholder={t('codePlaceholder', { digits: LIMITS.otpLength })} testId="invitation-code" />
            {codeError && <Alert type="error" showIcon title={codeError} data-testid="invitation-code-error" />}
            <Button type="primary" onClick={showSummary} loading={verify.isPending} data-testid="invitation-code-submit">
              {t('codeSubmit')}
            </Button>
          </div>
        </Panel>
      )}
      {view && (
        <Panel testId="invitation-summary">
          <p className="invitation-lead" data-testid="invitation-lead">
            {t('lead', { applicant: view.applicantName, respondent: view.respondentName, type: t(`case:disputeTypes.${view.disputeType}`) })}
          </p>
          <dl className="summary-list">
            {view.caseNumber && (
              <>
                <dt>{t('number')}</dt>
                <dd data-testid="invitation-number">{view.caseNumber}</dd>
              </>
            )}
            {view.organisationName && (
              <>
                <dt>{t('organisation')}</dt>
                <dd>{view.organisationName}</dd>
              </>
            )}
            <dt>{t('facts')}</dt>
            <dd className="pre-wrap">{view.factsSummary}</dd>
            {view.claimAmount && (
              <>
                <dt>{t('amount')}</dt>
                <dd>{formatCny(view.claimAmount)}</dd>
              </>
            )}
            {view.answerBy && open && (
              <>
                <dt>{t('answerBy')}</dt>
                <dd>
                  <DeadlineCountdown deadline={{ kind: 'contactRespondent', rule: 'R12', dueAt: view.answerBy, overdue: false, dueSoon: false }} showLabel={false} testId="invitation-answer-by" />
                </dd>
              </>
            )}
            <dt>{t('sentTo')}</dt>
            <dd>{view.mobileMasked}</dd>
          </dl>
        </Panel>
      )}
      {/* R35: "free" only when the organisation charges nothing; otherwise its fees. */}
      {view?.chargesFees ? (
        <Alert type="info" showIcon title={t('charges', { org: view?.organisationName ?? '' })} description={view?.feeSchedule || undefined} data-testid="invitation-fees" />
      ) : (
        <Alert type="success" showIcon title={t('free')} data-testid="invitation-free" />
      )}
      {!open && <Alert type="info" showIcon title={t('closed')} data-testid="invitation-closed" />}

      {mismatch && (
        <Alert
          type="warning"
          showIcon
          title={t('mismatch', { mobile: preview.mobileMasked })}
          action={
            <Button size="small" onClick={() => logout.mutate(undefined, { onSettled: () => navigate(`/login?next=${encodeURIComponent(back)}`) })}>
              {t('logout')}
            </Button>
          }
          data-testid="invitation-mismatch"
        />
      )}
      {claim.isError && !mismatch && <Alert type="error" showIcon title={translateError(claim.error)} data-testid="invitation-error" />}

      {user ? (
        <Button type="primary" size="large" block loading={claim.isPending} onClick={answer} data-testid="invitation-answer">
          {claim.isPending ? t('claiming') : t('answer')}
        </Button>
      ) : (
        <div className="stack">
          <p className="text-secondary">{t('loginHint', { mobile: preview.mobileMasked })}</p>
          <Button type="primary" size="large" block onClick={() => navigate(`/login?tab=sms&next=${encodeURIComponent(back)}`)} data-testid="invitation-login">
            {t('loginToAnswer')}
          </Button>
          <Button size="large" block onClick={() => navigate(`/register?next=${encodeURIComponent(back)}`)} data-testid="invitation-register">
            {t('registerToAnswer')}
          </Button>
        </div>
      )}
    </div>
  );
}
