import { Alert, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ConfirmationApplicationView } from '@tiaojie/contracts';
import { applicationUrl, rulingUrl } from '../api/confirmation-api';
import { at } from './confirmation-time';

/** Where the court has the application: its status, deadlines, a refusal or withdrawal, and the filed PDF (R33, R34). */
export function ApplicationStatus({ caseId, app }: { caseId: string; app: ConfirmationApplicationView }) {
  const { t } = useTranslation('confirmation');
  return (
    <div data-testid="confirmation-application" data-status={app.status}>
      <p>
        {t('status.label')}：<Tag data-testid="confirmation-status">{t(`status.${app.status}`)}</Tag> {app.courtName}
      </p>
      {app.status === 'submitted' && app.deadlines.acceptBy && <p>{t('deadline.acceptBy', { date: at(app.deadlines.acceptBy) })}</p>}
      {app.status === 'accepted' && app.deadlines.ruleBy && (
        <p>
          {t('deadline.ruleBy', { date: at(app.deadlines.ruleBy) })}
          {app.deadlines.extended ? t('deadline.extended') : ''}
        </p>
      )}
      {app.refusal && (
        <Alert
          type="error"
          showIcon
          title={t('refusal.title', { ground: t(`refusal.ground.${app.refusal.ground}`) })}
          description={[app.refusal.note, t('refusal.after')].filter(Boolean).join(' ')}
          data-testid="confirmation-refusal"
        />
      )}
      {app.withdrawnReason && <Alert type="warning" showIcon title={t(`withdrawnReason.${app.withdrawnReason}`)} data-testid="confirmation-withdrawn" />}
      {app.applicationPdfUrl && (
        <a href={applicationUrl(caseId)} target="_blank" rel="noreferrer" data-testid="confirmation-application-pdf">
          {t('package.preview')}
        </a>
      )}
    </div>
  );
}

/** The court's ruling: the enforceable ruling to download, or the rejection and the way back to the agreement (R34). */
export function ApplicationRuling({ caseId, app }: { caseId: string; app: ConfirmationApplicationView }) {
  const { t } = useTranslation('confirmation');
  if (app.ruling?.outcome === 'confirmed')
    return (
      <div data-testid="confirmation-ruling">
        <Alert type="success" showIcon title={t('ruling.confirmed', { number: app.ruling.rulingNumber })} description={t('ruling.enforceable')} />
        <a className="ant-btn ant-btn-primary ant-btn-block" href={rulingUrl(caseId)} download data-testid="confirmation-ruling-download">
          {t('ruling.download')}
        </a>
      </div>
    );
  if (app.ruling?.outcome === 'rejected')
    return (
      <div data-testid="confirmation-rejected">
        <Alert
          type="error"
          showIcon
          title={t('ruling.rejected', { ground: t(`ruling.ground.${app.ruling.rejectionGround ?? 'other'}`) })}
          description={[app.ruling.rejectionNote, t('ruling.after')].filter(Boolean).join(' ')}
        />
        <Link to={`/cases/${caseId}/agreement`} data-testid="confirmation-amend">
          {t('ruling.amend')}
        </Link>
      </div>
    );
  return null;
}
