import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { DataSource } from 'typeorm';
import { Notification } from '../src/notifications/notification.entity';
import { NotificationDispatcher } from '../src/notifications/dispatcher.service';
import { connectOutcome, connectSocket, DEMO, loginAs, startTestApp, type TestApp } from './harness';
import { PNG } from './fixtures';

type Login = Awaited<ReturnType<typeof loginAs>>;

async function submitCase(t: TestApp, who: Login) {
  const draft = await t
    .http()
    .post('/api/cases')
    .set('Authorization', who.auth)
    .send({
      disputeType: 'private_loan',
      facts: '2025年借款两万元未还，多次催讨无果。',
      claims: { amount: '20000' },
      region: '330106',
      applicant: { name: '张三', mobile: DEMO.citizen, idNumber: '11010519491231002X' },
      respondents: [{ name: '李四', mobile: DEMO.citizen2 }],
    })
    .expect(201);
  await t.http().post(`/api/cases/${draft.body.id}/documents`).set('Authorization', who.auth).field('kind', 'id_card').attach('file', PNG, 'id.png').expect(201);
  const sub = await t.http().post(`/api/cases/${draft.body.id}/submit`).set('Authorization', who.auth).send({ version: draft.body.version, consent: true, noticeSeen: true }).expect(201);
  return sub.body as { id: string; version: number; organisationId: string };
}

