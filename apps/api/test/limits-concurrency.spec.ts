import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LIMITS } from '@tiaojie/contracts';
import { DataSource } from 'typeorm';
import { OtpService } from '../src/accounts/otp.service';
import { DEMO, DEMO_PASSWORD, startTestApp, type TestApp } from './harness';

/**
 * Per-number limits hold when requests arrive at once, not only one after another, and across
 * API instances: two instances of the app share one PostgreSQL database here, so nothing kept
 * in one process's memory can make them hold.
 */
const needs = process.env.DATABASE_URL ? describe : describe.skip;
const MAX_FAILURES = 5; // LOGIN_MAX_FAILURES' default

const tally = (statuses: number[]) => statuses.reduce<Record<number, number>>((acc, s) => ({ ...acc, [s]: (acc[s] ?? 0) + 1 }), {});

needs('limits under concurrency (two app instances on one PostgreSQL)', () => {
  let a: TestApp;
  let b: TestApp;
  const on = (i: number) => (i % 2 ? b : a).http();
  beforeAll(async () => {
    a = await startTestApp();
    b = await startTestApp({ sameDatabaseAs: a });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  async function smsCount(mobile: string) {
    await Promise.all([a, b].map((t) => t.app.get(OtpService).settled()));
    const [{ n }] = await a.app.get(DataSource).query('SELECT count(*)::int AS n FROM dev_sms_message WHERE mobile = $1', [mobile]);
    return Number(n);
  }

  describe('password failures (login lock)', () => {
    it('counts every one of 24 concurrent wrong passwords: 5 are checked, the rest refused, the number locked', async () => {
      const statuses = await Promise.all(
        Array.from({ length: 24 }, (_, i) =>
          on(i)
            .post('/api/auth/login/password')
            .send({ mobile: DEMO.judge, password: `wrong-${i}` })
            .then((r) => r.status),
        ),
      );
      expect(tally(statuses)).toEqual({
        401: MAX_FAILURES,
        429: 24 - MAX_FAILURES,
      });
      const after = await a.http().post('/api/auth/login/password').send({ mobile: DEMO.judge, password: DEMO_PASSWORD });
      expect(after.status).toBe(429);
      expect(Number(after.headers['retry-after'])).toBeGreaterThan(0);
    });

    it('refuses the right password sent into a burst of wrong ones (it is not the guess that slips past the lock)', async () => {
      const wrong = Array.from({ length: 24 }, (_, i) =>
        on(i)
          .post('/api/auth/login/password')
          .send({ mobile: DEMO.orgAdmin, password: `wrong-${i}` })
          .then((r) => r.status),
      );
      // Once the first wrong guess is answered, every guess of the burst has reached the server.
      await Promise.race(wrong);
      const right = await b.http().post('/api/auth/login/password').send({ mobile: DEMO.orgAdmin, password: DEMO_PASSWORD });
      const statuses = await Promise.all(wrong);
      expect(right.status).toBe(429);
      expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(MAX_FAILURES);
    });

    it('an unknown number is locked the same way', async () => {
      const statuses = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          on(i)
            .post('/api/auth/login/password')
            .send({ mobile: '13199990001', password: `wrong-${i}` })
            .then((r) => r.status),
        ),
      );
      expect(tally(statuses)).toEqual({
        401: MAX_FAILURES,
        429: 12 - MAX_FAILURES,
      });
    });

    it('opens again after the window, and a right password clears the count', async () => {
      a.clock.advance(16 * 60_000);
      await a.http().post('/api/auth/login/password').send({ mobile: DEMO.judge, password: 'wrong-again' }).expect(401);
      await b.http().post('/api/auth/login/password').send({ mobile: DEMO.judge, password: DEMO_PASSWORD }).expect(200);
      for (let i = 0; i < MAX_FAILURES; i++) await on(i).post('/api/auth/login/password').send({ mobile: DEMO.judge, password: 'wrong' }).expect(401);
      await a.http().post('/api/auth/login/password').send({ mobile: DEMO.judge, password: DEMO_PASSWORD }).expect(429);
    });
  });

  describe('documents uploaded at the same moment', () => {
    it('takes 6 files chosen together into one draft (the filing form sends them in parallel), each on the timeline once', async () => {
      const login = await a.http().post('/api/auth/login/password').send({ mobile: DEMO.citizen, password: DEMO_PASSWORD, transport: 'api' }).expect(200);
      const auth = `Bearer ${login.body.accessToken}`;
      const draft = await a
        .http()
        .post('/api/cases')
        .set('Authorization', auth)
        .send({
          disputeType: 'private_loan',
          facts: '借款两万元，逾期未还，多次催讨无果。',
          claims: { amount: '20000' },
          region: '330106',
          applicant: { name: '张三', mobile: DEMO.citizen },
          respondents: [{ name: '李四', mobile: DEMO.citizen2 }],
        })
        .expect(201);
      const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cf00000301010018dd8db40000000049454e44ae426082', 'hex');
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) => on(i).post(`/api/cases/${draft.body.id}/documents`).set('Authorization', auth).field('kind', 'evidence').attach('file', png, `p${i}.png`)),
      );
      expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201]);
      const events = await a.app.get(DataSource).query("SELECT seq FROM case_event WHERE case_id = $1 AND type = 'document_uploaded' ORDER BY seq", [draft.body.id]);
      expect(events).toHaveLength(6);
    });
  });

  describe('SMS codes (1 a minute per purpose, 5 an hour per number)', () => {
    it('sends one SMS for 12 concurrent code requests for one number', async () => {
      a.clock.advance(2 * 3600_000);
      const statuses = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          on(i)
            .post('/api/auth/otp')
            .send({ mobile: DEMO.citizen, purpose: 'login' })
            .then((r) => r.status),
        ),
      );
      expect(tally(statuses)).toEqual({ 202: 1, 429: 11 });
      expect(await smsCount(DEMO.citizen)).toBe(1);
    });

    it('never sends more than 5 an hour, however the requests are timed and whatever the purpose', async () => {
      const mobile = '13911112222';
      const accepted: number[] = [];
      for (let burst = 0; burst < 7; burst++) {
        const statuses = await Promise.all(
          Array.from({ length: 12 }, (_, i) =>
            on(i)
              .post('/api/auth/otp')
              .send({ mobile, purpose: i % 2 ? 'login' : 'register' })
              .then((r) => r.status),
          ),
        );
        accepted.push(statuses.filter((s) => s === 202).length);
        a.clock.advance(LIMITS.otpResendSeconds * 1000 + 1000);
      }
      console.log(`code requests accepted per burst of 12: ${accepted.join(', ')}`);
      // Each burst: at most one per purpose; in all: the hourly limit.
      expect(accepted.every((n) => n <= 2)).toBe(true);
      expect(accepted.reduce((x, y) => x + y, 0)).toBe(LIMITS.otpPerHour);
      // Unregistered: login codes are not delivered (the same answer, no SMS), register codes are.
      expect(await smsCount(mobile)).toBeLessThanOrEqual(LIMITS.otpPerHour);
    });
  });
});

