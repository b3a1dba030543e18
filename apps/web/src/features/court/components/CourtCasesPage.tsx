import { useState } from 'react';
import { Alert, Tag } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { CourtBroughtCase } from '@tiaojie/contracts';
import { PageHeading } from '../../../components/ui/PageHeading';
import { PageLoader } from '../../../components/ui/PageLoader';
import { Panel } from '../../../components/ui/Panel';
import { isApiError } from '../../../lib/api';
import { translateError } from '../../../lib/form-errors';
import '../../../locales/case';
import '../../../locales/casePage';
import '../../../locales/court';
import { useCourtCases } from '../hooks/useCourtCases';
import { CourtNav } from './CourtNav';
import { NewCourtCaseForm } from './NewCourtCaseForm';
import './court.css';

function CourtCaseItem({ item }: { item: CourtBroughtCase }) {
  const { t } = useTranslation(['court', 'case', 'casePage']);
  return (
    <li className="stack" data-testid="court-case" data-state={item.state} data-case-id={item.caseId}>
      <div className="button-row button-row-start">
        <strong data-testid="court-case-item-number">{item.courtCaseNumber}</strong>
        <Tag>{t(`casePage:courtCase.kinds.${item.kind}`)}</Tag>
        {item.procedure && <Tag>{t(`casePage:courtCase.procedures.${item.procedure}`)}</Tag>}
        <Tag color="blue" data-testid="court-case-state">
          {t(`case:states.${item.state}`)}
        </Tag>
        {item.returnedToCourt && (
          <Tag color="orange" data-testid="court-case-returned">
            {t('cases.returned')}
          </Tag>
        )}
      </div>
      <div className="text-secondary">
        {item.number} · {item.organisationName ?? '—'}
        {item.terminationReason && <> · {t(`case:terminationReasons.${item.terminationReason}`)}</>}
        {item.mediationDueAt && <> · {t('cases.due', { date: dayjs(item.mediationDueAt).format('YYYY-MM-DD HH:mm') })}</>}
      </div>
      <a href={item.fileUrl} download className="document-link" data-testid="court-case-file">
        {t('cases.file')}
      </a>
    </li>
  );
}

/** `/court/cases`: R21 — the court brings delegated and entrusted cases and follows their outcome. */
export default function CourtCasesPage() {
  const { t } = useTranslation('court');
  const cases = useCourtCases();
  const [created, setCreated] = useState<string | null>(null);
  let body;
  if (cases.isPending) body = <PageLoader />;
  else if (cases.isError) {
    const forbidden = isApiError(cases.error) && cases.error.status === 403;
    body = <Alert type={forbidden ? 'info' : 'error'} showIcon title={translateError(cases.error)} data-testid="court-cases-error" />;
  } else if (!cases.data.length)
    body = (
      <p className="text-secondary empty-line" data-testid="court-cases-empty">
        {t('cases.empty')}
      </p>
    );
  else
    body = (
      <ul className="stack ending-list-plain" data-testid="court-cases">
        {cases.data.map((c) => (
          <CourtCaseItem key={c.caseId} item={c} />
        ))}
      </ul>
    );
  const forbidden = cases.isError && isApiError(cases.error) && cases.error.status === 403;
  return (
    <div className="page" data-testid="court-cases-page">
      <PageHeading>{t('cases.title')}</PageHeading>
      <CourtNav />
      {created && <Alert type="success" showIcon title={t('cases.created', { number: created })} data-testid="court-case-created" />}
      {!forbidden && <NewCourtCaseForm onCreated={(n) => setCreated(n ?? '')} />}
      <Panel title={t('cases.title')}>{body}</Panel>
    </div>
  );
}
