import { Alert, Button, Checkbox, Descriptions, Input, Table, Tag, message, Modal } from 'antd';
import type { AdminAccountRow } from '@tiaojie/contracts';
import { ROLES, type Role } from '@tiaojie/domain';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IssueConfirmModal } from '../../../components/ui/IssueConfirmModal';
import { PageHeading } from '../../../components/ui/PageHeading';
import { describeApiError, translateError } from '../../../lib/form-errors';
import { useSession } from '../../../lib/session';
import { useAccount, useAccounts, useSetAccountDisabled, useSetAccountRoles } from '../hooks/useAdmin';

/** One account: roles (every role of the domain, so a new one shows up by itself), memberships, disable or enable. */
function AccountDialog({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation('admin');
  const { user } = useSession();
  const [toast, toastHolder] = message.useMessage();
  const account = useAccount(id);
  const setRoles = useSetAccountRoles();
  const setDisabled = useSetAccountDisabled();
  const [roles, setRolesDraft] = useState<Role[]>([]);
  const [confirm, setConfirm] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setRolesDraft(account.data?.roles ?? []);
    setError(null);
  }, [account.data]);
  const a = account.data;
  const fail = (e: unknown) => setError(describeApiError(e));

  return (
    <Modal open={!!id} onCancel={onClose} title={t('accounts.detail')} width={520} footer={null} destroyOnHidden>
      {toastHolder}
      {account.isError && <Alert type="error" showIcon title={translateError(account.error)} />}
      {a && (
        <div data-testid="account-detail">
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('accounts.name')}>{a.name}</Descriptions.Item>
            <Descriptions.Item label={t('accounts.mobile')}>{a.mobileMasked}</Descriptions.Item>
            <Descriptions.Item label={t('accounts.status')}>
              {a.disabled ? <Tag color="red">{t('accounts.disabled')}</Tag> : <Tag color="green">{t('accounts.enabled')}</Tag>}
              {a.disabledReason && <span className="muted"> {a.disabledReason}</span>}
            </Descriptions.Item>
            <Descriptions.Item label={t('accounts.memberships')}>
              {a.memberships.length
                ? a.memberships.map((m) => <div key={`${m.id}-${m.role}`}>{`${m.name} · ${t(`common:roles.${m.role}`, { defaultValue: m.role })}`}</div>)
                : t('accounts.noMemberships')}
            </Descriptions.Item>
          </Descriptions>
          <h3>{t('accounts.roles')}</h3>
          <Checkbox.Group
            value={roles}
            onChange={(v) => setRolesDraft(v as Role[])}
            options={ROLES.map((r) => ({ value: r, label: t(`common:roles.${r}`, { defaultValue: r }) }))}
            data-testid="account-roles"
          />
          <div style={{ marginTop: 12 }}>
            <Button
              onClick={() => setRoles.mutate({ id: a.id, roles }, { onSuccess: () => void toast.success(t('accounts.rolesSaved')), onError: fail })}
              loading={setRoles.isPending}
              data-testid="account-save-roles"
            >
              {t('accounts.saveRoles')}
            </Button>{' '}
            {a.disabled ? (
              <Button onClick={() => setDisabled.mutate({ id: a.id, disabled: false }, { onSuccess: () => void toast.success(t('accounts.enabledDone')), onError: fail })} data-testid="account-enable">
                {t('accounts.enable')}
              </Button>
            ) : (
              <Button danger disabled={a.id === user?.id} onClick={() => setConfirm(true)} data-testid="account-disable">
                {t('accounts.disable')}
              </Button>
            )}
          </div>
          {error && <Alert style={{ marginTop: 12 }} type="error" showIcon title={error} data-testid="account-error" />}
          <IssueConfirmModal
            open={confirm}
            title={t('accounts.disableTitle', { name: a.name })}
            warning={t('accounts.disableWarning')}
            okLabel={t('accounts.disable')}
            danger
            pending={setDisabled.isPending}
            onCancel={() => setConfirm(false)}
            onOk={() =>
              setDisabled.mutate(
                { id: a.id, disabled: true, reason: reason.trim() || undefined },
                {
                  onSuccess: () => {
                    setConfirm(false);
                    setReason('');
                    void toast.success(t('accounts.disabledDone'));
                  },
                  onError: (e) => {
                    setConfirm(false);
                    fail(e);
                  },
                },
              )
            }
            testId="account-disable-confirm"
          >
            <Input maxLength={200} placeholder={t('accounts.reason')} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="account-disable-reason" />
          </IssueConfirmModal>
        </div>
      )}
    </Modal>
  );
}

/** `/admin/accounts`: find accounts by name or mobile (masked in the list, R19), open one to change it (issue #13). */
export default function AccountsPage() {
  const { t } = useTranslation('admin');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<string | null>(null);
  const list = useAccounts(q, page);
  return (
    <div className="page" data-testid="admin-accounts">
      <PageHeading>{t('accounts.title')}</PageHeading>
      <div className="admin-toolbar">
        <Input.Search
          allowClear
          placeholder={t('accounts.search')}
          enterButton={t('common.search')}
          style={{ maxWidth: 360 }}
          onSearch={(v) => {
            setQ(v.trim());
            setPage(1);
          }}
          data-testid="accounts-search"
        />
      </div>
      {list.isError && <Alert type="error" showIcon title={translateError(list.error)} />}
      <div className="admin-table">
        <Table<AdminAccountRow>
          rowKey="id"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showTotal: (count) => t('common.total', { count }) }}
          columns={[
            { title: t('accounts.name'), render: (_, r) => <span data-testid={`account-row-${r.mobileMasked}`}>{r.name}</span> },
            { title: t('accounts.mobile'), dataIndex: 'mobileMasked' },
            { title: t('accounts.roles'), render: (_, r) => r.roles.map((role) => <Tag key={role}>{t(`common:roles.${role}`, { defaultValue: role })}</Tag>), responsive: ['md'] },
            { title: t('accounts.status'), render: (_, r) => (r.disabled ? <Tag color="red">{t('accounts.disabled')}</Tag> : <Tag color="green">{t('accounts.enabled')}</Tag>) },
            { title: t('accounts.createdAt'), render: (_, r) => dayjs(r.createdAt).format('YYYY-MM-DD'), responsive: ['lg'] },
          ]}
        />
      </div>
      <AccountDialog id={open} onClose={() => setOpen(null)} />
    </div>
  );
}
