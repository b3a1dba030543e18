import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CaseStateTag } from '../../../components/case/CaseStateTag';
import { useMediation } from './MediationContext';

/** The head of the mediation room: its title, the case's number and state, and what goes on the right. */
export function MediationHead({ title, className, children }: { title: string; className?: string; children: ReactNode }) {
  const { t } = useTranslation('mediation');
  const { detail } = useMediation();
  return (
    <header className={className ? `med-head ${className}` : 'med-head'}>
      <div className="med-head-main">
        <h1 className="med-title" data-testid="mediation-heading">
          {title}
        </h1>
        <div className="med-head-meta">
          {detail?.number && (
            <span className="nowrap" data-testid="mediation-case-number">
              {t('caseNumber', { number: detail.number })}
            </span>
          )}
          {detail && <CaseStateTag state={detail.state} testId="mediation-case-state" />}
        </div>
      </div>
      {children}
    </header>
  );
}
