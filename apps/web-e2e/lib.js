#!/usr/bin/env node
// @ts-check
/**
 * Shared helpers of the browser journeys (run.js and journeys/*.js): starting the built server,
 * phone-sized browser contexts, the development SMS inbox, screenshots and checks.
 */
'use strict';

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const zlib = require('node:zlib');

const repoRoot = path.resolve(__dirname, '../..');
const serverEntry = path.resolve(repoRoot, process.env.E2E_SERVER_ENTRY || 'dist/apps/api/apps/api/src/main.js');
const webDist = path.resolve(repoRoot, process.env.E2E_WEB_DIST || 'dist/apps/web');
const screenshotDir = path.join(__dirname, 'screenshots');
const { PHONE, DEMO_PASSWORD, newPhoneContext, contextAs, pageAs } = require('./contexts');
const CITIZEN_MOBILE = '13800000001';

/** @returns {Promise<number>} */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts the built API (which also serves the built web client) on a fresh data folder.
 * @param {{ isolated?: boolean }} [options] isolated: its own embedded database even when DATABASE_URL is set
 * @returns {Promise<{ baseUrl: string, stop: () => Promise<void>, log: () => string }>}
 */
async function startServer(options = {}) {
  for (const [what, file] of [
    ['API', serverEntry],
    ['web client', path.join(webDist, 'index.html')],
  ]) {
    if (!fs.existsSync(file)) {
      throw new Error(`The ${what} is not built (${path.relative(repoRoot, file)} is missing): run npx nx run-many -t build --projects=api,web`);
    }
  }
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiaojie-e2e-data-'));
  const logLines = /** @type {string[]} */ ([]);
  const child = spawn(process.execPath, [serverEntry], {
    cwd: repoRoot,
    env: {
      // DATABASE_URL and REDIS_URL, if set, are passed through — except to an isolated second
      // server (a journey's own), which gets its own embedded database: sharing the first
      // server's outbox would let that server's poller take the second one's notices.
      ...(options.isolated ? Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'DATABASE_URL' && k !== 'REDIS_URL')) : process.env),
      NODE_ENV: 'development',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      WEB_DIST: webDist,
      PUBLIC_URL: baseUrl, // links in SMS (the respondent's invitation) point at this server
      DEV_TOOLS: 'true',
      SEED_DEMO: 'true',
      LOG_LEVEL: process.env.LOG_LEVEL || 'warn',
      // Journeys log in many times a minute from one address; the limiter has its own API tests.
      AUTH_RATE_LIMIT_PER_MINUTE: process.env.AUTH_RATE_LIMIT_PER_MINUTE || '600',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const collect = (/** @type {Buffer} */ chunk) => logLines.push(chunk.toString());
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });

  const stop = async () => {
    if (!exited) {
      child.kill('SIGTERM');
      for (let i = 0; i < 50 && !exited; i++) await sleep(100);
      if (!exited) child.kill('SIGKILL');
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (exited) {
      await stop();
      throw new Error(`The server exited during start-up:\n${logLines.join('')}`);
    }
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) return { baseUrl, stop, log: () => logLines.join('') };
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  await stop();
  throw new Error(`The server did not become healthy within 120 s:\n${logLines.join('')}`);
}

/**
 * A server someone else started: it must answer GET /api/health within 30 s.
 * @param {string} url
 */
async function useRunningServer(url) {
  const baseUrl = url.replace(/\/$/, '');
  const deadline = Date.now() + 30_000;
  let problem = '';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) return { baseUrl, stop: async () => undefined, log: () => '' };
      problem = `GET /api/health answered ${response.status}`;
    } catch (error) {
      problem = String(error);
    }
    await sleep(500);
  }
  throw new Error(`E2E_BASE_URL=${url} is not healthy: ${problem}`);
}

/**
 * The newest code texted to a mobile, from the development SMS inbox (newest first).
 * @param {import('playwright-core').Page} page
 * @param {string} mobile
 * @param {string | null} notCode a code already used, to wait for a newer one
 */
