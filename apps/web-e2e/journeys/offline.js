#!/usr/bin/env node
// @ts-check
/**
 * Issue #11: on the conversation page a party's phone losing its network is shown within two
 * seconds (the browser's `offline` event, not the socket's ping timeout of tens of seconds), the
 * mediator's presence is greyed out as unknown, and both come back when the network does.
 *
 * Used by run.js (`require('./journeys/offline').journeys`).
 */
'use strict';

const { expectNoHorizontalOverflow, shot, pageAs } = require('../lib');
const { mediatingCase } = require('./mediation');

const APPLICANT = '13800000001';
const MEDIATOR = '13900000004';

/**
 * A logged-in page of its own browser context.
 * @param {import('playwright-core').Browser} browser
 * @param {string} baseUrl
 * @param {string} mobile
 * @param {boolean} phone
 */
async function screenAs(browser, baseUrl, mobile, phone) {
  return pageAs(browser, baseUrl, mobile, phone ? {} : { viewport: { width: 1366, height: 900 } });
}

const journeys = [
  {
    name: 'offline: the conversation page says so within two seconds and greys the mediator’s presence (375 px)',
    /** @param {{ baseUrl: string, browser: import('playwright-core').Browser }} ctx */
    async run({ baseUrl, browser }) {
      const c = await mediatingCase(baseUrl);
      // The mediator is on the console, so the party's page shows it online.
      const mediator = await screenAs(browser, baseUrl, MEDIATOR, false);
      const { context, page } = await screenAs(browser, baseUrl, APPLICANT, true);
      try {
        await mediator.page.goto(`/cases/${c.id}/mediation`);
        await page.goto(`/cases/${c.id}/mediation`);
        const presence = page.getByTestId('mediator-presence');
        await page.locator('[data-testid="mediator-presence"][data-online="true"]').waitFor();

        await context.setOffline(true);
        const started = Date.now();
        await page.getByTestId('connection-status').waitFor({ timeout: 2000 });
        await page.locator('[data-testid="mediator-presence"][data-online="false"][data-unknown="true"]').waitFor({ timeout: 2000 });
        const took = Date.now() - started;
        if (took > 2000) throw new Error(`the offline state took ${took} ms`);
        const cls = (await presence.getAttribute('class')) ?? '';
        if (!cls.includes('is-unknown')) throw new Error(`presence not greyed: ${cls}`);
        await expectNoHorizontalOverflow(page, 'conversation page offline (375 px)');
        await shot(page, 'offline-conversation.png');

        await context.setOffline(false);
        await page.getByTestId('connection-status').waitFor({ state: 'detached', timeout: 15_000 });
        await page.locator('[data-testid="mediator-presence"][data-online="true"]').waitFor();
      } finally {
        await context.close();
        await mediator.context.close();
      }
    },
  },
];

module.exports = { journeys };
