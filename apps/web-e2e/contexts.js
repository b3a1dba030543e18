// @ts-check
/**
 * The browser contexts the journeys open: a phone or a laptop, logged in as a demo account or
 * not. Used through lib.js, which exports these too.
 */
'use strict';

const PHONE = { width: 375, height: 812 };
const DEMO_PASSWORD = 'Tiaojie@2026';

/**
 * A phone: 375×812, touch, and an English browser (the app must still start in Chinese).
 * @param {import('playwright-core').Browser} browser
 * @param {string} baseUrl
 */
function newPhoneContext(browser, baseUrl) {
  return browser.newContext({
    baseURL: baseUrl,
    viewport: PHONE,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'en-US',
  });
}

/**
 * A browser context of its own, logged in as `mobile` through the password API when given, and
 * left as the login page would leave it: the session cookies, and the hint that this browser
 * holds a session (apps/web/src/lib/api.ts). A 375 px phone unless `viewport` names a screen;
 * `loginLocale` is sent with the login; everything else goes to `browser.newContext`.
 * @param {import('playwright-core').Browser} browser
 * @param {string} baseUrl
 * @param {string | null} mobile
 * @param {import('playwright-core').BrowserContextOptions & { loginLocale?: string }} [options]
 */
async function contextAs(browser, baseUrl, mobile, options = {}) {
  const { loginLocale, ...contextOptions } = options;
  const device = contextOptions.viewport ? {} : { viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
  const context = await browser.newContext({ baseURL: baseUrl, ...device, ...contextOptions });
  if (mobile) {
    const login = await context.request.post('/api/auth/login/password', { data: { mobile, password: DEMO_PASSWORD, ...(loginLocale ? { locale: loginLocale } : {}) } });
    if (!login.ok()) throw new Error(`login as ${mobile} answered ${login.status()} ${await login.text()}`);
    await context.addInitScript(() => window.localStorage.setItem('tiaojie.session', '1'));
  }
  return context;
}

/**
 * `contextAs`, with its one page (15 s for each wait).
 * @param {import('playwright-core').Browser} browser
 * @param {string} baseUrl
 * @param {string | null} mobile
 * @param {import('playwright-core').BrowserContextOptions & { loginLocale?: string }} [options]
 */
async function pageAs(browser, baseUrl, mobile, options = {}) {
  const context = await contextAs(browser, baseUrl, mobile, options);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page };
}

module.exports = { PHONE, DEMO_PASSWORD, newPhoneContext, contextAs, pageAs };
