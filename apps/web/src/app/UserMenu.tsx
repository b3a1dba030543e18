import { useId } from 'react';
import { Button } from 'antd';
import { AuditOutlined, BellOutlined, HomeOutlined, LogoutOutlined, MessageOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { usePopup } from '../lib/use-popup';
import type { UserProfile } from '@tiaojie/contracts';
import { useLogout } from '../lib/session';

const STATISTICS_ROLES = ['org_admin', 'bureau', 'judge', 'clerk', 'admin'] as const;

/**
 * The header's account menu. Hand-made rather than antd's Dropdown: three items do not need
 * the ~30 KB of menu, trigger and overflow code on every logged-in page (bench/README.md P5).
 */
export function UserMenu({ user }: { user: UserProfile }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const logout = useLogout();
  const { open, setOpen, rootRef } = usePopup((root) => root?.querySelector<HTMLButtonElement>('[role="menuitem"]')?.focus());
  const menuId = useId();

  const go = (path: string) => {
    setOpen(false);
    navigate(path);
  };

  const onLogout = () => {
    setOpen(false);
    logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) });
  };

  return (
    <div className="user-menu" ref={rootRef}>
      <Button
        type="text"
        className="user-menu-button"
        aria-label={t('nav.userMenu')}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen((value) => !value)}
        data-testid="user-menu"
      >
        <span className="user-avatar" aria-hidden>
          {user.name.slice(0, 1)}
        </span>
        <span className="user-menu-name">{user.name}</span>
      </Button>
      {open && (
        <ul className="user-menu-list" role="menu" id={menuId}>
          <li role="none">
            <button type="button" role="menuitem" className="user-menu-item" onClick={() => go('/home')} data-testid="menu-home">
              <HomeOutlined /> {t('nav.home')}
            </button>
          </li>
          <li role="none">
            <button type="button" role="menuitem" className="user-menu-item" onClick={() => go('/profile')} data-testid="menu-profile">
              <UserOutlined /> {t('nav.profile')}
            </button>
          </li>
          <li role="none">
            <button type="button" role="menuitem" className="user-menu-item" onClick={() => go('/settings/notifications')} data-testid="menu-notification-settings">
              <BellOutlined /> {t('nav.notificationSettings')}
            </button>
          </li>
          <li role="none">
            <button type="button" role="menuitem" className="user-menu-item" onClick={() => go('/complaints')} data-testid="menu-complaints">
              <MessageOutlined /> {t('nav.complaints')}
            </button>
          </li>
          {/* R38: the organisation admin's queue (and the supervisor's: the 司法局, or the system admin). */}
          {(user.roles.includes('org_admin') || user.roles.includes('bureau') || user.roles.includes('admin')) && (
            <li role="none">
              <button type="button" role="menuitem" className="user-menu-item" onClick={() => go('/org/complaints')} data-testid="menu-complaint-queue">
                <AuditOutlined /> {t('nav.complaintQueue')}
              </button>
            </li>
          )}
          {/* Issue #13: the statistics dashboards (these four rows carry no icon: the menu is in every page's first load, TARGETS P5). */}
          {STATISTICS_ROLES.some((r) => user.roles.includes(r)) && (
            <li role="none">
              <button type="button" role="menuitem" className="user-menu-item" onClick={() => go('/statistics')} data-testid="menu-statistics">
                {t('nav.statistics')}
              </button>
            </li>
          )}
          {/* Issue #13: the system admin console. */}
          {user.roles.includes('admin') && (
            <li role="none">
              <button type="button" role="menuitem" className="user-menu-item" onClick={() => go('/admin')} data-testid="menu-admin">
                {t('nav.admin')}
              </button>
            </li>
          )}
          {/* Issue #13: the organisation admin's roster; a mediator's own ratings (aggregate only). */}
          {(user.roles.includes('org_admin') || user.roles.includes('admin')) && (
            <li role="none">
              <button type="button" role="menuitem" className="user-menu-item" onClick={() => go('/org/roster')} data-testid="menu-roster">
                {t('nav.roster')}
              </button>
            </li>
          )}
          {user.roles.includes('mediator') && (
            <li role="none">
              <button type="button" role="menuitem" className="user-menu-item" onClick={() => go('/ratings')} data-testid="menu-my-ratings">
                {t('nav.myRatings')}
              </button>
            </li>
          )}
          <li role="separator" className="user-menu-divider" />
          <li role="none">
            <button type="button" role="menuitem" className="user-menu-item danger" onClick={onLogout} data-testid="menu-logout">
              <LogoutOutlined /> {t('nav.logout')}
            </button>
          </li>
        </ul>
      )}
    </div>
  );
}
