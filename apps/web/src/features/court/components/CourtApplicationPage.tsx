import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Input, Select, Tag } from 'antd';
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
import { confirmationKeys, courtDocumentUrl, courtSteps, fetchCourtApplication } from '../../confirmation/api/confirmation-api';
import { CourtAgreementPanel, CourtPackagePanel, CourtPartiesPanel, CourtSummaryPanel } from './CourtApplicationPanels';
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
                    <a href={courtDocumentUrl(d.id, doc.id)} target="_blank" rel="noreferrer" data-testid="court-supplement-document">
                      {doc.fileName}
                    </a>
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
              <Button block onClick={() => setForm(form === 'supplement' ? null : 'supplement')} data-testid="court-request-supplement">
                {t('actions.requestSupplement')}
              </Button>
            )}
            {form === 'supplement' && (
              <div className="court-form" data-testid="court-supplement-form">
                <label>
                  {t('actions.supplementText')}
                  <Input.TextArea value={text} onChange={(e) => setText(e.target.value)} maxLength={1000} status={fieldError('text') ? 'error' : undefined} data-testid="court-supplement-text" />
                </label>
                {fieldError('text') && (
                  <div className="field-error" role="alert">
                    {fieldError('text')}
                  </div>
                )}
                <label>
                  {t('actions.supplementDue')}
                  <Input type="date" value={dueDate} onChange={(e) => setDueDate(e.target.value)} status={fieldError('dueDate') ? 'error' : undefined} data-testid="court-supplement-due" />
                </label>
                {fieldError('dueDate') && (
                  <div className="field-error" role="alert" data-testid="court-supplement-due-error">
                    {fieldError('dueDate')}
                  </div>
                )}
                <Button type="primary" loading={supplement.isPending} disabled={!text.trim()} onClick={() => supplement.mutate(undefined)} data-testid="court-supplement-submit">
                  {t('actions.submit')}
                </Button>
              </div>
            )}
            {can('extend') && (
              <Button block onClick={() => setForm(form === 'extend' ? null : 'extend')} data-testid="court-extend">
                {t('actions.extend')}
              </Button>
            )}
            {form === 'extend' && (
              <div className="court-form">
                <label>
                  {t('actions.extendReason')}
                  <Input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} data-testid="court-extend-reason" />
                </label>
                {fieldError('reason') && (
                  <div className="field-error" role="alert">
                    {fieldError('reason')}
                  </div>
                )}
                <label>
                  {t('actions.extendApprovedBy')}
                  <Input
                    value={approvedBy}
                    onChange={(e) => setApprovedBy(e.target.value)}
                    maxLength={64}
                    placeholder={t('actions.extendApprovedByPlaceholder')}
                    status={fieldError('approvedBy') ? 'error' : undefined}
                    data-testid="court-extend-approved-by"
                  />
                </label>
                {fieldError('approvedBy') && (
                  <div className="field-error" role="alert">
                    {fieldError('approvedBy')}
                  </div>
                )}
                <label>
                  {t('actions.extendApprovedAt')}
                  <Input
                    type="datetime-local"
                    value={approvedAt}
                    onChange={(e) => setApprovedAt(e.target.value)}
                    status={fieldError('approvedAt') ? 'error' : undefined}
                    data-testid="court-extend-approved-at"
                  />
                </label>
                {fieldError('approvedAt') && (
                  <div className="field-error" role="alert">
                    {fieldError('approvedAt')}
                  </div>
                )}
                <Button type="primary" loading={extend.isPending} disabled={!reason.trim() || !approvedBy.trim()} onClick={() => extend.mutate(undefined)} data-testid="court-extend-submit">
                  {t('actions.submit')}
                </Button>
              </div>
            )}
            {can('refuse') && (
              <Button danger block onClick={() => setForm(form === 'refuse' ? null : 'refuse')} data-testid="court-refuse">
                {t('actions.refuse')}
              </Button>
            )}
            {form === 'refuse' && (
              <div className="court-form" data-testid="court-refuse-form">
                <label>
                  {t('actions.refuseGround')}
                  <Select
                    value={refusalGround}
                    onChange={setRefusalGround}
                    options={REFUSAL_GROUNDS.map((g) => ({ value: g, label: tc(`refusal.ground.${g}`) }))}
                    status={fieldError('reasonCode') ? 'error' : undefined}
                    data-testid="court-refuse-ground"
                  />
                </label>
                {fieldError('reasonCode') && (
                  <div className="field-error" role="alert">
                    {fieldError('reasonCode')}
                  </div>
                )}
                <label>
                  {t('actions.rejectNote')}
                  <Input.TextArea value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} data-testid="court-refuse-note" />
                </label>
                {refusalNoteError && (
                  <div className="field-error" role="alert">
                    {translateFieldError(refusalNoteError)}
                  </div>
                )}
                <Button
                  danger
                  type="primary"
                  loading={refuse.isPending}
                  disabled={!refusalGround}
                  onClick={() => setIssue({ kind: 'refuse', groundLabel: tc(`refusal.ground.${refusalGround}`), note })}
                  data-testid="court-refuse-submit"
                >
                  {t('actions.submit')}
                </Button>
              </div>
            )}
            {can('confirm') && (
              <Button type="primary" block loading={confirm.isPending} onClick={() => setIssue({ kind: 'confirm' })} data-testid="court-confirm">
                {t('actions.confirm')}
              </Button>
            )}
            {can('reject') && (
              <Button danger block onClick={() => setForm(form === 'reject' ? null : 'reject')} data-testid="court-reject">
                {t('actions.reject')}
              </Button>
            )}
            {form === 'reject' && (
              <div className="court-form" data-testid="court-reject-form">
                <label>
                  {t('actions.rejectGround')}
                  <Select
                    value={ground}
                    onChange={setGround}
                    options={REJECTION_GROUNDS.map((g) => ({ value: g, label: tc(`ruling.ground.${g}`) }))}
                    status={fieldError('reasonCode') ? 'error' : undefined}
                    data-testid="court-reject-ground"
                  />
                </label>
                {fieldError('reasonCode') && (
                  <div className="field-error" role="alert">
                    {fieldError('reasonCode')}
                  </div>
                )}
                <label>
                  {t('actions.rejectNote')}
                  <Input.TextArea value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} data-testid="court-reject-note" />
                </label>
                {noteForOther && (
                  <div className="field-error" role="alert">
                    {translateFieldError(noteForOther)}
                  </div>
                )}
                <Button
                  danger
                  type="primary"
                  loading={reject.isPending}
                  disabled={!ground}
                  onClick={() => setIssue({ kind: 'reject', groundLabel: tc(`ruling.ground.${ground}`), note })}
                  data-testid="court-reject-submit"
                >
                  {t('actions.submit')}
                </Button>
              </div>
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
