import { addCalendarDays, deadlineFrom, type WorkingCalendar } from '@tiaojie/domain';
import type { MediationCase } from './case.entity';

/**
 * R20: the end of the mediation period — 30 days from the mediator's acceptance, plus the
 * extensions every party agreed to (calendar days, granted in the ending module). Null before
 * a mediator accepted. The one place the period is computed: the state machine's context, the
 * case's deadlines and the deadline scanner all use it.
 */
export function mediationDeadline(c: Pick<MediationCase, 'mediatorAcceptedAt' | 'mediationExtensionDays'>, calendar: WorkingCalendar): Date | null {
  if (!c.mediatorAcceptedAt) return null;
  const base = deadlineFrom('mediationPreFiling', c.mediatorAcceptedAt, calendar);
  return c.mediationExtensionDays > 0 ? addCalendarDays(base, c.mediationExtensionDays, calendar) : base;
}
