import { Alert, Button, Form, Input, Select, Table, Modal } from 'antd';
import type { AdminCourt, CourtLevel, SaveCourtRequest } from '@tiaojie/contracts';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../../components/ui/FormError';
import { PageHeading } from '../../../components/ui/PageHeading';
import { applyApiErrorToForm, translateError } from '../../../lib/form-errors';
import { useCourts, useSaveCourt } from '../hooks/useAdmin';

const LEVELS: CourtLevel[] = ['basic', 'intermediate', 'high'];

function CourtForm({ editing, open, onClose }: { editing: AdminCourt | null; open: boolean; onClose: () => void }) {
  const { t } = useTranslation('admin');
  const [form] = Form.useForm<SaveCourtRequest>();
  const [formError, setFormError] = useState<string | null>(null);
  const save = useSaveCourt();
  const labels = { name: t('court.name'), region: t('court.region'), level: t('court.level') };
  useEffect(() => {
    if (!open) return;
    setFormError(null);
    form.resetFields();
    form.setFieldsValue(editing ? { name: editing.name, region: editing.region, level: editing.level } : { name: '', region: '', level: 'basic' });
  }, [open, editing, form]);
  const submit = (values: SaveCourtRequest) =>
    save.mutate({ id: editing?.id ?? null, body: values }, { onSuccess: onClose, onError: (error) => setFormError(applyApiErrorToForm(form, error, { labels })) });

  return (
    <Modal open={open} onCancel={onClose} title={editing ? t('court.edit') : t('court.new')} width={480} footer={null} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={submit} data-testid="court-form">
        <Form.Item name="name" label={labels.name} rules={[{ required: true, whitespace: true, message: t('validation:required', { field: labels.name }) }]}>
          <Input maxLength={100} data-testid="court-name" />
        </Form.Item>
        <Form.Item name="region" label={labels.region} extra={t('org.regionHelp')}>
          <Input maxLength={6} inputMode="numeric" data-testid="court-region" />
        </Form.Item>
        <Form.Item name="level" label={labels.level}>
          <Select options={LEVELS.map((v) => ({ value: v, label: t(`court.levels.${v}`) }))} data-testid="court-level" />
        </Form.Item>
        <FormError message={formError} />
        <Button onClick={onClose}>{t('common.cancel')}</Button>{' '}
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="court-save">
          {t('common.save')}
        </Button>
      </Form>
    </Modal>
  );
}

/** `/admin/courts`: the courts organisations are affiliated to and cases go to (issue #13). */
export default function CourtsPage() {
  const { t } = useTranslation('admin');
  const list = useCourts();
  const [editing, setEditing] = useState<AdminCourt | null>(null);
  const [open, setOpen] = useState(false);
  const edit = (c: AdminCourt | null) => {
    setEditing(c);
    setOpen(true);
  };
  return (
    <div className="page" data-testid="admin-courts">
      <PageHeading
        extra={
          <Button type="primary" onClick={() => edit(null)} data-testid="court-new">
            {t('court.new')}
          </Button>
        }
      >
        {t('court.title')}
      </PageHeading>
      {list.isError && <Alert type="error" showIcon title={translateError(list.error)} />}
      <div className="admin-table">
        <Table<AdminCourt>
          rowKey="id"
          loading={list.isPending}
          dataSource={list.data ?? []}
          pagination={false}
          columns={[
            { title: t('court.name'), dataIndex: 'name' },
            { title: t('court.region'), dataIndex: 'region' },
            { title: t('court.level'), render: (_, c) => t(`court.levels.${c.level}`), responsive: ['md'] },
            {
              title: t('common.actions'),
              render: (_, c) => (
                <Button size="small" onClick={() => edit(c)}>
                  {t('common.edit')}
                </Button>
              ),
            },
          ]}
        />
      </div>
      <CourtForm editing={editing} open={open} onClose={() => setOpen(false)} />
    </div>
  );
}
