import { lazy, Suspense } from 'react';
import { Button } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import type { Locale, UpdateProfileRequest } from '@tiaojie/contracts';
import { LanguageSwitch } from '../components/ui/LanguageSwitch';
import { call } from '../lib/api';
import { changeLocale } from '../lib/i18n';
import { usePageShown } from '../lib/page-shown';
import { setSessionUser, useSession } from '../lib/session';
import { UserMenu } from './UserMenu';

// Only logged-in users have an inbox: the bell (and its query) is not part of anyone's first load.
const NotificationBell = lazy(() => import('../features/notifications/components/NotificationBell'));

export function AppHeader() {
  const { t } = useTranslation();
  const { user } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const bellShown = usePageShown();

  // A logged-in user's language is also their notification language (SMS, email).
  const saveLocale = useMutation({
    mutationFn: (locale: Locale) => call('PATCH /api/me', { body: { locale } satisfies UpdateProfileRequest }),
    onSuccess: (profile) => setSessionUser(queryClient, profile),
  });

  const onLocaleChange = (locale: Locale) => {
    void changeLocale(locale);
    if (user && user.locale !== locale) saveLocale.mutate(locale);
  };

  const onAuthPage = location.pathname === '/login' || location.pathname === '/register';

  return (
    <header className="app-header">
      <div className="app-header-inner">
        <Link to={user ? '/home' : '/'} className="app-logo" aria-label={t('logoAlt')} data-testid="logo">
          <span className="app-logo-mark">调解</span>
          <span className="app-logo-text">Tiaojie</span>
        </Link>
        <div className="app-header-actions">
          <LanguageSwitch onChange={onLocaleChange} />
          {user ? (
            <>
              {/* Once the first page has shown (lib/page-shown.ts); its place is kept meanwhile. */}
              {bellShown ? (
                <Suspense fallback={<span className="bell-placeholder" />}>
                  <NotificationBell key={user.id} />
                </Suspense>
              ) : (
                <span className="bell-placeholder" />
              )}
              <UserMenu user={user} />
            </>
          ) : (
            !onAuthPage && (
              <Button type="primary" size="small" onClick={() => navigate('/login')} data-testid="header-login">
                {t('nav.login')}
              </Button>
            )
          )}
        </div>
      </div>
    </header>
  );
}
