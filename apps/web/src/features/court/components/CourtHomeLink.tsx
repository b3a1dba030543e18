import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import '../../../locales/court';

/** On a judge's or clerk's home page: the way into the court portal. */
export function CourtHomeLink() {
  const { t } = useTranslation('court');
  const navigate = useNavigate();
  return (
    <Button type="primary" block onClick={() => navigate('/court')} data-testid="home-court-link">
      {t('homeLink')}
    </Button>
  );
}