function listen(server: Server) {
  return new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

describe('stage notifications (integration, real database)', () => {
  describe('outbox rows, email over a real SMTP server, preferences', () => {
    let t: TestApp;
    let smtp: SMTPServer;
    const mails: Array<{ to: string[]; raw: string }> = [];

    beforeAll(async () => {
      smtp = new SMTPServer({
        authOptional: true,
        disabledCommands: ['STARTTLS'],
        onData(stream, session, callback) {
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
            callback();
          });
        },
      });
      const port = await new Promise<number>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve((smtp.server.address() as AddressInfo).port)));
      t = await startTestApp({ env: { SMTP_URL: `smtp://127.0.0.1:${port}`, PUBLIC_URL: 'https://tiaojie.example.cn' } });
    });
    afterAll(async () => {
      await t?.close();
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    });

    it('one transition writes exactly one row per recipient and channel, and sends each once', async () => {
      const applicant = await loginAs(t, DEMO.citizen);
      await t.http().patch('/api/me').set('Authorization', applicant.auth).send({ email: 'zhangsan@example.cn' }).expect(200);
      const dispatcher = await loginAs(t, DEMO.orgAdmin);
      const c = await submitCase(t, applicant);
      const db = t.app.get(DataSource);
      const accepted = await t.http().post(`/api/cases/${c.id}/accept`).set('Authorization', dispatcher.auth).send({ version: c.version }).expect(201);
      const rows = await db.getRepository(Notification).find({ where: { caseId: c.id, template: 'application_accepted' } });
      expect(rows.map((r) => `${r.recipientRole}:${r.channel}`).sort()).toEqual(['applicant:email', 'applicant:in_app', 'applicant:sms']);
      // The invitation to the respondent (no account yet): SMS only.
      const invite = await db.getRepository(Notification).find({ where: { caseId: c.id, template: 'respondent_invited' } });
      expect(invite.map((r) => r.channel)).toEqual(['sms']);

      await t.app.get(NotificationDispatcher).dispatchDue();
      await t.app.get(NotificationDispatcher).dispatchDue();
      const after = await db.getRepository(Notification).find({ where: { caseId: c.id } });
      expect(after.every((r) => r.status === 'sent')).toBe(true);
      const toZhang = mails.filter((m) => m.to.includes('zhangsan@example.cn'));
      // Submitted + accepted, each exactly once.
      expect(toZhang).toHaveLength(2);
      const acceptedMail = toZhang.find((m) => m.raw.includes('X-Tiaojie-Dedup-Key') && decodeSubject(m.raw).includes('已受理'));
      expect(acceptedMail).toBeDefined();
      expect(acceptedMail!.raw).toMatch(/Content-Type: text\/html/);
      expect(acceptedMail!.raw).toMatch(/Content-Type: text\/plain/);
      expect(decodeBodies(acceptedMail!.raw)).toContain(`https://tiaojie.example.cn/cases/${c.id}?n=`);
      expect(accepted.body.state).toBe('ACCEPTED');

      // Deliveries on the case: the applicant sees their own, sent.
      const deliveries = await t.http().get(`/api/cases/${c.id}/deliveries`).set('Authorization', applicant.auth).expect(200);
      expect(
        deliveries.body
          .filter((d: { template: string }) => d.template === 'application_accepted')
          .map((d: { channel: string; status: string }) => `${d.channel}:${d.status}`)
          .sort(),
      ).toEqual(['email:sent', 'in_app:sent', 'sms:sent']);
      expect(deliveries.body.every((d: { recipientRole: string }) => d.recipientRole === 'applicant')).toBe(true);
      // A link followed counts as read.
      const emailRow = after.find((r) => r.template === 'application_accepted' && r.channel === 'email')!;
      await t.http().post(`/api/notifications/${emailRow.id}/opened`).expect(204);
      expect((await db.getRepository(Notification).findOneByOrFail({ id: emailRow.id })).readAt).not.toBeNull();
    });

    it('respects preferences: SMS off writes no SMS row; quiet hours hold an SMS, but not a deadline notice', async () => {
      const applicant = await loginAs(t, DEMO.citizen);
      const bad = await t
        .http()
        .put('/api/me/notification-preferences')
        .set('Authorization', applicant.auth)
        .send({ sms: 'no', email: true, quietHours: { start: '25:00', end: '08:00' } })
        .expect(400);
      expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['quietHours.start', 'sms']);
      await t.http().put('/api/me/notification-preferences').set('Authorization', applicant.auth).send({ sms: false, email: false, quietHours: null }).expect(200);
      const dispatcher = await loginAs(t, DEMO.orgAdmin);
      const c = await submitCase(t, applicant);
      await t.http().post(`/api/cases/${c.id}/accept`).set('Authorization', dispatcher.auth).send({ version: c.version }).expect(201);
      const db = t.app.get(DataSource);
      expect((await db.getRepository(Notification).find({ where: { caseId: c.id, template: 'application_accepted' } })).map((r) => r.channel)).toEqual(['in_app']);

      // 23:30 in China: inside the applicant's quiet hours.
      t.clock.set(new Date('2026-03-02T15:30:00Z'));
      const again = await loginAs(t, DEMO.citizen);
      await t
        .http()
        .put('/api/me/notification-preferences')
        .set('Authorization', again.auth)
        .send({ sms: true, email: false, quietHours: { start: '22:00', end: '08:00' } })
        .expect(200);
      const d2 = await loginAs(t, DEMO.orgAdmin);
      const c2 = await submitCase(t, again);
      await t.http().post(`/api/cases/${c2.id}/accept`).set('Authorization', d2.auth).send({ version: c2.version }).expect(201);
      const held = await db.getRepository(Notification).findOneByOrFail({ caseId: c2.id, template: 'application_accepted', channel: 'sms' });
      expect(held.nextAttemptAt.toISOString()).toBe('2026-03-03T00:00:00.000Z');
      await t.app.get(NotificationDispatcher).dispatchDue();
      expect((await db.getRepository(Notification).findOneByOrFail({ id: held.id })).status).toBe('pending');
      t.clock.set(new Date('2026-03-03T00:00:01Z'));
      await t.app.get(NotificationDispatcher).dispatchDue();
      expect((await db.getRepository(Notification).findOneByOrFail({ id: held.id })).status).toBe('sent');
    });
  });

  describe('SMS over a cloud provider (local HTTP server), failures, retries and the failed list', () => {
    let t: TestApp;
    let server: Server;
    let mode: 'ok' | 'error' = 'ok';
    const requests: URLSearchParams[] = [];
    /** What the stand-in provider took (its send details, by number and OutId); numbers whose details it cannot give. */
    const taken: Array<{ phone: string; outId: string }> = [];
    const dark = new Set<string>();

    beforeAll(async () => {
      server = createServer((req, res) => {
        const url = new URL(req.url ?? '/', 'http://x');
        requests.push(url.searchParams);
        res.setHeader('Content-Type', 'application/json');
        if (url.searchParams.get('Action') === 'QuerySendDetails') {
          const phone = url.searchParams.get('PhoneNumber') ?? '';
          if (mode === 'error' || dark.has(phone)) {
            res.statusCode = 500;
            res.end(JSON.stringify({ Code: 'isp.SYSTEM_ERROR', Message: 'busy' }));
            return;
          }
          const dtos = taken.filter((x) => x.phone === phone).map((x) => ({ PhoneNum: phone, SendStatus: 3, OutId: x.outId }));
          res.end(JSON.stringify({ Code: 'OK', Message: 'OK', TotalCount: dtos.length, SmsSendDetailDTOs: { SmsSendDetailDTO: dtos } }));
          return;
        }
        if (mode === 'error') {
          res.statusCode = 500;
          res.end(JSON.stringify({ Code: 'InternalError', Message: 'busy' }));
          return;
        }
        taken.push({ phone: url.searchParams.get('PhoneNumbers') ?? '', outId: url.searchParams.get('OutId') ?? '' });
        res.end(JSON.stringify({ Code: 'OK', Message: 'OK', BizId: `biz-${requests.length}`, RequestId: 'r' }));
      });
      const port = await listen(server);
      t = await startTestApp({
        env: {
          SMS_PROVIDER: 'aliyun',
          SMS_ACCESS_KEY_ID: 'test-key',
          SMS_ACCESS_KEY_SECRET: 'test-secret',
          SMS_ENDPOINT: `http://127.0.0.1:${port}`,
          SMS_TEMPLATE_CODES: JSON.stringify({ default: 'SMS_000001', otp: 'SMS_000002' }),
        },
      });
    });
    afterAll(async () => {
      await t?.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });

    it('sends through the provider with a signed request, retries with backoff, then fails visibly and can be retried', async () => {
      const applicant = await loginAs(t, DEMO.citizen);
      const dispatcher = await loginAs(t, DEMO.orgAdmin);
      const c = await submitCase(t, applicant);
      await t.app.get(NotificationDispatcher).dispatchDue();
      const db = t.app.get(DataSource);
      const sentSms = await db.getRepository(Notification).findOneByOrFail({ caseId: c.id, template: 'case_submitted', channel: 'sms' });
      expect(sentSms).toMatchObject({ status: 'sent', providerMessageId: expect.stringMatching(/^biz-/) });
      const signed = requests.find((r) => r.get('TemplateCode') === 'SMS_000001')!;
      expect(signed.get('Action')).toBe('SendSms');
      expect(signed.get('Signature')).toBeTruthy();
      expect(signed.get('SignName')).toBe('调解平台');
      expect(signed.get('OutId')).toBeTruthy();

      mode = 'error';
      await t.http().post(`/api/cases/${c.id}/accept`).set('Authorization', dispatcher.auth).send({ version: c.version }).expect(201);
      const row = () => db.getRepository(Notification).findOneByOrFail({ caseId: c.id, template: 'application_accepted', channel: 'sms' });
      const seen: string[] = [];
      for (let i = 0; i < 6; i++) {
        await t.app.get(NotificationDispatcher).dispatchDue();
        const r = await row();
        seen.push(`${r.status}:${r.attempts}`);
        t.clock.advance(60_000);
      }
      expect(seen.slice(0, 5)).toEqual(['pending:1', 'pending:2', 'pending:3', 'pending:4', 'failed:5']);
      const failed = await row();
      expect(failed.lastError).toBeTruthy();

      const d = await loginAs(t, DEMO.orgAdmin);
      const list = await t.http().get(`/api/organisations/${c.organisationId}/notifications?status=failed`).set('Authorization', d.auth).expect(200);
      expect(list.body.map((x: { id: string }) => x.id)).toContain(failed.id);
      const applicantAgain = await loginAs(t, DEMO.citizen);
      await t.http().post(`/api/notifications/${failed.id}/retry`).set('Authorization', applicantAgain.auth).expect(403);
      mode = 'ok';
      await t.http().post(`/api/notifications/${failed.id}/retry`).set('Authorization', d.auth).expect(202);
      await t.app.get(NotificationDispatcher).dispatchDue();
      expect((await row()).status).toBe('sent');
      await t.http().post(`/api/notifications/${failed.id}/retry`).set('Authorization', d.auth).expect(409);
    });

    it('an SMS interrupted mid-call is asked about, never failed: taken → sent once; never taken → sent again; unknowable → "unknown" for the admin to retry or mark delivered (issue #9)', async () => {
      const applicant = await loginAs(t, DEMO.citizen);
      const c = await submitCase(t, applicant);
      const dispatcher = t.app.get(NotificationDispatcher);
      await dispatcher.dispatchDue();
      const db = t.app.get(DataSource);
      // Four rows whose sender died during the provider call (lease run out): the provider took the first before the crash.
      const now = t.clock.now();
      const rows = [
        ['int:taken:sms', '13811110001'],
        ['int:absent:sms', '13811110002'],
        ['int:dark1:sms', '13811110003'],
        ['int:dark2:sms', '13811110004'],
      ];
      for (const [key, mobile] of rows) {
        await db.query(
          `INSERT INTO notification (dedup_key, case_id, recipient_mobile, recipient_role, channel, locale, template, params, status, attempts, claimed_at, next_attempt_at)
           VALUES ($1, $2, $3, 'respondent', 'sms', 'zh-CN', 'respondent_invited', '{"caseNumber":"TJ-2026-000009"}', 'sending', 1, $4, $5)`,
          [key, c.id, mobile, new Date(now.getTime() - 120_000), new Date(now.getTime() - 60_000)],
        );
      }
      taken.push({ phone: '13811110001', outId: 'int:taken:sms' });
      dark.add('13811110003');
      dark.add('13811110004');
      requests.length = 0;
      const row = (key: string) => db.getRepository(Notification).findOneByOrFail({ dedupKey: key });
      await dispatcher.dispatchDue();
      const sends = () => requests.filter((r) => r.get('Action') === 'SendSms').map((r) => r.get('OutId'));
      expect(sends()).toEqual(['int:absent:sms']);
      expect(await row('int:taken:sms')).toMatchObject({ status: 'sent', attempts: 1 });
      expect(await row('int:absent:sms')).toMatchObject({ status: 'sent', attempts: 2 });
      // The provider could not be asked: asked again at each lease for a day, then shown as unknown, never failed.
      expect(await row('int:dark1:sms')).toMatchObject({ status: 'sending', lastError: expect.stringContaining('asking the provider failed') });
      t.clock.advance(25 * 3600_000);
      await dispatcher.dispatchDue();
      expect(await row('int:dark1:sms')).toMatchObject({ status: 'unknown', attempts: 1 });
      expect(await row('int:dark2:sms')).toMatchObject({ status: 'unknown', attempts: 1 });
      expect(sends()).toEqual(['int:absent:sms']);

      const admin = await loginAs(t, DEMO.orgAdmin);
      const list = await t.http().get(`/api/organisations/${c.organisationId}/notifications`).set('Authorization', admin.auth).expect(200);
      const listed = (list.body as Array<{ id: string; status: string }>).filter((x) => x.status === 'unknown').map((x) => x.id);
      const [d1, d2] = [await row('int:dark1:sms'), await row('int:dark2:sms')];
      expect(listed).toEqual(expect.arrayContaining([d1.id, d2.id]));
      const unknownOnly = await t.http().get(`/api/organisations/${c.organisationId}/notifications?status=unknown`).set('Authorization', admin.auth).expect(200);
      expect(unknownOnly.body.every((x: { status: string }) => x.status === 'unknown')).toBe(true);
      // Only the organisation's admin decides; only an unknown one can be marked delivered.
      const party = await loginAs(t, DEMO.citizen);
      await t.http().post(`/api/notifications/${d1.id}/delivered`).set('Authorization', party.auth).expect(403);
      const marked = await t.http().post(`/api/notifications/${d1.id}/delivered`).set('Authorization', admin.auth).expect(200);
      expect(marked.body).toMatchObject({ id: d1.id, status: 'sent' });
      const again = await t.http().post(`/api/notifications/${d1.id}/delivered`).set('Authorization', admin.auth).expect(409);
      expect(again.body.fields?.[0]?.field ?? again.body.field).toBe('status');
      await t.http().post(`/api/notifications/${d2.id}/retry`).set('Authorization', admin.auth).expect(202);
      await dispatcher.dispatchDue();
      expect(await row('int:dark2:sms')).toMatchObject({ status: 'sent', attempts: 1 });
      expect(sends()).toEqual(['int:absent:sms', 'int:dark2:sms']);
    });

    it('an in-app notice reaches the open socket right after the commit, without waiting for a poll (issue #9)', async () => {
      const applicant = await loginAs(t, DEMO.citizen);
      const c = await submitCase(t, applicant);
      const socket = connectSocket(t, { token: applicant.accessToken });
      try {
        expect(await connectOutcome(socket)).toEqual({ connected: true });
        const got = new Promise<{ id: string; template: string }>((resolve) => socket.on('notice:new', (n) => n.template === 'application_accepted' && resolve(n)));
        const admin = await loginAs(t, DEMO.orgAdmin);
        await t.http().post(`/api/cases/${c.id}/accept`).set('Authorization', admin.auth).send({ version: c.version }).expect(201);
        // No dispatchDue here, and the poller is off in tests: only the after-commit hand-off can deliver it.
        const notice = await Promise.race([got, new Promise<null>((r) => setTimeout(() => r(null), 5000))]);
        expect(notice).not.toBeNull();
        const row = await t.app.get(DataSource).getRepository(Notification).findOneByOrFail({ id: notice!.id });
        expect(row).toMatchObject({ channel: 'in_app', status: 'sent', attempts: 1 });
      } finally {
        socket.close();
      }
    });
  });

  const pgOnly = process.env.DATABASE_URL ? describe : describe.skip;
  pgOnly('a worker killed in the middle of a batch (needs PostgreSQL: two processes share the database)', () => {
    for (const withRedis of [false, true]) {
      const maybe = withRedis && !process.env.REDIS_URL ? it.skip : it;
      maybe(
        `sends every notification exactly once after a SIGKILL and a restart${withRedis ? ' (BullMQ)' : ''}`,
        async () => {
          const t = await startTestApp({ env: {} });
          const db = t.app.get(DataSource);
          try {
            const N = 400;
            const now = new Date();
            await db.query(
              `INSERT INTO notification (dedup_key, recipient_role, channel, locale, template, params, status, attempts, next_attempt_at, recipient_mobile)
             SELECT 'crash:' || g, 'applicant', 'sms', 'zh-CN', 'case_submitted', '{"caseNumber":"TJ-2026-000001"}'::jsonb, 'pending', 0, $1, '139' || lpad(g::text, 8, '0')
             FROM generate_series(1, ${N}) g`,
              [now],
            );
            const env = {
              ...process.env,
              DATABASE_URL: (t.app.get(DataSource).options as { url: string }).url,
              DATA_DIR: join(require('node:os').tmpdir(), `tj-worker-${process.pid}`),
              JWT_SECRET: 'x'.repeat(40),
              ID_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
              OUTBOX_POLL_MS: '5',
              OUTBOX_SENDING_LEASE_MS: '1500',
              DEADLINE_SCAN_SECONDS: '0',
              SEED_DEMO: 'false',
              LOG_LEVEL: 'warn',
              REDIS_URL: withRedis ? process.env.REDIS_URL : '',
              QUEUE_PREFIX: `tjtest${process.pid}${Date.now()}`,
              SWC_NODE_PROJECT: join(__dirname, '..', 'tsconfig.spec.json'),
            };
            const start = () =>
              spawn(process.execPath, ['-r', 'reflect-metadata', '-r', '@swc-node/register', join(__dirname, '..', 'src', 'worker.ts')], { env, stdio: ['ignore', 'ignore', 'inherit'] });
            const count = async (sql: string) => Number((await db.query(sql))[0].n);
            const sentCount = () => count("SELECT count(*)::int AS n FROM notification WHERE dedup_key LIKE 'crash:%' AND status = 'sent'");
            const waitFor = async (cond: () => Promise<boolean>, ms: number) => {
              const until = Date.now() + ms;
              while (Date.now() < until) {
                if (await cond()) return true;
                await new Promise((r) => setTimeout(r, 10));
              }
              return false;
            };
            let worker: ChildProcess = start();
            expect(await waitFor(async () => (await sentCount()) >= 20, 60_000)).toBe(true);
            worker.kill('SIGKILL');
            await new Promise((r) => worker.once('exit', r));
            const midway = await sentCount();
            expect(midway).toBeLessThan(N); // killed in the middle
            worker = start();
            expect(await waitFor(async () => (await sentCount()) === N, 90_000)).toBe(true);
            worker.kill('SIGTERM');
            await new Promise((r) => worker.once('exit', r));
            // Each notification reached the provider exactly once.
            expect(await count("SELECT count(*)::int AS n FROM dev_sms_message WHERE dedup_key LIKE 'crash:%'")).toBe(N);
            expect(await count("SELECT count(DISTINCT dedup_key)::int AS n FROM dev_sms_message WHERE dedup_key LIKE 'crash:%'")).toBe(N);
          } finally {
            await t.close();
          }
        },
        180_000,
      );
    }
  });
});

/** The Subject header as text (RFC 2047 encoded words, base64 or Q). */
function decodeSubject(raw: string): string {
  const m = /^Subject: (.*(?:\r?\n[ \t].*)*)/m.exec(raw);
  if (!m) return '';
  return m[1]
    .replace(/\r?\n[ \t]/g, '')
    .replace(/=\?utf-8\?([BQ])\?([^?]*)\?=/gi, (_, enc: string, text: string) =>
      enc.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : decodeURIComponent(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, '%$1')),
    );
}

/** Every text part decoded (quoted-printable or base64), joined. */
function decodeBodies(raw: string): string {
  const parts = raw.split(/\r?\n--[^\r\n]+\r?\n/);
  return parts
    .map((p) => {
      const [head, ...rest] = p.split(/\r?\n\r?\n/);
      const body = rest.join('\n\n');
      if (/Content-Transfer-Encoding: base64/i.test(head)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
      if (/Content-Transfer-Encoding: quoted-printable/i.test(head)) {
        return Buffer.from(
          body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
          'latin1',
        ).toString('utf8');
      }
      return body;
    })
    .join('\n');
}
