import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router-dom';
import '../../../locales/court';

/** The court portal's navigation: confirmations (here), case filings (/court/filings) and the cases it brought (/court/cases, R21). */
export function CourtNav() {
  const { t } = useTranslation('court');
  return (
    <nav className="court-nav" data-testid="court-nav">
      <NavLink to="/court" end data-testid="court-nav-confirmations">
        {t('nav.confirmations')}
      </NavLink>
      <NavLink to="/court/filings" data-testid="court-nav-filings">
        {t('nav.filings')}
      </NavLink>
      <NavLink to="/court/cases" data-testid="court-nav-cases">
        {t('nav.cases')}
      </NavLink>
    </nav>
  );
}
