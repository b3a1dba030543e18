import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DeadlineScanner } from '../src/cases/deadline-scanner.service';
import { ConversationChannel } from '../src/mediation/channel.entity';
import { mediatingCase, type Login } from './fixtures';
import { DEMO, connectOutcome, connectSocket, loginAs, startTestApp, type TestApp } from './harness';

const TOKEN = randomBytes(24).toString('hex');
// Redis when the run has it (CI does): its own DB index and queue prefix, so nothing is shared.
// The main app runs without (the case fixture dispatches notices by polling), a second with.
const REDIS: Record<string, string> = process.env.REDIS_URL ? { REDIS_URL: `${process.env.REDIS_URL.replace(/\/\d*$/, '')}/7`, QUEUE_PREFIX: `tjmetrics${process.pid}` } : {};

/** One Prometheus text exposition, as series: name, labels, value. */
function parse(text: string) {
  return text
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(l);
      if (!m) throw new Error(`not a sample: ${l}`);
      const labels = Object.fromEntries([...(m[2] ?? '').matchAll(/([a-zA-Z_]+)="((?:[^"\\]|\\.)*)"/g)].map((x) => [x[1], x[2]]));
      return { name: m[1], labels, value: Number(m[3]) };
    });
}
type Series = ReturnType<typeof parse>;
const value = (s: Series, name: string, labels: Record<string, string> = {}) => s.find((x) => x.name === name && Object.entries(labels).every(([k, v]) => x.labels[k] === v))?.value;

/**
 * Issue #14, "done when": /api/metrics shows HTTP latency by route, socket connections and
 * events, message send latency, outbox depth and the oldest pending notice's age, BullMQ
 * queue sizes (with Redis), deadline-scan durations and the DB pool — read from a real app
 * after real requests, a real socket.io client and a real scan.
 */
