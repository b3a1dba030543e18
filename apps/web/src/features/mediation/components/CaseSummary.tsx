import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { CaseStateTag } from '../../../components/case/CaseStateTag';
import { SelectField } from '../../../components/ui/NativeSelect';
import { useMediatingCases } from '../hooks/useMediationQueries';
import { useMediation } from './MediationContext';

/** Mediator: jump to another case in mediation without going back to the queue. */
export function CaseSwitcher() {
  const { t } = useTranslation('mediation');
  const { caseId, isMediator } = useMediation();
  const navigate = useNavigate();
  const cases = useMediatingCases(isMediator);
  const items = cases.data?.items ?? [];
  if (!isMediator || items.length === 0) return null;
  const options = items.map((c) => ({ value: c.id, label: `${c.number ?? ''} ${c.applicantName}${c.respondentNames.length ? ` / ${c.respondentNames.join(t('listSeparator'))}` : ''}` }));
  if (!items.some((c) => c.id === caseId)) options.unshift({ value: caseId, label: t('console.thisCase') });
  return (
    <div className="case-switcher">
      <SelectField
        label={t('console.switchCase')}
        labelClassName="visually-hidden"
        id="case-switcher"
        value={caseId}
        onChange={(id) => id !== caseId && navigate(`/cases/${id}/mediation`)}
        options={options}
        aria-label={t('console.switchCase')}
        data-testid="case-switcher"
      />
    </div>
  );
}

/** The case at a glance: number, dispute, state, parties, mediators, and the way back to the case page. */
export function CaseSummary() {
  const { t } = useTranslation(['mediation', 'case']);
  const { detail, caseId } = useMediation();
  return (
    <div className="case-summary" data-testid="case-summary">
      {detail ? (
        <>
          <div className="case-summary-head">
            <strong data-testid="case-summary-number">{detail.number ?? t('case:draft')}</strong>
            <CaseStateTag state={detail.state} testId="case-summary-state" />
          </div>
          <dl className="summary-list">
            <dt>{t('summary.dispute')}</dt>
            <dd>{t(`case:disputeTypes.${detail.disputeType}`)}</dd>
            {detail.parties.map((p) => (
              <div key={p.id} className="summary-pair" data-testid="case-summary-party">
                <dt>{t(`case:sides.${p.side}`)}</dt>
                <dd>{p.name}</dd>
              </div>
            ))}
            <dt>{t('summary.mediators')}</dt>
            <dd>
              {detail.assignments
                .filter((a) => a.status === 'accepted')
                .map((a) => a.mediatorName)
                .join(t('listSeparator')) || '—'}
            </dd>
          </dl>
        </>
      ) : (
        <p className="text-secondary">{t('loading')}</p>
      )}
      <Link to={`/cases/${caseId}`} className="case-summary-link" data-testid="back-to-case">
        {t('backToCase')}
      </Link>
    </div>
  );
}
