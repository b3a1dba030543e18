#!/usr/bin/env node
// @ts-check
/**
 * Outbox benchmark (bench/README.md P7; issue "Stage notifications").
 *
 * In one run, on the PostgreSQL of DATABASE_URL (default the local server) and, if REDIS_URL
 * is set, Redis:
 *   1. baseline: raw single-row INSERTs of notification-shaped rows at the same concurrency;
 *   2. the outbox without Redis: rows committed at a steady rate (default 200/s) are handed by
 *      the in-process dispatcher to a local fake SMS provider (an HTTP server answering OK);
 *   3. the same with Redis (BullMQ queue, worker in process).
 * Reports throughput (notices handed off per second) and the lag from commit to hand-off
 * (p50/p95/p99). Writes bench/results/outbox.json and bench/results/outbox.md.
 * Needs the built API: `npm run build` first (npm run bench:outbox does it).
 */
const { createServer } = require('node:http');
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { randomBytes } = require('node:crypto');
const { Client, Pool } = require('pg');

const BASE = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const RATE = Number(process.env.BENCH_RATE || 200); // commits per second
const SECONDS = Number(process.env.BENCH_SECONDS || 10);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY || 4);
const dist = join(__dirname, '..', 'dist/apps/api/apps/api/src');

const pct = (xs, p) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const round = (x) => (x === null ? null : Math.round(x * 100) / 100);

async function freshDb(tag) {
  const name = `tj_bench_${tag}_${process.pid}`;
  const admin = new Client({ connectionString: BASE });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(BASE);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new Client({ connectionString: BASE });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** Baseline: how fast PostgreSQL takes single-row INSERTs of the same shape, CONCURRENCY at a time. */
async function rawInsert() {
  const db = await freshDb('raw');
  const pool = new Pool({ connectionString: db.url, max: CONCURRENCY });
  await pool.query(`CREATE TABLE raw_notification (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), dedup_key varchar(200) UNIQUE NOT NULL,
    channel varchar(8), template varchar(64), params jsonb, status varchar(16), next_attempt_at timestamptz, created_at timestamptz DEFAULT now())`);
  const latencies = [];
  let n = 0;
  const until = Date.now() + SECONDS * 1000;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, w) => {
      while (Date.now() < until) {
        const t0 = process.hrtime.bigint();
        await pool.query(`INSERT INTO raw_notification (dedup_key, channel, template, params, status, next_attempt_at) VALUES ($1, 'sms', 'case_submitted', $2, 'pending', now())`, [
          `raw:${w}:${n++}`,
          JSON.stringify({ caseNumber: 'TJ-2026-000001' }),
        ]);
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }),
  );
  const elapsed = (Date.now() - started) / 1000;
  await pool.end();
  await db.drop();
  return { rowsPerSecond: round(latencies.length / elapsed), p50: round(pct(latencies, 50)), p99: round(pct(latencies, 99)) };
}

