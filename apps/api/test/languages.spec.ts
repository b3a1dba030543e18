import { DataSource } from 'typeorm';
import { User } from '../src/accounts/user.entity';
import { CaseParty } from '../src/cases/case-party.entity';
import { DeadlineScanner } from '../src/cases/deadline-scanner.service';
import { NotificationDispatcher } from '../src/notifications/dispatcher.service';
import { PNG } from './fixtures';
import { DEMO, DEMO_PASSWORD, latestCode, loginAs, startTestApp, type TestApp } from './harness';

/**
 * Issue #11, languages: the language a person chose before logging in becomes the account's
 * (its SMS and email language) unless the account already chose one; a party known only by
 * its mobile number is written to in the language the filer gave for it; organisations' and
 * mediators' public profiles (R05) carry English texts beside the Chinese ones.
 */
describe('languages (integration, real database)', () => {
  let t: TestApp;
  let db: DataSource;
  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
  });
  afterAll(async () => {
    await t?.close();
  });

  const localeOf = async (mobile: string) => (await db.getRepository(User).findOneByOrFail({ mobile })).locale;
  const smsTo = async (mobile: string) => ((await t.http().get('/api/dev/sms').query({ mobile }).expect(200)).body as Array<{ body: string }>).map((m) => m.body);

  describe('the language chosen before login', () => {
    it('registering on an English page makes an English account', async () => {
      await t.http().post('/api/auth/otp').send({ mobile: '13955550001', purpose: 'register', locale: 'en' }).expect(202);
      const code = await latestCode(t, '13955550001');
      const res = await t.http().post('/api/auth/register').send({ mobile: '13955550001', code, password: 'correct-horse-1', name: 'Amy', locale: 'en', transport: 'api' }).expect(201);
      expect(res.body.user.locale).toBe('en');
      expect(await localeOf('13955550001')).toBe('en');
    });

    it('a password login on an English page sets the language of an account that never chose one', async () => {
      expect(await localeOf(DEMO.citizen)).toBe('zh-CN');
      const res = await t.http().post('/api/auth/login/password').send({ mobile: DEMO.citizen, password: DEMO_PASSWORD, locale: 'en', transport: 'api' }).expect(200);
      expect(res.body.user.locale).toBe('en');
      expect(await localeOf(DEMO.citizen)).toBe('en');
      // That was a choice: a later login on a Chinese page (a new phone, say) does not undo it.
      const again = await t.http().post('/api/auth/login/password').send({ mobile: DEMO.citizen, password: DEMO_PASSWORD, locale: 'zh-CN', transport: 'api' }).expect(200);
      expect(again.body.user.locale).toBe('en');
    });

    it('an SMS-code login on an English page does the same', async () => {
      await t.http().post('/api/auth/otp').send({ mobile: DEMO.judge, purpose: 'login', locale: 'en' }).expect(202);
      const code = await latestCode(t, DEMO.judge);
      const res = await t.http().post('/api/auth/login/otp').send({ mobile: DEMO.judge, code, locale: 'en', transport: 'api' }).expect(200);
      expect(res.body.user.locale).toBe('en');
      expect(await localeOf(DEMO.judge)).toBe('en');
    });

    it('a language chosen while logged in (PATCH /api/me) wins over the page of a later login', async () => {
      const me = await loginAs(t, DEMO.intake);
      await t.http().patch('/api/me').set('Authorization', me.auth).send({ locale: 'zh-CN' }).expect(200);
      const res = await t.http().post('/api/auth/login/password').send({ mobile: DEMO.intake, password: DEMO_PASSWORD, locale: 'en', transport: 'api' }).expect(200);
      expect(res.body.user.locale).toBe('zh-CN');
    });

    it('a login names a bad locale field (400), and one without a locale changes nothing', async () => {
      const bad = await t.http().post('/api/auth/login/password').send({ mobile: DEMO.citizen2, password: DEMO_PASSWORD, locale: 'fr' }).expect(400);
      expect(bad.body.fields.map((f: { field: string }) => f.field)).toEqual(['locale']);
      await t.http().post('/api/auth/login/password').send({ mobile: DEMO.citizen2, password: DEMO_PASSWORD, transport: 'api' }).expect(200);
      expect(await localeOf(DEMO.citizen2)).toBe('zh-CN');
    });
  });

  describe('a party with no account', () => {
    it('is invited in the language the filer gave for it (en), and in Chinese when none was given', async () => {
      const applicant = await loginAs(t, DEMO.citizen2);
      const dispatcher = await loginAs(t, DEMO.orgAdmin);
      const file = async (respondents: object[]) => {
        const draft = await t
          .http()
          .post('/api/cases')
          .set('Authorization', applicant.auth)
          .send({
            disputeType: 'private_loan',
            facts: '2025年3月借给对方两万元，约定半年归还，至今未还。',
            claims: { amount: '20000.00' },
            region: '330106',
            applicant: { name: '李四', mobile: DEMO.citizen2, idNumber: '11010519491231002X' },
            respondents,
          })
          .expect(201);
        await t.http().post(`/api/cases/${draft.body.id}/documents`).set('Authorization', applicant.auth).field('kind', 'id_card').attach('file', PNG, 'id.png').expect(201);
        const submitted = await t.http().post(`/api/cases/${draft.body.id}/submit`).set('Authorization', applicant.auth).send({ version: draft.body.version, consent: true, noticeSeen: true });
        if (submitted.status !== 201) throw new Error(JSON.stringify(submitted.body));
        await t.http().post(`/api/cases/${draft.body.id}/accept`).set('Authorization', dispatcher.auth).send({ version: submitted.body.version }).expect(201);
        await t.app.get(NotificationDispatcher).dispatchDue();
        return draft.body as { id: string; parties: Array<{ side: string; locale?: string }> };
      };

      const english = await file([{ name: 'John Smith', mobile: '13766661111', locale: 'en' }]);
      expect(english.parties.find((p) => p.side === 'respondent')?.locale).toBe('en');
      const [invite] = await smsTo('13766661111');
      expect(invite).toMatch(/^.*Free online mediation invite \(.+\): .*\/invite\//);
      // Only the SMS signature (the registered 签名 in brackets) stays Chinese.
      expect(invite.replace(/^\[[^\]]+\]\s*/, '')).not.toMatch(/[\u4e00-\u9fff]/);

      await file([{ name: '王五', mobile: '13766662222' }]);
      const [chinese] = await smsTo('13766662222');
      expect(chinese).toContain('您被邀请参加免费的在线调解');
      expect((await db.getRepository(CaseParty).findOneByOrFail({ mobile: '13766662222' })).locale).toBeNull();

      // Unopened after a day, the invitation goes again: in the same languages.
      const back = t.clock.now();
      t.clock.set(new Date(back.getTime() + 25 * 3600_000));
      try {
        await t.app.get(DeadlineScanner).scan();
        await t.app.get(NotificationDispatcher).dispatchDue();
        const again = await smsTo('13766661111');
        expect(again).toHaveLength(2);
        for (const body of again) expect(body).toContain('Free online mediation invite');
        const againZh = await smsTo('13766662222');
        expect(againZh).toHaveLength(2);
        for (const body of againZh) expect(body).toContain('您被邀请参加免费的在线调解');
      } finally {
        t.clock.set(back);
      }
    });

    it("refuses a party language that is not one of ours, naming the party's field", async () => {
      const applicant = await loginAs(t, DEMO.citizen2);
      const res = await t
        .http()
        .post('/api/cases')
        .set('Authorization', applicant.auth)
        .send({ disputeType: 'private_loan', facts: '借款未还。', region: '330106', respondents: [{ name: 'X', mobile: '13766663333', locale: 'fr' }] })
        .expect(400);
      expect(res.body.fields.map((f: { field: string }) => f.field)).toContain('respondents.0.locale');
    });
  });

  describe('organisations and mediators in both languages (R05)', () => {
    it('the public organisation list gives the English name and introduction beside the Chinese', async () => {
      const res = await t.http().get('/api/organisations').expect(200);
      const people = res.body.find((o: { name: string }) => o.name === '西湖区人民调解委员会');
      expect(people).toMatchObject({ nameEn: "Xihu District People's Mediation Committee", description: expect.stringContaining('邻里') });
      expect(people.descriptionEn).toMatch(/^Neighbour, family/);
      expect(people.description).not.toMatch(/[A-Za-z]/);
      for (const o of res.body) expect(o.nameEn).toBeTruthy();
    });

    it('the public roster gives each mediator an English name, introduction and expertise', async () => {
      const res = await t.http().get('/api/mediators').expect(200);
      const qian = res.body.find((m: { name: string }) => m.name === '钱调解');
      expect(qian).toMatchObject({
        nameEn: 'Qian (mediator)',
        bio: expect.stringContaining('退休法官'),
        bioEn: expect.stringContaining('Retired judge'),
        expertiseEn: ['Labour disputes', 'Traffic accidents'],
      });
      expect(qian.organisations[0]).toMatchObject({ name: '西湖区人民调解委员会', nameEn: "Xihu District People's Mediation Committee" });
    });

    it('an organisation whose admin gave no English text answers null, not an empty string', async () => {
      await db.query(`UPDATE organisation SET name_en = NULL, description_en = NULL WHERE name = '舟山海事渔事纠纷调解委员会'`);
      const res = await t.http().get('/api/organisations').expect(200);
      expect(res.body.find((o: { name: string }) => o.name === '舟山海事渔事纠纷调解委员会')).toMatchObject({ nameEn: null, descriptionEn: null });
    });
  });
});
