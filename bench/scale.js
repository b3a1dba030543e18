#!/usr/bin/env node
// @ts-check
/**
 * The benchmark at scale (target P3 in bench/README.md; issue #14): a province's worth of data, then the read
 * routes people wait on, each against a hello-world route of the same process, in one run.
 *
 *   1. a fresh database, migrated by the API's own migrations, loaded by bench/scale-load.js
 *      (SCALE_CASES cases, SCALE_MESSAGES messages, notifications, events; server side);
 *   2. the built API in a child process (bench/scale-server.js), which also serves
 *      GET /bench/hello (bare Express) — the floor;
 *   3. for each route of ROUTES, over real HTTP with a bearer token, after a warm-up:
 *      SCALE_SECONDS of back-to-back requests with SCALE_LATENCY_CONCURRENCY (1) in flight for
 *      the p50/p95/p99 latency, then SCALE_SECONDS with SCALE_CONCURRENCY (8) in flight for the
 *      requests/s (and the p95 under load), and the requests/s as a share of the hello world's;
 *   4. the EXPLAIN check: one request per route with the API's SQL captured (TypeORM's logger),
 *      every SELECT explained (ANALYZE) on the loaded data; a sequential scan of a big table
 *      (≥ SCALE_BIG_ROWS rows, 10,000 by default) fails the route's "index used".
 * Writes bench/results/scale.json and scale.md. Needs the built API (npm run bench:scale builds).
 *
 * Knobs: SCALE_CASES (1,000,000), SCALE_MESSAGES (10,000,000), SCALE_LONG_CHANNEL (5,000
 * messages in the party's caucus), SCALE_SECONDS (10 a phase), SCALE_WARMUP_SECONDS (3),
 * SCALE_DB (database name; default tj_bench_scale_<pid>, dropped at the end unless SCALE_KEEP=1),
 * SCALE_REUSE=1 (measure an already loaded SCALE_DB: no load), DATABASE_URL (the server).
 */
const { fork } = require('node:child_process');
const { mkdirSync, writeFileSync, readFileSync, existsSync } = require('node:fs');
const os = require('node:os');
const http = require('node:http');
const { join } = require('node:path');
const { randomBytes } = require('node:crypto');
const { Client } = require('pg');
const jwt = require('jsonwebtoken');
const { load } = require('./scale-load');

const BASE = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const CASES = Number(process.env.SCALE_CASES || 1_000_000);
const MESSAGES = Number(process.env.SCALE_MESSAGES || 10_000_000);
const LONG_CHANNEL = Number(process.env.SCALE_LONG_CHANNEL || 5000);
const SECONDS = Number(process.env.SCALE_SECONDS || 10);
const WARMUP_SECONDS = Number(process.env.SCALE_WARMUP_SECONDS || 3);
const CONCURRENCY = Number(process.env.SCALE_CONCURRENCY || 8);
const LATENCY_CONCURRENCY = Number(process.env.SCALE_LATENCY_CONCURRENCY || 1);
const BIG_ROWS = Number(process.env.SCALE_BIG_ROWS || 10_000);
const DB = process.env.SCALE_DB || `tj_bench_scale_${process.pid}`;
const REUSE = process.env.SCALE_REUSE === '1';
const KEEP = REUSE || process.env.SCALE_KEEP === '1';
const QUEUE_P95_MS = 25; // P3
const RPS_SHARE = 0.4; // P3: ≥ 40% of the hello-world route's requests/s
const DIST = join(__dirname, '..', 'dist/apps/api/apps/api/src');

/**
 * The routes measured, in order. `who` is the account whose token is sent; `p3` marks the
 * routes the P3 target applies to; the organisation dashboard (issue #13) is measured over the
 * last full month. More routes: JSON in SCALE_EXTRA_ROUTES: [{"name","who","path"}], path taken as is.
 * @type {Array<{name: string, who: 'mediator'|'dispatcher'|'party'|null, path: (b: any) => string, p3?: boolean, baseline?: boolean}>}
 */
