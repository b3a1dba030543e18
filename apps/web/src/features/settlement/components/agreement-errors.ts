import type { FieldError } from '@tiaojie/contracts';
import i18n from '../../../lib/i18n';
import { isApiError } from '../../../lib/api';
import { toNamePath, translateError, translateFieldError } from '../../../lib/form-errors';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** One field error in the user's language: the agreement's own constraints first, then the shared ones. */
export function agreementFieldMessage(fieldError: FieldError, label: string, t: Translate): string {
  const key = `settlement:errors.${fieldError.constraint}`;
  if (i18n.exists(key)) return t(key, { field: label });
  return translateFieldError(fieldError, label, t);
}

/**
 * Splits an API error for the draft form: messages under their fields (the API names them as
 * `obligations.0.plan.1.amount`), and what no field can take.
 */
export function agreementFormErrors(error: unknown, labelOf: (field: string) => string, t: Translate): { fields: { name: (string | number)[]; errors: string[] }[]; formError: string | null } {
  if (!isApiError(error) || !error.body.fields?.length) return { fields: [], formError: translateError(error, t) };
  const byField = new Map<string, string[]>();
  for (const f of error.body.fields) byField.set(f.field, [...(byField.get(f.field) ?? []), agreementFieldMessage(f, labelOf(f.field), t)]);
  return { fields: [...byField].map(([field, errors]) => ({ name: toNamePath(field), errors })), formError: null };
}

/** A sentence for an error outside a form (signing, starting, …). */
export function agreementErrorText(error: unknown, t: Translate): string {
  if (isApiError(error) && error.body.fields?.length) {
    return [...new Set(error.body.fields.map((f) => agreementFieldMessage(f, f.field, t)))].join(' ');
  }
  return translateError(error, t);
}
