import { randomUUID } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { CaseDetail, SyncAck } from '@tiaojie/contracts';
import { DataSource } from 'typeorm';
import { createApp } from '../src/bootstrap';
import { AppConfig } from '../src/config/app-config';
import { DEMO, loginAs, sleep, startTestApp, type TestApp } from './harness';
import { mediatingCase } from './fixtures';
import { resendingClient } from './resending-client';

const pgOnly = process.env.DATABASE_URL ? describe : describe.skip;

pgOnly('separate sessions across an API restart (needs PostgreSQL: the new process opens the same database)', () => {
  let t: TestApp;
  let second: NestExpressApplication | null = null;
  afterAll(async () => {
    await second?.close();
    await t?.close();
  });

  it('messages from clients that keep re-sending across a restart arrive exactly once and gap-free', async () => {
    t = await startTestApp();
    const [applicant, respondent, dispatcher, mediator] = await Promise.all([DEMO.citizen, DEMO.citizen2, DEMO.orgAdmin, DEMO.mediator2].map((m) => loginAs(t, m)));
    const c: CaseDetail = await mediatingCase(t, { applicant, respondent, dispatcher, mediator });
    const channels = (await t.http().get(`/api/cases/${c.id}/channels`).set('Authorization', mediator.auth).expect(200)).body as Array<{ id: string; kind: string; partyId: string }>;
    const applicantParty = c.parties.find((p) => p.side === 'applicant')!;
    const caucus = channels.find((ch) => ch.kind === 'caucus' && ch.partyId === applicantParty.id)!.id;
    const config = t.app.get(AppConfig);
    const port = Number(new URL(t.url).port);

    // Two members write into the same caucus at once, each message with its own client id.
    const N = 60;
    const a = resendingClient(t.url, applicant.accessToken!, c.id);
    const m = resendingClient(t.url, mediator.accessToken!, c.id);
    const plan = (who: string) => Array.from({ length: N }, (_, i) => ({ clientId: randomUUID(), body: `${who} #${i + 1}` }));
    const aPlan = plan('applicant');
    const mPlan = plan('mediator');
    let acked = 0;
    const run = async (client: ReturnType<typeof resendingClient>, items: typeof aPlan) => {
      const acks = [];
      for (const item of items) {
        acks.push(await client.send(caucus, item.clientId, item.body));
        acked++;
        await sleep(5);
      }
      return acks;
    };
    const writing = Promise.all([run(a, aPlan), run(m, mPlan)]);

    // Mid-stream, the API goes away and a new one starts on the same database and port.
    while (acked < N / 2) await sleep(5);
    await t.app.close();
    const midway = acked;
    expect(midway).toBeLessThan(2 * N);
    await sleep(300); // clients fail to reach it and keep trying
    second = await createApp({ config, clock: t.clock });
    await second.listen(port, '127.0.0.1');

    const [aAcks, mAcks] = await writing;
    a.socket.close();
    m.socket.close();
    // The restart really cut through the stream: some sends had to go again.
    expect(a.stats().attempts + m.stats().attempts).toBeGreaterThan(2 * N);
    // Every message acknowledged with its stored id and sequence number…
    const all = [...aAcks, ...mAcks];
    expect(all).toHaveLength(2 * N);
    const newDb = second.get(DataSource);
    // …stored exactly once per client id…
    const rows: Array<{ client_id: string; seq: number; body: string }> = await newDb.query('SELECT client_id, seq, body FROM channel_message WHERE channel_id = $1 ORDER BY seq', [caucus]);
    const planned = new Set<string>([...aPlan, ...mPlan].map((p) => p.clientId));
    const stored = rows.filter((r) => planned.has(r.client_id));
    expect(stored).toHaveLength(2 * N);
    expect(new Set(stored.map((r) => r.client_id)).size).toBe(2 * N);
    // …with gap-free sequence numbers 1..n in the channel, each sender's messages in its order…
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
    const order = (who: string) => stored.filter((r) => r.body.startsWith(who)).map((r) => Number(r.body.split('#')[1]));
    expect(order('applicant')).toEqual(aPlan.map((_, i) => i + 1));
    expect(order('mediator')).toEqual(mPlan.map((_, i) => i + 1));
    // …and the acknowledgements agree with what is stored (a retried message was acknowledged as the stored one).
    for (const ack of all) {
      if (!ack.ok) throw new Error('unacknowledged');
      expect(rows.find((r) => r.client_id === ack.message.clientId)?.seq).toBe(ack.message.seq);
    }
    const [{ n }] = await newDb.query('SELECT last_seq AS n FROM conversation_channel WHERE id = $1', [caucus]);
    expect(n).toBe(rows.length);
    // A reader of the new process syncs everything in order.
    const reader = resendingClient(t.url, mediator.accessToken!, c.id);
    while (!reader.socket.connected) await sleep(10);
    expect(await reader.socket.timeout(3000).emitWithAck('case:join', { caseId: c.id })).toMatchObject({ ok: true });
    const sync: SyncAck = await reader.socket.timeout(3000).emitWithAck('channel:sync', { channelId: caucus, afterSeq: 0 });
    reader.socket.close();
    if (!sync.ok) throw new Error('sync failed');
    expect(sync.messages.map((x) => x.seq)).toEqual(rows.map((r) => r.seq));
  }, 120_000);
});
