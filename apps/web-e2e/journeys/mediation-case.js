// @ts-check
/**
 * What the journeys of the separate sessions share (./mediation.js lists them): the people,
 * a case put into MEDIATING through the API (as apps/api/test/fixtures.ts#mediatingCase does),
 * logged-in browser contexts and the helpers of the mediation page.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');
const { apiAs, screenshotDir, sleep, idCardPng, residentId, watch, contextAs } = require('../lib');

const DESKTOP = { width: 1280, height: 860 };
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** Chromium's fake camera and microphone, and no permission prompt (the call journeys). */
const FAKE_MEDIA_ARGS = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];

const WHO = {
  mediator: { mobile: '13900000004', name: '钱调解' },
  applicant: { mobile: '13800000001', name: '张三' },
  respondent: { mobile: '13800000002', name: '李四' },
  dispatcher: { mobile: '13900000002', name: '陈主任' },
};

// ─── Helpers of these journeys (the common ones come from ../lib.js) ─────────────────────

/**
 * A screenshot from the top; `fullPage = false` keeps the viewport only (the conversation
 * pages scroll inside their panes).
 * @param {import('playwright-core').Page} page
 * @param {string} name
 * @param {boolean} [fullPage]
 */
async function shot(page, name, fullPage = true) {
  fs.mkdirSync(screenshotDir, { recursive: true });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(screenshotDir, name), fullPage });
}

/**
 * The text of the whole page, inputs included (for "the other party's words are not here").
 * @param {import('playwright-core').Page} page
 */
function pageText(page) {
  return page.evaluate(() => [document.body.innerText, ...Array.from(document.querySelectorAll('input, textarea'), (el) => /** @type {HTMLInputElement} */ (el).value)].join('\n'));
}

/**
 * A browser context logged in as `mobile` (the session cookies come from the password login).
 * @param {import('playwright-core').Browser} browser
 * @param {string} baseUrl
 * @param {string} mobile
 * @param {{ desktop?: boolean, media?: boolean }} [options]
 */
async function loggedInContext(browser, baseUrl, mobile, options = {}) {
  return contextAs(browser, baseUrl, mobile, {
    ...(options.desktop ? { viewport: DESKTOP } : {}),
    locale: 'en-US', // the app must still start in Chinese
    ...(options.media ? { permissions: ['camera', 'microphone'] } : {}),
  });
}

// ─── Putting a case into MEDIATING through the API (Node fetch) ──────────────────────────

/** The applicant's ID number on the case (check-in then needs only the SMS code, R14). */
const APPLICANT_ID = residentId('33010619850612123');

/**
 * A new private-loan case of 张三 against 李四, taken all the way to MEDIATING with 钱调解
 * (mirrors apps/api/test/mediation.spec.ts#mediatingCase).
 * @param {string} baseUrl
 * @returns {Promise<{ id: string, number: string, parties: Array<{ id: string, side: string, name: string }> }>}
 */
async function mediatingCase(baseUrl) {
  const applicant = await apiAs(baseUrl, WHO.applicant.mobile);
  const dispatcher = await apiAs(baseUrl, WHO.dispatcher.mobile);
  const mediator = await apiAs(baseUrl, WHO.mediator.mobile);
  const respondent = await apiAs(baseUrl, WHO.respondent.mobile);

  const draft = await applicant.call('POST', '/api/cases', {
    disputeType: 'private_loan',
    facts: '2025年6月李四向我借款两万元，约定半年后归还，逾期至今未还，多次催讨无果。',
    claims: { amount: '20000' },
    region: '330106',
    applicant: { name: WHO.applicant.name, mobile: WHO.applicant.mobile, idNumber: APPLICANT_ID },
    respondents: [{ name: WHO.respondent.name, mobile: WHO.respondent.mobile }],
  });
  const form = new FormData();
  form.append('kind', 'id_card');
  form.append('file', new Blob([idCardPng()], { type: 'image/png' }), 'id.png');
  await applicant.call('POST', `/api/cases/${draft.id}/documents`, form);
  let c = await applicant.call('POST', `/api/cases/${draft.id}/submit`, { version: draft.version, consent: true, noticeSeen: true });
  c = await dispatcher.call('POST', `/api/cases/${c.id}/accept`, { version: c.version });
  c = await dispatcher.call('POST', `/api/cases/${c.id}/assignments`, { version: c.version, mediatorId: mediator.user.id });
  c = await mediator.call('POST', `/api/cases/${c.id}/assignment/accept`, { version: c.version });

  // The invitation goes out through the notification outbox within a second or two.
  /** @type {string | undefined} */
  let token;
  for (let i = 0; i < 60 && !token; i++) {
    const sms = await (await fetch(`${baseUrl}/api/dev/sms?mobile=${WHO.respondent.mobile}`)).json();
    const body = sms.map((/** @type {{ body: string }} */ m) => m.body).find((/** @type {string} */ b) => b.includes(c.number) && b.includes('/invite/'));
    token = body ? /\/invite\/([A-Za-z0-9_-]+)/.exec(body)?.[1] : undefined;
    if (!token) await sleep(500);
  }
  if (!token) throw new Error(`no invitation SMS for ${c.number}`);
  await respondent.call('POST', `/api/invitations/${token}/claim`);
  c = await respondent.call('GET', `/api/cases/${c.id}`);
  await respondent.call('POST', `/api/cases/${c.id}/consent`, { version: c.version, consent: 'given', noticeSeen: true });
  c = await mediator.call('GET', `/api/cases/${c.id}`);
  c = await mediator.call('POST', `/api/cases/${c.id}/start`, { version: c.version });
  if (c.state !== 'MEDIATING') throw new Error(`expected MEDIATING, got ${c.state}`);
  return { id: c.id, number: c.number, parties: c.parties };
}

