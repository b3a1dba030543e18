import type { SmsLength, TemplatePreview } from '@tiaojie/contracts';
import type { Params, RecipientRole } from '../notifications/template-kit';
import { isDeadlineNotice, renderSms, renderText, renderTitle, smsSegments, TEMPLATES } from '../notifications/templates';

/** Sample values; the private ones are marked so an SMS that carries one is flagged (R19). */
const PRIVATE = { partyName: '李四', amount: '12345.00', ground: '私下收受财物', outcome: '调解员存在不当行为' } as const;
const SAMPLE: Params = {
  caseNumber: 'TJ-2026-000123',
  organisationName: '西湖区人民调解委员会',
  mediatorName: '王调解',
  courtName: '杭州市西湖区人民法院',
  courtCaseNumber: '(2026)浙0106民特123号',
  rulingNumber: '(2026)浙0106民特123号',
  dueAt: '2026-03-12T09:00:00.000Z',
  dueDate: '2026-03-20',
  deadline: '2026-03-12T09:00:00.000Z',
  link: 'https://tiaojie.example.cn/invite/AbCdEfGhIjKlMnOp',
  seq: 1,
  days: 15,
  step: 1,
  state: 'MEDIATING',
  route: 'online_filing',
  kind: 'delegated',
  confirmed: true,
  free: true,
  ...PRIVATE,
};

/** SMS length as the carriers count it: 70 / 67 per part for UCS-2 (Chinese), 160 / 153 for GSM-7. */
export function smsLength(text: string): SmsLength {
  const ucs2 = [...text].some((ch) => ch.charCodeAt(0) > 0x7f);
  return { characters: [...text].length, segments: smsSegments(text), encoding: ucs2 ? 'UCS-2' : 'GSM-7' };
}

/** Issue #13: every notice template, rendered in both languages for one recipient role, with its SMS length and R19 flags. */
export function templatePreviews(role: RecipientRole, signature: string): TemplatePreview[] {
  return Object.keys(TEMPLATES)
    .sort()
    .map((key) => {
      const sms = { 'zh-CN': renderSms(key, 'zh-CN', SAMPLE, signature, role), en: renderSms(key, 'en', SAMPLE, signature, role) };
      const privacyFlags = (Object.keys(PRIVATE) as Array<keyof typeof PRIVATE>).filter((k) => sms['zh-CN'].includes(PRIVATE[k]) || sms.en.includes(PRIVATE[k]));
      return {
        key,
        role,
        deadline: isDeadlineNotice(key),
        title: { 'zh-CN': renderTitle(key, 'zh-CN', SAMPLE), en: renderTitle(key, 'en', SAMPLE) },
        text: { 'zh-CN': renderText(key, 'zh-CN', SAMPLE, role), en: renderText(key, 'en', SAMPLE, role) },
        sms: { 'zh-CN': smsLength(sms['zh-CN']), en: smsLength(sms.en) },
        privacyFlags,
      };
    });
}
