import { useTranslation } from 'react-i18next';
import { progressSteps, type CaseState } from '@tiaojie/domain';
import '../../locales/case';

interface CaseProgressProps {
  state: CaseState;
  /** `full`: every step named (case page); `compact`: the bar and the current step (lists). */
  variant?: 'full' | 'compact';
  testId?: string;
}

/**
 * The progress bar of a case, from the domain's progressSteps(): the eight steps of the main
 * path, with a side state (returned, terminated …) shown on the step where the case left it.
 */
export function CaseProgress({ state, variant = 'full', testId = 'case-progress' }: CaseProgressProps) {
  const { t } = useTranslation('case');
  const progress = progressSteps(state);
  const index = progress.steps.findIndex((step) => step.state === progress.current);
  const currentLabel = progress.sideState ? `${t(`steps.${progress.current}`)} · ${t(`states.${progress.sideState}`)}` : t(`steps.${progress.current}`);

  return (
    <div
      className={`case-progress case-progress-${variant} outcome-${progress.outcome}`}
      data-testid={testId}
      data-current={progress.current}
      data-side-state={progress.sideState ?? ''}
      data-outcome={progress.outcome}
    >
      <div className="case-progress-summary">
        <span className="case-progress-current" data-testid={`${testId}-current`}>
          {currentLabel}
        </span>
        <span className="case-progress-count">
          {progress.outcome === 'in_progress' ? t('progress.stepOf', { n: index + 1, total: progress.steps.length }) : t(`progress.outcome.${progress.outcome}`)}
        </span>
      </div>
      <ol className="case-progress-bar" aria-label={t('progress.label')}>
        {progress.steps.map((step) => (
          <li key={step.state} className={`case-progress-step is-${step.status}${step.sideState ? ' has-side-state' : ''}`} data-state={step.state} data-status={step.status}>
            <span className="case-progress-segment" aria-hidden />
            <span className={variant === 'full' ? 'case-progress-label' : 'visually-hidden'}>
              {t(`steps.${step.state}`)}
              <span className="visually-hidden">
                {' '}
                ({t(`progress.status.${step.status}`)}
                {step.sideState ? `, ${t(`states.${step.sideState}`)}` : ''})
              </span>
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}
