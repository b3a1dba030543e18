#!/usr/bin/env node
// @ts-check
/**
 * Browser journey of judicial confirmation (司法确认, R29–R35): from the agreement to the ruling.
 * The mediator drafts the agreement and both parties sign it, both parties apply for judicial
 * confirmation from their phones with one-time codes, the judge accepts and asks for a document,
 * a party uploads it, the judge confirms, and both parties download the ruling (民事裁定书).
 *
 * Everything is done in the browser, on 375 px phones: the mediator drafts on the agreement page
 * and signs, the parties sign the agreement (code + drawn signature), then apply, and so on.
 * Only the way to MEDIATING (journeys/mediation.js#mediatingCase) and 李四's ID proof use the API.
 * `settleThroughApi` remains for journeys that need a settled case without the agreement pages.
 *
 * Used by run.js (`require('./journeys/confirmation').journeys`).
 */
'use strict';

const { apiAs, sleep, expectNoHorizontalOverflow, expectText, idCardPng, shot, pageAs } = require('../lib');
const { mediatingCase } = require('./mediation');

const WHO = {
  mediator: { mobile: '13900000004', name: '钱调解' },
  applicant: { mobile: '13800000001', name: '张三' },
  respondent: { mobile: '13800000002', name: '李四' },
  judge: { mobile: '13700000001', name: '刘法官' },
  orgAdmin: { mobile: '13900000002', name: '陈主任' },
};

/**
 * The newest 6-digit code in a number's development inbox that is not `notCode`.
 * @param {string} baseUrl
 * @param {string} mobile
 * @param {string | null} notCode
 */
async function latestCode(baseUrl, mobile, notCode = null) {
  for (let i = 0; i < 40; i++) {
    const sms = await (await fetch(`${baseUrl}/api/dev/sms?mobile=${mobile}`)).json();
    const code = sms
      .filter((/** @type {{ body: string }} */ m) => /验证码|code/i.test(m.body))
      .map((/** @type {{ body: string }} */ m) => /(?<!\d)(\d{6})(?!\d)/.exec(m.body)?.[1])
      .find(Boolean);
    if (code && code !== notCode) return code;
    await sleep(250);
  }
  throw new Error(`no code for ${mobile}`);
}

/**
 * The agreement drafted by the mediator and put to signature, through the settlement API; the
 * mediator signs, and (unless the parties sign in the browser) the parties too.
 * @param {string} baseUrl
 * @param {{ id: string, parties: Array<{ id: string, side: string }> }} c
 * @param {boolean} [partiesInBrowser] only the mediator signs here; the parties sign on their phones
 */
async function settleThroughApi(baseUrl, c, partiesInBrowser = false) {
  const mediator = await apiAs(baseUrl, WHO.mediator.mobile);
  const applicant = c.parties.find((p) => p.side === 'applicant');
  const respondent = c.parties.find((p) => p.side === 'respondent');
  if (!applicant || !respondent) throw new Error('the case needs both parties');
  let a = await mediator.call('POST', `/api/cases/${c.id}/agreements`, {
    partial: false,
    content: {
      facts: '2025年6月李四向张三借款人民币两万元，约定半年后归还，逾期未还。',
      disputedMatters: '借款本金的归还',
      responsibilities: '李四承认借款事实，同意按期归还借款。',
      otherTerms: '双方就本纠纷再无其他争议。',
    },
    obligations: [
      { obligorPartyId: respondent.id, obligeePartyId: applicant.id, kind: 'payment', description: '归还借款', amount: '20000.00', place: '杭州', method: '银行转账', dueDate: '2026-12-31' },
    ],
  });
  a = await mediator.call('POST', `/api/agreements/${a.id}/start-signing`, { revision: a.revision });
  const signature = `data:image/png;base64,${idCardPng(120, 40).toString('base64')}`;
  /** @type {Array<[Awaited<ReturnType<typeof apiAs>>, string]>} */
  const signers = [[mediator, WHO.mediator.mobile]];
  if (!partiesInBrowser) signers.push([await apiAs(baseUrl, WHO.applicant.mobile), WHO.applicant.mobile], [await apiAs(baseUrl, WHO.respondent.mobile), WHO.respondent.mobile]);
  for (const [who, mobile] of signers) {
    const before = await latestCode(baseUrl, mobile).catch(() => null);
    await /** @type {any} */ (who).call('POST', `/api/agreements/${a.id}/signing-code`, {});
    const code = await latestCode(baseUrl, /** @type {string} */ (mobile), before);
    a = await /** @type {any} */ (who).call('POST', `/api/agreements/${a.id}/sign`, { contentHash: a.contentHash, code, signaturePng: signature });
  }
  // R26: a people's mediation committee's agreement takes effect at its org admin's seal act.
  if (!partiesInBrowser && a.status === 'awaiting_seal') a = await (await apiAs(baseUrl, WHO.orgAdmin.mobile)).call('POST', `/api/agreements/${a.id}/seal`, {});
  if (!partiesInBrowser && a.status !== 'effective') throw new Error(`agreement is ${a.status}, expected effective`);
  return a;
}

