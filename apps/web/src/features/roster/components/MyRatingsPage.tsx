import { useQuery } from '@tanstack/react-query';
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../../components/ui/PageHeading';
import { PageLoader } from '../../../components/ui/PageLoader';
import { Panel } from '../../../components/ui/Panel';
import { translateError } from '../../../lib/form-errors';
import '../../../locales/roster';
import { fetchMyRatings } from '../api/roster-api';

/**
 * `/ratings` (issue #13): a mediator's own ratings, in aggregate only — count, average and
 * distribution; comments from 3 ratings on, shuffled, without names, dates or cases.
 */
export default function MyRatingsPage() {
  const { t } = useTranslation('roster');
  const q = useQuery({ queryKey: ['me', 'ratings'], queryFn: fetchMyRatings });
  if (q.isPending) return <PageLoader />;
  if (q.isError) return <Alert type="error" showIcon title={translateError(q.error)} />;
  const r = q.data;
  return (
    <div className="page" data-testid="my-ratings-page">
      <PageHeading testId="my-ratings-heading">{t('mine.title')}</PageHeading>
      <Panel>
        <p data-testid="my-ratings-count" data-count={r.count}>
          {t('mine.count', { count: r.count })}
        </p>
        <p data-testid="my-ratings-average">{r.average !== null ? t('mine.average', { average: r.average }) : t('mine.noAverage')}</p>
        <ul className="item-list">
          {r.distribution.map((n, i) => (
            <li key={i}>{t('mine.distribution', { score: i + 1, count: n })}</li>
          ))}
        </ul>
      </Panel>
      <Panel title={t('mine.comments')}>
        <p className="text-secondary">{t('mine.commentsNote')}</p>
        {r.comments.length === 0 ? (
          <p>{t('mine.noComments')}</p>
        ) : (
          <ul className="item-list">
            {r.comments.map((c, i) => (
              <li key={i} data-testid="my-ratings-comment">
                {c}
              </li>
            ))}
          </ul>
        )}
      </Panel>
    </div>
  );
}