async function codeFromDevInbox(page, mobile, notCode = null) {
  for (let i = 0; i < 40; i++) {
    const response = await page.request.get(`/api/dev/sms?mobile=${mobile}`);
    if (!response.ok()) throw new Error(`GET /api/dev/sms answered ${response.status()}`);
    /** @type {{ body: string }[]} */
    const messages = await response.json();
    const code = messages
      .filter((m) => /验证码|code/i.test(m.body))
      .map((m) => /(?<!\d)(\d{6})(?!\d)/.exec(m.body)?.[1])
      .find(Boolean);
    if (code && code !== notCode) return code;
    await sleep(250);
  }
  throw new Error(`No code arrived for ${mobile}`);
}

/**
 * A full-page screenshot from the top (so the sticky header sits where it belongs).
 * @param {import('playwright-core').Page} page
 * @param {string} name
 */
async function shot(page, name) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(screenshotDir, name), fullPage: true });
}

/**
 * @param {import('playwright-core').Page} page
 * @param {string} what
 */
async function expectNoHorizontalOverflow(page, what) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  if (scrollWidth > clientWidth) throw new Error(`${what} overflows horizontally: ${scrollWidth}px content in ${clientWidth}px`);
}

/**
 * @param {import('playwright-core').Locator} locator
 * @param {RegExp | string} expected
 * @param {string} what
 */
async function expectText(locator, expected, what) {
  await locator.waitFor({ state: 'visible', timeout: 15_000 });
  const deadline = Date.now() + 10_000;
  let text = '';
  while (Date.now() < deadline) {
    text = (await locator.innerText()).trim();
    if (typeof expected === 'string' ? text === expected : expected.test(text)) return text;
    await sleep(100);
  }
  throw new Error(`${what}: expected ${expected}, saw ${JSON.stringify(text)}`);
}

/**
 * @param {import('playwright-core').Page} page
 * @param {string} mobile
 * @param {string} name shown in the home heading afterwards
 */
async function logInWithPassword(page, mobile, name) {
  await page.goto('/login');
  await page.getByTestId('login-mobile').fill(mobile);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await expectText(page.getByTestId('home-heading'), `您好，${name}`, `home heading of ${name}`);
}

/** @param {import('playwright-core').Page} page */
async function logOut(page) {
  await page.getByTestId('user-menu').click();
  await page.getByTestId('menu-logout').click();
  await page.getByTestId('login-heading').waitFor();
}

/** CRC-32 (ISO 3309), as PNG chunks need it. */
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
/** @param {Buffer} buffer */
function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * @param {string} type
 * @param {Buffer} data
 */
function pngChunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A small, real PNG shaped like an ID card (the server checks the bytes, not the name). */
function idCardPng(width = 86, height = 54) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const rows = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3); // filter byte 0, then pixels
    for (let x = 0; x < width; x++) {
      const band = y < 12 || (x > 60 && y > 20 && y < 46); // a header band and a "photo"
      row.set(band ? [22, 104, 220] : [220, 234, 250], 1 + x * 3);
    }
    rows.push(row);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', zlib.deflateSync(Buffer.concat(rows))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * A valid resident ID number (GB 11643 check digit) from its first 17 digits.
 * @param {string} first17
 */
