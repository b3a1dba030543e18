import { lazy, Suspense, useMemo, useState } from 'react';
import { Alert, Button, Input, Select, Space, Table, type TableColumnsType } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { CountRow, MediatorStatisticsRow, SlaView, StatisticsDashboard } from '@tiaojie/contracts';
import { chinaDateOf, regionName } from '@tiaojie/domain';
import { PageHeading } from '../../../components/ui/PageHeading';
import { PageLoader } from '../../../components/ui/PageLoader';
import { Panel } from '../../../components/ui/Panel';
import { translateError } from '../../../lib/form-errors';
import { inLocale } from '../../../lib/localized-text';
import '../../../locales/case';
import '../../../locales/complaints';
import '../../../locales/statistics';
import { fetchDashboard, monthlyReturnUrl } from '../api/statistics-api';
import type { EChartOption } from './EChart';
import './statistics.css';

// ECharts in a chunk of its own: the figures, definitions and tables show before the charts load.
const EChart = lazy(() => import('./EChart').then((m) => ({ default: m.EChart })));

const pct = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);

/** A figure with its title (antd's Statistic and date pickers stay out of the app's stylesheet, vite.config.ts). */
function Figure({ title, value, testId }: { title: string; value: string | number; testId?: string }) {
  return (
    <div className="statistics-figure" data-testid={testId}>
      <div className="statistics-figure-title">{title}</div>
      <div className="statistics-figure-value">{value}</div>
    </div>
  );
}

function barOption(rows: CountRow[], label: (key: string) => string): EChartOption {
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 8, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: rows.map((r) => label(r.key)), inverse: true },
    series: [{ type: 'bar', data: rows.map((r) => r.count), itemStyle: { color: '#1677ff' } }],
  };
}

function pieOption(rows: CountRow[], label: (key: string) => string): EChartOption {
  return {
    tooltip: { trigger: 'item' },
    legend: { bottom: 0, type: 'scroll' },
    series: [{ type: 'pie', radius: ['35%', '65%'], data: rows.map((r) => ({ name: label(r.key), value: r.count })) }],
  };
}

/**
 * `/statistics` (issue #13): the dashboard of the viewer's scope — an organisation admin's
 * organisation, a 司法局's organisations, a court's delegated cases, the platform for the system
 * admin (decided by the server). Period / organisation / mediator filters, the success rate with
 * its definition and denominator in words, ECharts charts (stacked on a phone), the mediator
 * evaluation (R39) and the monthly return downloads.
 */
export default function StatisticsPage() {
  const { t, i18n } = useTranslation(['statistics', 'case', 'complaints']);
  const locale = i18n.language?.startsWith('en') ? 'en' : 'zh-CN';
  // This month to date by default (China-local days, as the server reads them): a bounded period keeps the platform's dashboard fast (bench S1); clearing both dates means all time.
  const [period, setPeriod] = useState<{ from?: string; to?: string }>(() => {
    const today = chinaDateOf(new Date());
    return { from: `${today.slice(0, 8)}01`, to: today };
  });
  const [organisationId, setOrganisationId] = useState<string | undefined>();
  const [mediatorId, setMediatorId] = useState<string | undefined>();
  // The return committees file is last month's.
  const [month, setMonth] = useState<string>(() =>
    dayjs(`${chinaDateOf(new Date()).slice(0, 7)}-01`)
      .subtract(1, 'month')
      .format('YYYY-MM'),
  );
  const query = { from: period.from || undefined, to: period.to || undefined, organisationId, mediatorId };
  const dashboard = useQuery({ queryKey: ['statistics', 'dashboard', query], queryFn: () => fetchDashboard(query), placeholderData: (previous) => previous });

  return (
    <div className="page" data-testid="statistics-page">
      <PageHeading testId="statistics-heading">{t('title')}</PageHeading>
      {dashboard.isError && <Alert type="error" showIcon message={translateError(dashboard.error, t)} data-testid="statistics-error" />}
      {dashboard.data ? (
        <>
          <Filters
            d={dashboard.data}
            locale={locale}
            period={period}
            onPeriod={setPeriod}
            organisationId={organisationId}
            onOrganisation={(id) => {
              setOrganisationId(id);
              setMediatorId(undefined);
            }}
            mediatorId={mediatorId}
            onMediator={setMediatorId}
          />
          <Dashboard d={dashboard.data} locale={locale} />
          <Panel title={t('download.title')} testId="statistics-download">
            <Space wrap>
              <Input type="month" value={month} onChange={(e) => e.target.value && setMonth(e.target.value)} aria-label={t('download.month')} data-testid="statistics-month" style={{ width: 170 }} />
              <Button href={monthlyReturnUrl(month, 'xlsx', organisationId)} download data-testid="statistics-download-xlsx">
                {t('download.excel')}
              </Button>
              <Button href={monthlyReturnUrl(month, 'pdf', organisationId)} download data-testid="statistics-download-pdf">
                {t('download.pdf')}
              </Button>
            </Space>
          </Panel>
        </>
      ) : (
        !dashboard.isError && <PageLoader />
      )}
    </div>
  );
}

