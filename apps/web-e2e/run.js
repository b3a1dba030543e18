#!/usr/bin/env node
// @ts-check
/**
 * Browser journeys: real users in Debian's Chromium (playwright-core, no browser download)
 * against the built server on a fresh embedded database.
 *
 *   node apps/web-e2e/run.js                 builds nothing; starts dist/apps/api on a free port
 *   E2E_BASE_URL=http://localhost:3000 ...   uses a server that is already running
 *   E2E_SERVER_ENTRY=path/to/main.js ...     another build of the API (default dist/apps/api/apps/api/src/main.js)
 *   CHROMIUM_PATH=/path/to/chromium ...      another Chromium binary
 *   DATABASE_URL=postgres://...              passed through: the server then uses PostgreSQL
 *   E2E_ONLY=register                        runs the journeys whose name contains the text
 *
 * Prints one line per journey and finally `N passed, M failed`; exits non-zero on any failure.
 */
'use strict';

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');

const repoRoot = path.resolve(__dirname, '../..');
const serverEntry = path.resolve(repoRoot, process.env.E2E_SERVER_ENTRY || 'dist/apps/api/apps/api/src/main.js');
const webDist = path.join(repoRoot, 'dist/apps/web');
const screenshotDir = path.join(__dirname, 'screenshots');
const PHONE = { width: 375, height: 812 };
const DEMO_PASSWORD = 'Tiaojie@2026';
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
 * @returns {Promise<{ baseUrl: string, stop: () => Promise<void>, log: () => string }>}
 */
