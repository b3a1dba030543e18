import { lazy, Suspense, useState } from 'react';
import { lazyWithPreload } from '../../../../lib/lazy-preload';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { CaseDetail } from '@tiaojie/contracts';
import { NextActionList } from '../../../../components/case/NextActionList';
import { PageLoader } from '../../../../components/ui/PageLoader';
import { Panel } from '../../../../components/ui/Panel';
import { caseSteps } from '../../api/cases-api';
import type { useCaseStep } from '../../hooks/useCaseStep';
import { offersWithReason, type CaseViewer } from './case-view-model';

// Loaded for whoever needs them: a respondent's consent, the staff's steps.
const RespondentConsent = lazyWithPreload(() => import('./RespondentConsent'));
const StaffActions = lazy(() => import('./StaffActions'));
const EndMediation = lazyWithPreload(() => import('./EndMediation'));
/** The parties' steps, which the case page fetches with itself (CasePage.tsx). */
export const partySteps = [RespondentConsent, EndMediation];

type CaseStep = ReturnType<typeof useCaseStep>;
interface SectionProps {
  detail: CaseDetail;
  step: CaseStep;
}

function ApplicantActions({ detail, step }: SectionProps) {
  const { t } = useTranslation('casePage');
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  const [note, setNote] = useState('');
  const editable = detail.state === 'DRAFT' || detail.state === 'RETURNED';
  return (
    <div className="action-block" data-testid="applicant-actions">
      {editable && (
        <Button type="primary" block onClick={() => navigate(`/cases/${detail.id}/edit`)} data-testid="case-edit">
          {detail.state === 'DRAFT' ? t('actions.continue') : t('actions.edit')}
        </Button>
      )}
      {detail.actions.includes('withdraw') &&
        (confirming ? (
          <div className="inline-form" data-testid="withdraw-form">
            <div className="inline-form-title">{t('actions.withdrawConfirm')}</div>
            <textarea
              className="native-textarea"
              value={note}
              onChange={(event) => setNote(event.target.value)}
              placeholder={t('actions.withdrawNote')}
              aria-label={t('actions.withdrawNote')}
              rows={2}
              maxLength={1000}
            />
            <div className="button-row">
              <Button onClick={() => setConfirming(false)}>{t('actions.cancel')}</Button>
              <Button
                danger
                type="primary"
                loading={step.pending}
                onClick={() =>
                  step.run({
                    run: () => caseSteps.withdraw(detail.id, { version: detail.version, ...(note.trim() ? { reasonNote: note.trim() } : {}) }),
                    success: t('done.withdraw'),
                    onDone: () => setConfirming(false),
                  })
                }
                data-testid="case-withdraw-confirm"
              >
                {t('actions.withdraw')}
              </Button>
            </div>
          </div>
        ) : (
          <Button block danger onClick={() => setConfirming(true)} data-testid="case-withdraw">
            {t('actions.withdraw')}
          </Button>
        ))}
    </div>
  );
}

/**
 * What the viewer may do now: the state-machine actions the API lists in `detail.actions`, and
 * the role-specific steps around them (assigning, answering an assignment, editing a return).
 */
export function ActionsPanel({ detail, viewer, step }: SectionProps & { viewer: CaseViewer }) {
  const { t } = useTranslation('casePage');
  const applicant = viewer.applicantSide && (detail.state === 'DRAFT' || detail.state === 'RETURNED' || detail.actions.includes('withdraw'));
  const respondent = viewer.respondent?.consent === 'pending' && detail.actions.includes('respondent_consent');
  const mediator = viewer.activeMediator && (detail.actions.includes('start_mediation') || detail.state === 'ACCEPTED');
  // Ending mediation is the ending panel's (features/ending): the R22 reason with the R23 report.
  const dispatcher =
    viewer.dispatcher && (detail.actions.includes('accept_application') || offersWithReason(detail, 'org_admin', 'return') || detail.state === 'ACCEPTED' || detail.state === 'MEDIATING');
  // R01 (PML 23): a party that consented may end mediation itself at any time.
  const partyEnd = detail.actions.includes('party_refuse');
  // "需要您处理" (issue #11): the steps taken in other sections (signing the agreement, applying
  // to the court, the court's requests, mediator changes) are listed here with their deadlines,
  // from the same server-side rule as the home page (domain nextActionsFor) — never "nothing to do".
  const elsewhere = (detail.nextActions ?? []).filter((a) => a.section !== 'actions').map((a) => ({ ...a, caseId: detail.id }));
  const any = applicant || respondent || partyEnd || dispatcher || !!viewer.pendingAssignment || mediator || elsewhere.length > 0;

  return (
    <Panel title={t('sections.actions')} testId="case-actions">
      <div className="stack">
        {elsewhere.length > 0 && <NextActionList items={elsewhere} testId="case-next-actions" />}
        {applicant && <ApplicantActions detail={detail} step={step} />}
        <Suspense fallback={<PageLoader />}>
          {respondent && <RespondentConsent detail={detail} step={step} />}
          {partyEnd && <EndMediation detail={detail} step={step} />}
          {(dispatcher || !!viewer.pendingAssignment || mediator) && <StaffActions detail={detail} step={step} sections={{ dispatcher, answer: !!viewer.pendingAssignment, mediator }} />}
        </Suspense>
        {!any && <p className="text-secondary empty-line">{t('actions.none')}</p>}
      </div>
    </Panel>
  );
}
