import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Tag } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import type { ComplaintDetail } from '@tiaojie/contracts';
import { COMPLAINT_OUTCOMES, type ComplaintOutcome } from '@tiaojie/domain';
import { ApiErrorAlert } from '../../../components/ui/ApiErrorAlert';
import { ChoiceField, TextareaField } from '../../../components/ui/NativeFields';
import { ListTable } from '../../../components/ui/ListTable';
import { PageHeading } from '../../../components/ui/PageHeading';
import { PageLoader } from '../../../components/ui/PageLoader';
import { Panel } from '../../../components/ui/Panel';
import { isApiError } from '../../../lib/api';
import { translateError } from '../../../lib/form-errors';
import '../../../locales/complaints';
import { evidenceUrl, uploadEvidence } from '../api/complaints-api';
import { complaintKeys, useCaseAccessLog, useComplaint, useComplaintStep } from '../hooks/useComplaints';
import { ComplaintStatusTag } from './ComplaintStatusTag';
import './complaints.css';

const when = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm');

/** R38: the handler's steps — take up, internal notes, decide (coded outcome and reasons). */
function HandlePanel({ c }: { c: ComplaintDetail }) {
  const { t } = useTranslation('complaints');
  const step = useComplaintStep(c.id);
  const [note, setNote] = useState('');
  const [outcome, setOutcome] = useState<ComplaintOutcome | null>(null);
  const [reasons, setReasons] = useState('');
  const [tried, setTried] = useState(false);
  const error = step.investigate.error ?? step.note.error ?? step.decide.error;
  return (
    <Panel title={t('handle.title')} testId="complaint-handle">
      <div className="stack">
        {c.actions.includes('investigate') && (
          <Button type="primary" loading={step.investigate.isPending} onClick={() => step.investigate.mutate(undefined)} data-testid="complaint-investigate">
            {t('handle.investigate')}
          </Button>
        )}
        {c.actions.includes('note') && (
          <>
            <TextareaField label={t('handle.note')} value={note} onChange={setNote} rows={2} maxLength={2000} testId="complaint-note" />
            <div className="button-row button-row-start">
              <Button disabled={!note.trim()} loading={step.note.isPending} onClick={() => step.note.mutate(note.trim(), { onSuccess: () => setNote('') })} data-testid="complaint-note-add">
                {t('handle.addNote')}
              </Button>
            </div>
          </>
        )}
        {c.actions.includes('decide') && (
          <div className="inline-form" data-testid="complaint-decide-form">
            <ChoiceField
              title={t('handle.outcome')}
              choices={COMPLAINT_OUTCOMES}
              label={(o) => t(`outcomes.${o}`)}
              value={outcome}
              onChange={setOutcome}
              testId="complaint-outcome"
              error={tried && !outcome && t('file.required')}
            />
            <TextareaField
              label={t('handle.reasons')}
              value={reasons}
              onChange={setReasons}
              rows={3}
              maxLength={2000}
              testId="complaint-reasons"
              error={tried && !reasons.trim() && t('file.required')}
            />
            <div className="button-row button-row-start">
              <Button
                type="primary"
                loading={step.decide.isPending}
                onClick={() => {
                  setTried(true);
                  if (outcome && reasons.trim()) step.decide.mutate({ outcome, reasons: reasons.trim() });
                }}
                data-testid="complaint-decide"
              >
                {t('handle.decide')}
              </Button>
            </div>
          </div>
        )}
        <ApiErrorAlert error={error} testId="complaint-error" />
      </div>
    </Panel>
  );
}

/** R19: the linked case's access log for the handler of a leak complaint (reading it is logged). */
function AccessLogPanel({ c }: { c: ComplaintDetail }) {
  const { t } = useTranslation('complaints');
  const [open, setOpen] = useState(false);
  const log = useCaseAccessLog(c.id, open);
  return (
    <Panel title={t('handle.accessLog')} testId="complaint-access-log">
      {!open ? (
        <Button onClick={() => setOpen(true)} data-testid="complaint-access-log-show">
          {t('handle.showAccessLog')}
        </Button>
      ) : (
        <ListTable
          rowKey={(r) => `${r.at}-${r.userId}-${r.action}`}
          query={log}
          columns={[
            { title: t('handle.logAt'), dataIndex: 'at', render: (v: string) => when(v) },
            { title: t('handle.logWho'), dataIndex: 'userName', render: (v: string | null) => v ?? '—' },
            { title: t('handle.logAction'), dataIndex: 'action' },
            { title: t('handle.logAllowed'), dataIndex: 'allowed', render: (v: boolean) => (v ? '✓' : <Tag color="red">{t('handle.refused')}</Tag>) },
          ]}
        />
      )}
    </Panel>
  );
}

