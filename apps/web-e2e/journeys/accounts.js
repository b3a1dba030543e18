#!/usr/bin/env node
// @ts-check
/**
 * Accounts: logging in by SMS code and by password, registering, recording a real name, and
 * the staff sections of the home page (an admin disabling a user).
 *
 * Used by run.js (`...require('./journeys/accounts').journeys`).
 */
'use strict';

const { DEMO_PASSWORD, CITIZEN_MOBILE, codeFromDevInbox, shot, expectNoHorizontalOverflow, expectText, logInWithPassword, logOut, newPhoneContext, until } = require('../lib');

/** @type {import('../lib').Journey[]} */
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
      // Issue #11: the login on the English page made English the account's SMS and email language.
      const me = await (await page.request.get('/api/me')).json();
      if (me.locale !== 'en') throw new Error(`the account's language after an English login is ${me.locale}`);
      // Switching back while logged in saves Chinese to the account (the later journeys expect it).
      await page.getByTestId('language-switch').click();
      await expectText(page.getByTestId('home-section-citizen-title'), '我的案件', 'citizen home section in Chinese');
      await until(async () => ((await (await page.request.get('/api/me')).json()).locale === 'zh-CN' ? true : null), 'Chinese saved to the account', 5000);
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
      const shown = await page.evaluate(() => [document.body.innerText, ...Array.from(document.querySelectorAll('input'), (input) => input.value)].join('\n'));
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

module.exports = { journeys };
