import type { StatisticsDashboard } from '@tiaojie/contracts';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { DEMO, loginAs, startTestApp, type TestApp } from './harness';
import { binary, mediatingCase, pdfText, settle, type Login } from './fixtures';

/**
 * Issue #13: the statistics dashboards, scoped on the server — an organisation admin sees only its
 * organisation, a 司法局 only its own organisations, a court only the cases it delegated, the
 * system admin the platform — with numbers equal to the rows this spec creates: one case mediated
 * and settled through the API, the rest written as rows of the real schema. November 2030 (no
 * public holiday) is the period.
 */
describe('statistics dashboards (integration, issue #13)', () => {
  let t: TestApp;
  let db: DataSource;
  let applicant: Login, respondent: Login, dispatcher: Login, mediator: Login, bankAdmin: Login, bureau: Login, admin: Login, judge: Login, intake: Login, bankMediator: Login;
  const org: Record<'people' | 'police' | 'bank', string> = { people: '', police: '', bank: '' };
  let courtId = '';
  const NOV = { from: '2030-11-01', to: '2030-11-30' };

  const get = (who: Login, query: Record<string, string>) => t.http().get('/api/statistics/dashboard').query(query).set('Authorization', who.auth);
  const dash = async (who: Login, query: Record<string, string> = NOV): Promise<StatisticsDashboard> => (await get(who, query).expect(200)).body;

  async function insertCase(c: {
    org: keyof typeof org;
    state: string;
    reason?: string | null;
    type?: string;
    channel?: string;
    submitted: string;
    contact?: string | null;
    court?: boolean;
    mediatorId?: string;
  }): Promise<string> {
    const [row] = await db.query(
      `INSERT INTO mediation_case (state, version, dispute_type, region, organisation_id, channel, filed_by_id, submitted_at, first_contact_at, termination_reason, court_id, court_delegated)
       VALUES ($1, 1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [
        c.state,
        c.type ?? 'family_neighbour',
        c.org === 'bank' ? '330100' : '330106',
        org[c.org],
        c.channel ?? 'self',
        applicant.user.id,
        c.submitted,
        c.contact ?? null,
        c.reason ?? null,
        c.court ? courtId : null,
        !!c.court,
      ],
    );
    if (c.mediatorId) {
      await db.query(
        `INSERT INTO case_assignment (case_id, mediator_id, role, status, assigned_at, respond_by, responded_at) VALUES ($1, $2, 'presiding', 'accepted', $3, $3::timestamptz + interval '3 days', $3::timestamptz + interval '1 hour')`,
        [row.id, c.mediatorId, c.submitted],
      );
    }
    return row.id;
  }

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    t.clock.set(new Date('2030-11-18T01:00:00Z')); // a Monday
    [applicant, respondent, dispatcher, mediator, bankAdmin, bureau, admin, judge, intake, bankMediator] = await Promise.all(
      [DEMO.citizen, DEMO.citizen2, DEMO.orgAdmin, DEMO.mediator, '13900000005', DEMO.bureau, DEMO.admin, DEMO.judge, DEMO.intake, DEMO.bankMediator].map((m) => loginAs(t, m)),
    );
    for (const [k, type] of [
      ['people', 'peoples_mediation_committee'],
      ['police', 'police_mediation'],
      ['bank', 'banking_insurance'],
    ] as const)
      org[k] = (await db.query(`SELECT id FROM organisation WHERE type = $1`, [type]))[0].id;
    courtId = (await db.query(`SELECT id FROM court LIMIT 1`))[0].id;

    // Through the API: the people's committee's case, mediated by 王 and settled (R26).
    const c = await mediatingCase(t, { applicant, respondent, dispatcher, mediator });
    await settle(t, c.id, { mediator, applicant, respondent, dispatcher });
    // Satisfaction (issue #13): both parties rated 王's settled case, 5 and 4 (and a third row, 3:
    // an average is shown only from 3 ratings, R05, so that one rating never identifies its party).
    for (const [u, score] of [
      [applicant, 5],
      [respondent, 4],
      [intake, 3],
    ] as const)
      await db.query(`INSERT INTO case_rating (case_id, user_id, mediator_user_id, organisation_id, score) VALUES ($1, $2, $3, $4, $5)`, [c.id, u.user.id, mediator.user.id, org.people, score]);
    // Rows: the people's committee (a failure with 王, a withdrawal, an open case, one filed in October).
    await insertCase({
      org: 'people',
      state: 'TERMINATED',
      reason: 'positions_too_far',
      channel: 'grid_worker',
      submitted: '2030-11-05T02:00:00Z',
      contact: '2030-11-05T05:00:00Z',
      mediatorId: mediator.user.id,
    });
    await insertCase({ org: 'people', state: 'WITHDRAWN', submitted: '2030-11-06T02:00:00Z' });
    await insertCase({ org: 'people', state: 'SUBMITTED', type: 'private_loan', submitted: '2030-11-07T02:00:00Z' });
    await insertCase({ org: 'people', state: 'SUBMITTED', submitted: '2030-10-22T02:00:00Z' });
    // The police room (same 司法局): closed after an agreement (delegated by the court), a failure.
    await insertCase({ org: 'police', state: 'CLOSED', reason: 'agreement', submitted: '2030-11-05T03:00:00Z', court: true });
    await insertCase({ org: 'police', state: 'ESCALATED', reason: 'party_unwilling', channel: 'police', submitted: '2030-11-06T03:00:00Z' });
    // The banking centre (no 司法局): settled, contacted the same day; mediating, contacted a day late (court-delegated).
    const bankSettled = await insertCase({
      org: 'bank',
      state: 'SETTLED',
      reason: 'agreement',
      type: 'banking_insurance',
      submitted: '2030-11-05T01:00:00Z',
      contact: '2030-11-05T08:00:00Z',
      mediatorId: bankMediator.user.id,
    });
    // R26: its agreement took effect 2.5 days after filing (an amendment later: the first counts).
    for (const [seq, at] of [
      [1, '2030-11-07T13:00:00Z'],
      [2, '2030-11-10T01:00:00Z'],
    ] as const)
      await db.query(`INSERT INTO agreement (case_id, seq, status, template, created_by_id, effective_at) VALUES ($1, $2, 'effective', 'general', $3, $4)`, [
        bankSettled,
        seq,
        bankMediator.user.id,
        at,
      ]);
    await insertCase({ org: 'bank', state: 'MEDIATING', type: 'banking_insurance', submitted: '2030-11-06T01:00:00Z', contact: '2030-11-07T02:00:00Z', court: true });
    // R38: a public complaint about the banking centre.
    await t
      .http()
      .post('/api/complaints')
      .set('Authorization', intake.auth)
      .send({ subjectKind: 'organisation', organisationId: org.bank, ground: 'delay', description: '迟迟没有回复。' })
      .expect(201);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('an organisation admin sees only its organisation, with the numbers of its cases; success rate = settled ÷ (settled + failed)', async () => {
    const d = await dash(dispatcher);
    expect(d.scope.kind).toBe('organisation');
    expect(d.scope.organisations.map((o) => o.id)).toEqual([org.people]);
    expect(d.totals).toEqual({ filed: 4, settled: 1, failed: 1, withdrawn: 1, open: 1 });
    expect(d.successRate).toEqual({ numerator: 1, denominator: 2, rate: 0.5, definition: 'settled / (settled + failed)' });
    expect(d.byState.find((s) => s.key === 'SETTLED')?.count).toBe(1);
    expect(d.byDisputeType).toEqual(
      expect.arrayContaining([
        { key: 'private_loan', count: 2 },
        { key: 'family_neighbour', count: 2 },
      ]),
    );
    expect(d.byChannel).toEqual(expect.arrayContaining([{ key: 'grid_worker', count: 1 }]));
    expect(d.timeToSettle.count).toBe(1);
    // R12: the respondent answered (consented) after the mediator accepted — kept; R09: 王 answered in time.
    expect(d.sla.contactRespondent).toMatchObject({ kept: 1, missed: 0 });
    expect(d.sla.mediatorAccept.kept).toBeGreaterThanOrEqual(1);
    expect(d.timeToSettle.medianDays).not.toBeNull();
    const wang = d.mediators.find((m) => m.mediatorId === mediator.user.id);
    expect(wang).toMatchObject({ name: '王调解', handled: 2, settled: 1, failed: 1, successRate: { numerator: 1, denominator: 2, rate: 0.5 } });
    expect(d.complaints.total).toBe(0);
    // Satisfaction: the ratings of the cohort's cases, in aggregate (per mediator too, staff only).
    expect(d.satisfaction).toEqual({ count: 3, average: 4 });
    expect(wang?.satisfaction).toEqual({ count: 3, average: 4 });
    // Below 3 ratings (王 alone, over a narrower period with two of them): the count, no average.
    await db.query(`DELETE FROM case_rating WHERE user_id = $1`, [intake.user.id]);
    expect((await dash(dispatcher)).satisfaction).toEqual({ count: 2, average: null });
    // Without a period: the October case too.
    expect((await dash(dispatcher, {})).totals.filed).toBe(5);
  });

  it('an organisation admin asking for another organisation or its mediator gets 403, never a wider answer', async () => {
    const other = await get(dispatcher, { ...NOV, organisationId: org.bank }).expect(403);
    expect(JSON.stringify(other.body)).toContain('organisationId');
    await get(dispatcher, { ...NOV, mediatorId: bankMediator.user.id }).expect(403);
    // The monthly return is scoped the same way.
    await t.http().get('/api/statistics/monthly-return').query({ month: '2030-11', organisationId: org.bank }).set('Authorization', dispatcher.auth).expect(403);
    await t.http().get('/api/statistics/monthly-return').query({ month: '2030-11' }).set('Authorization', applicant.auth).expect(403);
    await get(dispatcher, { ...NOV, organisationId: '00000000-0000-4000-8000-000000000000' }).expect(404);
    const wang = await dash(dispatcher, { ...NOV, mediatorId: mediator.user.id });
    expect(wang.totals).toEqual({ filed: 2, settled: 1, failed: 1, withdrawn: 0, open: 0 });
    // The banking centre's admin: its two cases, the complaint, same-day contact kept once and missed once.
    const bank = await dash(bankAdmin);
    expect(bank.totals).toEqual({ filed: 2, settled: 1, failed: 0, withdrawn: 0, open: 1 });
    expect(bank.complaints).toMatchObject({ total: 1, byStatus: [{ key: 'received', count: 1 }] });
    // Another organisation's ratings never reach this dashboard.
    expect(bank.satisfaction).toEqual({ count: 0, average: null });
    expect(bank.sla.sameDayContact).toEqual({ kept: 1, missed: 1, pending: 0, rate: 0.5 });
    expect(bank.sla.mediatorAccept).toEqual({ kept: 1, missed: 0, pending: 0, rate: 1 });
    // Filing → the first agreement in effect (percentile_cont over one case).
    expect(bank.timeToSettle).toEqual({ count: 1, medianDays: 2.5, p90Days: 2.5 });
    expect(bank.mediators.find((m) => m.mediatorId === bankMediator.user.id)).toMatchObject({ handled: 1, settled: 1, medianDaysToSettle: 2.5 });
  });

  it('a 司法局 sees only its own organisations (the people’s committee and the police room), not the banking centre', async () => {
    const d = await dash(bureau);
    expect(d.scope.kind).toBe('bureau');
    expect(d.scope.bureauName).toBe('杭州市西湖区司法局');
    expect(d.scope.organisations.map((o) => o.id).sort()).toEqual([org.people, org.police].sort());
    expect(d.totals).toEqual({ filed: 6, settled: 2, failed: 2, withdrawn: 1, open: 1 });
    expect(d.successRate).toMatchObject({ numerator: 2, denominator: 4 });
    expect(d.complaints.total).toBe(0);
    expect((await dash(bureau, { ...NOV, organisationId: org.police })).totals).toEqual({ filed: 2, settled: 1, failed: 1, withdrawn: 0, open: 0 });
    await get(bureau, { ...NOV, organisationId: org.bank }).expect(403);
    await get(bureau, { ...NOV, mediatorId: bankMediator.user.id }).expect(403);
  });

  it('a court sees the cases it delegated; the system admin the platform; a citizen nothing', async () => {
    const court = await dash(judge);
    expect(court.scope.kind).toBe('court');
    expect(court.totals).toEqual({ filed: 2, settled: 1, failed: 0, withdrawn: 0, open: 1 });
    const all = await dash(admin);
    expect(all.scope.kind).toBe('platform');
    expect(all.totals).toEqual({ filed: 8, settled: 3, failed: 2, withdrawn: 1, open: 2 });
    expect(all.complaints.total).toBe(1);
    await get(applicant, NOV).expect(403);
  });

  it('bad filters are a 400 naming the field', async () => {
    const bad = await get(dispatcher, { from: 'yesterday' }).expect(400);
    expect(JSON.stringify(bad.body)).toContain('from');
    // ISO 8601 forms a Date cannot read (week, ordinal, basic), and a date-time without its offset (which zone?).
    for (const from of ['2026-W01', '2026-100', '20261101', '2026-11-01T08:00']) expect([from, (await get(dispatcher, { from })).status]).toEqual([from, 400]);
    expect(JSON.stringify((await get(dispatcher, { organisationId: 'x' }).expect(400)).body)).toContain('organisationId');
    expect(JSON.stringify((await get(dispatcher, { from: '2030-11-20', to: '2030-11-01' }).expect(400)).body)).toContain('to');
    const month = await t.http().get('/api/statistics/monthly-return').query({ month: '2030-13' }).set('Authorization', dispatcher.auth).expect(400);
    expect(JSON.stringify(month.body)).toContain('month');
  });

  it('the monthly return (Excel) has the dashboard’s totals: dispute type × outcome, and per mediator for 以案定补', async () => {
    const d = await dash(bureau);
    const res = await t
      .http()
      .get('/api/statistics/monthly-return')
      .query({ month: '2030-11' })
      .set('Authorization', bureau.auth)
      .buffer(true)
      .parse(binary as never)
      .expect(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body);
    const cases = wb.worksheets[0];
    const total = cases.getRow(cases.rowCount).values as unknown[];
    // [_, label, settled, failed, withdrawn, open, total]
    expect(total.slice(1)).toEqual(['合计 Total', d.totals.settled, d.totals.failed, d.totals.withdrawn, d.totals.open, d.totals.filed]);
    const perMediator = wb.worksheets[1];
    const wang = perMediator.getSheetValues().find((r) => Array.isArray(r) && r[1] === '王调解') as unknown[];
    expect(wang.slice(2, 5)).toEqual([2, 1, 1]);
  });

  it('the monthly return as PDF shows the same totals', async () => {
    const d = await dash(dispatcher);
    const res = await t
      .http()
      .get('/api/statistics/monthly-return')
      .query({ month: '2030-11', format: 'pdf' })
      .set('Authorization', dispatcher.auth)
      .buffer(true)
      .parse(binary as never)
      .expect(200);
    const text = (await pdfText(res.body)).replace(/\s+/g, ' ');
    expect(text).toContain('西湖区人民调解委员会 2030-11 人民调解工作月报');
    expect(text).toMatch(new RegExp(`合计 ${d.totals.settled} ${d.totals.failed} ${d.totals.withdrawn} ${d.totals.open} ${d.totals.filed}`));
    expect(text).toContain('王调解');
  });
});
