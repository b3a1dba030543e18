import { dueEn, dueZh, type Template } from './template-kit';

/** Judicial confirmation (R29–R35). Court staff receive the 'dispatcher' wording. */
export const CONFIRMATION_TEMPLATES: Record<string, Template> = {
  confirmation_signed: {
    title: { 'zh-CN': (p) => `${p.caseNumber}司法确认申请待签署`, en: (p) => `${p.caseNumber}: confirmation application to sign` },
    text: {
      'zh-CN': (p) => `案件${p.caseNumber}的司法确认申请已有当事人签署，请尽快登录签署（免费）。`,
      en: (p) => `A party signed the application to confirm case ${p.caseNumber}; log in to sign it too (free of charge).`,
    },
  },
  confirmation_requested: {
    title: { 'zh-CN': (p) => `${p.caseNumber}已申请司法确认`, en: (p) => `${p.caseNumber}: confirmation applied for` },
    text: {
      'zh-CN': (p) => `案件${p.caseNumber}的司法确认申请已提交${p.courtName || '法院'}，法院将在3日内决定是否受理。`,
      en: (p) => `The application to confirm case ${p.caseNumber} was filed with ${p.courtName || 'the court'}; it decides on acceptance within 3 days.`,
    },
  },
  confirmation_filed: {
    title: { 'zh-CN': (p) => `新司法确认申请${p.caseNumber}`, en: (p) => `New confirmation application ${p.caseNumber}` },
    text: {
      'zh-CN': (p) => `新司法确认申请${p.caseNumber}待审查，请于${dueZh(p)}前决定是否受理。`,
      en: (p) => `New confirmation application ${p.caseNumber}: accept or refuse by ${dueEn(p)}.`,
    },
    deadline: true,
  },
  confirmation_accepted: {
    title: { 'zh-CN': (p) => `${p.caseNumber}司法确认已受理`, en: (p) => `${p.caseNumber}: confirmation accepted` },
    text: {
      'zh-CN': (p) => `${p.courtName || '法院'}已受理案件${p.caseNumber}的司法确认申请，将于${dueZh(p)}前作出裁定。`,
      en: (p) => `${p.courtName || 'The court'} accepted the application for case ${p.caseNumber}; ruling due by ${dueEn(p)}.`,
    },
  },
  confirmation_extended: {
    title: { 'zh-CN': (p) => `${p.caseNumber}审查期限延长`, en: (p) => `${p.caseNumber}: ruling period extended` },
    text: {
      'zh-CN': (p) => `案件${p.caseNumber}的司法确认审查期限延长至${dueZh(p)}。`,
      en: (p) => `The ruling period for case ${p.caseNumber} was extended to ${dueEn(p)}.`,
    },
  },
  confirmation_supplement_requested: {
    title: { 'zh-CN': (p) => `${p.caseNumber}法院要求补充材料`, en: (p) => `${p.caseNumber}: court asks for materials` },
    text: {
      'zh-CN': (p) => `法院要求案件${p.caseNumber}补充材料，请于${dueZh(p)}前提交，逾期法官可决定按撤回申请处理。`,
      en: (p) => `The court asks for more materials on case ${p.caseNumber} by ${dueEn(p)}; if late, the judge may treat it as withdrawn.`,
    },
    deadline: true,
  },
  confirmation_supplement_provided: {
    title: { 'zh-CN': (p) => `${p.caseNumber}已补充材料`, en: (p) => `${p.caseNumber}: materials provided` },
    text: { 'zh-CN': (p) => `当事人已就司法确认申请${p.caseNumber}补充材料，请审查。`, en: (p) => `A party provided the requested materials for application ${p.caseNumber}.` },
  },
  // R33: a missed deadline is put to the judge (JC2011 6); the judge's decision follows.
  confirmation_supplement_missed: {
    title: { 'zh-CN': (p) => `${p.caseNumber}补充材料逾期`, en: (p) => `${p.caseNumber}: materials deadline passed` },
    text: {
      'zh-CN': (p, r) => (r === 'dispatcher' ? `司法确认申请${p.caseNumber}的补充材料已逾期，请决定是否按撤回申请处理。` : `案件${p.caseNumber}未在期限内补充材料，由法官决定是否按撤回申请处理。`),
      en: (p, r) =>
        r === 'dispatcher'
          ? `Materials for application ${p.caseNumber} are late; decide whether it counts as withdrawn.`
          : `Materials for case ${p.caseNumber} are late; the judge decides whether the application counts as withdrawn.`,
    },
  },
  confirmation_supplement_withdrawn: {
    title: { 'zh-CN': (p) => `${p.caseNumber}申请按撤回处理`, en: (p) => `${p.caseNumber}: application withdrawn` },
    text: {
      'zh-CN': (p) => `法官决定：案件${p.caseNumber}未按期补充材料，司法确认申请按撤回处理；协议仍有效。`,
      en: (p) => `The judge ruled that the late materials on case ${p.caseNumber} count as withdrawal; the agreement stays in effect.`,
    },
  },
  confirmation_supplement_excused: {
    title: { 'zh-CN': (p) => `${p.caseNumber}申请继续审查`, en: (p) => `${p.caseNumber}: application goes on` },
    text: {
      'zh-CN': (p) => `法官决定：案件${p.caseNumber}补充材料虽逾期，司法确认申请继续审查，请尽快提交。`,
      en: (p) => `The judge decided that application ${p.caseNumber} goes on despite the late materials; please provide them soon.`,
    },
  },
  confirmation_refused: {
    title: { 'zh-CN': (p) => `${p.caseNumber}司法确认不予受理`, en: (p) => `${p.caseNumber}: application not accepted` },
    text: {
      'zh-CN': (p) => `${p.courtName || '法院'}对案件${p.caseNumber}的司法确认申请不予受理；协议仍有效，可向有管辖权的法院申请或起诉。`,
      en: (p) => `${p.courtName || 'The court'} did not accept the application for case ${p.caseNumber}; the agreement stays in effect.`,
    },
  },
  confirmation_withdrawn: {
    title: { 'zh-CN': (p) => `${p.caseNumber}司法确认申请已撤回`, en: (p) => `${p.caseNumber}: application withdrawn` },
    text: { 'zh-CN': (p) => `案件${p.caseNumber}的司法确认申请已由当事人撤回。`, en: (p) => `The parties withdrew the application to confirm case ${p.caseNumber}.` },
  },
  confirmation_message: {
    title: { 'zh-CN': (p) => `${p.caseNumber}司法确认新消息`, en: (p) => `${p.caseNumber}: new confirmation message` },
    text: { 'zh-CN': (p) => `案件${p.caseNumber}的司法确认申请有新消息，请登录查看。`, en: (p) => `New message about the confirmation of case ${p.caseNumber}; log in to read it.` },
  },
  confirmation_granted: {
    title: { 'zh-CN': (p) => `${p.caseNumber}调解协议已获司法确认`, en: (p) => `${p.caseNumber}: agreement confirmed` },
    text: {
      'zh-CN': (p) => `法院裁定确认案件${p.caseNumber}的调解协议有效${p.rulingNumber ? `（${p.rulingNumber}）` : ''}，可登录下载裁定书。`,
      en: (p) => `The court confirmed the agreement of case ${p.caseNumber}${p.rulingNumber ? ` (${p.rulingNumber})` : ''}; download the ruling in the app.`,
    },
  },
  confirmation_court_due: {
    title: { 'zh-CN': (p) => `${p.caseNumber}司法确认期限将至`, en: (p) => `${p.caseNumber}: confirmation deadline near` },
    text: {
      'zh-CN': (p) => `司法确认申请${p.caseNumber}应于${dueZh(p)}前${p.step === 'rule' ? '作出裁定' : '决定是否受理'}。`,
      en: (p) => `Confirmation application ${p.caseNumber}: ${p.step === 'rule' ? 'rule' : 'accept or refuse'} by ${dueEn(p)}.`,
    },
    deadline: true,
  },
  confirmation_rejected: {
    title: { 'zh-CN': (p) => `${p.caseNumber}司法确认被驳回`, en: (p) => `${p.caseNumber}: confirmation rejected` },
    text: {
      'zh-CN': (p) => `法院驳回了案件${p.caseNumber}的司法确认申请。可变更原协议、达成新协议或向法院起诉。`,
      en: (p) => `The court rejected the application for case ${p.caseNumber}. You may amend the agreement, make a new one or sue.`,
    },
  },
};
