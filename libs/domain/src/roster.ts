import type { CaseState } from './case-lifecycle';

/**
 * Issue #13: the roster and satisfaction rules shared by the API and the web.
 *
 * A case's mediation has ended (and its parties are asked for a rating, once) when it reached
 * one of these states with a mediator who had accepted it: settled (and what follows an
 * agreement), terminated without agreement, escalated, or closed after any of those.
 */
export const RATING_STATES = ['SETTLED', 'CONFIRMATION_REQUESTED', 'CONFIRMED', 'CONFIRMATION_REJECTED', 'TERMINATED', 'ESCALATED', 'CLOSED'] as const satisfies readonly CaseState[];

export function isRatingState(state: string): boolean {
  return (RATING_STATES as readonly string[]).includes(state);
}

/** R39: a case still open for its mediator (a suspended or departed mediator's must be reassigned). */
export const MEDIATOR_OPEN_CASE_STATES = ['SUBMITTED', 'ACCEPTED', 'MEDIATING', 'SUSPENDED'] as const satisfies readonly CaseState[];

/** R05: a mediator's satisfaction is public only from this many ratings (fewer could identify a party). */
export const MIN_RATINGS_SHOWN = 3;
export const RATING_COMMENT_MAX = 500;
/** A certification expiring within this many days is flagged. */
export const EXPIRY_WARNING_DAYS = 30;

export type CredentialExpiry = 'none' | 'valid' | 'expiring' | 'expired';

/** Whether a record (YYYY-MM-DD) is expired or expires within 30 days of `today` (YYYY-MM-DD, China date). */
export function credentialExpiry(expiresOn: string | null, today: string): CredentialExpiry {
  if (!expiresOn) return 'none';
  if (expiresOn < today) return 'expired';
  const days = (Date.parse(`${expiresOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000;
  return days <= EXPIRY_WARNING_DAYS ? 'expiring' : 'valid';
}

/** The public satisfaction figure (R05): average to one decimal and count, or null below the threshold. */
export function publicSatisfaction(scores: readonly number[]): { average: number; count: number } | null {
  if (scores.length < MIN_RATINGS_SHOWN) return null;
  return { average: Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 10) / 10, count: scores.length };
}
