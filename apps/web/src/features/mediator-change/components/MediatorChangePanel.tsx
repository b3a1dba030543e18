import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Badge, Button, Tag } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { AnswerMediatorChangeRequest, CaseDetail, ConflictAnswerRequest, CreateMediatorChangeRequest, MediatorChangeRequestView } from '@tiaojie/contracts';
import { MEDIATOR_CHANGE_REASONS, mayRequestMediatorChange } from '@tiaojie/domain';
import { ApiErrorAlert } from '../../../components/ui/ApiErrorAlert';
import { ChoiceField, TextareaField } from '../../../components/ui/NativeFields';
import { Panel } from '../../../components/ui/Panel';
import { call } from '../../../lib/api';
import '../../../locales/mediatorChange';
import { caseKeys, useMediatorProposals } from '../../cases/hooks/useCase';

const when = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm');
const STATUS_COLORS: Record<string, string> = { open: 'orange', granted: 'green', refused: 'red', withdrawn: 'default' };

/** One POST that answers with the case detail; the page shows it at once. */
function useCasePost(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (send: () => Promise<CaseDetail>) => send(),
    onSuccess: (next) => {
      client.setQueryData(caseKeys.detail(caseId), next);
      void client.invalidateQueries({ queryKey: caseKeys.all });
    },
  });
}

/** A coded reason and a note, both required (R10, R11). */
function ReasonNoteForm({
  submitLabel,
  pending,
  onSubmit,
  onCancel,
  testId,
  defaultCode,
}: {
  submitLabel: string;
  pending: boolean;
  onSubmit: (v: { reasonCode: string; reasonNote: string }) => void;
  onCancel: () => void;
  testId: string;
  defaultCode?: string;
}) {
  const { t } = useTranslation('mediatorChange');
  const [code, setCode] = useState<string | null>(defaultCode ?? null);
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const submit = () => {
    setTried(true);
    if (code && note.trim()) onSubmit({ reasonCode: code, reasonNote: note.trim() });
  };
  return (
    <div className="inline-form" data-testid={testId}>
      <ChoiceField
        title={t('ask.reason')}
        choices={MEDIATOR_CHANGE_REASONS}
        label={(reason) => t(`reasons.${reason}`)}
        value={code}
        onChange={setCode}
        testId={testId}
        error={tried && !code && t('ask.reason')}
      />
      <TextareaField label={t('ask.note')} value={note} onChange={setNote} rows={3} maxLength={1000} testId={`${testId}-note`} error={tried && !note.trim() && t('ask.note')} />
      <div className="button-row">
        <Button type="primary" loading={pending} onClick={submit} data-testid={`${testId}-submit`}>
          {submitLabel}
        </Button>
        <Button onClick={onCancel}>{t('ask.cancel')}</Button>
      </div>
    </div>
  );
}

