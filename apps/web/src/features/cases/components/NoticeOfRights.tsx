import { useTranslation } from 'react-i18next';
import '../../../locales/rights';

const ITEMS = ['rights', 'duties', 'agreement', 'confirmation', 'platform'] as const;

/**
 * R02: the notice shown before mediation — rights and duties, the legal effect of an agreement
 * and of judicial confirmation, and how to use the platform. Whoever reads it ticks a box,
 * which the API records (`noticeSeen`).
 */
export function NoticeOfRights({ testId = 'notice-of-rights' }: { testId?: string }) {
  const { t } = useTranslation('rights');
  return (
    <section className="notice" aria-labelledby={`${testId}-title`} data-testid={testId} tabIndex={0}>
      <h3 className="notice-title" id={`${testId}-title`}>
        {t('title')}
      </h3>
      <p className="notice-intro">{t('intro')}</p>
      {ITEMS.map((item) => (
        <div key={item} className="notice-item">
          <h4>{t(`items.${item}.title`)}</h4>
          <p>{t(`items.${item}.body`)}</p>
        </div>
      ))}
    </section>
  );
}
