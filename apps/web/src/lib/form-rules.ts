import type { FormRule as Rule } from 'antd';
import { LIMITS, OTP_PATTERN } from '@tiaojie/contracts';
import { isMainlandMobile, isValidIdNumber, normaliseMobile } from '@tiaojie/domain';
import i18n from './i18n';

/**
 * Client-side rules for antd forms, with the same limits as the API's validators
 * (libs/contracts LIMITS) and messages from the `validation` namespace.
 */
const t = (key: string, options?: Record<string, unknown>) => i18n.t(`validation:${key}`, options ?? {}) as string;

/** What people type: spaces, dashes, a +86 prefix. The API gets 11 bare digits (or, if it is no mobile number, what was typed). */
export function normaliseMobileInput(value: string): string {
  return normaliseMobile(value) ?? value.trim();
}

export function requiredRule(label: string): Rule {
  return { required: true, whitespace: true, message: t('required', { field: label }) };
}

export function mobileRules(label: string): Rule[] {
  return [
    requiredRule(label),
    {
      validator: async (_rule, value?: string) => {
        if (!value || isMainlandMobile(value)) return;
        throw new Error(t('isMobile', { field: label }));
      },
    },
  ];
}

export function otpRules(label: string): Rule[] {
  return [requiredRule(label), { pattern: OTP_PATTERN, message: t('otp', { field: label }) }];
}

export function newPasswordRules(label: string): Rule[] {
  return [
    { required: true, message: t('required', { field: label }) },
    {
      min: LIMITS.passwordMin,
      max: LIMITS.passwordMax,
      message: t('passwordLength', { field: label, min: LIMITS.passwordMin, max: LIMITS.passwordMax }),
    },
  ];
}

/** Confirmation must equal the field named `otherField`. */
export function confirmPasswordRules(label: string, otherField: string): Rule[] {
  return [
    { required: true, message: t('required', { field: label }) },
    ({ getFieldValue }) => ({
      validator: async (_rule, value?: string) => {
        if (!value || value === getFieldValue(otherField)) return;
        throw new Error(t('passwordMismatch'));
      },
    }),
  ];
}

export function maxLengthRule(label: string, max: number): Rule {
  return { max, message: t('tooLong', { field: label, max }) };
}

/** A PRC resident ID number, check digit and birth date included (the API checks the same). */
export function idNumberRules(label: string): Rule[] {
  return [
    requiredRule(label),
    {
      validator: async (_rule, value?: string) => {
        if (!value || isValidIdNumber(value)) return;
        throw new Error(t('isIdNumber', { field: label }));
      },
    },
  ];
}
