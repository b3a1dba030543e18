import { Alert, Button } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { PageHeading } from '../../../components/ui/PageHeading';
import { PageLoader } from '../../../components/ui/PageLoader';
import { Panel } from '../../../components/ui/Panel';
import { translateError } from '../../../lib/form-errors';
import { useSession } from '../../../lib/session';
import '../../../locales/complaints';
import { useComplaintList } from '../hooks/useComplaints';
import type { ComplaintView } from '@tiaojie/contracts';
import { ComplaintStatusTag } from './ComplaintStatusTag';

/** R38: a mediator sees the complaints about it — ground, status, outcome; never who complained. */
function AboutMe() {
  const { t } = useTranslation('complaints');
  const list = useComplaintList('about_me');
  if (!list.data?.length) return null;
  return (
    <Panel title={t('mine.aboutMe')} testId="complaints-about-me">
      <ComplaintList items={list.data} testId="complaint-about-me" />
    </Panel>
  );
}

function ComplaintList({ items, testId }: { items: ComplaintView[]; testId: string }) {
  const { t } = useTranslation('complaints');
  return (
    <ul className="stack plain-list">
      {items.map((c) => (
        <li key={c.id} data-testid={testId} data-id={c.id}>
          <Link to={`/complaints/${c.id}`}>
            {t(`grounds.${c.ground}`)} · {c.mediatorName ?? c.organisationName}
          </Link>{' '}
          <ComplaintStatusTag complaint={c} /> <span className="muted">{dayjs(c.filedAt).format('YYYY-MM-DD')}</span>
        </li>
      ))}
    </ul>
  );
}

/** `/complaints` (R38): the complainant's own complaints, with their status and outcome (and, for a mediator, those about it). */
export default function MyComplaintsPage() {
  const { t } = useTranslation('complaints');
  const navigate = useNavigate();
  const { user } = useSession();
  const list = useComplaintList('mine');
  if (list.isPending) return <PageLoader />;
  return (
    <div className="page" data-testid="my-complaints-page">
      <PageHeading
        testId="my-complaints-heading"
        extra={
          <Button onClick={() => navigate('/complaints/new')} data-testid="my-complaints-new">
            {t('mine.new')}
          </Button>
        }
      >
        {t('mine.title')}
      </PageHeading>
      {list.isError && <Alert type="error" showIcon title={translateError(list.error)} />}
      <Panel>{list.data?.length ? <ComplaintList items={list.data} testId="my-complaint" /> : <p data-testid="my-complaints-empty">{t('mine.empty')}</p>}</Panel>
      {user?.roles.includes('mediator') && <AboutMe />}
    </div>
  );
}
