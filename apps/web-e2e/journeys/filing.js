#!/usr/bin/env node
// @ts-check
/**
 * From consultation to mediation, one step per journey on the one case in ./flow.js: the citizen
 * files a private loan, the dispatcher accepts and assigns it, the mediator accepts and records
 * first contact, the respondent follows the SMS invitation and consents; and filing for a citizen
 * and a returned application. The journeys depend on each other's order.
 *
 * Used by run.js (`...require('./journeys/filing').journeys`).
 */
'use strict';

const { DEMO_PASSWORD, CITIZEN_MOBILE, codeFromDevInbox, shot, expectNoHorizontalOverflow, expectText, logInWithPassword, idCardPng, residentId, smsMatching, tick } = require('../lib');
const { flow, needCase } = require('./flow');

/** @type {import('../lib').Journey[]} */
const journeys = [
  {
    name: 'a citizen checks a private loan, files it in Chinese with an ID card image, and sees its number and progress',
    async run({ page }) {
      await page.goto('/');
      await page.getByTestId('landing-consult').click();
      await expectText(page.getByTestId('consult-heading'), '纠纷自助评估', 'consultation heading');
      await expectNoHorizontalOverflow(page, 'consultation types');
      await shot(page, '6-consult-types-zh.png');
      await page.getByTestId('consult-type-private_loan').click();
      const answer = (/** @type {string} */ id, /** @type {string} */ label) => page.getByTestId(`q-${id}`).getByText(label, { exact: true }).click();
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
      await expectText(page.locator('[data-testid="timeline-event"][data-type="contact_recorded"]').first(), /钱调解通过电话联系张三：已联系上/, 'contact on the timeline');
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
];

module.exports = { journeys };
