#!/usr/bin/env node
// @ts-check
/**
 * The weight of every page: first-load JS within 300 KB over the wire on a phone. Visits the
 * case of ./flow.js when the filing journeys ran before it, else pages that say it is missing.
 *
 * Used by run.js (`...require('./journeys/first-load').journeys`).
 */
'use strict';

const zlib = require('node:zlib');
const { DEMO_PASSWORD, CITIZEN_MOBILE, sleep, newPhoneContext } = require('../lib');
const { flow } = require('./flow');

/** @type {import('../lib').Journey[]} */
const journeys = [
  {
    name: 'first-load JS of every page stays within 300 KB over the wire on a phone',
    async run({ browser, baseUrl }) {
      const caseId = flow.caseId || '00000000-0000-4000-8000-000000000000';
      // Each page is measured once its own content is there, then until the network is quiet.
      const pages = [
        { path: '/', ready: 'landing-heading' },
        { path: '/consult', ready: 'consult-heading' },
        { path: '/login', ready: 'login-heading' },
        { path: '/register', ready: 'register-heading' },
        { path: `/invite/${flow.inviteToken || 'x'.repeat(43)}`, ready: 'invitation-heading' },
        { path: '/home', as: CITIZEN_MOBILE, ready: 'home-section-citizen-title' },
        { path: '/profile', as: CITIZEN_MOBILE, ready: 'profile-heading' },
        { path: '/consult', as: CITIZEN_MOBILE, ready: 'consult-heading' },
        { path: '/cases/new', as: CITIZEN_MOBILE, ready: 'filing-heading' },
        { path: `/cases/${caseId}`, as: CITIZEN_MOBILE, ready: flow.caseId ? 'case-heading' : 'case-error' },
        { path: `/cases/${caseId}`, as: '13800000002', ready: flow.caseId ? 'case-heading' : 'case-error' },
        { path: '/home', as: '13900000002', ready: 'org-sla' },
        { path: `/cases/${caseId}`, as: '13900000004', ready: flow.caseId ? 'case-heading' : 'case-error' },
      ];
      const rows = [];
      const over = [];
      for (const target of pages) {
        const context = await newPhoneContext(browser, baseUrl);
        try {
          if (target.as) {
            const login = await context.request.post('/api/auth/login/password', { data: { mobile: target.as, password: DEMO_PASSWORD } });
            if (!login.ok()) throw new Error(`login as ${target.as} answered ${login.status()}`);
          }
          const page = await context.newPage();
          /** @type {import('playwright-core').Response[]} */
          const scripts = [];
          page.on('response', (response) => {
            if (response.request().resourceType() === 'script') scripts.push(response);
          });
          await page.goto(target.path);
          await page.getByTestId(target.ready).waitFor({ timeout: 30_000 });
          await page.waitForLoadState('networkidle');
          await sleep(1500); // the session socket and the bell load after the page
          await page.waitForLoadState('networkidle');
          // TARGETS P5 counts the bytes as sent over the wire, compressed by the server: the
          // encoded length of each script (brotli from the API), or the whole body if it came
          // uncompressed. The gzip figure is printed beside it for comparison with older runs.
          let bytes = 0;
          let gzipBytes = 0;
          for (const response of scripts) {
            const body = await response.body();
            const headers = await response.allHeaders();
            const encoded = headers['content-encoding'] && Number(headers['content-length']);
            bytes += encoded || body.length;
            gzipBytes += zlib.gzipSync(body, { level: 9 }).length;
            // E2E_JS_FILES=1 lists each script, to find what a page's budget is spent on.
            if (process.env.E2E_JS_FILES)
              console.log(`      ${((encoded || body.length) / 1024).toFixed(1).padStart(6)} KB ${new URL(response.url()).pathname} ${target.path}${target.as ? ` (as ${target.as})` : ''}`);
          }
          const label = `${target.path.length > 30 ? `${target.path.slice(0, 27)}…` : target.path}${target.as ? ` (as ${target.as})` : ''}`;
          rows.push(`${label.padEnd(46)} ${(bytes / 1024).toFixed(1).padStart(6)} KB over the wire (${(gzipBytes / 1024).toFixed(1)} KB gzip), ${scripts.length} files`);
          if (bytes > 300 * 1024) over.push(label);
        } finally {
          await context.close();
        }
      }
      console.log(`    first-load JS, all scripts until the network is idle:\n      ${rows.join('\n      ')}`);
      if (over.length) throw new Error(`over 300 KB over the wire: ${over.join(', ')}`);
    },
  },
];

module.exports = { journeys };
