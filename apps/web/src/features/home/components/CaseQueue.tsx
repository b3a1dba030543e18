import { Alert, Button, Empty, Skeleton, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { CaseSummary } from '@tiaojie/contracts';
import { CaseProgress } from '../../../components/case/CaseProgress';
import { CaseStateTag } from '../../../components/case/CaseStateTag';
import { DeadlineCountdown } from '../../../components/case/DeadlineCountdown';
import { translateError } from '../../../lib/form-errors';
import '../../../locales/case';
import { useCaseQueue, type QueueQuery } from '../hooks/useCaseQueue';

function CaseListItem({ item }: { item: CaseSummary }) {
  const { t } = useTranslation(['home', 'case']);
  const navigate = useNavigate();
  const draft = item.state === 'DRAFT';
  const others = item.viewerRole === 'respondent' ? [item.applicantName] : item.respondentNames;
  return (
    <li className="case-item" data-testid="case-item" data-state={item.state} data-number={item.number ?? ''} data-id={item.id}>
      <Link to={draft ? `/cases/${item.id}/edit` : `/cases/${item.id}`} className="case-item-link" data-testid="case-item-link">
        <div className="case-item-head">
          <span className="case-item-number">{item.number ?? t('case:draft')}</span>
          <CaseStateTag state={item.state} />
          {/* R10, R11: requests to change mediator waiting for the dispatcher (sent to the organisation's admins only). */}
          {!!item.pendingMediatorChanges && (
            <Tag color="orange" data-testid="case-item-mediator-changes">
              {t('queue.mediatorChanges', { count: item.pendingMediatorChanges })}
            </Tag>
          )}
        </div>
        <div className="case-item-title">
          {t(`case:disputeTypes.${item.disputeType}`)}
          <span className="case-item-parties">
            {' · '}
            {item.viewerRole === 'applicant' || item.viewerRole === 'respondent'
              ? others.length
                ? t('queue.vs', { names: others.join('、') })
                : t('queue.draftNoParties')
              : [item.applicantName, ...item.respondentNames].filter(Boolean).join(' / ')}
          </span>
        </div>
        {item.organisationName && (
          <div className="case-item-meta">
            {item.organisationName}
            {item.mediatorNames.length ? ` · ${item.mediatorNames.join('、')}` : ''}
          </div>
        )}
        {!draft && <CaseProgress state={item.state} variant="compact" testId="case-item-progress" />}
        {item.nextDeadline && <DeadlineCountdown deadline={item.nextDeadline} testId="case-item-deadline" />}
      </Link>
      {draft && (
        <Button className="case-item-continue" onClick={() => navigate(`/cases/${item.id}/edit`)} data-testid="case-continue">
          {t('citizen.continueDraft')}
        </Button>
      )}
    </li>
  );
}

/** A list of cases from GET /api/cases with "load more" (cursor pagination). */
export function CaseQueue({ query, emptyText, testId }: { query: QueueQuery; emptyText: string; testId: string }) {
  const { t } = useTranslation('home');
  const queue = useCaseQueue(query);
  if (queue.isPending) return <Skeleton active />;
  if (queue.isError) return <Alert type="error" showIcon title={translateError(queue.error)} />;
  const items = queue.data.pages.flatMap((page) => page.items);
  if (!items.length) return <Empty description={emptyText} image={Empty.PRESENTED_IMAGE_SIMPLE} data-testid={`${testId}-empty`} />;
  return (
    <>
      <ul className="case-list" data-testid={testId}>
        {items.map((item) => (
          <CaseListItem key={item.id} item={item} />
        ))}
      </ul>
      {queue.hasNextPage && (
        <Button block onClick={() => void queue.fetchNextPage()} loading={queue.isFetchingNextPage} data-testid={`${testId}-more`}>
          {t('queue.loadMore')}
        </Button>
      )}
    </>
  );
}
