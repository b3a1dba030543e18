#!/usr/bin/env node
// @ts-check
/**
 * Real-time separate sessions benchmark (bench/README.md P1, P2, P4, P6).
 *
 * In ONE run, on the local PostgreSQL (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres;
 * a fresh database is created and dropped for each phase that needs one, no other database is
 * touched), with every server in a CHILD process (bench/realtime-server.js, so its RSS and CPU
 * are its own) and every client in this process, all on 127.0.0.1:
 *
 *   A. bare socket.io 4.8 relay: N websocket clients in N/2 pairs, one side of each pair sends
 *      80-byte bodies at R msgs/s in total (and at BENCH_HIGH_RATE); latency taken at the
 *      receiver (same clock); server RSS per idle socket.
 *   B. raw single-row INSERTs into a message-shaped table with a pg Pool of 20 (the API's pool):
 *      paced at R/s (latency) and unpaced (rows/s).
 *   T. Tiaojie: the BUILT API in a child process, N/2 cases seeded by SQL (one party and one
 *      mediator each, case MEDIATING), N authenticated sockets each joined to its case;
 *      RSS per idle joined socket (P4); parties sending at R msgs/s, send → mediator's
 *      `message:new` and ack latency (P1); sustained throughput within the flood limit (P2);
 *      exactly-once delivery and gap-free sequence numbers checked throughout; then, for
 *      information, the API's own store statement alone through a pg Pool of 20 (is P2's gap
 *      the SQL or the Node process?).
 *
 * CPU is sampled over every measured window (server child, this process, this run's
 * PostgreSQL backends, the rest of the host). The host may be shared: a verdict resting on a
 * window in which other processes took ≥ 0.5 cores is marked "*" (unreliable) in the table.
 *
 * Environment: BENCH_API_DIST (the built API's apps/api/src folder; default dist/), BENCH_SOCKETS (2000), BENCH_RATE (200), BENCH_SECONDS (10 per measured run),
 * BENCH_HIGH_RATE (2000), BENCH_TIMEOUT_SECONDS (600, whole-run watchdog), BENCH_QUIET_WAIT_SECONDS
 * (60: run-wide budget for waiting, before each measured window, until other processes on a
 * shared host use < 0.3 cores; 0 turns it off), DATABASE_URL;
 * BENCH_SERVER_NODE_OPTIONS adds Node flags to the server children (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`);
 * BENCH_HEAP_SNAPSHOT_DIR makes both servers write a heap snapshot there at N idle sockets;
 * BENCH_REDIS_URL (redis://127.0.0.1:6379) for P6, BENCH_P6=0 leaves P6 out; BENCH_PHASES (a comma
 * list of baselineRelay, baselineInsert, tiaojie, tiaojieTwo) runs only those; BENCH_ONE_WITH_REDIS=1 runs
 * T with the Redis adapter as well (P6's ratio then shows the cross-process hop alone); BENCH_DB_PREFIX names
 * the bench's databases (default tj_bench_rt).
 *
 *   T2 (P6). The same as T with two API processes sharing PostgreSQL and Redis (socket.io Redis
 *      adapter, the run's own QUEUE_PREFIX), every party on the first and every mediator on the
 *      second: P1 and P2 loads and the same exactly-once / gap-free checks; P6 compares its P1 p99
 *      with the one-process figure of the same run.
 * Writes bench/results/realtime.json and bench/results/realtime.md and prints the Markdown.
 * Needs the built API: `npx nx run api:build` first.
 */
const { fork, execSync } = require('node:child_process');
const { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const os = require('node:os');
const { join } = require('node:path');
const { performance } = require('node:perf_hooks');
const { randomBytes, randomUUID } = require('node:crypto');
const { Client, Pool } = require('pg');
const { io } = require('socket.io-client');
const jwt = require('jsonwebtoken');

const BASE = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
// P6 (two API processes) needs Redis; BENCH_P6=0 leaves it out.
const REDIS_URL = process.env.BENCH_REDIS_URL || 'redis://127.0.0.1:6379';
const P6 = process.env.BENCH_P6 !== '0';
// BENCH_ONE_WITH_REDIS=1: the one-process phase (T) runs with the Redis adapter too, so that P6's
// ratio shows the cross-process hop alone (bench/README.md, P6).
const ONE_WITH_REDIS = process.env.BENCH_ONE_WITH_REDIS === '1';
// BENCH_PHASES: a comma list of the phases to run (baselineRelay, baselineInsert, tiaojie, tiaojieTwo), to iterate on one; default all.
const PHASES = (process.env.BENCH_PHASES || '').split(',').filter(Boolean);
const intEnv = (name, def, min) => {
  const v = Number(process.env[name] || def);
  return Number.isFinite(v) && v >= min ? v : def;
};
const N = Math.max(2, Math.floor(intEnv('BENCH_SOCKETS', 2000, 2) / 2) * 2);
const PAIRS = N / 2;
const RATE = intEnv('BENCH_RATE', 200, 1);
const HIGH_RATE = intEnv('BENCH_HIGH_RATE', 2000, 1);
const SECONDS = intEnv('BENCH_SECONDS', 10, 1);
const WATCHDOG_S = intEnv('BENCH_TIMEOUT_SECONDS', 600, 30);
const QUIET_WAIT_S = intEnv('BENCH_QUIET_WAIT_SECONDS', 60, 0); // run-wide budget for waiting on a busy shared host
const QUIET_CORES = 0.3;
const BUSY_CORES = 0.5; // other processes' CPU above which a verdict is flagged as unreliable
const POOL = 20; // the API's TypeORM pool (database/data-source.ts: poolSize 20)
const FLOOD_RATE = 10; // MESSAGE_LIMITS.ratePerSecond, per socket
const CONNECT_CONCURRENCY = 50;
const ACK_TIMEOUT_MS = 10_000;
const DRAIN_MS = 5_000;
const IDLE_MS = 5_000; // the idle window before P1: every socket joined, no message
const WARMUP = 10; // pairs connected, used once and closed before the "before" RSS sample (both servers)
const BODY_LEN = 80;
const STATEMENT_BATCH = 8; // messages a statement in the second run of the store statement alone
const HEAP_DIR = process.env.BENCH_HEAP_SNAPSHOT_DIR || ''; // diagnostics: heap snapshots of both servers at N idle sockets
// BENCH_DB_PREFIX: the bench's own databases are named <prefix>_<phase>_<pid> (a shared server: keep apart from others').
const DB_PREFIX = /^[a-z_][a-z0-9_]{0,30}$/.test(process.env.BENCH_DB_PREFIX || '') ? process.env.BENCH_DB_PREFIX : 'tj_bench_rt';
const ROOT = join(__dirname, '..');
// BENCH_API_DIST: another build of the API (its apps/api/src folder), e.g. a copy kept apart from dist/ on a shared checkout.
const DIST = process.env.BENCH_API_DIST || join(ROOT, 'dist/apps/api/apps/api/src');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const now = () => performance.now();
const round = (x, d = 2) => (x === null || x === undefined || Number.isNaN(x) ? null : Math.round(x * 10 ** d) / 10 ** d);
const pct = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] : null);

/** An unpaced run's result: rows a second, latency and CPU per row (the B and T sections). */
function throughput(clients, lat, errors, seconds, cpuUse) {
  return {
    clients,
    rows: lat.length,
    errors,
    seconds: round(seconds, 3),
    rowsPerSecond: round(lat.length / seconds, 0),
    latencyMs: summary(lat),
    cpu: cpuUse,
    postgresCpuMsPerRow: cpuUse.postgresCpuMs === null ? null : round(cpuUse.postgresCpuMs / Math.max(1, lat.length), 3),
  };
}

function summary(xs) {
  const s = Float64Array.from(xs).sort();
  const mean = s.length ? s.reduce((a, b) => a + b, 0) / s.length : null;
  return { n: s.length, p50: round(pct(s, 50)), p95: round(pct(s, 95)), p99: round(pct(s, 99)), max: round(s.length ? s[s.length - 1] : null), mean: round(mean) };
}
const body = (k) => `m${k} `.concat('x'.repeat(BODY_LEN)).slice(0, BODY_LEN); // 80 ASCII bytes
const log = (...a) => console.error(`[${new Date().toISOString().slice(11, 19)}]`, ...a);

// ---------------------------------------------------------------- resources to clean up
const live = { children: new Set(), dbs: new Set(), sockets: new Set(), tmpDirs: new Set() };
/** Connection-level errors (e.g. a backend terminated by someone else's admin command) are counted, never fatal. */
const pgErrors = [];
/** What each phase measured so far, kept if it fails half-way. */
const partial = {};
const quiet = (pg) => {
  pg.on('error', (e) => pgErrors.push(e.message));
  return pg;
};