/**
 * A party signs the agreement on its phone, on the agreement page (helper D's signing dialog):
 * a one-time code by SMS and a signature drawn with the finger.
 * @param {import('playwright-core').Page} page
 * @param {string} baseUrl
 * @param {string} caseId
 * @param {string} mobile
 */
async function signAgreementOnPhone(page, baseUrl, caseId, mobile) {
  await page.goto(`/cases/${caseId}/agreement`);
  await page.getByTestId('agreement-sign').click();
  await page.getByTestId('signing-dialog').waitFor();
  const before = await latestCode(baseUrl, mobile).catch(() => null);
  await page.getByTestId('sign-request-code').click();
  const code = await latestCode(baseUrl, mobile, before);
  await page.getByTestId('sign-code').fill(code);
  const canvas = page.locator('[data-testid="signature-canvas"]');
  const target = (await canvas.evaluate((el) => el.tagName)) === 'CANVAS' ? canvas : canvas.locator('canvas');
  const box = await target.boundingBox();
  if (!box) throw new Error('no signature canvas');
  await page.mouse.move(box.x + 20, box.y + box.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) await page.mouse.move(box.x + 20 + i * 15, box.y + box.height / 2 + (i % 2 ? 12 : -12), { steps: 2 });
  await page.mouse.up();
  await page.getByTestId('sign-submit').click();
  // Issue #11: the signature is sent from the preview that names the signer and the draft.
  await page.getByTestId('sign-confirm-agreement').waitFor();
  await page.getByTestId('sign-confirm-ok').click();
  await page.getByTestId('signing-dialog').waitFor({ state: 'detached' });
}

/**
 * The mediator drafts the agreement on the agreement page (from the dispute type's template),
 * puts it to signature and signs it.
 * @param {import('playwright-core').Page} page
 * @param {string} baseUrl
 * @param {{ id: string, parties: Array<{ id: string, side: string }> }} c
 */
async function draftAndSignAsMediator(page, baseUrl, c) {
  const applicant = c.parties.find((p) => p.side === 'applicant');
  const respondent = c.parties.find((p) => p.side === 'respondent');
  if (!applicant || !respondent) throw new Error('the case needs both parties');
  await page.goto(`/cases/${c.id}/agreement`);
  await page.getByTestId('agreement-start-draft').click();
  await page.getByTestId('agreement-editor').waitFor();
  await page.getByTestId('draft-facts').fill('2025年6月李四向张三借款人民币两万元，约定半年后归还，逾期未还。');
  await page.getByTestId('draft-disputed-matters').fill('借款本金的归还');
  await page.getByTestId('draft-responsibilities').fill('李四承认借款事实，同意按期归还借款。');
  await page.getByTestId('draft-other-terms').fill('双方就本纠纷再无其他争议。');
  if (!(await page.getByTestId('obligation-0').count())) await page.getByTestId('draft-add-obligation').click();
  await page.getByTestId('obligation-0-obligor').selectOption(respondent.id);
  await page.getByTestId('obligation-0-obligee').selectOption(applicant.id);
  await page.getByTestId('obligation-0-kind').selectOption('payment');
  await page.getByTestId('obligation-0-description').fill('归还借款');
  await page.getByTestId('obligation-0-amount').fill('20000.00');
  await page.getByTestId('obligation-0-method').fill('银行转账');
  await page.getByTestId('obligation-0-place').fill('杭州');
  await page.getByTestId('obligation-0-due-date').fill('2026-12-31');
  await page.getByTestId('draft-save').click();
  await page.getByTestId('agreement-start-signing').click();
  await page.getByTestId('agreement-start-signing-confirm').click();
  await signAgreementOnPhone(page, baseUrl, c.id, WHO.mediator.mobile);
}

/**
 * A phone (375 px) logged in as `mobile`.
 * @param {import('playwright-core').Browser} browser
 * @param {string} baseUrl
 * @param {string} mobile
 */
async function phoneAs(browser, baseUrl, mobile) {
  return pageAs(browser, baseUrl, mobile, { locale: 'en-US', acceptDownloads: true });
}

