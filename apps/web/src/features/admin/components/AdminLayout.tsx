import { AuditOutlined, BankOutlined, BellOutlined, CalendarOutlined, FileTextOutlined, SettingOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import { Layout, Menu } from 'antd';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import NotFound from '../../../app/RouteError';
import { PageLoader } from '../../../components/ui/PageLoader';
import { useSession } from '../../../lib/session';
import '../../../locales/admin';
import './admin.css';

const ITEMS = [
  { key: 'organisations', icon: <TeamOutlined /> },
  { key: 'courts', icon: <BankOutlined /> },
  { key: 'calendar', icon: <CalendarOutlined /> },
  { key: 'dispute-types', icon: <FileTextOutlined />, label: 'disputeTypes' },
  { key: 'templates', icon: <BellOutlined /> },
  { key: 'settings', icon: <SettingOutlined /> },
  { key: 'accounts', icon: <UserOutlined /> },
  { key: 'audit', icon: <AuditOutlined /> },
] as const;

/**
 * Issue #13: `/admin/*`, the system admin console — a side menu (a top strip on a phone) and the
 * page. Only the system admin sees it; the server checks the role on every route anyway.
 */
export default function AdminLayout() {
  const { t } = useTranslation('admin');
  const { user } = useSession();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  if (!user?.roles.includes('admin')) return <NotFound />;
  const selected = pathname.split('/')[2] ?? 'organisations';
  const items = ITEMS.map((i) => ({ key: i.key, icon: i.icon, label: <span data-testid={`admin-menu-${i.key}`}>{t(`menu.${'label' in i ? i.label : i.key}`)}</span> }));

  return (
    <Layout hasSider className="admin-console" data-testid="admin-console">
      <Layout.Sider className="admin-sider" width={200} theme="light" breakpoint="md" collapsedWidth={0} trigger={null}>
        <div className="admin-sider-title">{t('title')}</div>
        <Menu mode="inline" selectedKeys={[selected]} items={items} onClick={({ key }) => navigate(`/admin/${key}`)} />
      </Layout.Sider>
      <nav className="admin-topnav" aria-label={t('title')}>
        <Menu mode="horizontal" selectedKeys={[selected]} items={items} onClick={({ key }) => navigate(`/admin/${key}`)} />
      </nav>
      <Layout.Content className="admin-content">
        <Suspense fallback={<PageLoader />}>
          <Outlet />
        </Suspense>
      </Layout.Content>
    </Layout>
  );
}
