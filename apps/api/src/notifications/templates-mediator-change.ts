import { formatEn, formatZh, type Params, type Template } from './template-kit';

const whatZh = (p: Params) => (p.kind === 'recusal' ? '回避申请' : '更换调解员申请');
const whatEn = (p: Params) => (p.kind === 'recusal' ? 'recusal request' : 'request to change mediator');
const dueZh = (p: Params) => (p.dueAt ? `${formatZh(String(p.dueAt))}前` : '3个工作日内');
const dueEn = (p: Params) => (p.dueAt ? `by ${formatEn(String(p.dueAt))}` : 'within 3 working days');

/**
 * R10, R11 notices (both languages). A request is the asking party's own item: the notices go
 * to that party and the organisation's admins only (never to the other party or the mediator).
 */
export const MEDIATOR_CHANGE_TEMPLATES: Record<string, Template> = {
  conflict_disclosed: {
    title: { 'zh-CN': (p) => `${p.caseNumber}调解员披露利害关系`, en: (p) => `${p.caseNumber}: mediator disclosed a conflict` },
    text: {
      'zh-CN': (p) => `案件${p.caseNumber}的调解员${p.mediatorName ?? ''}披露了利害关系，请登录选择同意其调解或申请回避。`,
      en: (p) => `The mediator of case ${p.caseNumber} disclosed a conflict; log in to consent or ask for recusal.`,
    },
  },
  conflict_consented: {
    title: { 'zh-CN': (p) => `${p.caseNumber}当事人同意继续调解`, en: (p) => `${p.caseNumber}: party consented` },
    text: {
      'zh-CN': (p) => `案件${p.caseNumber}的一方当事人在知悉您披露的情况后同意由您调解。`,
      en: (p) => `A party of case ${p.caseNumber} consented to your mediating after your disclosure.`,
    },
  },
  mediator_change_requested: {
    title: { 'zh-CN': (p) => `${p.caseNumber}有${whatZh(p)}待处理`, en: (p) => `${p.caseNumber}: ${whatEn(p)}` },
    text: {
      'zh-CN': (p) => `案件${p.caseNumber}的当事人提出${whatZh(p)}，请于${dueZh(p)}答复。`,
      en: (p) => `A party of case ${p.caseNumber} made a ${whatEn(p)}; answer ${dueEn(p)}.`,
    },
  },
  mediator_change_due: {
    title: { 'zh-CN': (p) => `${p.caseNumber}${whatZh(p)}即将到期`, en: (p) => `${p.caseNumber}: answer due soon` },
    text: {
      'zh-CN': (p) => `案件${p.caseNumber}的${whatZh(p)}尚未答复，请于${dueZh(p)}处理。`,
      en: (p) => `The ${whatEn(p)} on case ${p.caseNumber} is unanswered; answer ${dueEn(p)}.`,
    },
    deadline: true,
  },
  mediator_change_overdue: {
    title: { 'zh-CN': (p) => `${p.caseNumber}${whatZh(p)}已逾期`, en: (p) => `${p.caseNumber}: answer overdue` },
    text: {
      'zh-CN': (p, r) => (r === 'dispatcher' ? `案件${p.caseNumber}的${whatZh(p)}已超过答复期限，请立即处理。` : `您在案件${p.caseNumber}中的${whatZh(p)}未按期答复，已督促调解组织尽快处理。`),
      en: (p, r) =>
        r === 'dispatcher' ? `The ${whatEn(p)} on case ${p.caseNumber} is overdue; answer it now.` : `Your ${whatEn(p)} on case ${p.caseNumber} is overdue; the organisation was reminded.`,
    },
    deadline: true,
  },
  mediator_change_granted: {
    title: { 'zh-CN': (p) => `${p.caseNumber}${whatZh(p)}已同意`, en: (p) => `${p.caseNumber}: request granted` },
    text: {
      'zh-CN': (p) => `您在案件${p.caseNumber}中的${whatZh(p)}已获同意，已改派调解员${p.mediatorName ?? ''}。`,
      en: (p) => `Your ${whatEn(p)} on case ${p.caseNumber} was granted; mediator ${p.mediatorName ?? ''} was assigned.`,
    },
  },
  mediator_change_refused: {
    title: { 'zh-CN': (p) => `${p.caseNumber}${whatZh(p)}未获同意`, en: (p) => `${p.caseNumber}: request refused` },
    text: {
      'zh-CN': (p) => `您在案件${p.caseNumber}中的${whatZh(p)}未获同意，请登录查看理由。`,
      en: (p) => `Your ${whatEn(p)} on case ${p.caseNumber} was refused; log in to see why.`,
    },
  },
};
