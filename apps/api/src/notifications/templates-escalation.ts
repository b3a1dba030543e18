import type { Template } from './template-kit';

/**
 * Issue #11: an invitation, a deadline notice or a court's request still unread in the app after
 * the quiet time (cases/unread-escalation.ts). The text says only that there is one, with the case
 * number and a link — never what it says (R19: a text message may be read by anyone holding the
 * phone). The link carries `?n=` of the unread notice, so following it marks that notice read.
 * Within two SMS segments with a PUBLIC_URL of up to 30 characters.
 */
export const ESCALATION_TEMPLATES: Record<string, Template> = {
  unread_notice: {
    title: { 'zh-CN': (p) => `${p.caseNumber}有未读的重要通知`, en: (p) => `${p.caseNumber}: an unread notice` },
    text: {
      'zh-CN': (p) => `案件${p.caseNumber}有未读的重要通知，请查看：${p.link}`,
      en: (p) => `Unread notice on case ${p.caseNumber}: ${p.link}`,
    },
  },
};
