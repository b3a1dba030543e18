import { Button, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { Membership } from '@tiaojie/contracts';
import { Panel } from '../../../components/ui/Panel';
import '../../../locales/notices';
import '../../../locales/noticePages';
import { useOrganisationNotices } from '../hooks/useNotificationSettings';
import './notifications.css';

function OrganisationRow({ organisation }: { organisation: Membership }) {
  const { t } = useTranslation(['noticePages', 'notices']);
  const navigate = useNavigate();
  // Failed, and interrupted with the outcome unknown: both wait for the admin.
  const failed = useOrganisationNotices(organisation.id, 'attention');
  const count = failed.data?.length;
  return (
    <li className="org-notice-summary" data-testid="home-org-notices-row" data-organisation={organisation.id}>
      <span>
        <strong>{organisation.name}</strong>{' '}
        {count !== undefined && (
          <Tag color={count ? 'error' : 'success'} data-testid="home-org-notices-count" data-count={count}>
            {count ? t('org.failedCount', { count }) : t('org.noneFailed')}
          </Tag>
        )}
      </span>
      <Button size="small" onClick={() => navigate(`/organisations/${organisation.id}/notifications`)} data-testid="home-org-notices-link">
        {t('org.view')}
      </Button>
    </li>
  );
}

/** On an organisation admin's home page: how many notices failed, and the way to the list. */
export default function OrganisationNoticesSection({ organisations }: { organisations: Membership[] }) {
  const { t } = useTranslation(['noticePages', 'notices']);
  if (!organisations.length) return null;
  return (
    <Panel title={t('org.home')} testId="home-org-notices">
      <p className="hint text-secondary">{t('org.homeIntro')}</p>
      <ul className="org-notice-list stack">
        {organisations.map((organisation) => (
          <OrganisationRow key={organisation.id} organisation={organisation} />
        ))}
      </ul>
    </Panel>
  );
}
