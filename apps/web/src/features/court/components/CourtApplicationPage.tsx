import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Input, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { REFUSAL_GROUNDS, REJECTION_GROUNDS, type CourtApplicationDetail, type FieldError, type RefusalGround, type RejectionGround } from '@tiaojie/contracts';
import { PageHeading } from '../../../components/ui/PageHeading';
import { PageLoader } from '../../../components/ui/PageLoader';
import { Panel } from '../../../components/ui/Panel';
import { isApiError } from '../../../lib/api';
import { translateError, translateFieldError } from '../../../lib/form-errors';
import '../../../locales/confirmation';
import '../../../locales/court';
import { confirmationKeys, courtSteps, fetchCourtApplication } from '../../confirmation/api/confirmation-api';
import { CourtAgreementPanel, CourtDocumentLink, CourtPackagePanel, CourtPartiesPanel, CourtSummaryPanel } from './CourtApplicationPanels';
import { CourtField, CourtGroundForm } from './CourtStepForms';
import { CourtIssuePreview, type CourtIssue } from './CourtIssuePreview';
import { CourtNav } from './CourtNav';
import { at } from './court-time';
import './court.css';

/** `/court/confirmations/:id`: the full package and the court's steps (R33, R34). */
export default function CourtApplicationPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('court');
  const query = useQuery({ queryKey: confirmationKeys.detail(id), queryFn: () => fetchCourtApplication(id), enabled: !!id });
  return (
    <div className="page court-page" data-testid="court-application-page">
      <PageHeading testId="court-heading">{t('title')}</PageHeading>
      <CourtNav />
      <Link to="/court">{t('detail.back')}</Link>
      {query.isPending && <PageLoader />}
      {query.isError && <Alert type="error" showIcon title={translateError(query.error)} data-testid="court-error" />}
      {query.data && <CourtApplicationView detail={query.data} />}
    </div>
  );
}

type Form = null | 'extend' | 'supplement' | 'reject' | 'refuse';

