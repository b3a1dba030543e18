#!/usr/bin/env node
// @ts-check
/**
 * Browser journeys of issue #11 "small things users notice": uploads previewed and removable
 * before they are sent (the filing form, the chat composer), staff queues as tables at laptop
 * width, no duplicate element ids and no 401 in the console of an anonymous first load.
 * Used by run.js (`...require('./journeys/small').journeys`).
 */
'use strict';

const { apiAs, CITIZEN_MOBILE, expectNoHorizontalOverflow, expectText, idCardPng, logInWithPassword, residentId, shot, until } = require('../lib');
const { mediatingCase } = require('./mediation');

/** A small PDF (the server recognises it by its bytes). */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n');

const journeys = [
  {
    name: 'small things: an upload is previewed and can be removed before submitting, in the filing form and in the chat',
    /** @param {{ page: import('playwright-core').Page, baseUrl: string }} ctx */
    async run({ page, baseUrl }) {
      // 1. The filing form (a draft of 张三's, on a phone): files are uploaded at once, so
      //    removing one deletes it on the server.
      const applicant = await apiAs(baseUrl, CITIZEN_MOBILE);
      const draft = await applicant.call('POST', '/api/cases', {
        disputeType: 'private_loan',
        facts: '2025年8月李四向我借款一万元，约定三个月后归还，至今未还，多次催讨无果。',
        claims: { amount: '10000' },
        region: '330106',
        applicant: { name: '张三', mobile: CITIZEN_MOBILE, idNumber: residentId('33010619900307123') },
        respondents: [{ name: '李四', mobile: '13800000002' }],
      });
      await logInWithPassword(page, CITIZEN_MOBILE, '张三');
      await page.goto(`/cases/${draft.id}/edit`);
      for (let i = 0; i < 6; i++) {
        if ((await page.getByTestId('filing-step-title').innerText()).trim() === '上传材料') break;
        await page.getByTestId('filing-next').click();
        await page.waitForTimeout(400);
      }
      await expectText(page.getByTestId('filing-step-title'), '上传材料', 'the materials step');
      const files = page.getByTestId('upload-evidence-file');
      await page.getByTestId('upload-evidence-input').setInputFiles({ name: '转账记录.png', mimeType: 'image/png', buffer: idCardPng(120, 80) });
      await until(async () => (await files.count()) === 1, 'the image listed');
      await page.getByTestId('upload-evidence-input').setInputFiles({ name: '借款合同.pdf', mimeType: 'application/pdf', buffer: PDF });
      await until(async () => (await files.count()) === 2, 'both files listed');
      // The image shows a thumbnail that really loaded; the PDF its name, size and an open link.
      const thumb = page.getByTestId('upload-evidence').getByTestId('upload-evidence-thumb');
      await thumb.waitFor();
      await until(() => thumb.evaluate((img) => /** @type {HTMLImageElement} */ (img).complete && /** @type {HTMLImageElement} */ (img).naturalWidth === 120), 'the thumbnail loaded');
      const pdfRow = files.filter({ hasText: '借款合同.pdf' });
      await expectText(pdfRow, /借款合同\.pdf\s*1 KB/, 'the PDF with its size');
      const href = await pdfRow.getByTestId('upload-evidence-open').getAttribute('href');
      const opened = href ? await page.request.get(href) : null;
      if (!opened || opened.status() !== 200) throw new Error(`the PDF's open link does not work: ${href} ${opened?.status()}`);
      await expectNoHorizontalOverflow(page, 'filing materials with previews');
      await shot(page, 'small-1-filing-previews-zh.png');
      await pdfRow.getByTestId('upload-evidence-remove').click();
      await until(async () => (await files.count()) === 1, 'the PDF is gone from the form');
      const onServer = await applicant.call('GET', `/api/cases/${draft.id}`);
      const names = onServer.documents.map((/** @type {{ fileName: string }} */ d) => d.fileName);
      if (names.includes('借款合同.pdf') || !names.includes('转账记录.png')) throw new Error(`the server still has: ${names.join(', ')}`);

      // 2. The chat composer: a chosen file waits, previewed, until "send"; it can be removed.
      const c = await mediatingCase(baseUrl);
      await page.goto(`/cases/${c.id}/mediation`);
      await page.locator('[data-testid="mediation-page"][data-role="party"][data-status="live"]').waitFor({ timeout: 20_000 });
      const conversation = page.getByTestId('conversation');
      const attachments = conversation.locator('[data-testid="message"][data-kind="attachment"]');
      await conversation.getByTestId('composer-file').setInputFiles({ name: '欠条.png', mimeType: 'image/png', buffer: idCardPng(100, 60) });
      const pendingThumb = conversation.getByTestId('composer-pending-thumb');
      await pendingThumb.waitFor();
      await until(() => pendingThumb.evaluate((img) => /** @type {HTMLImageElement} */ (img).naturalWidth === 100), 'the pending thumbnail loaded');
      await page.waitForTimeout(1000);
      if ((await attachments.count()) !== 0) throw new Error('the chosen image was sent before "send"');
      await expectNoHorizontalOverflow(page, 'composer with a pending image');
      await shot(page, 'small-2-composer-pending-zh.png');
      await conversation.getByTestId('composer-pending-remove').click();
      await conversation.getByTestId('composer-pending').waitFor({ state: 'detached' });
      await conversation.getByTestId('composer-file').setInputFiles({ name: '还款计划.pdf', mimeType: 'application/pdf', buffer: PDF });
      await expectText(conversation.getByTestId('composer-pending'), /还款计划\.pdf\s*1 KB/, 'the pending PDF with its size');
      await conversation.getByTestId('composer-pending-open').waitFor();
      await page.waitForTimeout(500);
      if ((await attachments.count()) !== 0) throw new Error('a file was sent before "send"');
      await conversation.getByTestId('composer-send').click();
      await expectText(attachments.last().getByTestId('message-attachment'), /还款计划\.pdf/, 'the PDF sent on "send"');
      if ((await attachments.count()) !== 1) throw new Error(`expected one attachment message, saw ${await attachments.count()}`);
      const text = await conversation.innerText();
      if (text.includes('欠条.png')) throw new Error('the removed image was sent');
    },
  },
];

