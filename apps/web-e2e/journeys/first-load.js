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
const { DEMO_PASSWORD, CITIZEN_MOBILE, sleep, newPhoneContext, contextAs } = require('../lib');
const { flow } = require('./flow');
const { WHO, ensureCase } = require('./mediation-case');

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
  {
    // TARGETS P5: the early script (apps/web/src/lib/early-start.ts) asks for a case page's
    // chunks and its case while the start chunk is still on a slow phone's link, and the app
    // takes those answers instead of asking again.
    name: 'first load: a case link on a slow phone asks for the case while the start chunk is still coming',
    async run({ browser, baseUrl }) {
      const c = await ensureCase(baseUrl);
      const context = await contextAs(browser, baseUrl, WHO.applicant.mobile);
      try {
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        await cdp.send('Network.enable');
        // Lighthouse's mobile link: 150 ms round trips, 1.6 Mbit/s down.
        await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 });
        const t0 = Date.now();
        /** @type {{ path: string, method: string, sent: number }[]} */
        const sent = [];
        /** @type {Map<string, number>} */
        const finished = new Map();
        page.on('request', (request) => sent.push({ path: new URL(request.url()).pathname, method: request.method(), sent: Date.now() - t0 }));
        page.on('requestfinished', (request) => finished.set(new URL(request.url()).pathname, Date.now() - t0));
        await page.goto(`/cases/${c.id}`);
        await page.getByTestId('case-heading').waitFor({ timeout: 60_000 });
        await page.waitForLoadState('networkidle');
        const startChunk = [...finished.entries()].find(([path]) => /^\/assets\/web-[\w-]+\.js$/.test(path));
        if (!startChunk) throw new Error(`no start chunk among ${[...finished.keys()].join(', ')}`);
        const caseRequests = sent.filter((r) => r.method === 'GET' && r.path === `/api/cases/${c.id}`);
        const sessionRequests = sent.filter((r) => r.method === 'GET' && r.path === '/api/me');
        const pageChunk = sent.find((r) => /^\/assets\/CasePage-[\w-]+\.js$/.test(r.path));
        // The ending (the case is being mediated) is asked for by the early script as the case's
        // answer comes (app/early-pages.ts, `dependent`), and only once: the app takes that answer.
        const endingRequests = sent.filter((r) => r.method === 'GET' && r.path === `/api/cases/${c.id}/ending`);
        console.log(
          `    start chunk done at ${startChunk[1]} ms; the case asked at ${caseRequests.map((r) => r.sent).join(', ')} ms, its ending at ${endingRequests.map((r) => r.sent).join(', ')} ms, the session at ${sessionRequests.map((r) => r.sent).join(', ')} ms, the page's chunk at ${pageChunk?.sent} ms`,
        );
        if (caseRequests.length !== 1) throw new Error(`the case was asked for ${caseRequests.length} times on one load`);
        if (sessionRequests.length !== 1) throw new Error(`the session was asked for ${sessionRequests.length} times on one load`);
        if (endingRequests.length !== 1) throw new Error(`the ending was asked for ${endingRequests.length} times on one load`);
        if (caseRequests[0].sent >= startChunk[1]) throw new Error('the case was asked for only once the start chunk had come');
        if (!pageChunk || pageChunk.sent >= startChunk[1]) throw new Error("the case page's chunk was asked for only once the start chunk had come");
        // The ending beside the case, not a round trip after it (app/early-pages.ts).
        if (endingRequests[0].sent >= startChunk[1]) throw new Error('the ending was asked for only once the start chunk had come');
      } finally {
        await context.close();
      }
    },
  },
  {
    // TARGETS P5: the session socket and the bell (lib/page-shown.ts) start only once the page a
    // citizen arrived on has painted its content, so they do not compete with it on a phone.
    name: 'first load: the socket and the bell wait until the case page has shown, then come',
    async run({ browser, baseUrl }) {
      const c = await ensureCase(baseUrl);
      const context = await contextAs(browser, baseUrl, WHO.applicant.mobile);
      try {
        const page = await context.newPage();
        await page.addInitScript(() => {
          // The socket opens a WebSocket (lib/socket.ts), which Resource Timing does not list.
          const RealWebSocket = window.WebSocket;
          /** @type {any} */ (window).__socketAt = undefined;
          window.WebSocket = /** @type {any} */ (
            class extends RealWebSocket {
              /** @param {string | URL} url @param {string | string[]} [protocols] */
              constructor(url, protocols) {
                super(url, protocols);
                if (/\/socket\.io\//.test(String(url))) /** @type {any} */ (window).__socketAt ??= performance.now();
              }
            }
          );
          // The first largest-contentful paint inside the case page: a later one may be a larger
          // part further down, rendered after the page has shown (and so after the bell).
          /** @type {any} */ (window).__lcp = 0;
          new PerformanceObserver((list) => {
            for (const entry of list.getEntries()) {
              const element = /** @type {any} */ (entry).element;
              if (!(/** @type {any} */ (window).__lcp) && element?.closest?.('[data-testid="case-page"]')) /** @type {any} */ (window).__lcp = entry.startTime;
            }
          }).observe({ type: 'largest-contentful-paint', buffered: true });
        });
        await page.goto(`/cases/${c.id}`);
        await page.getByTestId('case-heading').waitFor();
        await page.getByTestId('bell').waitFor();
        await page.waitForLoadState('networkidle');
        const { lcp, socket, bell } = await page.evaluate(() => {
          const started = (/** @type {RegExp} */ pattern) =>
            performance
              .getEntriesByType('resource')
              .filter((entry) => pattern.test(entry.name))
              .map((entry) => entry.startTime)[0];
          const polling = started(/\/socket\.io\//);
          const webSocket = /** @type {any} */ (window).__socketAt;
          const socket = polling === undefined ? webSocket : webSocket === undefined ? polling : Math.min(polling, webSocket);
          return { lcp: /** @type {any} */ (window).__lcp, socket, bell: started(/\/assets\/NotificationBell-/) };
        });
        console.log(`    the case heading painted at ${Math.round(lcp)} ms; the socket asked at ${Math.round(socket)} ms, the bell's chunk at ${Math.round(bell)} ms`);
        if (!lcp) throw new Error('no largest contentful paint recorded');
        if (socket === undefined || socket < lcp) throw new Error(`the socket started at ${socket} ms, before the page painted (${lcp} ms)`);
        if (bell === undefined || bell < lcp) throw new Error(`the bell's chunk was asked for at ${bell} ms, before the page painted (${lcp} ms)`);
      } finally {
        await context.close();
      }
    },
  },
  {
    // TARGETS P5 (lib/socket.ts): the session socket comes over WebSocket at once — no polling
    // handshake, polling round and upgrade while the page is still coming in — and over
    // long-polling where WebSocket fails (here every WebSocket to /socket.io/ is sent to a closed
    // port, as a proxy that blocks it would).
    name: 'first load: the socket comes over WebSocket, and over long-polling where that is blocked',
    async run({ browser, baseUrl }) {
      const c = await ensureCase(baseUrl);
      for (const blocked of [false, true]) {
        const context = await contextAs(browser, baseUrl, WHO.applicant.mobile);
        try {
          const page = await context.newPage();
          if (blocked) {
            await page.addInitScript(() => {
              const RealWebSocket = window.WebSocket;
              window.WebSocket = /** @type {any} */ (
                class extends RealWebSocket {
                  /** @param {string | URL} url @param {string | string[]} [protocols] */
                  constructor(url, protocols) {
                    super(/\/socket\.io\//.test(String(url)) ? 'ws://127.0.0.1:9/blocked' : url, protocols);
                  }
                }
              );
            });
          }
          const polls = /** @type {string[]} */ ([]);
          /** @type {(value: string) => void} */
          let connected = () => undefined;
          const connectedBy = new Promise((resolve) => (connected = resolve));
          page.on('request', (request) => {
            if (/\/socket\.io\/.*transport=polling/.test(request.url())) polls.push(request.method());
          });
          // socket.io's CONNECT answer to the default namespace ("40{…sid…}"), by either transport.
          page.on('websocket', (ws) => {
            if (/\/socket\.io\//.test(ws.url())) ws.on('framereceived', ({ payload }) => String(payload).startsWith('40') && connected('websocket'));
          });
          page.on('response', async (response) => {
            if (!/\/socket\.io\/.*transport=polling/.test(response.url()) || response.request().method() !== 'GET') return;
            const body = await response.text().catch(() => '');
            if (body.split('\x1e').some((packet) => packet.startsWith('40'))) connected('polling');
          });
          await page.goto(`/cases/${c.id}`);
          await page.getByTestId('case-heading').waitFor();
          const transport = await Promise.race([connectedBy, sleep(20_000).then(() => 'none')]);
          console.log(`    WebSocket ${blocked ? 'blocked' : 'open'}: connected over ${transport}; ${polls.length} polling request(s)`);
          if (transport !== (blocked ? 'polling' : 'websocket')) throw new Error(`the socket connected over ${transport}, not ${blocked ? 'polling' : 'websocket'}`);
          if (!blocked && polls.length) throw new Error(`${polls.length} long-polling request(s) although WebSocket works`);
        } finally {
          await context.close();
        }
      }
    },
  },
  {
    // TARGETS P5: a phone shows the header as soon as the HTML and the stylesheet are there
    // (apps/web/index.html), not a white page until the app's start chunk has come and run; the
    // app then replaces it with the same header (no shift) and the page.
    name: 'first load: the header shows before the start chunk has come, and stays in place',
    async run({ browser, baseUrl }) {
      const context = await newPhoneContext(browser, baseUrl);
      /** @type {(value?: unknown) => void} */
      let release = () => undefined;
      const held = new Promise((resolve) => (release = resolve));
      try {
        const page = await context.newPage();
        let startChunkAsked = false;
        await page.route(/\/assets\/web-[\w-]+\.js$/, async (route) => {
          startChunkAsked = true;
          await held;
          await route.continue();
        });
        // (not domcontentloaded: the held-back module script holds that event back too)
        await page.goto('/', { waitUntil: 'commit' });
        const logo = page.locator('.app-logo');
        await logo.waitFor({ state: 'visible', timeout: 5000 });
        const before = await logo.boundingBox();
        const shown = await page.evaluate(() => ({ text: document.querySelector('.app-logo')?.textContent, landing: !!document.querySelector('[data-testid="landing-heading"]') }));
        if (!startChunkAsked) throw new Error('the start chunk was not asked for');
        if (shown.landing) throw new Error('the landing page rendered while its start chunk was held back');
        if (shown.text !== '调解Tiaojie') throw new Error(`the early header shows "${shown.text}"`);
        release();
        await page.getByTestId('landing-heading').waitFor();
        const after = await page.getByTestId('logo').boundingBox();
        if (!before || !after || Math.abs(before.x - after.x) > 0.5 || Math.abs(before.y - after.y) > 0.5 || Math.abs(before.height - after.height) > 0.5)
          throw new Error(`the header moved when the app took over: ${JSON.stringify(before)} → ${JSON.stringify(after)}`);
        if ((await page.locator('.app-header').count()) !== 1) throw new Error('two headers after the app started');
        console.log(`    header shown before the start chunk; logo at ${before.x},${before.y} (${before.width}×${before.height}) both before and after`);
      } finally {
        release();
        await context.close();
      }
    },
  },
  {
    // TARGETS P5 (apps/web/vite.config.ts, eagerCompileHint): V8 compiles the start chunk's and
    // the entry pages' functions while they stream in, off the main thread, when a script begins
    // with its compile hint — nothing but the hint may come before it.
    name: 'first load: the start chunk and the entry pages begin with V8’s compile hint',
    async run({ baseUrl }) {
      const html = await (await fetch(`${baseUrl}/`)).text();
      const startChunk = /<link rel="modulepreload"[^>]*href="(\/assets\/web-[\w-]+\.js)"/.exec(html)?.[1];
      if (!startChunk) throw new Error('index.html names no start chunk');
      const early = /<script src="(\/assets\/early-[\w-]+\.js)"/.exec(html)?.[1];
      if (!early) throw new Error('index.html has no early script');
      const earlySource = await (await fetch(`${baseUrl}${early}`)).text();
      const casePage = /"(\/assets\/CasePage-[\w-]+\.js)"/.exec(earlySource)?.[1];
      if (!casePage) throw new Error('the early script preloads no case page chunk');
      const entry = /<script type="module"[^>]*src="(\/assets\/index-[\w-]+\.js)"/.exec(html)?.[1];
      if (!entry) throw new Error('index.html has no entry script');
      for (const file of [entry, startChunk, casePage]) {
        // As a phone asks for it (brotli or gzip), and uncompressed: every copy must carry the hint.
        for (const encoding of ['br', 'gzip', 'identity']) {
          const response = await fetch(`${baseUrl}${file}`, { headers: { 'Accept-Encoding': encoding } });
          const first = (await response.text()).split('\n', 1)[0];
          if (first !== '//# allFunctionsCalledOnLoad') throw new Error(`${file} (${response.headers.get('content-encoding') ?? 'identity'}) begins with "${first.slice(0, 60)}"`);
        }
      }
      console.log(`    ${entry}, ${startChunk} and ${casePage} begin with the compile hint (brotli, gzip and plain)`);
    },
  },
];

module.exports = { journeys };
