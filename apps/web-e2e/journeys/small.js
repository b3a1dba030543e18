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
      await p
        .locator(
          ready
            .split('|')
            .map((id) => `[data-testid="${id}"]`)
            .join(', '),
        )
        .first()
        .waitFor({ timeout: 20_000 });
      await p.waitForLoadState('networkidle');
      const dups = await duplicateIds(p);
      if (dups.length) problems.push(`${path} (${who}): duplicate ids ${dups.join(', ')}`);
      // The build leaves these antd classes' rules out of the stylesheet (UNUSED_ANTD_CLASSES in
      // apps/web/vite.config.ts): an element that carries one would show unstyled.
      const pruned = await p.evaluate(() => {
        const found = new Set();
        for (const element of document.querySelectorAll('[class]')) {
          for (const name of element.classList) if (/^ant-(col-((xs|sm|md|lg|xl|xxl|xxxl)-)?((offset|push|pull|order)-)?\d+|menu-dark)$/.test(name)) found.add(name);
        }
        return [...found];
      });
      if (pruned.length) problems.push(`${path} (${who}): classes whose rules the build leaves out: ${pruned.join(', ')}`);
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
    for (const [path, ready] of [
      ['/', 'landing-heading'],
      ['/login', 'login-heading'],
      ['/register', 'register-heading'],
      ['/consult', 'consult-heading'],
    ]) {
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
      [
        '13900000004',
        '钱调解',
        [
          ['/home', 'home-heading'],
          [`/cases/${c.id}`, 'case-heading'],
          [`/cases/${c.id}/mediation`, 'mediation-page'],
        ],
      ],
      [
        '13900000002',
        '陈主任',
        [
          ['/home', 'home-heading'],
          ['/org/complaints', 'complaint-queue-page'],
          ['/org/roster', 'roster-heading'],
          ['/statistics', 'statistics-heading'],
        ],
      ],
      [
        '13600000001',
        '系统管理员',
        [
          ['/admin/organisations', 'admin-console'],
          ['/admin/settings', 'admin-console'],
          ['/admin/accounts', 'admin-console'],
        ],
      ],
      [
        '13700000001',
        '刘法官',
        [
          ['/home', 'home-heading'],
          ['/court', 'court-page'],
          ['/court/filings', 'court-filings-heading'],
          ['/court/cases', 'court-cases|court-cases-empty'],
        ],
      ],
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

journeys.push({
  name: 'small things: staff queues are tables at laptop width (1366 px), with search, filters and sorting by deadline; the court queue too',
  /** @param {{ page: import('playwright-core').Page, baseUrl: string, browser: import('playwright-core').Browser }} ctx */
  async run({ baseUrl, browser }) {
    // Three new applications to 陈主任's organisation, and one in mediation with 钱调解.
    const applicant = await apiAs(baseUrl, CITIZEN_MOBILE);
    const submitted = [];
    for (const amount of ['3000', '4000', '5000']) {
      const draft = await applicant.call('POST', '/api/cases', {
        disputeType: 'private_loan',
        facts: `2025年9月李四向我借款${amount}元，约定一个月后归还，至今未还，多次催讨无果。`,
        claims: { amount },
        region: '330106',
        applicant: { name: '张三', mobile: CITIZEN_MOBILE, idNumber: residentId('33010619900307123') },
        respondents: [{ name: '李四', mobile: '13800000002' }],
      });
      const form = new FormData();
      form.append('kind', 'id_card');
      form.append('file', new Blob([idCardPng()], { type: 'image/png' }), 'id.png');
      await applicant.call('POST', `/api/cases/${draft.id}/documents`, form);
      submitted.push(await applicant.call('POST', `/api/cases/${draft.id}/submit`, { version: draft.version, consent: true, noticeSeen: true }));
    }
    const mediating = await mediatingCase(baseUrl);
    const dispatcherApi = await apiAs(baseUrl, '13900000002');

    const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1366, height: 860 } });
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      /** @param {import('playwright-core').Locator} scope @param {string} what */
      const expectWideTable = async (scope, what) => {
        const table = scope.locator('.ant-table');
        await table.first().waitFor();
        const width = await table.first().evaluate((el) => el.getBoundingClientRect().width);
        if (width < 1100) throw new Error(`${what}: the table is ${Math.round(width)} px wide at 1366 px, not the laptop's width`);
        const headers = await scope.locator('.ant-table-thead th').allInnerTexts();
        return headers.map((h) => h.trim());
      };
      /** @param {import('playwright-core').Locator} scope */
      const rowIds = (scope) => scope.locator('[data-testid="case-item"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')));

      // The dispatcher's organisation queue.
      await logInWithPassword(page, '13900000002', '陈主任');
      const orgQueue = page.getByTestId('home-section-org_admin');
      const headers = await expectWideTable(orgQueue, 'organisation queue');
      for (const h of ['案件编号', '状态', '最近期限']) if (!headers.some((x) => x.includes(h))) throw new Error(`organisation queue: no column ${h} in ${headers.join(' | ')}`);
      await expectNoHorizontalOverflow(page, 'organisation queue at 1366 px');
      await shot(page, 'small-3-org-queue-1366-zh.png');
      // Sorted by the nearest deadline first (as the API gives them), and the other way round on a click.
      const list = await dispatcherApi.call('GET', '/api/cases?scope=organisation&limit=100');
      /** @type {{ id: string, nextDeadline: { dueAt: string } | null }[]} */
      const listed = list.items;
      const dueOf = new Map(listed.map((c) => [c.id, c.nextDeadline ? Date.parse(c.nextDeadline.dueAt) : null]));
      /** The deadlines of the rows in the order shown (rows without one left out). */
      const shownDue = async () => (await rowIds(orgQueue)).map((id) => dueOf.get(String(id))).filter((due) => typeof due === 'number');
      const ascending = await shownDue();
      if (ascending.length < 3 || ascending.some((due, i) => i > 0 && due < ascending[i - 1]))
        throw new Error(`organisation queue not sorted by deadline: ${ascending.map((d) => new Date(d).toISOString()).join(', ')}`);
      await orgQueue.locator('.ant-table-thead th', { hasText: '最近期限' }).click();
      await until(async () => {
        const due = await shownDue();
        return due.length === ascending.length && due.every((d, i) => i === 0 || d <= due[i - 1]) && (ascending[0] === ascending[ascending.length - 1] || due[0] > due[due.length - 1]);
      }, 'a click on the deadline column puts the latest first');
      // Search by number, and the state filter.
      const target = submitted[1];
      await page.getByTestId('org-queue-search').locator('input').fill(target.number);
      await page.getByTestId('org-queue-search').locator('input').press('Enter');
      await until(async () => (await rowIds(orgQueue)).join() === target.id, 'the search leaves the one case');
      await page.getByTestId('org-queue-search').locator('input').fill('');
      await page.getByTestId('org-queue-search').locator('input').press('Enter');
      await page.getByTestId('org-state-filter').selectOption('MEDIATING');
      await until(async () => {
        const states = await orgQueue.locator('[data-testid="case-item"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-state')));
        return states.length > 0 && states.every((s) => s === 'MEDIATING');
      }, 'the state filter shows only cases in mediation');

      // The mediator's queue.
      await context.clearCookies();
      await logInWithPassword(page, '13900000004', '钱调解');
      const mediatorQueue = page.getByTestId('home-section-mediator');
      await expectWideTable(mediatorQueue, 'mediator queue');
      await mediatorQueue.locator(`[data-testid="case-item"][data-id="${mediating.id}"]`).waitFor();
      await expectNoHorizontalOverflow(page, 'mediator queue at 1366 px');

      // The court queue (its contents from a stub: three applications, deadlines out of order).
      await context.clearCookies();
      const day = (/** @type {number} */ n) => new Date(Date.now() + n * 86_400_000).toISOString();
      const item = (/** @type {string} */ id, /** @type {string} */ number, /** @type {string} */ status, /** @type {number} */ dueIn) => ({
        id,
        caseId: `case-${id}`,
        caseNumber: number,
        status,
        parties: ['张三', `李四${id}`],
        disputeType: 'private_loan',
        submittedAt: day(-1),
        deadlines: { acceptBy: status === 'submitted' ? day(dueIn) : null, acceptedAt: null, ruleBy: status === 'accepted' ? day(dueIn) : null, extended: false, overdue: false },
        openSupplements: 0,
      });
      await page.route(/\/api\/court\/confirmations\?/, (route) =>
        route.fulfill({ json: [item('a', 'TJ-2026-100001', 'accepted', 20), item('b', 'TJ-2026-100002', 'submitted', 2), item('c', 'TJ-2026-100003', 'accepted', 9)] }),
      );
      await logInWithPassword(page, '13700000001', '刘法官');
      await page.goto('/court');
      const court = page.getByTestId('court-page');
      const courtHeaders = await expectWideTable(court, 'court queue');
      if (!courtHeaders.some((h) => h.includes('期限'))) throw new Error(`court queue: no deadline column in ${courtHeaders.join(' | ')}`);
      const courtOrder = () => court.locator('[data-testid="court-queue-item"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-case-id')));
      if ((await courtOrder()).join() !== 'case-b,case-c,case-a') throw new Error(`court queue not sorted by deadline: ${(await courtOrder()).join()}`);
      await page.getByTestId('court-queue-search').locator('input').fill('100003');
      await page.getByTestId('court-queue-search').locator('input').press('Enter');
      await until(async () => (await courtOrder()).join() === 'case-c', 'the court search leaves one application');
      await expectNoHorizontalOverflow(page, 'court queue at 1366 px');
      await shot(page, 'small-4-court-queue-1366-zh.png');
    } finally {
      await context.close();
    }
  },
});
