import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CaseDetail, ClientToServerEvents, SendMessageAck, ServerToClientEvents } from '@tiaojie/contracts';
import type { Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';
import { DEMO, loginAs, sleep, startTestApp, type TestApp } from './harness';
import { mediatingCase } from './fixtures';
import { resendingClient } from './resending-client';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
const pgOnly = process.env.DATABASE_URL ? describe : describe.skip;
const SECRET = 'message-kill-secret-message-kill-secret-01';

function freePort() {
  return new Promise<number>((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** The API as a process of its own (src/main.ts), so that it can be SIGKILLed mid-statement. */
async function startApi(url: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-r', 'reflect-metadata', '-r', '@swc-node/register', join(__dirname, '..', 'src', 'main.ts')], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      REDIS_URL: '',
      JWT_SECRET: SECRET,
      ID_ENCRYPTION_KEY: Buffer.alloc(32, 3).toString('base64'),
      SEED_DEMO: 'false',
      WEB_DIST: '',
      LOG_LEVEL: 'warn',
      DEADLINE_SCAN_SECONDS: '0',
      OUTBOX_POLL_MS: '0',
      DATA_DIR: join(tmpdir(), `tj-msg-kill-${process.pid}`),
      SWC_NODE_PROJECT: join(__dirname, '..', 'tsconfig.spec.json'),
      PORT: String(port),
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const until = Date.now() + 90_000;
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${port}/api/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return child;
    if (Date.now() > until || child.exitCode !== null) throw new Error(`API process on ${port} did not start`);
    await sleep(200);
  }
}

/**
 * Issue #15 (group commit): an acknowledgement still means the message is durable. The API
 * process is SIGKILLed while several members write into one channel (batches in flight, nothing
 * flushed or closed); every message acknowledged before the kill is in the database with the
 * acknowledged seq, and after a new process starts, what the clients re-send is stored once,
 * gap-free, in each sender's order (R15).
 */
pgOnly('messages across a SIGKILL of the API process (issue #15; needs PostgreSQL)', () => {
  let t: TestApp;
  const children: ChildProcess[] = [];
  const sockets: ClientSocket[] = [];
  afterAll(async () => {
    for (const s of sockets) s.close();
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
    await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null || c.signalCode !== null ? r(null) : c.once('exit', r)))));
    await t?.close();
  });

  it('every message acknowledged before the kill is stored with its seq; re-sends after it are stored once, gap-free, in order', async () => {
    t = await startTestApp({ env: { JWT_SECRET: SECRET } });
    t.clock.set(new Date()); // the API processes run on the system clock: issue the tokens on it too
    const [applicant, respondent, dispatcher, mediator] = await Promise.all([DEMO.citizen, DEMO.citizen2, DEMO.orgAdmin, DEMO.mediator2].map((m) => loginAs(t, m)));
    const c: CaseDetail = await mediatingCase(t, { applicant, respondent, dispatcher, mediator });
    const channels = (await t.http().get(`/api/cases/${c.id}/channels`).set('Authorization', mediator.auth).expect(200)).body as Array<{ id: string; kind: string; partyId: string }>;
    const caucus = channels.find((ch) => ch.kind === 'caucus' && ch.partyId === c.parties.find((p) => p.side === 'applicant')!.id)!.id;
    const db = t.app.get(DataSource);
    const url = (db.options as { url: string }).url;
    const port = await freePort();
    children.push(await startApi(url, port));
    const base = `http://127.0.0.1:${port}`;

    // Three sockets write into the caucus at once (two of the applicant's, the mediator's).
    const clients = [applicant, applicant, mediator].map((who) => resendingClient(base, who.accessToken!, c.id));
    sockets.push(...clients.map((x) => x.socket));
    const N = 40;
    const plans = clients.map((_, k) => Array.from({ length: N }, (__, i) => ({ clientId: randomUUID(), body: `s${k} #${i + 1}` })));
    const ackedBeforeKill = new Map<string, number>();
    let killed = false;
    let acked = 0;
    const run = async (k: number) => {
      const acks: SendMessageAck[] = [];
      for (const item of plans[k]) {
        const ack = await clients[k].send(caucus, item.clientId, item.body);
        if (!killed && ack.ok) ackedBeforeKill.set(item.clientId, ack.message.seq);
        acks.push(ack);
        acked++;
        await sleep(3);
      }
      return acks;
    };
    const writing = Promise.all(clients.map((_, k) => run(k)));

    while (acked < N) await sleep(2);
    children[0].kill('SIGKILL');
    killed = true;
    await new Promise((r) => (children[0].signalCode !== null ? r(null) : children[0].once('exit', r)));
    // Acknowledged = durable: every one of them is stored, with the seq its ack carried.
    const stored: Array<{ client_id: string; seq: number }> = await db.query('SELECT client_id, seq FROM channel_message WHERE channel_id = $1', [caucus]);
    const seqOf = new Map(stored.map((r) => [r.client_id, r.seq]));
    expect(ackedBeforeKill.size).toBeGreaterThanOrEqual(N);
    for (const [clientId, seq] of ackedBeforeKill) expect(seqOf.get(clientId)).toBe(seq);
    expect(acked).toBeLessThan(3 * N); // the kill cut through the stream

    children.push(await startApi(url, port));
    const all = (await writing).flat();
    expect(clients.reduce((a, x) => a + x.stats().attempts, 0)).toBeGreaterThan(3 * N);
    const rows: Array<{ client_id: string; seq: number; body: string }> = await db.query('SELECT client_id, seq, body FROM channel_message WHERE channel_id = $1 ORDER BY seq', [caucus]);
    const planned = new Set<string>(plans.flat().map((p) => p.clientId));
    const mine = rows.filter((r) => planned.has(r.client_id));
    expect(mine).toHaveLength(3 * N);
    expect(new Set(mine.map((r) => r.client_id)).size).toBe(3 * N);
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
    const [{ last_seq }] = await db.query('SELECT last_seq FROM conversation_channel WHERE id = $1', [caucus]);
    expect(last_seq).toBe(rows.length);
    plans.forEach((_, k) => expect(mine.filter((r) => r.body.startsWith(`s${k} `)).map((r) => Number(r.body.split('#')[1]))).toEqual(Array.from({ length: N }, (__, i) => i + 1)));
    for (const ack of all) {
      if (!ack.ok) throw new Error('unacknowledged');
      expect(rows.find((r) => r.client_id === ack.message.clientId)?.seq).toBe(ack.message.seq);
    }
  }, 180_000);
});
