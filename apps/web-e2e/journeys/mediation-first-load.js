// @ts-check
/**
 * The weight of the mediation page: first-load JS within 300 KB gzip on a phone, for a party
 * and for the mediator. Listed by ./mediation.js.
 */
'use strict';

const zlib = require('node:zlib');
const { sleep } = require('../lib');
const { WHO, loggedInContext, ensureCase } = require('./mediation-case');

/** @type {import('./mediation').Journey[]} */
const journeys = [
  {
    name: 'separate sessions: first-load JS of the mediation page stays within 300 KB gzip on a phone',
    async run({ browser, baseUrl }) {
      const c = await ensureCase(baseUrl);
      const rows = [];
      const over = [];
      for (const who of [WHO.applicant, WHO.mediator]) {
        const context = await loggedInContext(browser, baseUrl, who.mobile);
        try {
          const page = await context.newPage();
          /** @type {import('playwright-core').Response[]} */
          const scripts = [];
          page.on('response', (response) => {
            if (response.request().resourceType() === 'script') scripts.push(response);
          });
          await page.goto(`/cases/${c.id}/mediation`, { waitUntil: 'networkidle' });
          await page.locator('[data-testid="mediation-page"][data-status="live"]').waitFor({ timeout: 20_000 });
          await sleep(300);
          let bytes = 0;
          let chunk = 0;
          for (const response of scripts) {
            const gz = zlib.gzipSync(await response.body(), { level: 9 }).length;
            bytes += gz;
            if (/MediationPage-/.test(response.url())) chunk = gz;
          }
          rows.push(
            `/cases/:id/mediation (as ${who.name})`.padEnd(40) + `${(bytes / 1024).toFixed(1).padStart(6)} KB gzip, ${scripts.length} files; the page's own chunk ${(chunk / 1024).toFixed(1)} KB`,
          );
          if (bytes > 300 * 1024) over.push(who.name);
        } finally {
          await context.close();
        }
      }
      console.log(`    first-load JS, all scripts until the network is idle:\n      ${rows.join('\n      ')}`);
      if (over.length) throw new Error(`over 300 KB gzip for ${over.join(', ')}`);
    },
  },
];

module.exports = { journeys };