/**
 * R31: a party gives its own service address in the confirmation section (the package needs
 * every party's address and phone before anyone can sign).
 * @param {import('playwright-core').Page} page
 * @param {string} caseId
 * @param {string} address
 */
async function fillOwnAddress(page, caseId, address) {
  await page.goto(`/cases/${caseId}`);
  await page.getByTestId('confirmation-contacts').waitFor();
  await expectText(page.getByTestId('confirmation-contacts-missing').first(), /缺少地址/, 'R31: the missing address is shown');
  await page.getByTestId('confirmation-contacts-address').fill(address);
  await page.getByTestId('confirmation-contacts-save').click();
  await page.getByTestId('confirmation-notice').waitFor();
}

/**
 * A party signs the joint application on the case page with a one-time code.
 * @param {import('playwright-core').Page} page
 * @param {string} baseUrl
 * @param {string} caseId
 * @param {string} mobile
 */
async function signApplication(page, baseUrl, caseId, mobile) {
  await page.goto(`/cases/${caseId}`);
  const section = page.getByTestId('confirmation');
  await section.waitFor();
  await expectText(page.getByTestId('confirmation-free'), /不收取任何费用/, 'R35 free of charge');
  await expectText(page.getByTestId('confirmation-court'), /杭州市西湖区人民法院/, 'R30 proposed court');
  await expectText(page.getByTestId('confirmation-window'), /还剩 \d+ 天/, 'R29 countdown');
  const before = await latestCode(baseUrl, mobile).catch(() => null);
  await page.getByTestId('confirmation-send-code').click();
  const code = await latestCode(baseUrl, mobile, before);
  await page.getByTestId('confirmation-code').fill(code);
  await page.getByTestId('confirmation-sign').click();
  // Issue #11: the application is signed from its preview (court, agreement, answers).
  await expectText(page.getByTestId('confirmation-sign-preview-court'), /人民法院/, 'the court in the preview');
  await page.getByTestId('confirmation-sign-preview-ok').click();
  await page.getByTestId('confirmation-notice').waitFor();
  await expectNoHorizontalOverflow(page, 'the confirmation section at 375 px');
}

