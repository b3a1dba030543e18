import { Alert, Form, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DisputeType, PublicOrganisation } from '@tiaojie/contracts';
import { ORGANISATIONS_FOR, type Evaluation } from '@tiaojie/domain';
import { PageLoader } from '../../../../components/ui/PageLoader';
import { translateError } from '../../../../lib/form-errors';
import { useOrganisations, useRoster } from '../../hooks/useCase';

interface StepMediatorProps {
  disputeType: DisputeType | undefined;
  organisationId: string | undefined;
  evaluation: Evaluation | null;
}

/** The organisation (else routed by place and type) and, from the public roster, a mediator (R05, R07). */
export function StepMediator({ disputeType, organisationId, evaluation }: StepMediatorProps) {
  const { t } = useTranslation(['filing', 'common']);
  const organisations = useOrganisations();
  const roster = useRoster(disputeType);
  const recommendedTypes = evaluation?.recommendedOrganisationTypes ?? (disputeType ? ORGANISATIONS_FOR[disputeType] : []);
  const rank = (o: PublicOrganisation) => {
    const index = recommendedTypes.indexOf(o.type);
    return index === -1 ? recommendedTypes.length : index;
  };
  const handling = (organisations.data ?? [])
    .filter((o) => !disputeType || o.disputeTypes.includes(disputeType))
    .sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
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
              <Radio value="" className="choice-item" data-testid="organisation-auto">
                <span className="choice-item-title">{t('organisation.auto')}</span>
              </Radio>
              {handling.map((o) => (
                <Radio key={o.id} value={o.id} className="choice-item" data-testid="organisation-option">
                  <span className="choice-item-title">
                    {o.name} {rank(o) === 0 && <span className="chip chip-green">{t('organisation.recommended')}</span>}
                  </span>
                  <span className="choice-item-meta">
                    <span className="chip">{t(`common:organisationTypes.${o.type}`, { defaultValue: o.type })}</span>
                    <span className={o.chargesFees ? 'chip chip-orange' : 'chip chip-green'}>
                      {o.chargesFees ? t('organisation.charges') : t('organisation.free')}
                    </span>
                    {o.courtName && <span>{t('organisation.court', { court: o.courtName })}</span>}
                  </span>
                  {o.description && <span className="choice-item-body">{o.description}</span>}
                  {o.chargesFees && o.feeSchedule && <span className="choice-item-body" data-testid="organisation-fees">{o.feeSchedule}</span>}
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
        )}
        {organisations.isSuccess && handling.length === 0 && <p className="text-secondary">{t('organisation.none')}</p>}
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
                  <span className="choice-item-title">{m.name}</span>
                  <span className="choice-item-meta">
                    <span>{m.organisations.map((o) => o.name).join('、')}</span>
                    <span>{t('mediator.years', { count: m.yearsOfPractice })}</span>
                  </span>
                  <span className="choice-item-meta">
                    {m.expertise.map((item) => (
                      <span key={item} className="chip">
                        {item}
                      </span>
                    ))}
                  </span>
                  {m.bio && <span className="choice-item-body">{m.bio}</span>}
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
