#!/usr/bin/env node
// @ts-check
/**
 * Browser journeys of issue #11 "No dead ends, no surprises" (helper `paths`), each failing on
 * the code before it:
 *   - a missing ID proof comes with its upload control, for the respondent, on the case page;
 *   - a neighbour dispute goes to the staffed committee the filing screen recommends (not to the
 *     nearer police office nobody staffs), and the citizen is promised only what will happen;
 *   - a court ruling, a termination and a signature are previewed before anything is sent.
 * Citizens on 375 px phones, staff on 1366 px laptops.
 *
 * Used by run.js (`...require('./journeys/paths').journeys`).
 */
'use strict';

const { apiAs, DEMO_PASSWORD, CITIZEN_MOBILE, sleep, expectNoHorizontalOverflow, expectText, idCardPng, residentId, shot, tick, until, pageAs } = require('../lib');
const { mediatingCase } = require('./mediation');
const { latestCode, phoneAs } = require('./confirmation');

const LAPTOP = { width: 1366, height: 768 };
const WHO = {
  applicant: { mobile: '13800000001', name: '张三' },
  respondent: { mobile: '13800000002', name: '李四' },
  mediator: { mobile: '13900000004', name: '钱调解' },
  dispatcher: { mobile: '13900000002', name: '陈主任' },
  judge: { mobile: '13700000001', name: '刘法官' },
};

/**
 * A laptop (1366 px) logged in as `mobile`, for staff.
 * @param {import('playwright-core').Browser} browser
 * @param {string} baseUrl
 * @param {string} mobile
 */
async function laptopAs(browser, baseUrl, mobile) {
  return pageAs(browser, baseUrl, mobile, { viewport: LAPTOP, locale: 'zh-CN' });
}

/**
 * A party signs the joint application through the API with its code (R29).
 * @param {string} baseUrl
 * @param {string} caseId
 * @param {{ mobile: string, api: { call: (method: string, url: string, body?: unknown) => Promise<any> } }} who
 */
async function applyThroughApi(baseUrl, caseId, who) {
  const code = await requestCode(baseUrl, who.api, who.mobile, `/api/cases/${caseId}/confirmation/code`);
  const overview = await who.api.call('GET', `/api/cases/${caseId}/confirmation`);
  return who.api.call('POST', `/api/cases/${caseId}/confirmation/sign`, { code, answers: {}, version: overview.caseVersion });
}

/** @param {{ id: string, parties: Array<{ id: string, side: string }> }} c */
const sides = (c) => {
  const applicant = c.parties.find((p) => p.side === 'applicant');
  const respondent = c.parties.find((p) => p.side === 'respondent');
  if (!applicant || !respondent) throw new Error('the case needs both parties');
  return { applicant, respondent };
};

/**
 * Asks for a one-time code through the API, waiting out the once-a-minute limit per number and
 * purpose (another journey may just have asked), and returns the code sent.
 * @param {string} baseUrl
 * @param {{ call: (method: string, url: string, body?: unknown) => Promise<any> }} api
 * @param {string} mobile
 * @param {string} url
 */
async function requestCode(baseUrl, api, mobile, url) {
  const before = await latestCode(baseUrl, mobile).catch(() => null);
  for (let attempt = 0; ; attempt++) {
    try {
      await api.call('POST', url, {});
      break;
    } catch (error) {
      const wait = /Wait (\d+) seconds/.exec(String(error))?.[1];
      if (!wait || attempt > 3) throw error;
      await sleep((Number(wait) + 1) * 1000);
    }
  }
  return latestCode(baseUrl, mobile, before);
}

/**
 * A citizen registered for this journey (the demo parties' SMS codes are counted per hour, and
 * the other journeys use most of them): its own number, the demo password.
 * @param {string} baseUrl
 * @param {string} name
 */
