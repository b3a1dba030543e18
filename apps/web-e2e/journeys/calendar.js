#!/usr/bin/env node
// @ts-check
/**
 * Browser journey of the holiday calendar (issue #10): the system admin is warned on the home
 * page that next year's holiday schedule is not entered, opens the calendar page at laptop
 * width, has a date outside the year refused on its line, enters the year, and the warning is
 * gone. Used by run.js (`...require('./journeys/calendar').journeys`). It enters next year's
 * schedule, so it runs after the journeys whose deadlines might fall in next year.
 */
'use strict';

const { expectNoHorizontalOverflow, expectText, logInWithPassword, shot } = require('../lib');

const LAPTOP = { width: 1366, height: 860 };

/**
 * The first Sunday of March of `year`, YYYY-MM-DD (a weekend day, never a statutory holiday, to mark as worked).
 * @param {number} year
 */
function firstSundayOfMarch(year) {
  const d = new Date(Date.UTC(year, 2, 1));
  d.setUTCDate(1 + ((7 - d.getUTCDay()) % 7));
  return d.toISOString().slice(0, 10);
}

const journeys = [
  {
    name: 'system admin is warned of an unpublished holiday year and enters it (laptop)',
    /** @param {{ page: import('playwright-core').Page }} ctx */
    async run({ page }) {
      await page.setViewportSize(LAPTOP);
      const next = new Date(Date.now() + 8 * 3600_000).getUTCFullYear() + 1;
      await logInWithPassword(page, '13600000001', '系统管理员');
      const warning = page.getByTestId('calendar-warning');
      await expectText(warning, new RegExp(`${next}年的节假日安排尚未录入`), 'home warning for next year');
      await shot(page, 'calendar-1-home-warning.png');
      await warning.getByRole('link').click();

      await expectText(page.getByTestId('calendar-heading'), /节假日日历/, 'calendar page heading');
      await page.getByPlaceholder('年份').fill(String(next));
      await page.getByTestId('calendar-open-year').click();
      await expectText(page.getByTestId('calendar-year-status'), /未公布/, 'next year is unpublished');
      await expectText(page.getByTestId('calendar-statutory'), /春节/, 'statutory holidays listed');
      await page.getByTestId('calendar-fill-statutory').click();

      // A date of the wrong year is refused and shown on its line.
      await page.getByTestId('calendar-workdays').fill(`${next - 1}-02-14`);
      await page.getByTestId('calendar-save').click();
      await page.getByText(`第1行的日期不在${next}年`).waitFor();

      const worked = firstSundayOfMarch(next);
      await page.getByTestId('calendar-workdays').fill(worked);
      await page.getByTestId('calendar-save').click();
      await page.getByText(`${next}年日历已保存`).waitFor();
      await expectText(page.getByTestId('calendar-year-status'), /^已公布/, 'next year published');
      await expectText(page.getByTestId('calendar-year-status'), /管理员录入/, 'entered by the admin');
      const cell = page.locator(`[data-date="${worked}"]`);
      if ((await cell.getAttribute('data-kind')) !== 'workday') throw new Error(`${worked} should show as a swapped working day`);
      await expectNoHorizontalOverflow(page, 'calendar page (laptop)');
      await shot(page, 'calendar-2-admin-page.png');

      await page.goto('/home');
      await page.getByTestId('calendar-ok').waitFor();
      if (await page.getByTestId('calendar-warning').count()) throw new Error('the warning should be gone once next year is entered');
    },
  },
];

module.exports = { journeys };
