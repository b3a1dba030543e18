import { ORGANISATION_QUEUE_STATES } from '@tiaojie/domain';
import { lazy, Suspense, useState } from 'react';
import { Input, Radio, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseListQuery, UserProfile } from '@tiaojie/contracts';
import type { CaseState } from '@tiaojie/domain';
import { SelectField } from '../../../components/ui/NativeSelect';
import '../../../locales/case';
import { useOrganisationSla } from '../hooks/useCaseQueue';
import { useMediaQuery } from '../../mediation/hooks/useMediaQuery';
import { CaseQueue } from './CaseQueue';
import type { QueueQuery } from '../hooks/useCaseQueue';

// The table (and Ant Design's Table) loads only at laptop width: on a phone the queue stays the
// card list, within the first-load JS budget (TARGETS P5).
const CaseQueueTable = lazy(() => import('./CaseQueueTable').then((module) => ({ default: module.CaseQueueTable })));

/** Issue #11: a table at laptop width (sorted by deadline), the card list on a phone. */
function StaffQueue(props: { query: QueueQuery; emptyText: string; testId: string }) {
  const wide = useMediaQuery('(min-width: 1024px)');
  if (!wide) return <CaseQueue {...props} />;
  return (
    <Suspense fallback={<Skeleton active />}>
      <CaseQueueTable {...props} />
    </Suspense>
  );
}
import { RoleSection } from '../../../components/ui/RoleSection';

/** Staff queues, loaded only for mediators and dispatchers (their filters stay off citizens' pages). */

type Bucket = NonNullable<CaseListQuery['bucket']> | 'all';
const BUCKETS: Bucket[] = ['all', 'new', 'awaiting_contact', 'mediating', 'due_soon'];

/** The mediator's queue: buckets, search by number or party name, load more. */
export function MediatorQueue() {
  const { t } = useTranslation('home');
  const [bucket, setBucket] = useState<Bucket>('all');
  const [q, setQ] = useState('');
  const query: CaseListQuery = { scope: 'assigned', ...(bucket === 'all' ? {} : { bucket }), ...(q ? { q } : {}) };
  return (
    <RoleSection section="mediator" title={t('mediator.title')} wide>
      <div className="stack">
        <Radio.Group
          className="bucket-group"
          optionType="button"
          buttonStyle="solid"
          value={bucket}
          onChange={(event) => setBucket(event.target.value as Bucket)}
          options={BUCKETS.map((value) => ({ value, label: <span data-testid={`bucket-${value}`}>{value === 'all' ? t('queue.all') : t(`queue.buckets.${value}`)}</span> }))}
        />
        <Input.Search allowClear placeholder={t('queue.search')} enterButton={t('queue.searchButton')} maxLength={50} onSearch={(value) => setQ(value.trim())} data-testid="queue-search" />
        <StaffQueue query={query} emptyText={bucket === 'all' && !q ? t('mediator.empty') : t('queue.empty')} testId="mediator-queue" />
      </div>
    </RoleSection>
  );
}

function SlaFigures({ organisationId, name }: { organisationId: string; name: string }) {
  const { t } = useTranslation('home');
  const sla = useOrganisationSla(organisationId);
  if (!sla.data) return null;
  const { submitted, contacted, contactedWithinSla, medianMinutesToContact } = sla.data;
  const rate = submitted ? Math.round((contactedWithinSla / submitted) * 100) : null;
  return (
    <div className="sla-box" data-testid="org-sla" data-organisation={organisationId}>
      <div className="sla-box-title">
        {t('sla.title')} · {name}
      </div>
      <dl className="sla-figures">
        <div>
          <dt>{t('sla.submitted')}</dt>
          <dd data-testid="sla-submitted">{submitted}</dd>
        </div>
        <div>
          <dt>{t('sla.contacted')}</dt>
          <dd data-testid="sla-contacted">{contacted}</dd>
        </div>
        <div>
          <dt>{t('sla.within')}</dt>
          <dd data-testid="sla-within">{contactedWithinSla}</dd>
        </div>
        <div>
          <dt>{t('sla.rate')}</dt>
          <dd>{rate === null ? t('sla.none') : `${rate}%`}</dd>
        </div>
        <div>
          <dt>{t('sla.median')}</dt>
          <dd>{medianMinutesToContact === null ? t('sla.none') : t('sla.minutes', { count: medianMinutesToContact })}</dd>
        </div>
      </dl>
    </div>
  );
}

/** The dispatcher's organisation queue: states filter, countdowns, the same-day contact figures. */
export function OrganisationQueue({ user }: { user: UserProfile }) {
  const { t } = useTranslation(['home', 'case']);
  const [state, setState] = useState<CaseState | ''>('');
  const [q, setQ] = useState('');
  const organisations = user.memberships.filter((m) => m.kind === 'organisation' && m.role === 'org_admin');
  const query: CaseListQuery = { scope: 'organisation', ...(state ? { state } : {}), ...(q ? { q } : {}) };
  return (
    <RoleSection section="org_admin" title={t('org_admin.title')} wide>
      <div className="stack">
        {organisations.map((organisation) => (
          <SlaFigures key={organisation.id} organisationId={organisation.id} name={organisation.name} />
        ))}
        <div className="filter-row">
          <SelectField
            label={t('queue.state')}
            labelClassName="filter-label"
            id="org-state-filter"
            value={state}
            onChange={(value) => setState(value as CaseState | '')}
            options={[{ value: '', label: t('queue.all') }, ...ORGANISATION_QUEUE_STATES.map((value) => ({ value, label: t(`case:states.${value}`) }))]}
            data-testid="org-state-filter"
          />
        </div>
        <Input.Search allowClear placeholder={t('queue.search')} enterButton={t('queue.searchButton')} maxLength={50} onSearch={(value) => setQ(value.trim())} data-testid="org-queue-search" />
        <StaffQueue query={query} emptyText={state || q ? t('queue.empty') : t('org_admin.empty')} testId="org-queue" />
      </div>
    </RoleSection>
  );
}
