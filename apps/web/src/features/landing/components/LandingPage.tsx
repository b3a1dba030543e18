import type { ReactNode } from 'react';
import { Alert, Button } from 'antd';
import { BankOutlined, BellOutlined, EditOutlined, LockOutlined, MobileOutlined, PhoneOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useSession } from '../../../lib/session';
import { OrganisationList } from './OrganisationList';

const STEPS: { key: string; icon: ReactNode }[] = [
  { key: 'file', icon: <MobileOutlined /> },
  { key: 'contact', icon: <PhoneOutlined /> },
  { key: 'notify', icon: <BellOutlined /> },
  { key: 'caucus', icon: <LockOutlined /> },
  { key: 'sign', icon: <EditOutlined /> },
  { key: 'confirm', icon: <BankOutlined /> },
];

export default function LandingPage() {
  const { t } = useTranslation('landing');
  const navigate = useNavigate();
  const { user } = useSession();

  return (
    <div className="page">
      <section className="landing-hero">
        <h1 className="landing-title" data-testid="landing-heading">
          {t('heading')}
        </h1>
        <p className="landing-intro">{t('intro')}</p>
        <div className="landing-actions">
          {user ? (
            <Button type="primary" size="large" block onClick={() => navigate('/home')} data-testid="landing-home">
              {t('goHome')}
            </Button>
          ) : (
            <>
              <Button type="primary" size="large" block onClick={() => navigate('/register')} data-testid="landing-register">
                {t('register')}
              </Button>
              <Button size="large" block onClick={() => navigate('/login')} data-testid="landing-login">
                {t('login')}
              </Button>
            </>
          )}
          <Button size="large" block icon={<QuestionCircleOutlined />} onClick={() => navigate('/consult')} data-testid="landing-consult">
            {t('consult')}
          </Button>
        </div>
        <p className="landing-consult-hint text-secondary">{t('consultHint')}</p>
      </section>

      {/* R35: mediation and judicial confirmation are free of charge, say so up front. */}
      <Alert type="success" showIcon title={t('freeTitle')} description={t('freeBody')} data-testid="landing-free" />

      <section aria-labelledby="how-title">
        <h2 className="section-title" id="how-title">
          {t('howTitle')}
        </h2>
        <ol className="landing-steps">
          {STEPS.map((step) => (
            <li key={step.key} className="landing-step">
              <span className="landing-step-icon" aria-hidden>
                {step.icon}
              </span>
              <div>
                <h3>{t(`steps.${step.key}.title`)}</h3>
                <p>{t(`steps.${step.key}.body`)}</p>
              </div>
            </li>
          ))}
        </ol>
      </section>

      <OrganisationList />
    </div>
  );
}
