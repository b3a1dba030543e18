import type { CaseDetail, ChannelView, CourtFilingView, CourtQueueItem } from '@tiaojie/contracts';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AccountsService } from '../src/accounts/accounts.service';
import { User } from '../src/accounts/user.entity';
import { NotificationDispatcher } from '../src/notifications/dispatcher.service';
import { Court } from '../src/organisations/court.entity';
import { Membership } from '../src/organisations/membership.entity';
import { caseViewsText, draftAgreement, expectAll, expectNone, loanAgreement, marker, mediatingCase, readText, sealAgreement, signAgreement, uploadDocument, type Login } from './fixtures';
import { DEMO, DEMO_PASSWORD, inviteTokenFor, latestCode, loginAs, startTestApp, type TestApp } from './harness';

/**
 * R15, R19 (issue #9): one server-side rule decides who sees each private item — a party's
 * change requests, a mediator's contact note, the file names of a side's own documents and ID
 * proofs, the agreement's papers — and every view of the case uses it. Each private item
 * carries a unique marker; every view is opened as every identity and searched for it.
 */
describe('R15, R19: private items on every shared view (real database)', () => {
  let t: TestApp;
  let db: DataSource;
  let applicant: Login, respondent: Login, dispatcher: Login, mediator: Login, pendingMediator: Login, orgMember: Login, judge: Login, clerk: Login, otherJudge: Login, intake: Login, stranger: Login;
  const ORG_MEMBER = '13900000077';
  const OTHER_JUDGE = '13700000099';

  const as = (who: Login) => ({
    get: (url: string) => t.http().get(url).set('Authorization', who.auth),
    post: (url: string, body: object = {}) => t.http().post(url).set('Authorization', who.auth).send(body),
  });

  const read = (who: Login, url: string) => readText(t, who, url);
  const caseViews = (who: Login, caseId: string, agreementId: string | null) => caseViewsText(t, who, caseId, agreementId);
  const upload = (who: Login, caseId: string, kind: string, fileName: string, visibility?: string) => uploadDocument(t, who, caseId, kind, fileName, visibility);

  const version = async (caseId: string, who = mediator) => ((await as(who).get(`/api/cases/${caseId}`).expect(200)).body as CaseDetail).version;
  const partiesOf = async (caseId: string) => {
    const parties = ((await as(mediator).get(`/api/cases/${caseId}`).expect(200)).body as CaseDetail).parties;
    return { applicantParty: parties.find((p) => p.side === 'applicant')!, respondentParty: parties.find((p) => p.side === 'respondent')! };
  };

  async function inviteToken(caseNumber: string | null): Promise<string> {
    await t.app.get(NotificationDispatcher).dispatchDue();
    return inviteTokenFor(t, DEMO.citizen2, caseNumber);
  }

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    const hash = await t.app.get(AccountsService).hashPassword(DEMO_PASSWORD);
    const users = db.getRepository(User);
    const member = await users.save(users.create({ mobile: ORG_MEMBER, name: '孙调解', passwordHash: hash, roles: ['mediator'], locale: 'zh-CN' }));
    const people = await db.query(`SELECT organisation_id FROM membership m JOIN app_user u ON u.id = m.user_id WHERE u.mobile = $1 AND m.role = 'mediator'`, [DEMO.mediator]);
    await db.getRepository(Membership).save({ userId: member.id, organisationId: people[0].organisation_id, courtId: null, role: 'mediator' as const });
    const court = await db.getRepository(Court).save({ name: '杭州市上城区人民法院', region: '330102', level: 'basic' as const });
    const judge2 = await users.save(users.create({ mobile: OTHER_JUDGE, name: '赵法官', passwordHash: hash, roles: ['judge'], locale: 'zh-CN' }));
    await db.getRepository(Membership).save({ userId: judge2.id, organisationId: null, courtId: court.id, role: 'judge' as const });
    [applicant, respondent, dispatcher, mediator, pendingMediator, orgMember, judge, clerk, otherJudge, intake, stranger] = await Promise.all(
      [DEMO.citizen, DEMO.citizen2, DEMO.orgAdmin, DEMO.mediator, DEMO.mediator2, ORG_MEMBER, DEMO.judge, '13700000002', OTHER_JUDGE, DEMO.intake, DEMO.bankMediator].map((m) => loginAs(t, m)),
    );
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  describe('a case through mediation, agreement, confirmation and the ruling', () => {
    let c: CaseDetail;
    let agreementId: string;
    let applicationId: string;
    const M = {
      appId: marker('APPIDPROOF'),
      appIdShared: marker('APPIDSHARED'),
      appOwn: marker('APPOWNDOC'),
      respId: marker('RESPIDPROOF'),
      respOwn: marker('RESPOWNDOC'),
      appChange: marker('APPCHANGE'),
      respChange: marker('RESPCHANGE'),
      noteApp: marker('NOTEAPP'),
      noteResp: marker('NOTERESP'),
    };
    const applicantPrivate = [M.appId, M.appIdShared, M.appOwn, M.appChange];
    const respondentPrivate = [M.respId, M.respOwn, M.respChange];
    const notes = [M.noteApp, M.noteResp];
    const changes = [M.appChange, M.respChange];

    beforeAll(async () => {
      c = await mediatingCase(t, { applicant, respondent, dispatcher, mediator });
      await upload(applicant, c.id, 'id_card', M.appId);
      // An ID proof stays with its side even when its uploader chose "all parties".
      await upload(applicant, c.id, 'id_card', M.appIdShared, 'all_parties');
      await upload(applicant, c.id, 'other', M.appOwn, 'own_side');
      await upload(respondent, c.id, 'id_card', M.respId);
      await upload(respondent, c.id, 'other', M.respOwn, 'own_side');
      const { applicantParty, respondentParty } = await partiesOf(c.id);
      await as(mediator)
        .post(`/api/cases/${c.id}/contacts`, { version: await version(c.id), partyId: applicantParty.id, method: 'phone', reached: true, note: `电话联系张三，他私下说 ${M.noteApp}` })
        .expect(201);
      await as(mediator)
        .post(`/api/cases/${c.id}/contacts`, { version: await version(c.id), partyId: respondentParty.id, method: 'phone', reached: true, note: `电话联系李四，他私下说 ${M.noteResp}` })
        .expect(201);
      // A second mediator of the organisation, assigned but not (yet) accepting (R09).
      await as(dispatcher)
        .post(`/api/cases/${c.id}/assignments`, { version: await version(c.id), mediatorId: pendingMediator.user.id })
        .expect(201);

      const draft = await draftAgreement(t, c.id, mediator, loanAgreement([applicantParty, respondentParty], { dueDate: '2026-04-30', responsibilities: '李四承认借款事实。' }));
      agreementId = draft.id;
      await as(applicant)
        .post(`/api/agreements/${draft.id}/change-requests`, { revision: 1, text: `希望分期 ${M.appChange}` })
        .expect(201);
      await as(respondent)
        .post(`/api/agreements/${draft.id}/change-requests`, { revision: 1, text: `希望减免 ${M.respChange}` })
        .expect(201);
      const signed = await signAgreement(t, draft, mediator, [
        [mediator, DEMO.mediator],
        [applicant, DEMO.citizen],
        [respondent, DEMO.citizen2],
      ]);
      // R26: a people's mediation committee's agreement takes effect at its org admin's seal act.
      expect(signed.status).toBe('awaiting_seal');
      expect((await sealAgreement(t, signed, dispatcher)).status).toBe('effective');
      // The joint application, the court's acceptance and its ruling.
      for (const [who, mobile] of [
        [applicant, DEMO.citizen],
        [respondent, DEMO.citizen2],
      ] as const) {
        t.clock.advance(61_000);
        await as(who).post(`/api/cases/${c.id}/confirmation/code`).expect(202);
        const code = await latestCode(t, mobile);
        const o = (await as(who).get(`/api/cases/${c.id}/confirmation`).expect(200)).body;
        await as(who).post(`/api/cases/${c.id}/confirmation/sign`, { code, answers: {}, version: o.caseVersion }).expect(201);
      }
      const queue: CourtQueueItem[] = (await as(judge).get('/api/court/confirmations').expect(200)).body;
      applicationId = queue.find((q) => q.caseId === c.id)!.id;
      await as(clerk).post(`/api/court/confirmations/${applicationId}/accept`).expect(201);
      await as(judge).post(`/api/court/confirmations/${applicationId}/confirm`, {}).expect(201);
    }, 240_000);

    it('the mediator who mediates sees every item (the markers are really there)', async () => {
      expectAll(await caseViews(mediator, c.id, agreementId), [...applicantPrivate, ...respondentPrivate, ...notes], 'mediator');
    });

    it('each party sees its own items and none of the other party’s, nor the mediator’s contact notes (R15)', async () => {
      const a = await caseViews(applicant, c.id, agreementId);
      expectAll(a, applicantPrivate, 'applicant');
      expectNone(a, [...respondentPrivate, ...notes], 'applicant');
      const r = await caseViews(respondent, c.id, agreementId);
      expectAll(r, respondentPrivate, 'respondent');
      expectNone(r, [...applicantPrivate, ...notes], 'respondent');
      // The ruling and the application are the parties' (R29, R34).
      expect((await read(applicant, `/api/cases/${c.id}/confirmation/ruling.pdf`)).status).toBe(200);
    });

    it('the organisation admin and a mediator who has not accepted see no party’s change requests (R15)', async () => {
      for (const [name, who] of [
        ['org admin', dispatcher],
        ['pending mediator', pendingMediator],
      ] as const) {
        const text = await caseViews(who, c.id, agreementId);
        expect(text).toContain(agreementId); // they do read the agreement itself
        expectNone(text, changes, name);
      }
    });

    it('a mediator of the organisation who is not on the case gets neither the agreement nor its ruling (R19)', async () => {
      const text = await caseViews(orgMember, c.id, agreementId);
      expectNone(text, changes, 'org member');
      expect((await read(orgMember, `/api/agreements/${agreementId}`)).status).toBe(404);
      for (const pdf of ['ruling.pdf', 'application.pdf']) {
        const res = await read(orgMember, `/api/cases/${c.id}/confirmation/${pdf}`);
        expect({ pdf, status: res.status }).toEqual({ pdf, status: 404 });
      }
    });

    it('the judge reads the package (ID proofs included) but no change request and no contact note', async () => {
      expect((await read(judge, `/api/cases/${c.id}`)).status).toBe(404);
      const detail = await read(judge, `/api/court/confirmations/${applicationId}`);
      expect(detail.status).toBe(200);
      expectAll(detail.text, [M.appId, M.respId], 'judge');
      const texts = [detail.text];
      for (const f of ['application.pdf', 'agreement.pdf', 'ruling.pdf']) texts.push((await read(judge, `/api/court/confirmations/${applicationId}/${f}`)).text);
      expectNone(texts.join('\n'), [...changes, ...notes], 'judge');
    });

    it('R19: every read of the court portal’s case material is in the case access log, refusals included', async () => {
      const logged = async (userId: string) =>
        (await db.query(`SELECT action, target_id, allowed FROM case_access_log WHERE case_id = $1 AND user_id = $2 ORDER BY created_at`, [c.id, userId])) as Array<{
          action: string;
          target_id: string | null;
          allowed: boolean;
        }>;
      const before = (await logged(judge.user.id)).length;
      const d = (await as(judge).get(`/api/court/confirmations/${applicationId}`).expect(200)).body;
      const docId = d.packageItems.find((i: { kind: string; documents: unknown[] }) => i.kind === 'id_proof' && i.documents.length).documents[0].id;
      await as(judge).get(`/api/court/confirmations/${applicationId}/documents/${docId}`).expect(200);
      for (const f of ['application.pdf', 'agreement.pdf', 'ruling.pdf']) await as(judge).get(`/api/court/confirmations/${applicationId}/${f}`).expect(200);
      const rows = (await logged(judge.user.id)).slice(before);
      expect(rows).toHaveLength(5);
      expect(rows.every((r) => r.allowed)).toBe(true);
      expect(rows.map((r) => r.target_id)).toEqual([applicationId, docId, applicationId, applicationId, applicationId]);
      // Another court's judge is refused with a 404, and the refusal is logged.
      await as(otherJudge).get(`/api/court/confirmations/${applicationId}`).expect(404);
      await as(otherJudge).get(`/api/court/confirmations/${applicationId}/documents/${docId}`).expect(404);
      expect((await logged(otherJudge.user.id)).map((r) => r.allowed)).toEqual([false, false]);
    });

    it('an agreement id answers the same status, code and message whether it is missing or forbidden', async () => {
      const body = async (who: Login, method: 'get' | 'post', url: string) => {
        const res = method === 'get' ? await as(who).get(url) : await as(who).post(url, { revision: 1, text: 'x' });
        return { status: res.status, code: res.body.code, message: res.body.message };
      };
      const missing = randomUUID();
      for (const [method, path] of [
        ['get', ''],
        ['get', '/pdf'],
        ['get', '/compare?from=1&to=1'],
        ['post', '/change-requests'],
        ['post', '/signing-code'],
      ] as const) {
        const gone = await body(orgMember, method, `/api/agreements/${missing}${path}`);
        expect(gone.status).toBe(404);
        for (const [name, who] of [
          ['org member', orgMember],
          ['stranger', stranger],
          ['judge', judge],
        ] as const) {
          expect({ name, path, ...(await body(who, method, `/api/agreements/${agreementId}${path}`)) }).toEqual({ name, path, ...gone });
        }
      }
    });
  });

  describe('a case filed by intake staff for a citizen, with a respondent who has not consented', () => {
    let c: CaseDetail;
    let token: string;
    const M = {
      facts: marker('FACTS'),
      appId: marker('BAPPID'),
      appEvidence: marker('BAPPEVIDENCE'),
      respId: marker('BRESPID'),
      respOwn: marker('BRESPOWN'),
      noteApp: marker('BNOTEAPP'),
      noteResp: marker('BNOTERESP'),
    };

    beforeAll(async () => {
      const draft = (
        await as(intake)
          .post('/api/cases', {
            disputeType: 'private_loan',
            facts: `借款两万元，逾期未还。${M.facts}`,
            claims: { amount: '20000' },
            region: '330106',
            applicant: { name: '张三', mobile: DEMO.citizen, idNumber: '11010519491231002X' },
            respondents: [{ name: '李四', mobile: DEMO.citizen2 }],
          })
          .expect(201)
      ).body;
      await upload(intake, draft.id, 'id_card', M.appId);
      await upload(intake, draft.id, 'evidence', M.appEvidence);
      c = (await as(intake).post(`/api/cases/${draft.id}/submit`, { version: draft.version, consent: true, noticeSeen: true }).expect(201)).body;
      c = (await as(dispatcher).post(`/api/cases/${c.id}/accept`, { version: c.version }).expect(201)).body;
      c = (await as(dispatcher).post(`/api/cases/${c.id}/assignments`, { version: c.version, mediatorId: mediator.user.id }).expect(201)).body;
      c = (await as(mediator).post(`/api/cases/${c.id}/assignment/accept`, { version: c.version }).expect(201)).body;
      token = await inviteToken(c.number);
    }, 120_000);

    it('the invitation link discloses nothing of the dispute until the invited number proves itself by SMS code, and never again once claimed', async () => {
      const undisclosed = [M.facts, '张三', '20000', c.number!, '借款'];
      const preview = await t.http().get(`/api/invitations/${token}`).expect(200);
      expectNone(JSON.stringify(preview.body), undisclosed, 'link holder');
      expect(preview.body).toMatchObject({ mobileMasked: '138****0002', status: 'open' });
      // A wrong code discloses nothing either.
      const wrong = await t.http().post(`/api/invitations/${token}/view`).send({ code: '000000' });
      expect(wrong.status).toBeGreaterThanOrEqual(400);
      expectNone(JSON.stringify(wrong.body), undisclosed, 'wrong code');
      await t.http().post(`/api/invitations/${token}/view`).send({ code: 'abc' }).expect(400);
      // The code goes to the invited number (whoever asks for it), and opens the summary.
      await t.http().post(`/api/invitations/${token}/code`).send({}).expect(202);
      const code = await latestCode(t, DEMO.citizen2);
      const view = await t.http().post(`/api/invitations/${token}/view`).send({ code }).expect(200);
      expect(view.body).toMatchObject({ caseId: c.id, caseNumber: c.number, applicantName: '张三', respondentName: '李四', mobileMasked: '138****0002' });
      expect(view.body.factsSummary).toContain(M.facts);
      // A code is spent once.
      await t.http().post(`/api/invitations/${token}/view`).send({ code }).expect(401);
      await as(respondent).post(`/api/invitations/${token}/claim`).expect(201);
      // Claimed: the link shows only that, and no code opens it any more.
      const after = await t.http().get(`/api/invitations/${token}`).expect(200);
      expect(after.body).toMatchObject({ status: 'claimed' });
      expectNone(JSON.stringify(after.body), undisclosed, 'claimed link');
      t.clock.advance(61_000);
      const again = await t.http().post(`/api/invitations/${token}/code`).send({});
      expect(again.status).toBe(409);
      const reopened = await t.http().post(`/api/invitations/${token}/view`).send({ code: '123456' });
      expect(reopened.status).toBe(409);
      expectNone(JSON.stringify(reopened.body), undisclosed, 'claimed link with a code');
      // A malformed or unknown token is the same 404.
      await t.http().get('/api/invitations/short').expect(404);
      await t
        .http()
        .post(`/api/invitations/${'x'.repeat(40)}/code`)
        .send({})
        .expect(404);
    });

    it('neither the filer acting for the applicant nor the respondent who has not consented sees the other side’s items or the contact notes', async () => {
      await as(respondent).post(`/api/invitations/${token}/claim`).expect(201); // (taken up already: the same answer)
      await upload(respondent, c.id, 'id_card', M.respId);
      await upload(respondent, c.id, 'other', M.respOwn, 'own_side');
      const { applicantParty, respondentParty } = await partiesOf(c.id);
      await as(mediator)
        .post(`/api/cases/${c.id}/contacts`, { version: await version(c.id), partyId: applicantParty.id, method: 'phone', reached: true, note: `张三说 ${M.noteApp}` })
        .expect(201);
      await as(mediator)
        .post(`/api/cases/${c.id}/contacts`, { version: await version(c.id), partyId: respondentParty.id, method: 'phone', reached: true, answer: 'thinking', note: `李四说 ${M.noteResp}` })
        .expect(201);

      expectAll(await caseViews(mediator, c.id, null), [M.appId, M.appEvidence, M.respId, M.respOwn, M.noteApp, M.noteResp], 'mediator');
      const filer = await caseViews(intake, c.id, null);
      expectAll(filer, [M.appId, M.appEvidence], 'filer');
      expectNone(filer, [M.respId, M.respOwn, M.noteApp, M.noteResp], 'filer');
      const limited = await caseViews(respondent, c.id, null);
      expectAll(limited, [M.respId, M.respOwn], 'respondent without consent');
      expectNone(limited, [M.appId, M.appEvidence, M.noteApp, M.noteResp], 'respondent without consent');
    });
  });

  describe('a failed mediation escalated to the court with its case-file package', () => {
    let c: CaseDetail;
    let filingId: string;
    let messageId: string;
    let jointId: string;
    const M = { appId: marker('CAPPID'), respOwn: marker('CRESPOWN'), respId: marker('CRESPID'), evidence: marker('CEVIDENCE') };

    beforeAll(async () => {
      c = await mediatingCase(t, { applicant, respondent, dispatcher, mediator });
      await upload(applicant, c.id, 'id_card', M.appId);
      await upload(applicant, c.id, 'evidence', M.evidence);
      await upload(respondent, c.id, 'id_card', M.respId);
      await upload(respondent, c.id, 'other', M.respOwn, 'own_side');
      const all: ChannelView[] = (await as(mediator).get(`/api/cases/${c.id}/channels`).expect(200)).body;
      jointId = all.find((ch) => ch.kind === 'joint')!.id;
      const channels: ChannelView[] = (await as(applicant).get(`/api/cases/${c.id}/channels`).expect(200)).body;
      const caucus = channels.find((ch) => ch.kind === 'caucus')!;
      messageId = (await as(applicant).post(`/api/channels/${caucus.id}/messages`, { clientId: randomUUID(), body: '只对调解员说' }).expect(201)).body.message.id;
      await as(mediator)
        .post(`/api/cases/${c.id}/ending/terminate`, { version: await version(c.id), reasonCode: 'positions_too_far', situation: '双方分歧较大。' })
        .expect(200);
      await as(mediator)
        .post(`/api/cases/${c.id}/ending/escalate`, { version: await version(c.id), route: 'online_filing' })
        .expect(200);
      const list: CourtFilingView[] = (await as(judge).get('/api/court/filings').expect(200)).body;
      filingId = list.find((f) => f.caseId === c.id)!.id;
    }, 120_000);

    it('each party’s copy of the package lists the shared evidence and its own files only; the court’s lists all', async () => {
      const court = [(await read(judge, `/api/court/filings/${filingId}/package.json`)).text, (await read(judge, `/api/court/filings/${filingId}/package.pdf`)).text].join('\n');
      expectAll(court, [M.appId, M.respId, M.respOwn, M.evidence], 'court');
      const a = await caseViews(applicant, c.id, null);
      expectAll(a, [M.appId, M.evidence], 'applicant');
      expectNone(a, [M.respId, M.respOwn], 'applicant');
      const r = await caseViews(respondent, c.id, null);
      expectAll(r, [M.respId, M.respOwn, M.evidence], 'respondent');
      expectNone(r, [M.appId], 'respondent');
    });

    it('R19: the court’s reads of the filing and its package are in the case access log', async () => {
      const count = async () => Number((await db.query(`SELECT count(*) AS n FROM case_access_log WHERE case_id = $1 AND user_id = $2 AND allowed`, [c.id, clerk.user.id]))[0].n);
      const before = await count();
      await as(clerk).get(`/api/court/filings/${filingId}`).expect(200);
      await as(clerk).get(`/api/court/filings/${filingId}/package.json`).expect(200);
      await as(clerk).get(`/api/court/filings/${filingId}/package.pdf`).expect(200);
      expect(await count()).toBe(before + 3);
      await as(otherJudge).get(`/api/court/filings/${filingId}`).expect(404);
      const refused = await db.query(`SELECT allowed FROM case_access_log WHERE case_id = $1 AND user_id = $2`, [c.id, otherJudge.user.id]);
      expect(refused).toEqual([{ allowed: false }]);
    });

    it('a message id on share answers the same whether the message is missing or another’s (R15)', async () => {
      const share = async (who: Login, id: string) => {
        const res = await as(who).post(`/api/messages/${id}/share`, { toChannelId: jointId });
        return { status: res.status, code: res.body.code, message: res.body.message };
      };
      for (const [name, who] of [
        ['other party', respondent],
        ['mediator not on the case', stranger],
        ['filer of nothing here', intake],
      ] as const) {
        const missing = await share(who, randomUUID());
        expect(missing.status).toBe(404);
        expect({ name, ...(await share(who, messageId)) }).toEqual({ name, ...missing });
      }
    });
  });
});
