import { useQuery } from '@tanstack/react-query';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

import { call } from '../../lib/api';
import '../../locales/case';
import '../../locales/roster';

/**
 * R05 (issue #13): the public profile of a mediator, where the parties choose one (R07): photo,
 * expertise, languages, dispute types, organisation, cases handled, and satisfaction (shown by
 * the server only from 3 ratings). Nothing private.
 */
export function MediatorProfileCard({ mediatorId }: { mediatorId: string }) {
  const { t, i18n } = useTranslation(['roster', 'case']);
  const q = useQuery({ queryKey: ['mediators', mediatorId, 'profile'], queryFn: () => call('GET /api/mediators/:id/profile', { params: { id: mediatorId } }), staleTime: 60_000 });
  const p = q.data;
  if (!p) return null;
  const en = i18n.language === 'en';
  const expertise = en && p.expertiseEn?.length ? p.expertiseEn : p.expertise;
  return (
    <div className="mediator-card" data-testid="mediator-profile-card" data-id={p.id}>
      {p.photoUrl ? (
        <img src={p.photoUrl} alt={p.name} className="mediator-photo" width={56} height={56} />
      ) : (
        <span className="user-avatar mediator-photo" aria-hidden>
          {p.name.slice(0, 1)}
        </span>
      )}
      <div className="mediator-card-body">
        <strong>{en && p.nameEn ? p.nameEn : p.name}</strong>
        <span className="text-secondary"> {p.organisations.map((o) => (en && o.nameEn ? o.nameEn : o.name)).join('、')}</span>
        <div>
          {p.disputeTypes.map((d) => (
            <Tag key={d}>{t(`case:disputeTypes.${d}`)}</Tag>
          ))}
        </div>
        {expertise.length > 0 && (
          <div>
            {t('profileCard.expertise')}: {expertise.join('、')}
          </div>
        )}
        {p.languages.length > 0 && (
          <div>
            {t('profileCard.languages')}: {p.languages.join('、')}
          </div>
        )}
        <div className="text-secondary">
          {p.yearsOfPractice > 0 && <span>{t('profileCard.years', { count: p.yearsOfPractice })} · </span>}
          <span data-testid="mediator-cases-handled">{t('profileCard.casesHandled', { count: p.casesHandled })}</span> ·{' '}
          <span data-testid="mediator-satisfaction">
            {p.satisfaction ? t('profileCard.satisfaction', { average: p.satisfaction.average, count: p.satisfaction.count }) : t('profileCard.noSatisfaction')}
          </span>
        </div>
        {(en && p.bioEn ? p.bioEn : p.bio) && <p className="mediator-bio">{en && p.bioEn ? p.bioEn : p.bio}</p>}
      </div>
    </div>
  );
}
