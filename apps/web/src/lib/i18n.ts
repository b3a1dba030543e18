import i18n from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { DEFAULT_LOCALE, LOCALES, type Locale } from '@tiaojie/contracts';

import zhCommon from '../locales/zh-CN/common.json';
import zhErrors from '../locales/zh-CN/errors.json';
import zhValidation from '../locales/zh-CN/validation.json';
import zhAuth from '../locales/zh-CN/auth.json';
import zhLanding from '../locales/zh-CN/landing.json';
import zhHome from '../locales/zh-CN/home.json';
import zhProfile from '../locales/zh-CN/profile.json';
import zhDev from '../locales/zh-CN/dev.json';
import enCommon from '../locales/en/common.json';
import enErrors from '../locales/en/errors.json';
import enValidation from '../locales/en/validation.json';
import enAuth from '../locales/en/auth.json';
import enLanding from '../locales/en/landing.json';
import enHome from '../locales/en/home.json';
import enProfile from '../locales/en/profile.json';
import enDev from '../locales/en/dev.json';

/** localStorage key holding the user's explicit language choice. */
export const LOCALE_STORAGE_KEY = 'tiaojie.locale';

export const resources = {
  'zh-CN': {
    common: zhCommon,
    errors: zhErrors,
    validation: zhValidation,
    auth: zhAuth,
    landing: zhLanding,
    home: zhHome,
    profile: zhProfile,
    dev: zhDev,
  },
  en: {
    common: enCommon,
    errors: enErrors,
    validation: enValidation,
    auth: enAuth,
    landing: enLanding,
    home: enHome,
    profile: enProfile,
    dev: enDev,
  },
} as const;

export const NAMESPACES = Object.keys(resources['zh-CN']) as (keyof (typeof resources)['zh-CN'])[];

/**
 * Namespaces that only some pages need (consultation guidance, the filing form, the case page)
 * are not in `resources`: the page's chunk carries both languages and registers them here when
 * it loads, so the first load of every other page stays small (bench/README.md P5). Registering
 * twice is harmless.
 */
export function registerBundle(namespace: string, bundles: Record<Locale, Record<string, unknown>>) {
  for (const locale of LOCALES) {
    if (!i18n.hasResourceBundle(locale, namespace)) i18n.addResourceBundle(locale, namespace, bundles[locale], true, true);
  }
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The current UI locale, always one of ours. */
export function currentLocale(): Locale {
  const language = i18n.resolvedLanguage ?? i18n.language;
  return isLocale(language) ? language : DEFAULT_LOCALE;
}

const DAYJS_LOCALES: Record<Locale, string> = { 'zh-CN': 'zh-cn', en: 'en' };

function applyLocaleSideEffects(language: string) {
  const locale = isLocale(language) ? language : DEFAULT_LOCALE;
  dayjs.locale(DAYJS_LOCALES[locale]);
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}

/** Switch the UI language; the detector caches the choice in localStorage. */
export async function changeLocale(locale: Locale) {
  await i18n.changeLanguage(locale);
}

i18n.on('languageChanged', applyLocaleSideEffects);

void i18n
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources,
    ns: NAMESPACES,
    defaultNS: 'common',
    // Chinese first: the browser's language is deliberately not consulted, only an explicit choice.
    fallbackLng: DEFAULT_LOCALE,
    supportedLngs: [...LOCALES],
    load: 'currentOnly',
    nonExplicitSupportedLngs: false,
    detection: {
      order: ['querystring', 'localStorage'],
      lookupQuerystring: 'lng',
      lookupLocalStorage: LOCALE_STORAGE_KEY,
      caches: ['localStorage'],
    },
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });

applyLocaleSideEffects(i18n.language);

export default i18n;
