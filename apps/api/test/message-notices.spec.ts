import type { CaseDetail, ChannelView } from '@tiaojie/contracts';
import { randomUUID } from 'node:crypto';
import { DeadlineScanner } from '../src/cases/deadline-scanner.service';
import { MediationService } from '../src/mediation/mediation.service';
import { NotificationDispatcher } from '../src/notifications/dispatcher.service';
import { DEMO, loginAs, startTestApp, type TestApp } from './harness';
import { mediatingCase, type Login } from './fixtures';

/**
 * Issue #11: a party not on the conversation page is told the mediator wrote — in the bell after
 * a short grace (it did not read it on the page), by SMS after the configurable quiet time still
 * unread — never with the content, and a burst of messages is one notice.
 */
describe('R15, R16: “the mediator sent you a message”, without the content (bell, then SMS when still unread)', () => {
  let t: TestApp;
  let applicant: Login, respondent: Login, dispatcher: Login, mediator: Login;
  let c: CaseDetail;
  let caucus: ChannelView;

  const http = () => t.http();
  const scan = async () => {
    await t.app.get(DeadlineScanner).scan();
    await t.app.get(NotificationDispatcher).dispatchDue();
  };
  const bell = async (who: Login) =>
    ((await http().get('/api/notifications').set('Authorization', who.auth).expect(200)).body.items as Array<{ template: string; text: string; caseId: string }>).filter(
      (n) => n.template === 'mediator_message',
    );
  const sms = async (mobile: string) =>
    ((await http().get('/api/dev/sms').query({ mobile }).expect(200)).body as Array<{ body: string }>).filter((m) => /调解员给您发来|mediator sent you/.test(m.body));
  /** Access tokens expire as the test clock moves on. */
  const relogin = async () => {
    [applicant, respondent, mediator] = await Promise.all([DEMO.citizen, DEMO.citizen2, DEMO.mediator2].map((m) => loginAs(t, m)));
  };
  const write = (body: string) => http().post(`/api/channels/${caucus.id}/messages`).set('Authorization', mediator.auth).send({ clientId: randomUUID(), body }).expect(201);

  beforeAll(async () => {
    t = await startTestApp({ env: { MESSAGE_NOTICE_SECONDS: '60', MESSAGE_SMS_QUIET_MINUTES: '10' } });
    [applicant, respondent, dispatcher, mediator] = await Promise.all([DEMO.citizen, DEMO.citizen2, DEMO.orgAdmin, DEMO.mediator2].map((m) => loginAs(t, m)));
    c = await mediatingCase(t, { applicant, respondent, dispatcher, mediator });
    const channels: ChannelView[] = (await http().get(`/api/cases/${c.id}/channels`).set('Authorization', applicant.auth).expect(200)).body;
    caucus = channels.find((ch) => ch.kind === 'caucus')!;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a burst of unread messages is one bell notice after the grace, one SMS after the quiet time, neither with the content', async () => {
    await write('底线是多少？');
    await write('请尽快回复，明天上午我再联系您。');
    await scan();
    expect(await bell(applicant)).toEqual([]); // within the grace: the party may be reading it on the page
    t.clock.advance(61_000);
    await scan();
    const notices = await bell(applicant);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ caseId: c.id });
    expect(notices[0].text).toContain(c.number);
    expect(notices[0].text).not.toContain('底线');
    expect(await sms(DEMO.citizen)).toEqual([]);
    await write('还在吗？');
    t.clock.advance(10 * 60_000);
    await scan();
    await scan();
    expect(await bell(applicant)).toHaveLength(1);
    const texts = await sms(DEMO.citizen);
    expect(texts).toHaveLength(1);
    expect(texts[0].body).not.toMatch(/底线|还在吗|明天上午/);
    // The home page's 需要您处理 says so too, until read.
    const kinds = async (who: Login) =>
      ((await http().get('/api/me/actions').set('Authorization', who.auth).expect(200)).body as Array<{ caseId: string; kind: string }>).filter((a) => a.caseId === c.id).map((a) => a.kind);
    expect(await kinds(applicant)).toContain('read_messages');
    expect(await kinds(respondent)).not.toContain('read_messages');
    // R15: the other party's caucus was not written to: nothing for them.
    expect(await bell(respondent)).toEqual([]);
    expect(await sms(DEMO.citizen2)).toEqual([]);
  });

  it('read in time, nothing is sent; after reading, a new message is a new notice', async () => {
    await relogin();
    const last = (await write('协议草稿已经准备好了。')).body.message;
    await t.app.get(MediationService).markRead(applicant.user.id, caucus.id, last.seq, t.clock.now());
    expect(((await http().get('/api/me/actions').set('Authorization', applicant.auth).expect(200)).body as Array<{ kind: string }>).map((a) => a.kind)).not.toContain('read_messages');
    t.clock.advance(11 * 60_000);
    await scan();
    await relogin();
    expect(await bell(applicant)).toHaveLength(1);
    expect(await sms(DEMO.citizen)).toHaveLength(1);
    await write('请看一下协议草稿。');
    t.clock.advance(61_000);
    await scan();
    expect(await bell(applicant)).toHaveLength(2);
    expect(await sms(DEMO.citizen)).toHaveLength(1); // not yet: the quiet time runs from the new message
  });
});