/** The last full calendar month, as the dashboard's from/to dates (YYYY-MM-DD, `to` inclusive). */
function lastMonth() {
  const now = new Date();
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0));
  return { from: first.toISOString().slice(0, 10), to: last.toISOString().slice(0, 10) };
}

const ROUTES = [
  { name: 'hello world (bare Express, same process)', who: null, path: () => '/bench/hello', baseline: true },
  { name: 'health (Nest route + SELECT 1)', who: null, path: () => '/api/health' },
  { name: "mediator's queue", who: 'mediator', path: () => '/api/cases?scope=assigned&limit=20', p3: true },
  { name: "mediator's queue, page 5 (cursor)", who: 'mediator', path: (b) => `/api/cases?scope=assigned&limit=20&cursor=${b.cursors.mediator}`, p3: true },
  { name: "dispatcher's queue", who: 'dispatcher', path: () => '/api/cases?scope=organisation&limit=20', p3: true },
  { name: "dispatcher's queue, page 5 (cursor)", who: 'dispatcher', path: (b) => `/api/cases?scope=organisation&limit=20&cursor=${b.cursors.dispatcher}`, p3: true },
  { name: "a citizen's own cases", who: 'party', path: () => '/api/cases?scope=mine&limit=20' },
  { name: 'case page (mediator)', who: 'mediator', path: (b) => `/api/cases/${b.caseId}` },
  { name: "channel history, middle page (party's caucus)", who: 'party', path: (b) => `/api/channels/${b.channelId}/messages?beforeSeq=${Math.ceil(LONG_CHANNEL / 2)}` },
  { name: 'organisation dashboard, last month (issue #13)', who: 'dispatcher', path: () => `/api/statistics/dashboard?from=${lastMonth().from}&to=${lastMonth().to}` },
  ...JSON.parse(process.env.SCALE_EXTRA_ROUTES || '[]').map((r) => ({ name: r.name, who: r.who ?? null, path: () => r.path })),
];

const log = (s) => console.log(`[scale ${new Date().toISOString().slice(11, 19)}] ${s}`);
const pct = (xs, p) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const round = (x, d = 2) => (x === null || x === undefined ? null : Math.round(x * 10 ** d) / 10 ** d);
const dbUrl = (name) => {
  const u = new URL(BASE);
  u.pathname = `/${name}`;
  return u.toString();
};
async function admin(sql) {
  const c = new Client({ connectionString: BASE });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

async function migrate(url) {
  const { DataSource } = require('typeorm');
  const { dataSourceOptions } = require(join(DIST, 'database/data-source'));
  const ds = new DataSource(dataSourceOptions({ url }));
  await ds.initialize();
  await ds.runMigrations();
  await ds.destroy();
}

function startServer(env) {
  return new Promise((resolve, reject) => {
    const child = fork(join(__dirname, 'scale-server.js'), [], { env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const pending = new Map();
    let seq = 0;
    const timer = setTimeout(() => reject(new Error('API did not start in 180 s')), 180_000);
    child.on('message', (/** @type {any} */ m) => {
      if (m.type === 'ready') {
        clearTimeout(timer);
        resolve({
          port: m.port,
          capture: (on) =>
            new Promise((res) => {
              const id = ++seq;
              pending.set(id, res);
              child.send({ type: 'capture', id, on });
            }),
          stop: () => new Promise((res) => (child.once('exit', res), child.send({ type: 'stop' }))),
        });
      } else if (m.type === 'error') reject(new Error(m.message));
      else if (m.type === 'capture') {
        pending.get(m.id)?.(m.queries);
        pending.delete(m.id);
      }
    });
    child.on('exit', (code) => code && reject(new Error(`API exited ${code}`)));
  });
}

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY * 2 });
/** One GET; resolves {status, ms, body?}. */
function get(port, path, token, wantBody = false) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const req = http.get({ host: '127.0.0.1', port, path, agent, headers: token ? { authorization: `Bearer ${token}` } : {} }, (res) => {
      const chunks = [];
      res.on('data', (d) => wantBody && chunks.push(d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: Number(process.hrtime.bigint() - t0) / 1e6, body: wantBody ? Buffer.concat(chunks).toString() : null }));
    });
    req.on('error', reject);
  });
}

