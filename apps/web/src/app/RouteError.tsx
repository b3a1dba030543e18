import { Button } from 'antd';
import { useTranslation } from 'react-i18next';

/** Shown when a page throws while rendering; kept plain so that it cannot fail to load. */
export function RouteError() {
  const { t } = useTranslation();
  return (
    <div className="error-page" role="alert" data-testid="route-error">
      <h1>{t('crash.title')}</h1>
      <p>{t('crash.subtitle')}</p>
      <Button type="primary" onClick={() => window.location.reload()}>
        {t('crash.reload')}
      </Button>
    </div>
  );
}

export default function NotFound() {
  const { t } = useTranslation();
  return (
    <div className="error-page" data-testid="not-found">
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.subtitle')}</p>
      <Button type="primary" href="/">
        {t('backHome')}
      </Button>
    </div>
  );
}
