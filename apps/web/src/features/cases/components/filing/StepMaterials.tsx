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
        {caseId ? (
          <DocumentUploader
            caseId={caseId}
            kind="id_card"
            label={t('materials.idCard')}
            hint={t('materials.idCardHint')}
            required
            documents={ofKind('id_card')}
            onUploaded={onUploaded}
            onRemoved={onRemoved}
            testId="upload-id-card"
          />
        ) : (
          <span />
        )}
      </Form.Item>
      {caseId && (
        <>
          <div className="form-item-like">
            <DocumentUploader
              caseId={caseId}
              kind="evidence"
              label={t('materials.evidence')}
              hint={t('materials.evidenceHint')}
              documents={ofKind('evidence')}
              onUploaded={onUploaded}
              onRemoved={onRemoved}
              testId="upload-evidence"
            />
          </div>
          <div className="form-item-like">
            <DocumentUploader
              caseId={caseId}
              kind="power_of_attorney"
              label={t('materials.powerOfAttorney')}
              hint={t('materials.powerOfAttorneyHint')}
              documents={ofKind('power_of_attorney')}
              onUploaded={onUploaded}
              onRemoved={onRemoved}
              testId="upload-power-of-attorney"
            />
          </div>
        </>
      )}
    </>
  );
}
