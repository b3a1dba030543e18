import { Alert, Button } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { PageHeading } from '../../../components/ui/PageHeading';
import { PageLoader } from '../../../components/ui/PageLoader';
import { Panel } from '../../../components/ui/Panel';
import { translateError } from '../../../lib/form-errors';
import '../../../locales/complaints';
import { useComplaintList } from '../hooks/useComplaints';
import { ComplaintStatusTag } from './ComplaintStatusTag';

/** `/complaints` (R38): the complainant's own complaints, with their status and outcome. */
export default function MyComplaintsPage() {
  const { t } = useTranslation('complaints');
  const navigate = useNavigate();
  const list = useComplaintList('mine');
  if (list.isPending) return <PageLoader />;
  return (
    <div className="page" data-testid="my-complaints-page">
      <PageHeading testId="my-complaints-heading" extra={<Button onClick={() => navigate('/complaints/new')} data-testid="my-complaints-new">{t('mine.new')}</Button>}>
        {t('mine.title')}
      </PageHeading>
      {list.isError && <Alert type="error" showIcon title={translateError(list.error)} />}
      <Panel>
        {list.data?.length ? (
          <ul className="stack plain-list">
            {list.data.map((c) => (
              <li key={c.id} data-testid="my-complaint" data-id={c.id}>
                <Link to={`/complaints/${c.id}`}>
                  {t(`grounds.${c.ground}`)} · {c.mediatorName ?? c.organisationName}
                </Link>{' '}
                <ComplaintStatusTag complaint={c} /> <span className="muted">{dayjs(c.filedAt).format('YYYY-MM-DD')}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p data-testid="my-complaints-empty">{t('mine.empty')}</p>
        )}
      </Panel>
    </div>
  );
}