/**
 * The login-code route answers in the same time whether or not the number is registered: it
 * does not wait for the SMS provider when it sends (a real HTTP provider here, answering slowly).
 */
/** One POST on a warm connection, timed from just before it is sent to the end of the answer; prints `status ms`. */
const TIMED_REQUEST = `
const [url, body] = process.argv.slice(1);
(async () => {
  await (await fetch(new URL('/api/health', url))).text(); // warm: connection and client loaded
  const t0 = process.hrtime.bigint();
  const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  await r.text();
  // Written raw: a FORCE_COLOR in the environment (nx sets it) would colour console.log numbers.
  process.stdout.write(r.status + " " + Number(process.hrtime.bigint() - t0) / 1e6 + "\\n");
})().catch((e) => process.stdout.write("0 0 " + String(e && e.cause || e) + "\\n"));
`;

describe('SMS code requests take the same time, registered or not', () => {
  let t: TestApp;
  let provider: Server;
  let sent = 0;
  const DELAY_MS = 1000;
  beforeAll(async () => {
    provider = createServer((req, res) => {
      sent++;
      setTimeout(
        () =>
          res.writeHead(200, { 'content-type': 'application/json' }).end(
            JSON.stringify({
              Code: 'OK',
              BizId: `biz-${sent}`,
              RequestId: 'r',
            }),
          ),
        DELAY_MS,
      );
    });
    await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
    const port = (provider.address() as AddressInfo).port;
    t = await startTestApp({
      env: {
        SMS_PROVIDER: 'aliyun',
        SMS_ENDPOINT: `http://127.0.0.1:${port}`,
        SMS_ACCESS_KEY_ID: 'test-key',
        SMS_ACCESS_KEY_SECRET: 'test-secret',
        SMS_TEMPLATE_CODES: JSON.stringify({ default: 'SMS_000000' }),
      },
    });
  });
  afterAll(async () => {
    await t?.close();
    await new Promise((resolve) => provider.close(resolve));
  });

  it('login codes: registered and unregistered numbers are answered within a few milliseconds of each other', async () => {
    // Timed from another process, as a caller on the network would: in this process the
    // client would only read the answer after the server's next turn of work.
    const time = async (mobile: string): Promise<number> => {
      // A connection the loaded machine drops (status 0) is tried again; any other status fails.
      for (let attempt = 0; ; attempt++) {
        const ms = await timeOnce(mobile).catch((e: Error) => {
          if (attempt < 2 && e.message.startsWith('status 0')) {
            // The dropped request may have reached the server: wait out the resend limit.
            t.clock.advance(61_000);
            return null;
          }
          throw e;
        });
        if (ms !== null) return ms;
      }
    };
    const timeOnce = (mobile: string) =>
      new Promise<number>((resolve, reject) => {
        const child = spawn(process.execPath, ['-e', TIMED_REQUEST, `${t.url}/api/auth/otp`, JSON.stringify({ mobile, purpose: 'login' })], { stdio: ['ignore', 'pipe', 'inherit'] });
        let out = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.on('error', reject);
        child.on('close', () => {
          const [status, ms] = out.trim().split(/\s+/).slice(-2).map(Number);
          if (status !== 202) reject(new Error(`status ${status || 0}: ${out.trim()}`));
          else resolve(ms);
        });
      });
    const registered: number[] = [];
    const unregistered: number[] = [];
    for (let round = 0; round < 8; round++) {
      t.clock.advance(3601_000);
      // Alternate which goes first, so neither is always measured on a warmer server.
      if (round % 2) unregistered.push(await time('13155550000'));
      registered.push(await time(DEMO.citizen));
      if (!(round % 2)) unregistered.push(await time('13155550000'));
    }
    await t.app.get(OtpService).settled();
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
    const difference = median(registered) - median(unregistered);
    console.log(
      `login-code median: registered ${median(registered).toFixed(1)} ms, unregistered ${median(unregistered).toFixed(1)} ms, difference ${difference.toFixed(1)} ms; ` +
        `fastest: ${Math.min(...registered).toFixed(1)} / ${Math.min(...unregistered).toFixed(1)} ms`,
    );
    expect(Math.abs(difference)).toBeLessThan(DELAY_MS / 4);
    // The codes were still sent: one SMS per registered request.
    expect(sent).toBe(8);
  });
});
