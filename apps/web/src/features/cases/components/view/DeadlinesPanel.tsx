import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '@tiaojie/contracts';
import { DeadlineCountdown } from '../../../../components/case/DeadlineCountdown';
import { Panel } from '../../../../components/ui/Panel';
import { ProvisionalNote } from '../../../calendar/components/ProvisionalNote';

/** Every open deadline as a live countdown; for the organisation, the same-day contact SLA too. */
export function DeadlinesPanel({ detail, showSla }: { detail: CaseDetail; showSla: boolean }) {
  const { t } = useTranslation('casePage');
  // While the same-day contact is still open it is already one of the countdowns.
  const slaOpen = detail.deadlines.some((deadline) => deadline.kind === 'sameDayContact');
  const sla = showSla && detail.contactSla && (detail.contactSla.metAt || detail.contactSla.met === false || !slaOpen) ? detail.contactSla : null;
  // "The mediator calls you the same day" is a promise to the parties: once that day has passed
  // it is no longer true, and they are not shown it as a red countdown (issue #11, stale texts).
  // Staff keep it: for them it is the late contact to make.
  const deadlines = showSla ? detail.deadlines : detail.deadlines.filter((d) => !(d.kind === 'sameDayContact' && (d.overdue || Date.parse(d.dueAt) <= Date.now())));
  if (!deadlines.length && !sla) return null;
  const at = (iso: string) => dayjs(iso).format('MM-DD HH:mm');
  return (
    <Panel title={t('sections.deadlines')} testId="case-deadlines">
      <ul className="deadline-list">
        {deadlines.map((deadline) => (
          <li key={`${deadline.kind}-${deadline.dueAt}`}>
            <DeadlineCountdown deadline={deadline} />
          </li>
        ))}
      </ul>
      <ProvisionalNote dueAts={deadlines.filter((deadline) => deadline.provisional).map((deadline) => deadline.dueAt)} />
      {sla && (
        <p className={`sla-line${sla.met === false ? ' is-late' : ''}`} data-testid="case-sla">
          <strong className="sla-title">{t('sla.title')}</strong>
          {sla.metAt ? t(sla.met ? 'sla.met' : 'sla.late', { date: at(sla.metAt) }) : sla.met === false ? t('sla.missed') : t('sla.due', { date: at(sla.dueAt) })}
        </p>
      )}
    </Panel>
  );
}
