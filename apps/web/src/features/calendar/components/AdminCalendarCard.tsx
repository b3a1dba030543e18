import { Alert, Button, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { translateError } from '../../../lib/form-errors';
import '../../../locales/calendar';
import { RoleSection } from '../../../components/ui/RoleSection';
import { useCalendarOverview } from '../hooks/useCalendar';

/** The system admin's home: a warning while the current or the next year's holiday schedule is not entered (issue #10). */
export default function AdminCalendarCard() {
  const { t } = useTranslation('calendar');
  const overview = useCalendarOverview();
  let body;
  if (overview.isPending) body = <Skeleton active paragraph={{ rows: 1 }} />;
  else if (overview.isError) body = <Alert type="error" showIcon title={translateError(overview.error)} />;
  else if (overview.data.unpublished.length)
    body = (
      <Alert
        type="warning"
        showIcon
        data-testid="calendar-warning"
        title={t('warning.title')}
        description={t('warning.body', { years: overview.data.unpublished.join('、') })}
        action={
          <Link to="/admin/calendar">
            <Button size="small" type="primary">
              {t('warning.action')}
            </Button>
          </Link>
        }
      />
    );
  else
    body = (
      <p data-testid="calendar-ok">
        {t('homeOk')} <Link to="/admin/calendar">{t('open')}</Link>
      </p>
    );
  return (
    <RoleSection section="admin-calendar" title={t('homeTitle')}>
      {body}
    </RoleSection>
  );
}
