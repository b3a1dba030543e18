import type { CaseDetail, ConfirmationOverview } from '@tiaojie/contracts';
import { DataSource } from 'typeorm';
import { AccountsService } from '../src/accounts/accounts.service';
import { User } from '../src/accounts/user.entity';
import { Court } from '../src/organisations/court.entity';
import { Membership } from '../src/organisations/membership.entity';
import { DEMO, DEMO_PASSWORD, latestCode, loginAs, startTestApp, type TestApp } from './harness';
import { PNG, mediatingCase, settle, type Login } from './fixtures';

/**
 * The world of court-routing.spec.ts and periods-routing.spec.ts (R07, R20, R24, R30, R31):
 * the demo data plus two more basic courts (滨江, 上城) and a judge of 上城, and everyone logged in.
 */
export interface RoutingWorld {
  t: TestApp;
  applicant: Login;
  respondent: Login;
  dispatcher: Login;
  mediator: Login;
  judge: Login;
  clerk: Login;
  otherJudge: Login;
  binjiang: Court;
  shangcheng: Court;
}

export const OTHER_JUDGE = '13700000098';

export async function startRoutingWorld(): Promise<RoutingWorld> {
  const t = await startTestApp();
  const db = t.app.get(DataSource);
  const binjiang = await db.getRepository(Court).save({
    name: '杭州市滨江区人民法院',
    region: '330108',
    level: 'basic' as const,
  });
  const shangcheng = await db.getRepository(Court).save({
    name: '杭州市上城区人民法院',
    region: '330102',
    level: 'basic' as const,
  });
  const user = await db.getRepository(User).save(
    db.getRepository(User).create({
      mobile: OTHER_JUDGE,
      name: '钱法官',
      passwordHash: await t.app.get(AccountsService).hashPassword(DEMO_PASSWORD),
      roles: ['judge'],
      locale: 'zh-CN',
    }),
  );
  await db.getRepository(Membership).save({
    userId: user.id,
    organisationId: null,
    courtId: shangcheng.id,
    role: 'judge' as const,
  });
  return {
    t,
    binjiang,
    shangcheng,
    applicant: await loginAs(t, DEMO.citizen),
    respondent: await loginAs(t, DEMO.citizen2),
    dispatcher: await loginAs(t, DEMO.orgAdmin),
    mediator: await loginAs(t, DEMO.mediator),
    judge: await loginAs(t, DEMO.judge),
    clerk: await loginAs(t, '13700000002'),
    otherJudge: await loginAs(t, OTHER_JUDGE),
  };
}

/** Requests as one logged-in user. */
export const asUser = (t: TestApp, who: Login) => ({
  get: (url: string) => t.http().get(url).set('Authorization', who.auth),
  post: (url: string, body: object = {}) => t.http().post(url).set('Authorization', who.auth).send(body),
});

export const confirmationOverview = async (t: TestApp, who: Login, caseId: string): Promise<ConfirmationOverview> => (await asUser(t, who).get(`/api/cases/${caseId}/confirmation`).expect(200)).body;

/** R29: a party signs the joint confirmation application with a fresh code. */
export async function signConfirmation(t: TestApp, who: Login, mobile: string, caseId: string, expectStatus: number) {
  t.clock.advance(61_000);
  await asUser(t, who).post(`/api/cases/${caseId}/confirmation/code`).expect(202);
  const code = await latestCode(t, mobile);
  const o = await confirmationOverview(t, who, caseId);
  return asUser(t, who)
    .post(`/api/cases/${caseId}/confirmation/sign`, {
      code,
      answers: {},
      version: o.caseVersion,
    })
    .expect(expectStatus);
}

/** A SETTLED case whose respondent uploaded an ID proof too, with both party ids. */
export async function settledRoutingCase(w: RoutingWorld, opts: { respondentAddress?: string | null } = {}) {
  const { t, applicant, respondent, dispatcher, mediator } = w;
  const c = await mediatingCase(t, { applicant, respondent, dispatcher, mediator }, opts);
  await settle(t, c.id, { mediator, applicant, respondent, dispatcher });
  await t.http().post(`/api/cases/${c.id}/documents`).set('Authorization', respondent.auth).field('kind', 'id_card').attach('file', PNG, 'id2.png').expect(201);
  const detail: CaseDetail = (await asUser(t, mediator).get(`/api/cases/${c.id}`).expect(200)).body;
  return {
    c: detail,
    applicantPartyId: detail.parties.find((p) => p.side === 'applicant')!.id,
    respondentPartyId: detail.parties.find((p) => p.side === 'respondent')!.id,
  };
}
