import { lazy, Suspense, useDeferredValue } from 'react';
import { lazyWithPreload } from '../../lib/lazy-preload';
import { Alert, Button } from 'antd';
import dayjs from 'dayjs';
import { Trans, useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router-dom';
import type { CaseDetail } from '@tiaojie/contracts';
import { AGREEMENT_STATES, ASSIGNMENT_STATES, CHANNEL_READABLE_STATES, CONFIRMATION_STATES, inStates, isRatingState, PERFORMANCE_STATES } from '@tiaojie/domain';
import { CaseProgress } from '../../components/case/CaseProgress';
import { useScrollToSection } from '../../components/case/NextActionList';
import { CaseStateTag } from '../../components/case/CaseStateTag';
import { PageHeading } from '../../components/ui/PageHeading';
import { AfterFirstPaint } from '../../components/ui/AfterFirstPaint';
import { PageLoader } from '../../components/ui/PageLoader';
import { Panel } from '../../components/ui/Panel';
import { isApiError } from '../../lib/api';
import { translateError } from '../../lib/form-errors';
import { useSession } from '../../lib/session';
import '../../locales/case';
import '../../locales/casePage';
import { caseHasEnding, useEnding } from '../../features/ending/hooks/useEnding';
import { useCaseDetail } from '../../features/cases/hooks/useCase';
import { useCaseStep, type StepFeedback } from '../../features/cases/hooks/useCaseStep';
import { ActionsPanel, partySteps } from '../../features/cases/components/view/ActionsPanel';
import { ApplicantConfirmationPending } from '../../features/cases/components/view/ApplicantConfirmationPending';
import { CaseFactsPanel } from '../../features/cases/components/view/CaseFactsPanel';
import { ArchivePanel } from '../../features/cases/components/view/ArchivePanel';
import { CourtCasePanel } from '../../features/cases/components/view/CourtCasePanel';
import { viewerOf } from '../../features/cases/components/view/case-view-model';
import { DeadlinesPanel } from '../../features/cases/components/view/DeadlinesPanel';

// Ending (R20–R24, R36): its own chunk, loaded for cases that can end.
const EndingPanel = lazyWithPreload(() => import('../../features/ending/components/EndingPanel'));

// Notices sent (issue #4): its own chunk, loaded once the case is there.
const DeliveriesPanel = lazy(() => import('../../features/notifications/components/DeliveriesPanel'));
// R10, R11: recusal and change of mediator, loaded only where there is something to show.
// R07: the roster choice, only while no mediator is assigned.
const MediatorChoicePanel = lazy(() => import('../../features/cases/components/view/MediatorChoicePanel').then((m) => ({ default: m.MediatorChoicePanel })));
// Below the fold (AfterFirstPaint): fetched when it renders, not with the page.
const MediatorChangePanel = lazy(() => import('../../features/mediator-change/components/MediatorChangePanel'));
const ElectronicServicePanel = lazy(() => import('../../features/notifications/components/ElectronicServicePanel'));

/** States in which the server gives the case's people its conversation channels. */
import { DocumentsPanel } from '../../features/cases/components/view/DocumentsPanel';
import { MediatorsPanel } from '../../features/cases/components/view/MediatorsPanel';
import { PartiesPanel } from '../../features/cases/components/view/PartiesPanel';
import { TimelinePanel } from '../../features/cases/components/view/TimelinePanel';

// Settlement, performance and judicial confirmation (issue #6): their own chunks, so the case
// page's first load stays small (each decides itself whether it has anything to show).
const AgreementSection = lazyWithPreload(async () => ({ default: (await import('../../features/settlement/components/AgreementSection')).AgreementSection }));
const ObligationsPanel = lazy(() => import('../../features/performance/components/ObligationsPanel').then((m) => ({ default: m.ObligationsPanel })));

// The parts a case shows in the upper half of the page for most of its life (and the parties'
// steps in ActionsPanel) are fetched with the page itself, so they are there when the case
// data is and do not push the page down as they arrive (TARGETS P5, Lighthouse's CLS).
for (const part of [EndingPanel, AgreementSection, ...partySteps]) {
  part.preload().catch(() => undefined); // fetched again when it renders
}
const RatingPrompt = lazy(() => import('../../features/roster/components/RatingPrompt').then((m) => ({ default: m.RatingPrompt })));
const FollowUpPanel = lazy(() => import('../../features/roster/components/FollowUpPanel').then((m) => ({ default: m.FollowUpPanel })));
const ConfirmationSection = lazy(() => import('../../features/confirmation/components/ConfirmationSection').then((m) => ({ default: m.ConfirmationSection })));

function Feedback({ feedback, onClose }: { feedback: StepFeedback | null; onClose: () => void }) {
  if (!feedback) return null;
  return (
    <Alert type={feedback.type} showIcon closable={{ onClose }} title={feedback.text} role={feedback.type === 'success' ? 'status' : 'alert'} data-testid="case-feedback" data-type={feedback.type} />
  );
}

/** Where the case stands when it left the main path: returned, ended, withdrawn. */
function StateNotice({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation(['casePage', 'case']);
  if (detail.state === 'RETURNED' && detail.returnReason) {
    return (
      <Alert type="warning" showIcon title={t('returned.title', { reason: t(`case:returnReasons.${detail.returnReason}`) })} description={detail.reasonNote ?? undefined} data-testid="case-returned" />
    );
  }
  if (detail.state === 'TERMINATED' && detail.terminationReason) {
    // R22: on failure the parties are told their routes.
    const routes = ['arbitration', 'administrative', 'court'].map((route) => t(`case:routes.${route}`)).join(t('listSeparator'));
    return (
      <Alert
        type="info"
        showIcon
        title={t('ended.title', { reason: t(`case:terminationReasons.${detail.terminationReason}`) })}
        description={
          <>
            {detail.reasonNote && <p className="pre-wrap">{detail.reasonNote}</p>}
            {t('ended.routes', { routes })}
          </>
        }
        data-testid="case-ended"
      />
    );
  }
  if (detail.state === 'WITHDRAWN') return <Alert type="info" showIcon title={t('ended.withdrawn')} data-testid="case-withdrawn" />;
  if (detail.limitedView) {
    return <Alert type="info" showIcon title={t('limited.title')} description={t('limited.body')} data-testid="case-limited" />;
  }
  return null;
}

/**
 * What happens next after submitting (issue #11): a contact time is promised only while the
 * case has an open same-day contact deadline at an organisation (routing sends cases only to
 * organisations that can take them now), with the organisation's name and the deadline itself.
 */
function SubmittedBody({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation('casePage');
  const contact = detail.deadlines.find((d) => d.kind === 'sameDayContact' && !d.overdue);
  return (
    <>
      {contact && detail.organisationName && (
        <span data-testid="case-submitted-contact">{t('submittedContact', { organisation: detail.organisationName, date: dayjs(contact.dueAt).format('MM-DD HH:mm') })}</span>
      )}
      {t('submittedBody')}
    </>
  );
}

/** `/cases/:id`: one case for whoever may see it, with what that viewer may do now. */
export default function CasePage() {
  const { t } = useTranslation(['casePage', 'case']);
  const { id = '' } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const { user } = useSession();
  const detail = useCaseDetail(id);
  const step = useCaseStep(id);
  // The ending panel sits near the top and shows what GET .../ending answers: the page waits
  // for it on the first load rather than letting it push the page down when it comes (CLS).
  const endingEnabled = !!detail.data && caseHasEnding(detail.data);
  const ending = useEnding(id, endingEnabled);
  const justSubmitted = (location.state as { submitted?: boolean } | null)?.submitted === true;
  // 需要您处理 links to a section (`#confirmation`): scroll there once the case has loaded.
  useScrollToSection(location.hash, detail.isSuccess);

  // Only until the ending's first answer (or first failure): a later refetch must not take the
  // page away, nor a failing ending hold it up.
  const awaitingEnding = endingEnabled && !ending.isFetched && ending.failureCount === 0;
  // The answers come from the query cache, outside React, and React renders such an update in
  // one piece, a long task on a phone; deferred, the page's first render with them is a
  // transition instead, in slices, the main thread given back in between (TARGETS P5, TBT).
  // A page opened with its data already cached renders it at once (no deferred first value).
  const loading = useDeferredValue(detail.isPending || awaitingEnding);

  if (!user) return null;
  if (loading || detail.isPending || awaitingEnding) return <PageLoader />;
  if (detail.isError) {
    const missing = isApiError(detail.error) && detail.error.status === 404;
    return (
      <div className="page">
        <Alert type={missing ? 'info' : 'error'} showIcon title={missing ? t('notFound') : translateError(detail.error)} data-testid="case-error" />
        <Button onClick={() => navigate('/home')}>{t('backHome')}</Button>
      </div>
    );
  }

  const c = detail.data;
  const viewer = viewerOf(c, user);
  return (
    <div className="page case-page" data-testid="case-page" data-state={c.state} data-version={c.version}>
      <PageHeading testId="case-heading" extra={<CaseStateTag state={c.state} testId="case-state" />}>
        {c.number ? t('title', { number: c.number }) : t('draftTitle')}
      </PageHeading>
      {justSubmitted && c.number && (
        <Alert
          type="success"
          showIcon
          title={<Trans t={t} i18nKey="submitted" values={{ number: c.number }} components={{ num: <span className="nowrap" /> }} />}
          description={<SubmittedBody detail={c} />}
          data-testid="case-submitted"
        />
      )}
      <Feedback feedback={step.feedback} onClose={() => step.setFeedback(null)} />
      <Panel>
        <CaseProgress state={c.state} />
      </Panel>
      <StateNotice detail={c} />
      <ApplicantConfirmationPending detail={c} />
      <ActionsPanel detail={c} viewer={viewer} step={step} />
      <ArchivePanel detail={c} step={step} />
      {/* Each later part's chunk is fetched only in the states it belongs to (domain's *_STATES), so
          a case early in its life loads none of the settlement code (bench/README.md P5). */}
      {caseHasEnding(c) && (
        <Suspense fallback={null}>
          <EndingPanel detail={c} />
        </Suspense>
      )}
      {inStates(CHANNEL_READABLE_STATES, c.state) && !c.limitedView && (viewer.activeMediator || c.parties.some((p) => p.isViewer)) && (
        <Button type="primary" block onClick={() => navigate(`/cases/${c.id}/mediation`)} data-testid="case-open-mediation">
          {t('openMediation')}
        </Button>
      )}
      {/* Issue #13: a party rates its ended case once (the server decides whether it may). */}
      {isRatingState(c.state) && c.parties.some((p) => p.isViewer) && (
        <Suspense fallback={null}>
          <RatingPrompt caseId={c.id} />
        </Suspense>
      )}
      <DeadlinesPanel detail={c} showSla={viewer.dispatcher || viewer.activeMediator || !!viewer.pendingAssignment} />
      {!c.limitedView && (inStates(AGREEMENT_STATES, c.state) || inStates(PERFORMANCE_STATES, c.state)) && (
        <Suspense fallback={null}>
          {inStates(AGREEMENT_STATES, c.state) && <AgreementSection detail={c} />}
          {inStates(PERFORMANCE_STATES, c.state) && <ObligationsPanel detail={c} />}
        </Suspense>
      )}
      {/* Below the fold on a phone: rendered once the upper part shows (TARGETS P5). */}
      <AfterFirstPaint>
        <CourtCasePanel detail={c} />
        <CaseFactsPanel detail={c} />
        <PartiesPanel detail={c} viewer={viewer} step={step} />
        <MediatorsPanel detail={c} />
        {(c.conflictCheck || c.mediatorChangeRequests.length > 0 || (inStates(ASSIGNMENT_STATES, c.state) && c.parties.some((p) => p.isViewer))) && (
          <Suspense fallback={null}>
            <MediatorChangePanel detail={c} dispatcher={viewer.dispatcher} />
          </Suspense>
        )}
        {/* R07: the parties' joint choice, while no mediator is assigned. */}
        {c.state === 'ACCEPTED' && !c.assignments.some((a) => a.status === 'pending' || a.status === 'accepted') && (
          <Suspense fallback={null}>
            <MediatorChoicePanel detail={c} />
          </Suspense>
        )}
        {!c.limitedView && <DocumentsPanel detail={c} />}
        {inStates(CONFIRMATION_STATES, c.state) && (
          <Suspense fallback={null}>
            <ConfirmationSection caseId={c.id} state={c.state} />
          </Suspense>
        )}
        {/* 回访 (issue #13): staff only — the organisation's admins and the case's mediator. */}
        {inStates(PERFORMANCE_STATES, c.state) && (viewer.dispatcher || !!c.assignments.find((a) => a.mediatorId === user.id && a.status === 'accepted')) && (
          <Suspense fallback={null}>
            <FollowUpPanel caseId={c.id} canSchedule />
          </Suspense>
        )}
        <TimelinePanel caseId={c.id} />
        {/* R38: a party complains about the case's mediator or organisation (the server checks it is a party). */}
        {c.state !== 'DRAFT' && c.organisationId && c.parties.some((p) => p.isViewer) && (
          <Button type="link" onClick={() => navigate(`/complaints/new?caseId=${encodeURIComponent(c.id)}`)} data-testid="case-complain">
            {t('complain')}
          </Button>
        )}
        {c.state !== 'DRAFT' && (
          <Suspense fallback={null}>
            <DeliveriesPanel caseId={c.id} staff={viewer.dispatcher || viewer.activeMediator || ['mediator', 'org_admin', 'org_member'].includes(c.viewerRole)} />
            {/* R40: consent to electronic service; proofs of service for the staff. */}
            {!c.limitedView && <ElectronicServicePanel detail={c} staff={viewer.dispatcher || viewer.activeMediator || ['mediator', 'org_admin', 'org_member'].includes(c.viewerRole)} />}
          </Suspense>
        )}
      </AfterFirstPaint>
    </div>
  );
}
