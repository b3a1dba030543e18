#!/usr/bin/env node
// @ts-check
/**
 * Browser journeys of issue #11 "unread notices are shown to staff as unread" and "no surprises
 * before an irreversible step" (helper `esc`), each failing on the code before it:
 *   - the mediator's case page (1366 px) shows the respondent's invitation 未读 with the time it
 *     was sent, and 已读 once the respondent opened the invitation link on its phone (375 px);
 *     the applicant's own case page shows no one's read receipts (R19);
 *   - transferring a failed case (R24) and treating a confirmation application as withdrawn
 *     after its materials deadline passed (R33) each show what will be issued and to whom;
 *     going back issues nothing, the preview's own button issues it.
 * Citizens on 375 px phones, staff on 1366 px laptops.
 *
 * Used by run.js (`...require('./journeys/escalation').journeys`).
 */
'use strict';

const { apiAs, expectNoHorizontalOverflow, expectText, idCardPng, shot, until, pageAs } = require('../lib');
const { mediatingCase } = require('./mediation');
const { newSettledCase, applyThroughApi, laptopAs } = require('./paths');

const WHO = {
  applicant: { mobile: '13800000001', name: '张三' },
  respondent: { mobile: '13800000002', name: '李四' },
  mediator: { mobile: '13900000004', name: '钱调解' },
  dispatcher: { mobile: '13900000002', name: '陈主任' },
  judge: { mobile: '13700000001', name: '刘法官' },
};

/**
 * A case up to the respondent's invitation (accepted, the mediator assigned and accepting), and
 * the invitation link sent to the respondent.
 * @param {string} baseUrl
 */
