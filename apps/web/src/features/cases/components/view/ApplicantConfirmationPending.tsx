import { FILING_CONFIRMATION_STATES, inStates } from '@tiaojie/domain';
import { Alert, Button } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { LIMITS, type CaseDetail } from '@tiaojie/contracts';
import { translateError } from '../../../../lib/form-errors';
import { useCountdown } from '../../../auth/hooks/useCountdown';
import { requestFilingConfirmationCode } from '../../api/filing-confirmation-api';

const STAFF_CHANNELS = ['grid_worker', 'police', 'court'];

/** R02: a staff-filed application whose applicant has not confirmed it themselves (by SMS code) yet. */
export function awaitsApplicantConfirmation(c: CaseDetail): boolean {
  const applicant = c.parties.find((p) => p.side === 'applicant');
  return STAFF_CHANNELS.includes(c.channel) && inStates(FILING_CONFIRMATION_STATES, c.state) && applicant?.consent === 'pending';
}

/**
 * R02: staff cannot consent for the citizen. While the applicant's own confirmation is pending
 * everyone on the case sees it (mediation cannot start before); the filer can have the code
 * sent again to the mobile filed — the citizen, not the staff member, enters it.
 */
export function ApplicantConfirmationPending({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation('casePage');
  const { remaining, start } = useCountdown();
  const resend = useMutation({ mutationFn: () => requestFilingConfirmationCode(detail.id), onSuccess: (r) => start(r.resendInSeconds || LIMITS.otpResendSeconds) });
  if (!awaitsApplicantConfirmation(detail)) return null;
  const applicant = detail.parties.find((p) => p.side === 'applicant');
  return (
    <Alert
      type="warning"
      showIcon
      title={t('filingConfirm.pendingTitle')}
      description={
        <>
          <p>{t('filingConfirm.pendingBody', { name: applicant?.name ?? '', mobile: applicant?.mobile ?? '' })}</p>
          {resend.isSuccess && <p data-testid="applicant-confirmation-sent">{t('filingConfirm.sent')}</p>}
          {resend.isError && (
            <p className="field-error" role="alert">
              {translateError(resend.error)}
            </p>
          )}
        </>
      }
      action={
        detail.viewerRole === 'filer' ? (
          <Button size="small" loading={resend.isPending} disabled={remaining > 0} onClick={() => resend.mutate()} data-testid="applicant-confirmation-resend">
            {remaining > 0 ? t('filingConfirm.countdown', { seconds: remaining }) : t('filingConfirm.resend')}
          </Button>
        ) : undefined
      }
      data-testid="applicant-confirmation-pending"
    />
  );
}
