import { Alert, Button, Form, Input, InputNumber, Select, Switch, Tag, message } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldError, HolidayYearView } from '@tiaojie/contracts';
import { PageHeading } from '../../../components/ui/PageHeading';
import { PageLoader } from '../../../components/ui/PageLoader';
import { Panel } from '../../../components/ui/Panel';
import { isApiError } from '../../../lib/api';
import { translateError, translateFieldError } from '../../../lib/form-errors';
import { useSession } from '../../../lib/session';
import NotFound from '../../../app/RouteError';
import '../../../locales/calendar';
import { useCalendarOverview, useHolidayYear, usePutHolidayYear } from '../hooks/useCalendar';
import { HolidayOverrideCard } from './HolidayOverrideCard';
import './calendar.css';

const lines = (text: string) =>
  text
    .split(/[\s,，;；]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** Twelve small month grids: holidays red, swapped working days blue, weekends grey. */
function YearGrid({ year, holidays, workdays }: { year: number; holidays: string[]; workdays: string[] }) {
  const { t } = useTranslation('calendar');
  const off = new Set(holidays);
  const on = new Set(workdays);
  const dow = t('weekdays').split(',');
  return (
    <>
      <div className="calendar-legend">
        <span className="holiday">{t('legend.holiday')}</span>
        <span className="workday">{t('legend.workday')}</span>
        <span className="weekend">{t('legend.weekend')}</span>
      </div>
      <div className="calendar-months" data-testid="calendar-grid">
        {Array.from({ length: 12 }, (_, m) => {
          const first = new Date(Date.UTC(year, m, 1));
          const days = new Date(Date.UTC(year, m + 1, 0)).getUTCDate();
          const lead = (first.getUTCDay() + 6) % 7; // Monday first
          return (
            <div className="calendar-month" key={m}>
              <h3>{t('month', { month: m + 1 })}</h3>
              <div className="calendar-grid">
                {dow.map((d) => (
                  <span className="dow" key={d}>
                    {d}
                  </span>
                ))}
                {Array.from({ length: lead }, (_, i) => (
                  <span key={`lead-${i}`} />
                ))}
                {Array.from({ length: days }, (_, i) => {
                  const iso = `${year}-${String(m + 1).padStart(2, '0')}-${String(i + 1).padStart(2, '0')}`;
                  const weekday = (lead + i) % 7;
                  const kind = on.has(iso) ? 'workday' : off.has(iso) ? 'holiday' : weekday >= 5 ? 'weekend' : '';
                  return (
                    <span key={iso} className={`day ${kind}`} data-date={iso} data-kind={kind || 'working'}>
                      {i + 1}
                    </span>
                  );
                })}
              </div>
            </div>
          );
        })}
      </div>
    </>
  );
}

function YearEditor({ view }: { view: HolidayYearView }) {
  const { t } = useTranslation('calendar');
  const [toast, toastHolder] = message.useMessage();
  const put = usePutHolidayYear();
  const [holidays, setHolidays] = useState(view.holidays.join('\n'));
  const [workdays, setWorkdays] = useState(view.workdays.join('\n'));
  const [published, setPublished] = useState(view.source === 'statutory' ? true : view.published);
  useEffect(() => {
    setHolidays(view.holidays.join('\n'));
    setWorkdays(view.workdays.join('\n'));
    setPublished(view.source === 'statutory' ? true : view.published);
  }, [view]);

  const fieldErrors = isApiError(put.error) ? (put.error.body.fields ?? []) : [];
  const messageOf = (list: 'holidays' | 'workdays') =>
    fieldErrors
      .filter((f: FieldError) => f.field === list || f.field.startsWith(`${list}.`))
      .map((f: FieldError) => t(`errors.${f.constraint}`, { line: Number(f.field.split('.')[1] ?? 0) + 1, year: view.year, defaultValue: translateFieldError(f) }))
      .join(' ');
  const holidayList = lines(holidays);
  const workdayList = lines(workdays);

  const save = () => put.mutate({ year: view.year, request: { holidays: holidayList, workdays: workdayList, published } }, { onSuccess: () => void toast.success(t('saved', { year: view.year })) });

  return (
    <>
      {toastHolder}
      <YearGrid year={view.year} holidays={holidayList} workdays={workdayList} />
      <Form layout="vertical" style={{ marginTop: 16 }} onFinish={save}>
        <div className="calendar-edit">
          <Form.Item label={t('holidays')} help={messageOf('holidays') || t('datesHelp')} validateStatus={messageOf('holidays') ? 'error' : undefined}>
            <Input.TextArea rows={10} value={holidays} onChange={(e) => setHolidays(e.target.value)} data-testid="calendar-holidays" />
          </Form.Item>
          <Form.Item label={t('workdays')} help={messageOf('workdays') || t('datesHelp')} validateStatus={messageOf('workdays') ? 'error' : undefined}>
            <Input.TextArea rows={10} value={workdays} onChange={(e) => setWorkdays(e.target.value)} data-testid="calendar-workdays" />
          </Form.Item>
        </div>
        <Form.Item>
          <Switch checked={published} onChange={setPublished} data-testid="calendar-published" /> <span>{t('publishedLabel')}</span>
        </Form.Item>
        {put.isError && !fieldErrors.length && <Alert type="error" showIcon title={translateError(put.error)} />}
        <Button onClick={() => setHolidays(view.statutory.map((h) => h.date).join('\n'))} data-testid="calendar-fill-statutory">
          {t('fillStatutory')}
        </Button>{' '}
        <Button type="primary" htmlType="submit" loading={put.isPending} data-testid="calendar-save">
          {t('save')}
        </Button>
      </Form>
    </>
  );
}

/** `/admin/calendar`: the system admin views a year's holiday calendar and enters or corrects it (audited). */
export default function CalendarAdminPage() {
  const { t } = useTranslation('calendar');
  const { user } = useSession();
  const isAdmin = !!user?.roles.includes('admin');
  const overview = useCalendarOverview();
  const [year, setYear] = useState<number | null>(null);
  const [other, setOther] = useState<number | null>(null);
  const selected = year ?? overview.data?.currentYear ?? null;
  const view = useHolidayYear(isAdmin ? selected : null);
  const options = useMemo(
    () =>
      (overview.data?.years ?? []).map((y) => ({
        value: y.year,
        label: `${y.year} · ${t(`source.${y.source}`)}${y.published ? '' : ` · ${t('unpublished')}`}`,
      })),
    [overview.data, t],
  );

  if (!isAdmin) return <NotFound />;
  if (overview.isPending) return <PageLoader />;
  if (overview.isError) return <Alert type="error" showIcon title={translateError(overview.error)} />;

  return (
    <div className="page calendar-page" data-testid="calendar-page">
      <PageHeading testId="calendar-heading">{t('title')}</PageHeading>
      <p className="muted">{t('intro')}</p>
      <Panel
        title={
          <span className="calendar-toolbar">
            <span>{t('year')}</span>
            <Select style={{ minWidth: 280 }} value={selected} options={options} onChange={(v: number) => setYear(v)} data-testid="calendar-year" />
          </span>
        }
        extra={
          <span className="calendar-toolbar">
            <InputNumber min={1900} max={2100} placeholder={t('year')} value={other} onChange={(v) => setOther(v)} data-testid="calendar-other-year" />
            <Button onClick={() => other && setYear(other)} disabled={!other} data-testid="calendar-open-year">
              {t('addYear')}
            </Button>
          </span>
        }
      >
        {view.isPending && <PageLoader />}
        {view.isError && <Alert type="error" showIcon title={translateError(view.error)} />}
        {view.data && (
          <>
            <div className="user-row-meta" data-testid="calendar-year-status">
              <Tag color={view.data.published ? 'green' : 'orange'}>{view.data.published ? t('published') : t('unpublished')}</Tag>
              <Tag>{t(`source.${view.data.source}`)}</Tag>
              {view.data.updatedAt && <span>{t('updatedAt', { date: dayjs(view.data.updatedAt).format('YYYY-MM-DD HH:mm') })}</span>}
            </div>
            <p className="muted" data-testid="calendar-statutory">
              {t('statutoryTitle', { year: view.data.year })}：{view.data.statutory.map((h) => `${h.date.slice(5)} ${t(`statutoryNames.${h.name}`)}${h.makeUp ? `（${t('makeUp')}）` : ''}`).join('，')}
            </p>
            <YearEditor view={view.data} />
          </>
        )}
      </Panel>
      <HolidayOverrideCard onSaved={setYear} />
    </div>
  );
}
