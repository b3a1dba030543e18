import { isApiError } from '../../lib/api';
import { describeApiError } from '../../lib/form-errors';
import i18n from '../../lib/i18n';

/**
 * A refused socket event (`EventRefusal` in contracts: code, field, fields) in the user's language: the
 * sentence for this code and field in the `mediation` namespace, else the code's sentence in
 * `errors`, else a general sentence — never the server's English message.
 */
export function describeAckError(error: { code: string; message: string; field?: string }): string {
  for (const key of [`mediation:ackErrors.${error.code}_${error.field ?? ''}`, `mediation:ackErrors.${error.code}`, `errors:${error.code}`]) {
    if (i18n.exists(key)) return i18n.t(key);
  }
  return i18n.t('errors:UNKNOWN');
}

/**
 * A failed REST call of these pages: each field error's constraint from the `mediation`
 * namespace when it has one (`identityMismatch`, `consentRequired`, `jointClosed` …), else the
 * app's usual translation (validation constraints, error codes).
 */
export function describeMediationError(error: unknown): string {
  if (isApiError(error) && error.body.fields?.length) {
    const own = error.body.fields.map((f) => `mediation:constraints.${f.constraint}`).filter((key) => i18n.exists(key));
    if (own.length === error.body.fields.length) return [...new Set(own.map((key) => i18n.t(key)))].join(' ');
  }
  return describeApiError(error);
}
