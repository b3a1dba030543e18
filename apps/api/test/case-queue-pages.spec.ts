import { DataSource } from 'typeorm';
import { mediatingCase } from './fixtures';
import { DEMO, loginAs, startTestApp, type TestApp } from './harness';

/**
 * The queues a page at a time (TARGETS P3, issue #14): a mediator's queue is the mediator's open
 * assignments in the order of their cases' last activity, kept by PostgreSQL
 * (`case_assignment.case_updated_at`, migration 1764630000000-MediatorQueueOrder); the cursor
 * carries the activity time to the microsecond; a cursor a user can forge is a 400, not a 500.
 */
describe('case queue pages', () => {
  let t: TestApp;
  let db: DataSource;
  let mediator: Awaited<ReturnType<typeof loginAs>>;

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    mediator = await loginAs(t, DEMO.mediator);
    // Three cases through the real API (filing, assignment, acceptance): the assignments are
    // inserted by the service, which never writes case_updated_at; the trigger does.
    const who = { applicant: await loginAs(t, DEMO.citizen), respondent: await loginAs(t, DEMO.citizen2), dispatcher: await loginAs(t, DEMO.orgAdmin), mediator };
    for (let i = 0; i < 3; i++) await mediatingCase(t, who);
  });
  afterAll(() => t?.close());

  const page = async (url: string) => (await t.http().get(url).set('Authorization', mediator.auth).expect(200)).body as { items: Array<{ id: string; updatedAt: string }>; nextCursor: string | null };

  /** Every case of the mediator's queue, one case a page, following the cursors. */
  async function walk(scope: string) {
    const ids: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 100; i++) {
      const body = await page(`/api/cases?scope=${scope}&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      ids.push(...body.items.map((x) => x.id));
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    return ids;
  }

  it("a case's new activity moves it to the top of its mediator's queue (the copy PostgreSQL keeps)", async () => {
    const before = (await page('/api/cases?scope=assigned&limit=50')).items;
    expect(before.length).toBeGreaterThan(1);
    const last = before[before.length - 1];
    await db.query("UPDATE mediation_case SET updated_at = now() + interval '1 minute' WHERE id = $1", [last.id]);
    const after = (await page('/api/cases?scope=assigned&limit=50')).items;
    expect(after[0].id).toBe(last.id);
    const [row] = await db.query('SELECT a.case_updated_at = c.updated_at AS same FROM case_assignment a JOIN mediation_case c ON c.id = a.case_id WHERE a.case_id = $1', [last.id]);
    expect(row.same).toBe(true);
  });

  it('an assignment inserted or moved by SQL alone takes its case’s activity time (the insert trigger)', async () => {
    const [a, b] = (await page('/api/cases?scope=assigned&limit=2')).items;
    const other: Array<{ id: string }> = await db.query('SELECT id FROM app_user WHERE mobile = $1', [DEMO.mediator2]);
    await db.query("UPDATE mediation_case SET updated_at = '2029-05-05 05:05:05.123456+00' WHERE id = $1", [a.id]);
    await db.query("UPDATE mediation_case SET updated_at = '2029-06-06 06:06:06.654321+00' WHERE id = $1", [b.id]);
    // The case is not touched after the insert: only the insert trigger can set the copy.
    const [row] = await db.query(
      "INSERT INTO case_assignment (case_id, mediator_id, role, status, assigned_at, respond_by) VALUES ($1, $2, 'member', 'declined', now(), now()) RETURNING id, case_updated_at::text AS at",
      [a.id, other[0].id],
    );
    const [ca] = await db.query('SELECT updated_at::text AS at FROM mediation_case WHERE id = $1', [a.id]);
    expect(row.at).toBe(ca.at);
    await db.query('UPDATE case_assignment SET case_id = $2 WHERE id = $1', [row.id, b.id]);
    const [moved] = await db.query('SELECT a.case_updated_at = c.updated_at AS same FROM case_assignment a JOIN mediation_case c ON c.id = a.case_id WHERE a.id = $1', [row.id]);
    expect(moved.same).toBe(true);
    await db.query('DELETE FROM case_assignment WHERE id = $1', [row.id]);
  });

  it('a second open assignment of one mediator to one case is refused by the database (no case twice in a queue)', async () => {
    const [a] = (await page('/api/cases?scope=assigned&limit=1')).items;
    await expect(
      db.query("INSERT INTO case_assignment (case_id, mediator_id, role, status, assigned_at, respond_by) VALUES ($1, $2, 'member', 'pending', now(), now())", [a.id, mediator.user.id]),
    ).rejects.toThrow(/uq_case_assignment_open|unique/);
  });

  it('every assignment carries its case’s activity time', async () => {
    const rows: Array<{ ok: boolean }> = await db.query('SELECT a.case_updated_at = c.updated_at AS ok FROM case_assignment a JOIN mediation_case c ON c.id = a.case_id');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.ok)).toBe(true);
  });

  it.each(['assigned', 'organisation', 'mine'])('%s: two cases changed within one millisecond are each on exactly one page', async (scope) => {
    const ids = scope === 'mine' ? [] : (await page(`/api/cases?scope=${scope}&limit=2`)).items.map((x) => x.id);
    if (scope === 'mine') {
      const citizen = await loginAs(t, DEMO.citizen);
      const mine = (await t.http().get('/api/cases?scope=mine&limit=2').set('Authorization', citizen.auth).expect(200)).body.items as Array<{ id: string }>;
      ids.push(...mine.map((x) => x.id));
    }
    expect(ids.length).toBe(2);
    // The same millisecond, 300 µs apart, newest of all.
    await db.query("UPDATE mediation_case SET updated_at = '2030-01-01 00:00:00.000600+00' WHERE id = $1", [ids[0]]);
    await db.query("UPDATE mediation_case SET updated_at = '2030-01-01 00:00:00.000300+00' WHERE id = $1", [ids[1]]);
    let walked: string[];
    if (scope === 'mine') {
      const citizen = await loginAs(t, DEMO.citizen);
      walked = [];
      let cursor: string | null = null;
      for (let i = 0; i < 100; i++) {
        const body: { items: Array<{ id: string }>; nextCursor: string | null } = (
          await t
            .http()
            .get(`/api/cases?scope=mine&limit=1${cursor ? `&cursor=${cursor}` : ''}`)
            .set('Authorization', citizen.auth)
            .expect(200)
        ).body;
        walked.push(...body.items.map((x) => x.id));
        cursor = body.nextCursor;
        if (!cursor) break;
      }
    } else walked = await walk(scope);
    expect(walked.slice(0, 2)).toEqual(ids);
    expect(new Set(walked).size).toBe(walked.length);
  });

  it.each([
    ['a day that does not exist', '2026-02-30T10:00:00.000Z|00000000-0000-4000-8000-000000000000'],
    ['an hour that does not exist', '2026-02-01 25:00:00+00|00000000-0000-4000-8000-000000000000'],
    ['not a time', 'yesterday|00000000-0000-4000-8000-000000000000'],
    ['not an id', '2026-02-01 10:00:00+00|not-a-uuid-not-a-uuid-not-a-uuid-xxxx'],
    ['an offset PostgreSQL refuses (+16)', '2026-02-01 10:00:00+16|00000000-0000-4000-8000-000000000000'],
    ['an offset with 99 minutes', '2026-02-01 10:00:00+0099|00000000-0000-4000-8000-000000000000'],
  ])('a cursor with %s is a 400 naming the field', async (_label, raw) => {
    const cursor = Buffer.from(raw).toString('base64url');
    for (const scope of ['assigned', 'organisation', 'mine']) {
      const res = await t.http().get(`/api/cases?scope=${scope}&cursor=${cursor}`).set('Authorization', mediator.auth);
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toContain('cursor');
    }
  });

  it('a search with a NUL character is a 400 naming the field', async () => {
    const res = await t.http().get('/api/cases?scope=assigned&q=%00abc').set('Authorization', mediator.auth);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('q');
  });
});