async function startServer() {
  for (const [what, file] of [
    ['API', serverEntry],
    ['web client', path.join(webDist, 'index.html')],
  ]) {
    if (!fs.existsSync(file)) {
      throw new Error(`The ${what} is not built (${path.relative(repoRoot, file)} is missing): run npx nx run-many -t build --projects=api,web`);
    }
  }
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiaojie-e2e-data-'));
  const logLines = /** @type {string[]} */ ([]);
  const child = spawn(process.execPath, [serverEntry], {
    cwd: repoRoot,
    env: {
      ...process.env, // DATABASE_URL, if set, is passed through
      NODE_ENV: 'development',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      WEB_DIST: webDist,
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

  const baseUrl = `http://127.0.0.1:${port}`;
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
      if (response.ok) return { baseUrl, stop: async () => {}, log: () => '' };
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
    const code = messages.map((m) => /(?<!\d)(\d{6})(?!\d)/.exec(m.body)?.[1]).find(Boolean);
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

/** @typedef {{ page: import('playwright-core').Page, baseUrl: string, browser: import('playwright-core').Browser }} JourneyContext */

/** @type {{ name: string, run: (ctx: JourneyContext) => Promise<void> }[]} */
const journeys = [
  {
    name: 'citizen logs in with an SMS code on a phone, in English',
    async run({ page }) {
      await page.goto('/');
      await expectText(page.getByTestId('landing-heading'), '有纠纷，在手机上就能调解', 'Chinese landing heading');
      await page.getByTestId('landing-organisations').waitFor(); // the public list of GET /api/organisations
      await expectNoHorizontalOverflow(page, 'landing page (zh-CN)');
      await shot(page, '1-landing-zh.png');
      await page.getByTestId('language-switch').click();
      await expectText(page.getByTestId('landing-heading'), 'Resolve your dispute from your phone', 'English landing heading');
      await expectNoHorizontalOverflow(page, 'landing page (en)');
      await shot(page, '1-landing-en.png');

      await page.getByTestId('landing-login').click();
      await expectText(page.getByTestId('login-heading'), 'Log in', 'login heading');
      await page.getByTestId('login-tab-sms').click();
      await page.getByTestId('otp-mobile').fill(CITIZEN_MOBILE);
      await page.getByTestId('otp-send').click();
      await expectText(page.getByTestId('otp-send'), /Resend in \d+ s/, 'send-code countdown');
      const code = await codeFromDevInbox(page, CITIZEN_MOBILE);
      await page.getByTestId('otp-code').fill(code);
      await expectNoHorizontalOverflow(page, 'login page');
      await shot(page, '1-login-sms-en.png');
      await page.getByTestId('otp-submit').click();

      await expectText(page.getByTestId('home-section-citizen-title'), 'My cases', 'citizen home section');
      await expectText(page.getByTestId('home-heading'), 'Hello, 张三', 'home heading');
      if (new URL(page.url()).pathname !== '/home') throw new Error(`expected /home, at ${page.url()}`);
      await page.reload(); // the session and the language choice both survive a reload
      await expectText(page.getByTestId('home-section-citizen-title'), 'My cases', 'citizen home section after reload');
      await expectNoHorizontalOverflow(page, 'home page');
      await shot(page, '1-home-citizen-en.png');
    },
  },
  {
    name: 'a new citizen registers with a fresh mobile number',
    async run({ page }) {
      const mobile = `1770000${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}`;
      await page.goto('/');
      await page.getByTestId('landing-register').click();
      await expectText(page.getByTestId('register-heading'), '注册', 'register heading');
      await page.getByTestId('register-mobile').fill(mobile);
      await page.getByTestId('register-send-code').click();
      await expectText(page.getByTestId('register-send-code'), /\d+ 秒后重发/, 'send-code countdown');
      const code = await codeFromDevInbox(page, mobile);
      await page.getByTestId('register-code').fill(code);
      await page.getByTestId('register-name').fill('王五');
      await page.getByTestId('register-password').fill('E2e-password-2026');
      await page.getByTestId('register-confirm').fill('E2e-password-2026');
      await expectNoHorizontalOverflow(page, 'register page');
      await shot(page, '2-register-zh.png');
      await page.getByTestId('register-submit').click();

      await expectText(page.getByTestId('home-section-citizen-title'), '我的案件', 'citizen home section');
      await expectText(page.getByTestId('home-heading'), '您好，王五', 'home heading');
      const me = await page.request.get('/api/me');
      if (!me.ok()) throw new Error(`GET /api/me after registering answered ${me.status()}`);
      const profile = await me.json();
      if (profile.mobile !== mobile || !profile.roles.includes('citizen')) {
        throw new Error(`unexpected profile after registering: ${JSON.stringify(profile)}`);
      }
      await expectNoHorizontalOverflow(page, 'home page');
      await shot(page, '2-home-new-citizen-zh.png');
    },
  },
  {
    name: 'a wrong password shows a translated error and nothing breaks',
    async run({ page }) {
      await page.goto('/login');
      await expectText(page.getByTestId('login-heading'), '登录', 'login heading');
      await page.getByTestId('login-mobile').fill(CITIZEN_MOBILE);
      await page.getByTestId('login-password').fill('Not-the-password-1');
      await page.getByTestId('login-submit').click();
      await expectText(page.getByTestId('form-error'), '手机号或密码不正确。', 'translated error');
      if (new URL(page.url()).pathname !== '/login') throw new Error(`expected to stay on /login, at ${page.url()}`);

      // Still usable afterwards: the right password gets in.
      await page.getByTestId('login-password').fill(DEMO_PASSWORD);
      await page.getByTestId('login-submit').click();
      await expectText(page.getByTestId('home-heading'), '您好，张三', 'home heading after the right password');
      await page.goto('/login');
      await page.getByTestId('home-heading').waitFor({ timeout: 15_000 }); // a logged-in user is sent on to home
      await logOut(page);
      await page.getByTestId('login-mobile').fill(CITIZEN_MOBILE);
      await page.getByTestId('login-password').fill('Not-the-password-2');
      await page.getByTestId('login-submit').click();
      await expectText(page.getByTestId('form-error'), '手机号或密码不正确。', 'translated error after logout');
      await expectNoHorizontalOverflow(page, 'login page with an error');
      await shot(page, '3-login-wrong-password-zh.png');
    },
  },
  {
    name: 'a citizen records a real name and sees only the masked ID number',
    async run({ page }) {
      const idNumber = '11010519491231002X';
      await logInWithPassword(page, '13800000002', '李四');
      await page.getByTestId('user-menu').click();
      await page.getByTestId('menu-profile').click();
      await expectText(page.getByTestId('profile-heading'), '个人资料', 'profile heading');
      await page.getByTestId('real-name-input').fill('李四');
      await page.getByTestId('id-number-input').fill(idNumber.toLowerCase());
      await page.getByTestId('real-name-save').click();
      await expectText(page.getByTestId('id-number-masked'), '110105********002X', 'masked ID number');
      const shown = await page.evaluate(() =>
        [document.body.innerText, ...Array.from(document.querySelectorAll('input'), (input) => input.value)].join('\n'),
      );
      if (shown.toUpperCase().includes(idNumber)) throw new Error('the full ID number is still in the page');
      await expectNoHorizontalOverflow(page, 'profile page');
      await shot(page, '4-profile-real-name-zh.png');
    },
  },
  {
    name: 'staff see their own sections: admin disables a user (who is sent to login), mediator queue',
    async run({ page, baseUrl, browser }) {
      // 李四 is logged in on another phone while the admin disables the account.
      const citizenContext = await newPhoneContext(browser, baseUrl);
      try {
        const citizenPage = await citizenContext.newPage();
        await logInWithPassword(citizenPage, '13800000002', '李四');

        await logInWithPassword(page, '13600000001', '系统管理员');
        await expectText(page.getByTestId('home-section-admin-title'), '用户管理', 'admin section');
        await page.getByTestId('admin-user-row').filter({ hasText: '13800000001' }).waitFor();
        if ((await page.getByTestId('admin-user-row').count()) < 9) throw new Error('expected the seeded users in the list');
        await expectNoHorizontalOverflow(page, 'admin home');
        await shot(page, '5-home-admin-zh.png');

        const row = page.getByTestId('admin-user-row').filter({ hasText: '13800000002' });
        await row.getByTestId('admin-user-disable').click();
        await page.locator('.ant-popconfirm').getByRole('button', { name: '停用' }).click();
        await expectText(row, /已停用/, "李四's row after disabling");
        // The server ends 李四's session over the socket: the open page goes to login and says why.
        await citizenPage.getByTestId('session-ended').waitFor({ timeout: 15_000 });
        if (new URL(citizenPage.url()).pathname !== '/login') throw new Error(`expected /login, at ${citizenPage.url()}`);
        await shot(citizenPage, '5-session-ended-zh.png');
        await row.getByTestId('admin-user-enable').click();
        await expectText(row, /正常/, "李四's row after enabling");
      } finally {
        await citizenContext.close();
      }
      await logOut(page);

      await logInWithPassword(page, '13900000001', '王调解');
      await expectText(page.getByTestId('home-section-mediator-title'), '我的待办', 'mediator section');
      await expectText(page.getByTestId('home-memberships'), /西湖区人民调解委员会/, 'mediator membership');
      await expectNoHorizontalOverflow(page, 'mediator home');
      await shot(page, '5-home-mediator-zh.png');

      await page.goto('/dev/sms');
      await expectText(page.getByTestId('dev-sms-heading'), '开发环境短信收件箱', 'dev SMS inbox heading');
      await page.getByTestId('dev-sms-item').first().waitFor();
      await expectNoHorizontalOverflow(page, 'dev SMS inbox');
      await shot(page, '5-dev-sms-zh.png');
    },
  },
];

const only = process.env.E2E_ONLY;
const selected = only ? journeys.filter((j) => j.name.includes(only)) : journeys;

async function main() {
  fs.mkdirSync(screenshotDir, { recursive: true });

  const server = process.env.E2E_BASE_URL ? await useRunningServer(process.env.E2E_BASE_URL) : await startServer();
  console.log(`e2e: server at ${server.baseUrl}`);

  // chromium.launch gives every run a fresh temporary profile (user-data-dir) and removes it afterwards.
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
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
      const started = Date.now();
      try {
        await journey.run({ page, baseUrl: server.baseUrl, browser });
        if (pageErrors.length) throw new Error(`errors in the page:\n  ${pageErrors.join('\n  ')}`);
        passed++;
        console.log(`  ✓ ${journey.name} (${Date.now() - started} ms)`);
      } catch (error) {
        failed++;
        console.log(`  ✗ ${journey.name}\n    ${String(error instanceof Error ? error.stack || error.message : error).replace(/\n/g, '\n    ')}`);
        if (pageErrors.length) console.log(`    page errors:\n      ${pageErrors.join('\n      ')}`);
        await page
          .screenshot({ path: path.join(screenshotDir, `${index + 1}-FAILED.png`), fullPage: true })
          .catch(() => {});
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

main().catch((error) => {
  console.error(error);
  console.log(`0 passed, ${selected.length} failed`);
  process.exit(1);
});
