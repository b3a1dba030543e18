import type { Locale } from '@tiaojie/contracts';

type Params = Record<string, unknown>;
type Text = (p: Params) => string;

/**
 * Message texts per event, in both languages. Short enough for SMS (the signature is added in
 * front). The stage-notifications issue extends these per recipient role.
 */
const TEXTS: Record<string, Record<Locale, Text>> = {
  case_submitted: {
    'zh-CN': (p) => `调解申请${p.caseNumber}已提交至${p.organisationName ?? '调解组织'}，调解员将尽快联系您。`,
    en: (p) => `Application ${p.caseNumber} was submitted to ${p.organisationName ?? 'the organisation'}; a mediator will contact you soon.`,
  },
  application_accepted: {
    'zh-CN': (p) => `调解申请${p.caseNumber}已受理，正在指派调解员并联系对方当事人。`,
    en: (p) => `Application ${p.caseNumber} was accepted; a mediator is being assigned and the other party contacted.`,
  },
  application_returned: {
    'zh-CN': (p) => `调解申请${p.caseNumber}被退回，请登录查看原因并修改后重新提交。`,
    en: (p) => `Application ${p.caseNumber} was returned; log in to see why and resubmit.`,
  },
  mediator_assigned: {
    'zh-CN': (p) => `案件${p.caseNumber}已指派调解员${p.mediatorName ?? ''}。`,
    en: (p) => `Mediator ${p.mediatorName ?? ''} was assigned to case ${p.caseNumber}.`,
  },
  assignment_accepted: {
    'zh-CN': (p) => `调解员${p.mediatorName ?? ''}已接受案件${p.caseNumber}的调解。`,
    en: (p) => `Mediator ${p.mediatorName ?? ''} accepted case ${p.caseNumber}.`,
  },
  assignment_declined: {
    'zh-CN': (p) => `调解员${p.mediatorName ?? ''}拒绝了案件${p.caseNumber}，请重新指派。`,
    en: (p) => `Mediator ${p.mediatorName ?? ''} declined case ${p.caseNumber}; please reassign it.`,
  },
  assignment_expired: {
    'zh-CN': (p) => `案件${p.caseNumber}的调解员未在期限内接受指派，请重新指派。`,
    en: (p) => `The mediator did not accept case ${p.caseNumber} in time; please reassign it.`,
  },
  assignment_reminder: {
    'zh-CN': (p) => `请在期限前接受或拒绝案件${p.caseNumber}的指派。`,
    en: (p) => `Please accept or decline case ${p.caseNumber} before its deadline.`,
  },
  designation_overdue: {
    'zh-CN': (p) => `案件${p.caseNumber}尚未指派调解员，已超过期限。`,
    en: (p) => `Case ${p.caseNumber} has no mediator and is past its designation deadline.`,
  },
  respondent_invited: {
    'zh-CN': (p) => `您被邀请参加一起${p.disputeTypeLabel ?? ''}纠纷的在线调解（${p.caseNumber}），调解免费。请查看并答复：${p.link}`,
    en: (p) => `You are invited to free online mediation of a dispute (${p.caseNumber}). View and answer: ${p.link}`,
  },
  respondent_reminder: {
    'zh-CN': (p) => `请尽快答复是否同意调解案件${p.caseNumber}，逾期将视为无法联系。`,
    en: (p) => `Please say whether you agree to mediate case ${p.caseNumber} soon; after the deadline the case ends.`,
  },
  invitation_claimed: {
    'zh-CN': (p) => `被申请人${p.partyName ?? ''}已打开案件${p.caseNumber}的邀请。`,
    en: (p) => `Respondent ${p.partyName ?? ''} took up the invitation to case ${p.caseNumber}.`,
  },
  respondent_consented: {
    'zh-CN': (p) => `对方当事人已同意在线调解案件${p.caseNumber}。`,
    en: (p) => `The other party agreed to online mediation of case ${p.caseNumber}.`,
  },
  respondent_declined: {
    'zh-CN': (p) => `对方当事人拒绝调解，案件${p.caseNumber}调解终止。您可申请仲裁、行政处理或向法院起诉。`,
    en: (p) => `The other party refused mediation; case ${p.caseNumber} has ended. You may turn to arbitration, an administrative body or the court.`,
  },
  respondent_no_answer: {
    'zh-CN': (p) => `对方当事人未在期限内答复，案件${p.caseNumber}调解终止。您可申请仲裁、行政处理或向法院起诉。`,
    en: (p) => `The other party did not answer in time; case ${p.caseNumber} has ended. You may turn to arbitration, an administrative body or the court.`,
  },
  mediation_started: {
    'zh-CN': (p) => `案件${p.caseNumber}已开始调解，请登录与调解员沟通。`,
    en: (p) => `Mediation of case ${p.caseNumber} has started; log in to talk to your mediator.`,
  },
  mediation_terminated: {
    'zh-CN': (p) => `案件${p.caseNumber}调解终止。您可申请仲裁、行政处理或向法院起诉。`,
    en: (p) => `Mediation of case ${p.caseNumber} has ended. You may turn to arbitration, an administrative body or the court.`,
  },
  application_withdrawn: {
    'zh-CN': (p) => `申请人已撤回调解申请${p.caseNumber}。`,
    en: (p) => `The applicant withdrew application ${p.caseNumber}.`,
  },
};

const FALLBACK: Record<Locale, Text> = {
  'zh-CN': (p) => `您的案件${p.caseNumber ?? ''}有新进展，请登录查看。`,
  en: (p) => `There is news on your case ${p.caseNumber ?? ''}; log in to see it.`,
};

export function renderText(template: string, locale: string, params: Params): string {
  const lang: Locale = locale === 'en' ? 'en' : 'zh-CN';
  return (TEXTS[template]?.[lang] ?? FALLBACK[lang])(params);
}

export function renderSms(template: string, locale: string, params: Params, signature: string): string {
  const text = renderText(template, locale, params);
  return locale === 'en' ? `[${signature}] ${text}` : `【${signature}】${text}`;
}

export function hasTemplate(template: string) {
  return template in TEXTS;
}
