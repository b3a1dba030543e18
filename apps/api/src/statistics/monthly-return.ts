import type { StatisticsDashboard } from '@tiaojie/contracts';
import { CASE_OUTCOMES, DISPUTE_TYPES, type CaseOutcome } from '@tiaojie/domain';
import ExcelJS from 'exceljs';
import { renderPdf } from '../pdf/pdf-renderer';
import type { CaseGroupRow } from './statistics-queries';

/**
 * The monthly return a mediation committee files (issue #13): cases filed in the month by dispute
 * type × outcome with totals, and per mediator the counts case-based subsidies (以案定补) are paid
 * on. The same numbers as the dashboard of that month (one set of queries); Excel (exceljs) and
 * PDF (the CJK pdf renderer).
 */
const DISPUTE_ZH: Record<string, string> = {
  private_loan: '民间借贷纠纷',
  family_neighbour: '婚姻家庭、邻里纠纷',
  property_management: '物业纠纷',
  labour: '劳动争议',
  traffic_accident: '交通事故纠纷',
  consumer: '消费纠纷',
  banking_insurance: '银行保险纠纷',
  maritime_fishery: '海事渔事纠纷',
  medical: '医疗纠纷',
  other: '其他纠纷',
};
const OUTCOME_ZH: Record<CaseOutcome, string> = { settled: '调解成功', failed: '调解不成', withdrawn: '撤回', open: '办理中' };

export interface MonthlyReturn {
  month: string;
  title: string;
  /** One row per dispute type with cases, in the domain's order. */
  rows: Array<{ disputeType: string; label: string; counts: Record<CaseOutcome, number>; total: number }>;
  totals: Record<CaseOutcome, number> & { total: number };
  mediators: StatisticsDashboard['mediators'];
}

export function monthlyReturnOf(month: string, scopeName: string, groups: readonly CaseGroupRow[], dashboard: StatisticsDashboard): MonthlyReturn {
  const zero = (): Record<CaseOutcome, number> => ({ settled: 0, failed: 0, withdrawn: 0, open: 0 });
  const byType = new Map<string, Record<CaseOutcome, number>>();
  for (const g of groups) {
    const row = byType.get(g.dispute_type) ?? zero();
    row[g.outcome as CaseOutcome] += g.n;
    byType.set(g.dispute_type, row);
  }
  const order = [...DISPUTE_TYPES, ...[...byType.keys()].filter((k) => !(DISPUTE_TYPES as readonly string[]).includes(k))];
  const rows = order
    .filter((k) => byType.has(k))
    .map((k) => {
      const counts = byType.get(k) ?? zero();
      return { disputeType: k, label: DISPUTE_ZH[k] ?? k, counts, total: CASE_OUTCOMES.reduce((a, o) => a + counts[o], 0) };
    });
  const totals = { ...zero(), total: 0 };
  for (const r of rows) {
    for (const o of CASE_OUTCOMES) totals[o] += r.counts[o];
    totals.total += r.total;
  }
  return { month, title: `${scopeName} ${month} 人民调解工作月报`, rows, totals, mediators: dashboard.mediators };
}

const pct = (r: { rate: number | null }) => (r.rate === null ? '—' : `${(r.rate * 100).toFixed(1)}%`);

export async function monthlyReturnXlsx(r: MonthlyReturn): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Tiaojie';
  const cases = wb.addWorksheet('案件统计 Cases');
  cases.addRow([r.title]);
  cases.addRow(['纠纷类型 Dispute type', ...CASE_OUTCOMES.map((o) => `${OUTCOME_ZH[o]} ${o}`), '合计 Total']);
  for (const row of r.rows) cases.addRow([row.label, ...CASE_OUTCOMES.map((o) => row.counts[o]), row.total]);
  cases.addRow(['合计 Total', ...CASE_OUTCOMES.map((o) => r.totals[o]), r.totals.total]);
  cases.getRow(2).font = { bold: true };
  cases.getRow(cases.rowCount).font = { bold: true };
  cases.columns.forEach((c, i) => (c.width = i === 0 ? 24 : 14));

  const people = wb.addWorksheet('以案定补 Per mediator');
  people.addRow([`${r.title} · 以案定补`]);
  people.addRow(['调解员 Mediator', '办理 Handled', '调解成功 Settled', '调解不成 Failed', '成功率 Success rate', '时限达标 SLA kept', '投诉成立 Complaints upheld']);
  for (const m of r.mediators) people.addRow([m.name, m.handled, m.settled, m.failed, pct(m.successRate), pct(m.sla), m.complaintsUpheld]);
  people.addRow(['合计 Total', r.mediators.reduce((a, m) => a + m.handled, 0), r.mediators.reduce((a, m) => a + m.settled, 0), r.mediators.reduce((a, m) => a + m.failed, 0)]);
  people.getRow(2).font = { bold: true };
  people.getRow(people.rowCount).font = { bold: true };
  people.columns.forEach((c, i) => (c.width = i === 0 ? 20 : 16));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function monthlyReturnPdf(r: MonthlyReturn, generatedAt: Date): Promise<Buffer> {
  const pdf = await renderPdf({
    title: r.title,
    header: r.title,
    createdAt: generatedAt,
    blocks: [
      { type: 'title', text: r.title },
      { type: 'subtitle', text: `统计口径：${r.month} 月内登记（提交）的案件；成功率 = 调解成功 ÷（调解成功 + 调解不成）` },
      { type: 'heading', text: '一、按纠纷类型和结果' },
      {
        type: 'table',
        columns: ['纠纷类型', ...CASE_OUTCOMES.map((o) => OUTCOME_ZH[o]), '合计'],
        rows: [
          ...r.rows.map((row) => [row.label, ...CASE_OUTCOMES.map((o) => String(row.counts[o])), String(row.total)]),
          ['合计', ...CASE_OUTCOMES.map((o) => String(r.totals[o])), String(r.totals.total)],
        ],
      },
      { type: 'heading', text: '二、调解员办案数（以案定补）' },
      {
        type: 'table',
        columns: ['调解员', '办理', '调解成功', '调解不成', '成功率', '投诉成立'],
        rows: r.mediators.map((m) => [m.name, String(m.handled), String(m.settled), String(m.failed), pct(m.successRate), String(m.complaintsUpheld)]),
      },
    ],
  });
  return pdf.buffer;
}
