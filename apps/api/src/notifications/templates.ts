import type { Locale } from '@tiaojie/contracts';
import type { RecipientRole } from './notifier';

type Params = Record<string, unknown>;
type Text = (p: Params, role: RecipientRole) => string;
interface Template {
  title: Record<Locale, (p: Params) => string>;
  text: Record<Locale, Text>;
  /** Deadline-type notices pass quiet hours when due within a day. */
  deadline?: boolean;
}

const ROUTES_ZH = '您可申请仲裁、行政处理或向法院起诉。';
const ROUTES_EN = 'Next: arbitration, an administrative body or court.';
const isParty = (r: RecipientRole) => r === 'applicant' || r === 'respondent' || r === 'agent';
const dueZh = (p: Params) => (p.dueAt ? formatZh(String(p.dueAt)) : '');
const dueEn = (p: Params) => (p.dueAt ? formatEn(String(p.dueAt)) : '');

/** China time, short: 3月12日 17:00 / 12 Mar 17:00. */
function china(iso: string) {
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000);
  return { m: d.getUTCMonth() + 1, d: d.getUTCDate(), hh: String(d.getUTCHours()).padStart(2, '0'), mm: String(d.getUTCMinutes()).padStart(2, '0') };
}
export function formatZh(iso: string) {
  const c = china(iso);
  return `${c.m}月${c.d}日${c.hh}:${c.mm}`;
}
export function formatEn(iso: string) {
  const c = china(iso);
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${c.d} ${months[c.m - 1]} ${c.hh}:${c.mm}`;
}

/**
 * Every notice, for every recipient role, in both languages. SMS text is kept short (the
 * signature is added in front; 70 Chinese characters make one segment) — a spec renders every
 * template for every role and checks the length.
 */
export const TEMPLATES: Record<string, Template> = {
  case_submitted: {
    title: { 'zh-CN': (p) => `申请${p.caseNumber}已提交`, en: (p) => `Application ${p.caseNumber} submitted` },
    text: {
      'zh-CN': (p, r) => (r === 'dispatcher' ? `新调解申请${p.caseNumber}待受理，请于今日联系申请人。` : `申请${p.caseNumber}已提交至${p.organisationName ?? '调解组织'}，调解员将于当日联系您。`),
      en: (p, r) => (r === 'dispatcher' ? `New application ${p.caseNumber} awaits acceptance; contact the applicant today.` : `Application ${p.caseNumber} went to ${p.organisationName ?? 'the organisation'}; a mediator will contact you today.`),
    },
  },
  application_accepted: {
    title: { 'zh-CN': (p) => `申请${p.caseNumber}已受理`, en: (p) => `Application ${p.caseNumber} accepted` },
    text: { 'zh-CN': (p) => `申请${p.caseNumber}已受理，正在指派调解员并联系对方当事人。`, en: (p) => `Application ${p.caseNumber} was accepted; a mediator is being assigned and the other party contacted.` },
  },
  application_returned: {
    title: { 'zh-CN': (p) => `申请${p.caseNumber}被退回`, en: (p) => `Application ${p.caseNumber} returned` },
    text: { 'zh-CN': (p) => `申请${p.caseNumber}被退回，请登录查看原因，修改后可重新提交。`, en: (p) => `Application ${p.caseNumber} was returned; log in to see why, correct and resubmit it.` },
  },
  mediator_assigned: {
    title: { 'zh-CN': (p) => `案件${p.caseNumber}指派调解员`, en: (p) => `Mediator assigned to ${p.caseNumber}` },
    text: {
      'zh-CN': (p, r) => (r === 'mediator' ? `您被指派调解案件${p.caseNumber}，请在3个工作日内接受或拒绝。` : `案件${p.caseNumber}已指派调解员${p.mediatorName ?? ''}。`),
      en: (p, r) => (r === 'mediator' ? `You were assigned case ${p.caseNumber}; accept or decline within 3 working days.` : `Mediator ${p.mediatorName ?? ''} was assigned to case ${p.caseNumber}.`),
    },
  },
  mediator_removed: {
    title: { 'zh-CN': (p) => `${p.caseNumber}调解员变更`, en: (p) => `${p.caseNumber}: mediator changed` },
    text: {
      'zh-CN': (p, r) => (r === 'mediator' ? `您已不再担任案件${p.caseNumber}的调解员。` : `调解员${p.mediatorName ?? ''}已不再负责案件${p.caseNumber}，将另行指派。`),
      en: (p, r) => (r === 'mediator' ? `You are no longer the mediator of case ${p.caseNumber}.` : `Mediator ${p.mediatorName ?? ''} no longer handles case ${p.caseNumber}; another will be assigned.`),
    },
  },
  assignment_accepted: {
    title: { 'zh-CN': (p) => `调解员已接受${p.caseNumber}`, en: (p) => `Mediator accepted ${p.caseNumber}` },
    text: {
      'zh-CN': (p, r) => (r === 'dispatcher' ? `调解员${p.mediatorName ?? ''}已接受案件${p.caseNumber}。` : `调解员${p.mediatorName ?? ''}将主持案件${p.caseNumber}的调解，会尽快与您联系。`),
      en: (p, r) => (r === 'dispatcher' ? `Mediator ${p.mediatorName ?? ''} accepted case ${p.caseNumber}.` : `Mediator ${p.mediatorName ?? ''} will mediate case ${p.caseNumber} and will contact you soon.`),
    },
  },
  assignment_declined: {
    title: { 'zh-CN': (p) => `${p.caseNumber}需重新指派`, en: (p) => `${p.caseNumber} needs a new mediator` },
    text: { 'zh-CN': (p) => `调解员${p.mediatorName ?? ''}拒绝了案件${p.caseNumber}，请重新指派。`, en: (p) => `Mediator ${p.mediatorName ?? ''} declined case ${p.caseNumber}; please assign another.` },
  },
  assignment_expired: {
    title: { 'zh-CN': (p) => `${p.caseNumber}指派已超时`, en: (p) => `${p.caseNumber}: assignment timed out` },
    text: { 'zh-CN': (p) => `案件${p.caseNumber}的调解员未在3个工作日内接受，请重新指派。`, en: (p) => `The mediator did not accept case ${p.caseNumber} within 3 working days; please reassign it.` },
    deadline: true,
  },
  assignment_reminder: {
    title: { 'zh-CN': (p) => `请答复${p.caseNumber}的指派`, en: (p) => `Answer the assignment of ${p.caseNumber}` },
    text: { 'zh-CN': (p) => `请在${dueZh(p)}前接受或拒绝案件${p.caseNumber}的指派。`, en: (p) => `Please accept or decline case ${p.caseNumber} by ${dueEn(p)}.` },
    deadline: true,
  },
  contact_due_reminder: {
    title: { 'zh-CN': (p) => `请今日联系${p.caseNumber}申请人`, en: (p) => `Contact the applicant of ${p.caseNumber} today` },
    text: { 'zh-CN': (p) => `案件${p.caseNumber}尚未联系申请人，请在${dueZh(p)}前联系。`, en: (p) => `Case ${p.caseNumber}: the applicant has not been contacted; please do so by ${dueEn(p)}.` },
    deadline: true,
  },
  designation_overdue: {
    title: { 'zh-CN': (p) => `${p.caseNumber}未指派调解员`, en: (p) => `${p.caseNumber} has no mediator` },
    text: { 'zh-CN': (p) => `案件${p.caseNumber}已超过3个工作日未指派调解员，请立即指派。`, en: (p) => `Case ${p.caseNumber} has had no mediator for 3 working days; assign one now.` },
    deadline: true,
  },
  respondent_invited: {
    title: { 'zh-CN': () => `在线调解邀请`, en: () => `Invitation to online mediation` },
    text: {
      'zh-CN': (p) => `您被邀请参加免费的在线调解（${p.caseNumber}），请查看并答复：${p.link}`,
      en: (p) => `Free online mediation invite (${p.caseNumber}): ${p.link}`,
    },
  },
  respondent_reminder: {
    title: { 'zh-CN': () => `请答复调解邀请`, en: () => `Please answer the mediation invitation` },
    text: { 'zh-CN': (p) => `请在${dueZh(p)}前答复是否同意调解${p.caseNumber}，逾期视为无法联系。`, en: (p) => `Please answer whether you agree to mediate ${p.caseNumber} by ${dueEn(p)}.` },
    deadline: true,
  },
  invitation_unopened: {
    title: { 'zh-CN': (p) => `${p.caseNumber}邀请未打开`, en: (p) => `${p.caseNumber}: invitation not opened` },
    text: { 'zh-CN': (p) => `案件${p.caseNumber}的被申请人两天未打开邀请，请电话联系。`, en: (p) => `The respondent of ${p.caseNumber} has not opened the invitation for two days; please phone them.` },
  },
  invitation_claimed: {
    title: { 'zh-CN': (p) => `${p.caseNumber}被申请人已登录`, en: (p) => `${p.caseNumber}: respondent joined` },
    text: { 'zh-CN': (p) => `被申请人${p.partyName ?? ''}已打开案件${p.caseNumber}的邀请。`, en: (p) => `Respondent ${p.partyName ?? ''} took up the invitation to case ${p.caseNumber}.` },
  },
  respondent_consented: {
    title: { 'zh-CN': (p) => `${p.caseNumber}对方同意调解`, en: (p) => `${p.caseNumber}: the other party agreed` },
    text: { 'zh-CN': (p) => `对方当事人已同意在线调解案件${p.caseNumber}。`, en: (p) => `The other party agreed to online mediation of case ${p.caseNumber}.` },
  },
  respondent_declined: {
    title: { 'zh-CN': (p) => `${p.caseNumber}调解终止`, en: (p) => `${p.caseNumber}: mediation ended` },
    text: {
      'zh-CN': (p, r) => (isParty(r) ? `对方拒绝调解，案件${p.caseNumber}终止。${ROUTES_ZH}` : `被申请人拒绝调解，案件${p.caseNumber}终止。`),
      en: (p, r) => (isParty(r) ? `Case ${p.caseNumber} ended: the other party refused. ${ROUTES_EN}` : `The respondent refused mediation; case ${p.caseNumber} has ended.`),
    },
  },
  respondent_no_answer: {
    title: { 'zh-CN': (p) => `${p.caseNumber}调解终止`, en: (p) => `${p.caseNumber}: mediation ended` },
    text: {
      'zh-CN': (p, r) => (r === 'respondent' ? `您未在期限内答复，调解${p.caseNumber}已终止。` : `对方未在期限内答复，案件${p.caseNumber}终止。${isParty(r) ? ROUTES_ZH : ''}`),
      en: (p, r) => (r === 'respondent' ? `You did not answer in time; mediation ${p.caseNumber} has ended.` : `Case ${p.caseNumber} ended: no answer in time. ${isParty(r) ? ROUTES_EN : ''}`.trim()),
    },
  },
  mediation_started: {
    title: { 'zh-CN': (p) => `${p.caseNumber}开始调解`, en: (p) => `Mediation of ${p.caseNumber} started` },
    text: { 'zh-CN': (p) => `案件${p.caseNumber}已开始调解，请登录与调解员沟通。`, en: (p) => `Mediation of case ${p.caseNumber} has started; log in to talk to your mediator.` },
  },
  session_scheduled: {
    title: { 'zh-CN': (p) => `${p.caseNumber}调解会议已安排`, en: (p) => `${p.caseNumber}: session scheduled` },
    text: { 'zh-CN': (p) => `案件${p.caseNumber}的调解会议定于${dueZh(p)}，请准时登录。`, en: (p) => `A mediation session for ${p.caseNumber} is set for ${dueEn(p)}; please log in on time.` },
  },
  session_reminder: {
    title: { 'zh-CN': (p) => `${p.caseNumber}调解会议即将开始`, en: (p) => `${p.caseNumber}: session starting soon` },
    text: { 'zh-CN': (p) => `案件${p.caseNumber}的调解会议将于${dueZh(p)}开始，请提前登录核验身份。`, en: (p) => `The session for ${p.caseNumber} starts ${dueEn(p)}; log in early to confirm your identity.` },
    deadline: true,
  },
  mediation_period_reminder: {
    title: { 'zh-CN': (p) => `${p.caseNumber}调解期即将届满`, en: (p) => `${p.caseNumber}: mediation period ending` },
    text: { 'zh-CN': (p) => `案件${p.caseNumber}的调解期将于${dueZh(p)}届满，如需延长须各方同意。`, en: (p) => `The mediation period of ${p.caseNumber} ends ${dueEn(p)}; extending it needs everyone's consent.` },
    deadline: true,
  },
  mediation_terminated: {
    title: { 'zh-CN': (p) => `${p.caseNumber}调解终止`, en: (p) => `${p.caseNumber}: mediation ended` },
    text: {
      'zh-CN': (p, r) => `案件${p.caseNumber}调解终止。${isParty(r) ? ROUTES_ZH : ''}`,
      en: (p, r) => `Mediation of case ${p.caseNumber} has ended. ${isParty(r) ? ROUTES_EN : ''}`.trim(),
    },
  },
  mediation_expired: {
    title: { 'zh-CN': (p) => `${p.caseNumber}调解期届满`, en: (p) => `${p.caseNumber}: period expired` },
    text: {
      'zh-CN': (p, r) => `调解期届满，案件${p.caseNumber}终止。${isParty(r) ? ROUTES_ZH : ''}`,
      en: (p, r) => `The mediation period expired; case ${p.caseNumber} has ended. ${isParty(r) ? ROUTES_EN : ''}`.trim(),
    },
  },
  application_withdrawn: {
    title: { 'zh-CN': (p) => `${p.caseNumber}已撤回`, en: (p) => `${p.caseNumber} withdrawn` },
    text: { 'zh-CN': (p) => `申请人已撤回调解申请${p.caseNumber}。`, en: (p) => `The applicant withdrew application ${p.caseNumber}.` },
  },
};

