import type { FormInstance } from 'antd';
import type { ErrorCode, FieldError } from '@tiaojie/contracts';
import i18n from './i18n';
import { isApiError } from './api';

type Translate = (key: string, options?: Record<string, unknown>) => string;

const translate: Translate = (key, options) => i18n.t(key, options ?? {}) as string;

/** "30 秒" / "5 minutes": how long to wait, in the user's language. */
export function formatWait(seconds: number): string {
  const lng = i18n.language || 'zh-CN';
  const [value, unit] = seconds < 90 ? [Math.max(1, Math.ceil(seconds)), 'second'] : seconds < 5400 ? [Math.ceil(seconds / 60), 'minute'] : [Math.ceil(seconds / 3600), 'hour'];
  try {
    return new Intl.NumberFormat(lng, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
  } catch {
    return `${value} ${unit}${value === 1 ? '' : 's'}`;
  }
}

/**
 * A sentence for any error: `errors.<CODE>` in the user's language — never the server's English
 * message (the test error-coverage.spec.ts keeps a sentence for every code) — and, for a 429,
 * when to try again (Retry-After).
 */
export function translateError(error: unknown, t: Translate = translate): string {
  if (isApiError(error)) {
    const key = `errors:${error.translationKey}`;
    const sentence = i18n.exists(key) ? t(key) : t('errors:UNKNOWN');
    if (error.status === 429 && error.retryAfterSeconds !== undefined) {
      return `${sentence}${t('errors:retryAfter', { wait: formatWait(error.retryAfterSeconds) })}`;
    }
    return sentence;
  }
  return t('errors:UNKNOWN');
}

/**
 * The API checks some fields with a pattern (`matches`); for these fields a pattern failure has
 * a more helpful message of its own. Keyed by the last segment of the field path.
 */
const PATTERN_MESSAGES: Record<string, string> = {
  mobile: 'isMobile',
  code: 'otp',
  idNumber: 'isIdNumber',
};

/**
 * One field's message, translated by its constraint with the field's label; else the sentence of
 * the error's code (when given) or a general one — never the server's English message.
 */
export function translateFieldError(fieldError: FieldError, label?: string, t: Translate = translate, error?: unknown): string {
  const leaf = fieldError.field.split('.').pop() ?? fieldError.field;
  const constraint = fieldError.constraint === 'matches' && PATTERN_MESSAGES[leaf] ? PATTERN_MESSAGES[leaf] : fieldError.constraint;
  const key = `validation:${constraint}`;
  if (i18n.exists(key)) return t(key, { field: label ?? fieldError.field });
  if (isApiError(error) && error.code !== 'VALIDATION_FAILED') return translateError(error, t);
  return t('validation:isString', { field: label ?? fieldError.field });
}

/** `respondents.0.mobile` → `['respondents', 0, 'mobile']`, the name path antd's Form uses. */
export function toNamePath(field: string): (string | number)[] {
  return field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

export interface FormErrorMapping {
  /** Translated label of each form field, keyed by the API's dotted field path. */
  labels: Record<string, string>;
  /** Errors without `fields` that still belong to one field, e.g. MOBILE_TAKEN → `mobile`. */
  codeFields?: Partial<Record<ErrorCode, string>>;
}

export interface FieldData {
  name: (string | number)[];
  errors: string[];
}

/**
 * Splits an API error into per-field messages (for `form.setFields`) and what is left for
 * the whole form: a message when no field could take it, otherwise null.
 */
export function mapApiErrorToFields(error: unknown, mapping: FormErrorMapping, t: Translate = translate): { fields: FieldData[]; formError: string | null } {
  if (!isApiError(error)) return { fields: [], formError: translateError(error, t) };

  const codeField = mapping.codeFields?.[error.code];
  if (codeField && !error.body.fields?.length) {
    return { fields: [{ name: toNamePath(codeField), errors: [translateError(error, t)] }], formError: null };
  }

  const byField = new Map<string, string[]>();
  const unplaced: string[] = [];
  for (const fieldError of error.body.fields ?? []) {
    const label = mapping.labels[fieldError.field];
    const message = translateFieldError(fieldError, label, t, error);
    if (label === undefined) {
      unplaced.push(message);
      continue;
    }
    byField.set(fieldError.field, [...(byField.get(fieldError.field) ?? []), message]);
  }
  const fields = [...byField].map(([field, errors]) => ({ name: toNamePath(field), errors }));

  let formError: string | null = null;
  if (fields.length === 0 || unplaced.length > 0) {
    formError = [translateError(error, t), ...unplaced].join(' ');
  }
  return { fields, formError };
}

/** Shows an API error on an antd Form: each field its own message. Returns the form-level message, if any. */
export function applyApiErrorToForm(form: Pick<FormInstance, 'setFields'>, error: unknown, mapping: FormErrorMapping, t: Translate = translate): string | null {
  const { fields, formError } = mapApiErrorToFields(error, mapping, t);
  if (fields.length) form.setFields(fields);
  return formError;
}

/**
 * One sentence for an error outside a form (a case step): the translated reason of each field
 * error — unmet state-machine requirements come back as `fields[].constraint` such as
 * `R01_all_consented` — or else the error code's sentence.
 */
export function describeApiError(error: unknown, t: Translate = translate): string {
  if (isApiError(error) && error.body.fields?.length) {
    // A constraint with no sentence of its own is said by the error's code, never by the
    // server's English message.
    const reasons = error.body.fields.map((fieldError) => translateFieldError(fieldError, undefined, t, error));
    return [...new Set(reasons)].join(' ');
  }
  return translateError(error, t);
}
