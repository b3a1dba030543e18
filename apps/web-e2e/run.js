#!/usr/bin/env node
// @ts-check
/**
 * Browser journeys: real users in Debian's Chromium (playwright-core, no browser download)
 * against the built server on a fresh embedded database.
 *
 *   node apps/web-e2e/run.js                 builds nothing; starts dist/apps/api on a free port
 *   E2E_BASE_URL=http://localhost:3000 ...   uses a server that is already running
 *   E2E_SERVER_ENTRY=path/to/main.js ...     another build of the API (default dist/apps/api/apps/api/src/main.js)
 *   E2E_WEB_DIST=path/to/web ...             another build of the web client (default dist/apps/web), e.g. a copy
 *                                            that a concurrent `nx run web:build` cannot replace mid-run
 *   CHROMIUM_PATH=/path/to/chromium ...      another Chromium binary
 *   DATABASE_URL=postgres://...              passed through: the server then uses PostgreSQL
 *   E2E_ONLY=register                        runs the journeys whose name contains the text ("a|b": either)
 *   E2E_BENCH=lighthouse                     runs the Lighthouse benchmark instead (npm run bench:lighthouse)
 *
 * Prints one line per journey and finally `N passed, M failed`; exits non-zero on any failure.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');
const { screenshotDir, startServer, useRunningServer, newPhoneContext, watch } = require('./lib');

/**
 * Every journey in its order (some depend on the ones before them). One require a line, so
 * journeys added on different branches merge without conflicts.
 * @type {import('./lib').Journey[]}
 */
const journeys = [
  ...require('./journeys/accounts').journeys,
  ...require('./journeys/filing').journeys,
  // Separate sessions (背对背): three contexts and a video call with fake media devices.
  ...require('./journeys/mediation').journeys,
  ...require('./journeys/notifications').journeys,
  ...require('./journeys/ending').journeys,
  ...require('./journeys/confirmation').journeys,
  ...require('./journeys/next-actions').journeys,
  ...require('./journeys/offline').journeys,
  // Issue #11: a call survives a brief network drop.
  ...require('./journeys/call-drop').journeys,
  ...require('./journeys/calendar').journeys,
  // R38: complaints (issue #13).
  ...require('./journeys/complaints').journeys,
  // Statistics dashboards and the monthly return (issue #13).
  ...require('./journeys/statistics').journeys,
  // Issue #13: the roster (R05, R39) and satisfaction.
  ...require('./journeys/roster').journeys,
  ...require('./journeys/paths').journeys,
  ...require('./journeys/escalation').journeys,
  ...require('./journeys/small').journeys,
  // Issue #11 "Speed and access": axe-core WCAG 2.1 AA on three pages (Lighthouse is `npm run bench:lighthouse`).
  ...require('./journeys/lighthouse').journeys,
  ...require('./journeys/first-load').journeys,
  ...require('./journeys/words').journeys,
  // Issue #13: the system admin console (disables the demo court clerk: keep it last).
  ...require('./journeys/admin-console').journeys,
];

const only = process.env.E2E_ONLY;
// E2E_BENCH=lighthouse: the speed benchmark of TARGETS P5 instead of the journeys (bench/README.md).
const listed = process.env.E2E_BENCH === 'lighthouse' ? require('./journeys/lighthouse').benchmarks : journeys;
const selected = only ? listed.filter((/** @type {import('./lib').Journey} */ j) => only.split('|').some((part) => j.name.includes(part))) : listed;

async function main() {
  fs.mkdirSync(screenshotDir, { recursive: true });

  const server = process.env.E2E_BASE_URL ? await useRunningServer(process.env.E2E_BASE_URL) : await startServer();
  console.log(`e2e: server at ${server.baseUrl}`);

  // chromium.launch gives every run a fresh temporary profile (user-data-dir) and removes it afterwards.
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });

  let passed = 0;
  let failed = 0;
  try {
    for (const [index, journey] of selected.entries()) {
      const context = await newPhoneContext(browser, server.baseUrl);
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      const pageErrors = /** @type {string[]} */ ([]);
      page.on('pageerror', (error) => pageErrors.push(String(error)));
      page.on('console', (message) => {
        if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) {
          pageErrors.push(`console: ${message.text()}`);
        }
      });
      /** @type {import('playwright-core').BrowserContext[]} */
      const phones = [];
      const phone = async (/** @type {string} */ who) => {
        const other = await newPhoneContext(browser, server.baseUrl);
        phones.push(other);
        return watch(await other.newPage(), pageErrors, who);
      };
      const started = Date.now();
      try {
        await journey.run({ page, baseUrl: server.baseUrl, browser, phone });
        if (pageErrors.length) throw new Error(`errors in the page:\n  ${pageErrors.join('\n  ')}`);
        passed++;
        console.log(`  ✓ ${journey.name} (${Date.now() - started} ms)`);
      } catch (error) {
        failed++;
        console.log(`  ✗ ${journey.name}\n    ${String(error instanceof Error ? error.stack || error.message : error).replace(/\n/g, '\n    ')}`);
        if (pageErrors.length) console.log(`    page errors:\n      ${pageErrors.join('\n      ')}`);
        await page.screenshot({ path: path.join(screenshotDir, `${index + 1}-FAILED.png`), fullPage: true }).catch(() => undefined);
      } finally {
        for (const other of phones) await other.close().catch(() => undefined);
        await context.close();
      }
    }
  } finally {
    await browser.close();
    if (failed && server.log()) console.log(`--- server log ---\n${server.log()}`);
    await server.stop();
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

main().catch((error) => {
  console.error(error);
  console.log(`0 passed, ${selected.length} failed`);
  process.exit(1);
});
