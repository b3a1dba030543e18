import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../../lib/i18n';
import { inLocale } from '../../../lib/localized-text';
import { usePublicOrganisations } from '../hooks/usePublicOrganisations';

/** The organisations that mediate on the platform (R05); nothing at all when the list cannot be loaded. */
export function OrganisationList() {
  const { t } = useTranslation(['landing', 'common']);
  const { data: organisations } = usePublicOrganisations();
  const locale = currentLocale();
  if (!organisations?.length) return null;

  return (
    <section aria-labelledby="organisations-title" data-testid="landing-organisations">
      <h2 className="section-title" id="organisations-title">
        {t('organisationsTitle')}
      </h2>
      <p className="text-secondary section-intro">{t('organisationsIntro')}</p>
      <ul className="org-list">
        {organisations.map((organisation) => (
          <li key={organisation.id} className="org-item">
            <div className="org-item-name" data-testid="organisation-name">
              {inLocale(locale, organisation.name, organisation.nameEn)}
            </div>
            <div className="org-item-meta">
              <Tag>{t(`common:organisationTypes.${organisation.type}`, { defaultValue: organisation.type })}</Tag>
              {organisation.courtName && <span>{t('affiliatedCourt', { court: organisation.courtName })}</span>}
              <Tag color={organisation.chargesFees ? 'orange' : 'green'}>{organisation.chargesFees ? t('charges') : t('free')}</Tag>
            </div>
            {/* R35: an organisation that charges shows its fees. */}
            {organisation.chargesFees && organisation.feeSchedule && (
              <div className="org-item-fees text-secondary" data-testid="organisation-fees">
                {t('fees', { fees: organisation.feeSchedule })}
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