interface FilterProps {
  d: StatisticsDashboard;
  locale: 'en' | 'zh-CN';
  period: { from?: string; to?: string };
  onPeriod: (p: { from?: string; to?: string }) => void;
  organisationId?: string;
  onOrganisation: (id: string | undefined) => void;
  mediatorId?: string;
  onMediator: (id: string | undefined) => void;
}

function Filters({ d, locale, period, onPeriod, organisationId, onOrganisation, mediatorId, onMediator }: FilterProps) {
  const { t } = useTranslation('statistics');
  const scopeText = d.scope.kind === 'bureau' ? t('scope.bureau', { name: d.scope.bureauName }) : d.scope.kind === 'court' ? t('scope.court', { name: d.scope.courtName }) : t(`scope.${d.scope.kind}`);
  return (
    <div className="statistics-filters" data-testid="statistics-filters">
      <strong data-testid="statistics-scope">{scopeText}</strong>
      <span>{t('filters.period')}</span>
      <Input
        type="date"
        value={period.from ?? ''}
        max={period.to}
        onChange={(e) => onPeriod({ ...period, from: e.target.value })}
        aria-label={t('filters.from')}
        data-testid="statistics-from"
        style={{ width: 160 }}
      />
      <span aria-hidden>–</span>
      <Input
        type="date"
        value={period.to ?? ''}
        min={period.from}
        onChange={(e) => onPeriod({ ...period, to: e.target.value })}
        aria-label={t('filters.to')}
        data-testid="statistics-to"
        style={{ width: 160 }}
      />
      {d.scope.organisations.length > 1 && (
        <Select
          allowClear
          style={{ minWidth: 200 }}
          placeholder={t('filters.allOrganisations')}
          aria-label={t('filters.organisation')}
          value={organisationId}
          onChange={(v?: string) => onOrganisation(v)}
          options={d.scope.organisations.map((o) => ({ value: o.id, label: inLocale(locale, o.name, o.nameEn) }))}
          data-testid="statistics-organisation"
        />
      )}
      <Select
        allowClear
        style={{ minWidth: 160 }}
        placeholder={t('filters.allMediators')}
        aria-label={t('filters.mediator')}
        value={mediatorId}
        onChange={(v?: string) => onMediator(v)}
        options={d.mediators.map((m) => ({ value: m.mediatorId, label: m.name }))}
        data-testid="statistics-mediator"
      />
    </div>
  );
}

function SlaLine({ label, sla, testId }: { label: string; sla: SlaView; testId: string }) {
  const { t } = useTranslation('statistics');
  return (
    <li data-testid={testId}>
      {label}: <strong>{pct(sla.rate)}</strong> ({t('sla.value', { kept: sla.kept, missed: sla.missed, pending: sla.pending })})
    </li>
  );
}

