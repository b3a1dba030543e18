import { formatEn, formatZh, type Params, type Template } from './template-kit';

const GROUND_ZH: Record<string, string> = {
  forced_mediation: '强迫调解',
  refusal_to_mediate: '拒绝调解',
  bribery_or_favours: '收受财物或谋取利益',
  privacy_leak: '泄露隐私或个人信息',
  rudeness: '态度恶劣',
  delay: '拖延',
  other: '其他',
};
const GROUND_EN: Record<string, string> = {
  forced_mediation: 'forced mediation',
  refusal_to_mediate: 'refusal to mediate',
  bribery_or_favours: 'bribes or favours',
  privacy_leak: 'leak of private information',
  rudeness: 'rudeness',
  delay: 'delay',
  other: 'other',
};
const OUTCOME_ZH: Record<string, string> = { upheld: '投诉成立', partly_upheld: '投诉部分成立', not_upheld: '投诉不成立', withdrawn: '投诉已撤回' };
const OUTCOME_EN: Record<string, string> = { upheld: 'upheld', partly_upheld: 'partly upheld', not_upheld: 'not upheld', withdrawn: 'withdrawn' };
const gZh = (p: Params) => GROUND_ZH[String(p.ground)] ?? '';
const gEn = (p: Params) => GROUND_EN[String(p.ground)] ?? '';
const dueZh = (p: Params) => (p.dueAt ? formatZh(String(p.dueAt)) : '');
const dueEn = (p: Params) => (p.dueAt ? formatEn(String(p.dueAt)) : '');
const stepZh = (p: Params) => (p.deadline === 'acknowledge' ? '受理' : '作出处理决定');
const stepEn = (p: Params) => (p.deadline === 'acknowledge' ? 'take it up' : 'decide');

/**
 * R38 notices (both languages). They carry no case number and no complainant name: the
 * complaint is the complainant's own item, and the organisation's admins read it in the app.
 */
export const COMPLAINT_TEMPLATES: Record<string, Template> = {
  complaint_filed: {
    title: { 'zh-CN': () => '投诉已收到', en: () => 'Complaint received' },
    text: {
      'zh-CN': (p) => `您关于“${gZh(p)}”的投诉已收到，调解组织将于${dueZh(p)}前作出处理决定。`,
      en: (p) => `Your complaint (${gEn(p)}) was received; the organisation decides by ${dueEn(p)}.`,
    },
  },
  complaint_received: {
    title: { 'zh-CN': () => '收到新的投诉', en: () => 'New complaint' },
    text: {
      'zh-CN': (p) => `收到一件关于“${gZh(p)}”的投诉，请于${dueZh(p)}前受理。`,
      en: (p) => `A complaint (${gEn(p)}) was filed; take it up by ${dueEn(p)}.`,
    },
  },
  complaint_investigating: {
    title: { 'zh-CN': () => '投诉已受理', en: () => 'Complaint taken up' },
    text: {
      'zh-CN': (p) => `您关于“${gZh(p)}”的投诉已受理调查，将于${dueZh(p)}前作出处理决定。`,
      en: (p) => `Your complaint (${gEn(p)}) is being investigated; a decision is due by ${dueEn(p)}.`,
    },
  },
  complaint_decided: {
    title: { 'zh-CN': () => '投诉处理结果', en: () => 'Complaint decided' },
    text: {
      'zh-CN': (p) => `您关于“${gZh(p)}”的投诉已处理：${OUTCOME_ZH[String(p.outcome)] ?? ''}。请登录查看理由。`,
      en: (p) => `Your complaint (${gEn(p)}) was decided: ${OUTCOME_EN[String(p.outcome)] ?? ''}. Log in to read the reasons.`,
    },
  },
  complaint_overdue: {
    title: { 'zh-CN': () => '投诉处理逾期', en: () => 'Complaint overdue' },
    text: {
      'zh-CN': (p, r) => `一件关于“${gZh(p)}”的投诉未在${dueZh(p)}前${stepZh(p)}，已提交监督机关${r === 'dispatcher' ? '，请立即处理' : ''}。`,
      en: (p) => `A complaint (${gEn(p)}) was not ${p.deadline === 'acknowledge' ? 'taken up' : 'decided'} by ${dueEn(p)}; it went to the supervisor. Act on it now.`,
    },
    deadline: true,
  },
  complaint_escalated: {
    title: { 'zh-CN': () => '投诉已提交监督机关', en: () => 'Complaint escalated' },
    text: {
      'zh-CN': (p) => `调解组织未按期${stepZh(p)}您的投诉，已提交监督机关督办。`,
      en: (p) => `The organisation did not ${stepEn(p)} on your complaint in time; it went to the supervisor.`,
    },
    deadline: true,
  },
};
