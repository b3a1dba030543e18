import { ERROR_CODES, type ErrorCode, type FieldError } from '@tiaojie/contracts';

/**
 * The one exception type our code throws: a stable code from contracts (the status comes
 * from ERROR_CODES), an English message for API clients, and optionally per-field errors.
 */
export class AppException extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly fields?: FieldError[],
    readonly headers?: Record<string, string>,
  ) {
    super(message ?? code);
    this.status = ERROR_CODES[code];
  }

  static field(code: ErrorCode, field: string, constraint: string, message: string) {
    return new AppException(code, message, [{ field, constraint, message }]);
  }
}

/**
 * The one answer for an id that does not exist and for one the viewer may not see: same
 * status, code and message everywhere, so no answer tells that something exists (R15, R19).
 */
export function notFound(): AppException {
  return new AppException('NOT_FOUND', 'Not found');
}

/** For `.catch`: a NOT_FOUND becomes null (to be answered as `notFound()`); anything else is rethrown. */
export function notFoundAsNull(e: unknown): null {
  if (e instanceof AppException && e.code === 'NOT_FOUND') return null;
  throw e;
}
