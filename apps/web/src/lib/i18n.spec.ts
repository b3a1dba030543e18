import { describe, expect, it } from 'vitest';
import enCasePage from '../locales/en/casePage.json';
import enCommon from '../locales/en/common.json';
import zhCasePage from '../locales/zh-CN/casePage.json';
import '../locales/casePage';
import i18n, { loadBundle } from './i18n';

// TARGETS P5: a Chinese phone downloads no English; English comes, namespace by namespace, when
// the page is shown in English.
describe('the English texts are fetched only for English pages', () => {
  it('a Chinese page holds only the Chinese texts, of the entry and of the pages it registered', () => {
    expect(i18n.language).toBe('zh-CN');
    expect(i18n.t('casePage:draftTitle')).toBe(zhCasePage.draftTitle);
    expect(i18n.hasResourceBundle('en', 'common')).toBe(false);
    expect(i18n.hasResourceBundle('en', 'casePage')).toBe(false);
  });

  it('switching to English fetches every namespace known so far before the page changes', async () => {
    await i18n.changeLanguage('en');
    expect(i18n.hasResourceBundle('en', 'common')).toBe(true);
    expect(i18n.hasResourceBundle('en', 'casePage')).toBe(true);
    expect(i18n.t('casePage:draftTitle')).toBe(enCasePage.draftTitle);
    expect(i18n.t('common:logoAlt')).toBe(enCommon.logoAlt);
  });

  it('Chinese is never fetched: it comes with the entry or with its page', async () => {
    await expect(loadBundle('zh-CN', 'casePage')).rejects.toThrow('bundled with its page');
    await expect(loadBundle('en', 'casePage')).resolves.toEqual(enCasePage);
  });
});
