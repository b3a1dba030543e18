import { useState } from 'react';
import { Alert, Button, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { CaseDetail } from '@tiaojie/contracts';
import { DECLINE_REASONS, RETURN_REASONS } from '@tiaojie/domain';
import { PageLoader } from '../../../../components/ui/PageLoader';
import { translateError } from '../../../../lib/form-errors';
import { caseSteps } from '../../api/cases-api';
import { useMediatorProposals } from '../../hooks/useCase';
import type { useCaseStep } from '../../hooks/useCaseStep';
import { offersWithReason, startBlockers } from './case-view-model';
import { ReasonForm } from './ReasonForm';

/**
 * The steps of the organisation's staff on a case: accept, return, assign (dispatcher); answer
 * an assignment, start, end (mediator). A chunk of its own: parties never load it.
 */

type CaseStep = ReturnType<typeof useCaseStep>;
interface SectionProps {
  detail: CaseDetail;
  step: CaseStep;
}

/** R07, R08: the dispatcher picks from the organisation's mediators, least loaded and best suited first. */
function AssignMediator({ detail, step, onClose }: SectionProps & { onClose: () => void }) {
  const { t } = useTranslation(['casePage', 'case']);
  const proposals = useMediatorProposals(detail.id, true);
  const role = detail.assignments.some((a) => a.role === 'presiding' && (a.status === 'pending' || a.status === 'accepted')) ? 'member' : 'presiding';
  let body;
  if (proposals.isPending) body = <PageLoader />;
  else if (proposals.isError) body = <Alert type="error" showIcon title={translateError(proposals.error)} />;
  else if (!proposals.data.length) body = <p className="text-secondary">{t('actions.noProposals')}</p>;
  else
    body = (
      <ul className="item-list">
        {proposals.data.map((mediator) => (
          <li key={mediator.id} className="item" data-testid="proposal" data-name={mediator.name}>
            <div className="item-title">
              {mediator.name}
              {mediator.disputeTypes.includes(detail.disputeType) && <Tag color="green">{t('actions.handles')}</Tag>}
            </div>
            <div className="item-meta">
              <span data-testid="proposal-load">{t('actions.activeCases', { count: mediator.activeCases ?? 0 })}</span>
              <span>{t('actions.years', { count: mediator.yearsOfPractice })}</span>
            </div>
            {mediator.expertise.length > 0 && (
              <div className="tag-row">
                {mediator.expertise.map((item) => (
                  <Tag key={item}>{item}</Tag>
                ))}
              </div>
            )}
            <Button
              type="primary"
              size="small"
              loading={step.pending && step.variables?.success === t('done.assign', { name: mediator.name })}
              onClick={() =>
                step.run({
                  run: () => caseSteps.assign(detail.id, { version: detail.version, mediatorId: mediator.id, role }),
                  success: t('done.assign', { name: mediator.name }),
                  onDone: onClose,
                })
              }
              data-testid="proposal-assign"
            >
              {t(`actions.assignAs.${role}`)}
            </Button>
          </li>
        ))}
      </ul>
    );
  return (
    <div className="inline-form" data-testid="assign-panel">
      <div className="inline-form-title">{t('actions.proposals')}</div>
      {body}
      <Button block onClick={onClose}>
        {t('actions.cancel')}
      </Button>
    </div>
  );
}

function DispatcherActions({ detail, step }: SectionProps) {
  const { t } = useTranslation(['casePage', 'case']);
  const [open, setOpen] = useState<'return' | 'assign' | null>(null);
  const canAssign = detail.state === 'ACCEPTED' || detail.state === 'MEDIATING';
  const accept = detail.actions.includes('accept_application');
  const canReturn = offersWithReason(detail, 'org_admin', 'return');
  if (!accept && !canReturn && !canAssign) return null;
  return (
    <div className="action-block" data-testid="dispatcher-actions">
      {accept && (
        <Button
          type="primary"
          block
          loading={step.pending && !open}
          onClick={() => step.run({ run: () => caseSteps.accept(detail.id, { version: detail.version }), success: t('done.accept') })}
          data-testid="case-accept"
        >
          {t('actions.accept')}
        </Button>
      )}
      {canReturn &&
        (open === 'return' ? (
          <ReasonForm
            codes={RETURN_REASONS}
            labels="case:returnReasons"
            title={t('actions.returnReason')}
            submitLabel={t('actions.return')}
            danger
            pending={step.pending}
            onCancel={() => setOpen(null)}
            onSubmit={({ reasonCode, reasonNote }) =>
              step.run({
                run: () => caseSteps.return(detail.id, { version: detail.version, reasonCode: reasonCode as (typeof RETURN_REASONS)[number], reasonNote }),
                success: t('done.return'),
                onDone: () => setOpen(null),
              })
            }
            testId="return-form"
          />
        ) : (
          <Button block onClick={() => setOpen('return')} data-testid="case-return">
            {t('actions.return')}
          </Button>
        ))}
      {canAssign &&
        (open === 'assign' ? (
          <AssignMediator detail={detail} step={step} onClose={() => setOpen(null)} />
        ) : (
          <Button type={detail.assignments.some((a) => a.status === 'pending' || a.status === 'accepted') ? 'default' : 'primary'} block onClick={() => setOpen('assign')} data-testid="case-assign">
            {t('actions.assign')}
          </Button>
        ))}
    </div>
  );
}

/** R09, R10: the assigned mediator accepts (disclosing any conflict) or declines with a coded reason. */
function AssignmentAnswer({ detail, step }: SectionProps) {
  const { t } = useTranslation(['casePage', 'case']);
  const navigate = useNavigate();
  const [disclose, setDisclose] = useState(false);
  const [disclosure, setDisclosure] = useState('');
  const [declining, setDeclining] = useState(false);
  if (declining) {
    return (
      <ReasonForm
        codes={DECLINE_REASONS}
        labels="case:declineReasons"
        title={t('actions.declineReason')}
        submitLabel={t('actions.declineAssignment')}
        danger
        pending={step.pending}
        onCancel={() => setDeclining(false)}
        onSubmit={({ reasonCode, reasonNote }) =>
          step.run({
            run: () => caseSteps.declineAssignment(detail.id, { version: detail.version, reasonCode: reasonCode as (typeof DECLINE_REASONS)[number], reasonNote }),
            success: t('done.declineAssignment'),
            // Having declined, the mediator no longer sees the case.
            onDone: () => navigate('/home', { replace: true }),
          })
        }
        testId="decline-form"
      />
    );
  }
  return (
    <div className="action-block" data-testid="assignment-answer">
      <label className="native-choice">
        <input type="checkbox" checked={disclose} onChange={(event) => setDisclose(event.target.checked)} data-testid="assignment-disclose" />
        <span>{t('actions.disclose')}</span>
      </label>
      {disclose && (
        <>
          <textarea
            className="native-textarea"
            value={disclosure}
            onChange={(event) => setDisclosure(event.target.value)}
            placeholder={t('actions.disclosure')}
            aria-label={t('actions.disclosure')}
            rows={2}
            maxLength={1000}
            data-testid="assignment-disclosure"
          />
          <p className="text-secondary hint">{t('actions.disclosureHint')}</p>
        </>
      )}
      <Button
        type="primary"
        block
        loading={step.pending}
        disabled={disclose && !disclosure.trim()}
        onClick={() =>
          step.run({
            run: () =>
              caseSteps.acceptAssignment(detail.id, {
                version: detail.version,
                ...(disclose && disclosure.trim() ? { conflictDisclosure: disclosure.trim() } : {}),
              }),
            success: t('done.acceptAssignment'),
          })
        }
        data-testid="assignment-accept"
      >
        {t('actions.acceptAssignment')}
      </Button>
      <Button block danger onClick={() => setDeclining(true)} data-testid="assignment-decline">
        {t('actions.declineAssignment')}
      </Button>
    </div>
  );
}

function MediatorActions({ detail, step }: SectionProps) {
  const { t } = useTranslation(['casePage', 'validation']);
  if (detail.actions.includes('start_mediation')) {
    return (
      <div className="action-block">
        <Button
          type="primary"
          block
          size="large"
          loading={step.pending}
          onClick={() => step.run({ run: () => caseSteps.start(detail.id, { version: detail.version }), success: t('done.start') })}
          data-testid="case-start"
        >
          {t('actions.start')}
        </Button>
      </div>
    );
  }
  if (detail.state !== 'ACCEPTED') return null;
  const blockers = startBlockers(detail);
  if (!blockers.length) return null;
  return (
    <div className="action-block start-blocked" data-testid="start-blocked">
      <div className="inline-form-title">{t('actions.startBlocked')}</div>
      <ul className="advice-list">
        {blockers.map((id) => (
          <li key={id} data-requirement={id}>
            {t(`validation:${id}`)}
          </li>
        ))}
      </ul>
    </div>
  );
}

export interface StaffSections {
  dispatcher: boolean;
  answer: boolean;
  mediator: boolean;
}

/** The staff's sections of the actions panel, behind one lazy boundary. */
export default function StaffActions({ detail, step, sections }: SectionProps & { sections: StaffSections }) {
  return (
    <>
      {sections.dispatcher && <DispatcherActions detail={detail} step={step} />}
      {sections.answer && <AssignmentAnswer detail={detail} step={step} />}
      {sections.mediator && <MediatorActions detail={detail} step={step} />}
    </>
  );
}
