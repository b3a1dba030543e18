#!/usr/bin/env node
// @ts-check
/**
 * Server half of bench/scale.js, run as a CHILD process (child_process.fork) so that the load
 * generator's CPU is not the API's. It starts the BUILT Tiaojie API (createApp() + listen on
 * 127.0.0.1:0, configured from this process's environment) and adds, in the same process:
 *
 *   GET /bench/hello    a bare Express "hello world" on the same HTTP server, before Nest's
 *                       router (helmet, CORS, cookies and the request id still run): the floor.
 *
 * It also lets the parent capture the SQL the API runs (for the EXPLAIN check): TypeORM calls
 * its DataSource's logger for every query, whatever `logging` says, so the logger is swapped for
 * one that records (query, parameters) while capture is on. The hot send path that bypasses
 * TypeORM is not on the routes measured here.
 *
 * IPC protocol (parent ⇄ child):
 *   child → {type:'ready', port}           once listening
 *   child → {type:'error', message}        if start-up failed (then it exits 1)
 *   parent → {type:'capture', id, on}      child → {type:'capture', id, queries:[{query, parameters}]} (the queries since the last `on`)
 *   parent → {type:'stop'}                 child closes and exits 0
 */
const { join } = require('node:path');

let closeServer = async () => undefined;
/** @type {Array<{query: string, parameters: unknown[]}> | null} */
let captured = null;

async function start() {
  const dist = process.env.BENCH_API_DIST || join(__dirname, '..', 'dist/apps/api/apps/api/src');
  const { createApp } = require(join(dist, 'bootstrap'));
  const { resolveConfig } = require(join(dist, 'config/app-config'));
  const { validateEnv } = require(join(dist, 'config/env'));
  const { SystemClock } = require(join(dist, 'common/clock'));
  const { DataSource } = require('typeorm');
  const app = await createApp({ config: resolveConfig(validateEnv(process.env)), clock: new SystemClock() });
  // The floor: registered on the Express instance itself, so no guard, pipe or interceptor runs.
  app.getHttpAdapter().get('/bench/hello', (_req, res) => {
    res.json({ hello: 'world' });
  });
  await app.init();
  const ds = app.get(DataSource);
  const original = ds.logger;
  ds.logger = new Proxy(original, {
    get(target, prop) {
      if (prop === 'logQuery') {
        return (/** @type {string} */ query, /** @type {unknown[]} */ parameters) => {
          if (captured) captured.push({ query, parameters: parameters ?? [] });
        };
      }
      return Reflect.get(target, prop);
    },
  });
  await app.listen(0, '127.0.0.1');
  closeServer = async () => {
    await app.close();
  };
  return app.getHttpServer().address().port;
}

process.on('message', (/** @type {any} */ msg) => {
  if (!msg || typeof msg !== 'object') return;
  if (msg.type === 'capture') {
    const queries = captured ?? [];
    captured = msg.on ? [] : null;
    process.send?.({ type: 'capture', id: msg.id, queries });
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

start()
  .then((port) => process.send?.({ type: 'ready', port }))
  .catch((e) => {
    process.send?.({ type: 'error', message: (e && e.stack) || String(e) }, () => process.exit(1));
  });
