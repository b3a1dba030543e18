import { useState } from 'react';
import { Alert, Button, Form, Input, Tag } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { CourtFilingView } from '@tiaojie/contracts';
import { ENDING_LIMITS } from '@tiaojie/contracts';
import { PageHeading } from '../../../components/ui/PageHeading';
import { PageLoader } from '../../../components/ui/PageLoader';
import { Panel } from '../../../components/ui/Panel';
import { isApiError } from '../../../lib/api';
import { applyApiErrorToForm, describeApiError, translateError } from '../../../lib/form-errors';
import { useSession } from '../../../lib/session';
import '../../../locales/case';
import '../../../locales/ending';
import { CourtNav } from '../../court/components/CourtNav';
import '../../court/components/court.css';
import { useCourtFilings, useCourtShamFlag, useRegisterFiling } from '../hooks/useEnding';
import './ending.css';

function FilingCard({ filing }: { filing: CourtFilingView }) {
  const { t } = useTranslation(['ending', 'case']);
  const register = useRegisterFiling();
  return (
    <li className="ending-filing-card stack" data-testid="court-filing" data-case-number={filing.caseNumber ?? ''} data-status={filing.status}>
      <div className="button-row button-row-start">
        <strong data-testid="court-filing-number">{filing.caseNumber}</strong>
        <Tag color={filing.status === 'registered' ? 'green' : 'blue'} data-testid="court-filing-status">
          {t(`filing.status.${filing.status}`)}
        </Tag>
        <Tag>{t(`escalate.routes.${filing.route}`)}</Tag>
      </div>
      <div data-testid="court-filing-parties">{t('court.parties', { applicant: filing.applicantName, respondents: filing.respondentNames.join('、') })}</div>
      <dl className="ending-fields">
        <dt>{t('court.organisation')}</dt>
        <dd>{filing.organisationName ?? '—'}</dd>
        <dt>{t('court.claim')}</dt>
        <dd>{filing.claimAmount ? t('court.claimValue', { amount: filing.claimAmount }) : '—'}</dd>
        <dt>{t('court.submittedAt')}</dt>
        <dd>{dayjs(filing.submittedAt).format('YYYY-MM-DD HH:mm')}</dd>
      </dl>
      <div className="button-row button-row-start">
        <a href={filing.packagePdfUrl} download className="document-link" data-testid="court-filing-pdf">
          {t('filing.downloadPdf')}
        </a>
        <a href={filing.packageJsonUrl} download className="document-link" data-testid="court-filing-json">
          {t('filing.downloadJson')}
        </a>
      </div>
      {/* R24: every material listed in the package opens from here, for this court only. */}
      <div data-testid="court-filing-documents">
        <h4>{t('court.materials')}</h4>
        {filing.documents.length === 0 ? (
          <p className="text-secondary">{t('court.noMaterials')}</p>
        ) : (
          <ul>
            {filing.documents.map((d, i) => (
              <li key={d.id ?? `${d.sha256}-${i}`}>
                {d.downloadUrl ? (
                  <a href={d.downloadUrl} download className="document-link" data-testid="court-filing-document">
                    {d.fileName}
                  </a>
                ) : (
                  <span>
                    {d.fileName} ({t('court.materialGone')})
                  </span>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
      {filing.status === 'submitted' && (
        <Button type="primary" block loading={register.isPending} onClick={() => register.mutate(filing.id)} data-testid="court-filing-register">
          {t('court.register')}
        </Button>
      )}
      {register.isError && <Alert type="error" showIcon title={describeApiError(register.error)} role="alert" />}
    </li>
  );
}

/** R36 for judges: flag a case of an organisation under this court by its number. */
function ShamFlagForm() {
  const { t } = useTranslation('ending');
  const [form] = Form.useForm<{ caseNumber: string; note: string }>();
  const flag = useCourtShamFlag();
  const [result, setResult] = useState<{ type: 'success' | 'error'; text: string } | null>(null);
  const labels = { caseNumber: t('court.flag.caseNumber'), note: t('court.flag.note') };
  const submit = async () => {
    setResult(null);
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    flag.mutate(values, {
      onSuccess: () => {
        form.resetFields();
        setResult({ type: 'success', text: t('court.flag.done') });
      },
      onError: (error) => {
        const rest = applyApiErrorToForm(form, error, { labels, codeFields: { NOT_FOUND: 'caseNumber' } });
        if (rest) setResult({ type: 'error', text: rest });
      },
    });
  };
  return (
    <Panel title={t('court.flag.title')} testId="court-sham-flag">
      <p className="text-secondary">{t('court.flag.intro')}</p>
      <Form form={form} layout="vertical" requiredMark={false}>
        <Form.Item name="caseNumber" label={labels.caseNumber} rules={[{ required: true, whitespace: true, message: labels.caseNumber }]}>
          <Input placeholder="TJ-2026-000001" maxLength={20} data-testid="court-flag-number" />
        </Form.Item>
        <Form.Item name="note" label={labels.note} rules={[{ required: true, whitespace: true, message: labels.note }]}>
          <Input.TextArea rows={3} maxLength={ENDING_LIMITS.noteMax} data-testid="court-flag-note" />
        </Form.Item>
      </Form>
      {result && <Alert type={result.type} showIcon title={result.text} data-testid="court-flag-result" />}
      <Button danger block loading={flag.isPending} onClick={() => void submit()} data-testid="court-flag-submit">
        {t('court.flag.submit')}
      </Button>
    </Panel>
  );
}

/** `/court/filings`: failed mediations sent to the viewer's court (R24), judges and clerks only. */
export default function CourtFilingsPage() {
  const { t } = useTranslation('ending');
  const { user } = useSession();
  const filings = useCourtFilings();
  const isJudge = !!user?.memberships.some((m) => m.kind === 'court' && m.role === 'judge');

  let body;
  if (filings.isPending) body = <PageLoader />;
  else if (filings.isError) {
    const forbidden = isApiError(filings.error) && filings.error.status === 403;
    body = <Alert type={forbidden ? 'info' : 'error'} showIcon title={forbidden ? t('court.forbidden') : translateError(filings.error)} data-testid="court-filings-error" />;
  } else if (!filings.data.length)
    body = (
      <p className="text-secondary empty-line" data-testid="court-filings-empty">
        {t('court.empty')}
      </p>
    );
  else
    body = (
      <ul className="stack ending-list-plain" data-testid="court-filings">
        {filings.data.map((f) => (
          <FilingCard key={f.id} filing={f} />
        ))}
      </ul>
    );

  return (
    <div className="page" data-testid="court-filings-page">
      <PageHeading testId="court-filings-heading">{t('court.title')}</PageHeading>
      {!filings.isError && <CourtNav />}
      <Panel>
        <p className="text-secondary">{t('court.intro')}</p>
        {body}
      </Panel>
      {isJudge && !filings.isError && <ShamFlagForm />}
    </div>
  );
}
