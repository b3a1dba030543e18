import { Alert, Tabs } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { hasSessionEndedNotice } from '../../../lib/session';
import { hasDevSmsInbox } from '../api/auth-api';
import { AuthCard } from './AuthCard';
import { OtpLoginForm } from './OtpLoginForm';
import { PasswordLoginForm } from './PasswordLoginForm';

export default function LoginPage() {
  const { t } = useTranslation('auth');
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'sms' ? 'sms' : 'password';
  const devInbox = useQuery({ queryKey: ['public', 'dev-sms-inbox'], queryFn: hasDevSmsInbox, staleTime: Infinity, retry: false });
  const sessionEnded = hasSessionEndedNotice();

  return (
    <AuthCard
      page="login"
      after={
        devInbox.data && (
          <Link to="/dev/sms" className="dev-link" data-testid="dev-sms-link">
            {t('login.devSmsLink')}
          </Link>
        )
      }
    >
      {sessionEnded && <Alert type="warning" showIcon title={t('common:sessionEnded')} data-testid="session-ended" />}
      <Tabs
        activeKey={tab}
        onChange={(key) => {
          const nextParams = new URLSearchParams(params);
          if (key === 'sms') nextParams.set('tab', 'sms');
          else nextParams.delete('tab');
          setParams(nextParams, { replace: true });
        }}
        items={[
          {
            key: 'password',
            label: <span data-testid="login-tab-password">{t('login.tabPassword')}</span>,
            children: <PasswordLoginForm />,
          },
          {
            key: 'sms',
            label: <span data-testid="login-tab-sms">{t('login.tabSms')}</span>,
            children: <OtpLoginForm />,
          },
        ]}
      />
    </AuthCard>
  );
}
