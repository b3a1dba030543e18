import { useRef, useState } from 'react';
import { Alert, Button, Form, Input, Space, Tag } from 'antd';
import { CheckOutlined, DownloadOutlined, ExclamationCircleOutlined, PaperClipOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { PERFORMANCE_LIMITS, type CaseDetail, type ObligationStatus, type PerformanceObligationView, type PerformanceView } from '@tiaojie/contracts';
import { formatCny } from '@tiaojie/domain';
import { Panel } from '../../../components/ui/Panel';
import { applyApiErrorToForm, describeApiError } from '../../../lib/form-errors';
import { useNow } from '../../../lib/use-now';
import '../../../locales/filing';
import '../../../locales/performance';
import { uploadDocument } from '../../cases/api/cases-api';
import { checkFile } from '../../cases/components/DocumentUploader';
import { countdown } from '../countdown';
import { usePerformance, usePerformanceStep } from '../hooks/usePerformance';
import './performance.css';
import { PERFORMANCE_STATES, inStates } from '@tiaojie/domain';

const STATUS_COLORS: Record<ObligationStatus, string> = { pending: 'default', claimed: 'processing', performed: 'success', disputed: 'warning' };

type Feedback = { type: 'success' | 'error'; text: string } | null;

function useDateFormat() {
  const { i18n } = useTranslation();
  const format = new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'zh-CN', { dateStyle: 'medium', timeZone: 'UTC' });
  return (date: string) => format.format(new Date(`${date}T00:00:00Z`));
}

/** R34: the obligee's way to the court once the confirmed agreement is not performed. */
function Enforcement({ view }: { view: PerformanceView }) {
  const { t } = useTranslation('performance');
  const date = useDateFormat();
  const { enforcement } = view;
  if (enforcement.available && enforcement.url) {
    return (
      <Alert
        type="warning"
        showIcon
        className="obligations-alert"
        data-testid="enforcement-offer"
        title={t('enforcement.title')}
        description={
          <>
            <p>{t('enforcement.available', { total: formatCny(enforcement.unpaidTotal ?? '0'), applyBy: enforcement.applyBy ? date(enforcement.applyBy) : '' })}</p>
            <Button type="primary" block className="enforcement-download" icon={<DownloadOutlined />} href={enforcement.url} download data-testid="enforcement-download">
              {t('enforcement.download')}
            </Button>
          </>
        }
      />
    );
  }
  const owedOverdue = view.obligations.some((o) => o.overdue && view.viewerPartyIds.includes(o.obligeePartyId));
  if (owedOverdue && (enforcement.refusal === 'R34_confirmed_ruling' || enforcement.refusal === 'R34_enforcement_period')) {
    return <Alert type="info" showIcon className="obligations-alert" data-testid="enforcement-refusal" data-rule={enforcement.refusal} title={t(`enforcement.${enforcement.refusal}`)} />;
  }
  return null;
}

