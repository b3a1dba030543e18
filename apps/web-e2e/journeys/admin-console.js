#!/usr/bin/env node
// @ts-check
/**
 * Browser journey of the system admin console (issue #13), at laptop width and then on a phone:
 * the admin edits an organisation (a bad region code is refused on its field; the English name
 * is then seen on the public list in English), makes a day a holiday, changes the LPR, disables
 * an account (which then cannot log in), and sees each change in the audit view. Used by run.js
 * (`...require('./journeys/admin-console').journeys`); it disables the demo court clerk, so it
 * runs after every journey that uses that account.
 */
'use strict';

const { PHONE, DEMO_PASSWORD, expectNoHorizontalOverflow, expectText, logInWithPassword, logOut, shot } = require('../lib');

const LAPTOP = { width: 1366, height: 860 };
const NAME_EN = 'West Lake Neighbourhood Mediation Committee';

/**
 * A Wednesday in June of `year` (never a statutory holiday), YYYY-MM-DD.
 * @param {number} year
 */
function juneWednesday(year) {
  const d = new Date(Date.UTC(year, 5, 10));
  while (d.getUTCDay() !== 3) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

const journeys = [
  {
    name: 'system admin console: organisation English name, holiday override, LPR, disabling an account, audit view',
    /** @param {{ page: import('playwright-core').Page, browser: import('playwright-core').Browser, baseUrl: string }} ctx */
    async run({ page }) {
      await page.setViewportSize(LAPTOP);
      await logInWithPassword(page, '13600000001', '系统管理员');
      await page.getByTestId('user-menu').click();
      await page.getByTestId('menu-admin').click();
      await page.getByTestId('admin-organisations').waitFor();

      // Organisation: a bad region is refused on its field, then the English name is saved.
      await page.getByTestId('org-edit-西湖区人民调解委员会').click();
      const form = page.getByTestId('org-form');
      await form.waitFor();
      await page.getByTestId('org-region').fill('33');
      await page.getByTestId('org-name-en').fill(NAME_EN);
      await page.getByTestId('org-save').click();
      await expectText(form.locator('.ant-form-item-has-error'), /所在地区代码/, 'region error shown on its field');
      await page.getByTestId('org-region').fill('330106');
      await page.getByTestId('org-save').click();
      await expectText(page.getByTestId('admin-organisations'), new RegExp(NAME_EN), 'English name in the list');
      await shot(page, 'admin-1-organisations.png');

      // Holiday calendar: a Wednesday the year after next becomes a holiday.
      const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear() + 2;
      const day = juneWednesday(year);
      await page.getByTestId('admin-menu-calendar').click();
      await page.getByTestId('calendar-override').waitFor();
      await page.getByTestId('override-date').fill(day);
      await page.getByTestId('override-reason').fill('防台风临时放假');
      await page.getByTestId('override-save').click();
      await page.getByText(`${day} 已设为休息日`).waitFor();
      await page.locator(`[data-date="${day}"][data-kind="holiday"]`).waitFor();
      await shot(page, 'admin-2-calendar-override.png');

      // Settings: the LPR.
      await page.getByTestId('admin-menu-settings').click();
      const lpr = page.getByTestId('setting-lpr.oneYearPercent');
      await lpr.getByTestId('setting-value').fill('30');
      await lpr.getByTestId('setting-save').click();
      await expectText(lpr.locator('.ant-form-item-has-error'), /超出允许的范围/, 'out-of-range LPR refused on its field');
      await lpr.getByTestId('setting-value').fill('3.10');
      await lpr.getByTestId('setting-save').click();
      await expectText(lpr.getByTestId('setting-meta'), /修改/, 'LPR changed');

      // Accounts: find the court clerk (mobile masked), disable the account.
      await page.getByTestId('admin-menu-accounts').click();
      await page.getByTestId('accounts-search').locator('input').fill('周书记员');
      await page.getByTestId('accounts-search').locator('input').press('Enter');
      await page.getByTestId('account-row-137****0002').click();
      await page.getByTestId('account-disable').click();
      await page.getByTestId('account-disable-reason').fill('岗位调整');
      await page.getByTestId('account-disable-confirm-ok').click();
      await expectText(page.getByTestId('account-detail'), /已停用/, 'account disabled');
      await shot(page, 'admin-3-account-disabled.png');
      await page.keyboard.press('Escape');
      await page.getByTestId('account-detail').waitFor({ state: 'detached' });

      // Audit: each change above, with who made it.
      await page.getByTestId('admin-menu-audit').click();
      const audit = page.getByTestId('admin-audit');
      for (const action of ['organisation.updated', 'holiday_calendar.override', 'setting.put', 'account.disabled']) {
        await expectText(audit, new RegExp(action.replace('.', '\\.')), `audit row ${action}`);
      }
      await expectText(audit, /系统管理员/, 'the actor shown');
      await page.getByTestId('audit-entity').click();
      await page.locator('.ant-select-item-option').filter({ hasText: '平台设置' }).click();
      await page.getByTestId('audit-apply').click();
      await expectText(audit.getByTestId('audit-detail').first(), /3\.00.*3\.10/, 'LPR before and after');
      await expectNoHorizontalOverflow(page, 'audit view (laptop)');
      await shot(page, 'admin-4-audit.png');

      // Readable on a phone: the menu becomes a top strip, the page does not overflow.
      await page.setViewportSize(PHONE);
      await page.goto('/admin/accounts');
      await page.getByTestId('admin-accounts').waitFor();
      await expectNoHorizontalOverflow(page, 'accounts (phone)');
      await shot(page, 'admin-5-phone.png');
      await logOut(page);

      // The disabled account cannot log in.
      await page.getByTestId('login-mobile').fill('13700000002');
      await page.getByTestId('login-password').fill(DEMO_PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.getByText('该账号已被停用').first().waitFor();

      // The public list, in English, shows the English name.
      await page.goto('/');
      await page.getByTestId('language-switch').click();
      await expectText(page.getByTestId('landing-organisations'), new RegExp(NAME_EN), 'English name on the public list');
    },
  },
];

module.exports = { journeys };
