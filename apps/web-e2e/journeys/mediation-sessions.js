// @ts-check
/**
 * Separate sessions (背对背, R15–R18) in three browsers at once: the mediator talks to each party
 * apart, unread replies, the joint channel opening live, and a reload that loses and doubles
 * nothing. Listed by ./mediation.js.
 */
'use strict';

const { sleep, expectNoHorizontalOverflow, expectText, idCardPng, until, watch } = require('../lib');
const { WHO, shot, pageText, loggedInContext, ensureCase, openMediation, column, send, storedMessages, expectInOrderWithoutDoubles } = require('./mediation-case');

/** @type {import('./mediation').Journey[]} */
const journeys = [
  {
    name: 'separate sessions: the mediator talks to each party apart, a reply shows unread in its column, the joint channel opens live, a reload loses and doubles nothing',
    async run({ browser, baseUrl }) {
      const c = await ensureCase(baseUrl);
      const errors = /** @type {string[]} */ ([]);
      const contexts = [];
      try {
        const mediatorContext = await loggedInContext(browser, baseUrl, WHO.mediator.mobile, { desktop: true });
        const applicantContext = await loggedInContext(browser, baseUrl, WHO.applicant.mobile);
        const respondentContext = await loggedInContext(browser, baseUrl, WHO.respondent.mobile);
        contexts.push(mediatorContext, applicantContext, respondentContext);
        const mediator = watch(await mediatorContext.newPage(), errors, 'mediator');
        const applicant = watch(await applicantContext.newPage(), errors, 'applicant');
        const respondent = watch(await respondentContext.newPage(), errors, 'respondent');

        await openMediation(mediator, c.id, 'mediator');
        await mediator.locator('[data-testid="mediator-console"][data-layout="columns"]').waitFor();
        await expectText(mediator.getByTestId('mediation-heading'), '调解工作台', 'console heading');
        await expectText(mediator.getByTestId('case-summary-number'), c.number, 'case number in the side panel');
        await openMediation(applicant, c.id, 'party');
        await openMediation(respondent, c.id, 'party');
        for (const [who, page] of /** @type {const} */ ([
          ['applicant', applicant],
          ['respondent', respondent],
        ])) {
          await expectText(page.getByTestId('mediation-heading'), '背对背调解', `${who} heading`);
          await expectText(page.getByTestId('privacy-note'), /对方当事人看不到.*不录音、不录像/s, `${who} privacy note (R15, R18)`);
          await page.locator('[data-testid="mediator-presence"][data-online="true"]').waitFor();
          if ((await page.getByTestId('tab-joint').count()) !== 0) throw new Error(`${who} sees the joint tab before it is opened`);
        }

        // 1. The mediator writes to each party separately.
        const toApplicant = '张三您好，我是调解员钱调解。请您说说最低能接受的还款方案，这里的内容李四看不到。';
        const toRespondent = '李四您好，我是调解员钱调解。请问您目前的还款能力如何？这里的内容张三看不到。';
        await send(column(mediator, WHO.applicant.name), toApplicant);
        // Typing shows on the other side while the mediator writes.
        await column(mediator, WHO.respondent.name).getByTestId('composer-input').fill('李四');
        await expectText(respondent.getByTestId('typing-indicator'), /钱调解 正在输入/, 'typing indicator');
        await send(column(mediator, WHO.respondent.name), toRespondent);

        // 2. Each party sees only its own conversation.
        await applicant.locator('[data-testid="message"]', { hasText: toApplicant }).waitFor();
        await respondent.locator('[data-testid="message"]', { hasText: toRespondent }).waitFor();
        await sleep(500);
        if ((await pageText(applicant)).includes('还款能力')) throw new Error("the applicant's page shows the mediator's words to the respondent");
        if ((await pageText(respondent)).includes('最低能接受')) throw new Error("the respondent's page shows the mediator's words to the applicant");
        await expectNoHorizontalOverflow(applicant, 'party view (applicant)');
        await shot(applicant, 'mediation-A1-party-caucus-zh.png', false);

        // 3. The applicant replies with a written proposal marked as a concession (R16, R17).
        const proposal = '我最多可以接受分三期还清两万元，每期约六千七百元，利息可以不要。';
        const reply = await send(applicant.getByTestId('conversation'), proposal, { mode: 'proposal', concession: true });
        await reply.getByTestId('badge-concession').waitFor();
        // The mediator sees it in 张三's column, with an unread count there (the active column was 李四's).
        const applicantColumn = column(mediator, WHO.applicant.name);
        const inColumn = applicantColumn.locator('[data-testid="message"][data-kind="proposal"]', { hasText: proposal });
        await inColumn.waitFor();
        await inColumn.getByTestId('badge-concession').waitFor();
        await expectText(applicantColumn.getByTestId('unread-count'), '1', 'unread count in 张三’s column');
        if ((await column(mediator, WHO.respondent.name).locator('[data-testid="message"]', { hasText: proposal }).count()) !== 0) throw new Error("the proposal shows in 李四's column");
        await sleep(300);
        if ((await pageText(respondent)).includes('分三期')) throw new Error("the respondent's page shows the applicant's proposal");
        await expectNoHorizontalOverflow(mediator, 'console at 1280 px');
        await shot(mediator, 'mediation-A2-console-unread-1280-zh.png', false);
        // Opening the column reads it: the count goes, and the applicant sees ✓✓ (read by the mediator).
        await applicantColumn.getByTestId('message-list').click({ position: { x: 10, y: 10 } });
        await until(async () => (await applicantColumn.getByTestId('unread-count').count()) === 0, 'unread count cleared');
        await reply.locator('[data-testid="message-status"][data-status="read"]').waitFor();

        // 3b. The applicant attaches a photo in its caucus (R15): the mediator sees and downloads
        //     it; the respondent sees nothing of it and gets 404 even with the link.
        const applicantConversation = applicant.getByTestId('conversation');
        await applicantConversation.getByTestId('composer-input').fill('这是借条的照片');
        await applicantConversation.getByTestId('composer-file').setInputFiles({ name: '借条照片.png', mimeType: 'image/png', buffer: idCardPng(120, 80) });
        // The chosen file waits, previewed, until "send" (issue #11).
        await applicantConversation.getByTestId('composer-pending-thumb').waitFor();
        await applicantConversation.getByTestId('composer-send').click();
        const attached = applicantConversation.locator('[data-testid="message"][data-kind="attachment"][data-seq]', { hasText: '这是借条的照片' });
        await expectText(attached.getByTestId('message-attachment'), /借条照片\.png/, 'the attachment in the applicant’s message');
        const mediatorAttachment = applicantColumn.locator('[data-testid="message"][data-kind="attachment"] [data-testid="message-attachment"]');
        await expectText(mediatorAttachment, /借条照片\.png/, 'the attachment in the mediator’s column');
        const href = await mediatorAttachment.getAttribute('href');
        if (!href) throw new Error('the attachment has no download link');
        const downloaded = await mediator.request.get(href);
        if (downloaded.status() !== 200 || !(await downloaded.body()).subarray(1, 4).equals(Buffer.from('PNG')))
          throw new Error(`the mediator could not download the attachment: ${downloaded.status()}`);
        const refused = await respondent.request.get(href);
        if (refused.status() !== 404) throw new Error(`the respondent got ${refused.status()} for the applicant's caucus attachment`);
        await sleep(300);
        if ((await pageText(respondent)).includes('借条')) throw new Error("the respondent's page shows the applicant's attachment");
        await expectNoHorizontalOverflow(applicant, 'party view with an attachment');
        await shot(applicant, 'mediation-A2b-party-attachment-zh.png', false);

        // 4. The mediator presents an offer to the respondent and shares the proposal there (R15: explicit and recorded).
        const offer = '调解方案：分三期还款，每期六千七百元，2026年9月底前还清。';
        await send(column(mediator, WHO.respondent.name), offer, { mode: 'offer' });
        const offerCard = respondent.locator('[data-testid="message"][data-kind="offer"]', { hasText: offer });
        await offerCard.waitFor();
        await inColumn.getByTestId('share-open').click();
        await inColumn.getByTestId('share-target').selectOption({ label: '李四 的单独沟通' });
        await expectText(inColumn.getByTestId('share-box'), /李四 将看到这条内容/, 'share confirmation text');
        await inColumn.getByTestId('share-confirm').click();
        await expectText(inColumn.getByTestId('share-done'), /已转发到李四/, 'shared');
        const shared = respondent.locator('[data-testid="message"]', { hasText: proposal });
        await shared.getByTestId('badge-shared').waitFor();
        await expectText(shared.getByTestId('badge-shared'), '转自另一方的单独沟通', 'shared badge');
        await shot(respondent, 'mediation-A3-party-offer-shared-zh.png', false);

        // 5. The joint channel: opened by the mediator, it appears live for both parties.
        await mediator.getByTestId('tab-joint').click();
        await mediator.getByTestId('joint-switch').click();
        await mediator.locator('[data-testid="joint-state"][data-open="true"]').waitFor();
        for (const [who, page] of /** @type {const} */ ([
          ['applicant', applicant],
          ['respondent', respondent],
        ])) {
          await page
            .getByTestId('tab-joint')
            .waitFor({ timeout: 15_000 })
            .catch(() => {
              throw new Error(`the joint tab did not appear for the ${who}`);
            });
        }
        const jointText = '各位好，现在开始联合调解。请双方围绕分期还款方案发表意见。';
        const jointConversation = mediator.locator('[data-testid="conversation"][data-channel-kind="joint"]');
        await send(jointConversation, jointText);
        for (const [who, page] of /** @type {const} */ ([
          ['applicant', applicant],
          ['respondent', respondent],
        ])) {
          await expectText(page.getByTestId('tab-joint').getByTestId('unread-count'), '1', `unread on the ${who}'s joint tab`);
          await page.getByTestId('tab-joint').click();
          await page.locator('[data-testid="conversation"][data-channel-kind="joint"] [data-testid="message"]', { hasText: jointText }).waitFor();
        }
        await shot(applicant, 'mediation-A4-party-joint-zh.png', false);
        await shot(mediator, 'mediation-A5-console-joint-1280-zh.png', false);

        // 5b. R15: a joint call only with everyone's consent. The mediator starts it; each party is
        //     asked (and told the other party may see its network address); once both consent,
        //     the mediator's console says so; the mediator ends it.
        const mediatorJoint = mediator.locator('[data-testid="conversation"][data-channel-kind="joint"]');
        await mediatorJoint.getByTestId('joint-call-start').click();
        await expectText(mediatorJoint.getByTestId('joint-call-status'), '联合通话：2 位当事人中已有 0 位同意', 'joint call status before consent');
        for (const [who, page] of /** @type {const} */ ([
          ['applicant', applicant],
          ['respondent', respondent],
        ])) {
          const ask = page.locator('[data-testid="conversation"][data-channel-kind="joint"] [data-testid="joint-call-ask"]');
          await expectText(ask, /调解员邀请您参加联合通话.*IP/s, `${who} is asked to consent to the joint call`);
          await ask.getByTestId('joint-call-consent').click();
          await page.locator('[data-testid="conversation"][data-channel-kind="joint"] [data-testid="joint-call-ask"]').waitFor({ state: 'detached' });
        }
        await expectText(mediatorJoint.getByTestId('joint-call-status'), '联合通话：各方当事人均已同意', 'joint call status once both consented');
        await shot(applicant, 'mediation-A6-party-joint-call-zh.png', false);
        await mediatorJoint.getByTestId('joint-call-end').click();
        await mediatorJoint.getByTestId('joint-call-start').waitFor();

        // 6. A reload mid-conversation loses nothing and doubles nothing: a message sent just before
        //    it, one whose acknowledgement was lost (already stored), and one never sent (in the outbox).
        await applicant.getByTestId('tab-caucus').click();
        const caucus = applicant.locator('[data-testid="conversation"][data-channel-kind="caucus"]');
        const channelId = await caucus.getAttribute('data-channel-id');
        const me = await (await applicant.request.get('/api/me')).json();
        const lastBeforeReload = '刚发出就刷新的消息';
        await caucus.getByTestId('composer-input').fill(lastBeforeReload);
        await caucus.getByTestId('composer-send').click();
        const storedBefore = await storedMessages(caucus);
        const alreadyStored = await caucus.locator('[data-testid="message"][data-kind="proposal"]').getAttribute('data-id');
        const storedProposal = (await (await applicant.request.get(`/api/channels/${channelId}/messages`)).json()).find((/** @type {{ id: string }} */ m) => m.id === alreadyStored);
        const unsent = { clientId: '7d3f8f4e-2b6a-4c1d-9e0f-1a2b3c4d5e6f', channelId, body: '关掉页面前没发出去的消息', kind: 'text', concession: false, createdAt: new Date().toISOString() };
        const ackLost = { clientId: storedProposal.clientId, channelId, body: proposal, kind: 'proposal', concession: true, createdAt: new Date().toISOString() };
        await applicant.evaluate(
          ({ key, entries }) => {
            const current = JSON.parse(window.localStorage.getItem(key) ?? '[]');
            window.localStorage.setItem(key, JSON.stringify([...current, ...entries]));
          },
          { key: `tiaojie.mediation.outbox.${me.id}.${channelId}`, entries: [ackLost, unsent] },
        );
        await applicant.reload();
        await applicant.locator('[data-testid="mediation-page"][data-status="live"]').waitFor({ timeout: 20_000 });
        const afterCaucus = applicant.locator('[data-testid="conversation"][data-channel-kind="caucus"]');
        await afterCaucus.locator('[data-testid="message"][data-seq]', { hasText: unsent.body }).waitFor();
        await afterCaucus.locator('[data-testid="message"][data-seq]', { hasText: lastBeforeReload }).waitFor();
        await until(async () => (await afterCaucus.locator('[data-testid="message"][data-pending="true"]').count()) === 0, 'nothing left pending after the reload');
        const after = await storedMessages(afterCaucus);
        expectInOrderWithoutDoubles(after, 'applicant caucus after reload');
        for (const m of storedBefore) {
          if (!after.some((a) => a.seq === m.seq && a.body === m.body)) throw new Error(`message ${m.seq} (${m.body}) is missing after the reload`);
        }
        for (const body of [proposal, unsent.body, lastBeforeReload, toApplicant]) {
          const n = after.filter((m) => m.body === body).length;
          if (n !== 1) throw new Error(`"${body}" shows ${n} times after the reload`);
        }
        // Read receipts come back after the reload (stored on the server, in the channel view).
        await afterCaucus.locator('[data-testid="message"][data-kind="proposal"] [data-testid="message-status"][data-status="read"]').waitFor();
        const left = await applicant.evaluate((key) => window.localStorage.getItem(key), `tiaojie.mediation.outbox.${me.id}.${channelId}`);
        if (left) throw new Error(`the outbox still holds ${left}`);
        // The mediator got each of them once too.
        await applicantColumn.locator('[data-testid="message"]', { hasText: unsent.body }).waitFor();
        const mediatorSide = await storedMessages(applicantColumn.getByTestId('conversation'));
        expectInOrderWithoutDoubles(mediatorSide, "the mediator's view of 张三's caucus");
        if (mediatorSide.filter((m) => m.body === proposal).length !== 1) throw new Error('the mediator sees the proposal twice');
        await expectNoHorizontalOverflow(applicant, 'party view after reload');
        await shot(applicant, 'mediation-A6-party-after-reload-zh.png', false);

        // 7. Sessions: a separate video slot for 张三 (R13), consent and check-in with the sham-mediation warning (R14).
        await mediator.getByTestId('schedule-open').click();
        await mediator.getByTestId('schedule-separate').check({ force: true });
        await mediator.locator('[data-testid="schedule-party"][data-name="张三"]').check({ force: true });
        await mediator.getByTestId('schedule-submit').click();
        await mediator.locator('[data-testid="session-item"][data-separate="true"]').waitFor();
        await applicant.getByTestId('tab-sessions').click();
        const session = applicant.locator('[data-testid="session-item"][data-separate="true"]');
        await session.getByTestId('session-consent').click();
        await session.getByTestId('session-check-in').click();
        await expectText(applicant.getByTestId('sham-warning'), /不得参与或协助虚假调解.*违法/s, 'sham mediation warning');
        // R14: identity by the code sent by SMS to the registered mobile (the dev inbox shows it).
        await applicant.getByTestId('checkin-code-send').click();
        await applicant.getByTestId('checkin-code-sent').waitFor();
        await applicant.getByTestId('checkin-code').fill('000000');
        await applicant.getByTestId('checkin-warning').check({ force: true });
        await applicant.getByTestId('checkin-submit').click();
        await expectText(applicant.getByTestId('checkin-error'), /^验证码不正确。?$/, 'wrong code refused, translated');
        await expectNoHorizontalOverflow(applicant, 'check-in form');
        await shot(applicant, 'mediation-A7-party-check-in-zh.png');
        /** @type {string | undefined} */
        let checkInCode;
        for (let i = 0; i < 20 && !checkInCode; i++) {
          const inbox = await (await fetch(`${baseUrl}/api/dev/sms?mobile=${WHO.applicant.mobile}`)).json();
          checkInCode = /(\d{6})/.exec(inbox.map((/** @type {{ body: string }} */ m) => m.body).find((/** @type {string} */ b) => b.includes('验证码')) ?? '')?.[1];
          if (!checkInCode) await sleep(300);
        }
        if (!checkInCode) throw new Error('no check-in code SMS');
        await applicant.getByTestId('checkin-code').fill(checkInCode);
        await applicant.getByTestId('checkin-submit').click();
        await session.getByTestId('session-checked-in').waitFor();
        await sleep(300);
        if ((await respondent.getByTestId('tab-sessions').count()) === 1) {
          await respondent.getByTestId('tab-sessions').click();
          await respondent.getByTestId('sessions-empty').waitFor(); // 张三's separate slot is not 李四's business
        }
        await expectNoHorizontalOverflow(applicant, 'sessions');
        await shot(applicant, 'mediation-A7-party-checked-in-zh.png');

        // 8. The console on a phone: tabs with unread counts, the case in a drawer. And in English.
        const mediatorPhoneContext = await loggedInContext(browser, baseUrl, WHO.mediator.mobile);
        contexts.push(mediatorPhoneContext);
        const mediatorPhone = watch(await mediatorPhoneContext.newPage(), errors, 'mediator (phone)');
        await openMediation(mediatorPhone, c.id, 'mediator');
        await mediatorPhone.locator('[data-testid="mediator-console"][data-layout="tabs"]').waitFor();
        // A device that saw nothing live still shows how far 张三 read (stored read positions).
        await mediatorPhone.locator('[data-testid="tab-caucus"][data-party-name="张三"]').click();
        await mediatorPhone.locator('[data-testid="message"][data-own="true"]', { hasText: toApplicant }).locator('[data-testid="message-status"][data-status="read"]').waitFor();
        await respondent.getByTestId('tab-caucus').click();
        await send(respondent.getByTestId('conversation'), '我同意分期，但希望第一期推迟到下个月。');
        await expectText(mediatorPhone.locator('[data-testid="tab-caucus"][data-party-name="李四"] [data-testid="unread-count"]'), /^\d+$/, "unread on 李四's tab");
        await expectNoHorizontalOverflow(mediatorPhone, 'console at 375 px');
        await shot(mediatorPhone, 'mediation-A8-console-375-zh.png', false);
        await mediatorPhone.getByTestId('console-info-open').click();
        await expectText(mediatorPhone.getByTestId('case-summary-number'), c.number, 'case number in the drawer');
        await mediatorPhone.getByTestId('console-drawer').getByTestId('session-item').first().waitFor();
        await sleep(500); // the drawer's slide-in
        await shot(mediatorPhone, 'mediation-A9-console-drawer-375-zh.png', false);
        await mediatorPhone.goto(`/cases/${c.id}/mediation?lng=en`);
        await expectText(mediatorPhone.getByTestId('mediation-heading'), 'Mediation console', 'console heading in English');
        await mediatorPhone.locator('[data-testid="tab-caucus"][data-party-name="张三"]').click();
        await expectText(mediatorPhone.locator('[data-testid="message"][data-kind="proposal"] [data-testid="badge-concession"]').first(), 'Concession', 'concession badge in English');
        await shot(mediatorPhone, 'mediation-A10-console-375-en.png', false);

        if (errors.length) throw new Error(`errors in the pages:\n  ${errors.join('\n  ')}`);
      } finally {
        for (const context of contexts) await context.close().catch(() => undefined);
      }
    },
  },
];

module.exports = { journeys };
