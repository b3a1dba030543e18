import { Alert, Button, Table, Tag } from 'antd';
import type { AdminOrganisation } from '@tiaojie/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../../components/ui/PageHeading';
import { translateError } from '../../../lib/form-errors';
import '../../../locales/case';
import { useOrganisations } from '../hooks/useAdmin';
import { OrganisationForm } from './OrganisationForm';

/** `/admin/organisations`: every organisation, with its profile editable (issue #13). */
export default function OrganisationsPage() {
  const { t } = useTranslation('admin');
  const list = useOrganisations();
  const [editing, setEditing] = useState<AdminOrganisation | null>(null);
  const [open, setOpen] = useState(false);
  const edit = (o: AdminOrganisation | null) => {
    setEditing(o);
    setOpen(true);
  };

  return (
    <div className="page" data-testid="admin-organisations">
      <PageHeading
        extra={
          <Button type="primary" onClick={() => edit(null)} data-testid="org-new">
            {t('org.new')}
          </Button>
        }
      >
        {t('org.title')}
      </PageHeading>
      {list.isError && <Alert type="error" showIcon title={translateError(list.error)} />}
      <div className="admin-table">
        <Table<AdminOrganisation>
          rowKey="id"
          loading={list.isPending}
          dataSource={list.data ?? []}
          pagination={false}
          size="middle"
          columns={[
            {
              title: t('org.name'),
              render: (_, o) => (
                <>
                  <div>{o.name}</div>
                  {o.nameEn && <div className="muted">{o.nameEn}</div>}
                </>
              ),
            },
            { title: t('org.type'), render: (_, o) => t(`common:organisationTypes.${o.type}`), responsive: ['md'] },
            { title: t('org.region'), dataIndex: 'region', responsive: ['lg'] },
            { title: t('org.disputeTypes'), render: (_, o) => o.disputeTypes.map((d) => <Tag key={d}>{t(`case:disputeTypes.${d}`)}</Tag>), responsive: ['lg'] },
            { title: t('org.court'), render: (_, o) => o.courtName ?? t('org.noCourt'), responsive: ['md'] },
            { title: t('org.bureau'), render: (_, o) => o.bureauName ?? '—', responsive: ['lg'] },
            { title: t('org.chargesFees'), render: (_, o) => (o.chargesFees ? <Tag color="orange">{t('org.chargesFees')}</Tag> : <Tag color="green">{t('org.free')}</Tag>) },
            {
              title: t('common.actions'),
              render: (_, o) => (
                <Button size="small" onClick={() => edit(o)} data-testid={`org-edit-${o.name}`}>
                  {t('common.edit')}
                </Button>
              ),
            },
          ]}
        />
      </div>
      <OrganisationForm editing={editing} open={open} onClose={() => setOpen(false)} />
    </div>
  );
}
