import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '@tiaojie/contracts';
import { formatCny, regionName } from '@tiaojie/domain';
import { Panel } from '../../../../components/ui/Panel';
import { currentLocale } from '../../../../lib/i18n';

export function CaseFactsPanel({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation(['casePage', 'case']);
  const none = <span className="text-secondary">{t('facts.none')}</span>;
  return (
    <Panel title={t('sections.facts')} testId="case-facts">
      <dl className="summary-list">
        <dt>{t('facts.disputeType')}</dt>
        <dd>{t(`case:disputeTypes.${detail.disputeType}`)}</dd>
        {detail.organisationName && (
          <>
            <dt>{t('facts.organisation')}</dt>
            <dd data-testid="case-organisation">{detail.organisationName}</dd>
          </>
        )}
        {detail.submittedAt && (
          <>
            <dt>{t('facts.submittedAt')}</dt>
            <dd>{dayjs(detail.submittedAt).format('YYYY-MM-DD HH:mm')}</dd>
          </>
        )}
        <dt>{t('facts.facts')}</dt>
        <dd className="pre-wrap">{detail.facts || none}</dd>
        <dt>{t('facts.amount')}</dt>
        <dd data-testid="case-amount">{detail.claims.amount ? formatCny(detail.claims.amount) : none}</dd>
        {detail.claims.otherRequests && (
          <>
            <dt>{t('facts.otherRequests')}</dt>
            <dd className="pre-wrap">{detail.claims.otherRequests}</dd>
          </>
        )}
        {detail.region && (
          <>
            <dt>{t('facts.region')}</dt>
            <dd>{regionName(detail.region, currentLocale())}</dd>
          </>
        )}
      </dl>
    </Panel>
  );
}