function MarkPerformedForm({ caseId, obligation, onDone, onCancel }: { caseId: string; obligation: PerformanceObligationView; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation('performance');
  const { t: filing } = useTranslation(['filing', 'validation']);
  const step = usePerformanceStep(caseId);
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [percent, setPercent] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  const choose = (chosen: File | undefined) => {
    if (!chosen) return;
    const problem = checkFile(chosen, 'evidence', filing);
    setError(problem);
    setFile(problem ? null : chosen);
  };
  const submit = async () => {
    setError(null);
    try {
      let proofDocumentId: string | undefined;
      if (file) {
        setPercent(0);
        proofDocumentId = (await uploadDocument(caseId, file, 'evidence', setPercent)).id;
      }
      await step.mutateAsync({ step: 'mark_performed', obligationId: obligation.id, proofDocumentId });
      onDone();
    } catch (e) {
      setError(describeApiError(e));
    } finally {
      setPercent(null);
    }
  };
  const busy = step.isPending || percent !== null;
  return (
    <Form layout="vertical" className="obligation-form" data-testid="obligation-mark-form" onFinish={() => void submit()}>
      <Form.Item label={t('mark.proofLabel')} extra={t('mark.proofHint')} validateStatus={error ? 'error' : undefined} help={error ?? undefined}>
        <input ref={input} type="file" style={{ display: 'none' }} data-testid="obligation-proof-input" onChange={(e) => choose(e.target.files?.[0])} />
        <Space wrap>
          <Button icon={<PaperClipOutlined />} onClick={() => input.current?.click()} disabled={busy}>
            {t('mark.chooseFile')}
          </Button>
          {file && (
            <span className="obligation-file" data-testid="obligation-proof-name">
              {file.name}{' '}
              <Button type="link" size="small" onClick={() => setFile(null)} disabled={busy}>
                {t('mark.removeFile')}
              </Button>
            </span>
          )}
        </Space>
        {percent !== null && <div className="text-secondary">{t('mark.uploading', { percent })}</div>}
      </Form.Item>
      <Space wrap>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="obligation-mark-submit">
          {t('actions.submitPerformed')}
        </Button>
        <Button onClick={onCancel} disabled={busy}>
          {t('actions.cancel')}
        </Button>
      </Space>
    </Form>
  );
}

function DisputeForm({ caseId, obligation, onDone, onCancel }: { caseId: string; obligation: PerformanceObligationView; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation(['performance', 'validation']);
  const [form] = Form.useForm<{ note: string }>();
  const step = usePerformanceStep(caseId);
  const [formError, setFormError] = useState<string | null>(null);
  const label = t('disputeForm.noteLabel');
  const submit = async ({ note }: { note: string }) => {
    setFormError(null);
    try {
      await step.mutateAsync({ step: 'dispute', obligationId: obligation.id, note });
      onDone();
    } catch (e) {
      setFormError(applyApiErrorToForm(form, e, { labels: { note: label } }));
    }
  };
  return (
    <Form form={form} layout="vertical" className="obligation-form" data-testid="obligation-dispute-form" onFinish={(values) => void submit(values)}>
      <Form.Item
        name="note"
        label={label}
        rules={[
          { required: true, whitespace: true, message: t('validation:isNotEmpty', { field: label }) },
          { max: PERFORMANCE_LIMITS.noteMax, message: t('validation:tooLong', { field: label, max: PERFORMANCE_LIMITS.noteMax }) },
        ]}
      >
        <Input.TextArea rows={3} placeholder={t('disputeForm.notePlaceholder')} data-testid="obligation-dispute-note" />
      </Form.Item>
      {formError && <Alert type="error" showIcon title={formError} />}
      <Space wrap>
        <Button type="primary" danger htmlType="submit" loading={step.isPending} data-testid="obligation-dispute-submit">
          {t('actions.submitDispute')}
        </Button>
        <Button onClick={onCancel} disabled={step.isPending}>
          {t('actions.cancel')}
        </Button>
      </Space>
    </Form>
  );
}

function ObligationItem({
  caseId,
  obligation,
  viewerPartyIds,
  now,
  onFeedback,
}: {
  caseId: string;
  obligation: PerformanceObligationView;
  viewerPartyIds: string[];
  now: number;
  onFeedback: (f: Feedback) => void;
}) {
  const { t } = useTranslation('performance');
  const date = useDateFormat();
  const step = usePerformanceStep(caseId);
  const [mode, setMode] = useState<'mark' | 'dispute' | null>(null);
  const o = obligation;
  const left = countdown(o.dueDate, now, o.status === 'pending' || o.status === 'disputed');
  const done = (key: 'mark_performed' | 'dispute' | 'confirm') => {
    setMode(null);
    onFeedback({ type: 'success', text: t(`done.${key}`) });
  };
  const confirm = () => step.mutate({ step: 'confirm', obligationId: o.id }, { onSuccess: () => done('confirm'), onError: (e) => onFeedback({ type: 'error', text: describeApiError(e) }) });
  const own = viewerPartyIds.includes(o.obligorPartyId) ? 'youOwe' : viewerPartyIds.includes(o.obligeePartyId) ? 'owedToYou' : null;
  return (
    <li className={`item obligation${o.overdue ? ' is-overdue' : ''}`} data-testid="obligation" data-seq={o.seq} data-status={o.status} data-overdue={o.overdue}>
      <div className="obligation-head">
        <span className="obligation-seq">{t('item', { seq: o.seq })}</span>
        <Tag>{t(`kinds.${o.kind}`)}</Tag>
        <Tag color={STATUS_COLORS[o.status]} data-testid="obligation-status">
          {t(`status.${o.status}`)}
        </Tag>
        {o.overdue && (
          <Tag color="error" icon={<ExclamationCircleOutlined />} data-testid="obligation-overdue">
            {t('overdueTag')}
          </Tag>
        )}
        {own && <Tag color={own === 'youOwe' ? 'blue' : 'green'}>{t(own)}</Tag>}
      </div>
      <p className="obligation-description">
        {o.description}
        {o.instalments ? ` · ${t('instalment', { n: o.instalment, total: o.instalments })}` : ''}
      </p>
      {o.amount !== null && (
        <p className="obligation-amount" data-testid="obligation-amount">
          {formatCny(o.amount)}
        </p>
      )}
      <p className="text-secondary obligation-meta">{t('parties', { obligor: o.obligorName, obligee: o.obligeeName })}</p>
      <p className="obligation-meta">
        <span>{t('due', { date: date(o.dueDate) })}</span>
        {left && (
          <span className={`obligation-countdown is-${left.tone}`} data-testid="obligation-countdown">
            {t(left.key, { count: left.count })}
          </span>
        )}
      </p>
      {o.claimedAt && o.status !== 'pending' && <p className="text-secondary obligation-meta">{t('claimedAt', { time: dayjs(o.claimedAt).format('YYYY-MM-DD HH:mm') })}</p>}
      {o.performedAt && <p className="text-secondary obligation-meta">{t('performedAt', { time: dayjs(o.performedAt).format('YYYY-MM-DD HH:mm') })}</p>}
      {o.proofUrl && (
        <a href={o.proofUrl} download className="obligation-proof" data-testid="obligation-proof">
          <PaperClipOutlined /> {t('proof')}
        </a>
      )}
      {o.disputeNote && (
        <p className="obligation-dispute pre-wrap" data-testid="obligation-dispute-note-shown">
          {t('disputeNote', { note: o.disputeNote })}
        </p>
      )}
      {mode === null && o.actions.length > 0 && (
        <Space wrap className="obligation-actions">
          {o.actions.includes('mark_performed') && (
            <Button type="primary" icon={<CheckOutlined />} onClick={() => setMode('mark')} data-testid="obligation-mark">
              {t('actions.markPerformed')}
            </Button>
          )}
          {o.actions.includes('confirm') && (
            <Button type="primary" icon={<CheckOutlined />} loading={step.isPending} onClick={confirm} data-testid="obligation-confirm">
              {t('actions.confirm')}
            </Button>
          )}
          {o.actions.includes('dispute') && (
            <Button danger onClick={() => setMode('dispute')} data-testid="obligation-dispute">
              {t('actions.dispute')}
            </Button>
          )}
        </Space>
      )}
      {mode === 'mark' && <MarkPerformedForm caseId={caseId} obligation={o} onDone={() => done('mark_performed')} onCancel={() => setMode(null)} />}
      {mode === 'dispute' && <DisputeForm caseId={caseId} obligation={o} onDone={() => done('dispute')} onCancel={() => setMode(null)} />}
    </li>
  );
}

/** The obligations of the agreement in effect, for the case's parties and mediators (R28, R34). */
export function ObligationsPanel({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation('performance');
  const shown = inStates(PERFORMANCE_STATES, detail.state) && !detail.limitedView;
  const query = usePerformance(detail.id, shown);
  const now = useNow();
  const [feedback, setFeedback] = useState<Feedback>(null);
  if (!shown) return null;
  let body;
  if (query.isPending) body = null;
  else if (query.isError) body = <Alert type="error" showIcon title={t('loadError', { error: describeApiError(query.error) })} />;
  else if (!query.data.obligations.length) body = <p className="text-secondary empty-line">{t('none')}</p>;
  else {
    const view = query.data;
    body = (
      <>
        <Enforcement view={view} />
        <ul className="item-list obligation-list">
          {view.obligations.map((o) => (
            <ObligationItem key={o.id} caseId={detail.id} obligation={o} viewerPartyIds={view.viewerPartyIds} now={now} onFeedback={setFeedback} />
          ))}
        </ul>
      </>
    );
  }
  return (
    <Panel title={t('title')} testId="case-obligations">
      <p className="text-secondary">{t('intro')}</p>
      {feedback && (
        <Alert
          type={feedback.type}
          showIcon
          className="obligations-alert"
          closable={{ onClose: () => setFeedback(null) }}
          title={feedback.text}
          role={feedback.type === 'success' ? 'status' : 'alert'}
          data-testid="obligations-feedback"
        />
      )}
      {body}
    </Panel>
  );
}
