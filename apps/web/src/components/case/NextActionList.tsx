import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { NextAction } from '@tiaojie/domain';
import '../../locales/case';
import { DeadlineCountdown } from './DeadlineCountdown';

/** Where on the site a next step is taken: the agreement page, or the case page (its section). */
export function nextActionHref(caseId: string, action: NextAction): string {
  if (action.section === 'agreement') return `/cases/${caseId}/agreement`;
  if (action.kind === 'continue_draft') return `/cases/${caseId}/edit`;
  if (action.section === 'mediation') return `/cases/${caseId}/mediation`;
  return action.section === 'actions' ? `/cases/${caseId}` : `/cases/${caseId}#${action.section}`;
}

interface Item extends NextAction {
  caseId: string;
  caseNumber?: string | null;
}

/**
 * "需要您处理": the viewer's next steps (domain `nextActionsFor`, computed by the API), each with
 * its deadline and a link to where it is done. The home page lists every case's; the case page its own.
 */
export function NextActionList({ items, testId = 'next-actions', showCase = false }: { items: Item[]; testId?: string; showCase?: boolean }) {
  const { t } = useTranslation('case');
  return (
    <ul className="next-action-list" data-testid={testId}>
      {items.map((item) => (
        <li key={`${item.caseId}:${item.kind}:${item.dueAt ?? ''}`} className="next-action" data-testid="next-action" data-kind={item.kind} data-case={item.caseId}>
          <div className="next-action-text">
            <strong>{t(`nextActions.kinds.${item.kind}`)}</strong>
            {showCase && <span className="text-secondary"> · {item.caseNumber ?? t('draft')}</span>}
          </div>
          {item.dueAt ? (
            <DeadlineCountdown deadline={{ kind: item.kind, rule: '', dueAt: item.dueAt, overdue: false, dueSoon: false }} showLabel={false} testId="next-action-deadline" />
          ) : (
            <span className="text-secondary" data-testid="next-action-no-deadline">
              {t('nextActions.noDeadline')}
            </span>
          )}
          {/* A link that looks like a button (no button inside a link: one interactive element). */}
          <Link to={nextActionHref(item.caseId, item)} className="next-action-go" data-testid="next-action-link">
            {t('nextActions.go')}
          </Link>
        </li>
      ))}
    </ul>
  );
}

/** The case page's sections a next step links to (`/cases/:id#confirmation`), by their test ids. */
const SECTION_ELEMENTS: Record<string, string> = { confirmation: 'confirmation', mediators: 'case-mediators' };

/**
 * Scrolls the case page to the section a next step links to once it has loaded (sections are
 * loaded lazily, so it looks for a few seconds).
 */
export function useScrollToSection(hash: string, ready: boolean) {
  useEffect(() => {
    const testId = SECTION_ELEMENTS[hash.replace(/^#/, '')];
    if (!testId || !ready) return;
    let tries = 0;
    const timer = setInterval(() => {
      const element = document.querySelector(`[data-testid="${testId}"]`);
      if (element || ++tries > 50) {
        clearInterval(timer);
        element?.scrollIntoView?.({ behavior: 'smooth', block: 'start' });
      }
    }, 100);
    return () => clearInterval(timer);
  }, [hash, ready]);
}