async function freshDb(tag) {
  const name = `${DB_PREFIX}_${tag}_${process.pid}`;
  const admin = quiet(new Client({ connectionString: BASE }));
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(BASE);
  url.pathname = `/${name}`;
  const db = {
    name,
    url: url.toString(),
    drop: async () => {
      live.dbs.delete(db);
      const c = quiet(new Client({ connectionString: BASE }));
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
  live.dbs.add(db);
  return db;
}

/** Starts bench/realtime-server.js in `mode`, resolves once it listens; stats() asks it for RSS/CPU over IPC. */
function startChild(mode, env, timeoutMs = 120_000) {
  const child = fork(join(__dirname, 'realtime-server.js'), [mode], {
    env,
    execArgv: ['--expose-gc', ...(process.env.BENCH_SERVER_NODE_OPTIONS || '').split(' ').filter(Boolean)],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  live.children.add(child);
  child.once('exit', () => live.children.delete(child));
  let seq = 0;
  const waiting = new Map();
  child.on('message', (/** @type {any} */ m) => {
    if (m && (m.type === 'stats' || m.type === 'heapSnapshot') && waiting.has(m.id)) {
      waiting.get(m.id)(m);
      waiting.delete(m.id);
    }
  });
  const handle = {
    child,
    pid: child.pid,
    stats: (gc = false) =>
      new Promise((resolve, reject) => {
        const id = ++seq;
        const t = setTimeout(() => {
          waiting.delete(id);
          reject(new Error(`${mode} server: no stats within 30 s`));
        }, 30_000);
        waiting.set(id, (m) => {
          clearTimeout(t);
          resolve(m);
        });
        child.send({ type: 'stats', id, gc });
      }),
    heapSnapshot: (dir, tag) =>
      new Promise((resolve) => {
        const id = ++seq;
        const t = setTimeout(() => {
          waiting.delete(id);
          resolve(null);
        }, 120_000);
        waiting.set(id, (m) => {
          clearTimeout(t);
          resolve(m.file);
        });
        child.send({ type: 'heapSnapshot', id, dir, tag });
      }),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      try {
        child.send({ type: 'stop' });
      } catch {
        /* already gone */
      }
      const t = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(t);
    },
  };
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${mode} server did not start within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    child.on('message', (/** @type {any} */ m) => {
      if (m && m.type === 'ready') {
        clearTimeout(t);
        handle.port = m.port;
        resolve(handle);
      } else if (m && m.type === 'error') {
        clearTimeout(t);
        reject(new Error(`${mode} server failed to start: ${m.message}`));
      }
    });
    child.once('exit', (code, sig) => {
      clearTimeout(t);
      reject(new Error(`${mode} server exited (${code ?? sig}) before it was ready`));
    });
  });
}

/**
 * CPU ticks (1/100 s) of each PostgreSQL server process, by pid, read from /proc (Linux only).
 * A backend that exits during a window loses its share (an undercount, never negative). With `db`, client backends and autovacuum workers of
 * other databases (other people's tests on the same server) are left out; the shared processes
 * (postmaster, WAL writer, checkpointer, background writer) are counted.
 */
function postgresTicks(db) {
  const ticks = new Map();
  try {
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const close = stat.lastIndexOf(')');
        if (!stat.slice(stat.indexOf('(') + 1, close).startsWith('postgres')) continue;
        if (db) {
          const title = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
          const backend = /^postgres: (?:[^:]+: )?\S+ (\S+) (?:\S+\(\d+\)|\[local\])/.exec(title) || /autovacuum worker (\S+)/.exec(title);
          if (backend && backend[1] !== db) continue;
        }
        const f = stat.slice(close + 2).split(' ');
        ticks.set(pid, Number(f[11]) + Number(f[12])); // utime, stime
      } catch {
        /* exited */
      }
    }
  } catch {
    return null;
  }
  return ticks;
}

/**
 * CPU over a window, in cores (1.0 = one core busy): the whole machine, this process (the
 * clients), the server child, PostgreSQL (for database `db`, if given), and the rest (other
 * work on the host, including other databases' backends).
 */
/**
 * @param {any} server
 * @param {string | null} [db]
 */
async function cpuWindow(server, db = null) {
  const machine = () => os.cpus().reduce((a, c) => ({ idle: a.idle + c.times.idle, total: a.total + Object.values(c.times).reduce((x, y) => x + y, 0) }), { idle: 0, total: 0 });
  const m0 = machine();
  const self0 = process.cpuUsage();
  const zero = { cpu: { user: 0, system: 0 }, eventLoopUtilization: null };
  const s0 = server ? await server.stats(false) : zero;
  const pg0 = postgresTicks(db);
  const t0 = now();
  return async () => {
    const s1 = server ? await server.stats(false) : zero;
    const pg1 = postgresTicks(db);
    const wallUs = (now() - t0) * 1000;
    const m1 = machine();
    const self = process.cpuUsage(self0);
    const ncpu = os.cpus().length;
    const machineCores = (1 - (m1.idle - m0.idle) / Math.max(1, m1.total - m0.total)) * ncpu;
    const benchClientCores = (self.user + self.system) / wallUs;
    const serverCores = (s1.cpu.user - s0.cpu.user + s1.cpu.system - s0.cpu.system) / wallUs;
    let pgTicks = 0;
    if (pg0 && pg1) for (const [pid, t] of pg1) pgTicks += Math.max(0, t - (pg0.get(pid) ?? 0));
    const postgresCores = pg0 === null || pg1 === null ? null : (pgTicks * 10_000) / wallUs;
    return {
      machineCores: round(machineCores),
      benchClientCores: round(benchClientCores),
      serverCores: round(serverCores),
      postgresCores: round(postgresCores),
      otherCores: round(Math.max(0, machineCores - benchClientCores - serverCores - (postgresCores ?? 0))),
      serverEventLoopUtilization: round(s1.eventLoopUtilization, 3),
      serverGc: s1.gc ? { pauses: s1.gc.count, minor: s1.gc.minor, major: s1.gc.major, totalMs: round(s1.gc.totalMs, 1), maxMs: round(s1.gc.maxMs, 2) } : null,
      ofCores: ncpu,
      wallMs: round(wallUs / 1000, 0),
      serverCpuMs: round((serverCores * wallUs) / 1000, 0),
      postgresCpuMs: postgresCores === null ? null : round((postgresCores * wallUs) / 1000, 0),
    };
  };
}

let quietBudgetMs = QUIET_WAIT_S * 1000;
const quietLog = [];
/**
 * Before a measured window: while other processes keep ≥ QUIET_CORES cores busy, waits (1 s
 * samples, at most 15 s here and BENCH_QUIET_WAIT_SECONDS over the whole run). The host is
 * shared; this only lowers the chance of measuring someone else's build.
 */
/**
 * @param {string} label
 * @param {any} [server]
 * @param {string | null} [db]
 */
async function waitQuiet(label, server = null, db = '(none)') {
  if (quietBudgetMs <= 0) return;
  const start = Date.now();
  /** @type {any} */
  let last = null;
  for (let i = 0; i < 20; i++) {
    const end = await cpuWindow(server, db);
    await sleep(1000);
    last = await end();
    if (last.otherCores < QUIET_CORES || Date.now() - start + 1000 > Math.min(quietBudgetMs, 15_000)) break;
  }
  const waited = Date.now() - start;
  quietBudgetMs = Math.max(0, quietBudgetMs - waited);
  quietLog.push({ before: label, waitedSeconds: round(waited / 1000, 1), otherCores: last.otherCores, quiet: last.otherCores < QUIET_CORES });
  if (last.otherCores >= QUIET_CORES) log(`${label}: host still busy (${last.otherCores} cores used by other processes); measuring anyway`);
}

function onceConnected(socket, timeoutMs) {
  return new Promise((/** @type {(value?: unknown) => void} */ resolve, reject) => {
    if (socket.connected) return resolve();
    const t = setTimeout(() => done(new Error('connect timeout')), timeoutMs);
    const ok = () => done(null);
    const bad = (e) => done(new Error(`connect_error: ${e.message}${e.data ? ` ${JSON.stringify(e.data)}` : ''}`));
    function done(err) {
      clearTimeout(t);
      socket.off('connect', ok);
      socket.off('connect_error', bad);
      if (err) reject(err);
      else resolve();
    }
    socket.once('connect', ok);
    socket.once('connect_error', bad);
  });
}

/** Runs `task(i)` for i < n, `concurrency` at a time, bounded by `timeoutMs` overall. */
async function eachLimited(n, concurrency, timeoutMs, task) {
  let next = 0;
  const deadline = Date.now() + timeoutMs;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, n) }, async () => {
      while (next < n && Date.now() < deadline) await task(next++);
    }),
  );
  return next;
}

/** Opens `n` websocket clients (one engine connection each), CONNECT_CONCURRENCY at a time. */
async function connectMany(n, make, timeoutMs = 120_000) {
  const sockets = new Array(n).fill(null);
  const times = [];
  const errors = {};
  await eachLimited(n, CONNECT_CONCURRENCY, timeoutMs, async (i) => {
    const t0 = now();
    const s = make(i);
    live.sockets.add(s);
    sockets[i] = s;
    try {
      await onceConnected(s, 20_000);
      times.push(now() - t0);
    } catch (e) {
      errors[e.message] = (errors[e.message] || 0) + 1;
      s.close();
    }
  });
  return { sockets, connected: sockets.filter((s) => s && s.connected).length, connectMs: summary(times), errors };
}

function closeAll(sockets) {
  for (const s of sockets) {
    if (!s) continue;
    s.close();
    live.sockets.delete(s);
  }
}

const clientOptions = (extra) => ({ transports: ['websocket'], forceNew: true, reconnection: false, timeout: 20_000, ...extra });

/**
 * Fires `total` events at `rate` per second, evenly spread (whatever is due is fired on each
 * timer tick), bounded by the expected duration + 10 s.
 */
async function paced(rate, total, fire) {
  const start = now();
  const hardEnd = start + (total / rate) * 1000 + 10_000;
  let k = 0;
  while (k < total && now() < hardEnd) {
    const due = Math.min(total, Math.floor(((now() - start) * rate) / 1000) + 1);
    while (k < due) fire(k++);
    if (k >= total) break;
    await sleep(Math.max(0, start + (k * 1000) / rate - now()));
  }
  return { fired: k, seconds: round((now() - start) / 1000, 3) };
}

async function waitUntil(cond, ms) {
  const until = Date.now() + ms;
  while (!cond() && Date.now() < until) await sleep(10);
  return cond();
}

/** RSS per socket: gc'd RSS with the sockets open minus gc'd RSS before any (after a warm-up). */
function memoryDelta(before, after, sockets) {
  return {
    rssBeforeMB: round(before.rss / 2 ** 20, 1),
    rssAfterMB: round(after.rss / 2 ** 20, 1),
    heapBeforeMB: round(before.heapUsed / 2 ** 20, 1),
    heapAfterMB: round(after.heapUsed / 2 ** 20, 1),
    sockets,
    kbPerSocket: round((after.rss - before.rss) / 1024 / sockets, 1),
    heapKbPerSocket: round((after.heapUsed - before.heapUsed) / 1024 / sockets, 1),
  };
}

