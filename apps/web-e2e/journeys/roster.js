#!/usr/bin/env node
// @ts-check
/**
 * Browser journeys of issue #13 (roster R05, R39; satisfaction): (a) the organisation's admin
 * invites a new mediator by mobile on the roster page at laptop width; the mediator logs in on a
 * phone with the SMS code from the development outbox and takes the case the admin assigned;
 * (b) a party rates a closed case on its phone, once; the rating shows in the mediator's
 * aggregate and, with its comment, in the admin's ratings. Used by run.js.
 */
'use strict';

const { apiAs, codeFromDevInbox, expectNoHorizontalOverflow, expectText, idCardPng, logInWithPassword, shot, smsMatching, until } = require('../lib');
const { mediatingCase } = require('./mediation');

const LAPTOP = { width: 1366, height: 860 };
const NEW_MEDIATOR = { mobile: '13922223333', name: '周新调' };
const COMMENT = '调解员耐心细致，讲清了法律规定。';

/** An application the people's committee accepted (no mediator yet), through the API. */
async function acceptedCase(/** @type {string} */ baseUrl) {
  const applicant = await apiAs(baseUrl, '13800000001');
  const dispatcher = await apiAs(baseUrl, '13900000002');
  const draft = await applicant.call('POST', '/api/cases', {
    disputeType: 'private_loan',
    facts: '2025年8月邻居借款五千元，约定三个月归还，至今未还。',
    claims: { amount: '5000' },
    region: '330106',
    applicant: { name: '张三', mobile: '13800000001', idNumber: '11010519491231002X' },
    respondents: [{ name: '李四', mobile: '13800000002' }],
  });
  const form = new FormData();
  form.append('kind', 'id_card');
  form.append('file', new Blob([idCardPng()], { type: 'image/png' }), 'id.png');
  await applicant.call('POST', `/api/cases/${draft.id}/documents`, form);
  const c = await applicant.call('POST', `/api/cases/${draft.id}/submit`, { version: draft.version, consent: true, noticeSeen: true });
  return { dispatcher, c: await dispatcher.call('POST', `/api/cases/${c.id}/accept`, { version: c.version }) };
}