export function CourtApplicationView({ detail: d }: { detail: CourtApplicationDetail }) {
  const { t } = useTranslation('court');
  const { t: tc } = useTranslation('confirmation');
  const queryClient = useQueryClient();
  const [form, setForm] = useState<Form>(null);
  const [reason, setReason] = useState('');
  const [text, setText] = useState('');
  const [dueDate, setDueDate] = useState(dayjs().add(7, 'day').format('YYYY-MM-DD'));
  const [ground, setGround] = useState<RejectionGround | undefined>();
  const [note, setNote] = useState('');
  const [refusalGround, setRefusalGround] = useState<RefusalGround | undefined>();
  const [approvedBy, setApprovedBy] = useState('');
  const [approvedAt, setApprovedAt] = useState(dayjs().format('YYYY-MM-DDTHH:mm'));
  const [decisionNote, setDecisionNote] = useState('');
  const [message, setMessage] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<{ text: string; fields: FieldError[] } | null>(null);
  // Issue #11: a ruling, a rejection or a refusal is sent only from its preview dialog.
  const [issue, setIssue] = useState<CourtIssue>(null);

  const useStep = <T,>(fn: (arg: T) => Promise<CourtApplicationDetail>, done: string) =>
    useMutation({
      mutationFn: fn,
      onMutate: () => setError(null),
      onSuccess: (next) => {
        queryClient.setQueryData(confirmationKeys.detail(d.id), next);
        void queryClient.invalidateQueries({ queryKey: ['court'] });
        setNotice(t(done));
        setForm(null);
        setIssue(null);
      },
      onError: (e: unknown) => {
        setIssue(null);
        setError({ text: translateError(e), fields: isApiError(e) ? (e.body.fields ?? []) : [] });
      },
    });
  const accept = useStep(() => courtSteps.accept(d.id), 'done.accepted');
  // R33: the extension names its approver (e.g. the court's president) and when it was approved.
  const extend = useStep(() => courtSteps.extend(d.id, { reason, approvedBy, approvedAt: dayjs(approvedAt).toISOString() }), 'done.extended');
  const refuse = useStep(() => courtSteps.refuse(d.id, { reasonCode: refusalGround as RefusalGround, reasonNote: note || undefined, version: d.caseVersion }), 'done.refused');
  const decide = useStep(
    (arg: { supplementId: string; withdrawn: boolean }) => courtSteps.decideSupplement(d.id, arg.supplementId, { withdrawn: arg.withdrawn, note: decisionNote || undefined }),
    'done.decided',
  );
  const supplement = useStep(() => courtSteps.supplement(d.id, { text, dueDate }), 'done.requested');
  const confirm = useStep(() => courtSteps.confirm(d.id, d.caseVersion), 'done.confirmed');
  const reject = useStep(() => courtSteps.reject(d.id, { reasonCode: ground as RejectionGround, reasonNote: note || undefined, version: d.caseVersion }), 'done.rejected');
  const send = useStep(() => courtSteps.message(d.id, message).then((r) => (setMessage(''), r)), 'done.sent');
  const fieldError = (name: string) =>
    error?.fields
      .filter((f) => f.field === name)
      .map((f) => translateFieldError(f))
      .join(' ') || null;
  const status = (name: string) => (fieldError(name) ? 'error' : undefined);
  const toggle = (next: Form) => () => setForm(form === next ? null : next);
  const can = (a: string) => d.actions.includes(a);
  const refusalNoteError = error?.fields.find((f) => f.constraint === 'R33_note_for_other');
  const noteForOther = error?.fields.find((f) => f.constraint === 'R34_note_for_other');

  return (
    <>
      {notice && <Alert type="success" showIcon closable title={notice} onClose={() => setNotice(null)} data-testid="court-notice" />}
      {error && <Alert type="error" showIcon title={error.text} data-testid="court-step-error" />}
      <CourtSummaryPanel detail={d} />
      <CourtPartiesPanel detail={d} />
      <CourtAgreementPanel detail={d} />
      <CourtPackagePanel detail={d} />

      {d.supplements.length > 0 && (
        <Panel title={tc('supplements.title')} testId="court-supplements">
          <ul>
            {d.supplements.map((s) => (
              <li key={s.id} data-testid="court-supplement" data-fulfilled={!!s.fulfilledAt}>
                {s.text} <span className="muted">{tc('supplements.due', { date: at(s.dueAt) })}</span>
                {s.missedAt && <Tag color="red">{tc('supplements.missed')}</Tag>}
                {s.decision && <Tag data-testid="court-supplement-decision">{tc(`supplements.decision.${s.decision}`)}</Tag>}
                {/* R33: a missed deadline is the judge's to decide (JC2011 6). */}
                {can('decide_supplement') && !s.decision && !s.fulfilledAt && dayjs(s.dueAt).isBefore(dayjs()) && (
                  <div className="court-form" data-testid="court-supplement-decide">
                    <p>{t('actions.decideQuestion')}</p>
                    <Input value={decisionNote} onChange={(e) => setDecisionNote(e.target.value)} placeholder={t('actions.decideNote')} maxLength={2000} data-testid="court-decide-note" />
                    <div className="court-row">
                      <Button
                        danger
                        loading={decide.isPending}
                        onClick={() => setIssue({ kind: 'withdrawn', supplementId: s.id, request: s.text, note: decisionNote })}
                        data-testid="court-decide-withdrawn"
                      >
                        {t('actions.decideWithdrawn')}
                      </Button>
                      <Button loading={decide.isPending} onClick={() => decide.mutate({ supplementId: s.id, withdrawn: false })} data-testid="court-decide-continue">
                        {t('actions.decideContinue')}
                      </Button>
                    </div>
                  </div>
                )}
                {s.documents.map((doc) => (
                  <div key={doc.id}>
                    <Tag color="green">{tc('supplements.uploaded')}</Tag>
                    <CourtDocumentLink applicationId={d.id} document={doc} testId="court-supplement-document" />
                  </div>
                ))}
              </li>
            ))}
          </ul>
        </Panel>
      )}

      <Panel title={tc('messages.title')} testId="court-messages">
        {d.messages.length === 0 && <p className="muted">{tc('messages.empty')}</p>}
        <ul>
          {d.messages.map((m) => (
            <li key={m.id} data-testid="court-message" data-role={m.authorRole}>
              <strong>{m.authorName}</strong> <span className="muted">{at(m.createdAt)}</span>
              <div>{m.body}</div>
            </li>
          ))}
        </ul>
        {can('message') && (
          <div className="court-row">
            <Input value={message} onChange={(e) => setMessage(e.target.value)} placeholder={t('actions.messagePlaceholder')} maxLength={2000} data-testid="court-message-input" />
            <Button disabled={!message.trim()} loading={send.isPending} onClick={() => send.mutate(undefined)} data-testid="court-message-send">
              {t('actions.message')}
            </Button>
          </div>
        )}
      </Panel>

      {d.actions.some((a) => a !== 'message') && (
        <Panel testId="court-actions">
          <div className="court-actions">
            {can('accept') && (
              <Button type="primary" block loading={accept.isPending} onClick={() => accept.mutate(undefined)} data-testid="court-accept">
                {t('actions.accept')}
              </Button>
            )}
            {can('request_supplement') && (
              <Button block onClick={toggle('supplement')} data-testid="court-request-supplement">
                {t('actions.requestSupplement')}
              </Button>
            )}
            {form === 'supplement' && (
              <div className="court-form" data-testid="court-supplement-form">
                <CourtField label={t('actions.supplementText')} error={fieldError('text')}>
                  <Input.TextArea value={text} onChange={(e) => setText(e.target.value)} maxLength={1000} status={status('text')} data-testid="court-supplement-text" />
                </CourtField>
                <CourtField label={t('actions.supplementDue')} error={fieldError('dueDate')} errorTestId="court-supplement-due-error">
                  <Input type="date" value={dueDate} onChange={(e) => setDueDate(e.target.value)} status={status('dueDate')} data-testid="court-supplement-due" />
                </CourtField>
                <Button type="primary" loading={supplement.isPending} disabled={!text.trim()} onClick={() => supplement.mutate(undefined)} data-testid="court-supplement-submit">
                  {t('actions.submit')}
                </Button>
              </div>
            )}
            {can('extend') && (
              <Button block onClick={toggle('extend')} data-testid="court-extend">
                {t('actions.extend')}
              </Button>
            )}
            {form === 'extend' && (
              <div className="court-form">
                <CourtField label={t('actions.extendReason')} error={fieldError('reason')}>
                  <Input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} data-testid="court-extend-reason" />
                </CourtField>
                <CourtField label={t('actions.extendApprovedBy')} error={fieldError('approvedBy')}>
                  <Input
                    value={approvedBy}
                    onChange={(e) => setApprovedBy(e.target.value)}
                    maxLength={64}
                    placeholder={t('actions.extendApprovedByPlaceholder')}
                    status={status('approvedBy')}
                    data-testid="court-extend-approved-by"
                  />
                </CourtField>
                <CourtField label={t('actions.extendApprovedAt')} error={fieldError('approvedAt')}>
                  <Input type="datetime-local" value={approvedAt} onChange={(e) => setApprovedAt(e.target.value)} status={status('approvedAt')} data-testid="court-extend-approved-at" />
                </CourtField>
                <Button type="primary" loading={extend.isPending} disabled={!reason.trim() || !approvedBy.trim()} onClick={() => extend.mutate(undefined)} data-testid="court-extend-submit">
                  {t('actions.submit')}
                </Button>
              </div>
            )}
            {can('refuse') && (
              <Button danger block onClick={toggle('refuse')} data-testid="court-refuse">
                {t('actions.refuse')}
              </Button>
            )}
            {form === 'refuse' && (
              <CourtGroundForm
                kind="refuse"
                grounds={REFUSAL_GROUNDS}
                groundLabels="refusal.ground"
                ground={refusalGround}
                onGround={setRefusalGround}
                note={note}
                onNote={setNote}
                groundError={fieldError('reasonCode')}
                noteError={refusalNoteError ? translateFieldError(refusalNoteError) : null}
                pending={refuse.isPending}
                onSubmit={(groundLabel) => setIssue({ kind: 'refuse', groundLabel, note })}
              />
            )}
            {can('confirm') && (
              <Button type="primary" block loading={confirm.isPending} onClick={() => setIssue({ kind: 'confirm' })} data-testid="court-confirm">
                {t('actions.confirm')}
              </Button>
            )}
            {can('reject') && (
              <Button danger block onClick={toggle('reject')} data-testid="court-reject">
                {t('actions.reject')}
              </Button>
            )}
            {form === 'reject' && (
              <CourtGroundForm
                kind="reject"
                grounds={REJECTION_GROUNDS}
                groundLabels="ruling.ground"
                ground={ground}
                onGround={setGround}
                note={note}
                onNote={setNote}
                groundError={fieldError('reasonCode')}
                noteError={noteForOther ? translateFieldError(noteForOther) : null}
                pending={reject.isPending}
                onSubmit={(groundLabel) => setIssue({ kind: 'reject', groundLabel, note })}
              />
            )}
          </div>
        </Panel>
      )}
      <CourtIssuePreview
        detail={d}
        issue={issue}
        pending={confirm.isPending || reject.isPending || refuse.isPending || decide.isPending}
        onCancel={() => setIssue(null)}
        onOk={() =>
          issue?.kind === 'withdrawn'
            ? decide.mutate({ supplementId: issue.supplementId, withdrawn: true })
            : (issue?.kind === 'confirm' ? confirm : issue?.kind === 'reject' ? reject : refuse).mutate(undefined)
        }
      />
    </>
  );
}