// ---------------------------------------------------------------- A. bare socket.io relay
async function baselineRelay() {
  log(`A: bare socket.io relay, ${N} sockets`);
  const server = await startChild('relay', { ...process.env });
  const url = `http://127.0.0.1:${server.port}`;
  const out = (partial.baselineRelay = /** @type {any} */ ({ server: 'socket.io 4.8 relay (child process)', runs: [] }));
  try {
    const initial = await server.stats(true);
    // Warm-up (same as for the API): a few pairs exchange one message, then go away.
    const warm = await connectMany(WARMUP * 2, (i) => io(url, clientOptions({ query: { room: `warm${i >> 1}` } })));
    let warmGot = 0;
    for (let p = 0; p < WARMUP; p++) warm.sockets[2 * p + 1]?.on('msg', () => warmGot++);
    for (let p = 0; p < WARMUP; p++) warm.sockets[2 * p]?.emit('msg', { k: p, t: now(), body: body(p) });
    await waitUntil(() => warmGot >= WARMUP, 5000);
    closeAll(warm.sockets);
    await sleep(1000);
    const before = await server.stats(true);
    // Diagnostics only (the snapshots themselves inflate the RSS figures): heap before and after the sockets.
    if (HEAP_DIR) out.heapSnapshots = [await server.heapSnapshot(HEAP_DIR, 'before')];
    const conn = await connectMany(N, (i) => io(url, clientOptions({ query: { room: `p${i >> 1}` } })));
    out.connected = conn.connected;
    out.connectMs = conn.connectMs;
    out.connectErrors = conn.errors;
    await sleep(1000);
    const after = await server.stats(true);
    out.memory = { rssInitialMB: round(initial.rss / 2 ** 20, 1), ...memoryDelta(before, after, conn.connected) };
    log(`A: ${conn.connected} connected, ${out.memory.kbPerSocket} KB/socket`);
    if (HEAP_DIR) out.heapSnapshots.push(await server.heapSnapshot(HEAP_DIR, 'after'));
    const pairs = [];
    for (let p = 0; p < PAIRS; p++) {
      const tx = conn.sockets[2 * p];
      const rx = conn.sockets[2 * p + 1];
      if (tx?.connected && rx?.connected) pairs.push({ tx, rx });
    }
    for (const rate of [RATE, HIGH_RATE]) {
      const total = Math.round(rate * SECONDS);
      const lat = [];
      const handler = (m) => lat.push(now() - m.t);
      for (const p of pairs) p.rx.on('msg', handler);
      await waitQuiet(`relay ${rate}/s`, server);
      const cpu = await cpuWindow(server, '(none)');
      const run = await paced(rate, total, (k) => pairs[k % pairs.length].tx.emit('msg', { k, t: now(), body: body(k) }));
      await waitUntil(() => lat.length >= run.fired, DRAIN_MS);
      const cpuUse = await cpu();
      for (const p of pairs) p.rx.off('msg', handler);
      const r = {
        rate,
        offered: total,
        sent: run.fired,
        received: lat.length,
        lost: run.fired - lat.length,
        sendSeconds: run.seconds,
        latencyMs: summary(lat),
        cpu: cpuUse,
        serverCpuMsPerMessage: round(/** @type {number} */ (cpuUse.serverCpuMs) / Math.max(1, lat.length), 3),
        perSenderPerSecond: round(rate / pairs.length, 3),
      };
      out.runs.push(r);
      log(`A: ${rate}/s → p50 ${r.latencyMs.p50} p99 ${r.latencyMs.p99} ms, lost ${r.lost}`);
      await sleep(500);
    }
    closeAll(conn.sockets);
  } finally {
    await server.stop();
  }
  return out;
}

// ---------------------------------------------------------------- B. raw INSERT
async function baselineInsert() {
  log(`B: raw single-row INSERT, pool ${POOL}`);
  const db = await freshDb('insert');
  const pool = quiet(new Pool({ connectionString: db.url, max: POOL }));
  const out = (partial.baselineInsert = /** @type {any} */ ({ pool: POOL }));
  try {
    const [{ version }] = (await pool.query('SELECT version()')).rows;
    const settings = (await pool.query("SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'max_connections', 'shared_buffers')")).rows;
    out.postgres = { version, settings: Object.fromEntries(settings.map((r) => [r.name, r.setting])) };
    await pool.query(`CREATE TABLE bench_message (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(), channel_id uuid NOT NULL, seq int NOT NULL, sender_id uuid NOT NULL,
      client_id uuid NOT NULL, body text NOT NULL, created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (channel_id, seq), UNIQUE (sender_id, client_id))`);
    await Promise.all(Array.from({ length: POOL }, () => pool.query('SELECT 1')));
    const channels = Array.from({ length: PAIRS }, () => ({ id: randomUUID(), sender: randomUUID(), seq: 0 }));
    const SQL = 'INSERT INTO bench_message (channel_id, seq, sender_id, client_id, body) VALUES ($1, $2, $3, $4, $5)';
    const insert = (k) => {
      const ch = channels[k % channels.length];
      return pool.query(SQL, [ch.id, ++ch.seq, ch.sender, randomUUID(), body(k)]);
    };
    // (a) paced at RATE/s
    await waitQuiet('INSERT paced', null, db.name);
    {
      const lat = [];
      let errors = 0;
      let inflight = 0;
      const total = RATE * SECONDS;
      const cpu = await cpuWindow(null, db.name);
      const run = await paced(RATE, total, (k) => {
        const t0 = now();
        inflight++;
        insert(k)
          .then(() => lat.push(now() - t0))
          .catch(() => errors++)
          .finally(() => inflight--);
      });
      await waitUntil(() => inflight === 0, 30_000);
      out.paced = { rate: RATE, offered: total, done: lat.length, errors, sendSeconds: run.seconds, latencyMs: summary(lat), cpu: await cpu() };
      log(`B: paced ${RATE}/s → p50 ${out.paced.latencyMs.p50} p99 ${out.paced.latencyMs.p99} ms`);
    }
    // (b) unpaced: POOL clients, each inserting as soon as its previous insert returns
    await waitQuiet('INSERT unpaced', null, db.name);
    {
      const lat = [];
      let k = 1e9;
      let errors = 0;
      const cpu = await cpuWindow(null, db.name);
      const start = now();
      const until = start + SECONDS * 1000;
      await Promise.all(
        Array.from({ length: POOL }, async () => {
          for (let i = 0; i < 1e6 && now() < until; i++) {
            const t0 = now();
            try {
              await insert(k++);
              lat.push(now() - t0);
            } catch {
              errors++;
            }
          }
        }),
      );
      out.unpaced = throughput(POOL, lat, errors, (now() - start) / 1000, await cpu());
      log(`B: unpaced → ${out.unpaced.rowsPerSecond} rows/s`);
    }
  } finally {
    await pool.end();
    await db.drop();
  }
  return out;
}

// ---------------------------------------------------------------- T. Tiaojie
/** Seeds `count` cases in MEDIATING with a party and an accepted mediator each; returns ids and sessions. */
async function seedCases(dbUrl, count) {
  const c = quiet(new Client({ connectionString: dbUrl }));
  await c.connect();
  try {
    await c.query('BEGIN');
    await c.query(
      `CREATE TEMP TABLE bench_map ON COMMIT DROP AS
       SELECT g, gen_random_uuid() AS party_id, gen_random_uuid() AS mediator_id, gen_random_uuid() AS case_id,
              gen_random_uuid() AS party_sid, gen_random_uuid() AS mediator_sid
       FROM generate_series(1, $1::int) g`,
      [count],
    );
    const {
      rows: [{ id: orgId }],
    } = await c.query("INSERT INTO organisation (name, type, region) VALUES ('Bench mediation committee', 'peoples_mediation_committee', '110000') RETURNING id");
    await c.query(`INSERT INTO app_user (id, mobile, name, roles, version)
      SELECT party_id, '13' || lpad(g::text, 9, '0'), 'Party ' || g, '{citizen}'::text[], 1 FROM bench_map
      UNION ALL SELECT mediator_id, '15' || lpad(g::text, 9, '0'), 'Mediator ' || g, '{mediator}'::text[], 1 FROM bench_map`);
    await c.query(
      `INSERT INTO mediation_case (id, state, dispute_type, facts, filed_by_id, organisation_id, version, submitted_at, accepted_at, mediator_accepted_at, mediation_started_at)
       SELECT case_id, 'MEDIATING', 'private_loan', 'Benchmark case ' || g, party_id, $1, 1, now(), now(), now(), now() FROM bench_map`,
      [orgId],
    );
    await c.query(`INSERT INTO case_party (case_id, side, name, mobile, user_id, consent, consent_at)
      SELECT case_id, 'applicant', 'Party ' || g, '13' || lpad(g::text, 9, '0'), party_id, 'given', now() FROM bench_map`);
    await c.query(`INSERT INTO case_assignment (case_id, mediator_id, status, assigned_at, respond_by, responded_at)
      SELECT case_id, mediator_id, 'accepted', now(), now() + interval '1 day', now() FROM bench_map`);
    await c.query(`INSERT INTO auth_session (id, user_id, expires_at)
      SELECT party_sid, party_id, now() + interval '1 day' FROM bench_map
      UNION ALL SELECT mediator_sid, mediator_id, now() + interval '1 day' FROM bench_map`);
    const { rows } = await c.query('SELECT case_id, party_id, party_sid, mediator_id, mediator_sid FROM bench_map ORDER BY g');
    await c.query('COMMIT');
    return rows;
  } finally {
    await c.end();
  }
}

