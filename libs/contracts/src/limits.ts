/** Limits shared by the API's validators and the web's forms. */
export const LIMITS = {
  /** JSON request bodies (uploads have their own limits). */
  jsonBodyBytes: 1024 * 1024,
  passwordMin: 8,
  passwordMax: 128,
  nameMax: 50,
  emailMax: 254,
  addressMax: 200,
  otpLength: 6,
  /** A one-time code lives 5 minutes. */
  otpTtlSeconds: 300,
  /** Wrong guesses before a code is burned. */
  otpMaxAttempts: 5,
  /** At most one code per mobile and purpose in this many seconds. */
  otpResendSeconds: 60,
  /** Codes per mobile per hour. */
  otpPerHour: 5,
} as const;

/** Mainland mobile numbers: 11 digits, 1[3-9]x (the domain lib validates more precisely). */
export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;
export const OTP_PATTERN = /^\d{6}$/;

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';
