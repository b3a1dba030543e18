import { useTranslation } from 'react-i18next';

/** A plain CSS spinner: it shows while page chunks load, so it must not need one itself. */
export function PageLoader() {
  const { t } = useTranslation();
  return (
    <div className="page-loader" role="status" aria-live="polite">
      <span className="spinner" aria-hidden />
      <span className="visually-hidden">{t('loading')}</span>
    </div>
  );
}
