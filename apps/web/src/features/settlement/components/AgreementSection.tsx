import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { CaseDetail } from '@tiaojie/contracts';
import { Panel } from '../../../components/ui/Panel';
import '../../../locales/settlement';
import { AGREEMENT_STATES, inStates } from '@tiaojie/domain';

/** One line on the case page: the way to the agreement, for its parties and mediators. */
export function AgreementSection({ detail: c }: { detail: CaseDetail }) {
  const { t } = useTranslation('settlement');
  const navigate = useNavigate();
  const involved = c.viewerRole === 'mediator' || c.parties.some((p) => p.isViewer) || c.viewerRole === 'agent' || c.viewerRole === 'org_admin';
  if (!inStates(AGREEMENT_STATES, c.state) || c.limitedView || !involved) return null;
  return (
    <Panel title={t('caseSection')} testId="case-agreement-section">
      <Button block onClick={() => navigate(`/cases/${c.id}/agreement`)} data-testid="case-open-agreement">
        {c.viewerRole === 'mediator' && c.state === 'MEDIATING' ? t('caseLinkMediator') : t('caseLink')}
      </Button>
    </Panel>
  );
}
