#!/usr/bin/env node
// @ts-check
/**
 * Browser journeys of stage notifications (issue #4): an in-app notice arriving live in the
 * header bell when the dispatcher assigns a mediator, the notices on the case page with a
 * link-open receipt (`?n=`), the notification settings with a field error from the API, and
 * the organisation admin's failed notices with the retry button.
 *
 * Used by run.js (`...require('./journeys/notifications').journeys`). Cases are put into the
 * right state through the API first (as apps/api/test/cases.spec.ts does), so these journeys
 * do not depend on run.js's filing journeys. The failed-notice journey starts a second server
 * of its own, configured (SMTP_URL) for an SMTP server inside this process that refuses mail
 * until told otherwise: a real failure through the product's own email channel.
 */
'use strict';

const { SMTPServer } = require('smtp-server');
const { apiAs, DEMO_PASSWORD, expectNoHorizontalOverflow, expectText, idCardPng, logInWithPassword, newPhoneContext, residentId, shot, startServer, until, watch } = require('../lib');

const WHO = {
  applicant: { mobile: '13800000001', name: '张三' },
  respondent: { mobile: '13800000002', name: '李四' },
  mediator: { mobile: '13900000001', name: '王调解' },
  dispatcher: { mobile: '13900000002', name: '陈主任' },
  gridWorker: { mobile: '13500000001', name: '孙网格员' },
};

/**
 * A new private-loan case of 张三 against 李四, submitted (and accepted by the dispatcher
 * unless `accept` is false), as apps/api/test/cases.spec.ts does it.
 * @param {string} baseUrl
 * @param {{ accept?: boolean }} [options]
 * @returns {Promise<{ id: string, number: string, version: number, state: string }>}
 */
async function filedCase(baseUrl, options = {}) {
  const applicant = await apiAs(baseUrl, WHO.applicant.mobile);
  const draft = await applicant.call('POST', '/api/cases', {
    disputeType: 'private_loan',
    facts: '2025年8月李四向我借款一万元，约定三个月后归还，至今未还，多次催讨无果。',
    claims: { amount: '10000' },
    region: '330106',
    applicant: { name: WHO.applicant.name, mobile: WHO.applicant.mobile, idNumber: residentId('33010619880415123') },
    respondents: [{ name: WHO.respondent.name, mobile: WHO.respondent.mobile }],
  });
  const form = new FormData();
  form.append('kind', 'id_card');
  form.append('file', new Blob([idCardPng()], { type: 'image/png' }), 'id.png');
  await applicant.call('POST', `/api/cases/${draft.id}/documents`, form);
  let c = await applicant.call('POST', `/api/cases/${draft.id}/submit`, { version: draft.version, consent: true, noticeSeen: true });
  if (options.accept !== false) {
    const dispatcher = await apiAs(baseUrl, WHO.dispatcher.mobile);
    c = await dispatcher.call('POST', `/api/cases/${c.id}/accept`, { version: c.version });
  }
  return c;
}

/**
 * The number on the bell, 0 when it shows none.
 * @param {import('playwright-core').Page} page
 */
async function bellCount(page) {
  const count = page.getByTestId('bell-count');
  return (await count.count()) ? Number((await count.innerText()).trim()) : 0;
}

/** @typedef {{ page: import('playwright-core').Page, baseUrl: string, browser: import('playwright-core').Browser, phone: (who: string) => Promise<import('playwright-core').Page> }} JourneyContext */