/** Several server children seen as one for the CPU windows: CPU summed, memory summed, event-loop use the busiest. */
function combined(servers) {
  return {
    pid: servers.map((x) => x.pid).join('+'),
    port: servers[0].port,
    stats: async (gc = false) => {
      const all = await Promise.all(servers.map((x) => x.stats(gc)));
      const sum = (f) => all.reduce((a, x) => a + f(x), 0);
      return {
        rss: sum((x) => x.rss),
        heapUsed: sum((x) => x.heapUsed),
        heapTotal: sum((x) => x.heapTotal),
        external: sum((x) => x.external),
        arrayBuffers: sum((x) => x.arrayBuffers),
        cpu: { user: sum((x) => x.cpu.user), system: sum((x) => x.cpu.system) },
        eventLoopUtilization: Math.max(...all.map((x) => x.eventLoopUtilization)),
        gc: {
          count: sum((x) => x.gc.count),
          minor: sum((x) => x.gc.minor),
          major: sum((x) => x.gc.major),
          totalMs: sum((x) => x.gc.totalMs),
          maxMs: Math.max(...all.map((x) => x.gc.maxMs)),
        },
        at: Date.now(),
      };
    },
    heapSnapshot: async () => null,
    stop: () => Promise.all(servers.map((x) => x.stop())),
  };
}

/**
 * @param {{ processes?: number }} [opts] processes: 2 is P6 — two API processes sharing PostgreSQL and
 *   Redis (the socket.io Redis adapter), every party on the first, every mediator on the second.
 */