describe('metrics at /api/metrics (issue #14)', () => {
  let t: TestApp;
  let applicant: Login, respondent: Login, dispatcher: Login, mediator: Login;

  beforeAll(async () => {
    t = await startTestApp({ env: { METRICS_TOKEN: TOKEN } });
    [applicant, respondent, dispatcher, mediator] = await Promise.all([DEMO.citizen, DEMO.citizen2, DEMO.orgAdmin, DEMO.mediator].map((m) => loginAs(t, m)));
  });
  afterAll(async () => {
    await t?.close();
  });

  const scrape = async () => {
    const res = await t.http().get('/api/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200);
    expect(res.headers['content-type']).toContain('text/plain');
    return parse(res.text);
  };

  it('refuses a scrape without the token, or with a wrong one (401)', async () => {
    await t.http().get('/api/metrics').expect(401);
    await t.http().get('/api/metrics').set('Authorization', 'Bearer wrong-token-wrong-token').expect(401);
    await t.http().get('/api/metrics').set('Authorization', applicant.auth).expect(401);
  });

  it('without METRICS_TOKEN: loopback only, and never through a proxy (403)', async () => {
    const open = await startTestApp({ env: { METRICS_TOKEN: '' } }); // its own database: PGlite is one process
    try {
      await open.http().get('/api/metrics').expect(200);
      await open.http().get('/api/metrics').set('X-Forwarded-For', '203.0.113.9').expect(403);
    } finally {
      await open.close();
    }
  });

  (REDIS.REDIS_URL ? it : it.skip)('with Redis: the BullMQ queue sizes, fed by the dispatcher', async () => {
    const queued = await startTestApp({ sameDatabaseAs: t, env: REDIS });
    try {
      // A notice due now, handed to the queue by this process' dispatcher.
      await queued.http().post('/api/auth/otp').send({ mobile: '13766660001', purpose: 'register' }).expect(202);
      const res = await queued.http().get('/api/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200);
      const s = parse(res.text);
      for (const state of ['waiting', 'active', 'delayed', 'failed', 'completed']) expect(value(s, 'bullmq_queue_jobs', { queue: 'tiaojie-notifications', state })).toBeGreaterThanOrEqual(0);
    } finally {
      await queued.close();
    }
  });

  it('shows every series with sane values after requests, a socket, a message and a scan', async () => {
    const c = await mediatingCase(t, { applicant, respondent, dispatcher, mediator });
    await t.http().get(`/api/cases/${randomUUID()}`).set('Authorization', applicant.auth).expect(404);
    await t.http().get('/no/such/path').expect(404);

    const socket = connectSocket(t, { token: applicant.accessToken });
    try {
      expect(await connectOutcome(socket)).toEqual({ connected: true });
      expect((await socket.timeout(5000).emitWithAck('case:join', { caseId: c.id })).ok).toBe(true);
      const db = t.app.get(DataSource);
      const caucus = await db.getRepository(ConversationChannel).findOneByOrFail({ caseId: c.id, kind: 'caucus', partyId: c.parties.find((p) => p.side === 'applicant')!.id });
      for (let i = 0; i < 3; i++) expect((await socket.timeout(5000).emitWithAck('message:send', { channelId: caucus.id, clientId: randomUUID(), body: `第${i}条` })).ok).toBe(true);
      // Event names a client makes up are one label, `other`, however many it sends (bounded series).
      const raw = socket as unknown as { emit: (event: string, ...args: unknown[]) => void };
      for (const name of ['made:up', 'case:joinx', 'a:b']) raw.emit(name, {});
      // Two minutes later the notices still unsent are two minutes old (none has been dispatched).
      t.clock.advance(120_000);
      await t.app.get(DeadlineScanner).scan();
      const s = await scrape();

      // HTTP latency by route template, never the raw URL.
      expect(value(s, 'http_request_duration_seconds_count', { method: 'GET', route: '/api/cases/:id', status: '404' })).toBeGreaterThanOrEqual(1);
      expect(value(s, 'http_request_duration_seconds_count', { method: 'POST', route: '/api/cases', status: '201' })).toBeGreaterThanOrEqual(1);
      expect(value(s, 'http_request_duration_seconds_count', { route: 'unmatched', status: '404' })).toBeGreaterThanOrEqual(1);
      expect(s.some((x) => x.name.startsWith('http_request_duration_seconds') && /[0-9a-f]{8}-/.test(x.labels.route ?? ''))).toBe(false);
      // Sockets: this one open; its events counted; message:send timed to the ack.
      expect(value(s, 'socket_connections')).toBe(1);
      expect(value(s, 'socket_events_total', { event: 'case:join' })).toBe(1);
      expect(value(s, 'socket_events_total', { event: 'message:send' })).toBe(3);
      expect(value(s, 'socket_events_total', { event: 'other' })).toBe(3);
      expect(s.some((x) => x.name === 'socket_events_total' && ['made:up', 'case:joinx', 'a:b'].includes(x.labels.event ?? ''))).toBe(false);
      expect(value(s, 'message_send_duration_seconds_count')).toBe(3);
      expect(value(s, 'message_send_duration_seconds_sum')).toBeGreaterThan(0);
      expect(value(s, 'message_send_duration_seconds_sum')).toBeLessThan(15);
      // The outbox, as its table says.
      const [row] = await db.query(
        "SELECT count(*) FILTER (WHERE status = 'pending')::int AS pending, count(*) FILTER (WHERE status = 'queued')::int AS queued, extract(epoch FROM $1::timestamptz - min(next_attempt_at) FILTER (WHERE next_attempt_at <= $1))::float AS age FROM notification WHERE status IN ('pending', 'queued', 'sending')",
        [t.clock.now()],
      );
      expect(row.pending + row.queued).toBeGreaterThan(0);
      expect(value(s, 'outbox_pending', { status: 'pending' })).toBe(row.pending);
      expect(value(s, 'outbox_pending', { status: 'queued' })).toBe(row.queued);
      expect(value(s, 'outbox_oldest_pending_age_seconds')).toBeCloseTo(row.age, 0);
      expect(value(s, 'outbox_oldest_pending_age_seconds')).toBeGreaterThanOrEqual(120);
      // The deadline scan: one, timed, and when it last succeeded.
      expect(value(s, 'deadline_scan_duration_seconds_count')).toBe(1);
      expect(Math.abs(value(s, 'deadline_scan_last_success_timestamp_seconds')! - Date.now() / 1000)).toBeLessThan(60);
      expect(value(s, 'deadline_scan_interval_seconds')).toBe(0);
      // The PostgreSQL pool (tests run on PostgreSQL when DATABASE_URL is set; PGlite has none).
      if (process.env.DATABASE_URL) {
        expect(value(s, 'db_pool_connections', { state: 'total' })).toBeGreaterThanOrEqual(1);
        expect(value(s, 'db_pool_connections', { state: 'waiting' })).toBeGreaterThanOrEqual(0);
        expect(value(s, 'db_pool_connections', { state: 'idle' })).toBeLessThanOrEqual(value(s, 'db_pool_connections', { state: 'total' })!);
      }
      expect(value(s, 'bullmq_queue_jobs')).toBeUndefined();
      // And the process' own (event loop, memory).
      expect(value(s, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    } finally {
      socket.close();
    }
    // A closed socket leaves the gauge.
    const until = Date.now() + 5000;
    while (value(await scrape(), 'socket_connections') !== 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect(value(await scrape(), 'socket_connections')).toBe(0);
  });
});
