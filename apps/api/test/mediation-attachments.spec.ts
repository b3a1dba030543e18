import { randomUUID } from 'node:crypto';
import type { CaseDetail, ChannelView, DocumentView, JoinCaseAck, MessageView, SyncAck } from '@tiaojie/contracts';
import { DataSource } from 'typeorm';
import { CaseAccessLog } from '../src/cases/case-access-log.entity';
import { MediationService } from '../src/mediation/mediation.service';
import { DEMO, connectOutcome, connectSocket, loginAs, recorder, sleep, startTestApp, type ClientSocket, type TestApp } from './harness';
import { mediatingCase, PNG } from './fixtures';

// A different PNG (one extra byte after IEND is still a PNG to the sniffer) so the bytes can be told apart.
const PNG2 = Buffer.concat([PNG, Buffer.from([0])]);
type Login = Awaited<ReturnType<typeof loginAs>>;

describe('separate sessions: caucus attachments, stored read positions, addressed call signals, concessions in exports', () => {
  let t: TestApp;
  let db: DataSource;
  let applicant: Login, respondent: Login, dispatcher: Login, mediator: Login, bankMediator: Login;
  let c: CaseDetail;
  let applicantCaucus: ChannelView, respondentCaucus: ChannelView;
  const sockets: ClientSocket[] = [];
  const open = async (who: Login) => {
    const s = connectSocket(t, { token: who.accessToken });
    sockets.push(s);
    expect(await connectOutcome(s)).toEqual({ connected: true });
    return s;
  };
  const join = async (s: ClientSocket, caseId = c.id) => {
    const res: JoinCaseAck = await s.timeout(5000).emitWithAck('case:join', { caseId });
    if (!res.ok) throw new Error(JSON.stringify(res));
    return res;
  };
  const upload = (who: Login, channelId: string, bytes = PNG, name = '借条.png') => t.http().post(`/api/channels/${channelId}/attachments`).set('Authorization', who.auth).attach('file', bytes, name);
  const download = (who: Login, url: string) =>
    t
      .http()
      .get(url)
      .set('Authorization', who.auth)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    [applicant, respondent, dispatcher, mediator, bankMediator] = await Promise.all([DEMO.citizen, DEMO.citizen2, DEMO.orgAdmin, DEMO.mediator2, DEMO.bankMediator].map((m) => loginAs(t, m)));
    c = await mediatingCase(t, { applicant, respondent, dispatcher, mediator });
    const m = await join(await open(mediator));
    applicantCaucus = m.channels.find((ch) => ch.kind === 'caucus' && ch.partyId === c.parties.find((p) => p.side === 'applicant')!.id)!;
    respondentCaucus = m.channels.find((ch) => ch.kind === 'caucus' && ch.id !== applicantCaucus.id)!;
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await t?.close();
  });

  describe('attachments inside a caucus (R15, R19)', () => {
    let doc: DocumentView;
    let message: MessageView;

    it('a party attaches a file to a message in its caucus; the mediator gets it live and may download it', async () => {
      const as = await open(applicant);
      const ms = await open(mediator);
      await join(as);
      await join(ms);
      const res = await upload(applicant, applicantCaucus.id).expect(201);
      doc = res.body;
      expect(doc).toMatchObject({ fileName: '借条.png', mimeType: 'image/png', sizeBytes: PNG.length });
      const got = new Promise<MessageView>((resolve) => ms.on('message:new', (m) => m.channelId === applicantCaucus.id && m.documentId === doc.id && resolve(m)));
      const ack = await as.timeout(5000).emitWithAck('message:send', { channelId: applicantCaucus.id, clientId: randomUUID(), body: '借条照片', kind: 'attachment', documentId: doc.id });
      if (!ack.ok) throw new Error(JSON.stringify(ack));
      message = ack.message;
      expect(message.attachment).toEqual({ id: doc.id, fileName: '借条.png', mimeType: 'image/png', sizeBytes: PNG.length, downloadUrl: `/api/cases/${c.id}/documents/${doc.id}` });
      expect((await got).attachment?.id).toBe(doc.id);
      // History over REST and over the socket carries the attachment too.
      const history = await t.http().get(`/api/channels/${applicantCaucus.id}/messages`).set('Authorization', mediator.auth).expect(200);
      expect(history.body.find((m: MessageView) => m.id === message.id).attachment.fileName).toBe('借条.png');
      const sync: SyncAck = await ms.timeout(5000).emitWithAck('channel:sync', { channelId: applicantCaucus.id, afterSeq: 0 });
      if (!sync.ok) throw new Error('sync failed');
      expect(sync.messages.find((m) => m.id === message.id)?.attachment?.id).toBe(doc.id);
      const bytes = await download(mediator, message.attachment!.downloadUrl).expect(200);
      expect(Buffer.compare(bytes.body as Buffer, PNG)).toBe(0);
      expect((await download(applicant, message.attachment!.downloadUrl).expect(200)).headers['cache-control']).toContain('no-store');
    });

    it('the other party, organisation staff outside the channel, another organisation and a stranger cannot list or download it by any route', async () => {
      const rs = await open(respondent);
      const ds = await open(dispatcher);
      await join(rs);
      const events = [...recorder(rs), ...recorder(ds)];
      for (const who of [respondent, dispatcher, bankMediator]) {
        await download(who, message.attachment!.downloadUrl).expect(404);
        const detail = await t.http().get(`/api/cases/${c.id}`).set('Authorization', who.auth);
        expect(JSON.stringify(detail.body)).not.toContain(doc.id);
        expect(JSON.stringify(detail.body)).not.toContain('借条.png');
        const timeline = await t.http().get(`/api/cases/${c.id}/timeline`).set('Authorization', who.auth);
        expect(JSON.stringify(timeline.body)).not.toContain('借条');
        await t.http().get(`/api/channels/${applicantCaucus.id}/messages`).set('Authorization', who.auth).expect(404);
        // Uploading into someone else's caucus is refused the same way.
        await upload(who, applicantCaucus.id).expect(404);
      }
      // The other party's own caucus shows nothing of it, over REST and the socket.
      const own = await t.http().get(`/api/channels/${respondentCaucus.id}/messages`).set('Authorization', respondent.auth).expect(200);
      expect(JSON.stringify(own.body)).not.toContain(doc.id);
      const sync = await rs.timeout(5000).emitWithAck('channel:sync', { channelId: applicantCaucus.id, afterSeq: 0 });
      expect(sync).toMatchObject({ ok: false, code: 'NOT_FOUND' });
      // Nor can it re-attach the document in its own caucus to read it through a message.
      const steal = await rs.timeout(5000).emitWithAck('message:send', { channelId: respondentCaucus.id, clientId: randomUUID(), body: 'x', kind: 'attachment', documentId: doc.id });
      expect(steal).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
      await t.http().post(`/api/channels/${respondentCaucus.id}/messages`).set('Authorization', respondent.auth).send({ clientId: randomUUID(), body: 'x', documentId: doc.id }).expect(400);
      // The mediator’s case view does not list it among the case documents either: it lives in the channel.
      const forMediator = await t.http().get(`/api/cases/${c.id}`).set('Authorization', mediator.auth).expect(200);
      expect(forMediator.body.documents.map((d: DocumentView) => d.id)).not.toContain(doc.id);
      await sleep(150);
      expect(JSON.stringify(events)).not.toContain(doc.id);
      // R19: every attempt is in the case access log, refused ones marked as such.
      const log = await db.getRepository(CaseAccessLog).find({ where: { caseId: c.id, action: 'download_document', targetId: doc.id } });
      expect(log.filter((l) => l.userId === respondent.user.id).map((l) => l.allowed)).toEqual([false]);
      expect(log.filter((l) => l.userId === dispatcher.user.id).map((l) => l.allowed)).toEqual([false]);
      expect(log.filter((l) => l.userId === mediator.user.id).every((l) => l.allowed)).toBe(true);
      expect(await db.getRepository(CaseAccessLog).count({ where: { caseId: c.id, action: 'upload_document', userId: applicant.user.id } })).toBeGreaterThanOrEqual(1);
    });

    it('the mediator attaches in one party’s caucus: that party may download it, the other may not; a shared copy opens it to the recipient', async () => {
      const res = await upload(mediator, respondentCaucus.id, PNG2, '还款计划.png').expect(201);
      const ms = await open(mediator);
      await join(ms);
      const ack = await ms.timeout(5000).emitWithAck('message:send', { channelId: respondentCaucus.id, clientId: randomUUID(), body: '请看还款计划', kind: 'attachment', documentId: res.body.id });
      if (!ack.ok) throw new Error(JSON.stringify(ack));
      const url = ack.message.attachment!.downloadUrl;
      expect(Buffer.compare((await download(respondent, url).expect(200)).body as Buffer, PNG2)).toBe(0);
      await download(applicant, url).expect(404);
      // Sharing the applicant's attachment into the respondent's caucus (explicit, audited) lets the respondent open it.
      await download(respondent, message.attachment!.downloadUrl).expect(404);
      const shared = await ms.timeout(5000).emitWithAck('message:share', { messageId: message.id, toChannelId: respondentCaucus.id });
      if (!shared.ok) throw new Error(JSON.stringify(shared));
      expect(shared.message.attachment?.id).toBe(doc.id);
      await download(respondent, message.attachment!.downloadUrl).expect(200);
    });

    it('uploads go through the documents service’s checks: sniffed type, empty file', async () => {
      const bad = await upload(applicant, applicantCaucus.id, Buffer.from('#!/bin/sh\necho pwned\n'), 'run.png').expect(415);
      expect(bad.body.fields?.[0]?.field ?? bad.body.field ?? JSON.stringify(bad.body)).toContain('file');
      await t.http().post(`/api/channels/${applicantCaucus.id}/attachments`).set('Authorization', applicant.auth).expect(400);
      await upload(applicant, randomUUID()).expect(404);
    });
  });

  it('includes every other member’s stored read position in the channel view, so a reload shows how far each party read', async () => {
    const as = await open(applicant);
    await join(as);
    const ack = await as.timeout(5000).emitWithAck('message:send', { channelId: applicantCaucus.id, clientId: randomUUID(), body: '收到了吗？' });
    if (!ack.ok) throw new Error('send failed');
    as.emit('message:read', { channelId: applicantCaucus.id, seq: ack.message.seq });
    const rs = await open(respondent);
    await join(rs);
    rs.emit('message:read', { channelId: respondentCaucus.id, seq: 1 });
    await sleep(200);
    // The mediator reloads: the channel list carries the parties' read positions.
    const views: ChannelView[] = (await t.http().get(`/api/cases/${c.id}/channels`).set('Authorization', mediator.auth).expect(200)).body;
    const ac = views.find((v) => v.id === applicantCaucus.id)!;
    expect(ac.readers).toEqual([expect.objectContaining({ userId: applicant.user.id, name: expect.any(String), seq: ack.message.seq })]);
    expect(views.find((v) => v.id === respondentCaucus.id)!.readers.map((r) => r.userId)).toEqual([respondent.user.id]);
    // Over the socket too (case:join), and a party sees the mediator's position but nothing of the other caucus.
    const ms = await open(mediator);
    const joined = await join(ms);
    expect(joined.channels.find((v) => v.id === applicantCaucus.id)!.readers.map((r) => r.userId)).toEqual([applicant.user.id]);
    ms.emit('message:read', { channelId: applicantCaucus.id, seq: ack.message.seq });
    await sleep(150);
    const forParty: ChannelView[] = (await t.http().get(`/api/cases/${c.id}/channels`).set('Authorization', applicant.auth).expect(200)).body;
    expect(forParty.map((v) => v.id)).toEqual([applicantCaucus.id]);
    expect(forParty[0].readers.map((r) => r.userId)).toEqual([mediator.user.id]);
    expect(forParty[0].readSeq).toBe(ack.message.seq);
    expect(JSON.stringify(forParty)).not.toContain(respondent.user.id);
    // The members a call may ring, as the server derives them.
    expect(ac.members).toEqual([
      { userId: applicant.user.id, name: '张三', role: 'party' },
      { userId: mediator.user.id, name: expect.any(String), role: 'mediator' },
    ]);
    expect(forParty[0].members.map((m) => m.userId)).toEqual([applicant.user.id, mediator.user.id]);
  });

  it('relays a call signal only to the peer named in `to`, and only if that peer is a member of the channel', async () => {
    await t.http().put(`/api/cases/${c.id}/joint`).set('Authorization', mediator.auth).send({ open: true }).expect(200);
    const ms = await open(mediator);
    const ms2 = await open(mediator); // the mediator's second tab
    const as = await open(applicant);
    const rs = await open(respondent);
    const joint = (await join(ms)).channels.find((ch) => ch.kind === 'joint')!;
    await join(ms2);
    await join(as);
    await join(rs);
    const rtc = (s: ClientSocket) => {
      const got: unknown[] = [];
      s.on('rtc:signal', (p) => got.push(p));
      return got;
    };
    const [m1, m2, a, r] = [rtc(ms), rtc(ms2), rtc(as), rtc(rs)];
    // In the joint channel the mediator rings the applicant: the respondent (also a member) hears nothing.
    ms.emit('rtc:signal', { channelId: joint.id, to: applicant.user.id, type: 'offer', payload: { sdp: 'v=0' } });
    // The applicant answers the mediator in its caucus: both of the mediator's sockets get it, nobody else.
    as.emit('rtc:signal', { channelId: applicantCaucus.id, to: mediator.user.id, type: 'answer', payload: { sdp: 'v=0 answer' } });
    // Refused: no `to`, a `to` outside the channel, a `to` that is not a user id, oneself.
    as.emit('rtc:signal', { channelId: applicantCaucus.id, type: 'offer', payload: {} } as never);
    as.emit('rtc:signal', { channelId: applicantCaucus.id, to: respondent.user.id, type: 'offer', payload: { leak: 1 } });
    as.emit('rtc:signal', { channelId: applicantCaucus.id, to: 'everyone', type: 'offer', payload: { leak: 2 } });
    as.emit('rtc:signal', { channelId: applicantCaucus.id, to: applicant.user.id, type: 'offer', payload: { leak: 3 } });
    await sleep(300);
    expect(a).toEqual([{ channelId: joint.id, to: applicant.user.id, type: 'offer', payload: { sdp: 'v=0' }, from: mediator.user.id }]);
    expect(r).toEqual([]);
    for (const got of [m1, m2]) expect(got).toEqual([{ channelId: applicantCaucus.id, to: mediator.user.id, type: 'answer', payload: { sdp: 'v=0 answer' }, from: applicant.user.id }]);
    await t.http().put(`/api/cases/${c.id}/joint`).set('Authorization', mediator.auth).send({ open: false }).expect(200);
  });

  it('R17: a concession keeps its mark when shared into the joint channel, and exportableMessages leaves every concession out', async () => {
    await t.http().put(`/api/cases/${c.id}/joint`).set('Authorization', mediator.auth).send({ open: true }).expect(200);
    const as = await open(applicant);
    const ms = await open(mediator);
    await join(as);
    const joint = (await join(ms)).channels.find((ch) => ch.kind === 'joint')!;
    const concession = await as.timeout(5000).emitWithAck('message:send', { channelId: applicantCaucus.id, clientId: randomUUID(), body: '为了和解，我可以放弃利息。', concession: true });
    const fact = await as.timeout(5000).emitWithAck('message:send', { channelId: applicantCaucus.id, clientId: randomUUID(), body: '借款日期是2025年1月5日。' });
    if (!concession.ok || !fact.ok) throw new Error('send failed');
    const shared = await ms.timeout(5000).emitWithAck('message:share', { messageId: concession.message.id, toChannelId: joint.id });
    if (!shared.ok) throw new Error(JSON.stringify(shared));
    expect(shared.message).toMatchObject({ channelId: joint.id, concession: true, sharedFromChannelKind: 'caucus' });
    const jointHistory = await t.http().get(`/api/channels/${joint.id}/messages`).set('Authorization', respondent.auth).expect(200);
    expect(jointHistory.body.find((m: MessageView) => m.id === shared.message.id).concession).toBe(true);
    const sharedFact = await ms.timeout(5000).emitWithAck('message:share', { messageId: fact.message.id, toChannelId: joint.id });
    if (!sharedFact.ok) throw new Error('share failed');

    const service = t.app.get(MediationService);
    const all = await service.exportableMessages(c.id);
    const bodies = all.map((m) => m.body);
    expect(bodies).not.toContain('为了和解，我可以放弃利息。');
    expect(all.some((m) => m.concession)).toBe(false);
    expect(
      all
        .filter((m) => m.body === '借款日期是2025年1月5日。')
        .map((m) => m.channelKind)
        .sort(),
    ).toEqual(['caucus', 'joint']);
    // The caller chooses the channels an export may show; in sequence order per channel.
    const jointOnly = await service.exportableMessages(c.id, { kinds: ['joint'] });
    expect(jointOnly.map((m) => m.channelKind)).toEqual(jointOnly.map(() => 'joint'));
    expect(jointOnly.map((m) => m.body)).toContain('借款日期是2025年1月5日。');
    expect(jointOnly.map((m) => m.seq)).toEqual([...jointOnly.map((m) => m.seq)].sort((x, y) => x - y));
    // Against the stored rows: exactly the non-concession, non-system messages of the case.
    const [{ n }] = await db.query(
      `SELECT count(*)::int AS n FROM channel_message m JOIN conversation_channel ch ON ch.id = m.channel_id WHERE ch.case_id = $1 AND NOT m.concession AND m.kind <> 'system'`,
      [c.id],
    );
    expect(all).toHaveLength(n);
    await t.http().put(`/api/cases/${c.id}/joint`).set('Authorization', mediator.auth).send({ open: false }).expect(200);
  });
});
