import type { ServiceProofView } from '@tiaojie/contracts';
import { renderPdf, type PdfBlock, type RenderedPdf } from '../pdf/pdf-renderer';
import { serviceProofBlocks } from './service-proof-blocks';
import { chinaMinuteOf } from '@tiaojie/domain';

/** Chinese labels of the codes the documents print (the court reads Chinese). */
const TERMINATION_ZH: Record<string, string> = {
  agreement: '达成协议',
  settled_withdrawn: '自行和解并撤回申请',
  respondent_unreachable: '无法联系被申请人',
  party_unwilling: '一方当事人不愿继续调解',
  positions_too_far: '双方分歧过大',
  period_expired: '调解期限届满未延长',
  refused_to_sign: '拒绝签署调解协议',
  other: '其他',
};
const ROUTE_ZH: Record<string, string> = { online_filing: '网上立案（移送有管辖权的法院）', return_to_court: '退回委派法院', arbitration: '申请仲裁' };
const SIDE_ZH: Record<string, string> = { applicant: '申请人', respondent: '被申请人' };
const CHANNEL_ZH: Record<string, string> = { joint: '联合调解', caucus: '背对背', notes: '调解员笔记' };
const ROLE_ZH: Record<string, string> = { party: '当事人', agent: '代理人', mediator: '调解员' };

export const terminationZh = (code: string) => TERMINATION_ZH[code] ?? code;

/** China time, to the minute: 2026-03-02 09:00. */
export function chinaTime(iso: string | Date | null | undefined): string {
  if (!iso) return '';
  return chinaMinuteOf(iso);
}

export interface FailureReportData {
  caseNumber: string | null;
  organisationName: string | null;
  mediatorNames: string[];
  parties: Array<{ side: string; name: string }>;
  reasonCode: string;
  reasonNote: string | null;
  situation: string;
  costConduct: string | null;
  authorName: string;
  createdAt: Date;
}

/** R23: the failure report (调解不成功报告) for the court: situation, reason, conduct that raised costs. */
export function failureReportPdf(r: FailureReportData): Promise<RenderedPdf> {
  return renderPdf({
    title: '调解不成功报告',
    header: r.caseNumber ?? undefined,
    createdAt: r.createdAt,
    blocks: [
      { type: 'title', text: '调解不成功报告' },
      { type: 'subtitle', text: `案号：${r.caseNumber ?? '—'}` },
      {
        type: 'fields',
        rows: [
          ['调解组织', r.organisationName ?? ''],
          ['调解员', r.mediatorNames.join('、')],
          ...r.parties.map((p) => [SIDE_ZH[p.side] ?? p.side, p.name] as const),
          ['终止原因', `${terminationZh(r.reasonCode)}${r.reasonNote ? `（${r.reasonNote}）` : ''}`],
          ['报告人', r.authorName],
          ['报告时间', chinaTime(r.createdAt)],
        ],
      },
      { type: 'heading', text: '一、调解情况' },
      { type: 'paragraph', text: r.situation },
      { type: 'heading', text: '二、调解不成功的原因' },
      { type: 'paragraph', text: `${terminationZh(r.reasonCode)}。${r.reasonNote ?? ''}` },
      { type: 'heading', text: '三、增加对方诉讼成本的行为' },
      { type: 'paragraph', text: r.costConduct?.trim() ? r.costConduct : '无。' },
      { type: 'paragraph', text: '当事人可依法申请仲裁、申请行政处理或向人民法院提起诉讼。' },
    ],
  });
}

/** The structured case file (R24) as it is frozen at escalation and sent with the filing. */
export interface CasePackage {
  schema: 'tiaojie.case-file/1';
  route: string;
  generatedAt: string;
  court: { id: string; name: string } | null;
  case: {
    number: string | null;
    disputeType: string;
    facts: string;
    claimAmount: string | null;
    otherRequests: string | null;
    region: string | null;
    courtDelegated: boolean;
    organisation: string | null;
    mediators: string[];
    submittedAt: string | null;
    mediatorAcceptedAt: string | null;
    endedAt: string | null;
    terminationReason: string | null;
    reasonNote: string | null;
  };
  parties: Array<{ side: string; kind: string; name: string; mobile: string; idNumberMasked: string | null; address: string | null; email: string | null }>;
  failureReport: { reasonCode: string; reasonNote: string | null; situation: string; costConduct: string | null; author: string; createdAt: string } | null;
  timeline: Array<{ at: string; type: string; fromState: string | null; toState: string | null }>;
  /** `id`: the case document (R24: the court downloads each one); `visibility` decides a party's copy (R15). Both absent in packages made before they were kept (`visibility` then read as `own_side`). */
  documents: Array<{ id?: string; fileName: string; kind: string; uploadedBySide: string; visibility?: string; sizeBytes: number; sha256: string; uploadedAt: string }>;
  /** R17: concessions are never here (MediationService.exportableMessages). */
  conversation: Array<{ at: string; channel: string; senderRole: string; senderName: string; body: string }>;
  /** R40: the proofs of service (送达回证) of the documents served; absent in packages made before they were kept. */
  serviceProofs?: ServiceProofView[];
}

