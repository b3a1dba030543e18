#!/usr/bin/env node
// CI drift check: on a fresh PostgreSQL database, run every migration, then ask TypeORM
// whether the entities need any change. "No changes" → exit 0; anything else → exit 1.
const { execFileSync } = require('node:child_process');
const { Client } = require('pg');
const path = require('node:path');

const base = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = `tj_migcheck_${process.pid}`;
const root = path.resolve(__dirname, '../../..');
const dataSource = path.join(root, 'dist/apps/api/apps/api/src/database/data-source.js');

(async () => {
  const admin = new Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = new URL(base);
  url.pathname = `/${dbName}`;
  const env = { ...process.env, DATABASE_URL: url.toString() };
  const typeorm = path.join(root, 'node_modules/typeorm/cli.js');
  let code = 0;
  try {
    execFileSync(process.execPath, [typeorm, 'migration:run', '-d', dataSource], { env, stdio: 'inherit' });
    execFileSync(process.execPath, [typeorm, 'migration:generate', '--check', '-d', dataSource, 'Drift'], { env, stdio: 'inherit' });
    console.log('migration check: entities and migrations agree');
  } catch (e) {
    console.error('migration check FAILED: entities and migrations disagree (see above)');
    code = 1;
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }
  process.exit(code);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