async function tiaojie(opts = {}) {
  const two = (opts.processes ?? 1) === 2;
  const tag = two ? 'T2' : 'T';
  log(`${tag}: Tiaojie API${two ? ', two processes behind Redis' : ''}, ${N} sockets (${PAIRS} cases)`);
  if (two && !REDIS_URL) throw new Error('P6 needs Redis: set BENCH_REDIS_URL (default redis://127.0.0.1:6379)');
  if (!existsSync(join(DIST, 'bootstrap.js'))) throw new Error(`built API not found in ${DIST}: run \`npx nx run api:build\` first`);
  const db = await freshDb(two ? 'api2' : 'api');
  const secret = randomBytes(32).toString('hex');
  const dataDir = join(os.tmpdir(), `tj-bench-rt-${process.pid}`);
  live.tmpDirs.add(dataDir);
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: db.url,
    REDIS_URL: two || ONE_WITH_REDIS ? REDIS_URL : '',
    // Its own prefix on a shared Redis: BullMQ keys and the socket.io adapter's channels.
    QUEUE_PREFIX: `tjbenchrt${process.pid}`,
    JWT_SECRET: secret,
    ID_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    SEED_DEMO: 'false',
    WEB_DIST: '',
    LOG_LEVEL: 'silent',
    DEADLINE_SCAN_SECONDS: '0',
    OUTBOX_POLL_MS: '0',
    DATA_DIR: dataDir,
    CORS_ORIGINS: '',
  };
  const out = (partial[two ? 'tiaojieTwo' : 'tiaojie'] = /** @type {any} */ ({
    server: two
      ? 'built API in two child processes (NODE_ENV=production) with the socket.io Redis adapter; parties on the first, mediators on the second'
      : `built API, createApp() + listen(0) in a child process (NODE_ENV=production, ${ONE_WITH_REDIS ? 'with the socket.io Redis adapter' : 'no Redis'})`,
  }));
  const t0 = now();
  // One after the other: the first runs the migrations on the fresh database.
  const servers = [await startChild('api', env, 180_000)];
  if (two) servers.push(await startChild('api', env, 180_000));
  out.startSeconds = round((now() - t0) / 1000, 1);
  const server = servers.length === 1 ? servers[0] : combined(servers);
  const urls = servers.map((x) => `http://127.0.0.1:${x.port}`);
  const allSockets = [];
  try {
    const initial = await server.stats(true);
    const seeded = await seedCases(db.url, PAIRS + WARMUP);
    const iat = Math.floor(Date.now() / 1000);
    const token = (sub, sid) => jwt.sign({ sub, sid, iat, exp: iat + 6 * 3600 }, secret, { algorithm: 'HS256' });
    const cases = seeded.map((r) => ({
      caseId: r.case_id,
      party: { userId: r.party_id, token: token(r.party_id, r.party_sid), socket: null, joined: false },
      mediator: { userId: r.mediator_id, token: token(r.mediator_id, r.mediator_sid), socket: null, joined: false },
      channelId: null,
      busy: false,
    }));
    const warmCases = cases.slice(PAIRS);
    const benchCases = cases.slice(0, PAIRS);

    // ---- message bookkeeping shared by every phase
    const sent = new Map(); // clientId → record
    const unknownDeliveries = { n: 0 };
    const partyEchoes = { n: 0 };
    const orderViolations = { n: 0 };
    const lastSeqAtMediator = new Map();
    // Every event the clients receive, by window and name (what reaches a socket besides message:new).
    let eventWindow = 'join';
    /** @type {Record<string, Record<string, number>>} */
    const eventsSeen = (out.eventsReceived = {});
    const countEvent = (/** @type {string} */ ev) => {
      const w = (eventsSeen[eventWindow] ??= {});
      w[ev] = (w[ev] ?? 0) + 1;
    };
    const attachHandlers = (c) => {
      c.mediator.socket.onAny(countEvent);
      c.party.socket.onAny(countEvent);
      c.mediator.socket.on('message:new', (m) => {
        const rec = sent.get(m.clientId);
        if (!rec) return void unknownDeliveries.n++;
        rec.deliveries++;
        if (rec.deliveries === 1) rec.deliveredAt = now();
        const last = lastSeqAtMediator.get(m.channelId) ?? 0;
        if (m.seq <= last) orderViolations.n++;
        else lastSeqAtMediator.set(m.channelId, m.seq);
      });
      c.party.socket.on('message:new', () => partyEchoes.n++);
    };
    const sendOne = (c, phase, k) =>
      new Promise((resolve) => {
        const clientId = randomUUID();
        /** @type {any} */
        const rec = { phase, channelId: c.channelId, t0: now(), deliveries: 0, deliveredAt: null, ack: null, ackAt: null, seq: null };
        sent.set(clientId, rec);
        c.busy = true;
        c.party.socket.timeout(ACK_TIMEOUT_MS).emit('message:send', { channelId: c.channelId, clientId, body: body(k) }, (err, ack) => {
          rec.ackAt = now();
          c.busy = false;
          if (err) rec.ack = 'ACK_TIMEOUT';
          else if (!ack || !ack.ok) rec.ack = (ack && ack.code) || 'BAD_ACK';
          else {
            rec.ack = 'ok';
            rec.seq = ack.message.seq;
          }
          resolve(rec);
        });
      });
    const connectAndJoin = async (list) => {
      const users = list.flatMap((c) => [c.party, c.mediator]);
      // Parties (even indexes) on the first process, mediators on the last (the same one with one process).
      const conn = await connectMany(users.length, (i) => io(urls[i & 1 ? urls.length - 1 : 0], clientOptions({ auth: { token: users[i].token } })));
      users.forEach((u, i) => (u.socket = conn.sockets[i]));
      allSockets.push(...conn.sockets);
      const joinTimes = [];
      const joinErrors = {};
      await eachLimited(list.length * 2, CONNECT_CONCURRENCY, 180_000, async (j) => {
        const c = list[j >> 1];
        const u = j & 1 ? c.mediator : c.party;
        if (!u.socket?.connected) return;
        const t = now();
        try {
          const ack = await u.socket.timeout(30_000).emitWithAck('case:join', { caseId: c.caseId });
          if (!ack.ok) throw new Error(ack.code);
          joinTimes.push(now() - t);
          u.joined = true;
          if (u === c.party) c.channelId = ack.channels.find((ch) => ch.kind === 'caucus')?.id ?? null;
        } catch (e) {
          joinErrors[e.message] = (joinErrors[e.message] || 0) + 1;
        }
      });
      const ready = list.filter((c) => c.party.joined && c.mediator.joined && c.channelId);
      for (const c of ready) attachHandlers(c);
      return { conn, ready, joinMs: summary(joinTimes), joinErrors };
    };

    // ---- warm-up: a few cases connect, join, send one message and go away
    {
      const w = await connectAndJoin(warmCases);
      await Promise.all(w.ready.map((c, i) => sendOne(c, 'warmup', i)));
      await waitUntil(() => [...sent.values()].every((r) => r.phase !== 'warmup' || r.deliveries > 0 || r.ack !== 'ok'), 5000);
      closeAll(w.conn.sockets);
      await sleep(1000);
    }

    // ---- P4: RSS per idle authenticated, joined socket
    const before = await server.stats(true);
    if (HEAP_DIR) out.heapSnapshots = [await server.heapSnapshot(HEAP_DIR, 'before')];
    const joinStart = now();
    const main = await connectAndJoin(benchCases);
    out.connected = main.conn.connected;
    out.connectMs = main.conn.connectMs;
    out.connectErrors = main.conn.errors;
    out.joined = main.ready.length * 2;
    out.joinMs = main.joinMs;
    out.joinErrors = main.joinErrors;
    out.connectAndJoinSeconds = round((now() - joinStart) / 1000, 1);
    await sleep(1000);
    const after = await server.stats(true);
    out.memory = { rssInitialMB: round(initial.rss / 2 ** 20, 1), ...memoryDelta(before, after, main.conn.connected) };
    log(`${tag}: ${main.conn.connected} connected, ${out.joined} joined in ${out.connectAndJoinSeconds} s; ${out.memory.kbPerSocket} KB/socket`);
    if (HEAP_DIR) out.heapSnapshots.push(await server.heapSnapshot(HEAP_DIR, 'after'));
    const ready = main.ready;
    if (!ready.length) throw new Error(`no case joined: ${JSON.stringify({ connect: main.conn.errors, join: main.joinErrors })}`);

    const phaseReport = (phase, extra) => {
      const recs = [...sent.values()].filter((r) => r.phase === phase);
      const ok = recs.filter((r) => r.ack === 'ok');
      const ackErrors = {};
      for (const r of recs) if (r.ack !== 'ok') ackErrors[r.ack ?? 'NO_ACK'] = (ackErrors[r.ack ?? 'NO_ACK'] || 0) + 1;
      const delivered = recs.filter((r) => r.deliveredAt !== null);
      return {
        ...extra,
        sent: recs.length,
        acked: ok.length,
        ackErrors,
        deliveredToMediator: delivered.length,
        ackedButNotDelivered: ok.filter((r) => r.deliveries === 0).length,
        deliveredMoreThanOnce: recs.filter((r) => r.deliveries > 1).length,
        deliveredWithoutOkAck: delivered.filter((r) => r.ack !== 'ok').length,
        deliveryLatencyMs: summary(delivered.map((r) => r.deliveredAt - r.t0)),
        ackLatencyMs: summary(ok.map((r) => r.ackAt - r.t0)),
      };
    };

    // ---- idle: every socket joined, nothing sent — what the process spends with no message (timers, pings, GC)
    {
      eventWindow = 'idle';
      const cpu = await cpuWindow(server, db.name);
      await sleep(IDLE_MS);
      out.idle = await cpu();
    }

    // ---- P1: R msgs/s in total, one message per party at a time, paced
    {
      const total = RATE * SECONDS;
      let rr = 0;
      let skipped = 0;
      await waitQuiet('P1', server, db.name);
      eventWindow = 'p1';
      const cpu = await cpuWindow(server, db.name);
      const run = await paced(RATE, total, (k) => {
        for (let tries = 0; tries < ready.length; tries++) {
          const c = ready[rr++ % ready.length];
          if (!c.busy) return void sendOne(c, 'p1', k);
        }
        skipped++;
      });
      await waitUntil(() => ![...sent.values()].some((r) => r.phase === 'p1' && (r.ack === null || (r.ack === 'ok' && r.deliveries === 0))), DRAIN_MS + ACK_TIMEOUT_MS);
      const cpuUse = await cpu();
      out.p1 = phaseReport('p1', {
        rate: RATE,
        offered: total,
        skippedAllBusy: skipped,
        sendSeconds: run.seconds,
        senders: ready.length,
        perSenderPerSecond: round(RATE / ready.length, 3),
        cpu: cpuUse,
      });
      out.p1.serverCpuMsPerMessage = round(/** @type {number} */ (cpuUse.serverCpuMs) / Math.max(1, out.p1.acked), 3);
      out.p1.postgresCpuMsPerMessage = cpuUse.postgresCpuMs === null ? null : round(cpuUse.postgresCpuMs / Math.max(1, out.p1.acked), 3);
      log(`${tag}: P1 ${RATE}/s → delivery p50 ${out.p1.deliveryLatencyMs.p50} p99 ${out.p1.deliveryLatencyMs.p99} ms; ack p99 ${out.p1.ackLatencyMs.p99} ms`);
    }
    await sleep(1000);

    // ---- P2: every party sends as soon as its ack returns, at most FLOOD_RATE per second
    {
      const minInterval = 1000 / FLOOD_RATE;
      await waitQuiet('P2', server, db.name);
      eventWindow = 'p2';
      const start = now();
      const end = start + SECONDS * 1000;
      const cpu = await cpuWindow(server, db.name);
      let k = 0;
      await Promise.all(
        ready.map(async (c, i) => {
          await sleep((i / ready.length) * minInterval); // spread the first sends over one interval
          for (let n = 0; n < SECONDS * FLOOD_RATE + 5 && now() < end; n++) {
            const t = now();
            await sendOne(c, 'p2', k++);
            const wait = t + minInterval - now();
            if (wait > 0) await sleep(wait);
          }
        }),
      );
      await waitUntil(() => ![...sent.values()].some((r) => r.phase === 'p2' && r.ack === 'ok' && r.deliveries === 0), DRAIN_MS);
      const cpuUse = await cpu();
      const recs = [...sent.values()].filter((r) => r.phase === 'p2');
      const good = recs.filter((r) => r.ack === 'ok' && r.deliveries >= 1);
      const last = good.reduce((m, r) => Math.max(m, r.ackAt, r.deliveredAt), start);
      const seconds = (last - start) / 1000;
      out.p2 = phaseReport('p2', {
        senders: ready.length,
        ceilingPerSecond: ready.length * FLOOD_RATE,
        seconds: round(seconds, 3),
        ackedAndDeliveredPerSecond: round(good.length / seconds, 0),
        cpu: cpuUse,
        serverCpuMsPerMessage: round(/** @type {number} */ (cpuUse.serverCpuMs) / Math.max(1, good.length), 3),
        postgresCpuMsPerMessage: cpuUse.postgresCpuMs === null ? null : round(cpuUse.postgresCpuMs / Math.max(1, good.length), 3),
      });
      log(`${tag}: P2 → ${out.p2.ackedAndDeliveredPerSecond} msgs/s acked and delivered (ceiling ${out.p2.ceilingPerSecond}/s)`);
    }

    // ---- correctness over everything sent
    {
      const bench = [...sent.values()].filter((r) => r.phase !== 'warmup');
      const byChannel = new Map();
      for (const r of bench) if (r.ack === 'ok') (byChannel.get(r.channelId) ?? byChannel.set(r.channelId, []).get(r.channelId)).push(r.seq);
      let ackSeqGaps = 0;
      for (const seqs of byChannel.values()) {
        seqs.sort((a, b) => a - b);
        if (seqs.some((s, i) => s !== i + 1)) ackSeqGaps++;
      }
      const chk = quiet(new Client({ connectionString: db.url }));
      await chk.connect();
      let dbCheck;
      try {
        const { rows } = await chk.query(`
          SELECT count(*)::int AS channels,
                 count(*) FILTER (WHERE coalesce(m.n, 0) <> c.last_seq OR coalesce(m.maxseq, 0) <> c.last_seq OR coalesce(m.distinctseq, 0) <> c.last_seq OR coalesce(m.minseq, 1) <> 1)::int AS with_gaps,
                 coalesce(sum(m.n), 0)::int AS messages
          FROM conversation_channel c
          LEFT JOIN (SELECT channel_id, count(*) AS n, max(seq) AS maxseq, min(seq) AS minseq, count(DISTINCT seq) AS distinctseq FROM channel_message GROUP BY channel_id) m ON m.channel_id = c.id`);
        dbCheck = rows[0];
      } finally {
        await chk.end();
      }
      const acked = bench.filter((r) => r.ack === 'ok');
      const warmAcked = [...sent.values()].filter((r) => r.phase === 'warmup' && r.ack === 'ok').length;
      out.correctness = {
        acked: acked.length,
        deliveredExactlyOnce: acked.filter((r) => r.deliveries === 1).length,
        ackedButNotDelivered: acked.filter((r) => r.deliveries === 0).length,
        deliveredMoreThanOnce: bench.filter((r) => r.deliveries > 1).length,
        unknownDeliveries: unknownDeliveries.n,
        outOfOrderAtMediator: orderViolations.n,
        channelsWithAckSeqGaps: ackSeqGaps,
        channelsChecked: byChannel.size,
        db: { channels: dbCheck.channels, channelsWithGaps: dbCheck.with_gaps, storedMessages: dbCheck.messages, ackedIncludingWarmup: acked.length + warmAcked },
        partyEchoes: partyEchoes.n,
      };
      const c = out.correctness;
      c.ok =
        c.deliveredExactlyOnce === c.acked &&
        c.deliveredMoreThanOnce === 0 &&
        c.unknownDeliveries === 0 &&
        c.channelsWithAckSeqGaps === 0 &&
        c.db.channelsWithGaps === 0 &&
        c.outOfOrderAtMediator === 0;
      log(`${tag}: correctness ${c.ok ? 'OK' : 'FAILED'} ${JSON.stringify(c)}`);
    }
    // ---- decomposition (information): the API's own store statement (message-store.js), through a
    // plain pg Pool of POOL, unpaced, on the same database and channels: how much of P2 is the SQL,
    // one message a statement and STATEMENT_BATCH a statement (what group commit makes of a burst).
    {
      const storeJs = join(DIST, 'mediation/message-store.js');
      const sql = !two && existsSync(storeJs) ? require(storeJs).STORE_MESSAGES_SQL : null;
      if (sql) {
        out.sendStatementAlone = [];
        const pool = quiet(new Pool({ connectionString: db.url, max: POOL }));
        try {
          await Promise.all(Array.from({ length: POOL }, () => pool.query('SELECT 1')));
          for (const size of [1, STATEMENT_BATCH]) {
            await waitQuiet(`store statement alone, ${size} a statement`, server, db.name);
            const lat = [];
            let errors = 0;
            let rr = 0;
            const cpu = await cpuWindow(server, db.name);
            const start = now();
            const until = start + SECONDS * 1000;
            await Promise.all(
              Array.from({ length: POOL }, async () => {
                for (let i = 0; i < 1e6 && now() < until; i++) {
                  const picked = [];
                  for (let tries = 0; tries < ready.length && picked.length < size; tries++) {
                    const x = ready[rr++ % ready.length];
                    if (!x.busy) picked.push(x);
                  }
                  if (!picked.length) {
                    await sleep(1);
                    continue;
                  }
                  for (const c of picked) c.busy = true;
                  const json = JSON.stringify(
                    picked.map((c, o) => ({
                      o,
                      channel_id: c.channelId,
                      sender_id: c.party.userId,
                      client_id: randomUUID(),
                      sender_role: 'party',
                      kind: 'text',
                      body: body(i),
                      concession: false,
                      document_id: null,
                      shared_from_message_id: null,
                      created_at: new Date().toISOString(),
                    })),
                  );
                  const t = now();
                  try {
                    const r = await pool.query({ name: 'bench_store', text: sql, values: [json] });
                    const ms = now() - t;
                    for (let k = 0; k < r.rows.length; k++) lat.push(ms);
                  } catch {
                    errors++;
                  } finally {
                    for (const c of picked) c.busy = false;
                  }
                }
              }),
            );
            const x = { batch: size, ...throughput(POOL, lat, errors, (now() - start) / 1000, await cpu()) };
            out.sendStatementAlone.push(x);
            log(`${tag}: the store statement alone, ${size} a statement → ${x.rowsPerSecond} rows/s, PostgreSQL CPU ${x.postgresCpuMsPerRow} ms a row`);
          }
        } finally {
          await pool.end();
        }
      }
    }
  } finally {
    closeAll(allSockets);
    await sleep(500);
    await Promise.all(servers.map((x) => x.stop()));
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
    live.tmpDirs.delete(dataDir);
  }
  return out;
}

