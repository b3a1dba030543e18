import { randomUUID } from 'node:crypto';
import type { CaseDetail, ChannelView } from '@tiaojie/contracts';
import { DataSource } from 'typeorm';
import { DeadlineScanner } from '../src/cases/deadline-scanner.service';
import { NotificationDispatcher } from '../src/notifications/dispatcher.service';
import { connectOutcome, connectSocket, DEMO, loginAs, startTestApp, type ClientSocket, type TestApp } from './harness';
import { mediatingCase, type Login, assignedCase } from './fixtures';

/**
 * R01: no joint channel, no session with a party and no message to or from a party before that
 * party consents; a party may end mediation itself (PML 23) with a coded reason.
 * R12: a respondent reached by phone is recorded with its answer; consent by phone is confirmed
 * by the respondent through the SMS link; a reached respondent is never ended as unreachable.
 */
describe('consent gates (R01, R12)', () => {
  let t: TestApp;
  let db: DataSource;
  let applicant: Login, respondent: Login, dispatcher: Login, mediator: Login;
  const people = () => ({ applicant, respondent, dispatcher, mediator });
  const sockets: ClientSocket[] = [];
  const get = async (id: string, who: Login) => (await t.http().get(`/api/cases/${id}`).set('Authorization', who.auth).expect(200)).body as CaseDetail;
  const channels = async (id: string, who: Login) => (await t.http().get(`/api/cases/${id}/channels`).set('Authorization', who.auth).expect(200)).body as ChannelView[];
  const smsTo = async (mobile: string) => {
    await t.app.get(NotificationDispatcher).dispatchDue();
    return (await t.http().get('/api/dev/sms').query({ mobile })).body as Array<{ body: string }>;
  };
  const tokenIn = (body: string) => /\/invite\/([A-Za-z0-9_-]+)/.exec(body)?.[1] ?? null;

  /** A case accepted, with the mediator's acceptance, up to the respondent's invitation (claimed when asked). */
  async function acceptedCase(opts: { claim: boolean }) {
    const http = t.http;
    const c = await assignedCase(t, { applicant, dispatcher, mediator });
    const invite = (await smsTo(DEMO.citizen2)).find((m) => m.body.includes(c.number ?? '') && m.body.includes('/invite/'))!;
    if (opts.claim)
      await http()
        .post(`/api/invitations/${tokenIn(invite.body)}/claim`)
        .set('Authorization', respondent.auth)
        .expect(201);
    return get(c.id, mediator);
  }

  async function joined(who: Login, caseId: string) {
    const s = connectSocket(t, { token: who.accessToken });
    sockets.push(s);
    expect(await connectOutcome(s)).toEqual({ connected: true });
    return { s, join: await s.timeout(5000).emitWithAck('case:join', { caseId }) };
  }

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    [applicant, respondent, dispatcher, mediator] = await Promise.all([DEMO.citizen, DEMO.citizen2, DEMO.orgAdmin, DEMO.mediator2].map((m) => loginAs(t, m)));
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await t?.close();
  });

  it('R01: a respondent who has not consented has no channel, by REST or socket, and the mediator cannot write to it or open the joint channel', async () => {
    const c = await acceptedCase({ claim: true });
    const respondentParty = c.parties.find((p) => p.side === 'respondent')!;
    expect(respondentParty.consent).toBe('pending');

    // The respondent: no channel listed (the same answer as for a case it cannot see), none joinable, none writable.
    await t.http().get(`/api/cases/${c.id}/channels`).set('Authorization', respondent.auth).expect(404);
    const mine = await channels(c.id, mediator);
    const caucus = mine.find((ch) => ch.kind === 'caucus' && ch.partyId === respondentParty.id)!;
    const joint = mine.find((ch) => ch.kind === 'joint')!;
    expect(caucus).toBeTruthy();
    // The mediator's client is told why nothing may be sent there yet.
    expect(caucus.awaitingConsent).toBe(true);
    await t.http().post(`/api/channels/${caucus.id}/messages`).set('Authorization', respondent.auth).send({ clientId: randomUUID(), body: '我先说两句' }).expect(404);
    await t.http().get(`/api/channels/${caucus.id}/messages`).set('Authorization', respondent.auth).expect(404);
    const { s, join } = await joined(respondent, c.id);
    expect(join).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(await s.timeout(5000).emitWithAck('message:send', { channelId: caucus.id, clientId: randomUUID(), body: '我先说两句' })).toMatchObject({ ok: false });

    // The mediator reads the respondent's (empty) caucus but sends nothing to a party that has not consented.
    expect(mine.find((ch) => ch.id === caucus.id)).toBeTruthy();
    const refused = await t.http().post(`/api/channels/${caucus.id}/messages`).set('Authorization', mediator.auth).send({ clientId: randomUUID(), body: '李四您好' }).expect(409);
    expect(refused.body.fields?.[0]).toMatchObject({ field: 'channelId' });
    const { s: ms } = await joined(mediator, c.id);
    expect(await ms.timeout(5000).emitWithAck('message:send', { channelId: caucus.id, clientId: randomUUID(), body: '李四您好' })).toMatchObject({ ok: false, code: 'CONFLICT' });
    // No joint channel before every party consented.
    const open = await t.http().put(`/api/cases/${c.id}/joint`).set('Authorization', mediator.auth).send({ open: true }).expect(409);
    expect(open.body.fields?.[0]).toMatchObject({ field: 'open', constraint: 'R01_consent_pending' });
    await t.http().post(`/api/channels/${joint.id}/messages`).set('Authorization', mediator.auth).send({ clientId: randomUUID(), body: '各位好' }).expect(409);
    // The applicant (who consented when filing) talks to the mediator in its own caucus.
    const appCaucus = (await channels(c.id, applicant)).find((ch) => ch.kind === 'caucus')!;
    await t.http().post(`/api/channels/${appCaucus.id}/messages`).set('Authorization', applicant.auth).send({ clientId: randomUUID(), body: '我想先沟通' }).expect(201);

    // Once the respondent consents, its caucus opens and the joint channel may be opened.
    await t
      .http()
      .post(`/api/cases/${c.id}/consent`)
      .set('Authorization', respondent.auth)
      .send({ version: (await get(c.id, respondent)).version, consent: 'given', noticeSeen: true })
      .expect(201);
    expect((await channels(c.id, respondent)).map((ch) => ch.kind)).toEqual(['caucus']);
    // R01 (PML 23): having consented, the respondent may end mediation itself even before it starts;
    // the applicant's side withdraws its application instead.
    expect((await get(c.id, respondent)).actions).toContain('party_refuse');
    expect((await get(c.id, applicant)).actions).not.toContain('party_refuse');
    expect((await channels(c.id, mediator)).find((ch) => ch.id === caucus.id)?.awaitingConsent).toBeUndefined();
    await t.http().post(`/api/channels/${caucus.id}/messages`).set('Authorization', mediator.auth).send({ clientId: randomUUID(), body: '李四您好' }).expect(201);
    await t.http().post(`/api/channels/${caucus.id}/messages`).set('Authorization', respondent.auth).send({ clientId: randomUUID(), body: '您好' }).expect(201);
    await t.http().put(`/api/cases/${c.id}/joint`).set('Authorization', mediator.auth).send({ open: true }).expect(200);
  });

  it('R01: no session is scheduled with a party that has not consented', async () => {
    const c = await acceptedCase({ claim: true });
    const startsAt = new Date(t.clock.now().getTime() + 2 * 3600_000).toISOString();
    const respondentParty = c.parties.find((p) => p.side === 'respondent')!;
    const applicantParty = c.parties.find((p) => p.side === 'applicant')!;
    const res = await t
      .http()
      .post(`/api/cases/${c.id}/sessions`)
      .set('Authorization', mediator.auth)
      .send({ startsAt, mode: 'video', separate: true, partyIds: [respondentParty.id] })
      .expect(422);
    expect(res.body.fields?.[0]).toMatchObject({ field: 'partyIds', constraint: 'R01_consent_pending' });
    // A separate session with the applicant alone is fine: it consented when filing.
    await t
      .http()
      .post(`/api/cases/${c.id}/sessions`)
      .set('Authorization', mediator.auth)
      .send({ startsAt, mode: 'video', separate: true, partyIds: [applicantParty.id] })
      .expect(201);
    // The respondent sees no session list before consenting.
    await t.http().get(`/api/cases/${c.id}/sessions`).set('Authorization', respondent.auth).expect(404);
  });

  it('R01 (PML 23): a party ends mediation itself with a coded reason; the case is TERMINATED and the others are told', async () => {
    const c = await mediatingCase(t, people());
    const r = await get(c.id, respondent);
    expect(r.actions).toContain('party_refuse');
    expect((await get(c.id, mediator)).actions).not.toContain('party_refuse');
    const url = `/api/cases/${c.id}/end-mediation`;
    // Bad input names its field; nothing is written.
    const bad = await t.http().post(url).set('Authorization', respondent.auth).send({ version: r.version, reasonCode: 'bored' }).expect(400);
    expect(bad.body.fields?.[0]).toMatchObject({ field: 'reasonCode' });
    const noNote = await t.http().post(url).set('Authorization', respondent.auth).send({ version: r.version, reasonCode: 'other' }).expect(400);
    expect(noNote.body.fields?.[0]).toMatchObject({ field: 'reasonNote' });
    // Only a party ends it this way (the mediator terminates with the R23 report instead).
    await t.http().post(url).set('Authorization', mediator.auth).send({ version: r.version, reasonCode: 'no_longer_willing' }).expect(403);
    expect((await get(c.id, mediator)).state).toBe('MEDIATING');

    const ended = (await t.http().post(url).set('Authorization', respondent.auth).send({ version: r.version, reasonCode: 'going_to_court', reasonNote: '我想直接起诉' }).expect(200))
      .body as CaseDetail;
    expect(ended.state).toBe('TERMINATED');
    expect(ended.terminationReason).toBe('party_unwilling');
    const timeline = (await t.http().get(`/api/cases/${c.id}/timeline`).set('Authorization', mediator.auth).expect(200)).body as Array<{ type: string; data: Record<string, unknown> }>;
    expect(timeline.find((e) => e.type === 'mediation_ended_by_party')?.data).toMatchObject({
      partyName: '李四',
      withdrawalReason: 'going_to_court',
      reasonNote: '我想直接起诉',
      terminationReason: 'party_unwilling',
    });
    // The other party sees that and why (the code), not the party's own note.
    const theirs = (await t.http().get(`/api/cases/${c.id}/timeline`).set('Authorization', applicant.auth).expect(200)).body as Array<{ type: string; data: Record<string, unknown> }>;
    const seen = theirs.find((e) => e.type === 'mediation_ended_by_party')!;
    expect(seen.data).toMatchObject({ withdrawalReason: 'going_to_court' });
    expect(seen.data.reasonNote).toBeUndefined();
    const notified: Array<{ recipient_role: string; recipient_user_id: string | null }> = await db.query(
      "SELECT DISTINCT recipient_role, recipient_user_id FROM notification WHERE case_id = $1 AND template = 'mediation_ended_by_party'",
      [c.id],
    );
    expect(notified.map((n) => n.recipient_role).sort()).toEqual(expect.arrayContaining(['applicant', 'mediator']));
    expect(notified.some((n) => n.recipient_user_id === respondent.user.id)).toBe(false);
    // No new messages once the case ended.
    const caucus = (await channels(c.id, respondent)).find((ch) => ch.kind === 'caucus')!;
    await t.http().post(`/api/channels/${caucus.id}/messages`).set('Authorization', respondent.auth).send({ clientId: randomUUID(), body: '还在吗' }).expect(409);
  });

  it('R12: a respondent reached by phone is recorded with its answer; "agreed" sends an SMS link and consent is the respondent’s own act', async () => {
    const c = await acceptedCase({ claim: false });
    const party = c.parties.find((p) => p.side === 'respondent')!;
    const url = `/api/cases/${c.id}/contacts`;
    // Reached the respondent: the answer is required, from the list.
    const missing = await t.http().post(url).set('Authorization', mediator.auth).send({ version: c.version, partyId: party.id, method: 'phone', reached: true }).expect(400);
    expect(missing.body.fields?.[0]).toMatchObject({ field: 'answer' });
    await t.http().post(url).set('Authorization', mediator.auth).send({ version: c.version, partyId: party.id, method: 'phone', reached: true, answer: 'maybe' }).expect(400);

    const before = (await smsTo(DEMO.citizen2)).length;
    const after = (
      await t.http().post(url).set('Authorization', mediator.auth).send({ version: c.version, partyId: party.id, method: 'phone', reached: true, answer: 'agreed', note: '电话中表示同意' }).expect(201)
    ).body as CaseDetail;
    const p = after.parties.find((x) => x.id === party.id)!;
    // Not consent by itself: the respondent confirms.
    expect(p.consent).toBe('pending');
    expect(p.contactAnswer).toBe('agreed');
    const sms = await smsTo(DEMO.citizen2);
    expect(sms.length).toBe(before + 1);
    const token = tokenIn(sms[0].body);
    expect(sms[0].body).toContain('确认');
    expect(token).toBeTruthy();
    // The mediator cannot record the consent for the respondent.
    await t.http().post(`/api/cases/${c.id}/consent`).set('Authorization', mediator.auth).send({ version: after.version, consent: 'given', noticeSeen: true }).expect(403);
    // The respondent confirms through the link: takes it up, then consents after the notice.
    await t.http().post(`/api/invitations/${token}/claim`).set('Authorization', respondent.auth).expect(201);
    const mine = await get(c.id, respondent);
    expect(mine.actions).toContain('respondent_consent');
    const done = (await t.http().post(`/api/cases/${c.id}/consent`).set('Authorization', respondent.auth).send({ version: mine.version, consent: 'given', noticeSeen: true }).expect(201))
      .body as CaseDetail;
    expect(done.parties.find((x) => x.id === party.id)!.consent).toBe('given');
  });

  it('R12: a refusal by phone ends the case (party unwilling) and the applicant is told', async () => {
    const c = await acceptedCase({ claim: false });
    const party = c.parties.find((p) => p.side === 'respondent')!;
    const ended = (
      await t
        .http()
        .post(`/api/cases/${c.id}/contacts`)
        .set('Authorization', mediator.auth)
        .send({ version: c.version, partyId: party.id, method: 'phone', reached: true, answer: 'refused' })
        .expect(201)
    ).body as CaseDetail;
    expect(ended.state).toBe('TERMINATED');
    expect(ended.terminationReason).toBe('party_unwilling');
    const told: Array<{ n: string }> = await db.query("SELECT count(*) AS n FROM notification WHERE case_id = $1 AND template = 'respondent_declined' AND recipient_role = 'applicant'", [c.id]);
    expect(Number(told[0].n)).toBeGreaterThan(0);
  });

  it('R12: a respondent recorded as reached is never ended as unreachable: the dispatcher and mediator are told instead', async () => {
    const reached = await acceptedCase({ claim: false });
    const party = reached.parties.find((p) => p.side === 'respondent')!;
    await t
      .http()
      .post(`/api/cases/${reached.id}/contacts`)
      .set('Authorization', mediator.auth)
      .send({ version: reached.version, partyId: party.id, method: 'phone', reached: true, answer: 'thinking' })
      .expect(201);
    // Nor by hand: the R22 code "respondent unreachable" is refused for a reached respondent.
    const v = (await get(reached.id, dispatcher)).version;
    const byHand = await t
      .http()
      .post(`/api/cases/${reached.id}/ending/terminate`)
      .set('Authorization', dispatcher.auth)
      .send({ version: v, reasonCode: 'respondent_unreachable', situation: '联系不上' })
      .expect(422);
    expect(byHand.body.fields.map((f: { constraint: string }) => f.constraint)).toContain('R12_reached_not_unreachable');
    const silent = await acceptedCase({ claim: false });
    t.clock.advance(10 * 24 * 3600_000);
    await t.app.get(DeadlineScanner).scan();
    await t.app.get(DeadlineScanner).scan();
    [mediator, dispatcher] = await Promise.all([loginAs(t, DEMO.mediator2), loginAs(t, DEMO.orgAdmin)]); // the clock moved past the tokens' life
    const r = await get(reached.id, mediator);
    expect(r.state).toBe('ACCEPTED');
    expect(r.terminationReason).toBeNull();
    const told: Array<{ recipient_role: string }> = await db.query("SELECT recipient_role FROM notification WHERE case_id = $1 AND template = 'respondent_reached_undecided' AND channel = 'in_app'", [
      reached.id,
    ]);
    expect(new Set(told.map((x) => x.recipient_role))).toEqual(new Set(['dispatcher', 'mediator']));
    // The one never reached ends as before (R12).
    const s = await get(silent.id, mediator);
    expect(s.state).toBe('TERMINATED');
    expect(s.terminationReason).toBe('respondent_unreachable');
  });
});
