import type { CaseDetail, ErrorBody } from '@tiaojie/contracts';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get as httpGet, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import { User } from '../src/accounts/user.entity';
import { AuditLog } from '../src/audit/audit-log.entity';
import { PNG, type Login, assignedCase } from './fixtures';
import { DEMO, DEMO_PASSWORD, inviteTokenFor, loginAs, startTestApp, type TestApp } from './harness';

const PARTNER = 'https://partner.example.org';
const EVIL = 'https://evil.example.com';
const PUBLIC = 'https://tiaojie.example.gov.cn';
const cookieHeader = (res: Response) => ((res.headers['set-cookie'] as unknown as string[] | undefined) ?? []).map((c) => c.split(';')[0]).join('; ');
const codeOf = (res: Response) => (res.body as ErrorBody).code;

/** A built web client as `vite build` leaves it: hashed assets with their .gz and .br beside them. */
const BUNDLE = `console.log(${JSON.stringify('调解'.repeat(2000))});`;
function fakeWebDist(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tiaojie-web-'));
  mkdirSync(join(dir, 'assets'));
  const index = '<!doctype html><html><head><script type="module" src="/assets/x-hash.js"></script></head><body><div id="root"></div></body></html>';
  writeFileSync(join(dir, 'index.html'), index);
  writeFileSync(join(dir, 'index.html.gz'), gzipSync(index));
  writeFileSync(join(dir, 'index.html.br'), brotliCompressSync(index));
  writeFileSync(join(dir, 'assets', 'x-hash.js'), BUNDLE);
  writeFileSync(join(dir, 'assets', 'x-hash.js.gz'), gzipSync(BUNDLE));
  writeFileSync(join(dir, 'assets', 'x-hash.js.br'), brotliCompressSync(BUNDLE));
  writeFileSync(join(dir, 'assets', 'plain-hash.css'), 'body{margin:0}');
  return dir;
}

