import type { CaseDetail } from '@tiaojie/contracts';
import { DEMO, loginAs, startTestApp, type TestApp } from './harness';
import { PNG } from './fixtures';

/** A 1×1 PNG: a real image by its magic bytes. */
const ID = '11010519491231002X';
type Login = Awaited<ReturnType<typeof loginAs>>;

/**
 * The filing form uploads each file at once; removing one before submitting must delete it on
 * the server too (issue #11 "small things"), and only then: after submission a document is part
 * of the record (R19) and stays.
 */
describe('removing an uploaded document before submission (integration, real database)', () => {
  let t: TestApp;
  let applicant: Login, respondent: Login, dispatcher: Login;

  beforeAll(async () => {
    t = await startTestApp();
    [applicant, respondent, dispatcher] = await Promise.all([DEMO.citizen, DEMO.citizen2, DEMO.orgAdmin].map((m) => loginAs(t, m)));
  });
  afterAll(async () => {
    await t?.close();
  });

  const as = (who: Login) => ({
    get: (url: string) => t.http().get(url).set('Authorization', who.auth),
    post: (url: string, body: object = {}) => t.http().post(url).set('Authorization', who.auth).send(body),
    del: (url: string) => t.http().delete(url).set('Authorization', who.auth),
  });

  async function draft() {
    const res = await as(applicant)
      .post('/api/cases', {
        disputeType: 'private_loan',
        facts: '2025年3月借给李四两万元，约定半年归还，至今未还。',
        claims: { amount: '20000.00' },
        region: '330106',
        applicant: { name: '张三', mobile: DEMO.citizen, idNumber: ID, address: '杭州市西湖区文三路1号' },
        respondents: [{ name: '李四', mobile: DEMO.citizen2, address: '杭州市西湖区天目山路2号' }],
      })
      .expect(201);
    return res.body as CaseDetail;
  }
  const upload = (caseId: string, kind = 'id_card', who: Login = applicant) =>
    t.http().post(`/api/cases/${caseId}/documents`).set('Authorization', who.auth).field('kind', kind).attach('file', PNG, 'photo.png');

  it('the uploader removes a document from a draft: gone from the case, the download 404s', async () => {
    const c = await draft();
    const doc = (await upload(c.id).expect(201)).body;
    const kept = (await upload(c.id, 'evidence').expect(201)).body;
    await as(applicant).del(`/api/cases/${c.id}/documents/${doc.id}`).expect(204);
    const after = (await as(applicant).get(`/api/cases/${c.id}`).expect(200)).body as CaseDetail;
    expect(after.documents.map((d) => d.id)).toEqual([kept.id]);
    await as(applicant).get(`/api/cases/${c.id}/documents/${doc.id}`).expect(404);
    // Twice: the same 404 as a document that never was.
    await as(applicant).del(`/api/cases/${c.id}/documents/${doc.id}`).expect(404);
  });

  it('nobody else removes it, and after submission it stays (part of the record)', async () => {
    const c = await draft();
    const doc = (await upload(c.id).expect(201)).body;
    await as(respondent).del(`/api/cases/${c.id}/documents/${doc.id}`).expect(404);
    await as(dispatcher).del(`/api/cases/${c.id}/documents/${doc.id}`).expect(404);
    await as(applicant).post(`/api/cases/${c.id}/submit`, { version: c.version, consent: true, noticeSeen: true }).expect(201);
    const refused = await as(applicant).del(`/api/cases/${c.id}/documents/${doc.id}`).expect(409);
    expect(refused.body.fields?.[0]?.field).toBe('state');
    const after = (await as(applicant).get(`/api/cases/${c.id}`).expect(200)).body as CaseDetail;
    expect(after.documents.map((d) => d.id)).toContain(doc.id);
  });

  it('a malformed id is a 404, not a 500', async () => {
    const c = await draft();
    await as(applicant).del(`/api/cases/${c.id}/documents/not-a-uuid`).expect(404);
  });
});