module.exports = { journeys };

/**
 * The element ids that occur more than once on the page (label `for`, aria references and
 * anchors need them unique).
 * @param {import('playwright-core').Page} page
 */
function duplicateIds(page) {
  return page.evaluate(() => {
    const seen = new Map();
    for (const el of document.querySelectorAll('[id]')) seen.set(el.id, (seen.get(el.id) ?? 0) + 1);
    return [...seen].filter(([, n]) => n > 1).map(([id, n]) => `${id}×${n}`);
  });
}

journeys.push({
  name: 'small things: no duplicate element ids on the main pages, and no 401 on an anonymous first load',
  /** @param {{ page: import('playwright-core').Page, baseUrl: string, browser: import('playwright-core').Browser }} ctx */
  async run({ page, baseUrl, browser }) {
    const problems = /** @type {string[]} */ ([]);
    /** @param {import('playwright-core').Page} p @param {string} path @param {string} ready test id(s), `a|b` for either @param {string} who */
    const visit = async (p, path, ready, who) => {
      await p.goto(path);
      await p.locator(ready.split('|').map((id) => `[data-testid="${id}"]`).join(', ')).first().waitFor({ timeout: 20_000 });
      await p.waitForLoadState('networkidle');
      const dups = await duplicateIds(p);
      if (dups.length) problems.push(`${path} (${who}): duplicate ids ${dups.join(', ')}`);
    };

    // Anonymous: no response is a 401, so nothing is logged in the console.
    const unauthorised = /** @type {string[]} */ ([]);
    const consoleErrors = /** @type {string[]} */ ([]);
    page.on('response', (response) => {
      if (response.status() === 401) unauthorised.push(new URL(response.url()).pathname);
    });
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    for (const [path, ready] of [['/', 'landing-heading'], ['/login', 'login-heading'], ['/register', 'register-heading'], ['/consult', 'consult-heading']]) {
      await visit(page, path, ready, 'anonymous');
    }
    // Both ways of logging in mounted at once (the tabs keep the first one).
    await page.goto('/login');
    await page.getByTestId('login-tab-sms').click();
    await page.getByTestId('otp-mobile').waitFor();
    const loginDups = await duplicateIds(page);
    if (loginDups.length) problems.push(`/login after switching to the SMS tab: duplicate ids ${loginDups.join(', ')}`);
    if (unauthorised.length) problems.push(`anonymous pages got 401 from: ${[...new Set(unauthorised)].join(', ')}`);
    if (consoleErrors.length) problems.push(`anonymous pages logged: ${[...new Set(consoleErrors)].join(' | ')}`);

    // A citizen on a phone: home, filing, a case, its mediation page, the profile.
    const c = await mediatingCase(baseUrl);
    await logInWithPassword(page, CITIZEN_MOBILE, '张三');
    await visit(page, '/home', 'home-heading', 'citizen');
    await visit(page, '/cases/new', 'filing-heading', 'citizen');
    await visit(page, `/cases/${c.id}`, 'case-heading', 'citizen');
    await visit(page, `/cases/${c.id}/mediation`, 'mediation-page', 'citizen');
    await visit(page, '/profile', 'profile-heading', 'citizen');
    await visit(page, '/settings/notifications', 'prefs-form', 'citizen');

    // Staff at laptop width: the mediator's home and console, the dispatcher's home, the court.
    for (const [mobile, name, pages] of /** @type {const} */ ([
      ['13900000004', '钱调解', [['/home', 'home-heading'], [`/cases/${c.id}`, 'case-heading'], [`/cases/${c.id}/mediation`, 'mediation-page']]],
      ['13900000002', '陈主任', [['/home', 'home-heading'], ['/org/complaints', 'complaint-queue-page']]],
      ['13700000001', '刘法官', [['/home', 'home-heading'], ['/court', 'court-page'], ['/court/filings', 'court-filings-heading'], ['/court/cases', 'court-cases|court-cases-empty']]],
    ])) {
      const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1366, height: 860 } });
      try {
        const staff = await context.newPage();
        await logInWithPassword(staff, mobile, name);
        for (const [path, ready] of pages) await visit(staff, path, ready, name);
      } finally {
        await context.close();
      }
    }
    if (problems.length) throw new Error(problems.join('\n'));
  },
});
