import { DataSource } from 'typeorm';
import { DUE_SQL } from '../src/cases/unread-escalation';
import { startTestApp, type TestApp } from './harness';

/**
 * The deadline scan runs the unread-escalation query every minute, and every staff case view
 * reads the case's important notices (party-notices.ts): on a provincial outbox of millions of
 * rows neither may read the whole table. With sequential scans switched off the planner shows
 * whether an index serves each query at all (the timing itself is a benchmark's matter).
 */
describe('notification queries of the scan and the case view have an index', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ seed: false });
  });
  afterAll(() => t?.close());

  const plan = async (sql: string, params: unknown[]) =>
    t.app.get(DataSource).transaction(async (m) => {
      await m.query('SET LOCAL enable_seqscan = off');
      const rows: Array<{ 'QUERY PLAN': string }> = await m.query(`EXPLAIN ${sql}`, params);
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    });

  it('issue #11: the unread in-app notices of the last two days, by an index on their send time', async () => {
    const now = new Date();
    const text = await plan(DUE_SQL, [['respondent_invited'], now, ['mediation_period_reminder'], now, new Date(now.getTime() - 2 * 86_400_000)]);
    expect(text).toMatch(/ix_notification_unread_in_app/);
    expect(text).not.toMatch(/Seq Scan on notification n\b/);
  });

  it('issue #11: a case’s notices of some templates (staff view, escalation checks), by case', async () => {
    const text = await plan('SELECT id FROM notification WHERE case_id = $1 AND template = ANY($2)', ['00000000-0000-4000-8000-000000000000', ['respondent_invited']]);
    expect(text).toMatch(/ix_notification_case/);
  });
});
