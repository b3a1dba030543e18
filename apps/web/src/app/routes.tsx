import { lazy } from 'react';
import { lazyWithPreload } from '../lib/lazy-preload';
import { Navigate, type RouteObject } from 'react-router-dom';
import { AppLayout } from './AppLayout';
import { entryPageOf } from './early-pages';
import { GuestOnly, RequireAuth } from './guards';
import NotFound, { RouteError } from './RouteError';

// Each page is its own chunk: the first load carries only the shell.
// The pages most often opened first can be fetched ahead (preloadEntryPage) and then render
// without suspending.
const LandingPage = lazyWithPreload(() => import('../features/landing/components/LandingPage'));
const LoginPage = lazy(() => import('../features/auth/components/LoginPage'));
const RegisterPage = lazy(() => import('../features/auth/components/RegisterPage'));
const HomePage = lazy(() => import('../features/home/components/HomePage'));
const ProfilePage = lazy(() => import('../features/profile/components/ProfilePage'));
const DevSmsPage = lazy(() => import('../features/dev/components/DevSmsPage'));
const ConsultPage = lazy(() => import('../features/consult/components/ConsultPage'));
const CaseFormPage = lazy(() => import('../features/cases/components/CaseFormPage'));
const CasePage = lazyWithPreload(() => import('./pages/CasePage'));
const InvitationPage = lazy(() => import('../features/invitation/components/InvitationPage'));
const FilingConfirmationPage = lazy(() => import('../features/cases/components/FilingConfirmationPage'));
const MediationPage = lazyWithPreload(() => import('../features/mediation/components/MediationPage'));
const AgreementPage = lazy(() => import('../features/settlement/components/AgreementPage'));
const VerifyPage = lazy(() => import('../features/settlement/components/VerifyPage'));
const NotificationPreferencesPage = lazy(() => import('../features/notifications/components/NotificationPreferencesPage'));
const OrganisationNoticesPage = lazy(() => import('../features/notifications/components/OrganisationNoticesPage'));
const CourtPage = lazy(() => import('../features/court/components/CourtPage'));
const CourtApplicationPage = lazy(() => import('../features/court/components/CourtApplicationPage'));
const CourtFilingsPage = lazy(() => import('../features/ending/components/CourtFilingsPage'));
const CourtCasesPage = lazy(() => import('../features/court/components/CourtCasesPage'));
const CalendarAdminPage = lazy(() => import('../features/calendar/components/CalendarAdminPage'));
// Issue #13: the system admin console, one chunk per page behind the console's own layout.
const AdminLayout = lazy(() => import('../features/admin/components/AdminLayout'));
const AdminOrganisationsPage = lazy(() => import('../features/admin/components/OrganisationsPage'));
const AdminCourtsPage = lazy(() => import('../features/admin/components/CourtsPage'));
const AdminDisputeTypesPage = lazy(() => import('../features/admin/components/DisputeTypesPage'));
const AdminTemplatesPage = lazy(() => import('../features/admin/components/TemplatesPage'));
const AdminSettingsPage = lazy(() => import('../features/admin/components/SettingsPage'));
const AdminAccountsPage = lazy(() => import('../features/admin/components/AccountsPage'));
const AdminAuditPage = lazy(() => import('../features/admin/components/AuditPage'));
const FileComplaintPage = lazy(() => import('../features/complaints/components/FileComplaintPage'));
const MyComplaintsPage = lazy(() => import('../features/complaints/components/MyComplaintsPage'));
const ComplaintPage = lazy(() => import('../features/complaints/components/ComplaintPage'));
const ComplaintQueuePage = lazy(() => import('../features/complaints/components/ComplaintQueuePage'));
const StatisticsPage = lazy(() => import('../features/statistics/components/StatisticsPage'));
const RosterPage = lazy(() => import('../features/roster/components/RosterPage'));
const MyRatingsPage = lazy(() => import('../features/roster/components/MyRatingsPage'));

