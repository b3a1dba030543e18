import { lazy } from 'react';
import type { RouteObject } from 'react-router-dom';
import { AppLayout } from './AppLayout';
import { GuestOnly, RequireAuth } from './guards';
import NotFound, { RouteError } from './RouteError';

// Each page is its own chunk: the first load carries only the shell.
const LandingPage = lazy(() => import('../features/landing/components/LandingPage'));
const LoginPage = lazy(() => import('../features/auth/components/LoginPage'));
const RegisterPage = lazy(() => import('../features/auth/components/RegisterPage'));
const HomePage = lazy(() => import('../features/home/components/HomePage'));
const ProfilePage = lazy(() => import('../features/profile/components/ProfilePage'));
const DevSmsPage = lazy(() => import('../features/dev/components/DevSmsPage'));
const ConsultPage = lazy(() => import('../features/consult/components/ConsultPage'));
const CaseFormPage = lazy(() => import('../features/cases/components/CaseFormPage'));
const CasePage = lazy(() => import('../features/cases/components/CasePage'));
const InvitationPage = lazy(() => import('../features/invitation/components/InvitationPage'));
const MediationPage = lazy(() => import('../features/mediation/components/MediationPage'));

export const routes: RouteObject[] = [
  {
    element: <AppLayout />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <LandingPage /> },
      { path: 'consult', element: <ConsultPage /> },
      { path: 'invite/:token', element: <InvitationPage /> },
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
        ],
      },
      { path: 'dev/sms', element: <DevSmsPage /> },
      { path: '*', element: <NotFound /> },
    ],
  },
];