/** The outbox end to end: commit at RATE/s for SECONDS, measure hand-off to the fake provider. */
async function outbox(withRedis) {
  const received = new Map(); // dedupKey → hand-off time
  const provider = createServer((req, res) => {
    const key = new URL(req.url ?? '/', 'http://x').searchParams.get('OutId');
    if (key && !received.has(key)) received.set(key, Date.now());
    res.setHeader('Content-Type', 'application/json');
    res.end('{"Code":"OK","BizId":"b"}');
  });
  await new Promise((r) => provider.listen(0, '127.0.0.1', () => r(undefined)));
  const db = await freshDb(withRedis ? 'redis' : 'poll');
  const { createApp } = require(join(dist, 'bootstrap'));
  const { resolveConfig } = require(join(dist, 'config/app-config'));
  const { validateEnv } = require(join(dist, 'config/env'));
  const { SystemClock } = require(join(dist, 'common/clock'));
  const env = validateEnv({
    NODE_ENV: 'production',
    DATABASE_URL: db.url,
    REDIS_URL: withRedis ? process.env.REDIS_URL : '',
    QUEUE_PREFIX: `tjbench${process.pid}`,
    JWT_SECRET: randomBytes(32).toString('hex'),
    ID_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    SMS_PROVIDER: 'aliyun',
    SMS_ACCESS_KEY_ID: 'bench',
    SMS_ACCESS_KEY_SECRET: 'bench',
    SMS_ENDPOINT: `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (provider.address()).port}`,
    SMS_TEMPLATE_CODES: '{"default":"SMS_1"}',
    OUTBOX_POLL_MS: process.env.BENCH_POLL_MS || '20',
    DEADLINE_SCAN_SECONDS: '0',
    LOG_LEVEL: 'silent',
    WEB_DIST: '',
    SEED_DEMO: 'false',
  });
  const app = await createApp({ config: resolveConfig(env), clock: new SystemClock() });
  await app.init();
  const writer = new Pool({ connectionString: db.url, max: CONCURRENCY });
  const committed = new Map();
  const total = RATE * SECONDS;
  const started = Date.now();
  let i = 0;
  // Steady arrivals: one commit every 1000/RATE ms, CONCURRENCY writers at most.
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (i < total) {
        const k = i++;
        const due = started + (k * 1000) / RATE;
        const wait = due - Date.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        const key = `bench:${k}`;
        await writer.query(
          `INSERT INTO notification (dedup_key, recipient_role, channel, locale, template, params, status, attempts, next_attempt_at, recipient_mobile)
           VALUES ($1, 'applicant', 'sms', 'zh-CN', 'case_submitted', $2, 'pending', 0, now(), '13800000001')`,
          [key, JSON.stringify({ caseNumber: 'TJ-2026-000001' })],
        );
        committed.set(key, Date.now());
      }
    }),
  );
  const deadline = Date.now() + 30_000;
  while (received.size < total && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  const finished = Math.max(...received.values());
  const lags = [...received.entries()].filter(([k]) => committed.has(k)).map(([k, at]) => at - committed.get(k));
  // Saturation: a backlog of DRAIN rows committed at once; how fast does the dispatcher drain it?
  const DRAIN = Number(process.env.BENCH_DRAIN || 3000);
  const before = received.size;
  const drainStart = Date.now();
  await writer.query(
    `INSERT INTO notification (dedup_key, recipient_role, channel, locale, template, params, status, attempts, next_attempt_at, recipient_mobile)
     SELECT 'drain:' || g, 'applicant', 'sms', 'zh-CN', 'case_submitted', '{"caseNumber":"TJ-2026-000001"}'::jsonb, 'pending', 0, now(), '13800000001' FROM generate_series(1, $1) g`,
    [DRAIN],
  );
  const drainDeadline = Date.now() + 120_000;
  while (received.size < before + DRAIN && Date.now() < drainDeadline) await new Promise((r) => setTimeout(r, 20));
  const drainPerSecond = round((received.size - before) / ((Date.now() - drainStart) / 1000));
  await writer.end();
  await app.close();
  await new Promise((r) => provider.close(r));
  await db.drop();
  return {
    mode: withRedis ? 'BullMQ (Redis)' : 'in-process poller',
    offered: total,
    handedOff: before,
    perSecond: round(total / ((finished - started) / 1000)),
    drainPerSecond,
    lagMs: { p50: round(pct(lags, 50)), p95: round(pct(lags, 95)), p99: round(pct(lags, 99)) },
  };
}

(async () => {
  /** @type {any} */
  const results = { when: new Date().toISOString(), rate: RATE, seconds: SECONDS, concurrency: CONCURRENCY, baseline: await rawInsert(), runs: [] };
  results.runs.push(await outbox(false));
  if (process.env.REDIS_URL) results.runs.push(await outbox(true));
  const target = 1000;
  const md = [
    `# Outbox benchmark (${results.when})`,
    '',
    `Steady ${RATE} commits/s for ${SECONDS} s, ${CONCURRENCY} writers; fake SMS provider on loopback. Target P7: commit → hand-off p99 < ${target} ms at 200/s.`,
    '',
    `Baseline, raw single-row INSERT of the same rows (${CONCURRENCY} clients): **${results.baseline.rowsPerSecond} rows/s**, p50 ${results.baseline.p50} ms, p99 ${results.baseline.p99} ms.`,
    '',
    '| mode | offered | handed off | per second (steady) | drain per second (backlog) | drain vs raw insert | lag p50 ms | lag p95 ms | lag p99 ms | P7 |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...results.runs.map(
      (r) =>
        `| ${r.mode} | ${r.offered} | ${r.handedOff} | ${r.perSecond} | ${r.drainPerSecond} | ${Math.round((100 * r.drainPerSecond) / results.baseline.rowsPerSecond)}% | ${r.lagMs.p50} | ${r.lagMs.p95} | ${r.lagMs.p99} | ${r.lagMs.p99 !== null && r.lagMs.p99 < target && r.handedOff >= r.offered ? 'met' : 'NOT met'} |`,
    ),
    '',
  ].join('\n');
  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'outbox.json'), JSON.stringify(results, null, 2));
  writeFileSync(join(dir, 'outbox.md'), md);
  console.log(md);
  process.exit(0);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
