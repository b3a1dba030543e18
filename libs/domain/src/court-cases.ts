import type { DeadlineKind } from './working-days';

/**
 * R21 (check, configurable): cases a court brings to a mediation organisation.
 * - `delegated` (委派调解): before the court files the case (诉前), the court's pre-filing mediation number;
 * - `entrusted` (委托调解): after filing (诉中), the court's case number and the procedure it runs under.
 * Which kinds an organisation takes is configured per organisation (`Organisation.courtCaseKinds`).
 */
export const COURT_CASE_KINDS = ['delegated', 'entrusted'] as const;
export type CourtCaseKind = (typeof COURT_CASE_KINDS)[number];

/** R20: the procedure an entrusted (post-filing) case runs under decides its period (15 / 7 days). */
export const COURT_PROCEDURES = ['ordinary', 'simple'] as const;
export type CourtProcedure = (typeof COURT_PROCEDURES)[number];

/**
 * A court's case number (案号): （year）court code + case type word(s) + sequence 号, e.g.
 * (2026)浙0106民诉前调123号 or （2026）浙0106民初456号. Full- or half-width brackets; the
 * court code is a province abbreviation and 2–6 digits.
 */
export const COURT_CASE_NUMBER = /^[(（]\d{4}[)）][\u4e00-\u9fa5]\d{2,6}[\u4e00-\u9fa5]{1,8}\d{1,8}号$/u;

export function isCourtCaseNumber(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 40 && COURT_CASE_NUMBER.test(value);
}

/** The same number however its brackets were typed: stored and compared in this form (unique per court). */
export function normaliseCourtCaseNumber(value: string): string {
  return value
    .trim()
    .replace(/^\(/, '（')
    .replace(/^(（\d{4})\)/, '$1）');
}

/**
 * R20: which period applies — 30 days for pre-filing mediation (a directly-applied or a
 * court-delegated case); after filing, 15 days under the ordinary procedure and 7 under the
 * simple one. All run from the mediator's acceptance (Rules 24, 26).
 */
export function mediationPeriodKind(kind: CourtCaseKind | null | undefined, procedure: CourtProcedure | null | undefined): DeadlineKind {
  if (kind !== 'entrusted') return 'mediationPreFiling';
  return procedure === 'simple' ? 'mediationSimple' : 'mediationOrdinary';
}

/** R21: whether an organisation configured to take `accepted` kinds takes a case of `kind`. */
export function acceptsCourtCase(accepted: readonly string[] | null | undefined, kind: CourtCaseKind): boolean {
  return (accepted ?? []).includes(kind);
}
