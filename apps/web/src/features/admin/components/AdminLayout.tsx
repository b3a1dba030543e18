import { AuditOutlined, BankOutlined, BellOutlined, CalendarOutlined, FileTextOutlined, SettingOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import { Grid, Layout, Menu } from 'antd';
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
  // One menu: in the side bar from md (768 px) up, a scrolling top strip below.
  const wide = Grid.useBreakpoint().md !== false;
  if (!user?.roles.includes('admin')) return <NotFound />;
  const selected = pathname.split('/')[2] ?? 'organisations';
  const items = ITEMS.map((i) => ({ key: i.key, icon: i.icon, label: <span data-testid={`admin-menu-${i.key}`}>{t(`menu.${'label' in i ? i.label : i.key}`)}</span> }));

  return (
    <Layout hasSider={wide} className="admin-console" data-testid="admin-console">
      {wide ? (
        <Layout.Sider className="admin-sider" width={200} theme="light">
          <nav aria-label={t('title')}>
            <div className="admin-sider-title">{t('title')}</div>
            <Menu mode="inline" selectedKeys={[selected]} items={items} onClick={({ key }) => navigate(`/admin/${key}`)} />
          </nav>
        </Layout.Sider>
      ) : (
        <nav className="admin-topnav" aria-label={t('title')}>
          <Menu mode="horizontal" disabledOverflow selectedKeys={[selected]} items={items} onClick={({ key }) => navigate(`/admin/${key}`)} />
        </nav>
      )}
      <Layout.Content className="admin-content">
        <Suspense fallback={<PageLoader />}>
          <Outlet />
        </Suspense>
      </Layout.Content>
    </Layout>
  );
}
