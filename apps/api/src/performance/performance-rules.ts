import type { EnforcementRefusal, ObligationStatus } from '@tiaojie/contracts';
import type { CaseState } from '@tiaojie/domain';
import { chinaDateOf, DEADLINES, PERFORMANCE_STATES as DOMAIN_PERFORMANCE_STATES, sumCny } from '@tiaojie/domain';
import { isOverdue } from '../settlement/obligation-due';

export { daysLeft, isOverdue, UNPERFORMED } from '../settlement/obligation-due';

/**
 * Calendar rules for performance (R28) and enforcement (R34, CPL 250). A due date is a calendar
 * date in China time; the obligation is due by the end of that day (24:00 China = 16:00 UTC).
 */

/** Case states in which the agreement in effect is being performed (the domain's list, shared with the web). */
export const PERFORMANCE_STATES: readonly CaseState[] = DOMAIN_PERFORMANCE_STATES;

/** Reminders before the due date (days before), each sent once (R28: prompts for voluntary performance). */
export const REMINDER_DAYS = [3, 1] as const;

/** CPL 250: enforcement may be applied for within 2 years of the last day of the performance period (the domain's deadline). */
export const ENFORCEMENT_YEARS = DEADLINES.enforcementApplication.amount;

/** The same calendar date `years` later (29 Feb → 28 Feb). */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const target = new Date(Date.UTC(y + years, m - 1, d));
  if (target.getUTCMonth() !== m - 1) target.setUTCDate(0);
  return target.toISOString().slice(0, 10);
}

interface ObligationLike {
  id: string;
  seq: number;
  obligorPartyId: string;
  obligeePartyId: string;
  kind: string;
  amount: string | null;
  dueDate: string;
  status: ObligationStatus;
  instalment: number | null;
  instalments: number | null;
}

/**
 * CPL 250: the period runs from the last day of the performance period; for performance in
 * instalments, from the deadline of the last instalment. A plan is stored as consecutive rows
 * (instalment 1..n, settlement/agreement-content.ts expandObligations).
 */
export function periodStart(o: ObligationLike, all: readonly ObligationLike[]): string {
  if (!o.instalments || !o.instalment) return o.dueDate;
  const first = o.seq - (o.instalment - 1);
  const last = first + o.instalments - 1;
  const plan = all.filter((x) => x.seq >= first && x.seq <= last && x.instalments === o.instalments && x.obligorPartyId === o.obligorPartyId && x.obligeePartyId === o.obligeePartyId);
  return plan.reduce((last, x) => (x.dueDate > last ? x.dueDate : last), o.dueDate);
}

/** The last day enforcement may be applied for. */
export function applyBy(o: ObligationLike, all: readonly ObligationLike[]): string {
  return addYears(periodStart(o, all), ENFORCEMENT_YEARS);
}

export interface EnforcementDecision<T extends ObligationLike> {
  refusal: EnforcementRefusal | null;
  items: T[];
  unpaidTotal: string | null;
  applyBy: string | null;
}

/**
 * R34 / CPL 250: the obligee of a confirmed agreement may apply for enforcement of what is
 * overdue and unperformed, within 2 years of the deadline.
 */
export function enforcementDecision<T extends ObligationLike>(input: { confirmed: boolean; obligations: readonly T[]; obligeePartyIds: readonly string[]; now: Date }): EnforcementDecision<T> {
  const refuse = (refusal: EnforcementRefusal): EnforcementDecision<T> => ({ refusal, items: [], unpaidTotal: null, applyBy: null });
  const owed = input.obligations.filter((o) => input.obligeePartyIds.includes(o.obligeePartyId));
  if (!owed.length) return refuse('R34_not_obligee');
  if (!input.confirmed) return refuse('R34_confirmed_ruling');
  const overdue = owed.filter((o) => isOverdue(o, input.now));
  if (!overdue.length) return refuse('R34_overdue_unperformed');
  const today = chinaDateOf(input.now);
  const items = overdue.filter((o) => today <= applyBy(o, input.obligations));
  if (!items.length) return refuse('R34_enforcement_period');
  const amounts = items.filter((o) => o.amount !== null).map((o) => o.amount as string);
  return {
    refusal: null,
    items,
    unpaidTotal: sumCny(amounts),
    applyBy: items.map((o) => applyBy(o, input.obligations)).reduce((a, b) => (a < b ? a : b)),
  };
}
