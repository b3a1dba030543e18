import { createServer, connect, type Socket } from 'node:net';
import { startTestApp, type TestApp } from './harness';

const needs = process.env.DATABASE_URL ? describe : describe.skip;

/**
 * Issue #14: liveness says the process runs (restart it when not); readiness says it can
 * serve — PostgreSQL answers, and Redis when configured (take it out of the balancer when not).
 */
needs('health: liveness and readiness (issue #14)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('both answer 200 while the database does', async () => {
    expect((await t.http().get('/api/health/live').expect(200)).body.status).toBe('ok');
    const ready = (await t.http().get('/api/health/ready').expect(200)).body;
    expect(ready.info.database.status).toBe('up');
    await t.http().get('/api/health').expect(200);
  });

  it('readiness fails (503) when PostgreSQL is unreachable; liveness stays 200', async () => {
    // A second process reaches the same database through a TCP relay the test then cuts.
    const conns: Socket[] = [];
    const db = new URL(t.env.DATABASE_URL);
    const relay = createServer((client) => {
      const upstream = connect(Number(db.port || 5432), db.hostname);
      conns.push(client, upstream);
      client.pipe(upstream).pipe(client);
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
    });
    await new Promise<void>((r) => relay.listen(0, '127.0.0.1', () => r()));
    const via = new URL(t.env.DATABASE_URL);
    via.hostname = '127.0.0.1';
    via.port = String((relay.address() as { port: number }).port);
    const second = await startTestApp({ sameDatabaseAs: t, env: { DATABASE_URL: via.toString() } });
    try {
      await second.http().get('/api/health/ready').expect(200);
      relay.close();
      for (const c of conns) c.destroy();
      const res = await second.http().get('/api/health/ready').expect(503);
      expect(res.status).toBe(503);
      await second.http().get('/api/health/live').expect(200);
    } finally {
      relay.close();
      await second.close().catch(() => undefined);
    }
  });
});
