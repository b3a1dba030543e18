import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { io, type Socket } from 'socket.io-client';
import type { AuthResponse, ClientToServerEvents, ServerToClientEvents } from '@tiaojie/contracts';
import { createApp } from '../src/bootstrap';
import { ManualClock } from '../src/common/clock';
import { resolveConfig } from '../src/config/app-config';
import { validateEnv } from '../src/config/env';
import { openPglite } from '../src/database/data-source';
import { DEMO_PASSWORD, SeedService } from '../src/database/seeds/seed.service';

export { DEMO_PASSWORD };

export const DEMO = {
  mediator2: '13900000004',
  bankMediator: '13900000003',
  intake: '13500000001',
  citizen: '13800000001',
  citizen2: '13800000002',
  mediator: '13900000001',
  orgAdmin: '13900000002',
  judge: '13700000001',
  admin: '13600000001',
  bureau: '13400000001',
} as const;

export interface TestApp {
  app: NestExpressApplication;
  url: string;
  clock: ManualClock;
  http: () => ReturnType<typeof request>;
  close: () => Promise<void>;
  /** The environment it was started with: `sameDatabaseAs` starts a second instance on it. */
  env: Record<string, string>;
}

/**
 * Boots the real application on a fresh database: a new database on the PostgreSQL server
 * named by DATABASE_URL when set, otherwise an in-memory PGlite. Demo data is seeded.
 */
export async function startTestApp(opts: { env?: Record<string, string>; seed?: boolean; sameDatabaseAs?: TestApp } = {}): Promise<TestApp> {
  // A second instance (like a second API process) shares the first's database, secrets and clock.
  const first = opts.sameDatabaseAs;
  const clock = first?.clock ?? new ManualClock(new Date('2026-03-02T01:00:00Z'));
  const dataDir = mkdtempSync(join(tmpdir(), 'tiaojie-test-'));
  let databaseUrl: string | undefined = first?.env.DATABASE_URL || undefined;
  let dropDatabase = async () => undefined as void;
  if (first && !databaseUrl) throw new Error('sameDatabaseAs needs DATABASE_URL (PGlite is one process)');
  if (!first && process.env.DATABASE_URL) {
    const name = `tj_test_${process.pid}_${randomBytes(4).toString('hex')}`;
    const admin = new Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    dropDatabase = async () => {
      const c = new Client({ connectionString: process.env.DATABASE_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  }
  const rawEnv: Record<string, string> = {
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl ?? '',
    JWT_SECRET: randomBytes(32).toString('base64'),
    ID_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    WEB_DIST: '',
    AUTH_RATE_LIMIT_PER_MINUTE: '10000',
    // Timers off: tests run the dispatcher and the deadline scanner themselves, on the test clock.
    OUTBOX_POLL_MS: '0',
    DEADLINE_SCAN_SECONDS: '0',
    ...first?.env,
    ...opts.env,
    DATA_DIR: dataDir,
  };
  const env = validateEnv(rawEnv);
  const config = resolveConfig(env);
  const pglite = databaseUrl ? undefined : await openPglite();
  const app = await createApp({ config, clock, pglite });
  if (opts.seed !== false && !first) await app.get(SeedService).seedIfEmpty({ print: false });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;
  return {
    app,
    url,
    clock,
    http: () => request(app.getHttpServer()),
    close: async () => {
      await app.close();
      await dropDatabase();
      rmSync(dataDir, { recursive: true, force: true });
    },
    env: rawEnv,
  };
}

/** Logs in with the demo password as an API client; returns the bearer tokens. */
export async function loginAs(t: TestApp, mobile: string, password = DEMO_PASSWORD) {
  const res = await t.http().post('/api/auth/login/password').send({ mobile, password, transport: 'api' }).expect(200);
  const body = res.body as AuthResponse;
  return { ...body, auth: `Bearer ${body.accessToken}` };
}

/** The latest code the development SMS sender recorded for a number, read through the dev route. */
export async function latestCode(t: TestApp, mobile: string): Promise<string> {
  const res = await t.http().get('/api/dev/sms').query({ mobile }).expect(200);
  const match = /(\d{6})/.exec(res.body[0]?.body ?? '');
  if (!match) throw new Error(`no code sent to ${mobile}`);
  return match[1];
}

/**
 * The token of a case's invitation, from the development SMS sender's record: the SMS naming
 * that case's number. Never "the newest invitation": one dispatcher pass sends the waiting
 * notices of several cases at once, so their SMS are recorded in no particular order.
 */
export async function invitationFor(t: TestApp, mobile: string, caseNumber: string | null | undefined): Promise<{ body: string; token: string }> {
  if (!caseNumber) throw new Error('the case has no number yet: it was not submitted');
  const res = await t.http().get('/api/dev/sms').query({ mobile }).expect(200);
  const invite = (res.body as Array<{ body: string }>).find((m) => m.body.includes('/invite/') && m.body.includes(caseNumber));
  const match = invite && /\/invite\/([A-Za-z0-9_-]+)/.exec(invite.body);
  if (!invite || !match) throw new Error(`no invitation to ${caseNumber} sent to ${mobile}`);
  return { body: invite.body, token: match[1] };
}

export async function inviteTokenFor(t: TestApp, mobile: string, caseNumber: string | null | undefined): Promise<string> {
  return (await invitationFor(t, mobile, caseNumber)).token;
}

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export function connectSocket(t: TestApp, opts: { token?: string; cookie?: string; origin?: string } = {}): ClientSocket {
  const extraHeaders: Record<string, string> = {};
  if (opts.cookie) extraHeaders.cookie = opts.cookie;
  if (opts.origin) extraHeaders.origin = opts.origin;
  return io(t.url, {
    path: '/socket.io',
    transports: ['websocket'],
    auth: opts.token ? { token: opts.token } : {},
    extraHeaders,
    reconnection: false,
    forceNew: true,
  });
}

/** Resolves with the first of `connect` / `connect_error`. */
export function connectOutcome(socket: ClientSocket): Promise<{ connected: true } | { connected: false; code: string }> {
  return new Promise((resolve) => {
    socket.once('connect', () => resolve({ connected: true }));
    socket.once('connect_error', (err: Error & { data?: { code?: string } }) => resolve({ connected: false, code: err.data?.code ?? err.message }));
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Records every event a socket receives. */
export function recorder(socket: ClientSocket) {
  const events: Array<{ event: string; payload: unknown }> = [];
  socket.onAny((event: string, payload: unknown) => events.push({ event, payload }));
  return events;
}
