import type { RecipientRole } from './template-kit';
import { renderSms, renderText, renderTitle, smsSegments, TEMPLATES } from './templates';

const ROLES: RecipientRole[] = ['applicant', 'respondent', 'agent', 'mediator', 'dispatcher', 'filer'];
const PARAMS = {
  caseNumber: 'TJ-2026-000123',
  organisationName: '西湖区人民调解委员会',
  mediatorName: '王调解',
  partyName: '李四',
  dueAt: '2026-03-12T09:00:00.000Z',
  link: 'https://tiaojie.example.cn/invite/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefg',
};

describe('notice templates', () => {
  for (const id of Object.keys(TEMPLATES)) {
    for (const locale of ['zh-CN', 'en']) {
      it(`${id} (${locale}) renders for every role, fills every value, and fits SMS limits`, () => {
        for (const role of ROLES) {
          const text = renderText(id, locale, PARAMS, role);
          expect(text).not.toMatch(/undefined|null|NaN|\$\{/);
          if (id === 'respondent_invited') expect(text).toContain(PARAMS.link);
          // R38: a complaint need not have a case, and its notices never name one; nor does a roster invitation (issue #13).
          if (!['respondent_invited', 'respondent_reminder', 'roster_mediator_invited'].includes(id) && !id.startsWith('complaint_')) expect(text).toContain(PARAMS.caseNumber);
          if (id === 'rating_invited' || id === 'roster_mediator_invited') expect(text).toContain(PARAMS.link);
          const sms = renderSms(id, locale, PARAMS, '调解平台', role);
          // Chinese: one or two segments of 70 (67 when split); English may take three of 153.
          // At most two segments, so a notice costs at most two messages.
          if (smsSegments(sms) > 2) throw new Error(`${id}/${role}/${locale}: ${[...sms].length} characters: ${sms}`);
          expect(sms.startsWith(locale === 'en' ? '[调解平台]' : '【调解平台】')).toBe(true);
          if (locale === 'zh-CN') expect(text).toMatch(/[\u4e00-\u9fff]/);
        }
        expect(renderTitle(id, locale, PARAMS).length).toBeGreaterThan(0);
      });
    }
  }

  it('shows deadlines in China time', () => {
    expect(renderText('assignment_reminder', 'zh-CN', PARAMS, 'mediator')).toContain('3月12日17:00');
    expect(renderText('assignment_reminder', 'en', PARAMS, 'mediator')).toContain('12 Mar 17:00');
  });

  it('tells parties, but not staff, their routes after a failed mediation (R22)', () => {
    expect(renderText('mediation_terminated', 'zh-CN', PARAMS, 'applicant')).toContain('仲裁');
    expect(renderText('mediation_terminated', 'zh-CN', PARAMS, 'mediator')).not.toContain('仲裁');
  });

  it('counts SMS segments like the carriers do', () => {
    expect(smsSegments('a'.repeat(160))).toBe(1);
    expect(smsSegments('a'.repeat(161))).toBe(2);
    expect(smsSegments('调'.repeat(70))).toBe(1);
    expect(smsSegments('调'.repeat(71))).toBe(2);
    expect(smsSegments('调'.repeat(135))).toBe(3);
  });
});
