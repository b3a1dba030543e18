import { formatCny } from '@tiaojie/domain';
import type { CaseParty } from '../cases/case-party.entity';
import type { MediationCase } from '../cases/case.entity';
import type { Court } from '../organisations/court.entity';
import { renderPdf, type PdfBlock, type RenderedPdf } from '../pdf/pdf-renderer';
import type { Agreement, Obligation } from '../cases/agreement.entity';
import type { ApplicationSignature } from '../cases/confirmation.entity';
import { chinaDateZh } from '@tiaojie/domain';

/** 2026年3月2日 (China time). */
export const chineseDate = (at: Date): string => chinaDateZh(at);

const SIDE = { applicant: '申请人', respondent: '申请人' } as const;
const BASIS_ZH: Record<string, string> = {
  inviting_court: '委派调解的法院',
  party_domicile: '当事人住所地基层人民法院',
  subject_matter: '标的物所在地基层人民法院',
  organisation_location: '调解组织所在地基层人民法院',
};

function partyFields(parties: CaseParty[]): PdfBlock[] {
  return parties.map((p) => ({
    type: 'paragraph' as const,
    text: `${SIDE[p.side]}：${p.name}${p.idNumberMasked ? `，身份证号${p.idNumberMasked}` : ''}，联系电话${p.mobile}${p.address ? `，住${p.address}` : ''}。`,
  }));
}

function termsBlocks(agreement: Agreement, obligations: Obligation[], parties: CaseParty[]): PdfBlock[] {
  const name = (id: string) => parties.find((p) => p.id === id)?.name ?? '';
  const blocks: PdfBlock[] = [];
  const content = agreement.content ?? { facts: '', disputedMatters: '', responsibilities: '', otherTerms: '' };
  if (content.responsibilities) blocks.push({ type: 'paragraph', text: content.responsibilities });
  obligations.forEach((o, i) => {
    const amount = o.amount ? `人民币${formatCny(o.amount)}元` : '';
    blocks.push({
      type: 'paragraph',
      text: `${i + 1}. ${name(o.obligorPartyId)}于${o.dueDate}前向${name(o.obligeePartyId)}${o.description}${amount ? `（${amount}）` : ''}${o.method ? `，方式：${o.method}` : ''}${o.place ? `，地点：${o.place}` : ''}。`,
    });
  });
  if (content.otherTerms) blocks.push({ type: 'paragraph', text: content.otherTerms });
  return blocks;
}

/** R29/R31: the joint application for judicial confirmation (司法确认申请书), signed by every party. */
export function renderApplicationPdf(input: {
  c: MediationCase;
  court: Court;
  parties: CaseParty[];
  agreement: Agreement;
  signatures: ApplicationSignature[];
  basis: string;
  organisationName: string | null;
  at: Date;
}): Promise<RenderedPdf> {
  const { c, court, parties, agreement, signatures, at } = input;
  return renderPdf({
    title: '司法确认申请书',
    header: `${c.number ?? ''} 司法确认申请书`,
    createdAt: at,
    blocks: [
      { type: 'title', text: '司法确认申请书' },
      ...partyFields(parties),
      { type: 'heading', text: '请求事项' },
      {
        type: 'paragraph',
        text: `请求确认申请人于${agreement.effectiveAt ? chineseDate(agreement.effectiveAt) : ''}经${input.organisationName ?? '调解组织'}主持调解达成的调解协议（案号${c.number ?? ''}）有效。`,
      },
      { type: 'heading', text: '事实与理由' },
      { type: 'paragraph', text: agreement.content?.facts || c.facts || '' },
      { type: 'paragraph', text: `受理法院：${court.name}（${BASIS_ZH[input.basis] ?? ''}）。` },
      {
        type: 'paragraph',
        text: '申请人承诺：出于解决纠纷的目的自愿达成调解协议，没有恶意串通、规避法律的行为；如因虚假调解损害国家利益、社会公共利益或他人合法权益，愿承担相应法律责任。司法确认不收取费用。',
      },
      { type: 'fields', rows: [['此致', court.name]] },
      { type: 'signatures', items: signatures.map((s) => ({ label: '申请人', name: s.name, signedAt: s.signedAt.replace('T', ' ').slice(0, 16) + ' UTC' })) },
    ],
  });
}

/** R34: the ruling (民事裁定书) confirming the mediation agreement. */
export function renderRulingPdf(input: {
  court: Court;
  number: string;
  parties: CaseParty[];
  agreement: Agreement;
  obligations: Obligation[];
  organisationName: string | null;
  submittedAt: Date;
  judgeName: string;
  ruledAt: Date;
  verificationCode: string;
  verifyUrl: string;
}): Promise<RenderedPdf> {
  const { court, number, parties, agreement, obligations, ruledAt } = input;
  const names = parties.map((p) => p.name).join('与');
  const effective = agreement.effectiveAt ? chineseDate(agreement.effectiveAt) : '';
  return renderPdf({
    title: '民事裁定书',
    header: `${court.name} ${number}`,
    createdAt: ruledAt,
    author: court.name,
    blocks: [
      { type: 'title', text: court.name },
      { type: 'subtitle', text: '民事裁定书' },
      { type: 'paragraph', text: number },
      ...partyFields(parties),
      {
        type: 'paragraph',
        text: `申请人${names}于${chineseDate(input.submittedAt)}向本院申请司法确认，本院受理后依法进行了审查。申请人于${effective}经${input.organisationName ?? '调解组织'}主持调解，达成了如下调解协议：`,
      },
      ...termsBlocks(agreement, obligations, parties),
      {
        type: 'paragraph',
        text: '本院经审查认为，申请人达成的调解协议符合司法确认的条件。依照《中华人民共和国民事诉讼法》第二百零五条、第二百零六条规定，裁定如下：',
      },
      {
        type: 'paragraph',
        text: `申请人${names}于${effective}达成的调解协议有效。当事人应当按照调解协议的约定自觉履行义务。一方当事人拒绝履行或者未全部履行的，对方当事人可以向人民法院申请强制执行。`,
      },
      { type: 'paragraph', text: '本裁定书自即日起发生法律效力。本案不收取费用。' },
      { type: 'fields', rows: [['审判员', input.judgeName]] },
      { type: 'seal', name: court.name, date: chineseDate(ruledAt) },
      { type: 'verification', code: input.verificationCode, url: input.verifyUrl, label: '验证码' },
    ],
  });
}
