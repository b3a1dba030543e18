#!/usr/bin/env node
// @ts-check
/**
 * Browser journey of R38 (issue #13, complaints): a party of a case in mediation files a
 * complaint about its mediator from the case page on a phone, with evidence; the
 * organisation's admin finds it in the complaints queue at laptop width, takes it into
 * investigation and decides with a coded outcome and reasons; the party sees the outcome in
 * "my complaints". Used by run.js (`...require('./journeys/complaints').journeys`).
 */
'use strict';

const { apiAs, expectNoHorizontalOverflow, expectText, idCardPng, logInWithPassword, shot } = require('../lib');
const { mediatingCase } = require('./mediation');

const LAPTOP = { width: 1366, height: 860 };
const REASONS = '经调取录音核实，调解员语气不当，已批评教育并调整其工作安排。';

const journeys = [
  {
    name: 'complaint (R38): a party files about its mediator with evidence and sees the outcome after the org admin decides',
    /** @param {{ page: import('playwright-core').Page, baseUrl: string, browser: import('playwright-core').Browser }} ctx */
    async run({ page, baseUrl, browser }) {
      const c = await mediatingCase(baseUrl);
      const mediator = await apiAs(baseUrl, '13900000004');

      // 张三 on a phone: from the case page.
      await logInWithPassword(page, '13800000001', '张三');
      await page.goto(`/cases/${c.id}`);
      await page.getByTestId('case-complain').click();
      await expectText(page.getByTestId('complaint-file-case'), new RegExp(c.number), 'the complaint names the case');
      await page.getByTestId(`complaint-subject-mediator-${mediator.user.id}`).check();
      await page.getByTestId('complaint-ground-rudeness').check();
      await page.getByTestId('complaint-description').fill('3月2日调解时，调解员多次呵斥我，不让我陈述借款经过。');
      await page.getByTestId('complaint-evidence').setInputFiles({ name: 'record.png', mimeType: 'image/png', buffer: idCardPng() });
      await expectNoHorizontalOverflow(page, 'file a complaint (phone)');
      await shot(page, 'complaint-1-file-phone.png');
      await page.getByTestId('complaint-submit').click();
      await page.getByTestId('complaint-filed').waitFor();
      const complaintId = new URL(page.url()).pathname.split('/').pop() ?? '';
      await expectText(page.getByTestId('complaint-status'), '已收到', 'received');
      await expectText(page.getByTestId('complaint-evidence-list'), 'record.png', 'the evidence is listed');

      // 陈主任 at laptop width: the queue, then the handling page.
      const laptop = await browser.newContext({ baseURL: baseUrl, viewport: LAPTOP, locale: 'zh-CN' });
      try {
        const admin = await laptop.newPage();
        admin.setDefaultTimeout(15_000);
        await logInWithPassword(admin, '13900000002', '陈主任');
        await admin.getByTestId('user-menu').click();
        await admin.getByTestId('menu-complaint-queue').click();
        const row = admin.locator(`[data-testid="complaint-queue-row"][data-id="${complaintId}"]`);
        await expectText(row, /已收到/, 'the complaint in the queue');
        await expectNoHorizontalOverflow(admin, 'complaints queue (laptop)');
        await shot(admin, 'complaint-2-queue-laptop.png');
        await row.getByTestId('complaint-queue-open').click();
        await expectText(admin.getByTestId('complaint-complainant'), '张三', 'the handler sees the complainant');
        await admin.getByTestId('complaint-investigate').click();
        await expectText(admin.getByTestId('complaint-status'), '调查中', 'investigating');
        await admin.getByTestId('complaint-note').fill('内部：已调取3月2日录音。');
        await admin.getByTestId('complaint-note-add').click();
        await admin.locator('[data-testid="complaint-event"][data-type="note"]').waitFor();
        await admin.getByTestId('complaint-outcome-partly_upheld').check();
        await admin.getByTestId('complaint-reasons').fill(REASONS);
        await admin.getByTestId('complaint-decide').click();
        await expectText(admin.getByTestId('complaint-outcome-text'), '部分成立', 'decided');
        await shot(admin, 'complaint-3-decided-laptop.png');
      } finally {
        await laptop.close();
      }

      // 张三 again: my complaints shows the outcome; the page the reasons, never the internal note.
      await page.goto('/home');
      await page.getByTestId('user-menu').click();
      await page.getByTestId('menu-complaints').click();
      const mine = page.locator(`[data-testid="my-complaint"][data-id="${complaintId}"]`);
      await expectText(mine, /部分成立/, 'the outcome in my complaints');
      await mine.getByRole('link').click();
      await expectText(page.getByTestId('complaint-reasons-text'), REASONS, 'the reasons');
      await page.locator('[data-testid="complaint-page"][data-status="told"]').waitFor();
      const history = await page.getByTestId('complaint-history').innerText();
      if (history.includes('已调取3月2日录音')) throw new Error('the complainant must not see the internal note');
      await expectNoHorizontalOverflow(page, 'complaint outcome (phone)');
      await shot(page, 'complaint-4-outcome-phone.png');
    },
  },
];

module.exports = { journeys };
