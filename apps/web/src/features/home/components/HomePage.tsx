import { lazy, Suspense } from 'react';
import { Empty, Space, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { UserProfile } from '@tiaojie/contracts';
import { ROLES, type Role } from '@tiaojie/domain';
import { PageHeading } from '../../../components/ui/PageHeading';
import { PageLoader } from '../../../components/ui/PageLoader';
import { Panel } from '../../../components/ui/Panel';
import { useSession } from '../../../lib/session';
import { AgentCases, CitizenCases, IntakeCases } from './QueueSections';
import { NextActionsSection } from './NextActionsSection';
import { RoleSection } from '../../../components/ui/RoleSection';
import { CourtHomeLink } from '../../court/components/CourtHomeLink';

const AdminUsersSection = lazy(() => import('./AdminUsersSection'));
const AdminCalendarCard = lazy(() => import('../../calendar/components/AdminCalendarCard'));
const MediatorQueue = lazy(() => import('./StaffQueues').then((module) => ({ default: module.MediatorQueue })));
const OrganisationQueue = lazy(() => import('./StaffQueues').then((module) => ({ default: module.OrganisationQueue })));
const DueFollowUps = lazy(() => import('../../roster/components/DueFollowUps'));
const OrganisationNoticesSection = lazy(() => import('../../notifications/components/OrganisationNoticesSection'));

/** Judges and court clerks share one section: the court's confirmation applications. */
type Section = Exclude<Role, 'judge' | 'clerk'> | 'court';
const SECTION_OF_ROLE: Record<Role, Section> = {
  citizen: 'citizen',
  agent: 'agent',
  intake: 'intake',
  mediator: 'mediator',
  org_admin: 'org_admin',
  judge: 'court',
  clerk: 'court',
  admin: 'admin',
  bureau: 'bureau',
};

function sectionsFor(user: UserProfile): Section[] {
  const sections = ROLES.filter((role) => user.roles.includes(role)).map((role) => SECTION_OF_ROLE[role]);
  return [...new Set(sections)];
}

export default function HomePage() {
  const { t } = useTranslation(['home', 'common']);
  const { user } = useSession();
  if (!user) return null; // RequireAuth renders this page only with a user

  return (
    <div className="page">
      <div>
        <PageHeading testId="home-heading">{t('greeting', { name: user.name })}</PageHeading>
        <div className="user-row-meta" data-testid="home-roles">
          <span>{t('rolesLabel')}</span>
          {user.roles.map((role) => (
            <Tag key={role} color="blue">
              {t(`common:roles.${role}`)}
            </Tag>
          ))}
        </div>
      </div>

      <NextActionsSection />
      {/* 回访 (issue #13): follow-ups due, for the organisation's admins and mediators. */}
      {(user.roles.includes('mediator') || user.roles.includes('org_admin')) && (
        <Suspense fallback={null}>
          <DueFollowUps />
        </Suspense>
      )}

      {sectionsFor(user).map((section) => {
        if (section === 'admin')
          return (
            <Suspense
              key={section}
              fallback={
                <RoleSection section={section} title={t('admin.title')}>
                  <PageLoader />
                </RoleSection>
              }
            >
              <AdminCalendarCard />
              <AdminUsersSection currentUserId={user.id} />
            </Suspense>
          );
        if (section === 'citizen') return <CitizenCases key={section} />;
        if (section === 'agent') return <AgentCases key={section} />;
        if (section === 'intake') return <IntakeCases key={section} />;
        if (section === 'mediator' || section === 'org_admin')
          return (
            <Suspense
              key={section}
              fallback={
                <RoleSection section={section} title={t(`${section}.title`)}>
                  <PageLoader />
                </RoleSection>
              }
            >
              {section === 'mediator' ? <MediatorQueue /> : <OrganisationQueue user={user} />}
            </Suspense>
          );
        return (
          <RoleSection key={section} section={section} title={t(`${section}.title`)}>
            {section === 'court' ? <CourtHomeLink /> : section === 'bureau' ? <BureauHomeLinks /> : <Empty description={t(`${String(section)}.empty`)} />}
          </RoleSection>
        );
      })}

      {user.roles.includes('org_admin') && (
        <Suspense fallback={null}>
          <OrganisationNoticesSection organisations={user.memberships.filter((m) => m.kind === 'organisation' && m.role === 'org_admin')} />
        </Suspense>
      )}

      {user.memberships.length > 0 && (
        <Panel title={t('membershipsTitle')} testId="home-memberships">
          <ul className="membership-list">
            {user.memberships.map((membership) => (
              <li key={`${membership.kind}:${membership.id}:${membership.role}`}>
                <Tag>{t(`membershipKind.${membership.kind}`)}</Tag>
                <strong>{membership.name}</strong>
                <Tag color="blue">{t(`common:roles.${membership.role}`)}</Tag>
              </li>
            ))}
          </ul>
        </Panel>
      )}
    </div>
  );
}

/** The 司法局's home: its statistics and the complaints escalated to it (R38). */
function BureauHomeLinks() {
  const { t } = useTranslation('home');
  return (
    <div data-testid="bureau-home">
      <p>{t('bureau.intro')}</p>
      <Space wrap>
        <Link to="/statistics" data-testid="bureau-statistics-link">
          {t('bureau.statistics')}
        </Link>
        <Link to="/org/complaints">{t('bureau.complaints')}</Link>
      </Space>
    </div>
  );
}