async function freshCitizen(baseUrl, name) {
  const mobile = `1370${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
  const sent = await fetch(`${baseUrl}/api/auth/otp`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ mobile, purpose: 'register' }) });
  if (!sent.ok) throw new Error(`code for ${mobile}: ${sent.status} ${await sent.text()}`);
  const code = await latestCode(baseUrl, mobile);
  const registered = await fetch(`${baseUrl}/api/auth/register`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ mobile, code, password: DEMO_PASSWORD, name, transport: 'api' }),
  });
  if (!registered.ok) throw new Error(`register ${mobile}: ${registered.status} ${await registered.text()}`);
  return { mobile, name, api: await apiAs(baseUrl, mobile) };
}

/** The case of the first and third journeys: brought to SETTLED once, by fresh citizens. */
/** @type {null | { id: string, number: string, applicant: { id: string }, respondent: { id: string }, people: { applicant: Awaited<ReturnType<typeof freshCitizen>>, respondent: Awaited<ReturnType<typeof freshCitizen>> } }} */
let settled = null;

/**
 * A private-loan case between two fresh citizens, mediated by 钱调解, with the agreement in
 * effect (signed by all and sealed, R26) — and no ID proof from the respondent.
 * @param {string} baseUrl
 */
async function settledCase(baseUrl) {
  settled ??= await newSettledCase(baseUrl);
  return settled;
}

/**
 * A new such case each call (journeys/escalation.js takes one to the court).
 * @param {string} baseUrl
 */
async function newSettledCase(baseUrl) {
  const applicant = await freshCitizen(baseUrl, '赵一');
  const respondent = await freshCitizen(baseUrl, '钱二');
  const dispatcher = await apiAs(baseUrl, WHO.dispatcher.mobile);
  const mediator = await apiAs(baseUrl, WHO.mediator.mobile);
  const draft = await applicant.api.call('POST', '/api/cases', {
    disputeType: 'private_loan',
    facts: '2025年6月钱二向赵一借款两万元，约定半年后归还，逾期未还。',
    claims: { amount: '20000' },
    region: '330106',
    applicant: { name: applicant.name, mobile: applicant.mobile, idNumber: residentId('33010619880512123') },
    respondents: [{ name: respondent.name, mobile: respondent.mobile }],
  });
  const form = new FormData();
  form.append('kind', 'id_card');
  form.append('file', new Blob([idCardPng()], { type: 'image/png' }), 'id.png');
  await applicant.api.call('POST', `/api/cases/${draft.id}/documents`, form);
  let c = await applicant.api.call('POST', `/api/cases/${draft.id}/submit`, { version: draft.version, consent: true, noticeSeen: true });
  c = await dispatcher.call('POST', `/api/cases/${c.id}/accept`, { version: c.version });
  c = await dispatcher.call('POST', `/api/cases/${c.id}/assignments`, { version: c.version, mediatorId: mediator.user.id });
  c = await mediator.call('POST', `/api/cases/${c.id}/assignment/accept`, { version: c.version });
  const token = await until(async () => {
    const sms = await (await fetch(`${baseUrl}/api/dev/sms?mobile=${respondent.mobile}`)).json();
    const body = sms.map((/** @type {{ body: string }} */ m) => m.body).find((/** @type {string} */ b) => b.includes(c.number) && b.includes('/invite/'));
    return body ? /\/invite\/([A-Za-z0-9_-]+)/.exec(body)?.[1] : null;
  }, 'the invitation SMS');
  await respondent.api.call('POST', `/api/invitations/${token}/claim`);
  c = await respondent.api.call('GET', `/api/cases/${c.id}`);
  await respondent.api.call('POST', `/api/cases/${c.id}/consent`, { version: c.version, consent: 'given', noticeSeen: true });
  c = await mediator.call('GET', `/api/cases/${c.id}`);
  c = await mediator.call('POST', `/api/cases/${c.id}/start`, { version: c.version });
  const { applicant: a, respondent: r } = sides(c);

  let agreement = await mediator.call('POST', `/api/cases/${c.id}/agreements`, {
    partial: false,
    content: {
      facts: '2025年6月钱二向赵一借款人民币两万元，逾期未还。',
      disputedMatters: '借款本金的归还',
      responsibilities: '钱二承认借款事实，同意归还。',
      otherTerms: '双方就本纠纷再无其他争议。',
    },
    obligations: [{ obligorPartyId: r.id, obligeePartyId: a.id, kind: 'payment', description: '归还借款', amount: '20000.00', place: '杭州', method: '银行转账', dueDate: '2026-12-31' }],
  });
  agreement = await mediator.call('POST', `/api/agreements/${agreement.id}/start-signing`, { revision: agreement.revision });
  const signature = `data:image/png;base64,${idCardPng(120, 40).toString('base64')}`;
  for (const [api, mobile] of /** @type {const} */ ([
    [mediator, WHO.mediator.mobile],
    [applicant.api, applicant.mobile],
    [respondent.api, respondent.mobile],
  ])) {
    const code = await requestCode(baseUrl, api, mobile, `/api/agreements/${agreement.id}/signing-code`);
    if (mobile === WHO.mediator.mobile) lastMediatorCodeAt = Date.now();
    agreement = await api.call('POST', `/api/agreements/${agreement.id}/sign`, { contentHash: agreement.contentHash, code, signaturePng: signature });
  }
  if (agreement.status === 'awaiting_seal') agreement = await dispatcher.call('POST', `/api/agreements/${agreement.id}/seal`, {});
  if (agreement.status !== 'effective') throw new Error(`agreement is ${agreement.status}, expected effective`);
  return { id: c.id, number: c.number, applicant: a, respondent: r, people: { applicant, respondent } };
}

/** When 钱调解 last asked for a signing code (once a minute per number and purpose). */
let lastMediatorCodeAt = 0;

const journeys = [
  {
    name: 'paths: a respondent whose ID proof is missing uploads it from the confirmation section on the phone',
    /** @param {{ baseUrl: string, browser: import('playwright-core').Browser }} ctx */
    async run({ baseUrl, browser }) {
      const c = await settledCase(baseUrl); // the agreement in effect; the respondent never uploaded an ID proof
      const respondentParty = c.respondent;
      const respondent = await phoneAs(browser, baseUrl, c.people.respondent.mobile);
      const applicant = await phoneAs(browser, baseUrl, c.people.applicant.mobile);
      try {
        const page = respondent.page;
        await page.goto(`/cases/${c.id}`);
        await page.locator('[data-testid="confirmation-package"] li[data-kind="id_proof"][data-present="false"]').waitFor();
        await page.getByTestId('confirmation-incomplete').waitFor();
        // The applicant is told who must supply it, and has no control for someone else's proof.
        await applicant.page.goto(`/cases/${c.id}`);
        await expectText(
          applicant.page.locator(`[data-testid="confirmation-package"] li[data-kind="id_proof"][data-party="${respondentParty.id}"]`).getByTestId('confirmation-fix-wait'),
          `待${c.people.respondent.name}上传身份证明`,
          'who must upload it',
        );
        if (await applicant.page.getByTestId('confirmation-fix-id_proof').count()) throw new Error("the applicant was offered an upload for the respondent's ID proof");

        // The respondent: the control is right next to the message.
        await page.getByTestId('confirmation-fix-id_proof').setInputFiles({ name: '身份证.png', mimeType: 'image/png', buffer: idCardPng() });
        await page.locator(`[data-testid="confirmation-package"] li[data-kind="id_proof"][data-party="${respondentParty.id}"][data-present="true"]`).waitFor();
        await expectText(page.locator(`[data-testid="confirmation-package"] li[data-kind="id_proof"][data-party="${respondentParty.id}"]`), /身份证\.png/, 'the uploaded file in the package');
        if (await page.getByTestId('confirmation-fix-id_proof').count()) throw new Error('the upload control stays after the proof is there');
        // The address is still missing: its message links to the form that fixes it.
        const contactsFix = page.locator(`[data-testid="confirmation-package"] li[data-kind="contacts"][data-party="${respondentParty.id}"]`).getByTestId('confirmation-fix-contacts');
        if ((await contactsFix.getAttribute('href')) !== `#confirmation-contacts-${respondentParty.id}`) throw new Error('the missing address does not link to its form');
        await expectNoHorizontalOverflow(page, 'the confirmation section with the fix controls at 375 px');
        await shot(page, 'paths-1-id-proof-uploaded.png');
      } finally {
        for (const x of [respondent, applicant]) await x.context.close().catch(() => undefined);
      }
    },
  },
  {
    name: 'paths: a neighbour dispute goes to the staffed committee the filing screen recommends, with no promise nobody keeps',
    /** @param {{ page: import('playwright-core').Page, baseUrl: string, browser: import('playwright-core').Browser }} ctx */
    async run({ page, baseUrl, browser }) {
      const login = await page.request.post('/api/auth/login/password', { data: { mobile: CITIZEN_MOBILE, password: DEMO_PASSWORD } });
      if (!login.ok()) throw new Error(`login answered ${login.status()}`);
      await page.goto('/cases/new');
      await expectText(page.getByTestId('filing-heading'), '申请调解', 'filing heading');
      await page.getByTestId('filing-dispute-type').selectOption('family_neighbour');
      await page.getByTestId('filing-facts').fill('楼上邻居装修三个月，每天夜里十一点后仍在施工，多次沟通无果。');
      await page.getByTestId('filing-next').click();
      await expectText(page.getByTestId('filing-step-title'), '请求与地点', 'step 2');
      await page.getByTestId('filing-other-requests').fill('晚上十点后停止施工');
      await page.getByTestId('filing-region').selectOption('330106');
      await page.getByTestId('filing-next').click();
      await expectText(page.getByTestId('filing-step-title'), '当事人', 'step 3');
      const idInput = page.getByTestId('applicant-id-number');
      if ((await idInput.count()) && (await idInput.isEditable())) await idInput.fill(residentId('33010619900307123'));
      await page.getByTestId('respondent-name').fill('李四');
      await page.getByTestId('respondent-mobile').fill('13800000002');
      await page.getByTestId('filing-next').click();

      // Step 4: the recommendation is where the case will go — the staffed committee, not the
      // nearer police office that has no dispatcher and no mediator.
      await expectText(page.getByTestId('filing-step-title'), '调解组织与调解员', 'step 4');
      await expectText(page.getByTestId('organisation-auto-target'), /将分配给：西湖区人民调解委员会/, 'where automatic routing sends it');
      await expectText(page.locator('label:has([data-testid="organisation-recommended"])'), /西湖区人民调解委员会/, 'the recommended organisation');
      if ((await page.getByTestId('organisation-recommended').count()) !== 1) throw new Error('more than one organisation recommended');
      const police = page.locator('label:has-text("西湖区公安分局警调衔接调解室")');
      await expectText(police.getByTestId('organisation-unavailable'), /暂时不能受理/, 'the unstaffed office says it cannot take it');
      if (!(await police.locator('input[type="radio"]').isDisabled())) throw new Error('the unstaffed office can still be chosen');
      await expectNoHorizontalOverflow(page, 'organisation step at 375 px');
      await shot(page, 'paths-2-filing-organisation.png');
      await page.getByTestId('filing-next').click();

      await expectText(page.getByTestId('filing-step-title'), '上传材料', 'step 5');
      await page.getByTestId('upload-id-card-input').setInputFiles({ name: 'id-card.png', mimeType: 'image/png', buffer: idCardPng() });
      await page.getByTestId('upload-id-card-file').waitFor();
      await page.getByTestId('filing-next').click();
      await expectText(page.getByTestId('filing-step-title'), '确认并提交', 'step 6');
      await tick(page.getByTestId('filing-notice-seen'));
      await tick(page.getByTestId('filing-consent'));
      await page.getByTestId('filing-submit').click();

      const submitted = await expectText(page.getByTestId('case-submitted'), /申请已提交，案件编号 TJ-\d{4}-\d{6}。/, 'submitted');
      const number = /TJ-\d{4}-\d{6}/.exec(submitted)?.[0] ?? '';
      // The promise names who will call and by when; no "same day" the office cannot keep.
      await expectText(page.getByTestId('case-submitted-contact'), /西湖区人民调解委员会会在 \d{2}-\d{2} \d{2}:\d{2} 前与您联系/, 'who contacts the citizen, and by when');
      if (/当天/.test(submitted)) throw new Error(`the citizen is still promised a same-day call: ${submitted}`);
      const caseId = /\/cases\/([0-9a-f-]{36})$/.exec(new URL(page.url()).pathname)?.[1] ?? '';
      const detail = await (await page.request.get(`/api/cases/${caseId}`)).json();
      if (detail.organisationName !== '西湖区人民调解委员会') throw new Error(`routed to ${detail.organisationName}`);
      await shot(page, 'paths-2-submitted.png');

      // The committee's dispatcher has it in the queue, on a laptop.
      const dispatcher = await laptopAs(browser, baseUrl, WHO.dispatcher.mobile);
      try {
        await dispatcher.page.goto('/home');
        await dispatcher.page.getByTestId('org-queue').locator(`[data-testid="case-item"][data-number="${number}"]`).waitFor();
        await expectNoHorizontalOverflow(dispatcher.page, 'the dispatcher queue at 1366 px');
      } finally {
        await dispatcher.context.close().catch(() => undefined);
      }
    },
  },
  {
    name: 'paths: the judge reads the ruling before issuing it; going back issues nothing (1366 px)',
    /** @param {{ baseUrl: string, browser: import('playwright-core').Browser }} ctx */
    async run({ baseUrl, browser }) {
      // The case of the first journey (its respondent uploaded the ID proof in the browser), or a new one.
      const c = await settledCase(baseUrl);
      const respondentApi = c.people.respondent.api;
      const overviewBefore = await respondentApi.call('GET', `/api/cases/${c.id}/confirmation`);
      if (overviewBefore.packageItems.some((/** @type {{ kind: string, present: boolean }} */ i) => i.kind === 'id_proof' && !i.present)) {
        const form = new FormData();
        form.append('kind', 'id_card');
        form.append('file', new Blob([idCardPng()], { type: 'image/png' }), 'id.png');
        await respondentApi.call('POST', `/api/cases/${c.id}/documents`, form);
      }
      // R31: every party's service address first, then both sign.
      await c.people.applicant.api.call('POST', `/api/cases/${c.id}/confirmation/contacts`, { partyId: c.applicant.id, address: '杭州市西湖区文三路1号', domicileRegion: '330106' });
      await c.people.respondent.api.call('POST', `/api/cases/${c.id}/confirmation/contacts`, { partyId: c.respondent.id, address: '杭州市西湖区天目山路2号', domicileRegion: '330106' });
      await applyThroughApi(baseUrl, c.id, c.people.applicant);
      const overview = await applyThroughApi(baseUrl, c.id, c.people.respondent);
      const appId = overview.application?.id;
      if (!appId || overview.application.status !== 'submitted') throw new Error(`application not submitted: ${JSON.stringify(overview.application)}`);
      const judgeApi = await apiAs(baseUrl, WHO.judge.mobile);
      await judgeApi.call('POST', `/api/court/confirmations/${appId}/accept`, {});

      const judge = await laptopAs(browser, baseUrl, WHO.judge.mobile);
      try {
        const page = judge.page;
        await page.goto(`/court/confirmations/${appId}`);
        await page.getByTestId('court-confirm').click();
        const preview = page.getByTestId('court-confirm-preview');
        await expectText(page.getByTestId('court-preview-main'), /申请人赵一与钱二于\d{4}年\d{1,2}月\d{1,2}日达成的调解协议有效/, 'the operative part of the ruling');
        await expectText(preview, /杭州市西湖区人民法院/, 'the court');
        await expectText(preview, new RegExp(c.number), 'the case number');
        await expectText(page.getByTestId('court-preview-obligations'), /钱二 → 赵一：归还借款/, 'the obligations confirmed');
        await expectText(preview, /不能撤回/, 'that it cannot be withdrawn');
        await expectNoHorizontalOverflow(page, 'the ruling preview at 1366 px');
        await shot(page, 'paths-3-ruling-preview.png');
        // Going back issues nothing.
        await page.getByTestId('court-confirm-preview-back').click();
        await preview.waitFor({ state: 'hidden' });
        const still = await judgeApi.call('GET', `/api/court/confirmations/${appId}`);
        if (still.status !== 'accepted' || still.ruling) throw new Error(`going back issued something: ${still.status}`);
        // Issued from the dialog's own button.
        await page.getByTestId('court-confirm').click();
        await page.getByTestId('court-confirm-preview-ok').click();
        await expectText(page.getByTestId('court-ruling'), /民特\d+号/, 'the ruling issued');
      } finally {
        await judge.context.close().catch(() => undefined);
      }
    },
  },
  {
    name: 'paths: the mediator reads what a signature and an ending will issue before sending them (1366 px)',
    /** @param {{ baseUrl: string, browser: import('playwright-core').Browser }} ctx */
    async run({ baseUrl, browser }) {
      // An agreement put to signature through the API; the mediator signs it in the browser.
      const c = await mediatingCase(baseUrl);
      const { applicant: applicantParty, respondent: respondentParty } = sides(c);
      const mediatorApi = await apiAs(baseUrl, WHO.mediator.mobile);
      let a = await mediatorApi.call('POST', `/api/cases/${c.id}/agreements`, {
        partial: false,
        content: { facts: '2025年6月李四向张三借款人民币两万元，逾期未还。', disputedMatters: '借款本金的归还', responsibilities: '李四同意归还借款。', otherTerms: '双方再无其他争议。' },
        obligations: [
          {
            obligorPartyId: respondentParty.id,
            obligeePartyId: applicantParty.id,
            kind: 'payment',
            description: '归还借款',
            amount: '20000.00',
            place: '杭州',
            method: '银行转账',
            dueDate: '2026-12-31',
          },
        ],
      });
      a = await mediatorApi.call('POST', `/api/agreements/${a.id}/start-signing`, { revision: a.revision });

      const mediator = await laptopAs(browser, baseUrl, WHO.mediator.mobile);
      try {
        const page = mediator.page;
        await page.goto(`/cases/${c.id}/agreement`);
        await page.getByTestId('agreement-sign').click();
        await page.getByTestId('signing-dialog').waitFor();
        // Once a minute per number: wait out the code this mediator asked for in another journey.
        const waitMs = lastMediatorCodeAt + 61_000 - Date.now();
        if (waitMs > 0) await sleep(waitMs);
        const before = await latestCode(baseUrl, WHO.mediator.mobile).catch(() => null);
        await page.getByTestId('sign-request-code').click();
        await page
          .getByTestId('sign-code-sent')
          .waitFor({ timeout: 10_000 })
          .catch(async () => {
            // Another journey's code (e.g. the confirmation journey's) was less than a minute ago.
            await sleep(61_000);
            await page.getByTestId('sign-request-code').click();
            await page.getByTestId('sign-code-sent').waitFor();
          });
        lastMediatorCodeAt = Date.now();
        await page.getByTestId('sign-code').fill(await latestCode(baseUrl, WHO.mediator.mobile, before));
        const canvas = page.locator('[data-testid="signature-canvas"]');
        const target = (await canvas.evaluate((el) => el.tagName)) === 'CANVAS' ? canvas : canvas.locator('canvas');
        const box = await target.boundingBox();
        if (!box) throw new Error('no signature canvas');
        await page.mouse.move(box.x + 20, box.y + box.height / 2);
        await page.mouse.down();
        for (let i = 1; i <= 12; i++) await page.mouse.move(box.x + 20 + i * 15, box.y + box.height / 2 + (i % 2 ? 12 : -12), { steps: 2 });
        await page.mouse.up();
        await page.getByTestId('sign-submit').click();
        // The preview names the agreement by its case and draft (citizen words: no hash on screen).
        await expectText(page.getByTestId('sign-confirm-signer'), WHO.mediator.name, 'the signer');
        await expectText(page.getByTestId('sign-confirm-agreement'), new RegExp(`${c.number} 的调解协议（第 ${a.revision} 稿）`), 'the agreement and draft signed');
        if ((await page.getByTestId('sign-confirm').innerText()).includes(a.contentHash)) throw new Error('the signing preview shows the content hash');
        await shot(page, 'paths-4-sign-preview.png');
        await page.getByTestId('sign-confirm-back').click();
        await page.getByTestId('sign-confirm').waitFor({ state: 'hidden' });
        let now = await mediatorApi.call('GET', `/api/cases/${c.id}/agreements`);
        if (now[0].signatures.length) throw new Error('going back signed anyway');
        await page.getByTestId('sign-submit').click();
        await page.getByTestId('sign-confirm-ok').click();
        await page.getByTestId('signing-dialog').waitFor({ state: 'detached' });
        now = await until(async () => {
          const list = await mediatorApi.call('GET', `/api/cases/${c.id}/agreements`);
          return list[0].signatures.length === 1 && list;
        }, 'the mediator signature');

        // Another case ends in failure: the reason and the report are read before they are issued.
        const failed = await mediatingCase(baseUrl);
        await page.goto(`/cases/${failed.id}`);
        await page.getByTestId('ending-panel').getByTestId('ending-terminate').click();
        const dialog = page.getByTestId('terminate-dialog');
        await dialog.getByText('双方分歧过大').click();
        await dialog.getByTestId('terminate-situation').fill('经两次联合调解，双方对还款期限分歧过大。');
        await dialog.getByTestId('terminate-dialog-submit').click();
        await expectText(page.getByTestId('terminate-preview-reason'), /双方分歧过大/, 'the reason');
        await expectText(page.getByTestId('terminate-preview-situation'), /还款期限分歧过大/, 'the report text');
        await expectNoHorizontalOverflow(page, 'the termination preview at 1366 px');
        await shot(page, 'paths-4-terminate-preview.png');
        await page.getByTestId('terminate-dialog-preview-back').click();
        const stillMediating = await mediatorApi.call('GET', `/api/cases/${failed.id}`);
        if (stillMediating.state !== 'MEDIATING') throw new Error(`going back ended the mediation: ${stillMediating.state}`);
        await dialog.getByTestId('terminate-dialog-submit').click();
        await page.getByTestId('terminate-dialog-preview-ok').click();
        await expectText(page.getByTestId('case-state'), '调解终止', 'ended after confirming');
      } finally {
        await mediator.context.close().catch(() => undefined);
      }
    },
  },
];

module.exports = { journeys, newSettledCase, applyThroughApi, laptopAs };