/** The PDF case file (案件材料) rendered from the frozen package. */
export function casePackagePdf(p: CasePackage): Promise<RenderedPdf> {
  const c = p.case;
  const blocks: PdfBlock[] = [
    { type: 'title', text: '调解案件移送材料' },
    { type: 'subtitle', text: `案号：${c.number ?? '—'}\u3000去向：${ROUTE_ZH[p.route] ?? p.route}${p.court ? `\u3000接收法院：${p.court.name}` : ''}` },
    { type: 'heading', text: '一、案件信息' },
    {
      type: 'fields',
      rows: [
        ['纠纷类型', c.disputeType],
        ['请求金额', c.claimAmount ? `${c.claimAmount}元` : ''],
        ['其他请求', c.otherRequests ?? ''],
        ['调解组织', c.organisation ?? ''],
        ['调解员', c.mediators.join('、')],
        ['委派调解', c.courtDelegated ? '是' : '否'],
        ['申请时间', chinaTime(c.submittedAt)],
        ['调解开始', chinaTime(c.mediatorAcceptedAt)],
        ['调解终止', chinaTime(c.endedAt)],
        ['终止原因', c.terminationReason ? `${terminationZh(c.terminationReason)}${c.reasonNote ? `（${c.reasonNote}）` : ''}` : ''],
      ],
    },
    { type: 'heading', text: '二、当事人' },
    {
      type: 'table',
      columns: ['身份', '姓名/名称', '手机', '证件号', '地址'],
      widths: [1, 1.5, 1.4, 1.6, 2.2],
      rows: p.parties.map((x) => [SIDE_ZH[x.side] ?? x.side, x.name, x.mobile, x.idNumberMasked ?? '', x.address ?? '']),
    },
    { type: 'heading', text: '三、事实与理由' },
    { type: 'paragraph', text: c.facts || '—' },
  ];
  if (p.failureReport) {
    const f = p.failureReport;
    blocks.push(
      { type: 'heading', text: '四、调解不成功报告' },
      {
        type: 'fields',
        rows: [
          ['终止原因', `${terminationZh(f.reasonCode)}${f.reasonNote ? `（${f.reasonNote}）` : ''}`],
          ['报告人', f.author],
          ['报告时间', chinaTime(f.createdAt)],
        ],
      },
      { type: 'paragraph', text: `调解情况：${f.situation}` },
      { type: 'paragraph', text: `增加对方诉讼成本的行为：${f.costConduct?.trim() ? f.costConduct : '无'}` },
    );
  }
  blocks.push(
    { type: 'heading', text: '五、案件经过' },
    {
      type: 'table',
      columns: ['时间', '事件', '状态'],
      widths: [1.3, 2, 2],
      rows: p.timeline.map((e) => [chinaTime(e.at), e.type, e.fromState || e.toState ? `${e.fromState ?? ''} → ${e.toState ?? ''}` : '']),
    },
    { type: 'heading', text: '六、证据材料清单' },
    p.documents.length
      ? {
          type: 'table',
          columns: ['文件名', '类型', '提交方', '上传时间'],
          widths: [2.4, 1.2, 1, 1.4],
          rows: p.documents.map((d) => [d.fileName, d.kind, SIDE_ZH[d.uploadedBySide] ?? d.uploadedBySide, chinaTime(d.uploadedAt)]),
        }
      : { type: 'paragraph', text: '无。' },
    { type: 'heading', text: '七、调解记录（不含当事人为达成协议所作的让步，R17）' },
  );
  if (p.conversation.length) {
    for (const m of p.conversation) {
      blocks.push({ type: 'paragraph', text: `[${chinaTime(m.at)}] ${CHANNEL_ZH[m.channel] ?? m.channel}·${ROLE_ZH[m.senderRole] ?? m.senderRole} ${m.senderName}：${m.body}` });
    }
  } else {
    blocks.push({ type: 'paragraph', text: '无。' });
  }
  if (p.serviceProofs) blocks.push(...serviceProofBlocks('八、送达回证', p.serviceProofs));
  return renderPdf({ title: '调解案件移送材料', header: c.number ?? undefined, createdAt: new Date(p.generatedAt), blocks });
}
