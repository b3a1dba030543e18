import { Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { UPLOAD_LIMITS, type DocumentView } from '@tiaojie/contracts';
import { DocumentUploader } from '../DocumentUploader';

interface StepMaterialsProps {
  caseId: string | null;
  documents: DocumentView[];
  onUploaded: (document: DocumentView) => void;
  onRemoved: (document: DocumentView) => void;
}

const MB = 1024 * 1024;

/** Uploads: the applicant's ID card (required, R03), evidence, a power of attorney. */
export function StepMaterials({ caseId, documents, onUploaded, onRemoved }: StepMaterialsProps) {
  const { t } = useTranslation(['filing', 'validation']);
  const ofKind = (kind: DocumentView['kind']) => documents.filter((document) => document.kind === kind);
  /** The uploader of one kind of document; its label and hint are `materials.<key>` and `materials.<key>Hint`. */
  const uploader = (caseId: string, kind: DocumentView['kind'], key: string, testId: string, required?: boolean) => (
    <DocumentUploader
      caseId={caseId}
      kind={kind}
      label={t(`materials.${key}`)}
      hint={t(`materials.${key}Hint`)}
      required={required}
      documents={ofKind(kind)}
      onUploaded={onUploaded}
      onRemoved={onRemoved}
      testId={testId}
    />
  );

  return (
    <>
      <p className="text-secondary step-hint">{t('materials.limits', { image: UPLOAD_LIMITS.imageMaxBytes / MB, max: UPLOAD_LIMITS.maxBytes / MB })}</p>
      <Form.Item
        name="idCard"
        rules={[
          {
            validator: async (_rule, value?: number) => {
              if (!value && ofKind('id_card').length === 0) throw new Error(t('validation:idCardRequired'));
            },
          },
        ]}
      >
        {caseId ? uploader(caseId, 'id_card', 'idCard', 'upload-id-card', true) : <span />}
      </Form.Item>
      {caseId && (
        <>
          <div className="form-item-like">{uploader(caseId, 'evidence', 'evidence', 'upload-evidence')}</div>
          <div className="form-item-like">{uploader(caseId, 'power_of_attorney', 'powerOfAttorney', 'upload-power-of-attorney')}</div>
        </>
      )}
    </>
  );
}
