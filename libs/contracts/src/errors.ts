/**
 * Stable error codes. The API's one exception filter maps each to an HTTP status; the web
 * translates each into the user's language (locales/*: errors.<CODE>).
 */
export const ERROR_CODES = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  OTP_INVALID: 401,
  OTP_EXPIRED: 401,
  SESSION_EXPIRED: 401,
  REFRESH_REUSED: 401,
  ACCOUNT_DISABLED: 403,
  FORBIDDEN: 403,
  /** A state-changing request from a page of another origin (Origin or Referer not allowed). */
  ORIGIN_NOT_ALLOWED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  MOBILE_TAKEN: 409,
  STALE_VERSION: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  /** A request body that is not application/json (or multipart/form-data where a route takes files). */
  CONTENT_TYPE_NOT_ACCEPTED: 415,
  UNPROCESSABLE: 422,
  OTP_TOO_MANY_ATTEMPTS: 429,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_CODES;

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_CODES, value);
}

/**
 * Why one field was refused. `constraint` is stable (class-validator's constraint name, or
 * one of ours such as `whitelist` for an unknown field); the web translates it, `message`
 * is an English fallback for API clients.
 */
export interface FieldError {
  /** Dotted path of the field, e.g. `respondents.0.mobile`. */
  field: string;
  constraint: string;
  message: string;
}

/** The one error body every endpoint answers with. */
export interface ErrorBody {
  statusCode: number;
  code: ErrorCode;
  message: string;
  fields?: FieldError[];
  requestId?: string;
}
