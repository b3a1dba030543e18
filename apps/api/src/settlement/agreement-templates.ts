import type { AgreementContent } from '@tiaojie/contracts';
import type { DisputeType } from '@tiaojie/domain';

/**
 * The starting text of an agreement per dispute type (R25: main facts, disputed matters,
 * responsibilities, and the terms). The agreement is a Chinese legal document: the template
 * is in Chinese whatever the mediator's interface language; the mediator edits every field.
 */
export interface AgreementTemplate {
  disputedMatters: string;
  responsibilities: string;
  otherTerms: string;
}

const COMMON_TERMS =
  '本协议经各方当事人签名（电子签名）、调解员签名并加盖调解组织印章后生效。各方应当自觉履行本协议。经调解达成的协议具有法律约束力，各方可自协议生效之日起三十日内共同向有管辖权的人民法院申请司法确认。';

const TEMPLATES: Record<DisputeType, AgreementTemplate> = {
  private_loan: {
    disputedMatters: '借款本金的数额、利息的计算及还款期限。',
    responsibilities: '借款人确认借款事实，应按约定偿还借款；出借人同意按本协议约定的方式和期限接受还款。',
    otherTerms: `借款人按期足额履行后，双方就本借款纠纷再无其他争议。${COMMON_TERMS}`,
  },
  family_neighbour: {
    disputedMatters: '相邻关系或家庭事务中的权利义务及损失补偿。',
    responsibilities: '各方本着互谅互让、团结和睦的原则，对各自应承担的责任达成一致。',
    otherTerms: `各方今后应友好相处，不再就本纠纷发生争执。${COMMON_TERMS}`,
  },
  property_management: {
    disputedMatters: '物业服务费用、服务质量及相关损失。',
    responsibilities: '业主与物业服务企业各自确认应履行的义务。',
    otherTerms: COMMON_TERMS,
  },
  labour: {
    disputedMatters: '劳动报酬、经济补偿及劳动关系的解除。',
    responsibilities: '用人单位确认应支付的款项，劳动者确认领取后双方劳动关系已依法解除。',
    otherTerms: COMMON_TERMS,
  },
  traffic_accident: {
    disputedMatters: '交通事故造成的人身损害及财产损失的赔偿。',
    responsibilities: '根据事故责任认定，赔偿义务人承担相应的赔偿责任。',
    otherTerms: `赔偿款项付清后，双方就本次事故再无其他争议。${COMMON_TERMS}`,
  },
  consumer: {
    disputedMatters: '商品或服务的质量、退换货及赔偿。',
    responsibilities: '经营者确认应承担的退款或赔偿责任。',
    otherTerms: COMMON_TERMS,
  },
  banking_insurance: {
    disputedMatters: '金融借款或保险合同项下的款项、费用及履行方式。',
    responsibilities: '各方确认合同项下的欠款或理赔数额及履行安排。',
    otherTerms: COMMON_TERMS,
  },
  maritime_fishery: {
    disputedMatters: '海事或渔事活动中的损失赔偿及费用承担。',
    responsibilities: '各方确认各自应承担的责任与赔偿数额。',
    otherTerms: COMMON_TERMS,
  },
  medical: {
    disputedMatters: '医疗损害的责任及赔偿数额。',
    responsibilities: '医疗机构确认应承担的赔偿责任，患方确认接受本协议约定的赔偿。',
    otherTerms: `赔偿款付清后，患方不再就本次诊疗行为主张其他权利。${COMMON_TERMS}`,
  },
  other: {
    disputedMatters: '各方之间的争议事项。',
    responsibilities: '各方确认各自应承担的责任。',
    otherTerms: COMMON_TERMS,
  },
};

/** The coded wording of a dispute type's template (what a system admin's wording replaces, issue #13). */
export function codedTemplate(disputeType: DisputeType): AgreementTemplate {
  return { ...TEMPLATES[disputeType] };
}

/** The template of a dispute type, with the system admin's wording when there is one (`wording`, issue #13). */
export function templateFor(disputeType: DisputeType | string, facts: string, wording?: AgreementTemplate | null): { template: string; content: AgreementContent } {
  const key = (disputeType in TEMPLATES ? disputeType : 'other') as DisputeType;
  const t = wording ?? TEMPLATES[key];
  return { template: key, content: { facts, disputedMatters: t.disputedMatters, responsibilities: t.responsibilities, otherTerms: t.otherTerms } };
}