/** `concurrency` loops of back-to-back requests for `seconds`; latencies of the 2xx, count of the rest. */
async function hammer(port, path, token, seconds, concurrency) {
  const lat = [];
  let errors = 0;
  let lastError = null;
  const started = Date.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < until) {
        const r = await get(port, path, token);
        if (r.status >= 200 && r.status < 300) lat.push(r.ms);
        else {
          errors++;
          lastError = r.status;
        }
      }
    }),
  );
  return { lat, errors, lastError, elapsed: (Date.now() - started) / 1000 };
}

/** Walks an EXPLAIN (FORMAT JSON) plan: the relations scanned sequentially and the indexes used. */
function scans(plan, out = { seq: new Set(), idx: new Set() }) {
  if (plan['Node Type'] === 'Seq Scan') out.seq.add(plan['Relation Name']);
  if (plan['Index Name']) out.idx.add(plan['Index Name']);
  for (const p of plan.Plans ?? []) scans(p, out);
  return out;
}

/** The tables with at least BIG_ROWS rows (planner's estimate after VACUUM ANALYZE): a sequential scan of one fails the check. */
async function bigTables(client) {
  const { rows } = await client.query("SELECT relname FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace AND reltuples >= $1 ORDER BY relname", [BIG_ROWS]);
  return rows.map((r) => r.relname);
}

