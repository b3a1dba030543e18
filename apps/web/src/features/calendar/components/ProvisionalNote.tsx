import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import '../../../locales/calendar';
import { chinaYearOf } from '@tiaojie/domain';

/** The year, in China, of an instant (deadlines end at 23:59:59.999 China time). */
export const chinaYear = (iso: string): number => chinaYearOf(iso);

/**
 * Issue #10: a deadline in a year whose holiday schedule is not published is provisional (the
 * statutory holidays and weekends only); say so next to it rather than let it look certain.
 */
export function ProvisionalNote({ dueAts }: { dueAts: string[] }) {
  const { t } = useTranslation('calendar');
  const years = [...new Set(dueAts.map(chinaYear))].sort();
  if (!years.length) return null;
  return (
    <Alert
      type="warning"
      showIcon
      className="provisional-note"
      data-testid="deadline-provisional"
      title={years.map((year) => t('provisional', { year })).join('；')}
      description={t('provisionalHint')}
    />
  );
}