/**
 * The chunk of the page a visitor arrives on, fetched as the app starts rather than once the
 * shell has rendered and the route suspends: one round trip less before the first paint of the
 * pages that are most often opened first — the landing page, a case from an SMS link, the
 * conversation (TARGETS P5, apps/web-e2e/journeys/lighthouse.js; the early script has usually
 * asked for it already, lib/early-start.ts). The app's first render waits for it (main.tsx), so
 * the page comes with the header in one paint, not a header first and the page a moment later.
 * Resolves, never rejects: a chunk that failed is fetched again when the route renders.
 */
export function preloadEntryPage(pathname: string): Promise<void> {
  const entry = entryPageOf(pathname);
  const page = entry ? { landing: LandingPage, mediation: MediationPage, case: CasePage }[entry.page] : null;
  return page
    ? page.preload().then(
        () => undefined,
        () => undefined,
      )
    : Promise.resolve();
}

export const routes: RouteObject[] = [
  {
    element: <AppLayout />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <LandingPage /> },
      { path: 'consult', element: <ConsultPage /> },
      { path: 'invite/:token', element: <InvitationPage /> },
      { path: 'confirm/:caseId', element: <FilingConfirmationPage /> },
      { path: 'verify', element: <VerifyPage /> },
      {
        element: <GuestOnly />,
        children: [
          { path: 'login', element: <LoginPage /> },
          { path: 'register', element: <RegisterPage /> },
        ],
      },
      {
        element: <RequireAuth />,
        children: [
          { path: 'home', element: <HomePage /> },
          { path: 'profile', element: <ProfilePage /> },
          { path: 'cases/new', element: <CaseFormPage /> },
          { path: 'cases/:id/edit', element: <CaseFormPage /> },
          { path: 'cases/:id', element: <CasePage /> },
          { path: 'cases/:id/mediation', element: <MediationPage /> },
          { path: 'cases/:id/agreement', element: <AgreementPage /> },
          { path: 'settings/notifications', element: <NotificationPreferencesPage /> },
          { path: 'organisations/:id/notifications', element: <OrganisationNoticesPage /> },
          { path: 'court', element: <CourtPage /> },
          { path: 'court/confirmations/:id', element: <CourtApplicationPage /> },
          { path: 'court/filings', element: <CourtFilingsPage /> },
          { path: 'court/cases', element: <CourtCasesPage /> },
          {
            path: 'admin',
            element: <AdminLayout />,
            children: [
              { index: true, element: <Navigate to="/admin/organisations" replace /> },
              { path: 'organisations', element: <AdminOrganisationsPage /> },
              { path: 'courts', element: <AdminCourtsPage /> },
              { path: 'calendar', element: <CalendarAdminPage /> },
              { path: 'dispute-types', element: <AdminDisputeTypesPage /> },
              { path: 'templates', element: <AdminTemplatesPage /> },
              { path: 'settings', element: <AdminSettingsPage /> },
              { path: 'accounts', element: <AdminAccountsPage /> },
              { path: 'audit', element: <AdminAuditPage /> },
            ],
          },
          // R38: complaints.
          { path: 'complaints', element: <MyComplaintsPage /> },
          { path: 'complaints/new', element: <FileComplaintPage /> },
          { path: 'complaints/:id', element: <ComplaintPage /> },
          { path: 'org/complaints', element: <ComplaintQueuePage /> },
          // Issue #13: dashboards (org admin, 司法局, court staff, system admin; scoped by the server).
          { path: 'statistics', element: <StatisticsPage /> },
          // Issue #13: the roster (org admins) and a mediator's own ratings.
          { path: 'org/roster', element: <RosterPage /> },
          { path: 'ratings', element: <MyRatingsPage /> },
        ],
      },
      { path: 'dev/sms', element: <DevSmsPage /> },
      { path: '*', element: <NotFound /> },
    ],
  },
];
