import { Alert, Button, Empty, Popconfirm, Skeleton, Tag, message } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { AdminUserSummary } from '@tiaojie/contracts';
import { translateError } from '../../../lib/form-errors';
import { useAdminUsers, useSetAccountDisabled } from '../hooks/useAdminUsers';
import { RoleSection } from '../../../components/ui/RoleSection';

/** Loaded only for admins (its list and confirmations are not needed by anyone else). */
export default function AdminUsersSection({ currentUserId }: { currentUserId: string }) {
  const { t } = useTranslation(['home', 'common']);
  const [toast, toastHolder] = message.useMessage();
  const users = useAdminUsers();
  const setDisabled = useSetAccountDisabled();

  const toggle = (user: AdminUserSummary) =>
    setDisabled.mutate(
      { userId: user.id, disabled: !user.disabled },
      {
        onSuccess: (updated) => void toast.success(t(updated.disabled ? 'admin.disabledDone' : 'admin.enabledDone', { name: updated.name })),
        onError: (error) => void toast.error(translateError(error)),
      },
    );

  let body;
  if (users.isPending) body = <Skeleton active />;
  else if (users.isError) body = <Alert type="error" showIcon title={translateError(users.error)} />;
  else if (!users.data.length) body = <Empty description={t('admin.empty')} />;
  else
    body = (
      <div data-testid="admin-users">
        {users.data.map((user) => (
          <div key={user.id} className="user-row" data-testid="admin-user-row">
            <div className="user-row-main">
              <div className="user-row-name">
                {user.name} {user.id === currentUserId && <Tag color="blue">{t('admin.self')}</Tag>}
              </div>
              <div className="user-row-meta">
                <span>{user.mobile}</span>
                {user.roles.map((role) => (
                  <Tag key={role}>{t(`common:roles.${role}`)}</Tag>
                ))}
                <Tag color={user.disabled ? 'red' : 'green'}>{user.disabled ? t('admin.disabled') : t('admin.active')}</Tag>
                <span>{t('admin.registeredAt', { date: dayjs(user.createdAt).format('YYYY-MM-DD') })}</span>
              </div>
            </div>
            {user.id !== currentUserId &&
              (user.disabled ? (
                <Button size="small" onClick={() => toggle(user)} loading={setDisabled.isPending && setDisabled.variables?.userId === user.id} data-testid="admin-user-enable">
                  {t('admin.enable')}
                </Button>
              ) : (
                <Popconfirm
                  title={t('admin.disableConfirm', { name: user.name })}
                  onConfirm={() => toggle(user)}
                  okButtonProps={{ danger: true }}
                  okText={t('admin.disable')}
                  cancelText={t('common:cancel')}
                >
                  <Button size="small" danger loading={setDisabled.isPending && setDisabled.variables?.userId === user.id} data-testid="admin-user-disable">
                    {t('admin.disable')}
                  </Button>
                </Popconfirm>
              ))}
          </div>
        ))}
      </div>
    );

  return (
    <RoleSection section="admin" title={t('admin.title')}>
      {toastHolder}
      {body}
    </RoleSection>
  );
}
