import type { Locale } from '@tiaojie/contracts';
import { dueEn, dueZh, type Params, type RecipientRole, type Template } from './template-kit';
import { MEDIATOR_CHANGE_TEMPLATES } from './templates-mediator-change';
import { COMPLAINT_TEMPLATES } from './templates-complaints';
import { MESSAGE_TEMPLATES } from './templates-messages';
import { CONFIRMATION_TEMPLATES } from './templates-confirmation';
import { ESCALATION_TEMPLATES } from './templates-escalation';
import { ROSTER_TEMPLATES } from './templates-roster';

const ROUTES_ZH = '您可申请仲裁、行政处理或向法院起诉。';
const ROUTES_EN = 'Next: arbitration, an administrative body or court.';
const isParty = (r: RecipientRole) => r === 'applicant' || r === 'respondent' || r === 'agent';

/** Performance notices: the obligation, its amount and due date (a calendar date). */
const itemZh = (p: Params) => (p.seq ? `第${p.seq}项义务` : '一项义务');
const itemEn = (p: Params) => (p.seq ? `obligation ${p.seq}` : 'an obligation');
const amountZh = (p: Params) => (p.amount ? `（${p.amount}元）` : '');
const amountEn = (p: Params) => (p.amount ? ` (CNY ${p.amount})` : '');
const dateParts = (p: Params) => (typeof p.dueDate === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(p.dueDate) ? p.dueDate.split('-').map(Number) : null);
const dateZh = (p: Params) => {
  const d = dateParts(p);
  return d ? `${d[1]}月${d[2]}日` : dueZh(p);
};
const dateEn = (p: Params) => {
  const d = dateParts(p);
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return d ? `${d[2]} ${months[d[1] - 1]}` : dueEn(p);
};

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
      en: (p, r) =>
        r === 'dispatcher'
          ? `New application ${p.caseNumber} awaits acceptance; contact the applicant today.`
          : `Application ${p.caseNumber} went to ${p.organisationName ?? 'the organisation'}; a mediator will contact you today.`,
    },
  },
  application_accepted: {
    title: { 'zh-CN': (p) => `申请${p.caseNumber}已受理`, en: (p) => `Application ${p.caseNumber} accepted` },
    text: {
      'zh-CN': (p) => `申请${p.caseNumber}已受理，正在指派调解员并联系对方当事人。`,
      en: (p) => `Application ${p.caseNumber} was accepted; a mediator is being assigned and the other party contacted.`,
    },
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
      en: (p, r) =>
        r === 'mediator' ? `You are no longer the mediator of case ${p.caseNumber}.` : `Mediator ${p.mediatorName ?? ''} no longer handles case ${p.caseNumber}; another will be assigned.`,
    },
  },
  assignment_accepted: {
    title: { 'zh-CN': (p) => `调解员已接受${p.caseNumber}`, en: (p) => `Mediator accepted ${p.caseNumber}` },
    text: {
      'zh-CN': (p, r) => (r === 'dispatcher' ? `调解员${p.mediatorName ?? ''}已接受案件${p.caseNumber}。` : `调解员${p.mediatorName ?? ''}将主持案件${p.caseNumber}的调解，会尽快与您联系。`),
      en: (p, r) =>
        r === 'dispatcher' ? `Mediator ${p.mediatorName ?? ''} accepted case ${p.caseNumber}.` : `Mediator ${p.mediatorName ?? ''} will mediate case ${p.caseNumber} and will contact you soon.`,
    },
  },
  assignment_declined: {
    title: { 'zh-CN': (p) => `${p.caseNumber}需重新指派`, en: (p) => `${p.caseNumber} needs a new mediator` },
    text: {
      'zh-CN': (p) => `调解员${p.mediatorName ?? ''}拒绝了案件${p.caseNumber}，请重新指派。`,
      en: (p) => `Mediator ${p.mediatorName ?? ''} declined case ${p.caseNumber}; please assign another.`,
    },
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
  mediator_choice_closed: {
    title: { 'zh-CN': (p) => `${p.caseNumber}请指派调解员`, en: (p) => `${p.caseNumber}: designate a mediator` },
    text: {
      'zh-CN': (p) => `案件${p.caseNumber}当事人未在2个工作日内共同选定调解员，请在第3个工作日内指派。`,
      en: (p) => `The parties of ${p.caseNumber} did not choose a mediator in 2 working days; designate one by day 3.`,
    },
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
      // R35: "free" only when the organisation charges nothing (params.free is set by the sender).
      'zh-CN': (p) => `您被邀请参加${p.free === false ? '' : '免费的'}在线调解（${p.caseNumber}），请查看并答复：${p.link}`,
      en: (p) => `${p.free === false ? 'Online' : 'Free online'} mediation invite (${p.caseNumber}): ${p.link}`,
    },
  },
  respondent_reminder: {
    title: { 'zh-CN': () => `请答复调解邀请`, en: () => `Please answer the mediation invitation` },
    text: { 'zh-CN': (p) => `请在${dueZh(p)}前答复是否同意调解${p.caseNumber}，逾期视为无法联系。`, en: (p) => `Please answer whether you agree to mediate ${p.caseNumber} by ${dueEn(p)}.` },
    deadline: true,
  },
  invitation_unopened: {
    title: { 'zh-CN': (p) => `${p.caseNumber}邀请未打开`, en: (p) => `${p.caseNumber}: invitation not opened` },
    text: {
      'zh-CN': (p) => `案件${p.caseNumber}的被申请人两天未打开邀请，请电话联系。`,
      en: (p) => `The respondent of ${p.caseNumber} has not opened the invitation for two days; please phone them.`,
    },
  },
  invitation_claimed: {
    title: { 'zh-CN': (p) => `${p.caseNumber}被申请人已登录`, en: (p) => `${p.caseNumber}: respondent joined` },
    text: { 'zh-CN': (p) => `被申请人${p.partyName ?? ''}已打开案件${p.caseNumber}的邀请。`, en: (p) => `Respondent ${p.partyName ?? ''} opened the invitation to case ${p.caseNumber}.` },
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
  // R12: consent given by phone is confirmed by the respondent itself, through this link.
  respondent_phone_consent: {
    title: { 'zh-CN': (p) => `请确认同意调解${p.caseNumber}`, en: (p) => `Confirm mediation ${p.caseNumber}` },
    text: {
      'zh-CN': (p) => `您在电话中表示同意调解${p.caseNumber}，请阅读告知后确认：${p.link}`,
      en: (p) => `Confirm your consent to mediate ${p.caseNumber}: ${p.link}`,
    },
  },
  // R12: a respondent reached but still to confirm is not ended as unreachable; staff decide.
  respondent_reached_undecided: {
    title: { 'zh-CN': (p) => `${p.caseNumber}被申请人未确认`, en: (p) => `${p.caseNumber}: respondent has not confirmed` },
    text: {
      'zh-CN': (p) => `案件${p.caseNumber}联系期限已过，被申请人已联系上但未确认同意，请跟进处理。`,
      en: (p) => `Case ${p.caseNumber}: the contact period passed; the respondent was reached but has not confirmed. Please follow up.`,
    },
    deadline: true,
  },
  // R01 (PML 23): a party ended mediation itself.
  mediation_ended_by_party: {
    title: { 'zh-CN': (p) => `${p.caseNumber}调解终止`, en: (p) => `${p.caseNumber}: mediation ended` },
    text: {
      'zh-CN': (p, r) => (isParty(r) ? `对方当事人退出调解，案件${p.caseNumber}终止。${ROUTES_ZH}` : `当事人${p.partyName ?? ''}退出调解，案件${p.caseNumber}终止。`),
      en: (p, r) => (isParty(r) ? `A party ended mediation of case ${p.caseNumber}. ${ROUTES_EN}` : `Party ${p.partyName ?? ''} ended mediation of case ${p.caseNumber}.`),
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
    text: {
      'zh-CN': (p) => `案件${p.caseNumber}的调解会议将于${dueZh(p)}开始，请提前登录核验身份。`,
      en: (p) => `The session for ${p.caseNumber} starts ${dueEn(p)}; log in early to confirm your identity.`,
    },
    deadline: true,
  },
  mediation_period_reminder: {
    title: { 'zh-CN': (p) => `${p.caseNumber}调解期即将届满`, en: (p) => `${p.caseNumber}: mediation period ending` },
    text: {
      'zh-CN': (p) => `案件${p.caseNumber}的调解期将于${dueZh(p)}届满，如需延长须各方同意。`,
      en: (p) => `The mediation period of ${p.caseNumber} ends ${dueEn(p)}; extending it needs everyone's consent.`,
    },
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
  // ─── Ending (ending/): escalation R24, extensions R20, sham flag R36. Court staff get the 'dispatcher' wording. ───
  case_escalated: {
    title: { 'zh-CN': (p) => `${p.caseNumber}已移送`, en: (p) => `${p.caseNumber} sent on` },
    text: {
      'zh-CN': (p) => (p.route === 'arbitration' ? `案件${p.caseNumber}的卷宗已备好，可下载后申请仲裁。` : `案件${p.caseNumber}的材料已移送${p.courtName ?? '法院'}立案审查。`),
      en: (p) =>
        p.route === 'arbitration' ? `The file of case ${p.caseNumber} is ready to take to arbitration; download it.` : `Case ${p.caseNumber} was sent to ${p.courtName ?? 'the court'} for filing.`,
    },
  },
  court_filing_received: {
    title: { 'zh-CN': (p) => `${p.caseNumber}网上立案材料`, en: (p) => `${p.caseNumber}: new filing` },
    text: { 'zh-CN': (p) => `调解不成功案件${p.caseNumber}已移送本院，请在立案队列查看材料。`, en: (p) => `Failed mediation ${p.caseNumber} was sent to your court; see the filing queue.` },
  },
  // R21: the outcome of a case the court brought goes back to it.
  court_case_outcome: {
    title: { 'zh-CN': (p) => `${p.caseNumber}调解结果`, en: (p) => `${p.caseNumber}: mediation outcome` },
    text: {
      'zh-CN': (p) =>
        `本院委派/委托的案件${p.courtCaseNumber ? `（${p.courtCaseNumber}）` : ''}${p.caseNumber}${({ RETURNED: '被调解组织退回', SETTLED: '已达成调解协议', TERMINATED: '调解终结', ESCALATED: '已退回本院', CLOSED: '已结案归档' } as Record<string, string>)[String(p.state)] ?? '状态已更新'}，请在法院工作台查看。`,
      en: (p) =>
        `Case ${p.caseNumber} your court brought ${({ RETURNED: 'was returned by the organisation', SETTLED: 'settled', TERMINATED: 'ended without agreement', ESCALATED: 'came back to your court', CLOSED: 'was closed and archived' } as Record<string, string>)[String(p.state)] ?? 'changed'}; see the court portal.`,
    },
  },
  court_filing_registered: {
    title: { 'zh-CN': (p) => `${p.caseNumber}法院已登记`, en: (p) => `${p.caseNumber}: filing registered` },
    text: { 'zh-CN': (p) => `法院已登记案件${p.caseNumber}的移送材料，后续请留意法院通知。`, en: (p) => `The court registered the filing of case ${p.caseNumber}; watch for its notices.` },
  },
  extension_proposed: {
    title: { 'zh-CN': (p) => `${p.caseNumber}延长调解期`, en: (p) => `${p.caseNumber}: extend mediation?` },
    text: {
      'zh-CN': (p) => `调解员提议案件${p.caseNumber}延长调解期${p.days ?? ''}天，须各方同意，请登录答复。`,
      en: (p) => `The mediator proposes extending case ${p.caseNumber} by ${p.days ?? ''} days; all must agree. Log in to answer.`,
    },
    deadline: true,
  },
  extension_granted: {
    title: { 'zh-CN': (p) => `${p.caseNumber}调解期已延长`, en: (p) => `${p.caseNumber}: period extended` },
    text: { 'zh-CN': (p) => `各方同意，案件${p.caseNumber}调解期延长至${dueZh(p)}。`, en: (p) => `All agreed: mediation of ${p.caseNumber} now runs to ${dueEn(p)}.` },
  },
  extension_refused: {
    title: { 'zh-CN': (p) => `${p.caseNumber}未延长调解期`, en: (p) => `${p.caseNumber}: no extension` },
    text: { 'zh-CN': (p) => `有当事人不同意延长，案件${p.caseNumber}调解期不变。`, en: (p) => `A party refused; the mediation period of ${p.caseNumber} is unchanged.` },
  },
  mediation_suspended: {
    title: { 'zh-CN': (p) => `${p.caseNumber}调解中止`, en: (p) => `${p.caseNumber}: mediation suspended` },
    text: {
      'zh-CN': (p, r) => (isParty(r) ? `案件${p.caseNumber}调解已中止，待核查后通知您。` : `案件${p.caseNumber}被报告涉嫌虚假调解，已中止，请登录查看报告。`),
      en: (p, r) =>
        isParty(r) ? `Mediation of ${p.caseNumber} is suspended pending a review; you will be told.` : `Case ${p.caseNumber} was reported as suspected sham mediation and suspended; see the report.`,
    },
  },
  mediation_resumed: {
    title: { 'zh-CN': (p) => `${p.caseNumber}恢复调解`, en: (p) => `${p.caseNumber}: mediation resumed` },
    text: { 'zh-CN': (p) => `案件${p.caseNumber}核查完毕，调解已恢复。`, en: (p) => `The review of ${p.caseNumber} is done; mediation has resumed.` },
  },
  application_withdrawn: {
    title: { 'zh-CN': (p) => `${p.caseNumber}已撤回`, en: (p) => `${p.caseNumber} withdrawn` },
    text: { 'zh-CN': (p) => `申请人已撤回调解申请${p.caseNumber}。`, en: (p) => `The applicant withdrew application ${p.caseNumber}.` },
  },
  // Settlement agreement (R25–R28)
  agreement_drafted: {
    title: { 'zh-CN': (p) => `${p.caseNumber}调解协议草案`, en: (p) => `${p.caseNumber}: draft agreement` },
    text: {
      'zh-CN': (p) => `调解员已起草案件${p.caseNumber}的调解协议，请登录查看，如有意见可提出修改。`,
      en: (p) => `The mediator drafted the agreement of case ${p.caseNumber}; log in to review it or ask for changes.`,
    },
  },
  agreement_change_requested: {
    title: { 'zh-CN': (p) => `${p.caseNumber}协议修改意见`, en: (p) => `${p.caseNumber}: change request` },
    text: {
      'zh-CN': (p) => `当事人对案件${p.caseNumber}的协议草案提出了修改意见，请登录查看。`,
      en: (p) => `A party asked for changes to the draft agreement of case ${p.caseNumber}; log in to see them.`,
    },
  },
  agreement_signing_started: {
    title: { 'zh-CN': (p) => `${p.caseNumber}协议待签署`, en: (p) => `${p.caseNumber}: agreement to sign` },
    text: {
      'zh-CN': (p) => `案件${p.caseNumber}的调解协议已定稿，请登录核对后用短信验证码签署。`,
      en: (p) => `The agreement of case ${p.caseNumber} is final; log in, read it and sign with an SMS code.`,
    },
  },
  agreement_signing_reset: {
    title: { 'zh-CN': (p) => `${p.caseNumber}协议已修改`, en: (p) => `${p.caseNumber}: agreement changed` },
    text: {
      'zh-CN': (p) => `案件${p.caseNumber}的协议在签署中被修改，已有签名作废，请重新查看。`,
      en: (p) => `The agreement of case ${p.caseNumber} changed during signing; signatures so far are void. Please review it again.`,
    },
  },
  agreement_effective: {
    title: { 'zh-CN': (p) => `${p.caseNumber}调解协议生效`, en: (p) => `${p.caseNumber}: agreement in effect` },
    text: {
      'zh-CN': (p, r) => `案件${p.caseNumber}调解协议已签署生效，${isParty(r) ? '请下载协议并自觉履行。' : '协议已存档。'}`,
      en: (p, r) => `The agreement of case ${p.caseNumber} is signed and in effect. ${isParty(r) ? 'Download your copy and perform it.' : 'It is archived.'}`,
    },
  },
  agreement_awaiting_seal: {
    title: { 'zh-CN': (p) => `${p.caseNumber}协议待加盖印章`, en: (p) => `${p.caseNumber}: agreement awaits the seal` },
    text: {
      'zh-CN': (p, r) => (r === 'dispatcher' ? `案件${p.caseNumber}的调解协议已全部签署，请登录加盖调解委员会印章。` : `案件${p.caseNumber}的调解协议已全部签署，加盖调解委员会印章后生效。`),
      en: (p, r) =>
        r === 'dispatcher'
          ? `Everyone signed the agreement of case ${p.caseNumber}; log in to apply the committee's seal.`
          : `Everyone signed the agreement of case ${p.caseNumber}; it takes effect when the committee applies its seal.`,
    },
  },
  // R28: performance of the agreement's obligations (performance/), each notice to the other side.
  obligation_claimed: {
    title: { 'zh-CN': (p) => `${p.caseNumber}：对方称已履行`, en: (p) => `${p.caseNumber}: performance claimed` },
    text: {
      'zh-CN': (p) => `案件${p.caseNumber}：对方称已履行${itemZh(p)}${amountZh(p)}，请登录确认或提出异议。`,
      en: (p) => `Case ${p.caseNumber}: the other party says ${itemEn(p)}${amountEn(p)} is performed; log in to confirm or dispute.`,
    },
  },
  obligation_confirmed: {
    title: { 'zh-CN': (p) => `${p.caseNumber}：履行已确认`, en: (p) => `${p.caseNumber}: performance confirmed` },
    text: {
      'zh-CN': (p) => `案件${p.caseNumber}：对方已确认收到您履行的${itemZh(p)}${amountZh(p)}。`,
      en: (p) => `Case ${p.caseNumber}: the other party confirmed ${itemEn(p)}${amountEn(p)} as performed.`,
    },
  },
  obligation_disputed: {
    title: { 'zh-CN': (p) => `${p.caseNumber}：履行有异议`, en: (p) => `${p.caseNumber}: performance disputed` },
    text: {
      'zh-CN': (p, r) => (r === 'mediator' ? `案件${p.caseNumber}：一方对${itemZh(p)}的履行提出异议。` : `案件${p.caseNumber}：对方对${itemZh(p)}的履行提出异议，请登录查看并处理。`),
      en: (p, r) =>
        r === 'mediator'
          ? `Case ${p.caseNumber}: a party disputes the performance of ${itemEn(p)}.`
          : `Case ${p.caseNumber}: the other party disputes your performance of ${itemEn(p)}; log in to see why.`,
    },
  },
  obligation_reminder: {
    title: { 'zh-CN': (p) => `${p.caseNumber}：履行期限将至`, en: (p) => `${p.caseNumber}: obligation due soon` },
    text: {
      'zh-CN': (p) => `案件${p.caseNumber}${itemZh(p)}${amountZh(p)}应于${dateZh(p)}前履行，请按期自觉履行。`,
      en: (p) => `Case ${p.caseNumber}: ${itemEn(p)}${amountEn(p)} is due by ${dateEn(p)}; please perform it on time.`,
    },
    deadline: true,
  },
  obligation_overdue: {
    title: { 'zh-CN': (p) => `${p.caseNumber}：义务逾期未履行`, en: (p) => `${p.caseNumber}: obligation overdue` },
    text: {
      'zh-CN': (p, r) => `案件${p.caseNumber}${itemZh(p)}已逾期未履行（期限${dateZh(p)}）。${r === 'mediator' ? '' : p.confirmed ? '请尽快履行，对方可申请强制执行。' : '请尽快履行。'}`,
      en: (p, r) =>
        `Case ${p.caseNumber}: ${itemEn(p)} is overdue (due ${dateEn(p)}). ${r === 'mediator' ? '' : p.confirmed ? 'Perform it now: the other party may apply for enforcement.' : 'Please perform it now.'}`.trim(),
    },
    deadline: true,
  },
  obligation_overdue_owed: {
    title: { 'zh-CN': (p) => `${p.caseNumber}：对方逾期未履行`, en: (p) => `${p.caseNumber}: obligation owed to you overdue` },
    text: {
      'zh-CN': (p) => `案件${p.caseNumber}${itemZh(p)}已逾期未履行。${p.confirmed ? '您可在两年内申请强制执行，登录即可生成申请书。' : '可联系调解员督促履行。'}`,
      en: (p) =>
        `Case ${p.caseNumber}: ${itemEn(p)} owed to you is overdue. ${p.confirmed ? 'You may apply for enforcement within 2 years; log in to prepare it.' : 'Your mediator can urge performance.'}`,
    },
    deadline: true,
  },
};

// R10, R11: recusal and change of mediator (templates-mediator-change.ts).
Object.assign(TEMPLATES, MEDIATOR_CHANGE_TEMPLATES);
// Issue #11: the mediator wrote (templates-messages.ts).
Object.assign(TEMPLATES, MESSAGE_TEMPLATES);
// Issue #11: an important notice left unread (templates-escalation.ts).
Object.assign(TEMPLATES, ESCALATION_TEMPLATES);
// R38: complaints (templates-complaints.ts).
Object.assign(TEMPLATES, COMPLAINT_TEMPLATES);
Object.assign(TEMPLATES, ROSTER_TEMPLATES);
// R29–R35: judicial confirmation (templates-confirmation.ts).
Object.assign(TEMPLATES, CONFIRMATION_TEMPLATES);

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