async function invitedCase(baseUrl) {
  const applicant = await apiAs(baseUrl, WHO.applicant.mobile);
  const dispatcher = await apiAs(baseUrl, WHO.dispatcher.mobile);
  const mediator = await apiAs(baseUrl, WHO.mediator.mobile);
  const draft = await applicant.call('POST', '/api/cases', {
    disputeType: 'private_loan',
    facts: '2025年3月李四向我借款一万元，约定三个月后归还，逾期未还。',
    claims: { amount: '10000' },
    region: '330106',
    applicant: { name: WHO.applicant.name, mobile: WHO.applicant.mobile, idNumber: '11010519491231002X' },
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
  const token = await until(async () => {
    const sms = await (await fetch(`${baseUrl}/api/dev/sms?mobile=${WHO.respondent.mobile}`)).json();
    const body = sms.map((/** @type {{ body: string }} */ m) => m.body).find((/** @type {string} */ b) => b.includes(c.number) && b.includes('/invite/'));
    return body ? /\/invite\/([A-Za-z0-9_-]+)/.exec(body)?.[1] : null;
  }, 'the invitation SMS');
  return { id: c.id, number: c.number, token, respondentId: c.parties.find((/** @type {{ side: string }} */ p) => p.side === 'respondent').id };
}

/**
 * A 375 px phone, logged in as `mobile` when given.
 * @param {import('playwright-core').Browser} browser
 * @param {string} baseUrl
 * @param {string | null} mobile
 */
async function phoneOf(browser, baseUrl, mobile) {
  return pageAs(browser, baseUrl, mobile, { locale: 'zh-CN' });
}

const journeys = [
  {
    name: 'escalation: the mediator sees the respondent’s invitation unread, then read once opened on the phone; the applicant sees no receipts (1366 px / 375 px)',
    /** @param {{ baseUrl: string, browser: import('playwright-core').Browser }} ctx */
    async run({ baseUrl, browser }) {
      const c = await invitedCase(baseUrl);
      const mediator = await laptopAs(browser, baseUrl, WHO.mediator.mobile);
      const respondent = await phoneOf(browser, baseUrl, null);
      const applicant = await phoneOf(browser, baseUrl, WHO.applicant.mobile);
      try {
        const page = mediator.page;
        await page.goto(`/cases/${c.id}`);
        const respondentRow = page.locator('[data-testid="party"][data-side="respondent"]');
        const invite = respondentRow.locator('[data-testid="party-notice"][data-template="respondent_invited"]');
        await invite.waitFor();
        if ((await invite.getAttribute('data-read')) !== 'unread') throw new Error('the invitation is not shown unread');
        await expectText(invite, /调解邀请[\s\S]*未读[\s\S]*发出/, 'the invitation unread, with the time sent');
        await expectNoHorizontalOverflow(page, 'the staff case page with read receipts at 1366 px');
        await shot(page, 'escalation-1-invitation-unread.png');

        // The respondent opens the invitation link on its phone.
        await respondent.page.goto(`/invite/${c.token}`);
        await respondent.page.getByTestId('invitation-verify-lead').waitFor();
        await expectNoHorizontalOverflow(respondent.page, 'the invitation page at 375 px');

        await page.reload();
        const read = respondentRow.locator('[data-testid="party-notice"][data-template="respondent_invited"][data-read="read"]');
        await expectText(read.getByTestId('party-notice-read'), /已读 \d\d-\d\d \d\d:\d\d/, 'the invitation read, with the time');
        await shot(page, 'escalation-2-invitation-read.png');

        // R19: a party's case page carries nobody's read receipts.
        await applicant.page.goto(`/cases/${c.id}`);
        await applicant.page.getByTestId('case-parties').waitFor();
        if (await applicant.page.getByTestId('party-notices').count()) throw new Error('the applicant sees read receipts');
        const own = await (await apiAs(baseUrl, WHO.applicant.mobile)).call('GET', `/api/cases/${c.id}`);
        if (own.partyNotices !== null) throw new Error('the API sent read receipts to a party');
      } finally {
        for (const x of [mediator, respondent, applicant]) await x.context.close().catch(() => undefined);
      }
    },
  },
  {
    name: 'escalation: transferring a failed case and treating an application as withdrawn are previewed; going back issues nothing (1366 px)',
    /** @param {{ baseUrl: string, browser: import('playwright-core').Browser }} ctx */
    async run({ baseUrl, browser }) {
      // R24: a failed case, transferred by the mediator on a laptop.
      const failed = await mediatingCase(baseUrl);
      const mediatorApi = await apiAs(baseUrl, WHO.mediator.mobile);
      const before = await mediatorApi.call('GET', `/api/cases/${failed.id}`);
      await mediatorApi.call('POST', `/api/cases/${failed.id}/ending/terminate`, { version: before.version, reasonCode: 'positions_too_far', situation: '经两次联合调解，双方对还款期限分歧过大。' });
      const mediator = await laptopAs(browser, baseUrl, WHO.mediator.mobile);
      try {
        const page = mediator.page;
        await page.goto(`/cases/${failed.id}`);
        await page.getByTestId('ending-escalate').click();
        const dialog = page.getByTestId('escalate-dialog');
        await dialog.getByTestId('escalate-dialog-submit').click();
        const preview = page.getByTestId('escalate-dialog-preview');
        await expectText(preview.getByTestId('escalate-preview-route'), /转交法院网上立案/, 'where it goes');
        await expectText(preview.getByTestId('escalate-preview-to'), /有管辖权的法院[\s\S]*当事人/, 'to whom');
        await expectText(preview, /不能撤回/, 'that it cannot be undone');
        await expectNoHorizontalOverflow(page, 'the transfer preview at 1366 px');
        await shot(page, 'escalation-3-transfer-preview.png');
        await preview.getByTestId('escalate-dialog-preview-back').click();
        await preview.waitFor({ state: 'hidden' });
        const still = await mediatorApi.call('GET', `/api/cases/${failed.id}`);
        if (still.state !== 'TERMINATED') throw new Error(`going back transferred the case: ${still.state}`);
        await dialog.getByTestId('escalate-dialog-submit').click();
        await page.getByTestId('escalate-dialog-preview-ok').click();
        await expectText(page.getByTestId('case-state'), '已转出', 'transferred after confirming');
      } finally {
        await mediator.context.close().catch(() => undefined);
      }

      // R33: a confirmation application whose requested materials did not come in time.
      if (!process.env.DATABASE_URL) {
        console.log('    (the withdrawal preview needs DATABASE_URL: its deadline is moved into the past in the database)');
        return;
      }
      const c = await newSettledCase(baseUrl);
      await c.people.applicant.api.call('POST', `/api/cases/${c.id}/confirmation/contacts`, { partyId: c.applicant.id, address: '杭州市西湖区文三路1号', domicileRegion: '330106' });
      await c.people.respondent.api.call('POST', `/api/cases/${c.id}/confirmation/contacts`, { partyId: c.respondent.id, address: '杭州市西湖区天目山路2号', domicileRegion: '330106' });
      const form = new FormData();
      form.append('kind', 'id_card');
      form.append('file', new Blob([idCardPng()], { type: 'image/png' }), 'id.png');
      await c.people.respondent.api.call('POST', `/api/cases/${c.id}/documents`, form);
      await applyThroughApi(baseUrl, c.id, c.people.applicant);
      const overview = await applyThroughApi(baseUrl, c.id, c.people.respondent);
      const appId = overview.application?.id;
      if (!appId) throw new Error(`application not submitted: ${JSON.stringify(overview.application)}`);
      const judgeApi = await apiAs(baseUrl, WHO.judge.mobile);
      await judgeApi.call('POST', `/api/court/confirmations/${appId}/accept`, {});
      const tomorrow = new Date(Date.now() + 8 * 3600_000 + 24 * 3600_000).toISOString().slice(0, 10);
      const asked = await judgeApi.call('POST', `/api/court/confirmations/${appId}/supplements`, { text: '请补充收入证明', dueDate: tomorrow });
      // The deadline passes: moved into the past in the database (the server's clock is real).
      const { Client } = require('pg');
      const db = new Client({ connectionString: process.env.DATABASE_URL });
      await db.connect();
      try {
        await db.query("UPDATE confirmation_supplement SET due_at = now() - interval '1 hour' WHERE id = $1", [asked.supplements[0].id]);
      } finally {
        await db.end();
      }
      const judge = await laptopAs(browser, baseUrl, WHO.judge.mobile);
      try {
        const page = judge.page;
        await page.goto(`/court/confirmations/${appId}`);
        await page.getByTestId('court-decide-note').fill('逾期未补充收入证明');
        await page.getByTestId('court-decide-withdrawn').click();
        const preview = page.getByTestId('court-withdrawn-preview');
        await expectText(preview.getByTestId('court-preview-main'), /未在指定期限内补充材料（请补充收入证明），本司法确认申请按撤回处理/, 'what will be issued');
        await expectText(preview.getByTestId('court-preview-to'), /赵一、钱二/, 'to whom');
        await expectText(preview, /不能撤回/, 'that it cannot be withdrawn');
        await expectNoHorizontalOverflow(page, 'the withdrawal preview at 1366 px');
        await shot(page, 'escalation-4-withdrawal-preview.png');
        await preview.getByTestId('court-withdrawn-preview-back').click();
        await preview.waitFor({ state: 'hidden' });
        const still = await judgeApi.call('GET', `/api/court/confirmations/${appId}`);
        if (still.supplements[0].decision || still.status === 'withdrawn') throw new Error(`going back decided anyway: ${still.status}`);
        await page.getByTestId('court-decide-withdrawn').click();
        await page.getByTestId('court-withdrawn-preview-ok').click();
        await page.getByTestId('court-supplement-decision').waitFor();
        const decided = await judgeApi.call('GET', `/api/court/confirmations/${appId}`);
        if (decided.supplements[0].decision !== 'withdrawn') throw new Error(`not treated as withdrawn: ${decided.supplements[0].decision}`);
      } finally {
        await judge.context.close().catch(() => undefined);
      }
    },
  },
];

module.exports = { journeys };
