import type { Locale } from '@tiaojie/contracts';

/**
 * Issue #11: an organisation's or a mediator's text in the page's language — the English one
 * where the admin gave it, else the Chinese (which is always there).
 */
export function inLocale(locale: Locale, zh: string, en: string | null | undefined): string {
  return locale === 'en' && en?.trim() ? en : zh;
}

/** A list (a mediator's expertise) the same way: the English list only when it has items. */
export function listInLocale(locale: Locale, zh: string[], en: string[] | null | undefined): string[] {
  return locale === 'en' && en?.length ? en : zh;
}
