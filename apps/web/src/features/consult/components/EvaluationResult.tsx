import { Alert, Button, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { LPR_MULTIPLE, type Evaluation } from '@tiaojie/domain';
import { Panel } from '../../../components/ui/Panel';

interface EvaluationResultProps {
  evaluation: Evaluation;
  lprPercent: string;
  lprMultiple?: number;
  onFile: () => void;
  onRestart: () => void;
}

/** What evaluate() concluded, in words: suitability, urgency, where to turn, advice, interest check. */
export function EvaluationResult({ evaluation, lprPercent, lprMultiple = LPR_MULTIPLE, onFile, onRestart }: EvaluationResultProps) {
  const { t } = useTranslation(['consult', 'common']);
  const interest = evaluation.interestCheck;

  return (
    <Panel title={t('result.title')} testId="consult-result">
      <div className="stack">
        <Alert
          type={evaluation.suitable ? 'success' : 'warning'}
          showIcon
          title={evaluation.suitable ? t('result.suitable') : t('result.unsuitable')}
          description={evaluation.suitable ? t('result.suitableBody') : t('result.unsuitableBody')}
          data-testid="consult-suitability"
          data-suitable={evaluation.suitable}
        />
        {evaluation.urgent && <Alert type="error" showIcon title={t('result.urgent')} description={t('result.urgentBody')} data-testid="consult-urgent" />}
        {interest && (
          <Alert
            type={interest.aboveCap ? 'error' : 'info'}
            showIcon
            title={t('result.interestTitle')}
            description={t(interest.aboveCap ? 'result.interestAbove' : 'result.interestWithin', {
              rate: interest.annualRatePercent,
              cap: interest.capPercent,
              lpr: lprPercent,
              multiple: lprMultiple,
            })}
            data-testid="consult-interest"
            data-above-cap={interest.aboveCap}
          />
        )}
        <div>
          <h3 className="subsection-title">{t('result.organisations')}</h3>
          <div className="tag-row" data-testid="consult-organisations">
            {evaluation.recommendedOrganisationTypes.map((type) => (
              <Tag key={type} color="blue">
                {t(`common:organisationTypes.${type}`)}
              </Tag>
            ))}
          </div>
        </div>
        <div>
          <h3 className="subsection-title">{t('result.advice')}</h3>
          <ul className="advice-list" data-testid="consult-advice">
            {evaluation.advice.map((id) => (
              <li key={id} data-advice={id}>
                {t(`advice.${id}`)}
              </li>
            ))}
          </ul>
        </div>
        <Button type="primary" size="large" block onClick={onFile} data-testid="consult-file">
          {t('result.file')}
        </Button>
        <p className="text-secondary hint">{t('result.fileHint')}</p>
        <Button block onClick={onRestart} data-testid="consult-restart">
          {t('result.restart')}
        </Button>
      </div>
    </Panel>
  );
}
