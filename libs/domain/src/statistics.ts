/**
 * Statistics (issue #13): the ONE definition of what the dashboards and the monthly return count.
 * The API's SQL is built from these lists (`caseOutcomeSql`), so a dashboard, the monthly Excel
 * and the web's explanation of the success rate never disagree. Pure.
 *
 * Cohort: a case counts in the period in which it was filed (`submitted_at`, R03); its outcome is
 * its state now. Complaints count by filing time, confirmation rulings by ruling time.
 */
import { CASE_STATES, PERFORMANCE_STATES, inStates, type CaseState } from './case-lifecycle';
import { deadlineFrom, type DeadlineKind, type WorkingCalendar } from './working-days';

/**
 * settled: an agreement was signed by all and took effect (R26) — the case is in a state of
 * performance (SETTLED … CONFIRMATION_REJECTED), or CLOSED after an agreement (`agreement` is the
 * R22 reason record_settlement writes);
 * failed: mediation ended without an agreement (TERMINATED, ESCALATED, or CLOSED after those);
 * withdrawn: the applicant gave up before mediation started (WITHDRAWN) — never mediated;
 * open: still in the queue or in mediation (SUBMITTED, RETURNED, ACCEPTED, MEDIATING, SUSPENDED; DRAFT is never filed).
 */
export const CASE_OUTCOMES = ['settled', 'failed', 'withdrawn', 'open'] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];

/** The states in which a case is settled whatever its history: performance states but CLOSED. */
export const SETTLED_STATES: readonly CaseState[] = PERFORMANCE_STATES.filter((s) => s !== 'CLOSED');
/** Mediation ended without agreement (R22, R24). */
export const FAILED_STATES: readonly CaseState[] = ['TERMINATED', 'ESCALATED'];
/** The R22 reason recorded with an agreement: a CLOSED case with it was settled. */
export const SETTLEMENT_REASON = 'agreement';

export function caseOutcome(state: CaseState, terminationReason: string | null): CaseOutcome {
  if (inStates(SETTLED_STATES, state)) return 'settled';
  if (state === 'CLOSED') return terminationReason === SETTLEMENT_REASON ? 'settled' : 'failed';
  if (inStates(FAILED_STATES, state)) return 'failed';
  if (state === 'WITHDRAWN') return 'withdrawn';
  return 'open';
}

const sqlList = (states: readonly CaseState[]) => states.map((s) => `'${s}'`).join(', ');

/**
 * `caseOutcome` as a SQL CASE expression over the given column expressions (trusted: column
 * names of the API, never user input). The state lists are the domain's constants.
 */
export function caseOutcomeSql(stateCol: string, reasonCol: string): string {
  if (!/^[a-z_.]+$/.test(stateCol) || !/^[a-z_.]+$/.test(reasonCol)) throw new Error('caseOutcomeSql: column names only');
  return (
    `CASE WHEN ${stateCol} IN (${sqlList(SETTLED_STATES)}) THEN 'settled'` +
    ` WHEN ${stateCol} = 'CLOSED' AND ${reasonCol} = '${SETTLEMENT_REASON}' THEN 'settled'` +
    ` WHEN ${stateCol} IN (${sqlList([...FAILED_STATES, 'CLOSED'])}) THEN 'failed'` +
    ` WHEN ${stateCol} = 'WITHDRAWN' THEN 'withdrawn' ELSE 'open' END`
  );
}

export interface Rate {
  numerator: number;
  denominator: number;
  /** numerator / denominator, null when the denominator is 0 (never a division by zero). */
  rate: number | null;
}

export function rateOf(numerator: number, denominator: number): Rate {
  return { numerator, denominator, rate: denominator > 0 ? numerator / denominator : null };
}

/**
 * Success rate = settled ÷ (settled + failed): the cases whose mediation ended, with or without
 * an agreement. Open cases (not ended yet) and withdrawn ones (never mediated) are left out of
 * the denominator — the dashboard shows both numbers beside the rate.
 */
export function successRate(counts: Partial<Record<CaseOutcome, number>>): Rate {
  const settled = counts.settled ?? 0;
  return rateOf(settled, settled + (counts.failed ?? 0));
}

