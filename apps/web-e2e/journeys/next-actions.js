#!/usr/bin/env node
// @ts-check
/**
 * "需要您处理" (issue #11): a citizen on a 375 px phone is told what to do next. The mediator has
 * put the agreement to signature and signed it (through the API); 张三's home page lists
 * "签署调解协议" for the case, says it has no legal deadline of its own, and links to the
 * agreement page where the signing button is; the case page's actions section lists it too
 * instead of "目前没有需要您处理的事项". Fails on the code before GET /api/me/actions.
 *
 * Used by run.js (`require('./journeys/next-actions').journeys`).
 */
'use strict';

const { DEMO_PASSWORD, PHONE, expectNoHorizontalOverflow, expectText, shot } = require('../lib');
const { mediatingCase } = require('./mediation');
const { settleThroughApi } = require('./confirmation');

const APPLICANT = '13800000001';

const journeys = [
  {
    name: 'next actions: an agreement waiting for the citizen’s signature is in 需要您处理 on the home and case pages, with the way there',
    /** @param {{ baseUrl: string, browser: import('playwright-core').Browser }} ctx */
    async run({ baseUrl, browser }) {
      const c = await mediatingCase(baseUrl);
      await settleThroughApi(baseUrl, c, true); // the mediator signs; the parties have still to
      const context = await browser.newContext({ baseURL: baseUrl, viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
      try {
        const login = await context.request.post('/api/auth/login/password', { data: { mobile: APPLICANT, password: DEMO_PASSWORD } });
        if (!login.ok()) throw new Error(`login answered ${login.status()}`);
        await context.addInitScript(() => window.localStorage.setItem('tiaojie.session', '1'));
        const page = await context.newPage();
        page.setDefaultTimeout(15_000);

        await page.goto('/home');
        const panel = page.getByTestId('home-next-actions');
        await expectText(panel, /需要您处理/, 'the home page’s 需要您处理');
        const item = panel.locator(`[data-testid="next-action"][data-case="${c.id}"][data-kind="sign_agreement"]`);
        await expectText(item, /签署调解协议/, 'the agreement to sign');
        await expectText(item, new RegExp(c.number), 'the case number');
        await item.getByTestId('next-action-no-deadline').waitFor();
        await expectNoHorizontalOverflow(page, 'home with 需要您处理 (375 px)');
        await shot(page, 'next-actions-home.png');

        await item.getByTestId('next-action-link').click();
        await page.waitForURL(`**/cases/${c.id}/agreement`);
        await page.getByTestId('agreement-sign').waitFor();

        await page.goto(`/cases/${c.id}`);
        const actions = page.getByTestId('case-actions');
        await actions.locator('[data-testid="next-action"][data-kind="sign_agreement"]').waitFor();
        const text = await actions.innerText();
        if (text.includes('目前没有需要您处理的事项')) throw new Error('the case page says there is nothing to do');
        await expectNoHorizontalOverflow(page, 'case page with 需要您处理 (375 px)');
      } finally {
        await context.close();
      }
    },
  },
];

module.exports = { journeys };