/** R10: the disclosed conflict, each party's answer, and the viewer's own answer. */
function ConflictSection({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation('mediatorChange');
  const post = useCasePost(detail.id);
  const [asking, setAsking] = useState(false);
  const check = detail.conflictCheck;
  if (!check) return null;
  const own = check.parties.filter((p) => detail.parties.some((x) => x.id === p.partyId && x.isViewer));
  const recusalOpen = own.some((p) => p.answer === 'recusal');
  const answer = (body: Omit<ConflictAnswerRequest, 'version'>) =>
    post.mutate(() => call('POST /api/cases/:id/conflict-answer', { params: { id: detail.id }, body: { version: detail.version, ...body } }), { onSuccess: () => setAsking(false) });
  return (
    <div className="stack" data-testid="conflict-check">
      <Alert type="warning" showIcon title={t('conflict.title')} description={t('conflict.body', { mediator: check.mediatorName, text: check.disclosure })} />
      <ul className="item-list">
        {check.parties.map((p) => (
          <li key={p.partyId} data-testid="conflict-party" data-answer={p.answer}>
            {t('conflict.party', { party: p.partyName, answer: t(`conflict.answers.${p.answer}`) })}
          </li>
        ))}
      </ul>
      {own.length > 0 && own.every((p) => p.answer === 'consented') && <p className="text-secondary">{t('conflict.consented')}</p>}
      {recusalOpen && (
        <p className="text-secondary" data-testid="conflict-recusal-open">
          {t('conflict.recusalOpen')}
        </p>
      )}
      {check.canAnswer && !asking && (
        <div className="button-row">
          <Button type="primary" loading={post.isPending} onClick={() => answer({ answer: 'consent' })} data-testid="conflict-consent">
            {t('conflict.consent')}
          </Button>
          {!recusalOpen && (
            <Button danger onClick={() => setAsking(true)} data-testid="conflict-recusal">
              {t('conflict.recusal')}
            </Button>
          )}
        </div>
      )}
      {asking && (
        <ReasonNoteForm
          testId="recusal-form"
          defaultCode="conflict_of_interest"
          submitLabel={t('ask.submitRecusal')}
          pending={post.isPending}
          onSubmit={(v) => answer({ answer: 'recusal', reasonCode: v.reasonCode as ConflictAnswerRequest['reasonCode'], reasonNote: v.reasonNote })}
          onCancel={() => setAsking(false)}
        />
      )}
      <ApiErrorAlert testId="mediator-change-error" error={post.error} />
    </div>
  );
}

/** R10, R11: the dispatcher grants (naming the mediator who takes over) or refuses with a reason. */
function AnswerForm({ detail, request }: { detail: CaseDetail; request: MediatorChangeRequestView }) {
  const { t } = useTranslation('mediatorChange');
  const post = useCasePost(detail.id);
  const [decision, setDecision] = useState<'grant' | 'refuse' | null>(null);
  const [mediatorId, setMediatorId] = useState('');
  const [note, setNote] = useState('');
  const proposals = useMediatorProposals(detail.id, decision === 'grant');
  const send = () => {
    const body: AnswerMediatorChangeRequest =
      decision === 'grant'
        ? { version: detail.version, decision, mediatorId, ...(note.trim() ? { answerNote: note.trim() } : {}) }
        : { version: detail.version, decision: 'refuse', answerNote: note.trim() };
    post.mutate(() => call('POST /api/cases/:id/mediator-change-requests/:requestId/answer', { params: { id: detail.id, requestId: request.id }, body }));
  };
  return (
    <div className="stack" data-testid="mediator-change-answer">
      <div className="button-row">
        <Button type={decision === 'grant' ? 'primary' : 'default'} onClick={() => setDecision('grant')} data-testid="mediator-change-grant">
          {t('answer.grant')}
        </Button>
        <Button danger={decision === 'refuse'} onClick={() => setDecision('refuse')} data-testid="mediator-change-refuse">
          {t('answer.refuse')}
        </Button>
      </div>
      {decision === 'grant' && (
        <label className="field-label">
          {t('answer.pickMediator')}
          <select className="native-select" value={mediatorId} onChange={(e) => setMediatorId(e.target.value)} data-testid="mediator-change-mediator">
            <option value="" />
            {(proposals.data ?? []).map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {decision && (
        <label className="field-label">
          {t('answer.refuseNote')}
          <textarea className="native-textarea" value={note} maxLength={1000} rows={2} onChange={(e) => setNote(e.target.value)} data-testid="mediator-change-answer-note" />
        </label>
      )}
      {decision && (
        <Button
          type="primary"
          danger={decision === 'refuse'}
          disabled={decision === 'grant' ? !mediatorId : !note.trim()}
          loading={post.isPending}
          onClick={send}
          data-testid="mediator-change-answer-submit"
        >
          {t(decision === 'grant' ? 'answer.submitGrant' : 'answer.submitRefuse')}
        </Button>
      )}
      <ApiErrorAlert testId="mediator-change-error" error={post.error} />
    </div>
  );
}

function RequestItem({ detail, request, dispatcher }: { detail: CaseDetail; request: MediatorChangeRequestView; dispatcher: boolean }) {
  const { t } = useTranslation('mediatorChange');
  return (
    <li className="item" data-testid="mediator-change-request" data-status={request.status}>
      <div className="item-title">
        {t('request.line', { kind: t(`kinds.${request.kind}`), mediator: request.mediatorName, party: request.partyName })}
        <Tag color={STATUS_COLORS[request.status]}>{t(`status.${request.status}`)}</Tag>
      </div>
      <div className="item-note">
        {t(`reasons.${request.reasonCode}`)}: {request.reasonNote}
      </div>
      {request.status === 'open' && <div className="item-meta">{t('request.answerBy', { date: when(request.answerBy) })}</div>}
      {request.status === 'open' && request.escalatedAt && (
        <div className="field-error" data-testid="mediator-change-escalated">
          {t('request.escalated')}
        </div>
      )}
      {request.answerNote && <div className="item-note">{t('request.answer', { note: request.answerNote })}</div>}
      {request.newMediatorName && <div className="item-meta">{t('request.newMediator', { mediator: request.newMediatorName })}</div>}
      {dispatcher && request.status === 'open' && <AnswerForm detail={detail} request={request} />}
    </li>
  );
}

/**
 * R10, R11 on the case page: a party answers a disclosed conflict (consent or recusal) and may
 * ask to change mediator; the dispatcher sees every request with a pending badge and answers
 * it. A party sees only its own requests (the server sends only those).
 */
export default function MediatorChangePanel({ detail, dispatcher }: { detail: CaseDetail; dispatcher: boolean }) {
  const { t } = useTranslation('mediatorChange');
  const post = useCasePost(detail.id);
  const [asking, setAsking] = useState(false);
  const [sent, setSent] = useState(false);
  const party = detail.parties.some((p) => p.isViewer);
  const hasMediator = detail.assignments.some((a) => a.status === 'pending' || a.status === 'accepted');
  const canAsk = party && hasMediator && mayRequestMediatorChange(detail.state);
  const requests = detail.mediatorChangeRequests;
  if (!detail.conflictCheck && !canAsk && requests.length === 0) return null;
  const title = (
    <span>
      {t('title')}{' '}
      {detail.pendingMediatorChanges > 0 && <Badge count={detail.pendingMediatorChanges} title={t('badge', { count: detail.pendingMediatorChanges })} data-testid="mediator-change-badge" />}
    </span>
  );
  const ask = (v: { reasonCode: string; reasonNote: string }) =>
    post.mutate(
      () =>
        call('POST /api/cases/:id/mediator-change-requests', {
          params: { id: detail.id },
          body: { version: detail.version, reasonCode: v.reasonCode as CreateMediatorChangeRequest['reasonCode'], reasonNote: v.reasonNote },
        }),
      {
        onSuccess: () => {
          setAsking(false);
          setSent(true);
        },
      },
    );
  return (
    <Panel title={title} testId="mediator-change">
      <ConflictSection detail={detail} />
      {requests.length > 0 && (
        <ul className="item-list">
          {requests.map((r) => (
            <RequestItem key={r.id} detail={detail} request={r} dispatcher={dispatcher} />
          ))}
        </ul>
      )}
      {sent && <Alert type="success" showIcon title={t('ask.sent')} data-testid="mediator-change-sent" />}
      {canAsk && !asking && (
        <Button onClick={() => setAsking(true)} data-testid="mediator-change-ask">
          {t('ask.open')}
        </Button>
      )}
      {canAsk && asking && (
        <div className="stack">
          <p className="text-secondary">{t('ask.intro')}</p>
          <ReasonNoteForm testId="mediator-change-form" submitLabel={t('ask.submit')} pending={post.isPending} onSubmit={ask} onCancel={() => setAsking(false)} />
        </div>
      )}
      <ApiErrorAlert testId="mediator-change-error" error={post.error} />
    </Panel>
  );
}