function Dashboard({ d, locale }: { d: StatisticsDashboard; locale: 'en' | 'zh-CN' }) {
  const { t } = useTranslation(['statistics', 'case', 'complaints']);
  const options = useMemo(
    () => ({
      state: barOption(
        d.byState.filter((r) => r.count > 0),
        (k) => t(`case:states.${k}`),
      ),
      type: pieOption(d.byDisputeType, (k) => t(`case:disputeTypes.${k}`, { defaultValue: k })),
      region: barOption(d.byRegion, (k) => (k === 'unknown' ? t('unknown') : regionName(k, locale))),
      channel: pieOption(d.byChannel, (k) => t(`channels.${k}`, { defaultValue: k })),
    }),
    [d, t, locale],
  );
  const columns: TableColumnsType<MediatorStatisticsRow> = [
    { title: t('mediators.name'), dataIndex: 'name' },
    { title: t('mediators.handled'), dataIndex: 'handled', sorter: (a, b) => a.handled - b.handled },
    { title: t('mediators.settled'), dataIndex: 'settled' },
    { title: t('mediators.successRate'), key: 'rate', render: (_, m) => `${pct(m.successRate.rate)} (${m.successRate.numerator}/${m.successRate.denominator})` },
    { title: t('mediators.medianDays'), dataIndex: 'medianDaysToSettle', render: (v: number | null) => v ?? t('none') },
    { title: t('mediators.sla'), key: 'sla', render: (_, m) => pct(m.sla.rate) },
    { title: t('mediators.complaintsUpheld'), dataIndex: 'complaintsUpheld' },
    {
      title: t('mediators.satisfaction'),
      key: 'satisfaction',
      render: (_: unknown, r: MediatorStatisticsRow) => (r.satisfaction.average === null ? t('none') : `${r.satisfaction.average} (${r.satisfaction.count})`),
    },
  ];
  return (
    <>
      <div className="statistics-cards" data-testid="statistics-cards">
        <Figure title={t('cards.filed')} value={d.totals.filed} testId="stat-filed" />
        <Figure title={t('cards.settled')} value={d.totals.settled} testId="stat-settled" />
        <Figure title={t('cards.failed')} value={d.totals.failed} testId="stat-failed" />
        <Figure title={t('cards.open')} value={d.totals.open} testId="stat-open" />
        <Figure title={t('cards.successRate')} value={pct(d.successRate.rate)} testId="stat-success-rate" />
        <Figure title={t('cards.medianDays')} value={d.timeToSettle.medianDays ?? t('none')} testId="stat-median-days" />
        <Figure title={t('cards.p90Days')} value={d.timeToSettle.p90Days ?? t('none')} />
        <Figure title={t('cards.confirmationRate')} value={pct(d.confirmation.rate.rate)} />
        <Figure title={t('cards.complaints')} value={d.complaints.total} testId="stat-complaints" />
        <Figure title={t('cards.satisfaction')} value={d.satisfaction.average ?? t('none')} testId="stat-satisfaction" />
      </div>
      <div className="statistics-definition" data-testid="statistics-definition">
        <p>{t('definition.success', { numerator: d.successRate.numerator, denominator: d.successRate.denominator })}</p>
        <p>{t('definition.time', { count: d.timeToSettle.count })}</p>
        <p>{t('definition.confirmation', { numerator: d.confirmation.rate.numerator, denominator: d.confirmation.rate.denominator, refused: d.confirmation.refused })}</p>
        <p>{t('definition.satisfaction', { count: d.satisfaction.count })}</p>
      </div>
      <div className="statistics-charts">
        <Panel title={t('charts.byState')}>
          <Suspense fallback={<div style={{ height: 260 }} />}>
            <EChart option={options.state} testId="chart-state" />
          </Suspense>
        </Panel>
        <Panel title={t('charts.byDisputeType')}>
          <Suspense fallback={<div style={{ height: 260 }} />}>
            <EChart option={options.type} testId="chart-dispute-type" />
          </Suspense>
        </Panel>
        <Panel title={t('charts.byRegion')}>
          <Suspense fallback={<div style={{ height: 260 }} />}>
            <EChart option={options.region} testId="chart-region" />
          </Suspense>
        </Panel>
        <Panel title={t('charts.byChannel')}>
          <Suspense fallback={<div style={{ height: 260 }} />}>
            <EChart option={options.channel} testId="chart-channel" />
          </Suspense>
        </Panel>
      </div>
      <Panel title={t('sla.title')} testId="statistics-sla">
        <ul>
          <SlaLine label={t('sla.sameDayContact')} sla={d.sla.sameDayContact} testId="sla-same-day" />
          <SlaLine label={t('sla.contactRespondent')} sla={d.sla.contactRespondent} testId="sla-r12" />
          <SlaLine label={t('sla.mediatorAccept')} sla={d.sla.mediatorAccept} testId="sla-r09" />
        </ul>
      </Panel>
      <Panel title={t('complaintsTitle')} testId="statistics-complaints">
        <Space wrap>
          {d.complaints.byStatus.map((r) => (
            <span key={r.key}>
              {t(`complaints:status.${r.key}`)}: <strong>{r.count}</strong>
            </span>
          ))}
          {d.complaints.byOutcome.map((r) => (
            <span key={r.key}>
              {t(`complaints:outcomes.${r.key}`)}: <strong>{r.count}</strong>
            </span>
          ))}
        </Space>
      </Panel>
      <Panel title={t('mediators.title')} testId="statistics-mediators">
        <Table rowKey="mediatorId" size="small" pagination={false} scroll={{ x: true }} columns={columns} dataSource={d.mediators} />
      </Panel>
    </>
  );
}
