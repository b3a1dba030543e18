import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '@tiaojie/contracts';
import { Panel } from '../../../../components/ui/Panel';

/** R21/R20: a case a court brought — its court, the court's case number, the kind and the period. */
export function CourtCasePanel({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation('casePage');
  const cc = detail.courtCase;
  if (!cc) return null;
  return (
    <Panel title={t('courtCase.title')} testId="case-court">
      <dl className="summary-list">
        <dt>{t('courtCase.court')}</dt>
        <dd data-testid="case-court-name">{cc.courtName}</dd>
        <dt>{t('courtCase.number')}</dt>
        <dd data-testid="case-court-number">{cc.courtCaseNumber}</dd>
        <dt>{t('courtCase.kind')}</dt>
        <dd data-testid="case-court-kind">{t(`courtCase.kinds.${cc.kind}`)}</dd>
        {cc.procedure && (
          <>
            <dt>{t('courtCase.procedure')}</dt>
            <dd data-testid="case-court-procedure">{t(`courtCase.procedures.${cc.procedure}`)}</dd>
          </>
        )}
        <dt>{t('courtCase.period')}</dt>
        <dd data-testid="case-court-period">{t('courtCase.periodDays', { days: cc.periodDays })}</dd>
      </dl>
      <p className="text-secondary">{t('courtCase.returns')}</p>
    </Panel>
  );
}
