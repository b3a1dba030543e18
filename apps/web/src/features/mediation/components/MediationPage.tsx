import { CHANNEL_WRITABLE_STATES, inStates } from '@tiaojie/domain';
import { lazy, Suspense, useMemo } from 'react';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { PageLoader } from '../../../components/ui/PageLoader';
import { isApiError } from '../../../lib/api';
import { useSession } from '../../../lib/session';
import '../../../locales/case';
import '../../../locales/mediation';
import { describeAckError } from '../errors';
import { useMediationCase } from '../hooks/useMediationQueries';
import { useMediationRoom } from '../hooks/useMediationRoom';
import { callsSupported, useVideoCall } from '../hooks/useVideoCall';
import { CallPanel } from './CallPanel';
import { Notice } from './LightControls';
import { MediationContext, type MediationContextValue } from './MediationContext';
import './mediation.css';

// A party never loads the console, a mediator never the party view.
const PartyView = lazy(() => import('./PartyView').then((m) => ({ default: m.PartyView })));
const MediatorConsole = lazy(() => import('./MediatorConsole').then((m) => ({ default: m.MediatorConsole })));

/** States in which the server takes new messages (it decides; the page only greys the composer out). */

function ConnectionLine({ status, offline }: { status: string; offline: boolean }) {
  const { t } = useTranslation('mediation');
  // Issue #11: no network is said at once (the browser's event), not after the socket times out.
  if (offline) return <Notice type="warning" title={t('status.offline')} testId="connection-status" />;
  if (status !== 'reconnecting') return null;
  return <Notice type="warning" title={t('status.reconnecting')} testId="connection-status" />;
}

/**
 * `/cases/:id/mediation`: the separate sessions (背对背, R15) of a case. The server decides
 * what this account sees: a party gets its own caucus (and the joint channel while it is
 * open), a mediator every caucus, the joint channel and the notes — and so gets the console.
 */
export default function MediationPage() {
  const { t } = useTranslation('mediation');
  const { id = '' } = useParams();
  const { user } = useSession();
  const detail = useMediationCase(id);
  const { room, state } = useMediationRoom(id, user?.id ?? null);
  const self = useMemo(() => (user ? { id: user.id, name: user.name } : null), [user]);
  const { controller, call } = useVideoCall(room, self);

  const mediatorIds = useMemo(() => new Set((detail.data?.assignments ?? []).filter((a) => a.status === 'accepted').map((a) => a.mediatorId)), [detail.data]);
  const isMediator = state.channels.some((c) => c.kind === 'notes');
  const value: MediationContextValue | null =
    room && self
      ? {
          caseId: id,
          room,
          state,
          viewer: self,
          detail: detail.data,
          isMediator,
          mediatorIds,
          writable: detail.data ? inStates(CHANNEL_WRITABLE_STATES, detail.data.state) : true,
          calls: { controller, state: call, supported: callsSupported() },
        }
      : null;

  if (!user) return null;
  const missing = (detail.isError && isApiError(detail.error) && detail.error.status === 404) || state.status === 'denied';
  if (missing) {
    return (
      <div className="page" data-testid="mediation-page" data-status="denied">
        <Notice type="info" title={t('status.denied')} testId="mediation-denied" />
        <div className="button-row button-row-start">
          <Link to={`/cases/${id}`}>{t('backToCase')}</Link>
          <Link to="/home">{t('backHome')}</Link>
        </div>
      </div>
    );
  }
  if (state.status === 'failed') {
    return (
      <div className="page" data-testid="mediation-page" data-status="failed">
        <Notice type="error" title={t('status.connectFailed', { reason: describeAckError({ code: state.errorCode ?? 'UNKNOWN', message: '' }) })} testId="mediation-failed" />
        <div className="button-row button-row-start">
          <Button onClick={() => window.location.reload()}>{t('status.retry')}</Button>
          <Link to={`/cases/${id}`}>{t('backToCase')}</Link>
        </div>
      </div>
    );
  }
  if (!value || !state.joinedOnce) return <PageLoader />;

  return (
    <MediationContext.Provider value={value}>
      <div className={`page mediation-page${isMediator ? ' mediation-page-console' : ''}`} data-testid="mediation-page" data-role={isMediator ? 'mediator' : 'party'} data-status={state.status}>
        <ConnectionLine status={state.status} offline={state.offline} />
        <Suspense fallback={<PageLoader />}>{isMediator ? <MediatorConsole /> : <PartyView />}</Suspense>
        <CallPanel />
      </div>
    </MediationContext.Provider>
  );
}