const journeys = [
  {
    name: 'judicial confirmation: both parties apply from their phones, the judge asks for a document, confirms, and the parties download the ruling',
    /** @param {{ page: import('playwright-core').Page, baseUrl: string, browser: import('playwright-core').Browser }} ctx */
    async run({ baseUrl, browser }) {
      const c = await mediatingCase(baseUrl);
      // 李四's ID proof completes the package (R31).
      const respondentApi = await apiAs(baseUrl, WHO.respondent.mobile);
      const form = new FormData();
      form.append('kind', 'id_card');
      form.append('file', new Blob([idCardPng()], { type: 'image/png' }), 'id.png');
      await respondentApi.call('POST', `/api/cases/${c.id}/documents`, form);

      const applicant = await phoneAs(browser, baseUrl, WHO.applicant.mobile);
      const respondent = await phoneAs(browser, baseUrl, WHO.respondent.mobile);
      const judge = await phoneAs(browser, baseUrl, WHO.judge.mobile);
      const mediator = await phoneAs(browser, baseUrl, WHO.mediator.mobile);
      const orgAdmin = await phoneAs(browser, baseUrl, WHO.orgAdmin.mobile);
      try {
        // The mediator drafts the agreement from the template, puts it to signature and signs …
        await draftAndSignAsMediator(mediator.page, baseUrl, c);
        // … both parties sign it on their phones (code + drawn signature) …
        await signAgreementOnPhone(applicant.page, baseUrl, c.id, WHO.applicant.mobile);
        await signAgreementOnPhone(respondent.page, baseUrl, c.id, WHO.respondent.mobile);
        // … and it waits for the committee's seal (R26, PML 29): the org admin applies it on the phone.
        await expectText(respondent.page.getByTestId('agreement-status'), /待加盖印章/, 'the agreement awaiting the seal');
        await respondent.page.getByTestId('agreement-awaiting-seal').waitFor();
        if (await respondent.page.getByTestId('agreement-seal').count()) throw new Error('a party was offered the seal');
        await orgAdmin.page.goto(`/cases/${c.id}/agreement`);
        await orgAdmin.page.getByTestId('agreement-seal').click();
        await orgAdmin.page.getByTestId('agreement-seal-confirm').click();
        await expectText(orgAdmin.page.getByTestId('agreement-status'), /生效/, 'the agreement in effect after the seal');
        await expectText(orgAdmin.page.getByTestId('agreement-sealed-by'), /陈主任/, 'who applied the seal');
        await expectNoHorizontalOverflow(orgAdmin.page, 'the agreement page after the seal at 375 px');
        await respondent.page.reload();
        await expectText(respondent.page.getByTestId('agreement-status'), /生效/, 'the agreement in effect');

        // R31: each party gives its service address on the case page.
        await fillOwnAddress(applicant.page, c.id, '杭州市西湖区文三路1号');
        await fillOwnAddress(respondent.page, c.id, '杭州市西湖区天目山路2号');
        // Both apply with their codes (R29): the first signature waits for the other.
        await signApplication(applicant.page, baseUrl, c.id, WHO.applicant.mobile);
        await applicant.page.getByTestId('confirmation-signed-mine').waitFor();
        await shot(applicant.page, 'confirmation-1-applicant-signed.png');
        await signApplication(respondent.page, baseUrl, c.id, WHO.respondent.mobile);
        await expectText(respondent.page.getByTestId('confirmation-status'), '已提交，待法院受理', 'status after both signed');

        // The judge: home → court portal → queue with the R33 deadline → the application.
        await judge.page.goto('/home');
        await judge.page.getByTestId('home-court-link').click();
        await judge.page.getByTestId('court-queue').waitFor();
        const item = judge.page.locator(`[data-testid="court-queue-item"][data-case-id="${c.id}"]`);
        await expectText(item.getByTestId('court-queue-deadline'), /受理期限/, 'acceptance deadline in the queue');
        if ((await judge.page.getByTestId('court-nav-filings').getAttribute('href')) !== '/court/filings') throw new Error('no link to /court/filings');
        await expectNoHorizontalOverflow(judge.page, 'the court queue at 375 px');
        await item.getByTestId('court-queue-open').click();
        await judge.page.getByTestId('court-package').waitFor();
        await judge.page.getByTestId('court-accept').click();
        await expectText(judge.page.getByTestId('court-deadline'), /裁定期限/, 'ruling deadline after acceptance');
        await judge.page.getByTestId('court-request-supplement').click();
        await judge.page.getByTestId('court-supplement-text').fill('请补充借条原件照片');
        await judge.page.getByTestId('court-supplement-submit').click();
        await judge.page.getByTestId('court-supplement').waitFor();
        await expectNoHorizontalOverflow(judge.page, 'the application page at 375 px');
        await shot(judge.page, 'confirmation-2-court-application.png');

        // 张三 uploads the document the court asked for.
        await applicant.page.reload();
        const file = applicant.page.getByTestId('confirmation-supplement-file');
        await file.setInputFiles({ name: '借条.png', mimeType: 'image/png', buffer: idCardPng() });
        await applicant.page.locator('[data-testid="confirmation-supplement"][data-fulfilled="true"]').waitFor();

        // The judge sees it and confirms: the ruling.
        await judge.page.reload();
        await judge.page.locator('[data-testid="court-supplement"][data-fulfilled="true"]').waitFor();
        await judge.page.getByTestId('court-supplement-document').waitFor();
        await judge.page.getByTestId('court-confirm').click();
        // Issue #11: the ruling's operative part is previewed before it is issued.
        await expectText(judge.page.getByTestId('court-preview-main'), /调解协议有效/, 'the ruling previewed');
        await judge.page.getByTestId('court-confirm-preview-ok').click();
        await expectText(judge.page.getByTestId('court-ruling'), /民特\d+号/, 'the ruling number');

        // Both parties download the ruling (a PDF).
        for (const party of [applicant, respondent]) {
          await party.page.goto(`/cases/${c.id}`);
          await expectText(party.page.getByTestId('confirmation-ruling'), /法院裁定调解协议有效：\(2026\)浙0106民特\d+号/, 'the ruling on the case page');
          await expectText(party.page.getByTestId('case-state'), /确认/, 'the case state');
          const [download] = await Promise.all([party.page.waitForEvent('download'), party.page.getByTestId('confirmation-ruling-download').click()]);
          const path = await download.path();
          const bytes = require('node:fs').readFileSync(/** @type {string} */ (path));
          if (bytes.subarray(0, 5).toString() !== '%PDF-') throw new Error('the ruling download is not a PDF');
          await expectNoHorizontalOverflow(party.page, 'the case page with the ruling at 375 px');
        }
        await shot(respondent.page, 'confirmation-3-ruling.png');
      } finally {
        for (const x of [applicant, respondent, judge, mediator, orgAdmin]) await x.context.close().catch(() => undefined);
      }
    },
  },
];

module.exports = { journeys, settleThroughApi, latestCode, phoneAs };
