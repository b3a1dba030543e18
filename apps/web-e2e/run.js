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
 *
 * Prints one line per journey and finally `N passed, M failed`; exits non-zero on any failure.
 */
'use strict';


const { repoRoot, serverEntry, webDist, screenshotDir, PHONE, DEMO_PASSWORD, CITIZEN_MOBILE, freePort, sleep, startServer, useRunningServer, codeFromDevInbox, shot, expectNoHorizontalOverflow, expectText, logInWithPassword, logOut, newPhoneContext, crc32, pngChunk, idCardPng, residentId, smsMatching, watch, tick, until } = require('./lib');
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const { chromium } = require('playwright-core');

/** The case that the journeys from consultation to mediation take one step each. */
const flow = { caseId: '', caseNumber: '', inviteToken: '' };
function needCase() {
  if (!flow.caseId) throw new Error('needs the case the citizen files in the first of these journeys');
}

/** @typedef {{ page: import('playwright-core').Page, baseUrl: string, browser: import('playwright-core').Browser, phone: (who: string) => Promise<import('playwright-core').Page> }} JourneyContext */

/** @type {{ name: string, run: (ctx: JourneyContext) => Promise<void> }[]} */
// Separate sessions (背对背): three contexts and a video call with fake media devices.
const mediation = require('./journeys/mediation');

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
  {
    name: 'a citizen checks a private loan, files it in Chinese with an ID card image, and sees its number and progress',
    async run({ page }) {
      await page.goto('/');
      await page.getByTestId('landing-consult').click();
      await expectText(page.getByTestId('consult-heading'), '纠纷自助评估', 'consultation heading');
      await expectNoHorizontalOverflow(page, 'consultation types');
      await shot(page, '6-consult-types-zh.png');
      await page.getByTestId('consult-type-private_loan').click();
      const answer = (/** @type {string} */ id, /** @type {string} */ label) =>
        page.getByTestId(`q-${id}`).getByText(label, { exact: true }).click();
      await answer('has_iou', '是');
      await answer('interest_agreed', '是');
      await page.getByTestId('q-annual_rate_percent-input').fill('24');
      await answer('other_party_known', '是');
      await answer('already_in_court', '否');
      await answer('violence_or_threat', '否');
      await page.getByTestId('consult-evaluate').click();
      const { lprPercent, lprMultiple } = await (await page.request.get('/api/consultation')).json();
      const cap = ((Math.round(Number(lprPercent) * 100) * lprMultiple) / 100).toFixed(2);
      await expectText(page.getByTestId('consult-interest'), new RegExp(`24\\.00% 超过了法律保护的上限 ${cap.replace('.', '\\.')}%`), 'interest above the cap');
      await expectText(page.getByTestId('consult-suitability'), /适合在线调解/, 'suitability');
      await expectNoHorizontalOverflow(page, 'consultation result');
      await shot(page, '6-consult-result-zh.png');

      // Filing needs a login: the evaluation waits in sessionStorage meanwhile.
      await page.getByTestId('consult-file').click();
      await page.getByTestId('login-heading').waitFor();
      await page.getByTestId('login-mobile').fill(CITIZEN_MOBILE);
      await page.getByTestId('login-password').fill(DEMO_PASSWORD);
      await page.getByTestId('login-submit').click();
      await expectText(page.getByTestId('filing-heading'), '申请调解', 'filing heading');
      await expectText(page.getByTestId('filing-from-consultation'), /已带入自助评估结果：民间借贷纠纷/, 'carried from the consultation');
      await expectText(page.getByTestId('filing-from-consultation'), /超过法律保护上限/, 'interest warning carried over');
      if ((await page.getByTestId('filing-dispute-type').inputValue()) !== 'private_loan') throw new Error('the dispute type was not carried over');
      await page.getByTestId('filing-facts').fill('2025年3月，李四向我借款五万元，约定年利率24%，一年后归还本息。到期后我多次催要，李四一直没有还款。');
      await expectNoHorizontalOverflow(page, 'filing step 1');
      await shot(page, '6-filing-1-dispute-zh.png');
      await page.getByTestId('filing-next').click();

      await expectText(page.getByTestId('filing-step-title'), '请求与地点', 'step 2');
      await page.getByTestId('filing-amount').fill('50000');
      await page.getByTestId('filing-other-requests').fill('按法律保护的上限支付利息');
      await page.getByTestId('filing-region').selectOption('330106');
      await page.getByTestId('filing-next').click();

      await expectText(page.getByTestId('filing-step-title'), '当事人', 'step 3');
      if ((await page.getByTestId('applicant-name').inputValue()) !== '张三') throw new Error("the citizen's own name is not prefilled");
      if ((await page.getByTestId('applicant-mobile').inputValue()) !== CITIZEN_MOBILE) throw new Error("the citizen's mobile is not prefilled");
      await page.getByTestId('applicant-id-number').fill(residentId('33010619900307123'));
      await page.getByTestId('respondent-name').fill('李四');
      await page.getByTestId('respondent-mobile').fill('13800000002');
      await page.getByTestId('respondent-address').fill('杭州市西湖区文三路 100 号');
      await expectNoHorizontalOverflow(page, 'filing step 3');
      await shot(page, '6-filing-3-parties-zh.png');
      await page.getByTestId('filing-next').click();

      await expectText(page.getByTestId('filing-step-title'), '调解组织与调解员', 'step 4');
      await page.getByTestId('organisation-option').first().waitFor();
      await page.getByTestId('mediator-option').first().waitFor();
      await expectNoHorizontalOverflow(page, 'filing step 4');
      await shot(page, '6-filing-4-mediator-zh.png');
      await page.getByTestId('filing-next').click();

      await expectText(page.getByTestId('filing-step-title'), '上传材料', 'step 5');
      await page.getByTestId('upload-id-card-input').setInputFiles({ name: 'id-card.png', mimeType: 'image/png', buffer: idCardPng() });
      await expectText(page.getByTestId('upload-id-card-file'), /id-card\.png/, 'uploaded ID card');
      await expectNoHorizontalOverflow(page, 'filing step 5');
      await shot(page, '6-filing-5-materials-zh.png');
      await page.getByTestId('filing-next').click();

      await expectText(page.getByTestId('filing-step-title'), '确认并提交', 'step 6');
      await expectText(page.getByTestId('notice-of-rights'), /司法确认/, 'notice of rights and duties');
      await tick(page.getByTestId('filing-notice-seen'));
      await tick(page.getByTestId('filing-consent'));
      await expectNoHorizontalOverflow(page, 'filing step 6');
      await shot(page, '6-filing-6-confirm-zh.png');
      await page.getByTestId('filing-submit').click();

      const submitted = await expectText(page.getByTestId('case-submitted'), /申请已提交，案件编号 TJ-\d{4}-\d{6}。/, 'submitted with a number');
      flow.caseNumber = /TJ-\d{4}-\d{6}/.exec(submitted)?.[0] ?? '';
      flow.caseId = /\/cases\/([0-9a-f-]{36})$/.exec(new URL(page.url()).pathname)?.[1] ?? '';
      if (!flow.caseId) throw new Error(`expected the case page, at ${page.url()}`);
      await expectText(page.getByTestId('case-progress-current'), '提交申请', 'progress bar step');
      await page.locator('[data-testid="case-progress"][data-current="SUBMITTED"]').waitFor();
      await expectText(page.getByTestId('case-state'), '待受理', 'state');
      await page.locator('[data-testid="timeline-event"][data-type="case_submitted"]').waitFor();
      await expectNoHorizontalOverflow(page, 'case page after submitting');
      await shot(page, '6-case-submitted-zh.png');

      await page.getByTestId('logo').click();
      const item = page.locator(`[data-testid="case-item"][data-number="${flow.caseNumber}"]`);
      await item.waitFor();
      await item.locator('[data-testid="case-item-progress"][data-current="SUBMITTED"]').waitFor();
      await item.getByTestId('case-item-deadline').waitFor();
      await expectNoHorizontalOverflow(page, 'home with my cases');
      await shot(page, '6-home-my-cases-zh.png');
    },
  },
  {
    name: "the dispatcher accepts the case from the organisation's queue and assigns 钱调解",
    async run({ page }) {
      needCase();
      await logInWithPassword(page, '13900000002', '陈主任');
      await page.getByTestId('org-sla').waitFor();
      const item = page.getByTestId('org-queue').locator(`[data-testid="case-item"][data-number="${flow.caseNumber}"]`);
      await item.waitFor();
      await item.getByTestId('case-item-deadline').waitFor();
      await expectNoHorizontalOverflow(page, 'organisation queue');
      await shot(page, '7-dispatcher-queue-zh.png');
      await item.getByTestId('case-item-link').click();

      await expectText(page.getByTestId('case-heading'), `案件 ${flow.caseNumber}`, 'case heading');
      await page.locator('[data-testid="deadline"][data-kind="sameDayContact"]').waitFor();
      await page.getByTestId('case-accept').click();
      await expectText(page.getByTestId('case-feedback'), '已受理申请，已邀请被申请人', 'accepted');
      await expectText(page.getByTestId('case-state'), '已受理', 'state after accepting');
      await page.getByTestId('case-assign').click();
      const proposal = page.locator('[data-testid="proposal"][data-name="钱调解"]');
      await expectText(proposal.getByTestId('proposal-load'), /在办 \d+ 件/, "钱调解's load");
      await expectNoHorizontalOverflow(page, 'mediator proposals');
      await shot(page, '7-dispatcher-proposals-zh.png');
      await proposal.getByTestId('proposal-assign').click();
      await expectText(page.getByTestId('case-feedback'), '已指派钱调解', 'assigned');
      await page.locator('[data-testid="assignment"][data-name="钱调解"][data-status="pending"]').waitFor();
      await page.locator('[data-testid="timeline-event"][data-type="mediator_assigned"]').waitFor();
      await expectNoHorizontalOverflow(page, 'case page of the dispatcher');
      await shot(page, '7-dispatcher-case-zh.png');
    },
  },
  {
    name: 'the mediator 钱调解 accepts the assignment and records first contact with the applicant',
    async run({ page }) {
      needCase();
      await logInWithPassword(page, '13900000004', '钱调解');
      await page.getByTestId('bucket-new').click();
      const item = page.getByTestId('mediator-queue').locator(`[data-testid="case-item"][data-number="${flow.caseNumber}"]`);
      await item.waitFor();
      await expectNoHorizontalOverflow(page, 'mediator queue');
      await shot(page, '8-mediator-queue-zh.png');
      await item.getByTestId('case-item-link').click();

      await page.getByTestId('assignment-accept').click();
      await expectText(page.getByTestId('case-feedback'), '已接受指派，请尽快联系当事人', 'assignment accepted');
      await page.locator('[data-testid="assignment"][data-name="钱调解"][data-status="accepted"]').waitFor();
      const applicant = page.locator('[data-testid="party"][data-side="applicant"]');
      await applicant.getByTestId('party-contact').click();
      await page.getByTestId('contact-note').fill('已电话联系申请人，核实借款经过和还款情况。');
      await expectNoHorizontalOverflow(page, 'contact form');
      await shot(page, '8-mediator-contact-zh.png');
      await page.getByTestId('contact-save').click();
      await expectText(page.getByTestId('case-feedback'), '联系记录已保存', 'contact recorded');
      await expectText(
        page.locator('[data-testid="timeline-event"][data-type="contact_recorded"]').first(),
        /钱调解通过电话联系张三：已联系上/,
        'contact on the timeline',
      );
      await expectText(page.getByTestId('case-sla'), /按时/, 'same-day contact met');
      // Mediation waits for the respondent (R01, R02).
      await expectText(page.getByTestId('start-blocked'), /各方当事人都同意调解后才能开始/, 'why mediation cannot start yet');
      await expectNoHorizontalOverflow(page, 'case page of the mediator');
      await shot(page, '8-mediator-case-zh.png');
    },
  },
  {
    name: 'the respondent follows the SMS invitation, logs in with a code and consents; the mediator can start at once',
    async run({ page, phone }) {
      needCase();
      // The mediator keeps the case open on another phone: it must update by itself.
      const mediator = await phone('mediator');
      await logInWithPassword(mediator, '13900000004', '钱调解');
      await mediator.goto(`/cases/${flow.caseId}`);
      await mediator.getByTestId('start-blocked').waitFor();

      const sms = await smsMatching(page, '13800000002', (body) => body.includes(flow.caseNumber) && body.includes('/invite/'), 'invitation');
      const link = /(https?:\/\/\S+\/invite\/[A-Za-z0-9_-]+)/.exec(sms)?.[1];
      if (!link) throw new Error(`no invitation link in ${JSON.stringify(sms)}`);
      flow.inviteToken = link.split('/invite/')[1];
      await page.goto(new URL(link).pathname);
      // R15: the link alone discloses nothing of the dispute (a forwarded SMS must not).
      await expectText(page.getByTestId('invitation-verify-lead'), /138\*\*\*\*0002/, 'where the code goes');
      const before = (await page.locator('body').innerText()) ?? '';
      if (before.includes('张三') || before.includes(flow.caseNumber)) throw new Error('the invitation link shows the dispute before the code');
      await shot(page, '9-invitation-code-zh.png');
      await page.getByTestId('invitation-code-send').click();
      await page.getByTestId('invitation-code-sent').waitFor();
      const viewCode = await codeFromDevInbox(page, '13800000002');
      await page.getByTestId('invitation-code').fill(viewCode);
      await page.getByTestId('invitation-code-submit').click();
      await expectText(page.getByTestId('invitation-lead'), '张三申请与您（李四）通过在线调解解决一起民间借贷纠纷。', 'invitation summary');
      await page.getByTestId('invitation-answer-by').waitFor();
      await expectNoHorizontalOverflow(page, 'invitation');
      await shot(page, '9-invitation-zh.png');

      await page.getByTestId('invitation-login').click();
      await page.getByTestId('otp-mobile').fill('13800000002');
      await page.getByTestId('otp-send').click();
      const code = await codeFromDevInbox(page, '13800000002', viewCode);
      await page.getByTestId('otp-code').fill(code);
      await page.getByTestId('otp-submit').click();
      // Back to the invitation, which is taken up and opens the case.
      await page.waitForURL(`**/cases/${flow.caseId}`, { timeout: 15_000 });
      await page.getByTestId('case-limited').waitFor();
      await page.getByTestId('respondent-consent').waitFor();
      if (!(await page.getByTestId('consent-give').isDisabled())) throw new Error('consent is possible before ticking the notice');
      await expectNoHorizontalOverflow(page, 'respondent before consent');
      await shot(page, '9-respondent-consent-zh.png');
      await tick(page.getByTestId('consent-notice-seen'));
      await page.getByTestId('consent-give').click();
      await expectText(page.getByTestId('case-feedback'), '您已同意调解', 'consented');
      await page.getByTestId('case-documents').waitFor(); // the full view after consent
      await expectText(page.locator('[data-testid="party"][data-side="respondent"] [data-testid="party-consent"]'), '已同意调解', 'consent shown');
      await expectNoHorizontalOverflow(page, 'respondent after consent');
      await shot(page, '9-respondent-consented-zh.png');

      // Live (notice:new): no reload on the mediator's phone.
      await mediator.getByTestId('case-start').waitFor({ timeout: 20_000 });
      await expectNoHorizontalOverflow(mediator, 'mediator with start available');
      await shot(mediator, '9-mediator-can-start-zh.png');
      await mediator.getByTestId('case-start').click();
      await expectText(mediator.getByTestId('case-state'), '调解中', 'mediation started');
      await mediator.locator('[data-testid="case-progress"][data-current="MEDIATING"]').waitFor();
      await expectText(mediator.getByTestId('bell-count'), /\d+/, 'unread notices on the bell');
      await mediator.getByTestId('bell').click();
      await mediator.getByTestId('bell-item').first().waitFor();
      await expectNoHorizontalOverflow(mediator, 'notices');
      await shot(mediator, '9-mediator-notices-zh.png');
    },
  },
  {
    name: 'a grid worker files for a citizen in English; errors from the form and from the server are in English',
    async run({ page }) {
      await logInWithPassword(page, '13500000001', '孙网格员');
      await page.getByTestId('language-switch').click();
      await expectText(page.getByTestId('home-section-intake-title'), 'Filed for citizens', 'intake section');
      await page.getByTestId('file-for-citizen').click();
      await expectText(page.getByTestId('filing-heading'), 'Apply for a citizen', 'filing heading');
      await page.getByTestId('filing-dispute-type').selectOption('labour');
      await page.getByTestId('filing-facts').fill('The employer has not paid three months of wages (March to May 2026) and no longer answers calls.');
      await page.getByTestId('filing-next').click();

      await expectText(page.getByTestId('filing-step-title'), 'Requests and place', 'step 2');
      await page.getByTestId('filing-next').click();
      await page.getByText('Give an amount, other requests, or both', { exact: true }).waitFor();
      await page.getByText('Where it happened is required').waitFor();
      await page.getByTestId('filing-amount').fill('18,000');
      await page.getByTestId('filing-region').selectOption({ label: 'Xihu District, Hangzhou' });
      await page.getByTestId('filing-next').click();

      await expectText(page.getByTestId('filing-step-title'), 'Parties', 'step 3');
      const id = residentId('33010619880515201');
      await page.getByTestId('applicant-name').fill('周五');
      await page.getByTestId('applicant-mobile').fill('137 0000 0099');
      await page.getByTestId('applicant-id-number').fill(id.slice(0, 17) + (id.endsWith('1') ? '2' : '1'));
      await page.getByTestId('respondent-kind-organisation').check();
      await page.getByTestId('respondent-name').fill('Hangzhou Example Trading Co.');
      await page.getByTestId('respondent-mobile').fill('13900009999');
      // Issue #11: the respondent has no account yet; its invitation SMS is to be in English.
      await page.getByTestId('respondent-locale-en').check();
      await page.getByTestId('filing-next').click();
      await page.getByText('Please enter a valid 18-character resident ID number').waitFor();
      await expectNoHorizontalOverflow(page, 'parties step in English');
      await shot(page, '10-filing-parties-error-en.png');
      await page.getByTestId('applicant-id-number').fill(id);
      await page.getByTestId('filing-next').click();

      await expectText(page.getByTestId('filing-step-title'), 'Organisation and mediator', 'step 4');
      await page.getByTestId('filing-next').click();
      await expectText(page.getByTestId('filing-step-title'), 'Materials', 'step 5');
      // Named and typed as a PNG, but not one: the server looks at the bytes (415).
      await page.getByTestId('upload-id-card-input').setInputFiles({ name: 'id-card.png', mimeType: 'image/png', buffer: Buffer.from('not an image at all') });
      await expectText(page.getByTestId('upload-id-card-error'), 'This kind of file is not accepted: images, PDF, office documents, audio or video only', 'server refusal in English');
      await page.getByTestId('upload-id-card-input').setInputFiles({ name: 'id-card.png', mimeType: 'image/png', buffer: idCardPng() });
      await page.getByTestId('upload-id-card-file').waitFor();
      await expectNoHorizontalOverflow(page, 'materials step in English');
      await shot(page, '10-filing-materials-en.png');
      await page.getByTestId('filing-next').click();

      await expectText(page.getByTestId('notice-of-rights'), /Notice of rights and duties/, 'notice in English');
      await page.getByTestId('filing-submit').click();
      await page.getByText('Tick to agree to online mediation').waitFor();
      await tick(page.getByTestId('filing-notice-seen'));
      await tick(page.getByTestId('filing-consent'));
      await page.getByTestId('filing-submit').click();
      await expectText(page.getByTestId('case-submitted'), /Application submitted: case number TJ-\d{4}-\d{6}\./, 'submitted');
      await expectText(page.getByTestId('case-progress-current'), 'Submitted', 'progress in English');
      const filed = await (await page.request.get(`/api/cases/${new URL(page.url()).pathname.split('/')[2]}`)).json();
      const respondentLocale = filed.parties?.find((/** @type {{ side: string }} */ p) => p.side === 'respondent')?.locale;
      if (respondentLocale !== 'en') throw new Error(`the respondent's language was saved as ${respondentLocale}`);
      await expectNoHorizontalOverflow(page, 'case page in English');
      await shot(page, '10-case-submitted-en.png');
      await page.getByTestId('logo').click();
      await page.getByTestId('intake-cases').getByTestId('case-item').first().waitFor();
      await shot(page, '10-home-intake-en.png');
      // Back to Chinese, saved to the account: later journeys log the grid worker in in Chinese.
      await page.getByTestId('language-switch').click();
      await expectText(page.getByTestId('home-section-intake-title'), '代为登记', 'intake section in Chinese');
    },
  },
  {
    name: 'the dispatcher returns an application with a coded reason; the applicant corrects it and submits it again',
    async run({ page, phone }) {
      // 张三 files a consumer dispute through the API (the filing form has journeys of its own).
      const citizen = await phone('citizen');
      const login = await citizen.request.post('/api/auth/login/password', { data: { mobile: CITIZEN_MOBILE, password: DEMO_PASSWORD } });
      if (!login.ok()) throw new Error(`login answered ${login.status()}`);
      const created = await citizen.request.post('/api/cases', {
        data: {
          disputeType: 'consumer',
          facts: '2026年10月在某电器商店购买的洗衣机一周后无法启动，商家拒绝退换。',
          claims: { amount: '3200.00' },
          region: '330106',
          applicant: { name: '张三', mobile: CITIZEN_MOBILE, idNumber: residentId('33010619900307123') },
          respondents: [{ kind: 'organisation', name: '杭州某电器商店', mobile: '13900008888' }],
        },
      });
      if (!created.ok()) throw new Error(`POST /api/cases answered ${created.status()}: ${await created.text()}`);
      const draft = await created.json();
      const upload = await citizen.request.post(`/api/cases/${draft.id}/documents`, {
        multipart: { kind: 'id_card', file: { name: 'id-card.png', mimeType: 'image/png', buffer: idCardPng() } },
      });
      if (!upload.ok()) throw new Error(`upload answered ${upload.status()}: ${await upload.text()}`);
      const submit = await citizen.request.post(`/api/cases/${draft.id}/submit`, { data: { version: draft.version, consent: true, noticeSeen: true } });
      if (!submit.ok()) throw new Error(`submit answered ${submit.status()}: ${await submit.text()}`);
      const submitted = await submit.json();

      await logInWithPassword(page, '13900000002', '陈主任');
      await page.goto(`/cases/${submitted.id}`);
      await page.getByTestId('case-return').click();
      await page.getByTestId('return-form-other').check();
      await page.getByTestId('return-form-submit').click();
      await page.getByText('选择“其他原因”时请写明说明').waitFor();
      await page.getByTestId('return-form-incomplete').check();
      await page.getByTestId('return-form-note').fill('请补充购物小票或付款记录的照片。');
      await expectNoHorizontalOverflow(page, 'return form');
      await shot(page, '11-dispatcher-return-zh.png');
      await page.getByTestId('return-form-submit').click();
      await expectText(page.getByTestId('case-feedback'), '申请已退回', 'returned');
      await expectText(page.getByTestId('case-state'), '已退回', 'state after returning');

      // The applicant sees why, corrects the application and submits it again.
      await citizen.goto('/home');
      const item = citizen.locator(`[data-testid="case-item"][data-number="${submitted.number}"]`);
      await item.locator('[data-testid="case-item-progress"][data-side-state="RETURNED"]').waitFor();
      await item.getByTestId('case-item-link').click();
      await expectText(citizen.getByTestId('case-returned'), /申请被退回：材料不全/, 'return reason');
      await expectText(citizen.getByTestId('case-returned'), /请补充购物小票/, 'return note');
      await citizen.locator('[data-testid="case-progress"][data-current="SUBMITTED"][data-side-state="RETURNED"]').waitFor();
      await expectNoHorizontalOverflow(citizen, 'returned case');
      await shot(citizen, '11-applicant-returned-zh.png');
      await citizen.getByTestId('case-edit').click();
      await expectText(citizen.getByTestId('filing-heading'), '修改调解申请', 'edit heading');
      await expectText(citizen.getByTestId('filing-returned'), /材料不全/, 'return reason on the form');
      await citizen.getByTestId('filing-next').click();
      await expectText(citizen.getByTestId('filing-step-title'), '请求与地点', 'step 2');
      await citizen.getByTestId('filing-other-requests').fill('退货退款');
      for (const title of ['当事人', '调解组织与调解员', '上传材料']) {
        await citizen.getByTestId('filing-next').click();
        await expectText(citizen.getByTestId('filing-step-title'), title, title);
      }
      await citizen.getByTestId('upload-evidence-input').setInputFiles({ name: 'receipt.png', mimeType: 'image/png', buffer: idCardPng(120, 60) });
      await expectText(citizen.getByTestId('upload-evidence-file'), /receipt\.png/, 'evidence uploaded');
      await citizen.getByTestId('filing-next').click();
      await tick(citizen.getByTestId('filing-notice-seen'));
      await tick(citizen.getByTestId('filing-consent'));
      await citizen.getByTestId('filing-submit').click();
      await expectText(citizen.getByTestId('case-submitted'), new RegExp(`申请已提交，案件编号 ${submitted.number}。`), 'submitted again, same number');
      await expectText(citizen.getByTestId('case-state'), '待受理', 'state after resubmitting');
      await citizen.locator('[data-testid="document"]').filter({ hasText: 'receipt.png' }).waitFor();
    },
  },
  ...mediation.journeys,
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
  ...require('./journeys/paths').journeys,
  ...require('./journeys/small').journeys,
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
            if (process.env.E2E_JS_FILES) console.log(`      ${((encoded || body.length) / 1024).toFixed(1).padStart(6)} KB ${new URL(response.url()).pathname} ${target.path}${target.as ? ` (as ${target.as})` : ''}`);
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

const only = process.env.E2E_ONLY;
const selected = only ? journeys.filter((j) => only.split('|').some((part) => j.name.includes(part))) : journeys;

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
        await page
          .screenshot({ path: path.join(screenshotDir, `${index + 1}-FAILED.png`), fullPage: true })
          .catch(() => {});
      } finally {
        for (const other of phones) await other.close().catch(() => {});
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
