import { Alert, Form, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { DisputeType, PublicOrganisation } from '@tiaojie/contracts';
import { canTakeNow, routeCase, type OrganisationType } from '@tiaojie/domain';
import { PageLoader } from '../../../../components/ui/PageLoader';
import { translateError } from '../../../../lib/form-errors';
import { currentLocale } from '../../../../lib/i18n';
import { inLocale, listInLocale } from '../../../../lib/localized-text';
import { useOrganisations, useRoster } from '../../hooks/useCase';

interface StepMediatorProps {
  disputeType: DisputeType | undefined;
  /** Where the dispute arose (step 2): routing picks the nearest organisation. */
  region: string | undefined;
  organisationId: string | undefined;
}

const routable = (o: PublicOrganisation) => ({ ...o, type: o.type as OrganisationType, takesNow: o.takesNow ?? [] });

/**
 * The organisation (else routed by place and type) and, from the public roster, a mediator (R05,
 * R07). Issue #11: the recommendation is the organisation the server would route to (the same
 * `routeCase` of libs/domain), and an organisation that cannot take the case now (no active
 * dispatcher or no mediator for the type) is shown but cannot be chosen.
 */
export function StepMediator({ disputeType, region, organisationId }: StepMediatorProps) {
  const { t } = useTranslation(['filing', 'common']);
  const locale = currentLocale();
  const organisations = useOrganisations();
  const roster = useRoster(disputeType);
  const all = (organisations.data ?? []).map(routable);
  const routed = disputeType ? routeCase({ disputeType, region: region || null, chosenOrganisationId: null }, all) : null;
  const takes = (o: ReturnType<typeof routable>) => !disputeType || canTakeNow(o, disputeType);
  const handling = all
    .filter((o) => !disputeType || o.disputeTypes.includes(disputeType))
    .sort((a, b) => Number(b.id === routed?.id) - Number(a.id === routed?.id) || Number(takes(b)) - Number(takes(a)) || a.name.localeCompare(b.name));
  const mediators = (roster.data ?? []).filter((m) => !organisationId || m.organisations.some((o) => o.id === organisationId));

  return (
    <>
      <fieldset className="form-group">
        <legend className="form-group-title">{t('organisation.title')}</legend>
        {organisations.isPending ? (
          <PageLoader />
        ) : organisations.isError ? (
          <Alert type="error" showIcon title={translateError(organisations.error)} />
        ) : (
          <Form.Item name="organisationId" initialValue="" noStyle>
            <Radio.Group className="choice-list" data-testid="filing-organisations">
              <Radio value="" className="choice-item" data-testid="organisation-auto" data-routed={routed?.id ?? ''}>
                <span className="choice-item-title">{t('organisation.auto')}</span>
                {routed && (
                  <span className="choice-item-body" data-testid="organisation-auto-target">
                    {t('organisation.autoTarget', { name: inLocale(locale, routed.name, routed.nameEn) })}
                  </span>
                )}
              </Radio>
              {handling.map((o) => (
                <Radio key={o.id} value={o.id} className="choice-item" disabled={!takes(o)} data-testid="organisation-option" data-id={o.id} data-available={takes(o)}>
                  <span className="choice-item-title">
                    {inLocale(locale, o.name, o.nameEn)}{' '}
                    {o.id === routed?.id && (
                      <span className="chip chip-green" data-testid="organisation-recommended">
                        {t('organisation.recommended')}
                      </span>
                    )}
                  </span>
                  <span className="choice-item-meta">
                    <span className="chip">{t(`common:organisationTypes.${o.type}`, { defaultValue: o.type })}</span>
                    <span className={o.chargesFees ? 'chip chip-orange' : 'chip chip-green'}>{o.chargesFees ? t('organisation.charges') : t('organisation.free')}</span>
                    {o.courtName && <span>{t('organisation.court', { court: o.courtName })}</span>}
                  </span>
                  {!takes(o) && (
                    <span className="choice-item-body" data-testid="organisation-unavailable">
                      {t('organisation.unavailable')}
                    </span>
                  )}
                  {o.description && (
                    <span className="choice-item-body" data-testid="organisation-description">
                      {inLocale(locale, o.description, o.descriptionEn)}
                    </span>
                  )}
                  {o.chargesFees && o.feeSchedule && (
                    <span className="choice-item-body" data-testid="organisation-fees">
                      {o.feeSchedule}
                    </span>
                  )}
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
        )}
        {organisations.isSuccess && handling.length === 0 && <p className="text-secondary">{t('organisation.none')}</p>}
        {organisations.isSuccess && handling.length > 0 && disputeType && !routed && (
          <Alert
            type="warning"
            showIcon
            title={t('organisation.noneNow')}
            // Issue #11: the message comes with what fixes it — the place of the dispute (step 2).
            description={
              <Link to={{ search: '?step=1' }} data-testid="organisation-change-region">
                {t('organisation.changeRegion')}
              </Link>
            }
            data-testid="organisation-none-now"
          />
        )}
      </fieldset>

      <fieldset className="form-group">
        <legend className="form-group-title">{t('mediator.title')}</legend>
        <p className="text-secondary step-hint">{t('mediator.hint')}</p>
        {roster.isPending && disputeType ? (
          <PageLoader />
        ) : (
          <Form.Item name="preferredMediatorId" initialValue="" noStyle>
            <Radio.Group className="choice-list" data-testid="filing-mediators">
              <Radio value="" className="choice-item" data-testid="mediator-none">
                <span className="choice-item-title">{t('mediator.none')}</span>
              </Radio>
              {mediators.map((m) => (
                <Radio key={m.id} value={m.id} className="choice-item" data-testid="mediator-option">
                  <span className="choice-item-title" data-testid="mediator-name">
                    {inLocale(locale, m.name, m.nameEn)}
                  </span>
                  <span className="choice-item-meta">
                    <span>{m.organisations.map((o) => inLocale(locale, o.name, o.nameEn)).join(locale === 'en' ? ', ' : '、')}</span>
                    <span>{t('mediator.years', { count: m.yearsOfPractice })}</span>
                  </span>
                  <span className="choice-item-meta">
                    {listInLocale(locale, m.expertise, m.expertiseEn).map((item) => (
                      <span key={item} className="chip">
                        {item}
                      </span>
                    ))}
                  </span>
                  {m.bio && (
                    <span className="choice-item-body" data-testid="mediator-bio">
                      {inLocale(locale, m.bio, m.bioEn)}
                    </span>
                  )}
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
        )}
        {roster.isSuccess && mediators.length === 0 && <p className="text-secondary">{t('mediator.empty')}</p>}
      </fieldset>
    </>
  );
}
