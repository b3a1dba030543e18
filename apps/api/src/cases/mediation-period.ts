import type { PeriodPauseView } from '@tiaojie/contracts';
import { addCalendarDays, deadlineFrom, mediationPeriodKind, type WorkingCalendar } from '@tiaojie/domain';
import type { MediationCase } from './case.entity';

/**
 * R20: milliseconds of the pauses (expert appraisal, R36 suspension) that do not count against
 * the period — overlapping pauses count once; a running pause counts up to `now` (without `now`,
 * not at all), so while it runs the deadline moves with it.
 */
export function excludedMs(pauses: readonly PeriodPauseView[] | null | undefined, now?: Date): number {
  const spans = (pauses ?? [])
    .map((p) => [Date.parse(p.from), p.to ? Date.parse(p.to) : (now?.getTime() ?? Date.parse(p.from))] as const)
    .filter(([a, b]) => Number.isFinite(a) && Number.isFinite(b) && b > a)
    .sort((x, y) => x[0] - y[0]);
  let total = 0;
  let end = -Infinity;
  for (const [a, b] of spans) {
    if (b <= end) continue;
    total += b - Math.max(a, end);
    end = b;
  }
  return total;
}

/**
 * R20: the end of the mediation period — 30 days from the mediator's acceptance (a court-entrusted
 * case after filing: 15 days under the ordinary procedure, 7 under the simple one), plus the
 * extensions every party agreed to (calendar days, granted in the ending module), moved by the
 * appraisal and suspension time excluded from it. Null before a mediator accepted. The one
 * place the period is computed: the state machine's context, the case's deadlines and the
 * deadline scanner all use it.
 */
export function mediationDeadline(
  c: Pick<MediationCase, 'mediatorAcceptedAt' | 'mediationExtensionDays'> & Partial<Pick<MediationCase, 'periodPauses' | 'courtCaseKind' | 'courtProcedure'>>,
  calendar: WorkingCalendar,
  now?: Date,
): Date | null {
  if (!c.mediatorAcceptedAt) return null;
  const base = deadlineFrom(mediationPeriodKind(c.courtCaseKind, c.courtProcedure), c.mediatorAcceptedAt, calendar);
  const extended = c.mediationExtensionDays > 0 ? addCalendarDays(base, c.mediationExtensionDays, calendar) : base;
  const excluded = excludedMs(c.periodPauses, now);
  return excluded > 0 ? new Date(extended.getTime() + excluded) : extended;
}

/** R20: opens a pause of this kind (no-op if one is running) or closes the running one. */
export function withPause(pauses: readonly PeriodPauseView[] | null | undefined, kind: PeriodPauseView['kind'], at: Date, open: boolean): PeriodPauseView[] {
  const list = [...(pauses ?? [])];
  const running = list.findIndex((p) => p.kind === kind && !p.to);
  if (open) {
    if (running < 0) list.push({ kind, from: at.toISOString(), to: null });
  } else if (running >= 0) {
    list[running] = { ...list[running], to: at.toISOString() };
  }
  return list;
}
