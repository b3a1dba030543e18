#!/usr/bin/env node
// @ts-check
/**
 * Server half of bench/realtime.js, run as a CHILD process (child_process.fork) so that its
 * RSS and CPU are its own. Two modes, chosen by argv[2]:
 *
 *   relay  a bare socket.io 4.8 server: each socket joins the room named by its `room` query
 *          parameter, and every `msg` it sends is forwarded to the rest of that room. No auth,
 *          no persistence. The floor under the API's socket path.
 *   api    the BUILT Tiaojie API (dist/apps/api/apps/api/src), configured from this process's
 *          environment (the parent sets DATABASE_URL, JWT_SECRET, …), listening on 127.0.0.1:0.
 *
 * IPC protocol (parent ⇄ child):
 *   child → {type:'ready', port}            once listening
 *   child → {type:'error', message}         if start-up failed (then it exits 1)
 *   parent → {type:'stats', id, gc}         child → {type:'stats', id, …memory, cpu, elu, gc pauses since the last call}
 *   parent → {type:'heapSnapshot', id, dir, tag} child → {type:'heapSnapshot', id, file} (diagnostics)
 *   parent → {type:'stop'}                  child closes and exits 0
 * The child also exits if the parent goes away (IPC disconnect), so it never outlives a run.
 */
const { createServer } = require('node:http');
const { join } = require('node:path');
const { performance, PerformanceObserver } = require('node:perf_hooks');

const mode = process.argv[2];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let closeServer = async () => undefined;
let eluStart = performance.eventLoopUtilization();
// GC pauses since the last stats call (the bench's windows): count, total and longest, by kind.
const GC_KINDS = { 1: 'minor', 2: 'major', 4: 'incremental', 8: 'weakcb' };
let gcTotals = { count: 0, totalMs: 0, maxMs: 0, minor: 0, major: 0 };
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    const kind = GC_KINDS[/** @type {any} */ (e).detail?.kind] ?? 'other';
    gcTotals.count++;
    gcTotals.totalMs += e.duration;
    gcTotals.maxMs = Math.max(gcTotals.maxMs, e.duration);
    if (kind === 'minor') gcTotals.minor++;
    if (kind === 'major') gcTotals.major++;
  }
}).observe({ entryTypes: ['gc'] });

async function stats(withGc) {
  if (withGc && typeof global.gc === 'function') {
    // Several passes with a pause: what is left is what the sockets hold.
    for (let i = 0; i < 3; i++) {
      global.gc();
      await sleep(100);
    }
  }
  const m = process.memoryUsage();
  const elu = performance.eventLoopUtilization(eluStart);
  eluStart = performance.eventLoopUtilization();
  const gc = gcTotals;
  gcTotals = { count: 0, totalMs: 0, maxMs: 0, minor: 0, major: 0 };
  return {
    gc,
    rss: m.rss,
    heapUsed: m.heapUsed,
    heapTotal: m.heapTotal,
    external: m.external,
    arrayBuffers: m.arrayBuffers,
    cpu: process.cpuUsage(),
    eventLoopUtilization: elu.utilization,
    at: Date.now(),
  };
}

async function startRelay() {
  const { Server } = require('socket.io');
  const http = createServer();
  // Same engine defaults as the API's gateway (polling allowed, no client served); clients use websocket.
  const io = new Server(http, { serveClient: false, maxHttpBufferSize: 1e6 });
  io.on('connection', (socket) => {
    const room = String(socket.handshake.query.room ?? '');
    socket.join(room);
    socket.on('msg', (m) => socket.to(room).emit('msg', m));
  });
  await new Promise((resolve) => http.listen(0, '127.0.0.1', () => resolve(undefined)));
  closeServer = async () => {
    io.disconnectSockets(true);
    await new Promise((r) => io.close(() => r(undefined)));
  };
  return /** @type {import('node:net').AddressInfo} */ (http.address()).port;
}

async function startApi() {
  const dist = process.env.BENCH_API_DIST || join(__dirname, '..', 'dist/apps/api/apps/api/src');
  const { createApp } = require(join(dist, 'bootstrap'));
  const { resolveConfig } = require(join(dist, 'config/app-config'));
  const { validateEnv } = require(join(dist, 'config/env'));
  const { SystemClock } = require(join(dist, 'common/clock'));
  const app = await createApp({ config: resolveConfig(validateEnv(process.env)), clock: new SystemClock() });
  await app.listen(0, '127.0.0.1');
  closeServer = async () => {
    await app.close();
  };
  return app.getHttpServer().address().port;
}

process.on('message', (/** @type {any} */ msg) => {
  if (!msg || typeof msg !== 'object') return;
  if (msg.type === 'stats') {
    stats(!!msg.gc).then((s) => process.send?.({ type: 'stats', id: msg.id, ...s }));
  } else if (msg.type === 'heapSnapshot') {
    // Diagnostics only (BENCH_HEAP_SNAPSHOT_DIR): where the per-socket memory goes.
    const file = require('node:v8').writeHeapSnapshot(join(msg.dir, `${mode}-${process.pid}-${msg.tag || 'snapshot'}.heapsnapshot`));
    process.send?.({ type: 'heapSnapshot', id: msg.id, file });
  } else if (msg.type === 'stop') {
    const force = setTimeout(() => process.exit(0), 10_000);
    force.unref();
    closeServer()
      .catch(() => undefined)
      .finally(() => process.exit(0));
  }
});
// Never outlive the bench.
process.on('disconnect', () => process.exit(0));

(mode === 'relay' ? startRelay() : mode === 'api' ? startApi() : Promise.reject(new Error(`unknown mode ${mode}`)))
  .then((port) => {
    eluStart = performance.eventLoopUtilization();
    process.send?.({ type: 'ready', port });
  })
  .catch((e) => {
    process.send?.({ type: 'error', message: (e && e.stack) || String(e) }, () => process.exit(1));
  });