async function explainAll(client, queries, big) {
  const out = [];
  for (const { query, parameters } of queries) {
    if (!/^\s*(SELECT|WITH)\b/i.test(query)) continue;
    const [{ 'QUERY PLAN': plans }] = (await client.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${query}`, parameters)).rows;
    const { seq, idx } = scans(plans[0].Plan);
    const bigSeq = [...seq].filter((t) => big.includes(t));
    out.push({ sql: query.replace(/\s+/g, ' ').slice(0, 400), ms: round(plans[0]['Execution Time']), indexes: [...idx], seqScans: [...seq], bigSeqScans: bigSeq });
  }
  return out;
}

async function machine(pg) {
  const { rows } = await pg.query("SELECT version() AS v, current_setting('shared_buffers') AS sb, current_setting('work_mem') AS wm, pg_size_pretty(pg_database_size(current_database())) AS size");
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    ramGB: round(os.totalmem() / 2 ** 30, 1),
    node: process.version,
    pg: rows[0].v.split(' on ')[0],
    sharedBuffers: rows[0].sb,
    workMem: rows[0].wm,
    databaseSize: rows[0].size,
  };
}

(async () => {
  if (!existsSync(join(DIST, 'bootstrap.js'))) throw new Error(`built API not found in ${DIST}: run \`npx nx run api:build\` first`);
  const url = dbUrl(DB);
  /** @type {any} */
  const results = {
    when: new Date().toISOString(),
    cases: CASES,
    messages: MESSAGES,
    seconds: SECONDS,
    concurrency: CONCURRENCY,
    latencyConcurrency: LATENCY_CONCURRENCY,
    loadAvg: { before: os.loadavg().map((x) => round(x)) },
  };
  const stateFile = join(os.tmpdir(), `tj-scale-${DB}.json`);
  if (!REUSE) {
    log(`fresh database ${DB}; ${CASES} cases, ${MESSAGES} messages`);
    await admin(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
    await admin(`CREATE DATABASE ${DB}`);
    await migrate(url);
    const c = new Client({ connectionString: url });
    await c.connect();
    const t0 = Date.now();
    const loaded = await load(c, { cases: CASES, messages: MESSAGES, longChannel: LONG_CHANNEL, log });
    await c.end();
    results.load = { seconds: round((Date.now() - t0) / 1000, 1), steps: Object.fromEntries(Object.entries(loaded.seconds).map(([k, v]) => [k, round(v, 1)])), counts: loaded.counts };
    results.bench = loaded.bench;
    writeFileSync(stateFile, JSON.stringify({ load: results.load, bench: loaded.bench }));
    log(`loaded in ${results.load.seconds} s: ${JSON.stringify(loaded.counts)}`);
  } else {
    Object.assign(results, JSON.parse(readFileSync(stateFile, 'utf8')));
    log(`reusing ${DB} (loaded ${results.load.seconds} s)`);
  }
  const pg = new Client({ connectionString: url });
  await pg.connect();
  results.machine = await machine(pg);
  const secret = randomBytes(32).toString('hex');
  const server = await startServer({
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: url,
    REDIS_URL: '',
    JWT_SECRET: secret,
    ID_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    SEED_DEMO: 'false',
    WEB_DIST: '',
    LOG_LEVEL: 'silent',
    DEADLINE_SCAN_SECONDS: '0',
    OUTBOX_POLL_MS: '0',
    DATA_DIR: join(os.tmpdir(), `tj-bench-scale-${process.pid}`),
    CORS_ORIGINS: '',
  });
  const b = results.bench;
  const iat = Math.floor(Date.now() / 1000);
  const token = (sub, sid) => jwt.sign({ sub, sid, iat, exp: iat + 6 * 3600 }, secret, { algorithm: 'HS256' });
  const tokens = { mediator: token(b.mediatorId, b.sessions.mediator), dispatcher: token(b.dispatcherId, b.sessions.dispatcher), party: token(b.partyId, b.sessions.party) };
  // Page 5 of each queue: follow the cursors.
  b.cursors = {};
  for (const [who, scope] of [
    ['mediator', 'assigned'],
    ['dispatcher', 'organisation'],
  ]) {
    let cursor = null;
    for (let page = 1; page < 5; page++) {
      const r = await get(server.port, `/api/cases?scope=${scope}&limit=20${cursor ? `&cursor=${cursor}` : ''}`, tokens[who], true);
      if (r.status !== 200) throw new Error(`${who} queue: HTTP ${r.status} ${r.body}`);
      cursor = JSON.parse(r.body).nextCursor;
      if (!cursor) throw new Error(`${who} queue has fewer than 5 pages`);
    }
    b.cursors[who] = cursor;
  }
  results.bigTables = await bigTables(pg);
  results.routes = [];
  for (const route of ROUTES) {
    const path = route.path(b);
    const tk = route.who ? tokens[route.who] : null;
    const check = await get(server.port, path, tk, true);
    if (check.status !== 200) throw new Error(`${route.name}: HTTP ${check.status} ${check.body?.slice(0, 300)}`);
    // The EXPLAIN check on the SQL of one request.
    let explain = [];
    if (!route.baseline) {
      await server.capture(true);
      await get(server.port, path, tk);
      explain = await explainAll(pg, await server.capture(false), results.bigTables);
    }
    await hammer(server.port, path, tk, WARMUP_SECONDS, CONCURRENCY);
    const loadBefore = os.loadavg()[0];
    // Latency with LATENCY_CONCURRENCY in flight (no queueing behind other requests), then throughput with CONCURRENCY.
    const l = await hammer(server.port, path, tk, SECONDS, LATENCY_CONCURRENCY);
    const h = await hammer(server.port, path, tk, SECONDS, CONCURRENCY);
    const r = {
      name: route.name,
      path: path.replace(/cursor=[^&]+/, 'cursor=…'),
      requests: l.lat.length + h.lat.length,
      errors: l.errors + h.errors,
      lastErrorStatus: h.lastError ?? l.lastError,
      p50: round(pct(l.lat, 50)),
      p95: round(pct(l.lat, 95)),
      p99: round(pct(l.lat, 99)),
      rps: round(h.lat.length / h.elapsed, 1),
      underLoad: { concurrency: CONCURRENCY, p50: round(pct(h.lat, 50)), p95: round(pct(h.lat, 95)), p99: round(pct(h.lat, 99)) },
      loadAvg1m: round((loadBefore + os.loadavg()[0]) / 2),
      p3: !!route.p3,
      baseline: !!route.baseline,
      indexUsed: route.baseline ? null : explain.every((q) => q.bigSeqScans.length === 0),
      queries: explain,
    };
    results.routes.push(r);
    log(`${r.name}: p50 ${r.p50} p95 ${r.p95} p99 ${r.p99} ms (p95 ${r.underLoad.p95} ms at ${CONCURRENCY}), ${r.rps} rps, errors ${r.errors}, ${explain.length} SELECTs, index ${r.indexUsed}`);
  }
  const hello = results.routes.find((r) => r.baseline).rps;
  const health = results.routes.find((r) => r.name.startsWith('health')).rps;
  for (const r of results.routes) {
    r.shareOfHello = round(r.rps / hello, 3);
    r.shareOfHealth = round(r.rps / health, 3);
    r.targetMet = r.p3 ? r.errors === 0 && r.p95 !== null && r.p95 < QUEUE_P95_MS && r.shareOfHello >= RPS_SHARE && r.indexUsed === true : r.baseline ? null : r.errors === 0 && r.indexUsed === true;
  }
  results.loadAvg.after = os.loadavg().map((x) => round(x));
  await server.stop();
  await pg.end();
  if (!KEEP) await admin(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  writeResults(results);
  process.exit(0);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});

function writeResults(results) {
  const m = results.machine;
  const yes = (x) => (x === null ? '—' : x ? 'yes' : '**no**');
  const md = [
    `# Scale benchmark (${results.when})`,
    '',
    `${results.load.counts.mediation_case.toLocaleString('en')} cases, ${results.load.counts.channel_message.toLocaleString('en')} messages, ${results.load.counts.notification.toLocaleString('en')} notifications, ${results.load.counts.case_party.toLocaleString('en')} parties, ${results.load.counts.conversation_channel.toLocaleString('en')} channels, ${results.load.counts.app_user.toLocaleString('en')} accounts (database ${m.databaseSize}), loaded in **${results.load.seconds} s**.`,
    `The mediator's queue holds ${results.load.counts.mediator_queue.toLocaleString('en')} cases, the dispatcher's organisation ${results.load.counts.organisation_queue.toLocaleString('en')}; the party's caucus ${LONG_CHANNEL.toLocaleString('en')} messages (median channel ${results.load.counts.median_channel}, longest ${results.load.counts.longest_channel}).`,
    '',
    `Built API in a child process, keep-alive HTTP on loopback, after a warm-up: latency over ${results.seconds} s with ${results.latencyConcurrency} request in flight, then requests/s (and p95 under load) over ${results.seconds} s with ${results.concurrency} in flight. Target P3 (queue routes): p95 < ${QUEUE_P95_MS} ms, ≥ ${RPS_SHARE * 100}% of the hello-world route's requests/s, and every SELECT on an index (EXPLAIN ANALYZE of the SQL the route ran: no sequential scan of a table of ≥ ${BIG_ROWS.toLocaleString('en')} rows — ${results.bigTables.join(', ')}). "SQL ms" is the sum of the route's SELECTs' execution times in that EXPLAIN ANALYZE.`,
    '',
    `| route | p50 ms | p95 ms | p99 ms | req/s (${results.concurrency} in flight) | p95 ms under load | % of hello world | % of health | SQL ms | index used | target met | load avg (1 min) |`,
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...results.routes.map(
      (r) =>
        `| ${r.name} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.rps} | ${r.underLoad.p95} | ${Math.round(r.shareOfHello * 100)}% | ${Math.round(r.shareOfHealth * 100)}% | ${r.baseline ? '—' : round(r.queries.reduce((a, q) => a + q.ms, 0))} | ${yes(r.indexUsed)} | ${r.targetMet === null ? '—' : r.targetMet ? 'met' : '**NOT met**'} | ${r.loadAvg1m} |`,
    ),
    '',
    `Machine: ${m.cpus} × ${m.cpuModel}, ${m.ramGB} GB RAM, Node ${m.node}, ${m.pg} (shared_buffers ${m.sharedBuffers}, work_mem ${m.workMem}); load average before ${results.loadAvg.before.join(' / ')}, after ${results.loadAvg.after.join(' / ')} (the machine is shared).`,
    '',
    `Load steps (s): ${Object.entries(results.load.steps)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}.`,
    '',
  ].join('\n');
  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'scale.json'), JSON.stringify(results, null, 2));
  writeFileSync(join(dir, 'scale.md'), md);
  console.log(md);
}
