import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';

/** Each page's footer sends to the other one. */
const OTHER = {
  login: { prompt: 'login.noAccount', path: '/register', label: 'login.registerLink', testId: 'register-link' },
  register: { prompt: 'register.hasAccount', path: '/login', label: 'register.loginLink', testId: 'login-link' },
} as const;

/**
 * The card of the login and register pages: heading, subtitle, form and the link to the other
 * page, which keeps the `next` the page came with; `after` goes under the card.
 */
export function AuthCard({ page, children, after }: { page: 'login' | 'register'; children: ReactNode; after?: ReactNode }) {
  const { t } = useTranslation('auth');
  const [params] = useSearchParams();
  const next = params.get('next');
  const other = OTHER[page];
  return (
    <div className="auth-page">
      <div className="panel auth-card">
        <h1 className="auth-title" data-testid={`${page}-heading`}>
          {t(`${page}.title`)}
        </h1>
        <p className="auth-subtitle">{t(`${page}.subtitle`)}</p>
        {children}
        <div className="auth-footer">
          <span className="text-secondary">{t(other.prompt)}</span>{' '}
          <Link to={next ? `${other.path}?next=${encodeURIComponent(next)}` : other.path} data-testid={other.testId}>
            {t(other.label)}
          </Link>
        </div>
      </div>
      {after}
    </div>
  );
}
