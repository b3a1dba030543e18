#!/usr/bin/env node
// @ts-check
/**
 * Browser journey of the statistics dashboards (issue #13): a case is filed and mediated in the
 * journey; the people's committee's admin opens the dashboard from the menu at laptop width and
 * sees the numbers of its organisation (those the journeys and the seed created, one more than
 * before this journey), downloads the monthly Excel and reads it back with exceljs — its totals
 * equal the dashboard's for the month; the 司法局 opens its own dashboard on a phone and sees its
 * organisations' numbers, charts stacked. Used by run.js.
 */
'use strict';

const fs = require('node:fs');
const ExcelJS = require('exceljs');
const { apiAs, expectNoHorizontalOverflow, expectText, logInWithPassword, logOut, shot } = require('../lib');
const { mediatingCase } = require('./mediation');

const LAPTOP = { width: 1366, height: 860 };
/** A statistic card's text is its title, a line break, then the value. */
const value = (/** @type {number} */ n) => new RegExp(`\\n${n}$`);
const escape = (/** @type {string} */ s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const contains = (/** @type {string} */ s) => new RegExp(escape(s));

/** This month in China (UTC+8) as YYYY-MM, and its bounds as dashboard dates. */
function thisMonth() {
  const china = new Date(Date.now() + 8 * 3600_000);
  const month = china.toISOString().slice(0, 7);
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { month, from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

const journeys = [
  {
    name: 'statistics (issue #13): the org admin and the 司法局 see the journeys’ numbers; the monthly Excel totals match the dashboard',
    /** @param {{ page: import('playwright-core').Page, baseUrl: string, browser: import('playwright-core').Browser }} ctx */
    async run({ page, baseUrl, browser }) {
      const dispatcherApi = await apiAs(baseUrl, '13900000002');
      const bureauApi = await apiAs(baseUrl, '13400000001');
      const before = await dispatcherApi.call('GET', '/api/statistics/dashboard');
      await mediatingCase(baseUrl);
      const orgAll = await dispatcherApi.call('GET', '/api/statistics/dashboard');
      if (orgAll.totals.filed !== before.totals.filed + 1) throw new Error(`the new case is not counted: ${before.totals.filed} → ${orgAll.totals.filed}`);
      const { month, from, to } = thisMonth();
      const orgMonth = await dispatcherApi.call('GET', `/api/statistics/dashboard?from=${from}&to=${to}`);
      const bureauMonth = await bureauApi.call('GET', `/api/statistics/dashboard?from=${from}&to=${to}`);
      if (bureauMonth.totals.filed < orgMonth.totals.filed) throw new Error('the bureau sees fewer cases than one of its organisations');

      // 陈主任 at laptop width: menu → statistics.
      const laptop = await browser.newContext({ baseURL: baseUrl, viewport: LAPTOP, locale: 'zh-CN', acceptDownloads: true });
      try {
        const admin = await laptop.newPage();
        admin.setDefaultTimeout(15_000);
        await logInWithPassword(admin, '13900000002', '陈主任');
        await admin.getByTestId('user-menu').click();
        await admin.getByTestId('menu-statistics').click();
        await expectText(admin.getByTestId('statistics-scope'), /本组织/, 'the organisation scope');
        await expectText(admin.getByTestId('stat-filed'), value(orgMonth.totals.filed), 'cases filed this month (the page’s default period), as the API counts them');
        await expectText(admin.getByTestId('stat-settled'), value(orgMonth.totals.settled), 'cases settled');
        await expectText(
          admin.getByTestId('statistics-definition'),
          contains(`${orgMonth.successRate.numerator} ÷ ${orgMonth.successRate.denominator}`),
          'the success rate’s definition with its numerator and denominator',
        );
        await admin.getByTestId('chart-state').locator('canvas').first().waitFor();
        await expectText(admin.getByTestId('statistics-mediators'), /钱调解/, 'the mediator evaluation table');
        await expectNoHorizontalOverflow(admin, 'statistics (laptop)');
        await shot(admin, 'statistics-1-org-laptop.png');

        // The monthly return of this month, read back with exceljs.
        const picker = admin.getByTestId('statistics-month');
        await picker.click();
        await picker.fill(month);
        await picker.press('Enter');
        const [download] = await Promise.all([admin.waitForEvent('download'), admin.getByTestId('statistics-download-xlsx').click()]);
        const wb = new ExcelJS.Workbook();
        const bytes = fs.readFileSync(/** @type {string} */ (await download.path()));
        await wb.xlsx.load(/** @type {any} */ (bytes));
        const sheet = wb.worksheets[0];
        const total = /** @type {unknown[]} */ (sheet.getRow(sheet.rowCount).values).slice(1);
        const expected = ['合计 Total', orgMonth.totals.settled, orgMonth.totals.failed, orgMonth.totals.withdrawn, orgMonth.totals.open, orgMonth.totals.filed];
        if (JSON.stringify(total) !== JSON.stringify(expected)) throw new Error(`the Excel totals ${JSON.stringify(total)} are not the dashboard's ${JSON.stringify(expected)}`);
        if (!String(sheet.getRow(1).values).includes(month)) throw new Error('the Excel is not this month’s return');
      } finally {
        await laptop.close();
      }

      // 吴科长 (司法局) on a phone: the bureau's organisations.
      await logInWithPassword(page, '13400000001', '吴科长');
      await page.getByTestId('bureau-statistics-link').click();
      await expectText(page.getByTestId('statistics-scope'), /杭州市西湖区司法局/, 'the bureau scope');
      await expectText(page.getByTestId('stat-filed'), value(bureauMonth.totals.filed), 'the bureau’s cases filed this month');
      await page.getByTestId('chart-dispute-type').locator('canvas').first().waitFor();
      const [a, b] = await Promise.all([page.getByTestId('chart-state').boundingBox(), page.getByTestId('chart-dispute-type').boundingBox()]);
      if (!a || !b || b.y <= a.y) throw new Error('on a phone the charts stack');
      await expectNoHorizontalOverflow(page, 'statistics (phone)');
      await shot(page, 'statistics-2-bureau-phone.png');
      await logOut(page);
    },
  },
];

module.exports = { journeys };
