import { IDENTITY_OTP_PURPOSES, INVITATION_OTP_PURPOSE, OTP_PURPOSES, SIGNING_OTP_PURPOSES, type OtpPurpose } from '@tiaojie/contracts';
import { otpText } from '../src/accounts/otp.service';
import { DEMO, loginAs, startTestApp, type TestApp } from './harness';

/** Issue #11 "Language and words": a code SMS says what the code is for, in the recipient's language. */
describe('code SMS: what it is for, in the recipient’s language (real SMS, dev inbox)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  const inbox = async (mobile: string): Promise<string> => {
    const res = await t.http().get('/api/dev/sms').query({ mobile }).expect(200);
    return (res.body as { body: string }[])[0]?.body ?? '';
  };

  it('a login code says it is for logging in, in Chinese for a Chinese account', async () => {
    await t.http().post('/api/auth/otp').send({ mobile: DEMO.citizen, purpose: 'login' }).expect(202);
    const body = await inbox(DEMO.citizen);
    expect(body).toMatch(/您正在登录，验证码是\d{6}/);
  });

  it('follows the language the user saved (the web’s language switch, PATCH /api/me), whatever the page asked for', async () => {
    const who = await loginAs(t, DEMO.citizen2);
    await t.http().patch('/api/me').set('Authorization', who.auth).send({ locale: 'en' }).expect(200);
    await t.http().post('/api/auth/otp').send({ mobile: DEMO.citizen2, purpose: 'login', locale: 'zh-CN' }).expect(202);
    expect(await inbox(DEMO.citizen2)).toMatch(/^\[[^\]]+\] \d{6} is your code to log in, valid for \d+ minutes/);
    await t.http().patch('/api/me').set('Authorization', who.auth).send({ locale: 'zh-CN' }).expect(200);
  });

  it('a registration code for a new number follows the language of the page it was asked from', async () => {
    await t.http().post('/api/auth/otp').send({ mobile: '13912348888', purpose: 'register', locale: 'en' }).expect(202);
    expect(await inbox('13912348888')).toMatch(/\d{6} is your code to register/);
    await t.http().post('/api/auth/otp').send({ mobile: '13912348889', purpose: 'register' }).expect(202);
    expect(await inbox('13912348889')).toMatch(/您正在注册账号，验证码是\d{6}/);
  });

  it('every purpose has its own words in both languages (login, signing, check-in, court application, filing confirmation…)', () => {
    const purposes: OtpPurpose[] = [...OTP_PURPOSES, ...SIGNING_OTP_PURPOSES, INVITATION_OTP_PURPOSE, ...IDENTITY_OTP_PURPOSES];
    const zh = purposes.map((p) => otpText(p, 'zh-CN', '调解', '123456', 5));
    const en = purposes.map((p) => otpText(p, 'en', 'Tiaojie', '123456', 5));
    expect(new Set(zh).size).toBe(purposes.length);
    expect(new Set(en).size).toBe(purposes.length);
    expect(otpText('confirm_apply', 'zh-CN', '调解', '123456', 5)).toContain('司法确认');
    expect(otpText('check_in', 'en', 'T', '123456', 5)).toContain('check in');
    for (const text of en) expect(text).not.toMatch(/[\u4e00-\u9fff]/);
  });
});