const journeys = [
  {
    name: 'roster (issue #13, R39): the org admin invites a mediator by mobile; the mediator logs in by SMS code and takes a case',
    /** @param {import('../lib').JourneyContext} ctx */
    async run({ page, baseUrl, browser }) {
      const laptop = await browser.newContext({ baseURL: baseUrl, viewport: LAPTOP, locale: 'zh-CN' });
      /** @type {string} */
      let mediatorId;
      try {
        const admin = await laptop.newPage();
        admin.setDefaultTimeout(15_000);
        await logInWithPassword(admin, '13900000002', '陈主任');
        await admin.getByTestId('user-menu').click();
        await admin.getByTestId('menu-roster').click();
        await admin.locator('[data-testid="roster-row"]').first().waitFor();
        // The form checks the number before the server does.
        await admin.getByTestId('roster-invite-mobile').fill('1392222');
        await admin.getByTestId('roster-invite-name').fill(NEW_MEDIATOR.name);
        await admin.getByTestId('roster-invite-submit').click();
        await expectText(admin.getByTestId('roster-invite').locator('.ant-form-item-explain-error').first(), '请输入11位中国大陆手机号', 'mobile validated');
        await admin.getByTestId('roster-invite-mobile').fill(NEW_MEDIATOR.mobile);
        await admin.getByTestId('roster-invite-submit').click();
        await expectText(admin.getByTestId('roster-invite-done'), /已邀请周新调/, 'invited');
        const row = admin.locator(`[data-testid="roster-row"][data-mobile="${NEW_MEDIATOR.mobile}"]`);
        await expectText(row.getByTestId('roster-status'), '在册', 'the new mediator is on the roster');
        mediatorId = (await row.getAttribute('data-id')) ?? '';
        // A certificate about to expire shows a tag in the drawer.
        await row.getByTestId('roster-edit').click();
        const drawer = admin.getByTestId('mediator-drawer');
        await drawer.getByTestId('credential-title').fill('人民调解员资格证');
        const date = async (/** @type {string} */ id, /** @type {string} */ value) => {
          const input = drawer.locator(`[data-testid="${id}"] input, input[data-testid="${id}"]`).first();
          await input.click();
          await input.fill(value);
          await input.press('Enter');
        };
        await date('credential-expires', new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10));
        await date('credential-issued', '2024-01-01');
        await drawer.getByTestId('credential-add').click();
        await drawer
          .locator('[data-testid="credential-row"] [data-testid="credential-expiry"][data-expiry="expiring"]')
          .waitFor()
          .catch(async (e) => {
            throw new Error(`${e}\n${(await drawer.innerText()).slice(0, 3000)}`);
          });
        await expectNoHorizontalOverflow(admin, 'roster drawer (laptop)');
        await shot(admin, 'roster-1-drawer-laptop.png');
        await admin.keyboard.press('Escape');
        await expectNoHorizontalOverflow(admin, 'roster page (laptop)');
        await shot(admin, 'roster-2-list-laptop.png');
      } finally {
        await laptop.close();
      }

      // The invitation SMS, then the admin assigns the new mediator a case (API).
      await smsMatching(page, NEW_MEDIATOR.mobile, (b) => b.includes('调解员') && b.includes('/login'), 'roster invitation');
      const { dispatcher, c } = await acceptedCase(baseUrl);
      await dispatcher.call('POST', `/api/cases/${c.id}/assignments`, { version: c.version, mediatorId });

      // The new mediator on a phone: logs in by SMS code, opens the case, accepts it.
      await page.goto('/login');
      await page.getByTestId('login-tab-sms').click();
      await page.getByTestId('otp-mobile').fill(NEW_MEDIATOR.mobile);
      await page.getByTestId('otp-send').click();
      const code = await codeFromDevInbox(page, NEW_MEDIATOR.mobile);
      await page.getByTestId('otp-code').fill(code);
      await page.getByTestId('otp-submit').click();
      await expectText(page.getByTestId('home-heading'), /周新调/, 'the new mediator is logged in');
      await page.goto(`/cases/${c.id}`);
      await page.getByTestId('assignment-accept').click();
      await page.locator(`[data-testid="assignment"][data-name="${NEW_MEDIATOR.name}"][data-status="accepted"]`).waitFor();
      await expectNoHorizontalOverflow(page, 'the new mediator’s case (phone)');
      await shot(page, 'roster-3-mediator-takes-case-phone.png');
    },
  },
  {
    name: 'satisfaction (issue #13): a party rates a closed case once; the mediator sees the aggregate, the admin the comment',
    /** @param {import('../lib').JourneyContext} ctx */
    async run({ page, baseUrl, browser, phone }) {
      const c = await mediatingCase(baseUrl);
      const mediator = await apiAs(baseUrl, '13900000004');
      let v = await mediator.call('GET', `/api/cases/${c.id}`);
      v = await mediator.call('POST', `/api/cases/${c.id}/ending/terminate`, { version: v.version, reasonCode: 'positions_too_far', situation: '双方对还款金额分歧较大，无法达成一致。' });
      v = await mediator.call('GET', `/api/cases/${c.id}`);
      await mediator.call('POST', `/api/cases/${c.id}/close`, { version: v.version });
      // The rating invitation: SMS with a link, no content (R19).
      const sms = await smsMatching(page, '13800000001', (b) => b.includes(`/cases/${c.id}?rate=1`), 'rating invitation');
      if (/借款|分歧/.test(sms)) throw new Error(`the rating SMS carries case content: ${sms}`);

      await logInWithPassword(page, '13800000001', '张三');
      await page.goto(`/cases/${c.id}?rate=1`);
      await page.locator('[data-testid="case-page"][data-state="CLOSED"]').waitFor();
      const prompt = page.getByTestId('rating-prompt');
      await prompt.locator('.ant-rate-star').nth(3).click();
      await prompt.getByTestId('rating-comment').fill(COMMENT);
      await expectNoHorizontalOverflow(page, 'rating prompt (phone)');
      await shot(page, 'rating-1-prompt-phone.png');
      await prompt.getByTestId('rating-submit').click();
      await expectText(page.getByTestId('rating-done'), /感谢您的评价/, 'thank you');
      await page.reload();
      await expectText(page.getByTestId('rating-done'), /您的评分：4/, 'rated once: no prompt again');

      // The mediator: the aggregate only (one rating: no comment shown).
      const m = await phone('mediator');
      await logInWithPassword(m, '13900000004', '钱调解');
      await m.getByTestId('user-menu').click();
      await m.getByTestId('menu-my-ratings').click();
      await until(async () => Number(await m.getByTestId('my-ratings-count').getAttribute('data-count')) >= 1, 'the rating in the mediator’s count');
      if ((await m.getByTestId('my-ratings-page').innerText()).includes(COMMENT)) throw new Error('the mediator sees a single comment (it would identify the party)');
      await shot(m, 'rating-2-mediator-aggregate-phone.png');

      // The admin: the ratings tab shows the comment.
      const laptop = await browser.newContext({ baseURL: baseUrl, viewport: LAPTOP, locale: 'zh-CN' });
      try {
        const admin = await laptop.newPage();
        admin.setDefaultTimeout(15_000);
        await logInWithPassword(admin, '13900000002', '陈主任');
        await admin.goto('/org/roster');
        await admin.getByTestId('roster-tab-ratings').click();
        await expectText(admin.locator('[data-testid="org-rating-row"][data-score="4"]').first(), new RegExp(COMMENT), 'the comment in the admin’s ratings');
        await shot(admin, 'rating-3-admin-laptop.png');
      } finally {
        await laptop.close();
      }
    },
  },
];

module.exports = { journeys };