// ---------------------------------------------------------------- report
function evaluate(r) {
  const A = r.baselineRelay;
  const B = r.baselineInsert;
  const T = r.tiaojie;
  const a200 = A?.runs?.[0];
  const aHigh = A?.runs?.[1];
  const met = (x) => (x === null || x === undefined ? 'n/a' : x ? 'met' : 'NOT met');
  /** @type {any[]} */
  const rows = [];
  const p1Floor = a200 && B?.paced ? a200.latencyMs.p99 + B.paced.latencyMs.p99 : null;
  const p1 = T?.p1;
  rows.push({
    id: 'P1',
    measure: `send → stored → mediator's \`message:new\`, p99 (${N} sockets, ${RATE} msgs/s)`,
    baseline: p1Floor === null ? 'n/a' : `relay p99 ${a200.latencyMs.p99} + INSERT p99 ${B.paced.latencyMs.p99} = ${round(p1Floor)} ms`,
    value: p1 ? `${p1.deliveryLatencyMs.p99} ms` : 'n/a',
    target: p1Floor === null ? '≤ 1.5 × floor' : `≤ ${round(1.5 * p1Floor)} ms (1.5 × floor)`,
    met: p1 && p1Floor !== null ? met(p1.deliveryLatencyMs.p99 !== null && p1.deliveryLatencyMs.p99 <= 1.5 * p1Floor && p1.acked === p1.offered) : 'n/a',
    windows: [
      [`relay ${RATE}/s`, a200?.cpu],
      ['INSERT paced', B?.paced?.cpu],
      ['P1', p1?.cpu],
    ],
  });
  rows.push({
    id: 'P1',
    measure: 'same, p50 (p95)',
    baseline: a200 && B?.paced ? `relay p50 ${a200.latencyMs.p50}, INSERT p50 ${B.paced.latencyMs.p50} ms` : 'n/a',
    value: p1 ? `${p1.deliveryLatencyMs.p50} ms (p95 ${p1.deliveryLatencyMs.p95})` : 'n/a',
    target: '≤ 3 ms',
    met: p1 ? met(p1.deliveryLatencyMs.p50 !== null && p1.deliveryLatencyMs.p50 <= 3) : 'n/a',
    windows: [['P1', p1?.cpu]],
  });
  rows.push({
    id: '(P1)',
    measure: 'ack latency at the sender, p50 / p95 / p99',
    baseline: '—',
    value: p1 ? `${p1.ackLatencyMs.p50} / ${p1.ackLatencyMs.p95} / ${p1.ackLatencyMs.p99} ms` : 'n/a',
    target: '(information)',
    met: '—',
  });
  const p2 = T?.p2;
  const bRate = B?.unpaced?.rowsPerSecond ?? null;
  rows.push({
    id: 'P2',
    measure: `sustained acked-and-delivered msgs/s (${p2 ? p2.senders : PAIRS} senders ≤ ${FLOOD_RATE}/s each)`,
    baseline: bRate === null ? 'n/a' : `raw INSERT, pool ${POOL}: ${bRate} rows/s`,
    value: p2 ? `${p2.ackedAndDeliveredPerSecond}/s${bRate ? ` (${Math.round((100 * p2.ackedAndDeliveredPerSecond) / bRate)}%)` : ''}` : 'n/a',
    target: bRate === null ? '≥ 50%' : `≥ ${Math.round(bRate / 2)}/s (50%)`,
    met: p2 && bRate !== null ? met(p2.ackedAndDeliveredPerSecond >= bRate / 2) : 'n/a',
    windows: [
      ['INSERT unpaced', B?.unpaced?.cpu],
      ['P2', p2?.cpu],
    ],
  });
  for (const alone of T?.sendStatementAlone ?? []) {
    rows.push({
      id: '(P2)',
      measure: `the API's store statement alone (dup probe / counter UPDATE / INSERT), ${alone.batch} message${alone.batch > 1 ? 's' : ''} a statement, pg Pool ${POOL}, unpaced`,
      baseline: bRate === null ? 'n/a' : `${bRate} rows/s; PostgreSQL CPU ${B.unpaced.postgresCpuMsPerRow ?? '?'} ms a row`,
      value: `${alone.rowsPerSecond} rows/s${bRate ? ` (${Math.round((100 * alone.rowsPerSecond) / bRate)}%)` : ''}; PostgreSQL CPU ${alone.postgresCpuMsPerRow ?? '?'} ms a row`,
      target: '(information: how much of P2 is the SQL)',
      met: '—',
    });
  }
  const relayMsg = A?.runs?.[1]?.serverCpuMsPerMessage ?? null;
  rows.push({
    id: '(P2)',
    measure: 'server process CPU per message',
    baseline: relayMsg === null ? 'n/a' : `bare relay at ${HIGH_RATE}/s: ${relayMsg} ms`,
    value: p2 ? `${p2.serverCpuMsPerMessage} ms in P2 (${T.p1?.serverCpuMsPerMessage ?? '?'} ms in P1)` : 'n/a',
    target: '(information)',
    met: '—',
  });
  const T2 = r.tiaojieTwo;
  if (T2 || P6) {
    const one = p1?.deliveryLatencyMs?.p99 ?? null;
    const two = T2?.p1?.deliveryLatencyMs?.p99 ?? null;
    rows.push({
      id: 'P6',
      measure: `two API processes + Redis, parties on one and mediators on the other: P1 p99 (${RATE} msgs/s)`,
      baseline: one === null ? 'n/a' : `one process: ${one} ms`,
      value: two === null ? 'n/a' : `${two} ms${one ? ` (${round(two / one)}×); p50 ${T2.p1.deliveryLatencyMs.p50} ms` : ''}`,
      target: one === null ? '≤ 1.1 × one process' : `≤ ${round(1.1 * one)} ms (1.1×)`,
      met: one !== null && two !== null ? met(two <= 1.1 * one && T2.p1.acked === T2.p1.offered) : 'n/a',
      windows: [
        ['P1', p1?.cpu],
        ['P6 P1', T2?.p1?.cpu],
      ],
    });
    const oneRate = p2?.ackedAndDeliveredPerSecond ?? null;
    const twoRate = T2?.p2?.ackedAndDeliveredPerSecond ?? null;
    rows.push({
      id: '(P6)',
      measure: 'same, sustained acked-and-delivered msgs/s (P2 load)',
      baseline: oneRate === null ? 'n/a' : `one process: ${oneRate}/s`,
      value: twoRate === null ? 'n/a' : `${twoRate}/s${oneRate ? ` (${round(twoRate / oneRate)}×)` : ''}`,
      target: '(information)',
      met: '—',
    });
    const c2 = T2?.correctness;
    rows.push({
      id: '(P6) ✓',
      measure: 'same, every acked message delivered exactly once across the processes; gap-free; in order',
      baseline: '—',
      value: c2
        ? `${c2.deliveredExactlyOnce}/${c2.acked} exactly once, ${c2.deliveredMoreThanOnce} dup, ${c2.channelsWithAckSeqGaps + c2.db.channelsWithGaps} gaps, ${c2.outOfOrderAtMediator} out of order`
        : 'n/a',
      target: 'all',
      met: c2 ? met(c2.ok) : 'n/a',
    });
  }
  const aKb = A?.memory?.kbPerSocket ?? null;
  const tKb = T?.memory?.kbPerSocket ?? null;
  rows.push({
    id: 'P4',
    measure: 'server RSS per idle socket (authenticated and joined for Tiaojie)',
    baseline: aKb === null ? 'n/a' : `bare socket.io: ${aKb} KB`,
    value: tKb === null ? 'n/a' : `${tKb} KB${aKb ? ` (${round(tKb / aKb)}×)` : ''}`,
    target: aKb === null ? '≤ 1.5 × baseline' : `≤ ${round(1.5 * aKb, 1)} KB (1.5×)`,
    met: tKb !== null && aKb !== null ? met(tKb <= 1.5 * aKb) : 'n/a',
  });
  rows.push({ id: '(P4)', measure: "same, the issue's absolute target", baseline: '—', value: tKb === null ? 'n/a' : `${tKb} KB`, target: '≤ 60 KB', met: tKb === null ? 'n/a' : met(tKb <= 60) });
  const c = T?.correctness;
  rows.push({
    id: '✓',
    measure: 'every acked message delivered to the mediator exactly once; per-channel seqs gap-free (acks and database), in order',
    baseline: '—',
    value: c
      ? `${c.deliveredExactlyOnce}/${c.acked} exactly once, ${c.deliveredMoreThanOnce} dup, ${c.channelsWithAckSeqGaps + c.db.channelsWithGaps} gaps, ${c.outOfOrderAtMediator} out of order`
      : 'n/a',
    target: 'all',
    met: c ? met(c.ok) : 'n/a',
  });
  rows.push({
    id: '(A)',
    measure: `bare relay at ${HIGH_RATE} msgs/s, p50 / p99`,
    baseline: aHigh ? `${aHigh.latencyMs.p50} / ${aHigh.latencyMs.p99} ms` : 'n/a',
    value: '—',
    target: '(floor)',
    met: '—',
  });
  // A verdict resting on a window in which other processes took ≥ BUSY_CORES cores is flagged.
  for (const row of rows) {
    const busy = (row.windows ?? []).filter(([, c]) => c && c.otherCores >= BUSY_CORES).map(([name, c]) => `${name} ${c.otherCores}`);
    delete row.windows;
    if (busy.length && (row.met === 'met' || row.met === 'NOT met')) {
      row.hostBusy = busy;
      row.met += ' *';
    }
  }
  return rows;
}