/** @type {{ name: string, run: (ctx: JourneyContext) => Promise<void> }[]} */
const journeys = [
  {
    name: 'notifications: an in-app notice arrives live when the dispatcher assigns a mediator, and the case shows what was sent',
    async run({ page, phone, baseUrl }) {
      const c = await filedCase(baseUrl);

      // 王调解 is logged in on his phone, on his home page.
      const mediatorPage = await phone('mediator');
      await logInWithPassword(mediatorPage, WHO.mediator.mobile, WHO.mediator.name);
      await mediatorPage.getByTestId('bell').waitFor();
      const before = (await (await mediatorPage.request.get('/api/notifications')).json()).unread;
      await until(async () => (await bellCount(mediatorPage)) === before, `the bell shows ${before} unread before the assignment`);
      await mediatorPage.evaluate(() => Object.assign(window, { __sameDocument: true }));

      // The dispatcher assigns him the case on another phone.
      await logInWithPassword(page, WHO.dispatcher.mobile, WHO.dispatcher.name);
      await page.goto(`/cases/${c.id}`);
      await expectText(page.getByTestId('case-heading'), `案件 ${c.number}`, 'case heading of the dispatcher');
      await page.getByTestId('case-assign').click();
      await page.locator(`[data-testid="proposal"][data-name="${WHO.mediator.name}"]`).getByTestId('proposal-assign').click();
      await expectText(page.getByTestId('case-feedback'), `已指派${WHO.mediator.name}`, 'assigned');

      // The mediator's bell counts it, live: no reload, no navigation.
      // At least one more: other journeys of the run may notify him at the same time.
      await until(async () => (await bellCount(mediatorPage)) > before, `the bell rises above ${before} without a reload`);
      if (!(await mediatorPage.evaluate(() => /** @type {any} */ (window).__sameDocument === true))) throw new Error('the mediator page was reloaded');
      const shown = await bellCount(mediatorPage);
      const label = await mediatorPage.getByTestId('bell').getAttribute('aria-label');
      if (label !== `消息，${shown} 条未读`) throw new Error(`bell label: ${label}`);
      await mediatorPage.getByTestId('bell').click();
      const notice = mediatorPage.getByTestId('bell-item').first();
      await expectText(notice, new RegExp(`您被指派调解案件${c.number}，请在3个工作日内接受或拒绝`), 'the new notice, first in the bell');
      if ((await notice.getAttribute('data-read')) !== 'false') throw new Error('the new notice is not unread');
      await expectNoHorizontalOverflow(mediatorPage, 'bell panel');
      await shot(mediatorPage, 'n1-bell-live-zh.png');

      // Opening it marks it read and goes to the case, whose notices include it.
      await notice.click();
      await expectText(mediatorPage.getByTestId('case-heading'), `案件 ${c.number}`, 'case page from the notice');
      await until(async () => (await bellCount(mediatorPage)) === shown - 1, 'the bell counts one fewer after opening the notice');
      const assigned = mediatorPage.locator('[data-testid="delivery-group"][data-template="mediator_assigned"]');
      await expectText(assigned.locator('.timeline-text'), '指派调解员', 'the assignment among the notices sent');
      await assigned.locator('[data-testid="delivery"][data-channel="in_app"]').first().waitFor();
      await expectNoHorizontalOverflow(mediatorPage, 'case page with notices');
      await shot(mediatorPage, 'n1-case-deliveries-mediator-zh.png');
    },
  },
  {
    name: 'notifications: a link from an SMS (?n=) records that it was opened, through the login, and the applicant sees it on the case',
    async run({ page, baseUrl }) {
      const c = await filedCase(baseUrl);
      const applicant = await apiAs(baseUrl, WHO.applicant.mobile);
      /** @type {{ id: string, channel: string, template: string, readAt: string | null }} */
      const sms = await until(async () => {
        /** @type {Array<{ id: string, channel: string, template: string, readAt: string | null }>} */
        const rows = await applicant.call('GET', `/api/cases/${c.id}/deliveries`);
        return rows.find((row) => row.template === 'application_accepted' && row.channel === 'sms');
      }, 'the SMS telling the applicant the application was accepted');
      if (sms.readAt) throw new Error('the SMS was read before anyone opened its link');

      // Not logged in on this phone: the link leads to the login, without the receipt parameter.
      await page.goto(`/cases/${c.id}?n=${sms.id}`);
      await page.getByTestId('login-heading').waitFor();
      const atLogin = new URL(page.url());
      if (atLogin.searchParams.get('next') !== `/cases/${c.id}`) throw new Error(`expected to come back to the case without ?n=, at ${page.url()}`);
      await page.getByTestId('login-mobile').fill(WHO.applicant.mobile);
      await page.getByTestId('login-password').fill(DEMO_PASSWORD);
      await page.getByTestId('login-submit').click();
      await expectText(page.getByTestId('case-heading'), `案件 ${c.number}`, 'the case after logging in');
      if (new URL(page.url()).search.includes('n=')) throw new Error(`?n= is still in the address: ${page.url()}`);

      await until(async () => {
        /** @type {Array<{ id: string, readAt: string | null }>} */
        const rows = await applicant.call('GET', `/api/cases/${c.id}/deliveries`);
        return rows.find((row) => row.id === sms.id)?.readAt;
      }, 'the receipt of the opened link');
      await page.reload();
      const accepted = page.locator('[data-testid="delivery-group"][data-template="application_accepted"]');
      await expectText(accepted.getByTestId('delivery-text'), new RegExp(`申请${c.number}已受理`), 'the text the applicant was sent');
      const smsLine = accepted.locator('[data-testid="delivery"][data-channel="sms"]');
      await expectText(smsLine, /已打开链接/, 'the SMS line says its link was opened');
      if ((await smsLine.getAttribute('data-read')) !== 'true') throw new Error('the SMS line is not marked read');
      await accepted.locator('[data-testid="delivery"][data-channel="in_app"]').waitFor();
      await page.getByTestId('case-deliveries').scrollIntoViewIfNeeded();
      await expectNoHorizontalOverflow(page, 'case page with notices (applicant)');
      await shot(page, 'n2-case-deliveries-applicant-zh.png');
    },
  },
  {
    name: 'notifications: settings are saved from the user menu, a bad time is shown under its field, in both languages',
    async run({ page }) {
      await logInWithPassword(page, WHO.gridWorker.mobile, WHO.gridWorker.name);
      await page.getByTestId('user-menu').click();
      await page.getByTestId('menu-notification-settings').click();
      await expectText(page.getByTestId('prefs-heading'), '通知设置', 'settings heading');
      const initial = await (await page.request.get('/api/me/notification-preferences')).json();
      if (initial.quietHours !== null) throw new Error(`expected no quiet hours at first: ${JSON.stringify(initial)}`);
      const sms = page.getByTestId('prefs-sms');
      if ((await sms.getAttribute('aria-checked')) !== 'true') throw new Error('SMS should start switched on');

      await page.getByTestId('prefs-quiet').click();
      await page.getByTestId('prefs-quiet-start').fill('25:00');
      await page.getByTestId('prefs-quiet-end').fill('08:00');
      await page.getByTestId('prefs-save').click();
      const startItem = page.locator('.ant-form-item').filter({ has: page.getByTestId('prefs-quiet-start') });
      await expectText(startItem.locator('.ant-form-item-explain-error'), '免打扰开始时间的格式不正确', 'the API field error under its field');
      if (await page.getByTestId('prefs-saved').count()) throw new Error('a refused save says saved');
      await expectNoHorizontalOverflow(page, 'settings with a field error');
      await shot(page, 'n3-settings-error-zh.png');

      await page.getByTestId('prefs-quiet-start').fill('22：30'); // a Chinese keyboard's colon
      await page.getByTestId('prefs-save').click();
      await expectText(page.getByTestId('prefs-saved'), '通知设置已保存', 'saved');
      const saved = await (await page.request.get('/api/me/notification-preferences')).json();
      if (JSON.stringify(saved) !== JSON.stringify({ ...initial, quietHours: { start: '22:30', end: '08:00' } })) {
        throw new Error(`unexpected preferences after saving: ${JSON.stringify(saved)}`);
      }

      await page.reload();
      if ((await page.getByTestId('prefs-quiet-start').inputValue()) !== '22:30') throw new Error('quiet hours not shown after a reload');
      await page.getByTestId('language-switch').click();
      await expectText(page.getByTestId('prefs-heading'), 'Notification settings', 'English heading');
      await expectNoHorizontalOverflow(page, 'settings (en)');
      await shot(page, 'n3-settings-en.png');

      // Back as it was (the seeded account's SMS must not be held by other journeys' notices).
      await page.getByTestId('prefs-quiet').click();
      await page.getByTestId('prefs-save').click();
      await expectText(page.getByTestId('prefs-saved'), 'Notification settings saved', 'saved (en)');
      const restored = await (await page.request.get('/api/me/notification-preferences')).json();
      if (JSON.stringify(restored) !== JSON.stringify(initial)) throw new Error(`not restored: ${JSON.stringify(restored)}`);
      await page.getByTestId('language-switch').click();
      await expectText(page.getByTestId('prefs-heading'), '通知设置', 'back in Chinese');
    },
  },
  {
    name: "notifications: the organisation admin's failed list is reached from home and says when nothing failed",
    async run({ page }) {
      await logInWithPassword(page, WHO.dispatcher.mobile, WHO.dispatcher.name);
      const row = page.getByTestId('home-org-notices-row').first();
      await expectText(row.getByTestId('home-org-notices-count'), '没有需处理的通知', 'no failures on the shared server (dev SMS, no SMTP)');
      await row.getByTestId('home-org-notices-link').click();
      await expectText(page.getByTestId('org-notices-heading'), '需处理的通知', 'failed list heading');
      await expectText(page.getByTestId('org-notices-empty'), '没有需处理的通知。', 'empty state');
      await page.getByTestId('org-notices-status').selectOption('sent');
      await expectText(page.getByTestId('org-notices-heading'), '通知：已送达', 'the sent ones');
      await page.getByTestId('org-notice').first().waitFor();
      await expectNoHorizontalOverflow(page, 'organisation notices');
    },
  },
  {
    name: 'notifications: an email the SMTP server refuses shows as failed to the organisation admin, and the retry sends it (own server)',
    async run({ browser }) {
      // An SMTP server that refuses every recipient with 550 (permanent: no retries) until told otherwise.
      let refuse = true;
      /** @type {{ to: string[], raw: string }[]} */
      const mails = [];
      const smtp = new SMTPServer({
        authOptional: true,
        disabledCommands: ['STARTTLS'],
        logger: false,
        onRcptTo(address, _session, callback) {
          if (!refuse) return callback();
          const error = /** @type {Error & { responseCode?: number }} */ (new Error(`Mailbox ${address.address} unavailable`));
          error.responseCode = 550;
          return callback(error);
        },
        onData(stream, session, callback) {
          /** @type {Buffer[]} */
          const chunks = [];
          stream.on('data', (chunk) => chunks.push(chunk));
          stream.on('end', () => {
            mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
            callback();
          });
        },
      });
      const port = await new Promise((resolve) => smtp.listen(0, '127.0.0.1', () => resolve(/** @type {import('node:net').AddressInfo} */ (smtp.server.address()).port)));
      const saved = process.env.SMTP_URL;
      process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
      /** @type {Awaited<ReturnType<typeof startServer>> | null} */
      let server = null;
      /** @type {import('playwright-core').BrowserContext | null} */
      let context = null;
      try {
        server = await startServer({ isolated: true });
        const baseUrl = server.baseUrl;
        const applicant = await apiAs(baseUrl, WHO.applicant.mobile);
        await applicant.call('PATCH', '/api/me', { email: 'zhangsan@example.cn' });
        await applicant.call('PUT', '/api/me/notification-preferences', { sms: true, email: true, quietHours: null });
        const c = await filedCase(baseUrl, { accept: false });

        const dispatcher = await apiAs(baseUrl, WHO.dispatcher.mobile);
        const organisationId = /** @type {{ id: string, kind: string, role: string }[]} */ (dispatcher.user.memberships).find((m) => m.kind === 'organisation' && m.role === 'org_admin')?.id;
        /** @type {{ id: string, template: string, channel: string, lastError: string }} */
        const failed = await until(async () => {
          /** @type {Array<{ id: string, caseId: string, template: string, channel: string, lastError: string }>} */
          const rows = await dispatcher.call('GET', `/api/organisations/${organisationId}/notifications?status=failed`);
          return rows.find((row) => row.caseId === c.id && row.channel === 'email');
        }, 'the refused email in the failed list');

        context = await newPhoneContext(browser, baseUrl);
        const errors = /** @type {string[]} */ ([]);
        const page = watch(await context.newPage(), errors, 'dispatcher (own server)');
        await logInWithPassword(page, WHO.dispatcher.mobile, WHO.dispatcher.name);
        const row = page.locator(`[data-testid="home-org-notices-row"][data-organisation="${organisationId}"]`);
        await expectText(row.getByTestId('home-org-notices-count'), /\d+ 条需处理/, 'failures counted on the home page');
        await row.getByTestId('home-org-notices-link').click();
        const item = page.locator(`[data-testid="org-notice"][data-id="${failed.id}"]`);
        await expectText(item.locator('strong'), '申请已提交', 'the failed notice');
        await expectText(item.getByTestId('delivery-status'), '发送失败', 'its status');
        await expectText(item, /z\*\*\*@example\.cn/, 'the masked address');
        await expectText(item, /550/, "the SMTP server's refusal");
        await expectNoHorizontalOverflow(page, 'failed notices');
        await shot(page, 'n5-failed-notices-zh.png');

        refuse = false;
        await item.getByTestId('org-notice-retry').click();
        await expectText(page.locator('.ant-message'), /已重新加入发送队列/, 'retried');
        await item.waitFor({ state: 'detached' });
        await until(async () => mails.some((mail) => mail.to.includes('zhangsan@example.cn') && mail.raw.includes(c.number)), 'the email delivered after the retry');
        await page.getByTestId('org-notices-status').selectOption('sent');
        await expectText(page.locator(`[data-testid="org-notice"][data-id="${failed.id}"]`).getByTestId('delivery-status'), '已送达', 'the retried notice among the sent');
        // Retrying one that is no longer failed is refused.
        const again = await page.request.post(`/api/notifications/${failed.id}/retry`, { data: {} });
        if (again.status() !== 409) throw new Error(`retrying a sent notice answered ${again.status()}`);
        if (errors.length) throw new Error(`errors in the page:\n  ${errors.join('\n  ')}`);
      } finally {
        if (saved === undefined) delete process.env.SMTP_URL;
        else process.env.SMTP_URL = saved;
        await context?.close().catch(() => undefined);
        await server?.stop();
        await new Promise((resolve) => smtp.close(() => resolve(undefined)));
      }
    },
  },
];

module.exports = { journeys };