/** Time to settle: from filing (`submitted_at`) to the agreement taking effect (R26), in days. */
export function daysToSettle(submittedAt: Date, agreementEffectiveAt: Date): number {
  return (agreementEffectiveAt.getTime() - submittedAt.getTime()) / 86_400_000;
}

/** Continuous percentile with linear interpolation — what PostgreSQL's percentile_cont computes. */
export function percentileCont(values: readonly number[], p: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const at = p * (sorted.length - 1);
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}

/**
 * SLA kept (issue #13):
 *  - sameDayContact (DESIGN): the applicant is contacted by the end of the working day of filing;
 *  - contactRespondent (R12): the mediator contacts the respondent within 3 working days of accepting;
 *  - mediatorAccept (R09): the mediator answers an assignment by its `respond_by`.
 * A deadline not yet passed without the act is pending, and out of the denominator.
 */
export const SLA_KINDS = ['sameDayContact', 'contactRespondent', 'mediatorAccept'] as const satisfies readonly DeadlineKind[];
export type SlaKind = (typeof SLA_KINDS)[number];
export type SlaStatus = 'kept' | 'missed' | 'pending';

export function slaStatus(deadline: Date, doneAt: Date | null, now: Date): SlaStatus {
  if (doneAt) return doneAt <= deadline ? 'kept' : 'missed';
  return now > deadline ? 'missed' : 'pending';
}

/** The start of a China-local day 'YYYY-MM-DD' (UTC+8, no daylight saving). */
function chinaDayStart(day: string): Date {
  return new Date(`${day}T00:00:00+08:00`);
}

/**
 * The SLA of the working-day deadlines counted over China-local day pairs: the deadlines of
 * `sameDayContact` and `contactRespondent` end at the end of a local day and depend only on the
 * local day they start, so the API groups cases by (start day, day done) in SQL and this turns
 * each group into kept / missed / pending with the holiday calendar.
 */
export function slaFromDayPairs(
  kind: 'sameDayContact' | 'contactRespondent',
  rows: ReadonlyArray<{ startDay: string; doneDay: string | null; count: number }>,
  now: Date,
  calendar: WorkingCalendar,
): SlaCount {
  const out: SlaCount = { kept: 0, missed: 0, pending: 0, rate: null };
  const deadlines = new Map<string, Date>();
  for (const r of rows) {
    let deadline = deadlines.get(r.startDay);
    if (!deadline) deadlines.set(r.startDay, (deadline = deadlineFrom(kind, chinaDayStart(r.startDay), calendar)));
    out[slaStatus(deadline, r.doneDay ? chinaDayStart(r.doneDay) : null, now)] += r.count;
  }
  return withRate(out);
}

export interface SlaCount {
  kept: number;
  missed: number;
  pending: number;
  /** kept ÷ (kept + missed); null without any. */
  rate: number | null;
}

export function withRate(c: Omit<SlaCount, 'rate'> & { rate?: number | null }): SlaCount {
  return { kept: c.kept, missed: c.missed, pending: c.pending, rate: rateOf(c.kept, c.kept + c.missed).rate };
}

/** Confirmation rate (R34): applications the court confirmed ÷ those it ruled on (confirmed + rejected). */
export function confirmationRate(confirmed: number, rejected: number): Rate {
  return rateOf(confirmed, confirmed + rejected);
}

/** Complaint outcomes that count against a mediator in the evaluation (R39): upheld, in whole or in part. */
export const UPHELD_OUTCOMES = ['upheld', 'partly_upheld'] as const;

/** A month 'YYYY-MM' as its China-local bounds [from, to). Null for anything else. */
export function monthBounds(month: string): { from: Date; to: Date } | null {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const next = mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
  return { from: chinaDayStart(`${month}-01`), to: chinaDayStart(`${next}-01`) };
}

/** Every state, for a complete "cases by state" series (zeros included). */
export const STATISTICS_STATES: readonly CaseState[] = CASE_STATES.filter((s) => s !== 'DRAFT');
