import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { fileStorageFor } from '../src/documents/storage-driver';
import { S3FileStorage } from '../src/documents/s3-storage';
import { AppConfig } from '../src/config/app-config';
import { binary, mediatingCase, pdfText, PNG, settle, type Login } from './fixtures';
import { DEMO, loginAs, startTestApp, type TestApp } from './harness';
import { startS3, type TestS3 } from './s3-server';

/**
 * Issue #14: with STORAGE_DRIVER=s3 every stored file — case documents and the PDFs the API
 * generates — goes to an S3-compatible bucket (here a real s3rver started by the test), never
 * to the local disk; downloads still pass the API's access check (R15, R19); a failed
 * transaction leaves no object behind.
 */
describe('object storage (issue #14, real s3rver)', () => {
  let s3: TestS3;
  let t: TestApp;
  let applicant: Login, respondent: Login, dispatcher: Login, mediator: Login;

  beforeAll(async () => {
    s3 = await startS3();
    t = await startTestApp({ env: s3.env });
    [applicant, respondent, dispatcher, mediator] = await Promise.all([DEMO.citizen, DEMO.citizen2, DEMO.orgAdmin, DEMO.mediator].map((m) => loginAs(t, m)));
  });
  afterAll(async () => {
    await t?.close();
    await s3?.close();
  });

  const localFiles = () => {
    const dir = join(t.env.DATA_DIR, 'files');
    return existsSync(dir) ? readdirSync(dir, { recursive: true }) : [];
  };

  async function draft(who: Login = applicant) {
    return (
      await t
        .http()
        .post('/api/cases')
        .set('Authorization', who.auth)
        .send({
          disputeType: 'private_loan',
          facts: '借款两万元，逾期未还。',
          claims: { amount: '20000' },
          region: '330106',
          applicant: { name: '张三', mobile: DEMO.citizen, idNumber: '11010519491231002X', address: '杭州市西湖区文三路1号' },
          respondents: [{ name: '李四', mobile: DEMO.citizen2, address: '杭州市西湖区天目山路2号' }],
        })
        .expect(201)
    ).body as { id: string };
  }

  it('the configured driver is S3', () => {
    expect(fileStorageFor(t.app.get(AppConfig))).toBeInstanceOf(S3FileStorage);
  });

  it('a document goes to the bucket under a random key, encrypted at rest, and comes back through the access check', async () => {
    const c = await draft();
    const before = s3.requests.length;
    const doc = (await t.http().post(`/api/cases/${c.id}/documents`).set('Authorization', applicant.auth).field('kind', 'evidence').attach('file', PNG, '借条 照片.png').expect(201)).body;
    const [{ storage_key: key }] = await t.app.get(DataSource).query('SELECT storage_key FROM case_document WHERE id = $1', [doc.id]);
    expect(key).toMatch(/^[A-Za-z0-9_-]{2}\/[A-Za-z0-9_-]{20,}$/);
    expect(key).not.toContain('借条');
    expect(await s3.keys()).toContain(key);
    // Server-side encryption asked for on the put, as it went over the wire.
    const put = s3.requests.slice(before).find((r) => r.method === 'PUT' && r.path.endsWith(key));
    expect(put?.headers['x-amz-server-side-encryption']).toBe('AES256');
    expect(localFiles()).toEqual([]);

    const res = await t
      .http()
      .get(`/api/cases/${c.id}/documents/${doc.id}`)
      .set('Authorization', applicant.auth)
      .buffer(true)
      .parse(binary as never)
      .expect(200);
    expect(Buffer.compare(res.body as Buffer, PNG)).toBe(0);
    // R15: another citizen gets the same 404 as for a missing document; the bucket is never exposed.
    await t.http().get(`/api/cases/${c.id}/documents/${doc.id}`).set('Authorization', respondent.auth).expect(404);
  });

  it('an upload whose transaction fails leaves no object in the bucket (deletion on rollback)', async () => {
    const c = await draft();
    const keys = await s3.keys();
    const before = s3.requests.length;
    // The respondent has no access to the applicant's draft: refused inside the transaction, after the bytes were put.
    await t.http().post(`/api/cases/${c.id}/documents`).set('Authorization', respondent.auth).field('kind', 'evidence').attach('file', PNG, 'x.png').expect(404);
    const sent = s3.requests.slice(before);
    const put = sent.find((r) => r.method === 'PUT');
    expect(put).toBeDefined();
    expect(sent.some((r) => r.method === 'DELETE' && r.path === put?.path)).toBe(true);
    expect(await s3.keys()).toEqual(keys);
  });

  it('a generated PDF (the signed agreement) is stored in the bucket and served from it', async () => {
    const c = await mediatingCase(t, { applicant, respondent, dispatcher, mediator });
    await settle(t, c.id, { applicant, respondent, dispatcher, mediator });
    const [a] = await t.app.get(DataSource).query('SELECT id, pdf_storage_key AS key FROM agreement WHERE case_id = $1', [c.id]);
    expect(await s3.keys()).toContain(a.key);
    const res = await t
      .http()
      .get(`/api/agreements/${a.id}/pdf`)
      .set('Authorization', applicant.auth)
      .buffer(true)
      .parse(binary as never)
      .expect(200);
    expect((res.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    expect(await pdfText(res.body as Buffer)).toContain('张三');
    expect(localFiles()).toEqual([]);
  }, 120_000);
});
