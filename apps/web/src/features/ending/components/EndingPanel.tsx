import { lazy, Suspense, useState } from 'react';
import { Alert, Button, Tag } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, EndingView, ExtensionView } from '@tiaojie/contracts';
import { Panel } from '../../../components/ui/Panel';
import { describeApiError } from '../../../lib/form-errors';
import '../../../locales/case';
import '../../../locales/ending';
import { endingSteps } from '../api/ending-api';
import { useEnding, useEndingStep } from '../hooks/useEnding';
import './ending.css';
import { ENDING_STATES, inStates } from '@tiaojie/domain';
// The dialogs (forms, modals, number inputs) load when one opens: the case page's first load
// stays small (bench/README.md P5).
const TerminateDialog = lazy(() => import('./EndingDialogs').then((m) => ({ default: m.TerminateDialog })));
const EscalateDialog = lazy(() => import('./EndingDialogs').then((m) => ({ default: m.EscalateDialog })));
const ExtensionDialog = lazy(() => import('./EndingDialogs').then((m) => ({ default: m.ExtensionDialog })));
const NoteDialog = lazy(() => import('./EndingDialogs').then((m) => ({ default: m.NoteDialog })));

type Dialog = 'terminate' | 'escalate' | 'extension' | 'suspend' | 'resume' | null;

const when = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm');

function ExtensionLine({ ext, caseId, onError }: { ext: ExtensionView; caseId: string; onError: (e: unknown) => void }) {
  const { t } = useTranslation('ending');
  const step = useEndingStep(caseId);
  const answer = (partyId: string, consent: boolean) => step.mutate(() => endingSteps.answerExtension(caseId, ext.id, { partyId, consent }), { onError });
  return (
    <div className="stack" data-testid="extension" data-status={ext.status}>
      <div>
        {t('extension.proposed', { days: ext.days, reason: ext.reason })}{' '}
        <Tag color={ext.status === 'granted' ? 'green' : ext.status === 'refused' ? 'red' : 'gold'} data-testid="extension-status">
          {t(`extension.status.${ext.status}`)}
        </Tag>
      </div>
      <ul className="ending-list">
        {ext.consents.map((c) => (
          <li key={c.partyId} data-testid="extension-consent" data-decision={c.decision}>
            {c.partyName}：{t(`extension.decision.${c.decision}`)}
          </li>
        ))}
      </ul>
      {ext.viewerPendingPartyIds.map((partyId) => (
        <Alert
          key={partyId}
          type="warning"
          showIcon
          title={t('extension.prompt', { days: ext.days })}
          data-testid="extension-prompt"
          description={
            <div className="button-row">
              <Button onClick={() => answer(partyId, false)} loading={step.isPending} data-testid="extension-refuse">
                {t('extension.refuse')}
              </Button>
              <Button type="primary" onClick={() => answer(partyId, true)} loading={step.isPending} data-testid="extension-consent-button">
                {t('extension.consent')}
              </Button>
            </div>
          }
        />
      ))}
    </div>
  );
}

function Report({ view }: { view: EndingView }) {
  const { t } = useTranslation(['ending', 'case']);
  const r = view.failureReport;
  if (!r) return null;
  return (
    <div className="stack" data-testid="failure-report">
      <h3 className="ending-subtitle">{t('report.title')}</h3>
      <dl className="ending-fields">
        <dt>{t('report.reason')}</dt>
        <dd data-testid="failure-report-reason">
          {t(`case:terminationReasons.${r.reasonCode}`)}
          {r.reasonNote ? `（${r.reasonNote}）` : ''}
        </dd>
        <dt>{t('report.situation')}</dt>
        <dd className="pre-wrap">{r.situation}</dd>
        <dt>{t('report.costConduct')}</dt>
        <dd className="pre-wrap">{r.costConduct ?? t('report.none')}</dd>
      </dl>
      <p className="text-secondary">
        {t('report.author', { name: r.authorName })} · {when(r.createdAt)}
      </p>
      <a href={r.pdfUrl} download className="document-link" data-testid="failure-report-pdf">
        {t('report.download')}
      </a>
    </div>
  );
}

