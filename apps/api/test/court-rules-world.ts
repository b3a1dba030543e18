/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are read as the API sends them */
import type { AgreementDetailView } from '@tiaojie/contracts';
import { DataSource } from 'typeorm';
import { Organisation } from '../src/organisations/organisation.entity';
import { DEMO, latestCode, loginAs, startTestApp, type TestApp } from './harness';
import { draftAgreement, loanAgreement, mediatingCase, PNG, sealAgreement, signAgreement, type Login } from './fixtures';

export const DAY = 24 * 3600_000;
export const PEOPLE = '西湖区人民调解委员会';

/**
 * The shared world of court-rules.spec.ts and agreement-rules.spec.ts (issue #10: R26, R29,
 * R33, R35, R40): one real app, everyone logged in again before each test, and the steps both
 * take — signing an agreement, a SETTLED case, the joint application for confirmation.
 */
export function courtRulesWorld() {
  let t: TestApp;
  let applicant: Login, respondent: Login, dispatcher: Login, mediator: Login, judge: Login, clerk: Login;

  async function relogin() {
    applicant = await loginAs(t, DEMO.citizen);
    respondent = await loginAs(t, DEMO.citizen2);
    dispatcher = await loginAs(t, DEMO.orgAdmin);
    mediator = await loginAs(t, DEMO.mediator);
    judge = await loginAs(t, DEMO.judge);
    clerk = await loginAs(t, '13700000002');
  }
  const as = (who: Login) => ({
    get: (url: string) => t.http().get(url).set('Authorization', who.auth),
    post: (url: string, body: object = {}) => t.http().post(url).set('Authorization', who.auth).send(body),
  });
  const db = () => t.app.get(DataSource);
  const overview = async (who: Login, caseId: string): Promise<any> => (await as(who).get(`/api/cases/${caseId}/confirmation`).expect(200)).body;
  const caseOf = async (who: Login, caseId: string): Promise<any> => (await as(who).get(`/api/cases/${caseId}`).expect(200)).body;
  const setPeopleOrg = (patch: Record<string, unknown>) =>
    db()
      .getRepository(Organisation)
      .update({ name: PEOPLE }, patch as any);

  /** Drafts, freezes and has the mediator and both parties sign; returns the agreement as the last signer sees it. */
  async function signAll(caseId: string): Promise<AgreementDetailView> {
    const draft = await draftAgreement(t, caseId, mediator, loanAgreement((await caseOf(mediator, caseId)).parties, { dueDate: '2026-06-30', responsibilities: '李四承认借款事实。', otherTerms: '' }));
    return signAgreement(t, draft, mediator, [
      [mediator, DEMO.mediator],
      [applicant, DEMO.citizen],
      [respondent, DEMO.citizen2],
    ]);
  }

  /** SETTLED under the rule of the organisation (a people's committee: the org admin seals). */
  async function settledCase() {
    const c = await mediatingCase(t, {
      applicant,
      respondent,
      dispatcher,
      mediator,
    });
    const a = await signAll(c.id);
    if (a.status === 'awaiting_seal') await sealAgreement(t, a, dispatcher);
    await t.http().post(`/api/cases/${c.id}/documents`).set('Authorization', respondent.auth).field('kind', 'id_card').attach('file', PNG, 'id2.png').expect(201);
    expect((await caseOf(mediator, c.id)).state).toBe('SETTLED');
    return c;
  }

  async function applyJointly(caseId: string): Promise<string> {
    for (const [who, mobile] of [
      [applicant, DEMO.citizen],
      [respondent, DEMO.citizen2],
    ] as const) {
      t.clock.advance(61_000);
      await as(who).post(`/api/cases/${caseId}/confirmation/code`).expect(202);
      const code = await latestCode(t, mobile);
      const o = await overview(who, caseId);
      await as(who)
        .post(`/api/cases/${caseId}/confirmation/sign`, {
          code,
          answers: {},
          version: o.caseVersion,
        })
        .expect(201);
    }
    const o = await overview(applicant, caseId);
    expect(o.caseState).toBe('CONFIRMATION_REQUESTED');
    return o.application.id;
  }

  return {
    /**
     * The spec's lifecycle: the app started once, closed at the end, and before each test two
     * hours on and everyone logged in again; `sync` runs after each login, for the spec to read
     * `t` and `logins()`. Returns that login-and-sync, for a test that needs it mid-way.
     */
    lifecycle(sync: () => void) {
      const again = async () => {
        await relogin();
        sync();
      };
      beforeAll(async () => {
        t = await startTestApp();
        await again();
      }, 120_000);
      afterAll(async () => {
        await t?.close();
      });
      beforeEach(async () => {
        t.clock.advance(2 * 3600_000);
        await again();
      });
      return again;
    },
    get t() {
      return t;
    },
    logins: () => ({
      applicant,
      respondent,
      dispatcher,
      mediator,
      judge,
      clerk,
    }),
    as,
    db,
    overview,
    caseOf,
    setPeopleOrg,
    signAll,
    settledCase,
    applyJointly,
  };
}
