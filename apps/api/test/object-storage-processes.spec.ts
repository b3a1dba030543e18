import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { LocalFileStorage } from '../src/documents/storage';
import { PNG } from './fixtures';
import { DEMO, loginAs, startTestApp } from './harness';
import { startS3, type TestS3 } from './s3-server';

const needs = process.env.DATABASE_URL ? describe : describe.skip;
const SRC = join(__dirname, '..', 'src');
const SWC = { SWC_NODE_PROJECT: join(__dirname, '..', 'tsconfig.spec.json') };

function freePort() {
  return new Promise<number>((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Runs a TypeScript entry point of the API as its own process; resolves with its exit code and output. */
function runScript(entry: string, env: Record<string, string>, args: string[] = []) {
  return new Promise<{ code: number | null; out: string }>((resolve) => {
    const child = spawn(process.execPath, ['-r', 'reflect-metadata', '-r', '@swc-node/register', join(SRC, entry), ...args], {
      env: { ...process.env, ...SWC, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

/**
 * Issue #14, "done when": two API processes — as on two hosts, each with its own DATA_DIR —
 * share PostgreSQL and the bucket (a real s3rver); a document uploaded through one is
 * downloaded through the other, the same bytes, after the same access check (R15).
 */
needs('object storage across processes (issue #14, needs PostgreSQL)', () => {
  let s3: TestS3;
  beforeAll(async () => {
    s3 = await startS3();
  });
  afterAll(async () => {
    await s3?.close();
  });

  it('a document uploaded through one API process is downloaded through the other, byte for byte', async () => {
    const secret = randomBytes(32).toString('base64');
    const idKey = randomBytes(32).toString('base64');
    const t = await startTestApp({ env: { ...s3.env, JWT_SECRET: secret, ID_ENCRYPTION_KEY: idKey } });
    const children: ChildProcess[] = [];
    const dirs: string[] = [];
    try {
      const url = (t.app.get(DataSource).options as { url: string }).url;
      // The processes run on the system clock: issue the tokens on it too.
      t.clock.set(new Date());
      const [applicant, respondent] = await Promise.all([loginAs(t, DEMO.citizen), loginAs(t, DEMO.citizen2)]);
      const ports = [await freePort(), await freePort()];
      for (const port of ports) {
        const dataDir = mkdtempSync(join(tmpdir(), 'tj-host-'));
        dirs.push(dataDir);
        const env = {
          ...process.env,
          ...SWC,
          ...s3.env,
          NODE_ENV: 'test',
          DATABASE_URL: url,
          REDIS_URL: '',
          JWT_SECRET: secret,
          ID_ENCRYPTION_KEY: idKey,
          SEED_DEMO: 'false',
          WEB_DIST: '',
          LOG_LEVEL: 'warn',
          DEADLINE_SCAN_SECONDS: '0',
          OUTBOX_POLL_MS: '0',
          DATA_DIR: dataDir,
          PORT: String(port),
          HOST: '127.0.0.1',
        };
        children.push(spawn(process.execPath, ['-r', 'reflect-metadata', '-r', '@swc-node/register', join(SRC, 'main.ts')], { env, stdio: ['ignore', 'ignore', 'inherit'] }));
      }
      for (const port of ports) {
        const until = Date.now() + 90_000;
        while (
          !(await fetch(`http://127.0.0.1:${port}/api/health/live`).then(
            (r) => r.ok,
            () => false,
          ))
        ) {
          if (Date.now() > until) throw new Error(`API process on ${port} did not start`);
          await new Promise((r) => setTimeout(r, 250));
        }
      }
      const [one, two] = ports.map((p) => `http://127.0.0.1:${p}`);
      const draft = await fetch(`${one}/api/cases`, {
        method: 'POST',
        headers: { authorization: applicant.auth, 'content-type': 'application/json' },
        body: JSON.stringify({
          disputeType: 'private_loan',
          facts: '借款两万元，逾期未还。',
          claims: { amount: '20000' },
          region: '330106',
          applicant: { name: '张三', mobile: DEMO.citizen, idNumber: '11010519491231002X', address: '杭州市西湖区文三路1号' },
          respondents: [{ name: '李四', mobile: DEMO.citizen2, address: '杭州市西湖区天目山路2号' }],
        }),
      });
      expect(draft.status).toBe(201);
      const caseId = ((await draft.json()) as { id: string }).id;
      // A PDF-sized payload, not just the 1×1 PNG: a real PNG header, then 300 kB of noise.
      const bytes = Buffer.concat([PNG, randomBytes(300_000)]);
      const form = new FormData();
      form.append('kind', 'evidence');
      form.append('file', new Blob([bytes], { type: 'image/png' }), '借条.png');
      const up = await fetch(`${one}/api/cases/${caseId}/documents`, { method: 'POST', headers: { authorization: applicant.auth }, body: form });
      expect(up.status).toBe(201);
      const docId = ((await up.json()) as { id: string }).id;

      const down = await fetch(`${two}/api/cases/${caseId}/documents/${docId}`, { headers: { authorization: applicant.auth } });
      expect(down.status).toBe(200);
      expect(Buffer.compare(Buffer.from(await down.arrayBuffer()), bytes)).toBe(0);
      // The same access check on the other process: another citizen gets 404.
      expect((await fetch(`${two}/api/cases/${caseId}/documents/${docId}`, { headers: { authorization: respondent.auth } })).status).toBe(404);
      // Neither "host" kept the file on its disk.
      for (const dir of dirs) expect(existsSync(join(dir, 'files')) ? readdirSync(join(dir, 'files')) : []).toEqual([]);
    } finally {
      for (const c of children) c.kill('SIGTERM');
      await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))));
      await t.close();
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);

  it('npm run storage:migrate copies the local files into the bucket under their keys, and a second run copies nothing', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tj-migrate-'));
    try {
      const local = new LocalFileStorage(join(dataDir, 'files'));
      const files = [PNG, randomBytes(1000), Buffer.from('%PDF-1.7 generated')];
      const keys = await Promise.all(files.map((f) => local.put(f)));
      const env = { ...s3.env, NODE_ENV: 'test', DATA_DIR: dataDir, DATABASE_URL: '', JWT_SECRET: randomBytes(32).toString('base64'), ID_ENCRYPTION_KEY: randomBytes(32).toString('base64') };
      const first = await runScript('storage-migrate.ts', env);
      expect(first.code).toBe(0);
      expect(first.out).toContain('"copied":3,"skipped":0');
      const inBucket = await s3.keys();
      for (const key of keys) expect(inBucket).toContain(key);
      const second = await runScript('storage-migrate.ts', env);
      expect(second.out).toContain('"copied":0,"skipped":3');
      // Without the bucket configured, the command refuses instead of copying nowhere.
      expect((await runScript('storage-migrate.ts', { ...env, STORAGE_DRIVER: 'local' })).code).toBe(78);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
