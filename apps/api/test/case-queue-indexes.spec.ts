import { DataSource } from 'typeorm';
import { DEMO, loginAs, startTestApp, type TestApp } from './harness';

/**
 * TARGETS P3 (issue #14): the organisation's queue is read newest first a page at a time; at a
 * province's scale (bench/scale.js: 1M cases) it must walk one index range in order, not fetch
 * every case of the organisation and sort them. The SQL the route really runs is captured from
 * TypeORM's logger and explained with sequential scans off: whether an index serves the page
 * at all (the timing is the benchmark's matter).
 */
describe('the case queues read a page from an index, in order', () => {
  let t: TestApp;
  let db: DataSource;
  let captured: Array<{ query: string; parameters: unknown[] }> | null = null;

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    const original = db.logger;
    db.logger = new Proxy(original, {
      get(target, prop) {
        if (prop === 'logQuery') return (query: string, parameters?: unknown[]) => captured?.push({ query, parameters: parameters ?? [] });
        return Reflect.get(target, prop);
      },
    });
  });
  afterAll(() => t?.close());

  /** The page query of one GET (the SELECT on mediation_case ordered by activity), explained. */
  async function pagePlan(auth: string, url: string): Promise<string> {
    captured = [];
    await t.http().get(url).set('Authorization', auth).expect(200);
    const page = captured.find((q) => /ORDER BY (c\.updated_at|a\.case_updated_at) DESC/.test(q.query));
    captured = null;
    expect(page).toBeDefined();
    return db.transaction(async (m) => {
      // Whether an index can serve the page in order at all: no sequential scan, no sort.
      await m.query('SET LOCAL enable_seqscan = off');
      await m.query('SET LOCAL enable_sort = off');
      const rows: Array<{ 'QUERY PLAN': string }> = await m.query(`EXPLAIN ${page!.query}`, page!.parameters);
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    });
  }

  it.each([
    ['a dispatcher (org_admin)', DEMO.orgAdmin],
    ['a mediator of the organisation (R10, R11: removed cases hidden)', DEMO.mediator],
  ])("P3: the organisation's queue as %s walks ix_case_org_updated, no sort", async (_label, mobile) => {
    const who = await loginAs(t, mobile);
    const text = await pagePlan(who.auth, '/api/cases?scope=organisation&limit=20');
    expect(text).toMatch(/ix_case_org_updated/);
    expect(text).not.toMatch(/Sort/);
    // The next page by its cursor too.
    const first = await t.http().get('/api/cases?scope=organisation&limit=1').set('Authorization', who.auth).expect(200);
    if (first.body.nextCursor) {
      const next = await pagePlan(who.auth, `/api/cases?scope=organisation&limit=1&cursor=${first.body.nextCursor}`);
      expect(next).toMatch(/ix_case_org_updated/);
      expect(next).not.toMatch(/Sort/);
    }
  });

  // The mediator's open assignments in their cases' order of activity: one range of the
  // partial index, index only, whatever the share of the province's cases the mediator has.
  it("P3: the mediator's queue walks ix_case_assignment_queue, no sort", async () => {
    const who = await loginAs(t, DEMO.mediator);
    const text = await pagePlan(who.auth, '/api/cases?scope=assigned&limit=20');
    expect(text).toMatch(/ix_case_assignment_queue/);
    expect(text).not.toMatch(/Sort/);
    // The next page by its cursor too (case-queue-pages.spec walks a longer queue page by page).
    const next = await pagePlan(
      who.auth,
      `/api/cases?scope=assigned&limit=1&cursor=${Buffer.from(`2030-01-01 00:00:00.5+00|${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`).toString('base64url')}`,
    );
    expect(next).toMatch(/ix_case_assignment_queue/);
    expect(next).not.toMatch(/Sort/);
  });

  // A citizen's own cases (the commonest page of all): read from the viewer's rows in case_party
  // and the cases they filed, then sorted — a handful — never by walking every case of the
  // province newest first until enough of the viewer's turn up (6.5 s at 1M cases, bench/scale.js).
  it("P3: a citizen's cases are read by the party and filer indexes, not by a walk of every case", async () => {
    const who = await loginAs(t, DEMO.citizen);
    for (const url of [
      '/api/cases?scope=mine&limit=20',
      `/api/cases?scope=mine&limit=1&cursor=${Buffer.from(`2030-01-01 00:00:00.5+00|${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`).toString('base64url')}`,
    ]) {
      const text = await pagePlan(who.auth, url);
      expect(text).toMatch(/ix_case_party_user/);
      expect(text).toMatch(/ix_case_filed_by/);
      expect(text).not.toMatch(/ix_case_updated/);
    }
  });
});