/**
 * The end of a mediation on the case page: the period and its extensions (R20), the
 * mediator's "end mediation" with the failure report (R22, R23), the routes after failure,
 * escalation and where the case went (R24), and the sham-mediation flag (R36).
 */
const PARTY_ROLES: readonly CaseDetail['viewerRole'][] = ['applicant', 'respondent', 'agent'];

export default function EndingPanel({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation(['ending', 'case']);
  const enabled = inStates(ENDING_STATES, detail.state) && !detail.limitedView;
  const ending = useEnding(detail.id, enabled);
  const step = useEndingStep(detail.id);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  // Citizen words on a party's screen (issue #11): no "移送", no structured-data (JSON) download.
  const party = PARTY_ROLES.includes(detail.viewerRole);
  if (!enabled || !ending.data) return null;
  const view = ending.data;
  const can = (a: EndingView['actions'][number]) => view.actions.includes(a);
  // Each dialog submits through the step; an API error rejects so the form shows it under its field.
  const run = (call: () => Promise<unknown>, doneText: string) =>
    step.mutateAsync(call).then(() => {
      setDialog(null);
      setError(null);
      setDone(doneText);
    });
  const onError = (e: unknown) => {
    setDone(null);
    setError(describeApiError(e));
  };
  const version = detail.version;
  const pendingExt = view.extensions.some((e) => e.status === 'pending' || e.viewerPendingPartyIds.length);
  const nothing = !view.mediationDeadline && !view.failureReport && !view.filing && !view.actions.length && detail.state !== 'SUSPENDED' && !view.routesAfterFailure.length && !pendingExt;
  if (nothing) return null;

  return (
    <Panel title={t('title')} testId="ending-panel">
      <div className="stack">
        {done && <Alert type="success" showIcon title={done} role="status" closable={{ onClose: () => setDone(null) }} data-testid="ending-done" />}
        {error && <Alert type="error" showIcon title={error} closable={{ onClose: () => setError(null) }} data-testid="ending-error" />}
        {detail.state === 'SUSPENDED' && (
          <Alert
            type="warning"
            showIcon
            title={t('sham.suspended')}
            description={view.shamReport ? t('sham.report', { name: view.shamReport.reporterName, note: view.shamReport.note }) : t('sham.suspendedBody')}
            data-testid="ending-suspended"
          />
        )}
        {view.mediationDeadline && (detail.state === 'ACCEPTED' || detail.state === 'MEDIATING') && (
          <p data-testid="ending-deadline">
            {t('period.deadline', { date: when(view.mediationDeadline) })}
            {view.extensionDays > 0 && <span className="text-secondary"> · {t('period.extended', { days: view.extensionDays })}</span>}
          </p>
        )}
        {/* R20: appraisal and suspension time do not count against the period; the deadline moves by it. */}
        {view.periodPauses.length > 0 && (
          <ul className="ending-list" data-testid="ending-pauses">
            {view.periodPauses.map((p) => (
              <li key={`${p.kind}-${p.from}`}>
                {t(`period.pause.${p.kind}`)}：{when(p.from)} – {p.to ? when(p.to) : t('period.pause.running')}
              </li>
            ))}
          </ul>
        )}
        {view.extensions.map((ext) => (
          <ExtensionLine key={ext.id} ext={ext} caseId={detail.id} onError={onError} />
        ))}
        <Report view={view} />
        {view.routesAfterFailure.length > 0 && (
          <div data-testid="ending-routes">
            <h3 className="ending-subtitle">{t('routes.title')}</h3>
            <ul className="ending-list">
              {view.routesAfterFailure.map((r) => (
                <li key={r} data-testid={`ending-route-${r}`}>
                  {t(`routes.${r}`)}
                </li>
              ))}
            </ul>
          </div>
        )}
        {view.filing && (
          <div className="stack" data-testid="ending-filing" data-route={view.filing.route} data-status={view.filing.status}>
            <h3 className="ending-subtitle">{t(party ? 'filing.titleParty' : 'filing.title')}</h3>
            <dl className="ending-fields">
              <dt>{t('filing.route')}</dt>
              <dd>{t(`escalate.routes.${view.filing.route}`)}</dd>
              {view.filing.courtName && (
                <>
                  <dt>{t('filing.court')}</dt>
                  <dd data-testid="ending-filing-court">{view.filing.courtName}</dd>
                </>
              )}
            </dl>
            {view.filing.route !== 'arbitration' && (
              <Tag color={view.filing.status === 'registered' ? 'green' : 'blue'}>{t(`${party ? 'filing.statusParty' : 'filing.status'}.${view.filing.status}`)}</Tag>
            )}
            <a href={view.filing.packagePdfUrl} download className="document-link" data-testid="ending-package-pdf">
              {t('filing.downloadPdf')}
            </a>
            {!party && (
              <a href={view.filing.packageJsonUrl} download className="document-link" data-testid="ending-package-json">
                {t('filing.downloadJson')}
              </a>
            )}
          </div>
        )}
        <div className="stack">
          {(can('start_appraisal') || can('end_appraisal')) && (
            <Button
              block
              loading={step.isPending}
              onClick={() =>
                step.mutate(() => endingSteps.appraisal(detail.id, { start: can('start_appraisal'), version }), {
                  onSuccess: () => setDone(t(can('start_appraisal') ? 'period.pause.started' : 'period.pause.ended')),
                  onError,
                })
              }
              data-testid="ending-appraisal"
            >
              {t(can('start_appraisal') ? 'period.pause.start' : 'period.pause.end')}
            </Button>
          )}
          {can('propose_extension') && (
            <Button block onClick={() => setDialog('extension')} data-testid="ending-propose-extension">
              {t('extension.propose')}
            </Button>
          )}
          {can('escalate') && (
            <Button type="primary" block onClick={() => setDialog('escalate')} data-testid="ending-escalate">
              {t('escalate.open')}
            </Button>
          )}
          {can('resume') && (
            <Button block onClick={() => setDialog('resume')} data-testid="ending-resume">
              {t('sham.resume')}
            </Button>
          )}
          {can('terminate') && (
            <Button danger block onClick={() => setDialog('terminate')} data-testid="ending-terminate">
              {t('terminate.open')}
            </Button>
          )}
          {can('suspend') && (
            <Button danger type="text" block onClick={() => setDialog('suspend')} data-testid="ending-suspend">
              {t('sham.flag')}
            </Button>
          )}
        </div>
      </div>
      <Suspense fallback={null}>
        {dialog === 'terminate' && (
          <TerminateDialog
            open
            pending={step.isPending}
            onCancel={() => setDialog(null)}
            onSubmit={(v) =>
              run(() => endingSteps.terminate(detail.id, { version, ...v, reasonNote: v.reasonNote?.trim() || undefined, costConduct: v.costConduct?.trim() || undefined }), t('terminate.done'))
            }
          />
        )}
        {dialog === 'escalate' && view.escalationRoutes.length > 0 && (
          <EscalateDialog
            routes={view.escalationRoutes}
            open
            pending={step.isPending}
            onCancel={() => setDialog(null)}
            onSubmit={(v) => run(() => endingSteps.escalate(detail.id, { version, route: v.route }), t('escalate.done'))}
          />
        )}
        {dialog === 'extension' && (
          <ExtensionDialog
            open
            pending={step.isPending}
            onCancel={() => setDialog(null)}
            onSubmit={(v) => run(() => endingSteps.proposeExtension(detail.id, { version, days: v.days, reason: v.reason }), t('extension.done.proposed'))}
          />
        )}
        {dialog === 'suspend' && (
          <NoteDialog
            kind="suspend"
            open
            pending={step.isPending}
            onCancel={() => setDialog(null)}
            onSubmit={(v) => run(() => endingSteps.suspend(detail.id, { version, note: v.note }), t('sham.done'))}
          />
        )}
        {dialog === 'resume' && (
          <NoteDialog
            kind="resume"
            open
            pending={step.isPending}
            onCancel={() => setDialog(null)}
            onSubmit={(v) => run(() => endingSteps.resume(detail.id, { version, note: v.note?.trim() || undefined }), t('sham.resumed'))}
          />
        )}
      </Suspense>
    </Panel>
  );
}
