#!/usr/bin/env node
// @ts-check
/**
 * Browser journey of a failed mediation (R17, R22–R24): the mediator ends it with a coded
 * reason and a failure report, the parties are told their routes, the case is sent to online
 * filing, and the court's judge finds it in the filing queue with its package (downloaded and
 * read: the concession made in the joint conversation is not in it).
 *
 * Used by run.js (`...require('./journeys/ending').journeys`). The case is put into MEDIATING
 * through the API first (journeys/mediation.js#mediatingCase).
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { apiAs, screenshotDir, expectNoHorizontalOverflow, expectText, logInWithPassword, logOut } = require('../lib');
const { mediatingCase } = require('./mediation');

const MEDIATOR = { mobile: '13900000004', name: '钱调解' };
const APPLICANT = { mobile: '13800000001', name: '张三' };
const JUDGE = { mobile: '13700000001', name: '刘法官' };

/**
 * @param {import('playwright-core').Page} page
 * @param {string} name
 */
async function shot(page, name) {
  fs.mkdirSync(screenshotDir, { recursive: true });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(screenshotDir, name), fullPage: true });
}

/** @param {Buffer} buffer */
async function pdfText(buffer) {
  const { PDFParse } = require('pdf-parse');
  const parser = new PDFParse({ data: new Uint8Array(buffer) });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}

const journeys = [
  {
    name: 'ending: mediation fails, the mediator ends it with a failure report and escalates, the judge finds it in the court filing queue with its package',
    /** @param {{ page: import('playwright-core').Page, baseUrl: string, phone: (who: string) => Promise<import('playwright-core').Page> }} ctx */
    async run({ page, baseUrl, phone }) {
      const c = await mediatingCase(baseUrl);
      // The joint conversation: a statement, and a concession marked under R17.
      const mediatorApi = (await apiAs(baseUrl, MEDIATOR.mobile)).call;
      const applicantApi = (await apiAs(baseUrl, APPLICANT.mobile)).call;
      await mediatorApi('PUT', `/api/cases/${c.id}/joint`, { open: true });
      const channels = await applicantApi('GET', `/api/cases/${c.id}/channels`);
      const joint = channels.find((/** @type {{ kind: string }} */ ch) => ch.kind === 'joint');
      await applicantApi('POST', `/api/channels/${joint.id}/messages`, { clientId: crypto.randomUUID(), body: '借条原件已经提交给调解员。' });
      await applicantApi('POST', `/api/channels/${joint.id}/messages`, { clientId: crypto.randomUUID(), body: '只要今年还清，利息我可以不要。', concession: true });

      // The mediator ends the mediation on a phone, with the failure report.
      await logInWithPassword(page, MEDIATOR.mobile, MEDIATOR.name);
      await page.goto(`/cases/${c.id}`);
      const panel = page.getByTestId('ending-panel');
      await expectText(panel.getByTestId('ending-deadline'), /调解期限至/, 'mediation deadline');
      await panel.getByTestId('ending-terminate').click();
      const dialog = page.getByTestId('terminate-dialog');
      await dialog.waitFor();
      await dialog.getByTestId('terminate-dialog-submit').click();
      await dialog.locator('.ant-form-item-explain-error').first().waitFor();
      await dialog.getByText('双方分歧过大').click();
      await dialog.getByTestId('terminate-situation').fill('经两次联合调解，申请人要求一次性还清两万元，被申请人只同意分三年偿还，差距过大。');
      await dialog.getByTestId('terminate-cost').fill('被申请人一次无故缺席调解会议。');
      await expectNoHorizontalOverflow(page, 'end-mediation dialog');
      await shot(page, 'ending-1-terminate-dialog-zh.png');
      await dialog.getByTestId('terminate-dialog-submit').click();
      // Issue #11: the reason and the report are previewed before the mediation ends.
      await expectText(page.getByTestId('terminate-preview-reason'), /双方分歧过大/, 'the reason previewed');
      await page.getByTestId('terminate-dialog-preview-ok').click();
      await expectText(page.getByTestId('case-state'), '调解终止', 'state after ending');
      await expectText(page.getByTestId('failure-report-reason'), /双方分歧过大/, 'failure report reason');
      const reportHref = await page.getByTestId('failure-report-pdf').getAttribute('href');
      const report = await page.request.get(/** @type {string} */ (reportHref));
      if (!report.ok() || !(await pdfText(await report.body())).includes('调解不成功报告')) throw new Error('the failure report PDF did not download or read');

      // A party is told the routes (R22).
      const party = await phone('applicant');
      await logInWithPassword(party, APPLICANT.mobile, APPLICANT.name);
      await party.goto(`/cases/${c.id}`);
      await expectText(party.getByTestId('ending-route-arbitration'), /申请仲裁/, 'arbitration route');
      await expectText(party.getByTestId('ending-route-court'), /向人民法院起诉/, 'court route');
      await expectNoHorizontalOverflow(party, 'case page of a party after failure');
      await shot(party, 'ending-2-party-routes-zh.png');

      // The mediator sends it to online filing (R24).
      await page.getByTestId('ending-escalate').click();
      const escalate = page.getByTestId('escalate-dialog');
      await expectText(escalate.getByTestId('escalate-explain'), /有管辖权的法院/, 'online filing explained');
      await escalate.getByTestId('escalate-dialog-submit').click();
      // Issue #11: the preview says where it goes and to whom; only its own button sends it.
      const escalatePreview = page.getByTestId('escalate-dialog-preview');
      await expectText(escalatePreview.getByTestId('escalate-preview-to'), /有管辖权的法院/, 'the receiving court in the preview');
      await escalatePreview.getByTestId('escalate-dialog-preview-ok').click();
      await expectText(page.getByTestId('ending-filing-court'), '杭州市西湖区人民法院', 'receiving court');
      await expectText(page.getByTestId('case-state'), '已转出', 'state after escalation');
      await shot(page, 'ending-3-escalated-zh.png');
      await logOut(page);

      // The judge finds it in the court's filing queue and downloads the package.
      await logInWithPassword(page, JUDGE.mobile, JUDGE.name);
      await page.goto('/court/filings');
      const card = page.locator(`[data-testid="court-filing"][data-case-number="${c.number}"]`);
      await expectText(card.getByTestId('court-filing-parties'), '张三 诉 李四', 'parties of the filing');
      await expectNoHorizontalOverflow(page, 'court filing queue');
      await shot(page, 'ending-4-court-filings-zh.png');
      const [download] = await Promise.all([page.waitForEvent('download'), card.getByTestId('court-filing-pdf').click()]);
      const file = await download.path();
      const text = await pdfText(fs.readFileSync(/** @type {string} */ (file)));
      for (const expected of ['调解案件移送材料', c.number, '调解不成功报告', '借条原件已经提交给调解员']) {
        if (!text.includes(expected)) throw new Error(`the package PDF lacks ${expected}`);
      }
      if (text.includes('利息我可以不要')) throw new Error('the package PDF contains a concession (R17)');
      const [json] = await Promise.all([page.waitForEvent('download'), card.getByTestId('court-filing-json').click()]);
      const pkg = JSON.parse(fs.readFileSync(/** @type {string} */ (await json.path()), 'utf8'));
      if (pkg.case.number !== c.number || pkg.route !== 'online_filing') throw new Error('the package JSON is not this case’s');
      await card.getByTestId('court-filing-register').click();
      await card.and(page.locator('[data-status="registered"]')).waitFor();
    },
  },
];

module.exports = { journeys };
