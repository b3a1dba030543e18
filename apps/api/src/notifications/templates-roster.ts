import type { Template } from './template-kit';

/**
 * Issue #13 notices (both languages). R19: nothing private in an SMS — the rating invitation
 * carries the case number and a link to the (logged-in) case page, never what was said.
 */
export const ROSTER_TEMPLATES: Record<string, Template> = {
  roster_mediator_invited: {
    title: { 'zh-CN': () => '您已加入调解员名册', en: () => 'You are on a mediator roster' },
    text: {
      'zh-CN': (p) => `您已被${p.organisationName}添加为调解员，请用本手机号验证码登录：${p.link}`,
      en: (p) => `${p.organisationName}: you are now a mediator. Log in: ${p.link}`,
    },
  },
  rating_invited: {
    title: { 'zh-CN': (p) => `请评价调解服务（${p.caseNumber}）`, en: (p) => `Rate the mediation (${p.caseNumber})` },
    text: {
      'zh-CN': (p) => `调解${p.caseNumber}已结束，欢迎为本次调解服务评分：${p.link}`,
      en: (p) => `Mediation ${p.caseNumber} ended. Rate it: ${p.link}`,
    },
  },
};