const FALLBACK: Template = {
  title: { 'zh-CN': (p) => `案件${p.caseNumber ?? ''}有新进展`, en: (p) => `News on case ${p.caseNumber ?? ''}` },
  text: { 'zh-CN': (p) => `您的案件${p.caseNumber ?? ''}有新进展，请登录查看。`, en: (p) => `There is news on your case ${p.caseNumber ?? ''}; log in to see it.` },
};

const lang = (locale: string): Locale => (locale === 'en' ? 'en' : 'zh-CN');
const template = (id: string) => TEMPLATES[id] ?? FALLBACK;

export function renderText(id: string, locale: string, params: Params, role: RecipientRole = 'applicant'): string {
  return template(id).text[lang(locale)](params, role);
}

export function renderTitle(id: string, locale: string, params: Params): string {
  return template(id).title[lang(locale)](params);
}

export function renderSms(id: string, locale: string, params: Params, signature: string, role: RecipientRole = 'applicant'): string {
  const text = renderText(id, locale, params, role);
  return lang(locale) === 'en' ? `[${signature}] ${text}` : `【${signature}】${text}`;
}

export function isDeadlineNotice(id: string) {
  return template(id).deadline === true;
}

/** SMS segments: 70 characters for a single message with Chinese text, 67 per part when longer (UCS-2). */
export function smsSegments(text: string): number {
  // Any character outside 7-bit ASCII forces UCS-2 encoding.
  const ucs2 = [...text].some((ch) => ch.charCodeAt(0) > 0x7f);
  const single = ucs2 ? 70 : 160;
  const part = ucs2 ? 67 : 153;
  const length = [...text].length;
  return length <= single ? 1 : Math.ceil(length / part);
}