function markdown(r, rows) {
  const A = r.baselineRelay;
  const B = r.baselineInsert;
  const T = r.tiaojie;
  const cpu = (x) =>
    x
      ? `${x.serverEventLoopUtilization === null ? '' : `server ${x.serverCores}, `}bench clients ${x.benchClientCores}, PostgreSQL (this database) ${x.postgresCores ?? '?'}, other processes ${x.otherCores}; whole machine ${x.machineCores} of ${x.ofCores} cores${x.serverEventLoopUtilization === null ? '' : ` (server event loop ${Math.round(100 * x.serverEventLoopUtilization)}% busy${x.serverGc ? `; GC ${x.serverGc.pauses} pauses (${x.serverGc.major} major), ${x.serverGc.totalMs} ms in all, longest ${x.serverGc.maxMs} ms` : ''})`}`
      : 'n/a';
  const lines = [
    `# Real-time separate sessions benchmark (${r.when})`,
    '',
    `${N} websocket clients (${PAIRS} pairs / cases) on 127.0.0.1, ${RATE} msgs/s, ${SECONDS} s per measured run, 80-byte bodies; servers in child processes, clients in the bench process; ${r.machine.cpus} cores, Node ${process.versions.node}, ${r.baselineInsert?.postgres?.version?.split(' ').slice(0, 2).join(' ') ?? 'PostgreSQL'} (fsync ${B?.postgres?.settings?.fsync ?? '?'}, synchronous_commit ${B?.postgres?.settings?.synchronous_commit ?? '?'}); open-file limit ${r.ulimit ?? 'unknown'}. Targets from bench/README.md; every baseline measured in this run, in ${r.seconds} s.`,
    '',
    'Latency is taken in the bench process on one clock (relay: send → the paired socket receives; Tiaojie: `message:send` → the mediator receives `message:new`). RSS per socket = (server RSS with every socket open and idle − RSS before any socket) / sockets, both after GC and after a 10-pair warm-up. P2 counts messages both acknowledged to the sender and delivered to the mediator.',
    '',
    '| id | measure | baseline | Tiaojie | target | met? |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map((x) => `| ${x.id} | ${x.measure} | ${x.baseline} | ${x.value} | ${x.target} | ${x.met} |`),
    '',
    ...(rows.some((x) => x.hostBusy)
      ? [
          `\\* Unreliable verdict: other processes on this shared host took ≥ ${BUSY_CORES} cores during a window it rests on (${rows
            .filter((x) => x.hostBusy)
            .map((x) => `${x.id}: ${x.hostBusy.join(', ')} cores`)
            .join('; ')}). Baselines and Tiaojie were not measured under the same load; rerun on a quiet host.`,
          '',
        ]
      : []),
    '## Details',
    '',
  ];
  if (A) {
    lines.push(
      `- **A, bare socket.io relay**: ${A.connected}/${N} connected (connect p50 ${A.connectMs.p50} ms); RSS ${A.memory.rssBeforeMB} → ${A.memory.rssAfterMB} MB (${A.memory.kbPerSocket} KB/socket, heap ${A.memory.heapKbPerSocket} KB/socket).`,
      ...A.runs.map(
        (x) =>
          `  - ${x.rate} msgs/s: ${x.received}/${x.sent} received, latency p50 ${x.latencyMs.p50} / p95 ${x.latencyMs.p95} / p99 ${x.latencyMs.p99} / max ${x.latencyMs.max} ms; server CPU ${x.serverCpuMsPerMessage} ms a message; CPU: ${cpu(x.cpu)}.`,
      ),
    );
  }
  if (B) {
    lines.push(
      `- **B, raw INSERT** (pool ${POOL}): paced ${B.paced.rate}/s → p50 ${B.paced.latencyMs.p50} / p95 ${B.paced.latencyMs.p95} / p99 ${B.paced.latencyMs.p99} ms; unpaced → ${B.unpaced.rowsPerSecond} rows/s (p50 ${B.unpaced.latencyMs.p50}, p99 ${B.unpaced.latencyMs.p99} ms; PostgreSQL CPU ${B.unpaced.postgresCpuMsPerRow ?? '?'} ms a row; CPU: ${cpu(B.unpaced.cpu)}).`,
    );
  }
  if (T) {
    lines.push(
      `- **Tiaojie**: API up in ${T.startSeconds} s (migrations included); ${T.connected}/${N} connected (handshake p50 ${T.connectMs?.p50} / p99 ${T.connectMs?.p99} ms), ${T.joined}/${N} joined (\`case:join\` p50 ${T.joinMs?.p50} / p99 ${T.joinMs?.p99} ms), all in ${T.connectAndJoinSeconds} s.`,
    );
    if (T.memory) lines.push(`  - RSS ${T.memory.rssBeforeMB} → ${T.memory.rssAfterMB} MB (${T.memory.kbPerSocket} KB/socket, heap ${T.memory.heapKbPerSocket} KB/socket).`);
    if (T.idle) lines.push(`  - Idle, every socket joined, no message (${IDLE_MS / 1000} s): ${cpu(T.idle)}.`);
    if (T.p1)
      lines.push(
        `  - P1: ${T.p1.acked}/${T.p1.offered} acked (errors ${JSON.stringify(T.p1.ackErrors)}), ${T.p1.deliveredToMediator} delivered; delivery p50 ${T.p1.deliveryLatencyMs.p50} / p95 ${T.p1.deliveryLatencyMs.p95} / p99 ${T.p1.deliveryLatencyMs.p99} / max ${T.p1.deliveryLatencyMs.max} ms; ack p50 ${T.p1.ackLatencyMs.p50} / p99 ${T.p1.ackLatencyMs.p99} ms; CPU a message: API ${T.p1.serverCpuMsPerMessage} ms, PostgreSQL ${T.p1.postgresCpuMsPerMessage ?? '?'} ms; CPU: ${cpu(T.p1.cpu)}.`,
      );
    if (T.p2)
      lines.push(
        `  - P2: ${T.p2.senders} parties, ceiling ${T.p2.ceilingPerSecond}/s by the flood limit; ${T.p2.acked}/${T.p2.sent} acked (errors ${JSON.stringify(T.p2.ackErrors)}) in ${T.p2.seconds} s → ${T.p2.ackedAndDeliveredPerSecond}/s; delivery p50 ${T.p2.deliveryLatencyMs.p50} / p99 ${T.p2.deliveryLatencyMs.p99} ms, ack p50 ${T.p2.ackLatencyMs.p50} / p99 ${T.p2.ackLatencyMs.p99} ms; CPU a message: API ${T.p2.serverCpuMsPerMessage} ms, PostgreSQL ${T.p2.postgresCpuMsPerMessage ?? '?'} ms; CPU: ${cpu(T.p2.cpu)}.`,
      );
    for (const x of T.sendStatementAlone ?? []) {
      lines.push(
        `  - The API's store statement alone, ${x.batch} a statement, through a pg Pool of ${x.clients}, unpaced, same database: ${x.rowsPerSecond} rows/s (statement p50 ${x.latencyMs.p50}, p99 ${x.latencyMs.p99} ms; PostgreSQL CPU ${x.postgresCpuMsPerRow ?? '?'} ms a row; CPU: ${cpu(x.cpu)}).`,
      );
    }
    if (T.correctness) lines.push(`  - Correctness: ${JSON.stringify(T.correctness)}.`);
  }
  const T2 = r.tiaojieTwo;
  if (T2) {
    lines.push(
      `- **P6, two API processes behind Redis** (parties on one, mediators on the other): up in ${T2.startSeconds} s; ${T2.connected}/${N} connected, ${T2.joined}/${N} joined in ${T2.connectAndJoinSeconds} s.`,
    );
    if (T2.idle) lines.push(`  - Idle, every socket joined, no message (${IDLE_MS / 1000} s): ${cpu(T2.idle)}.`);
    if (T2.p1)
      lines.push(
        `  - P1 load: ${T2.p1.acked}/${T2.p1.offered} acked, ${T2.p1.deliveredToMediator} delivered; delivery p50 ${T2.p1.deliveryLatencyMs.p50} / p95 ${T2.p1.deliveryLatencyMs.p95} / p99 ${T2.p1.deliveryLatencyMs.p99} ms; ack p50 ${T2.p1.ackLatencyMs.p50} / p99 ${T2.p1.ackLatencyMs.p99} ms; CPU a message: both API processes ${T2.p1.serverCpuMsPerMessage} ms, PostgreSQL ${T2.p1.postgresCpuMsPerMessage ?? '?'} ms; CPU: ${cpu(T2.p1.cpu)}.`,
      );
    if (T2.p2)
      lines.push(
        `  - P2 load: ${T2.p2.acked}/${T2.p2.sent} acked in ${T2.p2.seconds} s → ${T2.p2.ackedAndDeliveredPerSecond}/s; delivery p50 ${T2.p2.deliveryLatencyMs.p50} / p99 ${T2.p2.deliveryLatencyMs.p99} ms; CPU a message: both API processes ${T2.p2.serverCpuMsPerMessage} ms; CPU: ${cpu(T2.p2.cpu)}.`,
      );
    if (T2.correctness) lines.push(`  - Correctness: ${JSON.stringify(T2.correctness)}.`);
  }
  if (r.errors.length) lines.push('', '## Errors', '', ...r.errors.map((e) => `- ${e}`));
  if (r.notes.length) lines.push('', '## Notes', '', ...r.notes.map((e) => `- ${e}`));
  lines.push('');
  return lines.join('\n');
}

