import type { ServiceProofView } from '@tiaojie/contracts';
import { renderPdf, type PdfBlock, type RenderedPdf } from '../pdf/pdf-renderer';
import { chinaTime, terminationZh } from './ending-pdf';
import { serviceProofBlocks } from './service-proof-blocks';

const SIDE_ZH: Record<string, string> = { applicant: '申请人', respondent: '被申请人', mediator: '调解员', staff: '工作人员' };
const KIND_ZH: Record<string, string> = { delegated: '诉前委派调解', entrusted: '诉中委托调解' };
const PROCEDURE_ZH: Record<string, string> = { ordinary: '普通程序', simple: '简易程序' };

/** R27: everything the case file (卷宗) holds when the case is closed. */
export interface ArchiveData {
  generatedAt: Date;
  case: {
    number: string | null;
    state: string;
    disputeType: string;
    facts: string;
    claimAmount: string | null;
    otherRequests: string | null;
    channel: string;
    submittedAt: Date | null;
    mediatorAcceptedAt: Date | null;
    endedAt: Date | null;
    terminationReason: string | null;
    reasonNote: string | null;
  };
  organisation: string | null;
  mediators: string[];
  court: { name: string; kind: string; courtCaseNumber: string; procedure: string | null } | null;
  parties: Array<{ side: string; name: string; mobile: string; idNumberMasked: string | null; address: string | null; consent: string }>;
  timeline: Array<{ at: Date; type: string; fromState: string | null; toState: string | null; actorRole: string | null }>;
  agreement: {
    effectiveAt: Date | null;
    verificationCode: string | null;
    facts: string;
    disputedMatters: string;
    responsibilities: string;
    otherTerms: string;
    obligations: string[];
    signatures: Array<{ role: string; name: string; signedAt: Date }>;
    sealedBy: string | null;
  } | null;
  confirmation: { status: string; court: string; submittedAt: Date | null; ruledAt: Date | null; rulingNumber: string | null; ground: string | null } | null;
  failureReport: { situation: string; costConduct: string | null; createdAt: Date } | null;
  filing: { route: string; court: string | null; createdAt: Date } | null;
  serviceProofs: ServiceProofView[];
  documents: Array<{ fileName: string; kind: string; side: string; sha256: string; at: Date }>;
}

const t = (d: Date | null | undefined) => (d ? chinaTime(d) : '');

