import type { AgreementContent } from '@tiaojie/contracts';
import { chinaDateTimeZh, formatCny } from '@tiaojie/domain';
import { renderPdf, type PdfBlock, type RenderedPdf } from '../pdf/pdf-renderer';
import type { CaseParty } from '../cases/case-party.entity';
import type { AgreementSignature, Obligation } from '../cases/agreement.entity';
import { chinaDateZh } from '@tiaojie/domain';

const SIDE_ZH = { applicant: '申请人', respondent: '被申请人' } as const;

export { chinaDateZh };

export interface AgreementPdfInput {
  caseNumber: string;
  seq: number;
  revision: number;
  partial: boolean;
  content: AgreementContent;
  parties: CaseParty[];
  obligations: Obligation[];
  /** The signatures on the frozen revision: every party's and the mediator's. */
  signatures: AgreementSignature[];
  contentHash: string;
  effectiveAt: Date;
  organisationName: string;
  verificationCode: string;
  verificationUrl: string;
}

/**
 * The signed agreement (R25, R26): the case number, the parties' basic information, the
 * facts, disputed matters and responsibilities, the obligations with way, place and deadline,
 * every signature, the organisation's seal and the verification code with its QR code.
 */
export function renderAgreementPdf(input: AgreementPdfInput): Promise<RenderedPdf> {
  const names = new Map(input.parties.map((p) => [p.id, p.name]));
  const partyRows = input.parties.map((p) => {
    const details = [p.name, p.idNumberMasked ? `身份证号 ${p.idNumberMasked}` : '', `电话 ${p.mobile}`, p.address ? `住址 ${p.address}` : ''].filter(Boolean).join('，');
    return [SIDE_ZH[p.side as 'applicant'] ?? p.side, details] as const;
  });
  const obligationRows = input.obligations.map((o) => [
    String(o.seq),
    names.get(o.obligorPartyId) ?? '',
    names.get(o.obligeePartyId) ?? '',
    o.instalment ? `${o.description}（第${o.instalment}/${o.instalments}期）` : o.description,
    o.amount ? formatCny(o.amount) : '—',
    [o.method, o.place].filter(Boolean).join('；') || '—',
    o.dueDate,
  ]);
  const partySignatures = input.parties.map((p) => {
    const s = input.signatures.find((x) => x.partyId === p.id);
    return { label: SIDE_ZH[p.side as 'applicant'] ?? p.side, name: p.name, signedAt: s ? chinaDateTimeZh(s.signedAt) : null, imagePng: s?.imagePng ?? null };
  });
  const mediator = input.signatures.find((s) => s.signerRole === 'mediator');
  const blocks: PdfBlock[] = [
    { type: 'title', text: '调解协议书' },
    { type: 'subtitle', text: `案号：${input.caseNumber}  协议第${input.seq}号（第${input.revision}稿）${input.partial ? '  部分协议' : ''}` },
    { type: 'heading', text: '当事人基本情况' },
    { type: 'fields', rows: partyRows },
    { type: 'heading', text: '一、纠纷的主要事实' },
    { type: 'paragraph', text: input.content.facts },
    { type: 'heading', text: '二、争议事项' },
    { type: 'paragraph', text: input.content.disputedMatters },
    { type: 'heading', text: '三、各方责任' },
    { type: 'paragraph', text: input.content.responsibilities },
    { type: 'heading', text: '四、协议内容（履行方式、地点、期限）' },
    { type: 'table', columns: ['序号', '义务人', '权利人', '内容', '金额', '方式/地点', '期限'], rows: obligationRows, widths: [0.5, 1, 1, 2.4, 1.3, 1.4, 1.1] },
    ...(input.content.otherTerms
      ? ([
          { type: 'heading', text: '五、其他约定' },
          { type: 'paragraph', text: input.content.otherTerms },
        ] as PdfBlock[])
      : []),
    ...(input.partial ? ([{ type: 'paragraph', text: '本协议为部分调解协议，仅就上述事项达成一致，其余争议事项另行处理。' }] as PdfBlock[]) : []),
    { type: 'heading', text: '签名' },
    {
      type: 'signatures',
      items: [...partySignatures, { label: '调解员', name: mediator?.signerName ?? '', signedAt: mediator ? chinaDateTimeZh(mediator.signedAt) : null, imagePng: mediator?.imagePng ?? null }],
    },
    { type: 'seal', name: input.organisationName, date: chinaDateZh(input.effectiveAt) },
    { type: 'paragraph', text: `本协议于${chinaDateTimeZh(input.effectiveAt)}（最后一方当事人签名时）生效。` },
    { type: 'paragraph', text: `签署内容摘要（SHA-256）：${input.contentHash}` },
    { type: 'verification', code: input.verificationCode, url: input.verificationUrl },
  ];
  return renderPdf({ title: `调解协议书 ${input.caseNumber}`, header: `${input.caseNumber} · 调解协议书`, blocks, createdAt: input.effectiveAt, author: input.organisationName });
}
