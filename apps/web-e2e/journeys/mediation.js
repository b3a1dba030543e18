#!/usr/bin/env node
// @ts-check
/**
 * Browser journeys of the separate sessions (背对背, R15–R18): the mediator's console and the
 * parties' conversations in three browsers at once, a reload in the middle of a conversation
 * (./mediation-sessions.js), a video call between two browsers on Chromium's fake camera and
 * microphone (./mediation-calls.js), and the page's weight (./mediation-first-load.js); the
 * shared case and helpers are ./mediation-case.js.
 *
 * Used by run.js (`require('./journeys/mediation').journeys`, same { name, run(ctx) } shape as
 * its own journeys), or on its own:
 *
 *   node apps/web-e2e/journeys/mediation.js                  starts the built server on a free port (lib.js's
 *                                                            startServer: E2E_SERVER_ENTRY, E2E_WEB_DIST)
 *   E2E_BASE_URL=http://localhost:3000 node apps/web-e2e/journeys/mediation.js
 *   E2E_ONLY=video node apps/web-e2e/journeys/mediation.js   only the journeys whose name contains the text
 *
 * The case is put into MEDIATING through the API first (as apps/api/test/mediation.spec.ts does),
 * so these journeys do not depend on run.js's filing journeys.
 */
'use strict';

const { chromium } = require('playwright-core');
const { PHONE, startServer, useRunningServer } = require('../lib');
const { CHROMIUM_ARGS, mediatingCase } = require('./mediation-case');

/** @typedef {{ page: import('playwright-core').Page, baseUrl: string, browser: import('playwright-core').Browser, phone?: (who: string) => Promise<import('playwright-core').Page> }} JourneyContext */
/** @typedef {{ name: string, run: (ctx: JourneyContext) => Promise<void> }} Journey */

/** @type {Journey[]} */
const journeys = [...require('./mediation-sessions').journeys, ...require('./mediation-calls').journeys, ...require('./mediation-first-load').journeys];

module.exports = { journeys, mediatingCase };

// ─── Running these journeys alone ───────────────────────────────────────────────────────

async function main() {
  const server = process.env.E2E_BASE_URL ? await useRunningServer(process.env.E2E_BASE_URL) : await startServer();
  console.log(`e2e (mediation): server at ${server.baseUrl}`);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  const only = process.env.E2E_ONLY;
  const selected = only ? journeys.filter((j) => j.name.includes(only)) : journeys;
  let passed = 0;
  let failed = 0;
  try {
    for (const journey of selected) {
      const context = await browser.newContext({ baseURL: server.baseUrl, viewport: PHONE });
      const page = await context.newPage();
      const started = Date.now();
      try {
        await journey.run({ page, baseUrl: server.baseUrl, browser });
        passed++;
        console.log(`  ✓ ${journey.name} (${Date.now() - started} ms)`);
      } catch (error) {
        failed++;
        console.log(`  ✗ ${journey.name}\n    ${String(error instanceof Error ? error.stack || error.message : error).replace(/\n/g, '\n    ')}`);
      } finally {
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

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    console.log(`0 passed, ${journeys.length} failed`);
    process.exit(1);
  });
}
