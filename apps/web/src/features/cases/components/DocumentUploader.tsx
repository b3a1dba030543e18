import { useRef, useState } from 'react';
import { Button } from 'antd';
import { CheckCircleFilled, DeleteOutlined, FilePdfOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { UPLOAD_LIMITS, UPLOAD_MIME_TYPES, type DocumentKind, type DocumentView } from '@tiaojie/contracts';
import { describeApiError } from '../../../lib/form-errors';
import { deleteDocument, uploadDocument } from '../api/cases-api';
import { formatSize } from '../format';

const MB = 1024 * 1024;

/** Checked before sending (the server checks the bytes again): size, and the type the browser reports. */
export function checkFile(file: File, kind: DocumentKind, t: (key: string, options?: Record<string, unknown>) => string): string | null {
  const limits = { name: file.name, image: UPLOAD_LIMITS.imageMaxBytes / MB, max: UPLOAD_LIMITS.maxBytes / MB };
  if (file.size === 0) return t('validation:notEmpty');
  if (file.size > UPLOAD_LIMITS.maxBytes || (file.type.startsWith('image/') && file.size > UPLOAD_LIMITS.imageMaxBytes)) {
    return t('materials.tooBig', limits);
  }
  // An empty type (some phones' HEIC or AMR files) is left for the server to recognise.
  if (file.type && !(UPLOAD_MIME_TYPES as readonly string[]).includes(file.type)) return t('materials.badType', limits);
  if (kind === 'id_card' && file.type && !file.type.startsWith('image/') && file.type !== 'application/pdf') {
    return t('materials.idCardType');
  }
  return null;
}

interface Upload {
  key: string;
  name: string;
  percent: number;
  error: string | null;
}

interface DocumentUploaderProps {
  caseId: string;
  kind: DocumentKind;
  label: string;
  hint: string;
  required?: boolean;
  documents: DocumentView[];
  onUploaded: (document: DocumentView) => void;
  /** After the server removed it (the form uploads at once, so removing is a DELETE). */
  onRemoved?: (document: DocumentView) => void;
  testId: string;
  /** As an antd Form control, the field's value is the number of uploaded documents. */
  onChange?: (count: number) => void;
  value?: number;
  id?: string;
}

/** Uploads files of one kind with progress; lists what is already on the case. */
export function DocumentUploader({ caseId, kind, label, hint, required, documents, onUploaded, onRemoved, testId, onChange, id }: DocumentUploaderProps) {
  const { t } = useTranslation(['filing', 'validation']);
  const input = useRef<HTMLInputElement>(null);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const count = useRef(documents.length);
  count.current = Math.max(count.current, documents.length);

  const [removing, setRemoving] = useState<string | null>(null);
  const [removeError, setRemoveError] = useState<string | null>(null);

  const remove = (document: DocumentView) => {
    setRemoving(document.id);
    setRemoveError(null);
    deleteDocument(caseId, document.id)
      .then(() => {
        count.current = Math.max(0, count.current - 1);
        onRemoved?.(document);
        onChange?.(count.current);
      })
      .catch((error: unknown) => setRemoveError(describeApiError(error)))
      .finally(() => setRemoving(null));
  };

  const update = (key: string, change: Partial<Upload>) => setUploads((list) => list.map((upload) => (upload.key === key ? { ...upload, ...change } : upload)));

  const start = (file: File) => {
    const key = `${file.name}-${file.size}-${Date.now()}-${Math.random()}`;
    const problem = checkFile(file, kind, t);
    setUploads((list) => [...list.filter((upload) => !upload.error), { key, name: file.name, percent: 0, error: problem }]);
    if (problem) return;
    uploadDocument(caseId, file, kind, (percent) => update(key, { percent }))
      .then((document) => {
        setUploads((list) => list.filter((upload) => upload.key !== key));
        count.current += 1;
        onUploaded(document);
        onChange?.(count.current);
      })
      .catch((error: unknown) => update(key, { error: describeApiError(error) }));
  };

  return (
    <div className="uploader" data-testid={testId} id={id}>
      <div className="uploader-head">
        <div>
          <div className="uploader-label">
            {label}
            {required && (
              <span className="required-mark" aria-hidden>
                {' '}
                *
              </span>
            )}
          </div>
          <div className="text-secondary uploader-hint">{hint}</div>
        </div>
        <Button icon={<UploadOutlined />} onClick={() => input.current?.click()} data-testid={`${testId}-choose`}>
          {t('materials.choose')}
        </Button>
        <input
          ref={input}
          type="file"
          className="visually-hidden"
          tabIndex={-1}
          multiple={kind !== 'id_card'}
          accept={kind === 'id_card' ? 'image/*,application/pdf' : UPLOAD_MIME_TYPES.join(',')}
          onChange={(event) => {
            for (const file of Array.from(event.target.files ?? [])) start(file);
            event.target.value = '';
          }}
          data-testid={`${testId}-input`}
        />
      </div>
      {removeError && (
        <div className="file-error" role="alert" data-testid={`${testId}-remove-error`}>
          {removeError}
        </div>
      )}
      {(documents.length > 0 || uploads.length > 0) && (
        <ul className="file-list">
          {documents.map((document) => (
            <li key={document.id} className="file-item" data-testid={`${testId}-file`}>
              {document.mimeType.startsWith('image/') ? (
                <img className="file-thumb" src={document.downloadUrl} alt={document.fileName} loading="lazy" data-testid={`${testId}-thumb`} />
              ) : document.mimeType === 'application/pdf' ? (
                <FilePdfOutlined className="file-thumb-icon" aria-hidden />
              ) : (
                <CheckCircleFilled className="file-ok" aria-label={t('materials.uploaded')} />
              )}
              <a className="file-name" href={document.downloadUrl} target="_blank" rel="noopener noreferrer" data-testid={`${testId}-open`} title={t('materials.open', { name: document.fileName })}>
                {document.fileName}
              </a>
              <span className="text-secondary">{formatSize(document.sizeBytes)}</span>
              {onRemoved && (
                <Button
                  type="text"
                  size="small"
                  danger
                  icon={<DeleteOutlined />}
                  loading={removing === document.id}
                  disabled={removing !== null}
                  onClick={() => remove(document)}
                  aria-label={t('materials.remove', { name: document.fileName })}
                  data-testid={`${testId}-remove`}
                />
              )}
            </li>
          ))}
          {uploads.map((upload) => (
            <li key={upload.key} className="file-item file-item-pending" data-testid={`${testId}-pending`}>
              <PaperClipOutlined />
              <div className="file-progress">
                <span className="file-name">{upload.name}</span>
                {upload.error ? (
                  <span className="file-error" role="alert" data-testid={`${testId}-error`}>
                    {upload.error}
                  </span>
                ) : (
                  <span className="upload-progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={upload.percent} aria-label={t('materials.uploading')}>
                    <span className="upload-progress-track">
                      <span className="upload-progress-bar" style={{ width: `${upload.percent}%` }} />
                    </span>
                    <span className="upload-progress-text">{upload.percent}%</span>
                  </span>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
