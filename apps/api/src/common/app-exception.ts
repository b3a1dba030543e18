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
