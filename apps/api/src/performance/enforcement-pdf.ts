import { formatCny } from '@tiaojie/domain';
import type { CaseParty } from '../cases/case-party.entity';
import { renderPdf, type PdfBlock } from '../pdf/pdf-renderer';
import type { Obligation } from '../cases/agreement.entity';
import { chinaDateOf } from '@tiaojie/domain';

export interface RulingFacts {
  rulingNumber: string;
  courtName: string;
  ruledAt: Date;
}

/** 2026年3月12日 (China date). */
export function zhDate(at: Date | string): string {
  const iso = typeof at === 'string' ? at : chinaDateOf(at);
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

function partyRows(label: string, p: CaseParty): Array<readonly [string, string]> {
  return [
    [label, p.name],
    ['身份证件号码', p.idNumberMasked ?? ''],
    ['住所', p.address ?? ''],
    ['联系电话', p.mobile],
  ];
}

/**
 * 强制执行申请书 (R34, CPL 250): applicant (the obligee), respondents (the obligors), the
 * enforcement basis (the court's ruling confirming the agreement), the unpaid items with amounts
 * and deadlines, and the request. Amounts are exact decimals (money.ts).
 */
export async function renderEnforcementApplication(input: {
  caseNumber: string;
  applicant: CaseParty;
  respondents: CaseParty[];
  ruling: RulingFacts;
  items: Obligation[];
  unpaidTotal: string;
  agreementEffectiveAt: Date | null;
  today: string;
}): Promise<Buffer> {
  const { applicant, respondents, ruling, items } = input;
  const respondentNames = respondents.map((p) => p.name).join('、');
  const payments = items.filter((o) => o.kind === 'payment' && o.amount !== null);
  const acts = items.filter((o) => !(o.kind === 'payment' && o.amount !== null));
  const requests: string[] = [];
  if (payments.length) requests.push(`责令被申请人${respondentNames}向申请人${applicant.name}支付逾期未履行的款项共计人民币${formatCny(input.unpaidTotal, { symbol: false })}元；`);
  for (const o of acts) requests.push(`责令被申请人履行：${o.description}；`);
  requests.push('本案执行费用由被申请人负担。');
  const blocks: PdfBlock[] = [
    { type: 'title', text: '强制执行申请书' },
    { type: 'subtitle', text: `调解案件编号：${input.caseNumber}` },
    { type: 'heading', text: '申请人' },
    { type: 'fields', rows: partyRows('申请人', applicant) },
    { type: 'heading', text: '被申请人' },
    ...respondents.map((p): PdfBlock => ({ type: 'fields', rows: partyRows('被申请人', p) })),
    { type: 'heading', text: '执行依据' },
    {
      type: 'paragraph',
      text: `${ruling.courtName}于${zhDate(ruling.ruledAt)}作出${ruling.rulingNumber}${ruling.rulingNumber.endsWith('号') ? '' : '号'}民事裁定书，确认申请人与被申请人${input.agreementEffectiveAt ? `于${zhDate(input.agreementEffectiveAt)}生效的` : ''}调解协议（案件编号${input.caseNumber}）有效。该裁定已发生法律效力。`,
    },
    {
      type: 'fields',
      rows: [
        ['裁定书文号', ruling.rulingNumber],
        ['作出法院', ruling.courtName],
        ['裁定日期', zhDate(ruling.ruledAt)],
      ],
    },
    { type: 'heading', text: '未履行事项' },
    {
      type: 'table',
      columns: ['序号', '内容', '金额（元）', '履行期限', '状态'],
      widths: [0.7, 3.4, 1.6, 1.5, 1.1],
      rows: [
        ...items.map((o) => [
          String(o.seq),
          o.description + (o.instalments ? `（第${o.instalment}/${o.instalments}期）` : ''),
          o.amount !== null ? formatCny(o.amount, { symbol: false }) : '—',
          zhDate(o.dueDate),
          o.status === 'disputed' ? '有争议未履行' : '未履行',
        ]),
        ['', '合计', formatCny(input.unpaidTotal, { symbol: false }), '', ''],
      ],
    },
    { type: 'heading', text: '申请执行事项' },
    ...requests.map((text, i): PdfBlock => ({ type: 'paragraph', text: `${i + 1}. ${text}` })),
    { type: 'heading', text: '事实与理由' },
    {
      type: 'paragraph',
      text: `上述调解协议经${ruling.courtName}司法确认。被申请人未在协议约定的履行期限内履行上列义务。根据《中华人民共和国民事诉讼法》第二百零六条的规定，一方当事人拒绝履行或者未全部履行的，对方当事人可以向人民法院申请执行；申请人在第二百五十条规定的二年申请执行期间内提出本申请，请求贵院依法强制执行。`,
    },
    { type: 'paragraph', text: '此致' },
    { type: 'paragraph', text: ruling.courtName },
    { type: 'signatures', items: [{ label: '申请人', name: applicant.name, signedAt: zhDate(input.today) }] },
    { type: 'paragraph', text: '附：民事裁定书副本一份；调解协议书副本一份；申请人身份证明。' },
  ];
  const rendered = await renderPdf({ title: '强制执行申请书', header: input.caseNumber, blocks, createdAt: new Date(`${input.today}T00:00:00+08:00`) });
  return rendered.buffer;
}
