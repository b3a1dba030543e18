import { RECIPIENT_ROLES, type RecipientRole } from '@tiaojie/contracts';
import { Alert, Select, Table, Tag } from 'antd';
import type { SmsLength, TemplatePreview } from '@tiaojie/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../../components/ui/PageHeading';
import { translateError } from '../../../lib/form-errors';
import { useTemplates } from '../hooks/useAdmin';

function Rendered({ title, text, sms }: { title: string; text: string; sms: SmsLength }) {
  const { t } = useTranslation('admin');
  return (
    <div className="admin-preview">
      <strong>{title}</strong>
      <div>{text}</div>
      <Tag color={sms.segments > 1 ? 'orange' : 'blue'}>{t('templates.sms', { ...sms })}</Tag>
    </div>
  );
}

/** `/admin/templates`: every notice, previewed in both languages with sample data, its SMS length and the R19 check (issue #13). */
export default function TemplatesPage() {
  const { t } = useTranslation('admin');
  const [role, setRole] = useState<RecipientRole>('applicant');
  const list = useTemplates(role);
  return (
    <div className="page" data-testid="admin-templates">
      <PageHeading>{t('templates.title')}</PageHeading>
      <p className="muted">{t('templates.intro')}</p>
      <div className="admin-toolbar">
        <span>{t('templates.role')}</span>
        <Select value={role} onChange={setRole} style={{ width: 160 }} options={RECIPIENT_ROLES.map((r) => ({ value: r, label: t(`templates.roles.${r}`) }))} data-testid="templates-role" />
      </div>
      {list.isError && <Alert type="error" showIcon title={translateError(list.error)} />}
      <div className="admin-table">
        <Table<TemplatePreview>
          rowKey="key"
          loading={list.isFetching}
          dataSource={list.data ?? []}
          pagination={{ pageSize: 20 }}
          size="small"
          columns={[
            {
              title: t('templates.key'),
              render: (_, p) => (
                <>
                  <code>{p.key}</code>
                  {p.deadline && <Tag color="purple">{t('templates.deadline')}</Tag>}
                  <div>{p.privacyFlags.length ? <Tag color="red">{t('templates.privacy', { fields: p.privacyFlags.join(', ') })}</Tag> : <Tag color="green">{t('templates.privacyOk')}</Tag>}</div>
                </>
              ),
              width: 220,
            },
            { title: t('templates.zh'), render: (_, p) => <Rendered title={p.title['zh-CN']} text={p.text['zh-CN']} sms={p.sms['zh-CN']} /> },
            { title: t('templates.en'), render: (_, p) => <Rendered title={p.title.en} text={p.text.en} sms={p.sms.en} /> },
          ]}
        />
      </div>
    </div>
  );
}
