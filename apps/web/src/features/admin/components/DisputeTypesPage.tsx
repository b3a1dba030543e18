import { Alert, Button, Descriptions, Tag, message } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../../components/ui/PageHeading';
import { Panel } from '../../../components/ui/Panel';
import { translateError } from '../../../lib/form-errors';
import '../../../locales/case';
import '../../../locales/consult';
import { useDisputeTypes } from '../hooks/useAdmin';
import { AgreementTemplateForm } from './AgreementTemplateForm';

/** `/admin/dispute-types`: each type's consultation questionnaire and agreement template (R25), the template worded by the admin (issue #13). */
export default function DisputeTypesPage() {
  const { t } = useTranslation('admin');
  const list = useDisputeTypes();
  const [editing, setEditing] = useState<string | null>(null);
  const [toast, toastHolder] = message.useMessage();
  return (
    <div className="page" data-testid="admin-dispute-types">
      {toastHolder}
      <PageHeading>{t('disputeTypes.title')}</PageHeading>
      <p className="muted">{t('disputeTypes.intro')}</p>
      {list.isError && <Alert type="error" showIcon title={translateError(list.error)} />}
      {(list.data ?? []).map((d) => (
        <Panel
          key={d.disputeType}
          title={t(`case:disputeTypes.${d.disputeType}`)}
          testId={`dispute-type-${d.disputeType}`}
          extra={
            <span>
              <Tag color={d.templateEdited ? 'orange' : undefined}>{d.templateEdited ? t('disputeTypes.edited') : t('disputeTypes.coded')}</Tag>
              {editing !== d.disputeType && (
                <Button size="small" onClick={() => setEditing(d.disputeType)} data-testid={`template-edit-${d.disputeType}`}>
                  {t('disputeTypes.edit')}
                </Button>
              )}
            </span>
          }
        >
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('disputeTypes.questions')}>
              <ol>
                {d.questions.map((q) => (
                  <li key={q.id}>
                    {t(`consult:questions.${q.id}`, { defaultValue: q.id })} <Tag>{q.kind}</Tag>
                    {q.onlyIf && <span className="muted">{t('disputeTypes.onlyIf', { id: t(`consult:questions.${q.onlyIf}`, { defaultValue: q.onlyIf }) })}</span>}
                  </li>
                ))}
              </ol>
            </Descriptions.Item>
            <Descriptions.Item label={t('disputeTypes.organisationTypes')}>
              {d.organisationTypes.map((o) => (
                <Tag key={o}>{t(`common:organisationTypes.${o}`)}</Tag>
              ))}
            </Descriptions.Item>
          </Descriptions>
          <h3>{t('disputeTypes.template')}</h3>
          {editing === d.disputeType ? (
            <AgreementTemplateForm
              type={d}
              onDone={(notice) => {
                setEditing(null);
                if (notice) void toast.success(notice);
              }}
            />
          ) : (
            <Descriptions column={1} size="small" bordered data-testid={`template-${d.disputeType}`}>
              <Descriptions.Item label={t('disputeTypes.disputedMatters')}>{d.agreementTemplate.disputedMatters}</Descriptions.Item>
              <Descriptions.Item label={t('disputeTypes.responsibilities')}>{d.agreementTemplate.responsibilities}</Descriptions.Item>
              <Descriptions.Item label={t('disputeTypes.otherTerms')}>{d.agreementTemplate.otherTerms}</Descriptions.Item>
            </Descriptions>
          )}
        </Panel>
      ))}
    </div>
  );
}
