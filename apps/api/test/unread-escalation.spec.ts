import type { CaseDetail, PartyNoticeView } from '@tiaojie/contracts';
import { DataSource } from 'typeorm';
import { DeadlineScanner } from '../src/cases/deadline-scanner.service';
import { NotificationDispatcher } from '../src/notifications/dispatcher.service';
import { Notification } from '../src/notifications/notification.entity';
import { DEMO, inviteTokenFor, latestCode, loginAs, startTestApp, type TestApp } from './harness';
import { draftAgreement, loanAgreement, PNG, sealAgreement, signAgreement, type Login, assignedCase } from './fixtures';

/**
 * Issue #11: important notices (an invitation, a deadline notice, a court request) still unread
 * in the app after a configurable quiet time are escalated once by SMS — "there is an unread
 * notice on the platform", a link, never the content (R19) — once across restarts and several
 * workers (the outbox row's unique key is the flag); and the case's staff see, for each party,
 * which of them it has read and when (never another party).
 */
describe('Issue #11, R19: unread important notices escalate once by SMS without content, and staff see them unread', () => {
  let t: TestApp;
  /** A second API process on the same database: PostgreSQL only (PGlite is one process). */
  let second: TestApp | undefined;
  const twoProcesses = !!process.env.DATABASE_URL;
  let applicant: Login, respondent: Login, dispatcher: Login, mediator: Login;
  let c: CaseDetail;
  let inviteToken: string;

  const http = () => t.http();
  /** Both workers scan at once (like two API processes), then both dispatch; one worker on PGlite. */
  const scanBoth = async () => {
    const workers = second ? [t, second] : [t];
    await Promise.all(workers.map((w) => w.app.get(DeadlineScanner).scan()));
    await Promise.all(workers.map((w) => w.app.get(NotificationDispatcher).dispatchDue()));
  };
  const relogin = async () => {
    [applicant, respondent, dispatcher, mediator] = await Promise.all([DEMO.citizen, DEMO.citizen2, DEMO.orgAdmin, DEMO.mediator2].map((m) => loginAs(t, m)));
  };
  const unreadSms = async (mobile: string) =>
    ((await http().get('/api/dev/sms').query({ mobile }).expect(200)).body as Array<{ body: string }>).filter((m) => /未读的重要通知|unread notice/.test(m.body));
  const detail = async (who: Login): Promise<CaseDetail> => (await http().get(`/api/cases/${c.id}`).set('Authorization', who.auth).expect(200)).body;
  const noticesOf = async (who: Login, partyId: string, template: string): Promise<PartyNoticeView[]> =>
    ((await detail(who)).partyNotices ?? []).filter((n) => n.partyId === partyId && n.template === template);
  const partyId = (side: 'applicant' | 'respondent') => c.parties.find((p) => p.side === side)!.id;

  beforeAll(async () => {
    t = await startTestApp({ env: { UNREAD_ESCALATION_MINUTES: '30', DEADLINE_ESCALATION_MINUTES: '15' } });
    if (twoProcesses) second = await startTestApp({ sameDatabaseAs: t });
    await relogin();
    // A case up to the respondent's invitation (the fixture of tests/fixtures.ts, stopped before the claim).
    c = await assignedCase(t, { applicant, dispatcher, mediator });
    inviteToken = await inviteTokenFor(t, DEMO.citizen2, c.number);
  });
  afterAll(async () => {
    await second?.close();
    await t?.close();
  });

  it('staff see the respondent’s invitation unread, then read once the link was opened; a party never sees the field', async () => {
    const [invite] = await noticesOf(mediator, partyId('respondent'), 'respondent_invited');
    expect(invite).toMatchObject({ kind: 'invitation', readAt: null, sentAt: expect.any(String) });
    expect((await noticesOf(dispatcher, partyId('respondent'), 'respondent_invited'))[0]).toMatchObject({ readAt: null });
    // R19: the parties' case views carry no read receipts of anyone.
    expect((await detail(applicant)).partyNotices).toBeNull();
    await http().get(`/api/invitations/${inviteToken}`).expect(200);
    await http().post(`/api/invitations/${inviteToken}/claim`).set('Authorization', respondent.auth).expect(201);
    expect((await detail(respondent)).partyNotices).toBeNull();
    const [read] = await noticesOf(mediator, partyId('respondent'), 'respondent_invited');
    expect(read.readAt).toEqual(t.clock.now().toISOString());
  });

  it('an invitation unread in the app past the quiet time is escalated once by SMS, across two workers and rescans, without its content', async () => {
    c = await detail(mediator);
    // R12: reached by phone and agreed: the respondent (now with an account) confirms through its link.
    await http()
      .post(`/api/cases/${c.id}/contacts`)
      .set('Authorization', mediator.auth)
      .send({ version: c.version, partyId: partyId('respondent'), method: 'phone', reached: true, answer: 'agreed' })
      .expect(201);
    const before = (await unreadSms(DEMO.citizen2)).length;
    t.clock.advance(29 * 60_000);
    await scanBoth();
    expect(await unreadSms(DEMO.citizen2)).toHaveLength(before);
    t.clock.advance(2 * 60_000);
    await scanBoth();
    await scanBoth();
    const texts = await unreadSms(DEMO.citizen2);
    expect(texts).toHaveLength(before + 1);
    const text = texts[0].body;
    expect(text).toContain(c.number);
    expect(text).toMatch(/\/home\?n=[0-9a-f-]{36}/);
    expect(text).not.toMatch(/同意|调解员|电话|agreed/);
    // The escalation is a text message only: no second bell notice.
    const db = t.app.get(DataSource);
    const rows = await db.getRepository(Notification).find({ where: { caseId: c.id, template: 'unread_notice' } });
    expect(rows.map((r) => `${r.recipientRole}:${r.channel}`)).toEqual(['respondent:sms']);
    await relogin();
    const [notice] = await noticesOf(mediator, partyId('respondent'), 'respondent_phone_consent');
    expect(notice).toMatchObject({ kind: 'invitation', readAt: null, escalatedAt: expect.any(String) });
    // The link in the SMS is the read receipt of the notice it escalates.
    const n = /\/home\?n=([0-9a-f-]{36})/.exec(text)![1];
    await http().post(`/api/notifications/${n}/opened`).expect(204);
    expect((await noticesOf(dispatcher, partyId('respondent'), 'respondent_phone_consent'))[0].readAt).toEqual(expect.any(String));
    // A third worker starting later (a restart) sends nothing again (on PGlite: the same one rescans).
    const third = twoProcesses ? await startTestApp({ sameDatabaseAs: t }) : undefined;
    try {
      t.clock.advance(60 * 60_000);
      await (third ?? t).app.get(DeadlineScanner).scan();
      await (third ?? t).app.get(NotificationDispatcher).dispatchDue();
    } finally {
      await third?.close();
    }
    expect(await unreadSms(DEMO.citizen2)).toHaveLength(before + 1);
  });

  it('a deadline notice read in time is not escalated; one left unread is, after its own quiet time; an account that turned SMS off gets none', async () => {
    await relogin();
    c = await detail(respondent);
    await http().post(`/api/cases/${c.id}/consent`).set('Authorization', respondent.auth).send({ version: c.version, consent: 'given', noticeSeen: true }).expect(201);
    c = await detail(mediator);
    c = (await http().post(`/api/cases/${c.id}/start`).set('Authorization', mediator.auth).send({ version: c.version }).expect(201)).body;
    // The applicant reads its notices as they come; the respondent does not; later the applicant turns SMS off.
    // A session in 50 minutes: the scanner sends its reminder (a deadline notice) now.
    const schedule = async () => {
      const startsAt = new Date(t.clock.now().getTime() + 50 * 60_000).toISOString();
      await http()
        .post(`/api/cases/${c.id}/sessions`)
        .set('Authorization', mediator.auth)
        .send({ startsAt, mode: 'video', separate: false, partyIds: c.parties.map((p) => p.id) })
        .expect(201);
      await scanBoth();
    };
    await schedule();
    const bell = async (who: Login) =>
      ((await http().get('/api/notifications').set('Authorization', who.auth).expect(200)).body.items as Array<{ id: string; template: string; caseId: string; readAt: string | null }>).filter(
        (x) => x.caseId === c.id && !x.readAt,
      );
    for (const mine of await bell(applicant)) await http().post(`/api/notifications/${mine.id}/read`).set('Authorization', applicant.auth).expect(204);
    const applicantBefore = (await unreadSms(DEMO.citizen)).length;
    const respondentBefore = (await unreadSms(DEMO.citizen2)).length;
    t.clock.advance(14 * 60_000);
    await scanBoth();
    expect(await unreadSms(DEMO.citizen2)).toHaveLength(respondentBefore);
    t.clock.advance(2 * 60_000);
    await scanBoth();
    expect(await unreadSms(DEMO.citizen2)).toHaveLength(respondentBefore + 1);
    expect((await unreadSms(DEMO.citizen2))[0].body).not.toMatch(/视频|会议|video/);
    expect(await unreadSms(DEMO.citizen)).toHaveLength(applicantBefore);
    await relogin();
    const staffView = await detail(mediator);
    const reminders = (staffView.partyNotices ?? []).filter((x) => x.template === 'session_reminder');
    expect(reminders.find((x) => x.partyId === partyId('applicant'))).toMatchObject({ kind: 'deadline', readAt: expect.any(String), escalatedAt: null });
    expect(reminders.find((x) => x.partyId === partyId('respondent'))).toMatchObject({ kind: 'deadline', readAt: null, escalatedAt: expect.any(String) });

    // Preferences hold: with SMS off (and no email channel), an unread notice escalates to nothing.
    await http().put('/api/me/notification-preferences').set('Authorization', applicant.auth).send({ sms: false, email: false, quietHours: null }).expect(200);
    await schedule();
    t.clock.advance(20 * 60_000);
    await scanBoth();
    expect(await unreadSms(DEMO.citizen)).toHaveLength(applicantBefore);
    expect(await unreadSms(DEMO.citizen2)).toHaveLength(respondentBefore + 2);
  });
  it('a court’s request for materials escalates after the invitation quiet time, not the shorter deadline one, and staff see it', async () => {
    await relogin();
    const as = (who: Login) => ({
      get: (url: string) => http().get(url).set('Authorization', who.auth),
      post: (url: string, body: object = {}) => http().post(url).set('Authorization', who.auth).send(body),
    });
    // The agreement signed by all and sealed (R26), the respondent's ID proof, a joint application (R29).
    const draft = await draftAgreement(t, c.id, mediator, loanAgreement(c.parties, { dueDate: '2026-04-30' }));
    let a = await signAgreement(t, draft, mediator, [
      [mediator, DEMO.mediator2],
      [applicant, DEMO.citizen],
      [respondent, DEMO.citizen2],
    ]);
    if (a.status === 'awaiting_seal') a = await sealAgreement(t, a, dispatcher);
    expect(a.status).toBe('effective');
    await http().post(`/api/cases/${c.id}/documents`).set('Authorization', respondent.auth).field('kind', 'id_card').attach('file', PNG, 'id2.png').expect(201);
    for (const [who, mobile] of [
      [applicant, DEMO.citizen],
      [respondent, DEMO.citizen2],
    ] as const) {
      t.clock.advance(61_000);
      await as(who).post(`/api/cases/${c.id}/confirmation/code`).expect(202);
      const o = (await as(who).get(`/api/cases/${c.id}/confirmation`).expect(200)).body;
      await as(who)
        .post(`/api/cases/${c.id}/confirmation/sign`, { code: await latestCode(t, mobile), answers: {}, version: o.caseVersion })
        .expect(201);
    }
    const appId = (await as(applicant).get(`/api/cases/${c.id}/confirmation`).expect(200)).body.application.id as string;
    const judge = await loginAs(t, DEMO.judge);
    await as(judge).post(`/api/court/confirmations/${appId}/accept`).expect(201);
    await scanBoth();
    // Everything before the court's request read, so only the request is left unread.
    const bell = async (who: Login) => ((await as(who).get('/api/notifications').expect(200)).body.items as Array<{ id: string; readAt: string | null }>).filter((x) => !x.readAt);
    for (const n of await bell(respondent)) await as(respondent).post(`/api/notifications/${n.id}/read`).expect(204);
    const before = (await unreadSms(DEMO.citizen2)).length;
    await as(judge).post(`/api/court/confirmations/${appId}/supplements`, { text: '请补充借条原件照片', dueDate: '2026-03-10' }).expect(201);
    await scanBoth();
    t.clock.advance(16 * 60_000); // past the deadline notices' quiet time: a court request waits longer
    await scanBoth();
    expect(await unreadSms(DEMO.citizen2)).toHaveLength(before);
    t.clock.advance(15 * 60_000);
    await scanBoth();
    const texts = await unreadSms(DEMO.citizen2);
    expect(texts).toHaveLength(before + 1);
    expect(texts[0].body).not.toMatch(/借条|补充材料|法院/);
    await relogin();
    const requests = ((await detail(dispatcher)).partyNotices ?? []).filter((x) => x.template === 'confirmation_supplement_requested');
    expect(requests.find((x) => x.partyId === partyId('respondent'))).toMatchObject({ kind: 'court_request', readAt: null, escalatedAt: expect.any(String) });
    expect(requests.find((x) => x.partyId === partyId('applicant'))).toMatchObject({ kind: 'court_request', escalatedAt: null });
  });
});