function observations(r) {
  const notes = [];
  const T = r.tiaojie;
  const A = r.baselineRelay;
  if (r.machine.cpus <= 2) {
    notes.push(
      `This machine has ${r.machine.cpus} cores shared by the server child, the ${N} clients in the bench process and PostgreSQL; the CPU lines above show how busy each was. Latency figures include the client process's own event-loop delay (it is the same for the baseline relay).`,
    );
  }
  if (T?.p2) {
    const c = T.p2.cpu;
    if (T.p2.ackedAndDeliveredPerSecond >= 0.95 * T.p2.ceilingPerSecond)
      notes.push(`P2 reached the ceiling set by the flood limit (${T.p2.senders} senders × ${FLOOD_RATE}/s): run with more sockets to find the API's limit.`);
    else if (c.serverEventLoopUtilization >= 0.9 && c.serverCores >= 0.8)
      notes.push(
        `During P2 the API process used ${c.serverCores} cores with its event loop ${Math.round(100 * c.serverEventLoopUtilization)}% busy: the single Node process is the bottleneck (${T.p2.serverCpuMsPerMessage} ms of API CPU a message, against ${A?.runs?.[1]?.serverCpuMsPerMessage ?? '?'} ms for the bare relay).`,
      );
    else if (c.machineCores >= 0.9 * c.ofCores)
      notes.push(
        `During P2 the machine was saturated (${c.machineCores} of ${c.ofCores} cores: API ${c.serverCores}, PostgreSQL ${c.postgresCores}, clients ${c.benchClientCores}, other processes ${c.otherCores}); the API's event loop was ${Math.round(100 * c.serverEventLoopUtilization)}% busy but got only ${c.serverCores} cores, so the sustained figure is bound by CPU on this host.`,
      );
  }
  if (T?.p1?.cpu && T.p1.cpu.serverEventLoopUtilization >= 0.8)
    notes.push(
      `During P1 (only ${RATE} msgs/s) the API's event loop was ${Math.round(100 * T.p1.cpu.serverEventLoopUtilization)}% busy on ${T.p1.cpu.serverCores} cores of CPU: messages queued in the process, which is what the P1 latency shows.`,
    );
  if (r.quietWaits?.length) {
    const waited = r.quietWaits.reduce((a, q) => a + q.waitedSeconds, 0);
    const busy = r.quietWaits.filter((q) => !q.quiet);
    notes.push(
      `Before each measured window the bench waited for other processes to use < ${QUIET_CORES} cores (${round(waited, 1)} s in all, budget ${QUIET_WAIT_S} s)${busy.length ? `; still busy before ${busy.map((q) => `${q.before} (${q.otherCores} cores)`).join(', ')}` : '; every window started on a quiet host'}.`,
    );
  }
  if (r.pgConnectionErrors) notes.push(`The bench's own PostgreSQL connections saw ${r.pgConnectionErrors.count} connection error(s): ${r.pgConnectionErrors.messages.join('; ')}.`);
  if (r.hostBefore && r.hostBefore.otherCores >= 0.3) notes.push(`Before the run, other processes already kept ${r.hostBefore.otherCores} of ${r.hostBefore.ofCores} cores busy.`);
  if (A?.runs?.[0]?.cpu) {
    const c = A.runs[0].cpu;
    const light = c.serverCores + c.benchClientCores < 0.5;
    notes.push(
      `${N} sockets on ${r.machine.cpus} cores: at ${RATE} msgs/s the bare relay server used ${c.serverCores} cores and the ${N} clients ${c.benchClientCores} cores, so ${light ? `${N} sockets are not by themselves too heavy for this machine; what disturbs the figures is CPU taken by other processes (below)` : `${N} sockets already weigh on this machine`}.`,
    );
  }
  if (A?.runs?.[1] && A.runs[1].latencyMs.p99 > 10 * A.runs[0].latencyMs.p99)
    notes.push(`The bare relay's p99 at ${HIGH_RATE} msgs/s is ${round(A.runs[1].latencyMs.p99 / A.runs[0].latencyMs.p99, 1)}× its p99 at ${RATE} msgs/s: at that rate the 2-core host queues.`);
  if (T?.correctness?.partyEchoes)
    notes.push(
      `The sender's own socket also received ${T.correctness.partyEchoes} \`message:new\` events for the messages it sent (the gateway emits to the whole channel room, sender included, besides acking with the same message).`,
    );
  const windows = [...(A?.runs ?? []).map((x) => [`relay ${x.rate}/s`, x.cpu]), ['P1', T?.p1?.cpu], ['P2', T?.p2?.cpu]].filter(([, c]) => c);
  const busiest = windows.reduce((m, w) => (w[1].otherCores > (m?.[1].otherCores ?? 0) ? w : m), null);
  if (busiest && busiest[1].otherCores >= 0.2)
    notes.push(
      `Other processes on the host (not the bench, the servers or PostgreSQL) used up to ${busiest[1].otherCores} cores during a measured window (${busiest[0]}); load average ${r.machine.loadAvgStart.map((x) => round(x, 1)).join(', ')} at the start, ${r.machine.loadAvgEnd.map((x) => round(x, 1)).join(', ')} at the end. Figures from a shared host are noisier than from an idle one.`,
    );
  if (r.ulimit !== null && r.ulimit < 2 * N + 500) notes.push(`Open-file limit ${r.ulimit} is low for ${N} client sockets plus ${N} server sockets; raise ulimit -n.`);
  return notes;
}

// ---------------------------------------------------------------- main
async function cleanup() {
  closeAll([...live.sockets]);
  for (const c of live.children) {
    try {
      c.kill('SIGKILL');
    } catch {
      /* gone */
    }
  }
  for (const db of [...live.dbs]) await Promise.race([db.drop().catch(() => undefined), sleep(5000)]);
  for (const d of live.tmpDirs) rmSync(d, { recursive: true, force: true });
}

(async () => {
  const watchdog = setTimeout(async () => {
    console.error(`watchdog: the run exceeded ${WATCHDOG_S} s; cleaning up`);
    await cleanup();
    process.exit(1);
  }, WATCHDOG_S * 1000);
  watchdog.unref();
  for (const sig of ['SIGINT', 'SIGTERM']) process.once(sig, () => cleanup().finally(() => process.exit(130)));
  let ulimit = null;
  try {
    ulimit = Number(execSync('sh -c "ulimit -n"').toString().trim()) || null;
  } catch {
    /* unknown */
  }
  /** @type {any} */
  const results = {
    when: new Date().toISOString(),
    config: { sockets: N, rate: RATE, highRate: HIGH_RATE, seconds: SECONDS, pool: POOL, floodRatePerSocket: FLOOD_RATE, bodyBytes: BODY_LEN, database: new URL(BASE).host },
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memoryMB: Math.round(os.totalmem() / 2 ** 20), node: process.versions.node, loadAvgStart: os.loadavg() },
    ulimit,
    errors: [],
    notes: [],
  };
  if (ulimit !== null && ulimit < 2 * N + 500) log(`warning: ulimit -n is ${ulimit}; ${N} client + ${N} server sockets may not fit`);
  {
    const cpu = await cpuWindow(null);
    await sleep(2000);
    results.hostBefore = await cpu();
    log(
      `host before the run: ${results.hostBefore.machineCores} of ${results.hostBefore.ofCores} cores busy (PostgreSQL ${results.hostBefore.postgresCores}, others ${results.hostBefore.otherCores})`,
    );
  }
  const t0 = Date.now();
  for (const [key, fn] of /** @type {Array<[string, () => Promise<any>]>} */ ([
    ['baselineRelay', baselineRelay],
    ['baselineInsert', baselineInsert],
    ['tiaojie', tiaojie],
    ...(P6 ? /** @type {Array<[string, () => Promise<any>]>} */ ([['tiaojieTwo', () => tiaojie({ processes: 2 })]]) : []),
  ])) {
    if (PHASES.length && !PHASES.includes(key)) continue;
    try {
      results[key] = await fn();
    } catch (e) {
      log(`${key} failed:`, e);
      results.errors.push(`${key}: ${e.message}`);
      if (partial[key]) results[key] = { ...partial[key], failed: e.message };
    }
  }
  await cleanup();
  results.seconds = round((Date.now() - t0) / 1000, 1);
  results.quietWaits = quietLog;
  results.pgConnectionErrors = pgErrors.length ? { count: pgErrors.length, messages: [...new Set(pgErrors)] } : null;
  results.machine.loadAvgEnd = os.loadavg();
  let md;
  try {
    results.targets = evaluate(results);
    results.notes = observations(results);
    md = markdown(results, results.targets);
  } catch (e) {
    // A phase that failed half-way can leave figures the report expects: say so rather than crash.
    results.errors.push(`report: ${e.message}`);
    md = [
      `# Real-time separate sessions benchmark (${results.when})`,
      '',
      'The run did not complete; see bench/results/realtime.json.',
      '',
      '## Errors',
      '',
      ...results.errors.map((x) => `- ${x}`),
      '',
    ].join('\n');
  }
  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'realtime.json'), JSON.stringify(results, null, 2));
  writeFileSync(join(dir, 'realtime.md'), md);
  console.log(md);
  process.exit(results.errors.length ? 1 : 0);
})().catch(async (e) => {
  console.error(e);
  await cleanup();
  process.exit(1);
});