/** R27: the archived case file (案件卷宗) of a closed case — registration, records, agreement, service. */
export function caseArchivePdf(a: ArchiveData): Promise<RenderedPdf> {
  const c = a.case;
  const blocks: PdfBlock[] = [
    { type: 'title', text: '调解案件卷宗' },
    { type: 'subtitle', text: `案号：${c.number ?? '—'}${a.court ? `\u3000法院案号：${a.court.courtCaseNumber}` : ''}` },
    { type: 'heading', text: '一、案件登记' },
    {
      type: 'fields',
      rows: [
        ['纠纷类型', c.disputeType],
        ['来源', a.court ? `${a.court.name}·${KIND_ZH[a.court.kind] ?? a.court.kind}${a.court.procedure ? `（${PROCEDURE_ZH[a.court.procedure] ?? a.court.procedure}）` : ''}` : c.channel],
        ['调解组织', a.organisation ?? ''],
        ['调解员', a.mediators.join('、')],
        ['请求金额', c.claimAmount ? `${c.claimAmount}元` : ''],
        ['其他请求', c.otherRequests ?? ''],
        ['申请时间', t(c.submittedAt)],
        ['调解开始', t(c.mediatorAcceptedAt)],
        ['调解结束', t(c.endedAt)],
        ['结案状态', c.state],
        ['终止原因', c.terminationReason ? `${terminationZh(c.terminationReason)}${c.reasonNote ? `（${c.reasonNote}）` : ''}` : ''],
        ['归档时间', t(a.generatedAt)],
      ],
    },
    { type: 'heading', text: '二、当事人' },
    {
      type: 'table',
      columns: ['身份', '姓名/名称', '手机', '证件号', '地址', '同意调解'],
      widths: [1, 1.3, 1.3, 1.6, 2, 0.9],
      rows: a.parties.map((p) => [SIDE_ZH[p.side] ?? p.side, p.name, p.mobile, p.idNumberMasked ?? '', p.address ?? '', p.consent]),
    },
    { type: 'heading', text: '三、申请事项与事实' },
    { type: 'paragraph', text: c.facts || '—' },
    { type: 'heading', text: '四、案件经过' },
    {
      type: 'table',
      columns: ['时间', '事件', '状态', '操作人'],
      widths: [1.3, 2, 2, 1],
      rows: a.timeline.map((e) => [t(e.at), e.type, e.fromState || e.toState ? `${e.fromState ?? ''} → ${e.toState ?? ''}` : '', e.actorRole ?? '']),
    },
    { type: 'heading', text: '五、调解协议' },
  ];
  if (a.agreement) {
    const g = a.agreement;
    blocks.push(
      {
        type: 'fields',
        rows: [
          ['生效时间', t(g.effectiveAt)],
          ['验证码', g.verificationCode ?? ''],
          ['盖章', g.sealedBy ?? ''],
        ],
      },
      { type: 'paragraph', text: `主要事实：${g.facts}` },
      { type: 'paragraph', text: `争议事项：${g.disputedMatters}` },
      { type: 'paragraph', text: `责任承担：${g.responsibilities}` },
      ...(g.otherTerms ? [{ type: 'paragraph' as const, text: `其他约定：${g.otherTerms}` }] : []),
      ...g.obligations.map((o, i) => ({ type: 'paragraph' as const, text: `${i + 1}. ${o}` })),
      { type: 'heading', text: '签名' },
      { type: 'table', columns: ['身份', '签名人', '签署时间'], rows: g.signatures.map((s) => [SIDE_ZH[s.role] ?? s.role, s.name, t(s.signedAt)]) },
    );
  } else {
    blocks.push({ type: 'paragraph', text: '未达成调解协议。' });
  }
  blocks.push({ type: 'heading', text: '六、司法确认' });
  blocks.push(
    a.confirmation
      ? {
          type: 'fields',
          rows: [
            ['受理法院', a.confirmation.court],
            ['状态', a.confirmation.status],
            ['申请时间', t(a.confirmation.submittedAt)],
            ['裁定时间', t(a.confirmation.ruledAt)],
            ['裁定书号', a.confirmation.rulingNumber ?? ''],
            ['理由', a.confirmation.ground ?? ''],
          ],
        }
      : { type: 'paragraph', text: '未申请司法确认。' },
  );
  blocks.push({ type: 'heading', text: '七、调解不成功报告与移送' });
  if (a.failureReport) {
    blocks.push(
      { type: 'paragraph', text: `调解情况：${a.failureReport.situation}（${t(a.failureReport.createdAt)}）` },
      { type: 'paragraph', text: `增加对方诉讼成本的行为：${a.failureReport.costConduct?.trim() ? a.failureReport.costConduct : '无'}` },
    );
  }
  if (a.filing) blocks.push({ type: 'paragraph', text: `移送：${a.filing.route}${a.filing.court ? `，${a.filing.court}` : ''}（${t(a.filing.createdAt)}）` });
  if (!a.failureReport && !a.filing) blocks.push({ type: 'paragraph', text: '无。' });
  blocks.push(...serviceProofBlocks('八、送达回证', a.serviceProofs));
  blocks.push({ type: 'heading', text: '九、证据材料清单' });
  blocks.push(
    a.documents.length
      ? {
          type: 'table',
          columns: ['文件名', '类型', '提交方', '上传时间', 'SHA-256'],
          widths: [2, 1, 1, 1.3, 2.2],
          rows: a.documents.map((d) => [d.fileName, d.kind, SIDE_ZH[d.side] ?? d.side, t(d.at), d.sha256.slice(0, 16)]),
        }
      : { type: 'paragraph', text: '无。' },
  );
  blocks.push({ type: 'paragraph', text: '本卷宗于结案时生成并只读保存；各方当事人为达成协议所作的让步及背对背调解内容不在卷宗内（R15、R17）。' });
  return renderPdf({ title: '调解案件卷宗', header: c.number ?? undefined, createdAt: a.generatedAt, blocks });
}
