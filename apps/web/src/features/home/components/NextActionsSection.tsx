import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { NextActionList } from '../../../components/case/NextActionList';
import { Panel } from '../../../components/ui/Panel';
import '../../../locales/case';
import { fetchMyNextActions } from '../api/case-queues-api';

/**
 * "需要您处理" at the top of the home page: every next step on the viewer's open cases, soonest
 * deadline first, from the same rule as each case page's actions (GET /api/me/actions). Shown
 * only when there is something to do; the query key starts with 'cases' so live notices refresh it.
 */
export function NextActionsSection() {
  const { t } = useTranslation('case');
  const query = useQuery({ queryKey: ['cases', 'next-actions'], queryFn: fetchMyNextActions });
  if (!query.data?.length) return null;
  return (
    <Panel title={t('nextActions.title')} testId="home-next-actions" className="next-actions-panel">
      <NextActionList items={query.data} showCase testId="home-next-action-list" />
    </Panel>
  );
}
