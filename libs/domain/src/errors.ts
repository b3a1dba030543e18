/**
 * The one error type the domain throws. Codes are stable so the API's exception filter can
 * map them (suggested: WRONG_STATE → 409, WRONG_ROLE → 403, REQUIREMENT_NOT_MET → 422,
 * UNKNOWN_ACTION / INVALID_INPUT → 400) without parsing messages.
 */
export const DOMAIN_ERROR_CODES = ['WRONG_STATE', 'WRONG_ROLE', 'REQUIREMENT_NOT_MET', 'UNKNOWN_ACTION', 'INVALID_INPUT'] as const;
export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

export class DomainError extends Error {
  override readonly name = 'DomainError';

  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** Machine-readable context, e.g. `{ state, action, actor, requirement }`. */
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

export function isDomainError(value: unknown): value is DomainError {
  return value instanceof DomainError;
}
