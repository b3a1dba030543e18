#!/usr/bin/env node
// @ts-check
/**
 * Issue #11, "Language and words": API errors in the user's language, and a logout on purpose
 * is not "登录已失效".
 *
 * Used by run.js (`...require('./journeys/words').journeys`).
 */
'use strict';

const { sleep, codeFromDevInbox, shot, expectText, logOut } = require('../lib');

/** @type {import('../lib').Journey[]} */
const journeys = [
  {
    // Issue #11, "Language and words": the API's errors are said in the user's language (the
    // server's English "The code is wrong" showed in the Chinese UI), and a logout on purpose is
    // not "登录已失效".
    name: 'words: a mistyped SMS code in both languages, and a logout says nothing of an expired session',
    async run({ page }) {
      const mobile = '13900000003'; // 赵调解: no other journey asks a login code for this number
      await page.goto('/login');
      await page.getByTestId('login-tab-sms').click();
      await page.getByTestId('otp-mobile').fill(mobile);
      await page.getByTestId('otp-send').click();
      await expectText(page.getByTestId('otp-send'), /\d+/, 'send-code countdown'); // the code was asked for
      const code = await codeFromDevInbox(page, mobile);
      const wrong = code === '000000' ? '111111' : '000000';
      const codeError = page.locator('.ant-form-item-explain-error').first();
      await page.getByTestId('otp-code').fill(wrong);
      await page.getByTestId('otp-submit').click();
      await expectText(codeError, '验证码不正确', 'a mistyped code, in Chinese');
      if ((await page.getByText('The code is wrong').count()) > 0) throw new Error('the server’s English message shows in the Chinese UI');
      await shot(page, 'words-otp-wrong-zh.png');

      await page.getByTestId('language-switch').click();
      await page.getByTestId('otp-code').fill(wrong === '000000' ? '222222' : '333333');
      await page.getByTestId('otp-submit').click();
      await expectText(codeError, 'The code is not correct', 'a mistyped code, in English');
      await page.getByTestId('language-switch').click(); // back to Chinese for the rest

      await page.getByTestId('otp-code').fill(code);
      await page.getByTestId('otp-submit').click();
      await page.getByTestId('user-menu').waitFor();
      await sleep(1000); // the session socket connects: it is what tells of an ended session
      await logOut(page);
      await sleep(1500); // the server's session:ended for this logout reaches the socket
      if (await page.getByTestId('session-ended').isVisible()) throw new Error('a logout on purpose says "登录已失效"');
      await page.reload();
      await page.getByTestId('login-heading').waitFor();
      if (await page.getByTestId('session-ended').isVisible()) throw new Error('after a logout, the login page says the session expired');
      await shot(page, 'words-logout-zh.png');
    },
  },
];

module.exports = { journeys };