function EvidenceUpload({ c }: { c: ComplaintDetail }) {
  const { t } = useTranslation('complaints');
  const client = useQueryClient();
  const upload = useMutation({ mutationFn: (file: File) => uploadEvidence(c.id, file), onSuccess: () => client.invalidateQueries({ queryKey: complaintKeys.detail(c.id) }) });
  return (
    <div className="stack">
      <label className="field-label">
        {t('detail.addEvidence')} <input type="file" onChange={(e) => e.target.files?.[0] && upload.mutate(e.target.files[0])} data-testid="complaint-add-evidence" />
      </label>
      <ApiErrorAlert error={upload.error} testId="complaint-error" />
    </div>
  );
}

/** `/complaints/:id` (R38): the complaint and its history for whoever may see it; the handler's steps. */
export default function ComplaintPage() {
  const { t } = useTranslation('complaints');
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const q = useComplaint(id);
  if (q.isPending) return <PageLoader />;
  if (q.isError) {
    const missing = isApiError(q.error) && q.error.status === 404;
    return (
      <div className="page">
        <Alert type={missing ? 'info' : 'error'} showIcon title={missing ? t('detail.notFound') : translateError(q.error)} data-testid="complaint-missing" />
        <Button onClick={() => navigate(-1)}>{t('detail.back')}</Button>
      </div>
    );
  }
  const c = q.data;
  const handles = c.actions.some((a) => a === 'investigate' || a === 'note' || a === 'decide');
  return (
    <div className="page" data-testid="complaint-page" data-status={c.status} data-role={c.viewerRole}>
      <PageHeading testId="complaint-heading" extra={<ComplaintStatusTag complaint={c} />}>
        {t('detail.title')} · {t(`grounds.${c.ground}`)}
      </PageHeading>
      {(location.state as { filed?: boolean } | null)?.filed && <Alert type="success" showIcon title={t('file.filed')} data-testid="complaint-filed" />}
      <Panel>
        <dl className="complaint-fields">
          <dt>{t('detail.about')}</dt>
          <dd>{c.mediatorName ? `${c.mediatorName}（${c.organisationName}）` : c.organisationName}</dd>
          <dt>{t('detail.complainant')}</dt>
          <dd data-testid="complaint-complainant">{c.complainantName ?? t('detail.hidden')}</dd>
          {c.caseId && (
            <>
              <dt>{t('detail.case')}</dt>
              <dd>
                <Link to={`/cases/${c.caseId}`}>{c.caseNumber ?? c.caseId}</Link>
              </dd>
            </>
          )}
          {c.description !== null && (
            <>
              <dt>{t('detail.description')}</dt>
              <dd className="pre-wrap" data-testid="complaint-description-text">
                {c.description}
              </dd>
            </>
          )}
          {(c.status === 'received' || c.status === 'investigating') && (
            <>
              <dt>{t('detail.acknowledgeBy')}</dt>
              <dd>{when(c.acknowledgeBy)}</dd>
              <dt>{t('detail.decideBy')}</dt>
              <dd>{when(c.decideBy)}</dd>
            </>
          )}
          {c.escalatedAt && (
            <>
              <dt>{t('detail.escalatedAt')}</dt>
              <dd data-testid="complaint-escalated">{when(c.escalatedAt)}</dd>
            </>
          )}
          {c.outcome && (
            <>
              <dt>{t('detail.outcome')}</dt>
              <dd data-testid="complaint-outcome-text">{t(`outcomes.${c.outcome}`)}</dd>
              <dt>{t('detail.reasons')}</dt>
              <dd className="pre-wrap" data-testid="complaint-reasons-text">
                {c.reasons}
              </dd>
            </>
          )}
        </dl>
      </Panel>
      {handles && <HandlePanel c={c} />}
      {c.actions.includes('read_access_log') && <AccessLogPanel c={c} />}
      {(c.evidence.length > 0 || c.actions.includes('add_evidence')) && (
        <Panel title={t('detail.evidence')}>
          <ul className="plain-list" data-testid="complaint-evidence-list">
            {c.evidence.map((e) => (
              <li key={e.id}>
                <a href={evidenceUrl(c.id, e.id)} download className="document-link">
                  {e.fileName}
                </a>
              </li>
            ))}
          </ul>
          {c.actions.includes('add_evidence') && <EvidenceUpload c={c} />}
        </Panel>
      )}
      <Panel title={t('detail.history')}>
        <ol className="stack plain-list complaint-history" data-testid="complaint-history">
          {c.history.map((e) => (
            <li key={e.id} data-testid="complaint-event" data-type={e.type} className={e.internal ? 'muted' : undefined}>
              <span className="muted">{when(e.at)}</span>{' '}
              {t(`events.${e.type}`, { text: e.text ?? '', outcome: e.outcome ? t(`outcomes.${e.outcome}`) : '', deadline: e.text ? t(`deadlines.${e.text}`, { defaultValue: e.text }) : '' })}
              {e.type === 'decided' && e.text && <div className="pre-wrap">{e.text}</div>}
            </li>
          ))}
        </ol>
      </Panel>
    </div>
  );
}
