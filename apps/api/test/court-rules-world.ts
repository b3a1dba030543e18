/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are read as the API sends them */
import { DataSource } from 'typeorm';
import { Organisation } from '../src/organisations/organisation.entity';
import { DEMO, latestCode, loginAs, startTestApp, type TestApp } from './harness';
import { mediatingCase, PNG, type Login } from './fixtures';

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
  async function signAll(caseId: string): Promise<any> {
    const parties = (await caseOf(mediator, caseId)).parties as {
      id: string;
      side: string;
    }[];
    let a = (
      await as(mediator)
        .post(`/api/cases/${caseId}/agreements`, {
          partial: false,
          content: {
            facts: '李四向张三借款两万元，逾期未还。',
            disputedMatters: '借款的归还',
            responsibilities: '李四承认借款事实。',
            otherTerms: '',
          },
          obligations: [
            {
              obligorPartyId: parties.find((p) => p.side === 'respondent')!.id,
              obligeePartyId: parties.find((p) => p.side === 'applicant')!.id,
              kind: 'payment',
              description: '归还借款',
              amount: '20000.00',
              place: '杭州',
              method: '银行转账',
              dueDate: '2026-06-30',
            },
          ],
        })
        .expect(201)
    ).body;
    a = (await as(mediator).post(`/api/agreements/${a.id}/start-signing`, { revision: a.revision }).expect(201)).body;
    const signature = `data:image/png;base64,${PNG.toString('base64')}`;
    for (const [login, mobile] of [
      [mediator, DEMO.mediator],
      [applicant, DEMO.citizen],
      [respondent, DEMO.citizen2],
    ] as const) {
      t.clock.advance(61_000);
      await as(login).post(`/api/agreements/${a.id}/signing-code`).expect(202);
      const code = await latestCode(t, mobile);
      a = (
        await as(login)
          .post(`/api/agreements/${a.id}/sign`, {
            contentHash: a.contentHash,
            code,
            signaturePng: signature,
          })
          .expect(201)
      ).body;
    }
    return a;
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
    if (a.status === 'awaiting_seal') await as(dispatcher).post(`/api/agreements/${a.id}/seal`).expect(201);
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
    async start() {
      t = await startTestApp();
      await relogin();
    },
    close: async () => {
      await t?.close();
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
    relogin,
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
