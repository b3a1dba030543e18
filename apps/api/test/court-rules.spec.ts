/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are read as the API sends them */
import { deadlineFrom } from '@tiaojie/domain';
import { HolidayCalendarService } from '../src/calendar/holiday-calendar.service';
import { DeadlineScanner } from '../src/cases/deadline-scanner.service';
import type { TestApp } from './harness';
import { PNG, type Login } from './fixtures';
import { courtRulesWorld, DAY } from './court-rules-world';

/**
 * The court rules of issue #10: R33 (refusal to accept, a missed supplement put to the judge,
 * the approved extension). The real app on a real database; agreement-rules.spec.ts has the rest.
 */
describe('court and agreement rules: the court (R29, R33)', () => {
  const w = courtRulesWorld();
  const { as, db, overview, settledCase, applyJointly } = w;
  let t: TestApp;
  let applicant: Login, judge: Login, clerk: Login;
  const sync = () => {
    t = w.t;
    ({ applicant, judge, clerk } = w.logins());
  };
  const relogin = w.lifecycle(sync);

  // ─── R33 ────────────────────────────────────────────────────────────────────────────

  it('R33: the court refuses to accept (不予受理) with a ground within the 3 days; only a judge, only before acceptance', async () => {
    const c = await settledCase();
    const appId = await applyJointly(c.id);
    const detail = (await as(judge).get(`/api/court/confirmations/${appId}`).expect(200)).body;
    expect(detail.actions).toContain('refuse');
    await as(clerk)
      .post(`/api/court/confirmations/${appId}/refuse`, {
        reasonCode: 'outside_jurisdiction',
      })
      .expect(403);
    const bad = await as(judge).post(`/api/court/confirmations/${appId}/refuse`, { reasonCode: 'bogus' }).expect(400);
    expect(bad.body.fields[0].field).toBe('reasonCode');
    const noNote = await as(judge).post(`/api/court/confirmations/${appId}/refuse`, { reasonCode: 'other' }).expect(422);
    expect(noNote.body.fields[0].constraint).toBe('R33_note_for_other');
    t.clock.advance(DAY);
    await relogin();
    const refused = (
      await as(judge)
        .post(`/api/court/confirmations/${appId}/refuse`, {
          reasonCode: 'outside_jurisdiction',
          reasonNote: '标的物不在本院辖区',
        })
        .expect(201)
    ).body;
    expect(refused.status).toBe('refused');
    expect(refused.refusal).toMatchObject({
      ground: 'outside_jurisdiction',
      note: '标的物不在本院辖区',
      judgeName: '刘法官',
      withinPeriod: true,
    });
    // The agreement stays in effect: the case is SETTLED again and the parties may apply anew.
    const o = await overview(applicant, c.id);
    expect(o.caseState).toBe('SETTLED');
    expect(o.application).toMatchObject({ status: 'refused' });
    expect(o.actions).toContain('sign');
    const timeline: any[] = (await as(applicant).get(`/api/cases/${c.id}/timeline`).expect(200)).body;
    expect(timeline.some((e) => e.type === 'confirmation_refused' && e.toState === 'SETTLED')).toBe(true);
    // An accepted application is ruled on, not refused.
    await relogin();
    const second = await applyJointly(c.id);
    await as(clerk).post(`/api/court/confirmations/${second}/accept`).expect(201);
    await as(judge)
      .post(`/api/court/confirmations/${second}/refuse`, {
        reasonCode: 'outside_jurisdiction',
      })
      .expect(409);
  }, 180_000);

  it('R33: a missed deadline for supplementary materials is put to the judge, who decides whether it counts as withdrawal — the scanner does not withdraw', async () => {
    const c = await settledCase();
    const appId = await applyJointly(c.id);
    await as(clerk).post(`/api/court/confirmations/${appId}/accept`).expect(201);
    const dueDate = new Date(t.clock.now().getTime() + 8 * 3600_000 + 2 * DAY).toISOString().slice(0, 10);
    await as(clerk)
      .post(`/api/court/confirmations/${appId}/supplements`, {
        text: '请补充收入证明',
        dueDate,
      })
      .expect(201);
    const first = (await overview(applicant, c.id)).application.supplements[0].id;
    // Not missed yet: the judge has nothing to decide.
    await as(judge)
      .post(`/api/court/confirmations/${appId}/supplements/${first}/decision`, {
        withdrawn: true,
      })
      .expect(409);

    t.clock.advance(4 * DAY);
    await relogin();
    await t.app.get(DeadlineScanner).scan();
    await t.app.get(DeadlineScanner).scan();
    let o = await overview(applicant, c.id);
    expect(o.caseState).toBe('CONFIRMATION_REQUESTED');
    expect(o.application.status).toBe('accepted');
    expect(o.application.supplements[0]).toMatchObject({ decision: null });
    expect(o.application.supplements[0].missedAt).not.toBeNull();
    // The judges of the court are told, once.
    const told = await db().query(`SELECT COUNT(*)::int AS n FROM notification WHERE case_id = $1 AND dedup_key LIKE $2 AND recipient_user_id = $3`, [
      c.id,
      `court:supplement_missed:${first}%`,
      judge.user.id,
    ]);
    expect(told[0].n).toBeGreaterThan(0);
    const detail = (await as(judge).get(`/api/court/confirmations/${appId}`).expect(200)).body;
    expect(detail.actions).toContain('decide_supplement');
    // Late materials are refused until the judge decides.
    await t.http().post(`/api/cases/${c.id}/confirmation/supplements/${first}/documents`).set('Authorization', applicant.auth).attach('file', PNG, 'late.png').expect(409);
    await as(clerk)
      .post(`/api/court/confirmations/${appId}/supplements/${first}/decision`, {
        withdrawn: true,
      })
      .expect(403);
    await as(judge)
      .post(`/api/court/confirmations/${appId}/supplements/${first}/decision`, {
        withdrawn: 'yes',
      })
      .expect(400);

    // The judge lets the application go on: the parties may still provide the materials.
    await as(judge)
      .post(`/api/court/confirmations/${appId}/supplements/${first}/decision`, {
        withdrawn: false,
        note: '当事人说明了理由',
      })
      .expect(201);
    o = await overview(applicant, c.id);
    expect(o.application.supplements[0]).toMatchObject({
      decision: 'continue',
      decisionNote: '当事人说明了理由',
    });
    expect(o.actions).toContain('upload_supplement');
    await t.http().post(`/api/cases/${c.id}/confirmation/supplements/${first}/documents`).set('Authorization', applicant.auth).attach('file', PNG, 'late.png').expect(201);
    await as(judge)
      .post(`/api/court/confirmations/${appId}/supplements/${first}/decision`, {
        withdrawn: true,
      })
      .expect(409);

    // A second request is missed too; this time the judge rules it a withdrawal.
    const due2 = new Date(t.clock.now().getTime() + 8 * 3600_000 + DAY).toISOString().slice(0, 10);
    await as(clerk)
      .post(`/api/court/confirmations/${appId}/supplements`, {
        text: '请补充身份证明原件照片',
        dueDate: due2,
      })
      .expect(201);
    const second = (await overview(applicant, c.id)).application.supplements[1].id;
    t.clock.advance(3 * DAY);
    await relogin();
    await t.app.get(DeadlineScanner).scan();
    expect((await overview(applicant, c.id)).caseState).toBe('CONFIRMATION_REQUESTED');
    await as(judge).post(`/api/court/confirmations/${appId}/supplements/${second}/decision`, { withdrawn: true, note: '逾期未补充' }).expect(201);
    o = await overview(applicant, c.id);
    expect(o.caseState).toBe('SETTLED');
    expect(o.application).toMatchObject({
      status: 'withdrawn',
      withdrawnReason: 'supplement_missed',
    });
    expect(o.application.supplements[1]).toMatchObject({
      decision: 'withdrawn',
    });
    const timeline: any[] = (await as(applicant).get(`/api/cases/${c.id}/timeline`).expect(200)).body;
    expect(timeline.find((e) => e.type === 'confirmation_supplement_withdrawn')).toMatchObject({ toState: 'SETTLED', actorRole: 'judge' });
  }, 180_000);

  it('R33: the 10-day extension of the ruling period records who approved it and when, and happens only once', async () => {
    const c = await settledCase();
    const appId = await applyJointly(c.id);
    await as(clerk).post(`/api/court/confirmations/${appId}/accept`).expect(201);
    const before = (await as(judge).get(`/api/court/confirmations/${appId}`).expect(200)).body;
    t.clock.advance(3600_000);
    await relogin();
    const approvedAt = new Date(t.clock.now().getTime() - 600_000).toISOString();
    const missing = await as(judge).post(`/api/court/confirmations/${appId}/extend`, { reason: '案情复杂' }).expect(400);
    expect(missing.body.fields.map((f: any) => f.field)).toEqual(expect.arrayContaining(['approvedBy', 'approvedAt']));
    const future = await as(judge)
      .post(`/api/court/confirmations/${appId}/extend`, {
        reason: '案情复杂',
        approvedBy: '院长 王某',
        approvedAt: new Date(t.clock.now().getTime() + DAY).toISOString(),
      })
      .expect(400);
    expect(future.body.fields[0]).toMatchObject({
      field: 'approvedAt',
      constraint: 'R33_approved_not_future',
    });
    await as(clerk)
      .post(`/api/court/confirmations/${appId}/extend`, {
        reason: '案情复杂',
        approvedBy: '院长 王某',
        approvedAt,
      })
      .expect(403);
    const extended = (
      await as(judge)
        .post(`/api/court/confirmations/${appId}/extend`, {
          reason: '案情复杂',
          approvedBy: '院长 王某',
          approvedAt,
        })
        .expect(201)
    ).body;
    expect(extended.deadlines).toMatchObject({
      extended: true,
      extensionApprovedBy: '院长 王某',
      extensionApprovedAt: approvedAt,
      extensionReason: '案情复杂',
    });
    expect(extended.deadlines.ruleBy).toBe(deadlineFrom('courtRuleExtension', new Date(before.deadlines.ruleBy), t.app.get(HolidayCalendarService).calendar()).toISOString());
    expect(extended.actions).not.toContain('extend');
    const again = await as(judge)
      .post(`/api/court/confirmations/${appId}/extend`, {
        reason: '再次延长',
        approvedBy: '院长 王某',
        approvedAt,
      })
      .expect(409);
    expect(again.body.fields[0].constraint).toBe('R33_extended_once');
    // The parties see who approved it too.
    expect((await overview(applicant, c.id)).application.deadlines.extensionApprovedBy).toBe('院长 王某');
  }, 180_000);
});
