import { useState } from 'react';
import { Button, Descriptions, Form, Input, Tag, message } from 'antd';
import { useTranslation } from 'react-i18next';
import { LIMITS, type UserProfile } from '@tiaojie/contracts';
import { FormError } from '../../../components/ui/FormError';
import { Panel } from '../../../components/ui/Panel';
import { applyApiErrorToForm } from '../../../lib/form-errors';
import { idNumberRules, maxLengthRule, requiredRule } from '../../../lib/form-rules';
import { useSaveRealName } from '../hooks/useProfileMutations';

interface RealNameValues {
  realName: string;
  idNumber: string;
}

export function RealNameCard({ user }: { user: UserProfile }) {
  const { t } = useTranslation(['profile', 'validation']);
  const [toast, toastHolder] = message.useMessage();
  const [form] = Form.useForm<RealNameValues>();
  const [formError, setFormError] = useState<string | null>(null);
  const [editing, setEditing] = useState(!user.realName);
  const save = useSaveRealName();

  const labels = { realName: t('realName.realName'), idNumber: t('realName.idNumber') };

  const onFinish = (values: RealNameValues) => {
    setFormError(null);
    save.mutate(
      { realName: values.realName.trim(), idNumber: values.idNumber.trim().toUpperCase() },
      {
        onSuccess: () => {
          // The full ID number is not kept in the page once the server has it.
          form.resetFields();
          setEditing(false);
          void toast.success(t('realName.saved'));
        },
        onError: (error) => setFormError(applyApiErrorToForm(form, error, { labels })),
      },
    );
  };

  return (
    <Panel title={t('realName.title')} testId="profile-real-name">
      {toastHolder}
      <p className="text-secondary card-intro">{t('realName.intro')}</p>
      {user.realName && (
        <Descriptions
          column={1}
          size="small"
          data-testid="real-name-recorded"
          items={[
            { key: 'name', label: labels.realName, children: user.realName },
            {
              key: 'id',
              label: labels.idNumber,
              children: <span data-testid="id-number-masked">{user.idNumberMasked}</span>,
            },
            {
              key: 'status',
              label: t('realName.status'),
              children: user.realNameRecordedAt ? <Tag color="green">{t('realName.verified')}</Tag> : <Tag>{t('realName.unverified')}</Tag>,
            },
          ]}
        />
      )}
      {editing ? (
        <Form form={form} layout="vertical" requiredMark={false} onFinish={onFinish} autoComplete="off">
          <FormError message={formError} />
          <Form.Item name="realName" label={labels.realName} rules={[requiredRule(labels.realName), maxLengthRule(labels.realName, LIMITS.nameMax)]}>
            <Input maxLength={LIMITS.nameMax} data-testid="real-name-input" />
          </Form.Item>
          <Form.Item name="idNumber" label={labels.idNumber} rules={idNumberRules(labels.idNumber)}>
            <Input maxLength={18} autoComplete="off" placeholder={t('realName.idNumberPlaceholder')} data-testid="id-number-input" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="real-name-save">
            {t('realName.submit')}
          </Button>
        </Form>
      ) : (
        <Button className="real-name-edit" onClick={() => setEditing(true)} data-testid="real-name-edit">
          {t('realName.update')}
        </Button>
      )}
    </Panel>
  );
}
