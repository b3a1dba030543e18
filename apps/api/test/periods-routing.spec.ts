import type { CaseDetail, EndingView, MediatorChoiceView } from '@tiaojie/contracts';
import { DataSource } from 'typeorm';
import { DeadlineScanner } from '../src/cases/deadline-scanner.service';
import { NotificationDispatcher } from '../src/notifications/dispatcher.service';
import { DEMO, loginAs, type TestApp } from './harness';
import { PNG, mediatingCase, type Login } from './fixtures';
import { asUser, startRoutingWorld, type RoutingWorld } from './routing-world';

describe('periods and routing: periods (R07, R20)', () => {
  let w: RoutingWorld;
  let t: TestApp;
  let applicant: Login, respondent: Login, dispatcher: Login, mediator: Login;

  beforeAll(async () => {
    w = await startRoutingWorld();
    ({ t, applicant, respondent, dispatcher, mediator } = w);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  const as = (who: Login) => asUser(t, who);

  it('R20: expert appraisal and suspension time do not count against the mediation period; the deadline moves by it', async () => {
    const DAY = 24 * 3600_000;
    const c = await mediatingCase(t, {
      applicant,
      respondent,
      dispatcher,
      mediator,
    });
    const ending = async (who: Login = mediator): Promise<EndingView> => (await as(who).get(`/api/cases/${c.id}/ending`).expect(200)).body;
    const version = async () => (await as(mediator).get(`/api/cases/${c.id}`).expect(200)).body.version as number;
    const scan = () => t.app.get(DeadlineScanner).scan();
    // Access tokens live 15 minutes: log in again after moving the clock.
    const relogin = async () => {
      mediator = await loginAs(t, DEMO.mediator);
      applicant = await loginAs(t, DEMO.citizen);
    };
    let e = await ending();
    const d0 = Date.parse(e.mediationDeadline!);
    expect(e.actions).toContain('start_appraisal');

    // Only the case's mediator records an appraisal; a party cannot; bad input names the field.
    await as(applicant)
      .post(`/api/cases/${c.id}/ending/appraisal`, {
        start: true,
        version: await version(),
      })
      .expect(403);
    const bad = await as(mediator)
      .post(`/api/cases/${c.id}/ending/appraisal`, {
        start: 'yes',
        version: await version(),
      })
      .expect(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field)).toContain('start');
    await as(mediator)
      .post(`/api/cases/${c.id}/ending/appraisal`, {
        start: false,
        version: await version(),
      })
      .expect(409);

    e = (
      await as(mediator)
        .post(`/api/cases/${c.id}/ending/appraisal`, {
          start: true,
          version: await version(),
          note: '房屋价值评估',
        })
        .expect(200)
    ).body;
    expect(e.actions).toContain('end_appraisal');
    expect(e.periodPauses).toEqual([expect.objectContaining({ kind: 'appraisal', to: null })]);
    t.clock.advance(5 * DAY);
    await relogin();
    // While it runs the deadline moves with it.
    expect(Date.parse((await ending()).mediationDeadline!)).toBe(d0 + 5 * DAY);
    e = (
      await as(mediator)
        .post(`/api/cases/${c.id}/ending/appraisal`, {
          start: false,
          version: await version(),
        })
        .expect(200)
    ).body;
    expect(Date.parse(e.mediationDeadline!)).toBe(d0 + 5 * DAY);
    // The parties see the same deadline on the case.
    const detail: CaseDetail = (await as(applicant).get(`/api/cases/${c.id}`).expect(200)).body;
    expect(detail.deadlines.find((d) => d.rule === 'R20')?.dueAt).toBe(new Date(d0 + 5 * DAY).toISOString());

    // R36 suspension for 2 days is excluded too.
    await as(mediator)
      .post(`/api/cases/${c.id}/ending/suspend`, {
        note: '疑似虚假调解',
        version: await version(),
      })
      .expect(200);
    t.clock.advance(2 * DAY);
    await relogin();
    await as(mediator)
      .post(`/api/cases/${c.id}/ending/resume`, {
        note: '已核实',
        version: await version(),
      })
      .expect(200);
    expect(Date.parse((await ending()).mediationDeadline!)).toBe(d0 + 7 * DAY);

    // Past the original 30 days, the scanner does not end the case; past the moved deadline it does.
    t.clock.set(new Date(d0 + 6 * DAY));
    await scan();
    await relogin();
    expect((await as(mediator).get(`/api/cases/${c.id}`).expect(200)).body.state).toBe('MEDIATING');
    t.clock.set(new Date(d0 + 7 * DAY + 60_000));
    await scan();
    await relogin();
    const ended: CaseDetail = (await as(mediator).get(`/api/cases/${c.id}`).expect(200)).body;
    expect(ended.state).toBe('TERMINATED');
    expect(ended.terminationReason).toBe('period_expired');
  });

  describe('R07: the parties choose the mediator jointly from the roster, else the organisation designates', () => {
    const DAY = 24 * 3600_000;
    const relogin = async () => {
      applicant = await loginAs(t, DEMO.citizen);
      respondent = await loginAs(t, DEMO.citizen2);
      dispatcher = await loginAs(t, DEMO.orgAdmin);
      mediator = await loginAs(t, DEMO.mediator);
    };
    /** Filed, accepted by the organisation, the respondent took up the invitation: no mediator yet. */
    async function acceptedCase(): Promise<CaseDetail> {
      await relogin();
      const draft = await as(applicant)
        .post('/api/cases', {
          disputeType: 'private_loan',
          facts: '借款两万元，逾期未还。',
          claims: { amount: '20000' },
          region: '330106',
          applicant: {
            name: '张三',
            mobile: DEMO.citizen,
            idNumber: '11010519491231002X',
          },
          respondents: [{ name: '李四', mobile: DEMO.citizen2 }],
        })
        .expect(201);
      await t.http().post(`/api/cases/${draft.body.id}/documents`).set('Authorization', applicant.auth).field('kind', 'id_card').attach('file', PNG, 'id.png').expect(201);
      let c: CaseDetail = (
        await as(applicant)
          .post(`/api/cases/${draft.body.id}/submit`, {
            version: draft.body.version,
            consent: true,
            noticeSeen: true,
          })
          .expect(201)
      ).body;
      c = (await as(dispatcher).post(`/api/cases/${c.id}/accept`, { version: c.version }).expect(201)).body;
      await t.app.get(NotificationDispatcher).dispatchDue();
      const sms = await t.http().get('/api/dev/sms').query({ mobile: DEMO.citizen2 });
      const token = /\/invite\/([A-Za-z0-9_-]+)/.exec(sms.body.find((m: { body: string }) => m.body.includes(c.number!) && m.body.includes('/invite/')).body)![1];
      await as(respondent).post(`/api/invitations/${token}/claim`).expect(201);
      return c;
    }
    const choice = async (who: Login, caseId: string): Promise<MediatorChoiceView> => (await as(who).get(`/api/cases/${caseId}/mediator-choice`).expect(200)).body;
    const choose = (who: Login, caseId: string, mediatorId: string, version: number) =>
      as(who).post(`/api/cases/${caseId}/mediator-choice`, {
        mediatorId,
        version,
      });

    it('R07: when every party chose the same roster mediator, that mediator gets the assignment as usual', async () => {
      const c = await acceptedCase();
      let v = await choice(applicant, c.id);
      expect(v.open).toBe(true);
      expect(v.canChoose).toBe(true);
      expect(v.roster.map((r) => r.id)).toContain(mediator.user.id);
      expect(Date.parse(v.windowEndsAt!)).toBeLessThan(Date.parse(v.designateBy!));
      // The dispatcher's queue shows the choice window and the designation deadline.
      const queued: CaseDetail = (await as(dispatcher).get(`/api/cases/${c.id}`).expect(200)).body;
      expect(queued.deadlines.filter((d) => d.rule === 'R07').map((d) => d.kind)).toEqual(['chooseMediator', 'designateMediator']);

      // Only the parties choose, only from the organisation's roster.
      const bank = await loginAs(t, DEMO.bankMediator);
      const notRoster = await choose(applicant, c.id, bank.user.id, v.caseVersion).expect(422);
      expect(notRoster.body.fields[0]).toMatchObject({
        field: 'mediatorId',
        constraint: 'R07_roster',
      });
      await choose(mediator, c.id, mediator.user.id, v.caseVersion).expect(403);
      await choose(dispatcher, c.id, mediator.user.id, v.caseVersion).expect(403);
      await choose(applicant, c.id, 'x', v.caseVersion).expect(400);

      const other = v.roster.find((r) => r.id !== mediator.user.id)!;
      v = (await choose(applicant, c.id, mediator.user.id, v.caseVersion).expect(200)).body;
      v = (await choose(respondent, c.id, other.id, v.caseVersion).expect(200)).body;
      // Different choices: nobody is assigned.
      expect(v.assigned).toBe(false);
      expect(v.choices.map((x) => x.mediatorId)).toEqual([mediator.user.id, other.id]);
      expect((await as(dispatcher).get(`/api/cases/${c.id}`).expect(200)).body.assignments).toEqual([]);
      // The same choice: the mediator is assigned (pending, R09) and told.
      v = (await choose(respondent, c.id, mediator.user.id, v.caseVersion).expect(200)).body;
      expect(v.assigned).toBe(true);
      expect(v.open).toBe(false);
      const detail: CaseDetail = (await as(dispatcher).get(`/api/cases/${c.id}`).expect(200)).body;
      expect(detail.assignments).toEqual([
        expect.objectContaining({
          mediatorId: mediator.user.id,
          status: 'pending',
          role: 'presiding',
        }),
      ]);
      const told = await t.app.get(DataSource).query(`SELECT 1 FROM notification WHERE case_id = $1 AND template = 'mediator_assigned' AND recipient_role = 'mediator'`, [c.id]);
      expect(told.length).toBeGreaterThan(0);
      await choose(applicant, c.id, other.id, v.caseVersion).expect(409);
      // The mediator accepts as usual.
      await as(mediator)
        .post(`/api/cases/${c.id}/assignment/accept`, {
          version: detail.version,
        })
        .expect(201);
    });

    it('R07: after 2 working days the parties can no longer choose; the dispatcher is reminded, then told it is overdue on day 3', async () => {
      const c = await acceptedCase();
      const v = await choice(applicant, c.id);
      const db = t.app.get(DataSource);
      const notices = async (template: string) => (await db.query(`SELECT 1 FROM notification WHERE case_id = $1 AND template = $2 AND recipient_role = 'dispatcher'`, [c.id, template])).length;
      await t.app.get(DeadlineScanner).scan();
      expect(await notices('mediator_choice_closed')).toBe(0);

      t.clock.set(new Date(Date.parse(v.windowEndsAt!) + 60_000));
      await relogin();
      const late = await choose(applicant, c.id, mediator.user.id, v.caseVersion).expect(422);
      expect(late.body.fields[0].constraint).toBe('R07_choice_window');
      expect((await choice(applicant, c.id)).canChoose).toBe(false);
      await t.app.get(DeadlineScanner).scan();
      expect(await notices('mediator_choice_closed')).toBeGreaterThan(0);
      expect(await notices('designation_overdue')).toBe(0);

      t.clock.set(new Date(Date.parse(v.designateBy!) + 60_000));
      await t.app.get(DeadlineScanner).scan();
      expect(await notices('designation_overdue')).toBeGreaterThan(0);
      void DAY;
    });
  });
});
