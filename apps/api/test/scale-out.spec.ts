import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { MessageView } from '@tiaojie/contracts';
import { io } from 'socket.io-client';
import { DataSource } from 'typeorm';
import { ConversationChannel } from '../src/mediation/channel.entity';
import { DEMO, loginAs, startTestApp } from './harness';

const needs = process.env.DATABASE_URL && process.env.REDIS_URL ? describe : describe.skip;

function freePort() {
  return new Promise<number>((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/**
 * P6 / scale-out: two API processes on loopback share PostgreSQL and Redis (socket.io Redis
 * adapter); a party on one and the mediator on the other converse without loss.
 */
needs('two API processes behind Redis (needs PostgreSQL and Redis)', () => {
  it('a party on one process and the mediator on the other converse without loss, in order', async () => {
    const t = await startTestApp({ env: { JWT_SECRET: 'scale-out-secret-scale-out-secret-0123' } });
    const children: ChildProcess[] = [];
    const sockets: Array<{ close: () => void }> = [];
    try {
      const db = t.app.get(DataSource);
      const url = (db.options as { url: string }).url;
      // The API processes run on the system clock: issue the tokens on it too.
      t.clock.set(new Date());
      // A case in mediation, made directly in the database to keep the test short.
      const [applicant, mediator] = await Promise.all([loginAs(t, DEMO.citizen), loginAs(t, DEMO.mediator2)]);
      const [{ id: orgId }] = await db.query("SELECT organisation_id AS id FROM membership WHERE user_id = $1 AND role = 'mediator'", [mediator.user.id]);
      const [{ id: caseId }] = await db.query(
        "INSERT INTO mediation_case (state, dispute_type, facts, organisation_id, filed_by_id, number, version) VALUES ('MEDIATING', 'private_loan', '借款纠纷', $1, $2, 'TJ-2026-900001', 1) RETURNING id",
        [orgId, applicant.user.id],
      );
      await db.query("INSERT INTO case_party (case_id, side, name, mobile, user_id, consent) VALUES ($1, 'applicant', '张三', $2, $3, 'given')", [caseId, DEMO.citizen, applicant.user.id]);
      await db.query("INSERT INTO case_assignment (case_id, mediator_id, status, assigned_at, respond_by) VALUES ($1, $2, 'accepted', now(), now())", [caseId, mediator.user.id]);
      const ports = [await freePort(), await freePort()];
      const env = {
        ...process.env,
        DATABASE_URL: url,
        REDIS_URL: process.env.REDIS_URL,
        QUEUE_PREFIX: `tjscale${process.pid}`,
        JWT_SECRET: 'scale-out-secret-scale-out-secret-0123',
        ID_ENCRYPTION_KEY: Buffer.alloc(32, 2).toString('base64'),
        SEED_DEMO: 'false',
        WEB_DIST: '',
        LOG_LEVEL: 'warn',
        DEADLINE_SCAN_SECONDS: '0',
        DATA_DIR: join(require('node:os').tmpdir(), `tj-scale-${process.pid}`),
        SWC_NODE_PROJECT: join(__dirname, '..', 'tsconfig.spec.json'),
      };
      for (const port of ports) {
        const child = spawn(process.execPath, ['-r', 'reflect-metadata', '-r', '@swc-node/register', join(__dirname, '..', 'src', 'main.ts')], {
          env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
          stdio: ['ignore', 'ignore', 'inherit'],
        });
        children.push(child);
      }
      for (const port of ports) {
        const until = Date.now() + 90_000;
        for (;;) {
          const ok = await fetch(`http://127.0.0.1:${port}/api/health`)
            .then((r) => r.ok)
            .catch(() => false);
          if (ok) break;
          if (Date.now() > until) throw new Error(`API process on ${port} did not start`);
          await new Promise((r) => setTimeout(r, 250));
        }
      }
      // The tokens of the test's own app are valid on both processes (same secret, same database).
      const party = io(`http://127.0.0.1:${ports[0]}`, { transports: ['websocket'], auth: { token: applicant.accessToken }, forceNew: true });
      const med = io(`http://127.0.0.1:${ports[1]}`, { transports: ['websocket'], auth: { token: mediator.accessToken }, forceNew: true });
      await Promise.all(
        [party, med].map(
          (s) =>
            new Promise<void>((resolve, reject) => {
              s.once('connect', () => resolve());
              s.once('connect_error', (e: Error & { data?: unknown }) => reject(new Error(`connect_error: ${e.message} ${JSON.stringify(e.data)}`)));
            }),
        ),
      );
      const joined = await Promise.all([party, med].map((s) => s.timeout(10_000).emitWithAck('case:join', { caseId })));
      expect(joined.every((j) => j.ok)).toBe(true);
      const caucus = await db.getRepository(ConversationChannel).findOneByOrFail({ caseId, kind: 'caucus' });
      const atMediator: MessageView[] = [];
      const atParty: MessageView[] = [];
      med.on('message:new', (m: MessageView) => m.senderId !== mediator.user.id && atMediator.push(m));
      party.on('message:new', (m: MessageView) => m.senderId !== applicant.user.id && atParty.push(m));
      // Paced under the per-socket flood limit (10 messages/s).
      const N = 40;
      for (let i = 0; i < N; i++) {
        const [a, b] = await Promise.all([
          party.timeout(10_000).emitWithAck('message:send', { channelId: caucus.id, clientId: randomUUID(), body: `当事人${i}` }),
          med.timeout(10_000).emitWithAck('message:send', { channelId: caucus.id, clientId: randomUUID(), body: `调解员${i}` }),
        ]);
        if (!a.ok || !b.ok) throw new Error(JSON.stringify([a, b]));
        await new Promise((r) => setTimeout(r, 110));
      }
      const until = Date.now() + 10_000;
      while ((atMediator.length < N || atParty.length < N) && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      expect(atMediator.map((m) => m.body)).toEqual(Array.from({ length: N }, (_, i) => `当事人${i}`));
      expect(atParty.map((m) => m.body)).toEqual(Array.from({ length: N }, (_, i) => `调解员${i}`));
      const seqs = atMediator.map((m) => m.seq);
      expect(seqs).toEqual([...seqs].sort((x, y) => x - y));

      // R15/R11: a mediator removed over REST on one process loses the channels on the other at
      // once — the socket still in the case and the one that sent case:leave alike.
      const [dispatcher, removed] = await Promise.all([loginAs(t, DEMO.orgAdmin), loginAs(t, DEMO.mediator)]);
      const [{ id: assignmentId }] = await db.query("INSERT INTO case_assignment (case_id, mediator_id, status, assigned_at, respond_by) VALUES ($1, $2, 'accepted', now(), now()) RETURNING id", [
        caseId,
        removed.user.id,
      ]);
      const inCase = io(`http://127.0.0.1:${ports[1]}`, { transports: ['websocket'], auth: { token: removed.accessToken }, forceNew: true });
      const left = io(`http://127.0.0.1:${ports[1]}`, { transports: ['websocket'], auth: { token: removed.accessToken }, forceNew: true });
      sockets.push(party, med, inCase, left);
      await Promise.all([inCase, left].map((s) => new Promise<void>((resolve) => s.once('connect', () => resolve()))));
      expect((await Promise.all([inCase, left].map((s) => s.timeout(10_000).emitWithAck('case:join', { caseId })))).every((j) => j.ok)).toBe(true);
      for (const s of [inCase, left]) expect((await s.timeout(10_000).emitWithAck('message:send', { channelId: caucus.id, clientId: randomUUID(), body: '第二位调解员' })).ok).toBe(true);
      left.emit('case:leave', { caseId });
      await new Promise((r) => setTimeout(r, 200));
      const heard: string[] = [];
      for (const s of [inCase, left]) s.on('message:new', (m: MessageView) => heard.push(m.body));
      const lost = new Promise<unknown[]>((resolve) => {
        inCase.on('channels:update', (u) => resolve(u.channels));
        setTimeout(() => resolve(['no channels:update within 10 s']), 10_000).unref();
      });
      const [{ version }] = await db.query('SELECT version FROM mediation_case WHERE id = $1', [caseId]);
      const removal = await fetch(`http://127.0.0.1:${ports[0]}/api/cases/${caseId}/assignments/${assignmentId}/remove`, {
        method: 'POST',
        headers: { authorization: dispatcher.auth, 'content-type': 'application/json' },
        body: JSON.stringify({ version }),
      });
      expect(removal.status).toBe(201);
      expect(await lost).toEqual([]);
      const secret = await party.timeout(10_000).emitWithAck('message:send', { channelId: caucus.id, clientId: randomUUID(), body: '撤换之后的秘密' });
      expect(secret.ok).toBe(true);
      await new Promise((r) => setTimeout(r, 500));
      expect(heard).not.toContain('撤换之后的秘密');
      for (const s of [inCase, left])
        expect(await s.timeout(10_000).emitWithAck('message:send', { channelId: caucus.id, clientId: randomUUID(), body: 'x' })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
      inCase.close();
      left.close();
      party.close();
      med.close();
    } finally {
      for (const s of sockets) s.close();
      for (const c of children) c.kill('SIGTERM');
      await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))));
      await t.close();
    }
  }, 180_000);
});
