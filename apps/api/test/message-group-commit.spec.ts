import { randomUUID } from 'node:crypto';
import type { CaseDetail, SendMessageAck } from '@tiaojie/contracts';
import { DataSource } from 'typeorm';
import { MediationService } from '../src/mediation/mediation.service';
import { connectOutcome, connectSocket, DEMO, loginAs, sleep, startTestApp, type ClientSocket, type TestApp } from './harness';
import { mediatingCase } from './fixtures';

const pgOnly = process.env.DATABASE_URL ? describe : describe.skip;

/**
 * Issue #15: messages sent at the same moment are stored together (group commit, one statement
 * for the batch). These are the guarantees that must survive it (R15): acknowledged means stored;
 * per channel the numbers are 1..n without a gap, whatever the number of senders, sockets and
 * API instances writing at once; each sender's messages keep the order it sent them in; and the
 * same client id is stored once and acknowledged with the same id and seq every time.
 */
pgOnly('group commit of messages (issue #15; needs PostgreSQL: two API instances on one database)', () => {
  let t: TestApp;
  let t2: TestApp;
  const sockets: ClientSocket[] = [];
  afterAll(async () => {
    for (const s of sockets) s.close();
    await t2?.close().catch(() => undefined);
    await t?.close();
  });

  it('concurrent senders on two instances: gap-free per channel, per-sender order, one row and one seq per client id', async () => {
    t = await startTestApp();
    t2 = await startTestApp({ sameDatabaseAs: t });
    const [applicant, respondent, dispatcher, mediator] = await Promise.all([DEMO.citizen, DEMO.citizen2, DEMO.orgAdmin, DEMO.mediator2].map((m) => loginAs(t, m)));
    const c: CaseDetail = await mediatingCase(t, { applicant, respondent, dispatcher, mediator });
    await t.http().put(`/api/cases/${c.id}/joint`).set('Authorization', mediator.auth).send({ open: true }).expect(200);
    const channels = (await t.http().get(`/api/cases/${c.id}/channels`).set('Authorization', mediator.auth).expect(200)).body as Array<{ id: string; kind: string; partyId: string | null }>;
    const applicantParty = c.parties.find((p) => p.side === 'applicant')!;
    const caucus = channels.find((ch) => ch.kind === 'caucus' && ch.partyId === applicantParty.id)!.id;
    const joint = channels.find((ch) => ch.kind === 'joint')!.id;

    const open = async (app: TestApp, token: string) => {
      const s = connectSocket(app, { token });
      sockets.push(s);
      expect(await connectOutcome(s)).toEqual({ connected: true });
      expect(await s.timeout(5000).emitWithAck('case:join', { caseId: c.id })).toMatchObject({ ok: true });
      return s;
    };
    // Five sockets on two instances: the mediator on both, the parties one each.
    const senders = [
      { name: 'applicant', socket: await open(t, applicant.accessToken!), channels: [caucus, joint] },
      { name: 'respondent', socket: await open(t2, respondent.accessToken!), channels: [joint] },
      { name: 'mediatorA', socket: await open(t, mediator.accessToken!), channels: [caucus, joint] },
      { name: 'mediatorB', socket: await open(t2, mediator.accessToken!), channels: [caucus, joint] },
      { name: 'applicant2', socket: await open(t2, applicant.accessToken!), channels: [caucus] },
    ];
    type Sent = { sender: string; channelId: string; clientId: string; n: number; acks: SendMessageAck[] };
    const sent: Sent[] = [];
    const emit = (s: ClientSocket, m: Sent) => s.timeout(10_000).emitWithAck('message:send', { channelId: m.channelId, clientId: m.clientId, body: `${m.sender} ${m.channelId} #${m.n}` });
    // Waves of up to the flood limit's burst, fired without waiting: each socket pipelines its
    // messages, every socket at once, so batches mix senders, channels and instances.
    const WAVES = 4;
    const PER_WAVE = 12;
    for (let w = 0; w < WAVES; w++) {
      const wave: Array<Promise<void>> = [];
      for (const who of senders) {
        for (let i = 0; i < PER_WAVE; i++) {
          const channelId = who.channels[i % who.channels.length];
          const m: Sent = { sender: who.name, channelId, clientId: randomUUID(), n: w * PER_WAVE + i, acks: [] };
          sent.push(m);
          const copies = i % 5 === 0 ? 2 : 1; // a retry fired right behind the first copy, before any ack
          for (let k = 0; k < copies; k++) wave.push(emit(who.socket, m).then((a: SendMessageAck) => void m.acks.push(a)));
        }
      }
      // The same client id from the same account on both instances at the same moment (a client
      // that reconnected to the other process and re-sent): stored once.
      const twin: Sent = { sender: 'mediatorA', channelId: caucus, clientId: randomUUID(), n: 1000 + w, acks: [] };
      sent.push(twin);
      wave.push(emit(senders[2].socket, twin).then((a: SendMessageAck) => void twin.acks.push(a)));
      wave.push(emit(senders[3].socket, twin).then((a: SendMessageAck) => void twin.acks.push(a)));
      await Promise.all(wave);
      await sleep(3100); // the bucket refills (10/s) before the next wave
    }
    // A late retry of every fifth message, after it was acknowledged.
    for (const m of sent.filter((x) => x.n % 5 === 0 && x.n < 1000)) {
      const who = senders.find((s) => s.name === m.sender)!;
      m.acks.push(await emit(who.socket, m));
    }

    // The messages really were grouped: fewer statements than messages on each instance.
    for (const app of [t, t2]) {
      const stats = app.app.get(MediationService).storeStats();
      expect(stats.largest).toBeGreaterThan(1);
      expect(stats.statements).toBeLessThan(stats.messages);
    }
    const db = t.app.get(DataSource);
    const rows: Array<{ channel_id: string; client_id: string; seq: number; id: string; body: string; sender_id: string }> = await db.query(
      'SELECT channel_id, client_id, seq, id, body, sender_id FROM channel_message WHERE channel_id = ANY($1) ORDER BY channel_id, seq',
      [[caucus, joint]],
    );
    // Every message acknowledged, each copy with the same stored id and seq; the first copy as new, the others as duplicates.
    for (const m of sent) {
      expect(m.acks.every((a) => a.ok)).toBe(true);
      const oks = m.acks.filter((a): a is Extract<SendMessageAck, { ok: true }> => a.ok);
      expect(new Set(oks.map((a) => `${a.message.id}:${a.message.seq}`)).size).toBe(1);
      expect(oks.filter((a) => !a.duplicate)).toHaveLength(1);
      const stored = rows.filter((r) => r.client_id === m.clientId);
      expect(stored).toHaveLength(1);
      expect(stored[0]).toMatchObject({ id: oks[0].message.id, seq: oks[0].message.seq, channel_id: m.channelId });
    }
    expect(rows).toHaveLength(sent.length);
    // Gap-free per channel, and the counter agrees.
    for (const ch of [caucus, joint]) {
      const seqs = rows.filter((r) => r.channel_id === ch).map((r) => r.seq);
      expect(seqs).toEqual(seqs.map((_, i) => i + 1));
      const [{ last_seq }] = await db.query('SELECT last_seq FROM conversation_channel WHERE id = $1', [ch]);
      expect(last_seq).toBe(seqs.length);
    }
    // Per socket and channel, the numbers follow the order the messages were sent in.
    for (const who of senders) {
      for (const ch of who.channels) {
        const mine = sent.filter((m) => m.sender === who.name && m.channelId === ch && m.n < 1000);
        const seqs = mine.map((m) => rows.find((r) => r.client_id === m.clientId)!.seq);
        expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      }
    }
  }, 120_000);
});