/** A GET as a browser sends it, with the bytes as they came over the wire (no decompression). */
function wire(t: TestApp, path: string, headers: Record<string, string>): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    httpGet(`${t.url}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

describe('headers and transport (integration, real database)', () => {
  let t: TestApp;
  let webDist: string;
  let applicant: Login, respondent: Login, dispatcher: Login, mediator: Login;
  /** 李四's web session (cookies), as the browser holds it. */
  let webCookie: string;
  /** A case where 李四 has claimed the invitation and not yet answered (R01, R12). */
  let pending: CaseDetail;

  beforeAll(async () => {
    webDist = fakeWebDist();
    t = await startTestApp({ env: { CORS_ORIGINS: PARTNER, PUBLIC_URL: `${PUBLIC}/`, WEB_DIST: webDist } });
    [applicant, respondent, dispatcher, mediator] = await Promise.all([loginAs(t, DEMO.citizen), loginAs(t, DEMO.citizen2), loginAs(t, DEMO.orgAdmin), loginAs(t, DEMO.mediator)]);
    const http = t.http;
    const c = await assignedCase(t, { applicant, dispatcher, mediator }, { addresses: false });
    const token = await inviteTokenFor(t, DEMO.citizen2, c.number);
    // A bodyless POST from an API client: no Content-Type, no Origin.
    await http().post(`/api/invitations/${token}/claim`).set('Authorization', respondent.auth).expect(201);

    const login = await http().post('/api/auth/login/password').set('Origin', t.url).send({ mobile: DEMO.citizen2, password: DEMO_PASSWORD }).expect(200);
    webCookie = cookieHeader(login);
    expect(webCookie).toContain('tj_at=');
    pending = (await http().get(`/api/cases/${c.id}`).set('Cookie', webCookie).expect(200)).body;
    expect(pending.parties.find((p) => p.isViewer)?.consent).toBe('pending');
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    if (webDist) rmSync(webDist, { recursive: true, force: true });
  });

  const profileName = async () => (await t.app.get(DataSource).getRepository(User).findOneByOrFail({ mobile: DEMO.citizen2 })).name;
  const consentNow = async () => ((await t.http().get(`/api/cases/${pending.id}`).set('Cookie', webCookie).expect(200)).body as CaseDetail).parties.find((p) => p.isViewer)?.consent;
  const profileAudits = () => t.app.get(DataSource).getRepository(AuditLog).countBy({ targetId: respondent.user.id, action: 'account.profile_updated' });
  const consentBody = () => JSON.stringify({ version: pending.version, consent: 'given', noticeSeen: true });

  describe('cross-site requests with the web cookie (R01: no consent recorded by another site)', () => {
    it('refuses a cross-site text/plain consent and a form-urlencoded one, and records nothing', async () => {
      const textPlain = await t.http().post(`/api/cases/${pending.id}/consent`).set('Cookie', webCookie).set('Origin', EVIL).set('Content-Type', 'text/plain').send(consentBody());
      expect(textPlain.status).toBe(403);
      expect(codeOf(textPlain)).toBe('ORIGIN_NOT_ALLOWED');
      const form = await t.http().post(`/api/cases/${pending.id}/consent`).set('Cookie', webCookie).set('Origin', EVIL).type('form').send(`version=${pending.version}&consent=given&noticeSeen=true`);
      expect(form.status).toBe(403);
      expect(codeOf(form)).toBe('ORIGIN_NOT_ALLOWED');
      const multipart = await t.http().post(`/api/cases/${pending.id}/consent`).set('Cookie', webCookie).set('Origin', EVIL).field('consent', 'given').field('noticeSeen', 'true');
      expect(multipart.status).toBe(403);
      expect(await consentNow()).toBe('pending');
    });

    it('refuses a cross-site profile change in any content type and changes nothing', async () => {
      const before = await profileName();
      const audits = await profileAudits();
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/json']) {
        const res = await t
          .http()
          .patch('/api/me')
          .set('Cookie', webCookie)
          .set('Origin', EVIL)
          .set('Content-Type', type)
          .send(type === 'application/x-www-form-urlencoded' ? 'name=evil' : '{"name":"evil"}');
        expect([type, res.status, codeOf(res)]).toEqual([type, 403, 'ORIGIN_NOT_ALLOWED']);
      }
      // The own host on another port, or a look-alike of the public address, is another origin.
      const port = await t.http().patch('/api/me').set('Cookie', webCookie).set('Origin', 'http://127.0.0.1:1').send({ name: 'evil' });
      expect(port.status).toBe(403);
      const look = await t.http().patch('/api/me').set('Cookie', webCookie).set('Origin', `${PUBLIC}.evil.example.com`).send({ name: 'evil' });
      expect(look.status).toBe(403);
      // An opaque origin (sandboxed frame, data: URL) is not ours either.
      const opaque = await t.http().patch('/api/me').set('Cookie', webCookie).set('Origin', 'null').send({ name: 'evil' });
      expect(opaque.status).toBe(403);
      expect(await profileName()).toBe(before);
      expect(await profileAudits()).toBe(audits);
    });

    it('checks the Referer of a cookie request that carries no Origin', async () => {
      const res = await t.http().patch('/api/me').set('Cookie', webCookie).set('Referer', `${EVIL}/attack.html`).send({ name: 'evil' });
      expect(res.status).toBe(403);
      expect(codeOf(res)).toBe('ORIGIN_NOT_ALLOWED');
      expect(await profileName()).not.toBe('evil');
      const own = await t.http().get('/api/me').set('Cookie', webCookie).set('Referer', `${EVIL}/x`).expect(200); // reads are not state changes
      expect(own.body.mobile).toBe(DEMO.citizen2);
    });

    it('does not let another site log the user out with a bodyless or text/plain POST', async () => {
      const bare = await t.http().post('/api/auth/logout').set('Cookie', webCookie).set('Origin', EVIL);
      expect(bare.status).toBe(403);
      const text = await t.http().post('/api/auth/logout').set('Cookie', webCookie).set('Origin', EVIL).set('Content-Type', 'text/plain').send('x');
      expect(text.status).toBe(403);
      await t.http().get('/api/me').set('Cookie', webCookie).expect(200);
    });
  });

  describe('content types of state-changing routes', () => {
    it('refuses text/plain and form bodies from the own origin with 415 naming the type', async () => {
      const text = await t.http().post(`/api/cases/${pending.id}/consent`).set('Cookie', webCookie).set('Origin', t.url).set('Content-Type', 'text/plain;charset=UTF-8').send(consentBody());
      expect(text.status).toBe(415);
      expect(codeOf(text)).toBe('CONTENT_TYPE_NOT_ACCEPTED');
      expect(text.body.message).toContain('text/plain');
      const form = await t.http().patch('/api/me').set('Cookie', webCookie).set('Origin', t.url).type('form').send('name=evil');
      expect(form.status).toBe(415);
      expect(form.body.message).toContain('application/x-www-form-urlencoded');
      // A body without any Content-Type is refused too.
      const untyped = await t.http().patch('/api/me').set('Authorization', respondent.auth).set('Content-Type', '').send('{"name":"evil"}');
      expect(untyped.status).toBe(415);
      expect(await consentNow()).toBe('pending');
      expect(await profileName()).not.toBe('evil');
    });

    it('takes multipart/form-data only where a route takes files', async () => {
      const onProfile = await t.http().patch('/api/me').set('Authorization', respondent.auth).field('name', 'evil');
      expect(onProfile.status).toBe(415);
      expect(codeOf(onProfile)).toBe('CONTENT_TYPE_NOT_ACCEPTED');
      expect(onProfile.body.message).toContain('multipart/form-data');
      const onConsent = await t.http().post(`/api/cases/${pending.id}/consent`).set('Cookie', webCookie).set('Origin', t.url).field('consent', 'given').field('noticeSeen', 'true');
      expect(onConsent.status).toBe(415);
      // The upload route still takes its file, from the web (cookie, own origin) as from an API client.
      const up = await t
        .http()
        .post(`/api/cases/${pending.id}/documents`)
        .set('Cookie', cookieHeader(await t.http().post('/api/auth/login/password').send({ mobile: DEMO.citizen, password: DEMO_PASSWORD }).expect(200)))
        .set('Origin', t.url)
        .field('kind', 'evidence')
        .attach('file', PNG, 'e.png');
      expect([201, 409, 422]).toContain(up.status); // past submission a draft upload may be refused by state, never by transport
      expect(up.status).not.toBe(415);
      expect(up.status).not.toBe(403);
      expect(await consentNow()).toBe('pending');
    });

    it('accepts JSON from the own origin and from an allowed origin, and bodyless POSTs as the web sends them', async () => {
      await t.http().patch('/api/me').set('Cookie', webCookie).set('Origin', t.url).send({ name: '李四甲' }).expect(200);
      expect(await profileName()).toBe('李四甲');
      await t.http().patch('/api/me').set('Cookie', webCookie).set('Origin', PARTNER).send({ name: '李四乙' }).expect(200);
      expect(await profileName()).toBe('李四乙');
      await t.http().patch('/api/me').set('Cookie', webCookie).set('Origin', PUBLIC).send({ name: '李四丙' }).expect(200); // PUBLIC_URL's origin
      expect(await profileName()).toBe('李四丙');
      await t.http().patch('/api/me').set('Cookie', webCookie).set('Referer', `${t.url}/settings`).set('Content-Type', 'application/json; charset=utf-8').send('{"name":"李四"}').expect(200);
      expect(await profileName()).toBe('李四');
      // The web's api() sends no Content-Type and no body for a bodyless POST.
      const other = await t.http().post('/api/auth/login/password').set('Origin', t.url).send({ mobile: DEMO.citizen2, password: DEMO_PASSWORD }).expect(200);
      const bare = await t.http().post('/api/auth/logout').set('Cookie', cookieHeader(other)).set('Origin', t.url);
      expect(bare.status).toBe(204);
      await t.http().get('/api/me').set('Cookie', cookieHeader(other)).expect(401);
    });

    it('keeps bearer-token API clients without Origin working', async () => {
      const res = await t.http().patch('/api/me').set('Authorization', respondent.auth).send({ name: '李四' }).expect(200);
      expect(res.body.name).toBe('李四');
      // A bearer token is no ambient credential: a Referer from elsewhere does not matter.
      await t.http().patch('/api/me').set('Authorization', respondent.auth).set('Referer', `${EVIL}/`).send({ name: '李四' }).expect(200);
    });

    it('answers the R01 consent given the right way', async () => {
      const res = await t.http().post(`/api/cases/${pending.id}/consent`).set('Cookie', webCookie).set('Origin', t.url).set('Content-Type', 'application/json').send(consentBody());
      expect(res.status).toBe(201);
      expect(await consentNow()).toBe('given');
    });
  });

  describe('caching of API answers', () => {
    it('marks JSON answers, errors included, no-store', async () => {
      const me = await t.http().get('/api/me').set('Cookie', webCookie).expect(200);
      expect(me.headers['cache-control']).toBe('no-store');
      expect(me.headers['content-type']).toMatch(/application\/json/);
      const list = await t.http().get('/api/organisations').expect(200);
      expect(list.headers['cache-control']).toBe('no-store');
      const missing = await t.http().get('/api/no-such-route').expect(404);
      expect(missing.headers['cache-control']).toBe('no-store');
      const refused = await t.http().patch('/api/me').set('Cookie', webCookie).set('Origin', EVIL).send({});
      expect(refused.headers['cache-control']).toBe('no-store');
    });
  });

  describe('the web client, precompressed', () => {
    it('serves a hashed asset as brotli, gzip or plain by Accept-Encoding, cached immutable', async () => {
      const br = await wire(t, '/assets/x-hash.js', { 'accept-encoding': 'gzip, deflate, br' });
      expect(br.status).toBe(200);
      expect(br.headers['content-encoding']).toBe('br');
      expect(br.headers['content-type']).toMatch(/javascript/);
      expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(br.headers['vary']).toMatch(/Accept-Encoding/i);
      expect(br.body.length).toBeLessThan(BUNDLE.length / 10);
      expect(brotliDecompressSync(br.body).toString()).toBe(BUNDLE);

      const gz = await wire(t, '/assets/x-hash.js', { 'accept-encoding': 'gzip' });
      expect(gz.status).toBe(200);
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(gz.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(gunzipSync(gz.body).toString()).toBe(BUNDLE);

      const plain = await wire(t, '/assets/x-hash.js', { 'accept-encoding': 'identity' });
      expect(plain.status).toBe(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body.toString()).toBe(BUNDLE);

      // A file with no compressed copy is served as is, still immutable.
      const css = await t.http().get('/assets/plain-hash.css').set('Accept-Encoding', 'br').expect(200);
      expect(css.headers['content-encoding']).toBeUndefined();
      expect(css.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      // A hashed asset that does not exist is a 404, not the app shell.
      const gone = await t.http().get('/assets/old-hash.js');
      expect(gone.status).toBe(404);
    });

    it('serves index.html no-cache with the CSP, and falls back to it for client routes', async () => {
      for (const path of ['/', '/index.html', '/cases/123e4567-e89b-12d3-a456-426614174000', '/dev/sms?mobile=1']) {
        const res = await wire(t, path, { accept: 'text/html', 'accept-encoding': 'br, gzip' });
        expect([path, res.status]).toEqual([path, 200]);
        expect(res.headers['content-type']).toMatch(/text\/html/);
        expect(res.headers['cache-control']).toBe('no-cache');
        expect(res.headers['content-security-policy']).toContain("script-src 'self'");
        expect(res.headers['content-encoding']).toBe('br');
        expect(brotliDecompressSync(res.body).toString()).toContain('<div id="root">');
      }
      const assets = await t.http().get('/assets/x-hash.js');
      expect(assets.headers['content-security-policy']).toContain("default-src 'self'");
      // The API keeps its JSON 404 and is never answered by the app shell.
      const api = await t.http().get('/api/nothing-here').set('Accept', 'text/html').expect(404);
      expect(api.body.code).toBe('NOT_FOUND');
    });
  });
});