/** The case these journeys share (journey B makes its own when run alone). */
/** @typedef {Awaited<ReturnType<typeof mediatingCase>>} MediatingCase */
const flow = { case: /** @type {MediatingCase | null} */ (null) };

/**
 * @param {string} baseUrl
 * @returns {Promise<MediatingCase>}
 */
async function ensureCase(baseUrl) {
  if (!flow.case) flow.case = await mediatingCase(baseUrl);
  return flow.case;
}

// ─── Page helpers ────────────────────────────────────────────────────────────────────────

/**
 * @param {import('playwright-core').Page} page
 * @param {string} caseId
 * @param {'mediator' | 'party'} role
 */
async function openMediation(page, caseId, role) {
  await page.goto(`/cases/${caseId}/mediation`);
  await page.locator(`[data-testid="mediation-page"][data-role="${role}"][data-status="live"]`).waitFor({ timeout: 20_000 });
}

/**
 * The console column of a party's caucus (wide layout).
 * @param {import('playwright-core').Page} page
 * @param {string} partyName
 */
const column = (page, partyName) => page.locator(`[data-testid="console-column"][data-channel-kind="caucus"][data-party-name="${partyName}"]`);

/**
 * Writes and sends a message in a conversation, and waits until the server stored it.
 * @param {import('playwright-core').Locator} scope a conversation (or a column holding one)
 * @param {string} text
 * @param {{ mode?: 'proposal' | 'offer', concession?: boolean }} [options]
 */
async function send(scope, text, options = {}) {
  if (options.mode) await scope.getByTestId(`composer-mode-${options.mode}`).check({ force: true });
  if (options.concession) await scope.getByTestId('composer-concession').check({ force: true });
  await scope.getByTestId('composer-input').fill(text);
  await scope.getByTestId('composer-send').click();
  const item = scope.locator('[data-testid="message"]', { hasText: text }).last();
  await item.locator('[data-testid="message-status"][data-status="stored"], [data-testid="message-status"][data-status="read"]').waitFor({ timeout: 15_000 });
  return item;
}

/**
 * Every message of a conversation as { seq, body } (stored ones only).
 * @param {import('playwright-core').Locator} conversation
 */
async function storedMessages(conversation) {
  return conversation
    .locator('[data-testid="message"][data-seq]')
    .evaluateAll((items) => items.map((el) => ({ seq: Number(el.getAttribute('data-seq')), body: el.querySelector('[data-testid="message-body"]')?.textContent ?? '' })));
}

/**
 * Fails when a conversation shows a seq twice, out of order, or with a gap.
 * @param {{ seq: number }[]} list
 * @param {string} what
 */
function expectInOrderWithoutDoubles(list, what) {
  const seqs = list.map((m) => m.seq);
  for (let i = 1; i < seqs.length; i++) {
    if (seqs[i] !== seqs[i - 1] + 1) throw new Error(`${what}: sequence numbers not in order without gaps or doubles: ${seqs.join(',')}`);
  }
}

// ─── Journeys ───────────────────────────────────────────────────────────────────────────

// ─── The call journeys (./mediation-calls.js) ────────────────────────────────────────────

/** run.js's browser has no fake devices: the call journeys launch their own. */
function launchWithFakeMedia() {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', headless: true, args: [...CHROMIUM_ARGS, ...FAKE_MEDIA_ARGS] });
}

/**
 * The mediator (desktop) and the applicant (phone), camera and microphone allowed, each on the
 * case's mediation page; their page errors go to `errors`.
 * @param {import('playwright-core').Browser} browser
 * @param {string} baseUrl
 * @param {string} caseId
 * @param {string[]} errors
 */
async function callParticipants(browser, baseUrl, caseId, errors) {
  const mediatorContext = await loggedInContext(browser, baseUrl, WHO.mediator.mobile, { desktop: true, media: true });
  const applicantContext = await loggedInContext(browser, baseUrl, WHO.applicant.mobile, { media: true });
  const mediator = watch(await mediatorContext.newPage(), errors, 'mediator');
  const applicant = watch(await applicantContext.newPage(), errors, 'applicant');
  await openMediation(mediator, caseId, 'mediator');
  await openMediation(applicant, caseId, 'party');
  return { mediator, applicant };
}

module.exports = {
  CHROMIUM_ARGS,
  WHO,
  shot,
  pageText,
  loggedInContext,
  mediatingCase,
  ensureCase,
  openMediation,
  column,
  send,
  storedMessages,
  expectInOrderWithoutDoubles,
  launchWithFakeMedia,
  callParticipants,
};