function residentId(first17) {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((acc, digit, i) => acc + Number(digit) * weights[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

/**
 * Waits for an SMS to `mobile` that `match`es: the outbox sends within about a second.
 * @param {import('playwright-core').Page} page
 * @param {string} mobile
 * @param {(body: string) => boolean} match
 * @param {string} what
 */
async function smsMatching(page, mobile, match, what) {
  for (let i = 0; i < 60; i++) {
    const response = await page.request.get(`/api/dev/sms?mobile=${mobile}`);
    if (!response.ok()) throw new Error(`GET /api/dev/sms answered ${response.status()}`);
    /** @type {{ body: string }[]} */
    const messages = await response.json();
    const found = messages.find((m) => match(m.body));
    if (found) return found.body;
    await sleep(500);
  }
  throw new Error(`No SMS (${what}) arrived for ${mobile}`);
}

/**
 * A page of another browser context: its page errors fail the journey too.
 * @param {import('playwright-core').Page} page
 * @param {string[]} errors
 * @param {string} who
 */
function watch(page, errors, who) {
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (error) => errors.push(`${who}: ${String(error)}`));
  page.on('console', (message) => {
    // The browser's own lines for requests that failed: the pages report what matters themselves;
    // a WebSocket that cannot open while a journey holds the page offline is the journey's doing.
    const network = /Failed to load resource|WebSocket connection to .* failed: .*net::ERR_INTERNET_DISCONNECTED/;
    if (message.type() === 'error' && !network.test(message.text())) errors.push(`${who} console: ${message.text()}`);
  });
  return page;
}

/**
 * Ticks an antd Checkbox (the test id sits on its hidden input).
 * @param {import('playwright-core').Locator} locator
 */
async function tick(locator) {
  await locator.check({ force: true });
}

/**
 * Calls the API as one demo account (bearer token, like an API client).
 * @param {string} baseUrl
 * @param {string} mobile
 */
async function apiAs(baseUrl, mobile) {
  const login = await fetch(`${baseUrl}/api/auth/login/password`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ mobile, password: DEMO_PASSWORD, transport: 'api' }),
  });
  if (!login.ok) throw new Error(`API login as ${mobile}: ${login.status} ${await login.text()}`);
  const { accessToken, user } = await login.json();
  /**
   * @param {string} method
   * @param {string} url
   * @param {unknown} [body]
   */
  const call = async (method, url, body) => {
    const isForm = body instanceof FormData;
    const send = () =>
      fetch(`${baseUrl}${url}`, {
        method,
        headers: { Authorization: `Bearer ${accessToken}`, ...(body !== undefined && !isForm ? { 'Content-Type': 'application/json' } : {}) },
        body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
      });
    let response = await send();
    // A code asked for the same number by an earlier journey within the resend wait: wait it out
    // once (the server says how long in Retry-After), as a person would.
    const retryAfter = Number(response.headers.get('retry-after'));
    if (response.status === 429 && retryAfter > 0 && retryAfter <= 65) {
      await response.text();
      await sleep(retryAfter * 1000 + 200);
      response = await send();
    }
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${url} as ${mobile}: ${response.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  };
  return { user, call };
}

/**
 * Waits until `check` returns a truthy value (a thrown error counts as "not yet").
 * @template T
 * @param {() => Promise<T | null | false | undefined>} check
 * @param {string} what
 * @param {number} [timeout]
 * @returns {Promise<T>}
 */
async function until(check, what, timeout = 20_000) {
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    last = await check().catch((error) => error);
    if (last && !(last instanceof Error)) return /** @type {T} */ (last);
    await sleep(200);
  }
  throw new Error(`timed out: ${what}${last instanceof Error ? ` (${last.message})` : ''}`);
}

/**
 * What run.js hands every journey: its phone-sized page, the server, the browser, and more
 * phones (each its own context, page errors watched).
 * @typedef {{ page: import('playwright-core').Page, baseUrl: string, browser: import('playwright-core').Browser, phone: (who: string) => Promise<import('playwright-core').Page> }} JourneyContext
 */
/** @typedef {{ name: string, run: (ctx: JourneyContext) => Promise<void> }} Journey */

module.exports = {
  apiAs,
  repoRoot,
  serverEntry,
  webDist,
  screenshotDir,
  PHONE,
  DEMO_PASSWORD,
  CITIZEN_MOBILE,
  freePort,
  sleep,
  startServer,
  useRunningServer,
  codeFromDevInbox,
  shot,
  expectNoHorizontalOverflow,
  expectText,
  logInWithPassword,
  logOut,
  newPhoneContext,
  contextAs,
  pageAs,
  crc32,
  pngChunk,
  idCardPng,
  residentId,
  smsMatching,
  watch,
  tick,
  until,
};
