// @ts-check
/**
 * Calls in a caucus (R16) between two browsers on Chromium's fake camera and microphone: a
 * video call declined, then answered over ICE and hung up; mute and camera off and on again
 * (issue #11). Listed by ./mediation.js.
 */
'use strict';

const { sleep, expectNoHorizontalOverflow, expectText, until } = require('../lib');
const { WHO, shot, ensureCase, column, launchWithFakeMedia, callParticipants } = require('./mediation-case');

/** @type {import('./mediation').Journey[]} */
const journeys = [
  {
    name: 'separate sessions: a video call in a caucus connects between the mediator and a party (fake camera), is declined, and hangs up cleanly',
    async run({ baseUrl }) {
      const c = await ensureCase(baseUrl);
      // run.js's browser has no fake devices: this journey launches its own.
      const browser = await launchWithFakeMedia();
      const errors = /** @type {string[]} */ ([]);
      try {
        const { mediator, applicant } = await callParticipants(browser, baseUrl, c.id, errors);

        // Declined first: the caller is told, both panels close cleanly.
        await column(mediator, WHO.applicant.name).getByTestId('call-video').click();
        await applicant.locator('[data-testid="call-panel"][data-phase="incoming"]').waitFor();
        await expectText(applicant.getByTestId('call-status'), '钱调解 邀请您视频通话', 'incoming call');
        await expectText(applicant.getByTestId('call-not-recorded'), '本次通话不录音、不录像。', 'not recorded (R18)');
        await shot(applicant, 'mediation-B1-party-incoming-zh.png', false);
        await applicant.getByTestId('call-decline').click();
        await mediator.locator('[data-testid="call-panel"][data-phase="ended"][data-end-reason="declined"]').waitFor();
        await mediator.getByTestId('call-dismiss').click();
        await applicant.getByTestId('call-dismiss').click();

        // Then answered: both sides connect over ICE and show the other's video.
        await column(mediator, WHO.applicant.name).getByTestId('call-video').click();
        await applicant.locator('[data-testid="call-panel"][data-phase="incoming"]').waitFor();
        await applicant.getByTestId('call-accept').click();
        for (const [who, page] of /** @type {const} */ ([
          ['mediator', mediator],
          ['applicant', applicant],
        ])) {
          const state = await until(
            async () => {
              const panel = page.getByTestId('call-panel');
              const ice = await panel.getAttribute('data-ice-state');
              const width = await page.getByTestId('remote-video').evaluate((v) => /** @type {HTMLVideoElement} */ (v).videoWidth);
              return (ice === 'connected' || ice === 'completed') && width > 0 ? { ice, width } : null;
            },
            `${who}: ICE connected and a remote video`,
            30_000,
          );
          console.log(`    ${who}: iceConnectionState ${state.ice}, remote video ${state.width}px wide`);
        }
        await applicant.locator('[data-testid="call-panel"][data-phase="connected"]').waitFor();
        await sleep(800); // a few frames of the fake camera
        await expectNoHorizontalOverflow(applicant, 'call on a phone');
        await shot(applicant, 'mediation-B2-party-in-call-375-zh.png', false);
        await shot(mediator, 'mediation-B3-console-in-call-1280-zh.png', false);

        // The party hangs up: the mediator's side ends by itself, camera and microphone released.
        await applicant.getByTestId('call-hangup').click();
        await mediator.locator('[data-testid="call-panel"][data-phase="ended"][data-end-reason="remoteHangup"]').waitFor();
        const live = await mediator.evaluate(() => Array.from(document.querySelectorAll('video')).some((v) => v.srcObject));
        if (live) throw new Error('a video element still holds a stream after hang-up');
        if (errors.length) throw new Error(`errors in the pages:\n  ${errors.join('\n  ')}`);
      } finally {
        await browser.close();
      }
    },
  },
  {
    name: 'separate sessions: in a call the party mutes and turns the camera off and on again (issue #11)',
    async run({ baseUrl }) {
      const c = await ensureCase(baseUrl);
      const browser = await launchWithFakeMedia();
      const errors = /** @type {string[]} */ ([]);
      try {
        const { mediator, applicant } = await callParticipants(browser, baseUrl, c.id, errors);
        await column(mediator, WHO.applicant.name).getByTestId('call-video').click();
        await applicant.locator('[data-testid="call-panel"][data-phase="incoming"]').waitFor();
        await applicant.getByTestId('call-accept').click();
        await applicant.locator('[data-testid="call-panel"][data-phase="connected"]').waitFor({ timeout: 30_000 });
        await mediator.locator('[data-testid="call-panel"][data-phase="connected"]').waitFor({ timeout: 30_000 });

        /** @param {import('playwright-core').Page} page @param {'audio' | 'video'} kind */
        const localTrackEnabled = (page, kind) =>
          page.getByTestId('local-video').evaluate((v, k) => {
            const stream = /** @type {MediaStream | null} */ (/** @type {HTMLVideoElement} */ (v).srcObject);
            const track = k === 'audio' ? stream?.getAudioTracks()[0] : stream?.getVideoTracks()[0];
            return track ? track.enabled && track.readyState === 'live' : null;
          }, kind);
        await applicant.getByTestId('call-mute').click();
        await expectText(applicant.getByTestId('call-mute'), '取消静音', 'the mute button says how to undo it');
        if ((await localTrackEnabled(applicant, 'audio')) !== false) throw new Error('muted, but the microphone track is still on');
        await applicant.getByTestId('call-camera').click();
        await expectText(applicant.getByTestId('call-camera'), '打开摄像头', 'the camera button says how to undo it');
        if ((await localTrackEnabled(applicant, 'video')) !== false) throw new Error('camera off, but the camera track is still on');
        await expectNoHorizontalOverflow(applicant, 'call controls on a phone');
        await shot(applicant, 'mediation-B4-party-call-controls-375-zh.png', false);
        await applicant.getByTestId('call-mute').click();
        await applicant.getByTestId('call-camera').click();
        if ((await localTrackEnabled(applicant, 'audio')) !== true || (await localTrackEnabled(applicant, 'video')) !== true) throw new Error('microphone or camera did not come back on');
        // Chromium's fake device has one camera: "switch camera" is offered only with two or more.
        if ((await applicant.getByTestId('call-switch-camera').count()) !== 0) throw new Error('switch camera offered with one camera');

        // A network drop mid-call (reconnecting, then "the call ended: the connection was lost")
        // is covered by call-controller.spec.ts: Chromium gives no way here to cut one peer's
        // WebRTC path (a closed page hangs up; Page.crash took the other page down too).
        await applicant.getByTestId('call-hangup').click();
        await mediator.locator('[data-testid="call-panel"][data-phase="ended"][data-end-reason="remoteHangup"]').waitFor();
        if (errors.length) throw new Error(`errors in the pages:\n  ${errors.join('\n  ')}`);
      } finally {
        await browser.close();
      }
    },
  },
];

module.exports = { journeys };
