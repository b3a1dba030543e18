import { useEffect, useRef } from 'react';
import { Alert, Button } from 'antd';
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
import { useClaimInvitation, useInvitation } from '../hooks/useInvitation';

/**
 * `/invite/:token` (R12): what a respondent sees from the SMS link before logging in; logging in
 * or registering comes back here (`?answer=1`), takes up the invitation and opens the case,
 * where the respondent consents or refuses (R01, R02).
 */
export default function InvitationPage() {
  const { t } = useTranslation(['invitation', 'case']);
  const { token = '' } = useParams();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { user, isLoading } = useSession();
  const invitation = useInvitation(token);
  const claim = useClaimInvitation(token);
  const logout = useLogout();
  const autoClaimed = useRef(false);

  const answer = () =>
    claim.mutate(undefined, { onSuccess: ({ caseId }) => navigate(`/cases/${caseId}`, { replace: true }) });

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

  const view = invitation.data;
  const back = `/invite/${encodeURIComponent(token)}?answer=1`;
  const mismatch = claim.isError && isApiError(claim.error) && claim.error.status === 403;
  const open = view.state === 'ACCEPTED' || view.state === 'SUBMITTED';

  return (
    <div className="page">
      <PageHeading testId="invitation-heading">{t('title')}</PageHeading>
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
                <DeadlineCountdown
                  deadline={{ kind: 'contactRespondent', rule: 'R12', dueAt: view.answerBy, overdue: false, dueSoon: false }}
                  showLabel={false}
                  testId="invitation-answer-by"
                />
              </dd>
            </>
          )}
          <dt>{t('sentTo')}</dt>
          <dd>{view.mobileMasked}</dd>
        </dl>
      </Panel>
      {/* R35: "free" only when the organisation charges nothing; otherwise its fees. */}
      {view.chargesFees ? (
        <Alert type="info" showIcon title={t('charges', { org: view.organisationName ?? '' })} description={view.feeSchedule || undefined} data-testid="invitation-fees" />
      ) : (
        <Alert type="success" showIcon title={t('free')} data-testid="invitation-free" />
      )}
      {!open && <Alert type="info" showIcon title={t('closed')} data-testid="invitation-closed" />}

      {mismatch && (
        <Alert
          type="warning"
          showIcon
          title={t('mismatch', { mobile: view.mobileMasked })}
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
          <p className="text-secondary">{t('loginHint', { mobile: view.mobileMasked })}</p>
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
