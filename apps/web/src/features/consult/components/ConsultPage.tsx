import { useState } from 'react';
import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { DEFAULT_ONE_YEAR_LPR_PERCENT, DISPUTE_TYPES, evaluate, isDisputeType, type Answers, type DisputeType, type Evaluation } from '@tiaojie/domain';
import { PageHeading } from '../../../components/ui/PageHeading';
import { Panel } from '../../../components/ui/Panel';
import { saveConsultationHandoff } from '../../../lib/consultation-handoff';
import '../../../locales/case';
import '../../../locales/consult';
import { useConsultationConfig } from '../hooks/useConsultationConfig';
import { EvaluationResult } from './EvaluationResult';
import { Questionnaire } from './Questionnaire';

/**
 * Self-help consultation before any case exists (public): the ten dispute types with plain
 * guidance, each type's questionnaire, and evaluate()'s result, which can be carried into filing.
 */
export default function ConsultPage() {
  const { t } = useTranslation(['consult', 'case']);
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const typeParam = params.get('type');
  const disputeType: DisputeType | null = isDisputeType(typeParam) ? typeParam : null;
  const [evaluation, setEvaluation] = useState<Evaluation | null>(null);
  const config = useConsultationConfig();
  const lprPercent = config.data?.lprPercent ?? DEFAULT_ONE_YEAR_LPR_PERCENT;

  const choose = (type: DisputeType | null) => {
    setEvaluation(null);
    const next = new URLSearchParams(params);
    if (type) next.set('type', type);
    else next.delete('type');
    setParams(next);
    window.scrollTo(0, 0);
  };

  const onAnswers = (answers: Answers) => {
    if (!disputeType) return;
    setEvaluation(evaluate(disputeType, answers, { lprPercent }));
    window.setTimeout(() => document.querySelector('[data-testid="consult-result"]')?.scrollIntoView?.({ behavior: 'smooth' }), 0);
  };

  const file = () => {
    if (!disputeType || !evaluation) return;
    saveConsultationHandoff({ disputeType, evaluation });
    navigate('/cases/new', { state: { fromConsultation: true } });
  };

  return (
    <div className="page">
      <div>
        <PageHeading testId="consult-heading">{t('title')}</PageHeading>
        <p className="page-intro">{t('intro')}</p>
      </div>
      {/* R35: mediation is free; it is also voluntary (R01). */}
      <Alert type="success" showIcon title={t('free.title')} description={t('free.body')} data-testid="consult-free" />

      {!disputeType ? (
        <section aria-labelledby="consult-types-title">
          <h2 className="section-title" id="consult-types-title">
            {t('chooseType')}
          </h2>
          <ul className="choice-grid" data-testid="consult-types">
            {DISPUTE_TYPES.map((type) => (
              <li key={type}>
                <button type="button" className="choice-card" onClick={() => choose(type)} data-testid={`consult-type-${type}`}>
                  <span className="choice-card-title">{t(`case:disputeTypes.${type}`)}</span>
                  <span className="choice-card-body">{t(`types.${type}.summary`)}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : (
        <>
          <Panel
            title={<span data-testid="consult-type-title">{t(`case:disputeTypes.${disputeType}`)}</span>}
            extra={
              <Button type="link" size="small" onClick={() => choose(null)} data-testid="consult-change-type">
                {t('changeType')}
              </Button>
            }
            testId="consult-guidance"
          >
            <dl className="guidance">
              <dt>{t('coversLabel')}</dt>
              <dd>{t(`types.${disputeType}.covers`)}</dd>
              <dt>{t('prepareLabel')}</dt>
              <dd>{t(`types.${disputeType}.prepare`)}</dd>
            </dl>
          </Panel>
          <Panel title={t('questionsTitle')}>
            {config.isError && <Alert className="form-error" type="info" showIcon title={t('lprFallback', { lpr: lprPercent })} />}
            <Questionnaire key={disputeType} disputeType={disputeType} onAnswers={onAnswers} />
          </Panel>
          {evaluation && <EvaluationResult evaluation={evaluation} lprPercent={lprPercent} lprMultiple={config.data?.lprMultiple} onFile={file} onRestart={() => choose(null)} />}
        </>
      )}
    </div>
  );
}
