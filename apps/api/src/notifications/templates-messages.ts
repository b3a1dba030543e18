import type { Template } from './template-kit';

/**
 * Issue #11: a party not on the conversation page is told the mediator wrote — never what
 * (R15: a notice may be read by anyone holding the phone; the content stays in the channel).
 */
export const MESSAGE_TEMPLATES: Record<string, Template> = {
  mediator_message: {
    title: { 'zh-CN': (p) => `${p.caseNumber}调解员给您发来新消息`, en: (p) => `${p.caseNumber}: the mediator sent you a message` },
    text: {
      'zh-CN': (p) => `案件${p.caseNumber}的调解员给您发来了新消息，请登录查看。`,
      en: (p) => `The mediator of case ${p.caseNumber} sent you a message; log in to read it.`,
    },
  },
};
