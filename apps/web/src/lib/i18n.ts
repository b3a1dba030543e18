import i18n from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import resourcesToBackend from 'i18next-resources-to-backend';
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

/** localStorage key holding the user's explicit language choice. */
export const LOCALE_STORAGE_KEY = 'tiaojie.locale';

/**
 * The Chinese texts of the namespaces every page needs are in the entry chunk. English, the
 * second language, is not: each English namespace is its own small chunk, fetched when an
 * English page first asks for it (react-i18next suspends until it is there), so a Chinese
 * phone never downloads it (TARGETS P5: the first load of every page stays within budget).
 */
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
} as const;

export const NAMESPACES = Object.keys(resources['zh-CN']) as (keyof (typeof resources)['zh-CN'])[];

/**
 * Namespaces that only some pages need (consultation guidance, the filing form, the case page)
 * are not in `resources`: the page's chunk carries their Chinese texts and registers them here
 * when it loads, so the first load of every other page stays small (bench/README.md P5). When
 * the page is shown in English, its English texts are asked for at once, in parallel with the
 * page's own rendering. Registering twice is harmless.
 */
export function registerBundle(namespace: string, zhCN: Record<string, unknown>) {
  if (!i18n.hasResourceBundle(DEFAULT_LOCALE, namespace)) i18n.addResourceBundle(DEFAULT_LOCALE, namespace, zhCN, true, true);
  // Known from now on: shown in English, it is fetched now; a later switch to English fetches
  // it before the page changes language (changeLanguage loads every known namespace).
  void i18n.loadNamespaces(namespace);
}

/** Where an English namespace comes from: its own chunk (Chinese is always bundled). */
export function loadBundle(language: string, namespace: string): Promise<Record<string, unknown>> {
  if (language === 'en') return import(`../locales/en/${namespace}.json`).then((m: { default: Record<string, unknown> }) => m.default);
  return Promise.reject(new Error(`${language}/${namespace} is bundled with its page, not fetched`));
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
  .use(resourcesToBackend(loadBundle))
  .init({
    resources,
    // zh-CN is given above and by registerBundle; English comes from the backend.
    partialBundledLanguages: true,
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
