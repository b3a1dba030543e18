import { useTranslation } from 'react-i18next';
import { usePageLoaderMark } from '../../lib/page-shown';

/** A plain CSS spinner: it shows while page chunks load, so it must not need one itself. */
export function PageLoader() {
  const { t } = useTranslation();
  usePageLoaderMark();
  return (
    <div className="page-loader" role="status" aria-live="polite">
      <span className="spinner" aria-hidden />
      <span className="visually-hidden">{t('loading')}</span>
    </div>
  );
}
