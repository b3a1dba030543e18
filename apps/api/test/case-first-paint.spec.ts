import type { CaseDetail } from '@tiaojie/contracts';
import { get as httpGet, type IncomingHttpHeaders } from 'node:http';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { CaseAccessLog } from '../src/cases/case-access-log.entity';
import { FIRST_PAINT_TEXT } from '../src/cases/case-first-paint';
import { ACCESS_COOKIE } from '../src/common/transport';
import { DataSource } from 'typeorm';
import { mediatingCase, type Login } from './fixtures';
import { DEMO, loginAs, startTestApp, type TestApp } from './harness';

/**
 * Issue #11, TARGETS P5: the server writes a logged-in visitor's case page's first paint — the
 * header, the case's heading, and the case as GET /api/cases/:id answers that visitor — into
 * index.html (src/cases/case-first-paint.ts, src/common/web-client.ts). What it may never do:
 * show a case to someone the API would refuse it to, leave a read out of the access log (R19),
 * let a party's own words break out of the data element, or be kept by a cache.
 */

const INDEX =
  '<!doctype html>\n<html lang="zh-CN">\n  <head><title>调解 Tiaojie</title></head>\n  <body>\n    <div id="root"></div>\n    <link rel="stylesheet" href="/assets/web-x.css">\n  </body>\n</html>\n';

describe('the first paint of a case page (issue #11, R19)', () => {
  let t: TestApp;
  let webDist: string;
  let applicant: Login;
  let respondent: Login;
  let mediator: Login;
  let dispatcher: Login;
  let outsider: Login;
  let c: CaseDetail;

  beforeAll(async () => {
    webDist = mkdtempSync(join(tmpdir(), 'tiaojie-web-'));
    mkdirSync(join(webDist, 'assets'));
    writeFileSync(join(webDist, 'index.html'), INDEX);
    t = await startTestApp({ env: { WEB_DIST: webDist } });
    [applicant, respondent, dispatcher, mediator, outsider] = await Promise.all([
      loginAs(t, DEMO.citizen),
      loginAs(t, DEMO.citizen2),
      loginAs(t, DEMO.orgAdmin),
      loginAs(t, DEMO.mediator),
      loginAs(t, DEMO.bankMediator),
    ]);
    c = await mediatingCase(t, { applicant, respondent, dispatcher, mediator });
  });

  afterAll(async () => {
    await t.close();
    rmSync(webDist, { recursive: true, force: true });
  });

  const page = (path: string, who?: Login, headers: Record<string, string> = {}) => {
    const req = t.http().get(path).set('Accept', 'text/html').set(headers);
    return who ? req.set('Cookie', `${ACCESS_COOKIE}=${who.accessToken}`) : req;
  };
  const dataOf = (html: string) => {
    const found = /<script type="application\/json" id="first-paint-data">([\s\S]*?)<\/script>/.exec(html);
    return found ? (JSON.parse(found[1]) as { caseId: string; case: CaseDetail }) : null;
  };

  it('gives a party the header, the heading and the case as the API gives it, private and not stored', async () => {
    const res = await page(`/cases/${c.id}`, respondent).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers.vary).toMatch(/Cookie/);
    const html = res.text;
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain(`<h1 class="page-title">案件 ${c.number}</h1>`);
    // Before the app's root, which styles.css hides while the first paint is there.
    expect(html.indexOf('id="first-paint"')).toBeLessThan(html.indexOf('<div id="root"></div>'));
    const served = dataOf(html);
    const api = await t.http().get(`/api/cases/${c.id}`).set('Authorization', respondent.auth).expect(200);
    expect(served?.caseId).toBe(c.id);
    expect(served?.case).toEqual(api.body);
  });

  it('writes each read into the access log, as the API does (R19)', async () => {
    const log = t.app.get(DataSource).getRepository(CaseAccessLog);
    const before = await log.count({ where: { caseId: c.id, userId: mediator.user.id } });
    await page(`/cases/${c.id}`, mediator).expect(200);
    expect(await log.count({ where: { caseId: c.id, userId: mediator.user.id } })).toBe(before + 1);
  });

  it('gives someone who may not read the case, a visitor and a bad token the plain page', async () => {
    for (const [who, res] of [
      ['a mediator of another organisation', await page(`/cases/${c.id}`, outsider).expect(200)],
      ['a visitor', await page(`/cases/${c.id}`).expect(200)],
      ['a forged token', await page(`/cases/${c.id}`, undefined, { Cookie: `${ACCESS_COOKIE}=not-a-token` }).expect(200)],
    ] as const) {
      expect({ who, body: res.text }).toEqual({ who, body: INDEX });
      expect({ who, leaked: res.text.includes(c.number ?? '?') }).toEqual({ who, leaked: false });
    }
    // Not a case page, or not a case: the plain page too.
    expect((await page(`/cases/${c.id}/mediation`, respondent).expect(200)).text).toBe(INDEX);
    expect((await page('/cases/00000000-0000-4000-8000-000000000000', respondent).expect(200)).text).toBe(INDEX);
    expect((await page('/cases/not-a-uuid', respondent).expect(200)).text).toBe(INDEX);
  });

  it('follows ?lng= and then the account language, and sends brotli when the browser takes it', async () => {
    const en = await page(`/cases/${c.id}?lng=en`, applicant).expect(200);
    expect(en.text).toContain('<html lang="en">');
    expect(en.text).toContain(`<h1 class="page-title">Case ${c.number}</h1>`);
    // The bytes as they come over the wire, not decompressed by a client library.
    const raw = await new Promise<{ headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      httpGet(`${t.url}/cases/${c.id}`, { headers: { Accept: 'text/html', 'Accept-Encoding': 'br', Cookie: `${ACCESS_COOKIE}=${applicant.accessToken}` } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      }).on('error', reject);
    });
    expect(raw.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(raw.body).toString('utf8')).toContain(`案件 ${c.number}`);
  });

  it("keeps a party's own words inside the data element, whatever they typed", async () => {
    const typed = '借款</script><script>alert(1)</script><!-- \u2028\u2029 &amp; "引号"';
    const draft = await t
      .http()
      .post('/api/cases')
      .set('Authorization', applicant.auth)
      .send({ disputeType: 'private_loan', facts: typed, region: '330106', applicant: { name: '张三', mobile: DEMO.citizen } })
      .expect(201);
    const html = (await page(`/cases/${draft.body.id}`, applicant).expect(200)).text;
    expect(html).toContain('<h1 class="page-title">调解申请草稿</h1>');
    // One script element only (the data), and the words come back as typed.
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html.match(/<\/script>/g)).toHaveLength(1);
    expect(html).not.toContain('<!--');
    expect(dataOf(html)?.case.facts).toBe(typed);
  });

  it("uses the web's own words for the heading and the logo", () => {
    const web = (locale: string, ns: string) => JSON.parse(readFileSync(join(__dirname, `../../web/src/locales/${locale}/${ns}.json`), 'utf8')) as Record<string, string>;
    for (const locale of ['zh-CN', 'en'] as const) {
      expect(FIRST_PAINT_TEXT[locale]).toEqual({ title: web(locale, 'casePage').title, draftTitle: web(locale, 'casePage').draftTitle, logoAlt: web(locale, 'common').logoAlt });
    }
  });
});
