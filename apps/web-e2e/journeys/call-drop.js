#!/usr/bin/env node
// @ts-check
/**
 * Issue #11: a video call in a caucus (R16) survives a brief network drop of the party's phone.
 * Mediator and party connect on Chromium's fake camera and microphone; the party's browser goes
 * offline for about three seconds (the conversation says so), comes back, re-joins the case
 * socket, and the call is still there on both sides with the other's video moving; a hang-up
 * after the drop still reaches the mediator, so the signalling is back too. Were the call lost
 * instead, both sides would have to say so plainly ("通话已结束：网络连接中断") — the journey
 * fails on a call that silently disappears or hangs in between.
 *
 * Used by run.js (`require('./journeys/call-drop').journeys`).
 */
'use strict';

const { chromium } = require('playwright-core');
const { expectText, shot, sleep, until, watch, contextAs } = require('../lib');
const { mediatingCase } = require('./mediation');

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** Chromium's fake camera and microphone, and no permission prompt. */
const FAKE_MEDIA_ARGS = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];
const MEDIATOR = { mobile: '13900000004', name: '钱调解' };
const APPLICANT = { mobile: '13800000001', name: '张三' };
/** How long the party's network is gone. */
const DROP_MS = 3000;

/**
 * A logged-in context allowed to use the (fake) camera and microphone.
 * @param {import('playwright-core').Browser} browser
 * @param {string} baseUrl
 * @param {string} mobile
 * @param {boolean} phone
 */
async function mediaContext(browser, baseUrl, mobile, phone) {
  return contextAs(browser, baseUrl, mobile, { ...(phone ? {} : { viewport: { width: 1280, height: 860 } }), permissions: ['camera', 'microphone'], loginLocale: 'zh-CN' });
}

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
 * The call on this page is connected and the other side's video is moving (its frames advance).
 * @param {import('playwright-core').Page} page
 * @param {string} who
 */
async function callIsLive(page, who) {
  return until(
    async () => {
      const panel = page.getByTestId('call-panel');
      if ((await panel.count()) === 0) return null;
      const [phase, ice] = [await panel.getAttribute('data-phase'), await panel.getAttribute('data-ice-state')];
      if (phase !== 'connected' || (ice !== 'connected' && ice !== 'completed')) return null;
      const frames = () =>
        page.getByTestId('remote-video').evaluate((v) => {
          const video = /** @type {HTMLVideoElement} */ (v);
          return { width: video.videoWidth, time: video.currentTime };
        });
      const before = await frames();
      await sleep(500);
      const after = await frames();
      return before.width > 0 && after.time > before.time ? { phase, ice, width: after.width } : null;
    },
    `${who}: the call connected with the other side's video moving`,
    30_000,
  );
}

const journeys = [
  {
    name: 'call drop: a caucus video call survives the party going offline for 3 s, or says plainly that it ended (issue #11)',
    /** @param {{ baseUrl: string }} ctx */
    async run({ baseUrl }) {
      const c = await mediatingCase(baseUrl);
      // run.js's browser has no fake devices: this journey launches its own.
      const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', headless: true, args: [...CHROMIUM_ARGS, ...FAKE_MEDIA_ARGS] });
      const errors = /** @type {string[]} */ ([]);
      try {
        const mediatorContext = await mediaContext(browser, baseUrl, MEDIATOR.mobile, false);
        const applicantContext = await mediaContext(browser, baseUrl, APPLICANT.mobile, true);
        const mediator = watch(await mediatorContext.newPage(), errors, 'mediator');
        const applicant = watch(await applicantContext.newPage(), errors, 'applicant');
        await openMediation(mediator, c.id, 'mediator');
        await openMediation(applicant, c.id, 'party');

        await mediator.locator(`[data-testid="console-column"][data-channel-kind="caucus"][data-party-name="${APPLICANT.name}"]`).getByTestId('call-video').click();
        await applicant.locator('[data-testid="call-panel"][data-phase="incoming"]').waitFor({ timeout: 15_000 });
        await applicant.getByTestId('call-accept').click();
        await callIsLive(mediator, 'mediator');
        await callIsLive(applicant, 'applicant');

        // The party's phone loses its network: the conversation says so at once.
        await applicantContext.setOffline(true);
        await applicant.getByTestId('connection-status').waitFor({ timeout: 2000 });
        // The call says so too, in words (it goes on if the network comes back in time).
        await expectText(applicant.getByTestId('call-status'), '网络中断，正在重新连接…', 'the call says the network dropped');
        await sleep(DROP_MS);
        const during = await applicant.getByTestId('call-panel').getAttribute('data-phase');
        console.log(`    after ${DROP_MS} ms offline the party's call is ${during}`);
        await shot(applicant, 'call-drop-1-offline-375-zh.png');
        await applicantContext.setOffline(false);

        // Back online: the case socket re-joins, and the call is back (or told as ended).
        await applicant.getByTestId('connection-status').waitFor({ state: 'detached', timeout: 15_000 });
        await applicant.locator('[data-testid="mediation-page"][data-status="live"]').waitFor({ timeout: 15_000 });
        const phase = await applicant
          .getByTestId('call-panel')
          .getAttribute('data-phase')
          .catch(() => null);
        if (phase === 'ended') {
          // The other outcome the product may choose: then both sides must say so, in words.
          for (const [who, page] of /** @type {const} */ ([
            ['applicant', applicant],
            ['mediator', mediator],
          ])) {
            await page.locator('[data-testid="call-panel"][data-phase="ended"][data-end-reason="dropped"]').waitFor({ timeout: 15_000 });
            await expectText(page.getByTestId('call-status'), '通话已结束', `${who} is told the call ended`);
          }
          throw new Error('the call did not survive a 3 s drop (it was told as ended, clearly)');
        }
        const [m, a] = [await callIsLive(mediator, 'mediator after the drop'), await callIsLive(applicant, 'applicant after the drop')];
        console.log(`    after the drop: mediator ${m.phase}/${m.ice}, party ${a.phase}/${a.ice}, remote video ${a.width}px`);
        await expectText(applicant.getByTestId('call-status'), `正在与 ${MEDIATOR.name} 通话`, 'the party is in the call again');
        await shot(applicant, 'call-drop-2-back-375-zh.png');

        // The signalling came back with the socket: the party's hang-up reaches the mediator.
        await applicant.getByTestId('call-hangup').click();
        await mediator.locator('[data-testid="call-panel"][data-phase="ended"][data-end-reason="remoteHangup"]').waitFor({ timeout: 10_000 });
        if (errors.length) throw new Error(`errors in the pages:\n  ${errors.join('\n  ')}`);
      } finally {
        await browser.close();
      }
    },
  },
];

module.exports = { journeys };
