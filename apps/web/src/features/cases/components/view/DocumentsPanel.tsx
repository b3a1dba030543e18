import { Tag } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '@tiaojie/contracts';
import { Panel } from '../../../../components/ui/Panel';
import { formatSize } from '../../format';

/** The case's documents the viewer may see, each behind its authorised download URL. */
export function DocumentsPanel({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation('casePage');
  return (
    <Panel title={t('sections.documents')} testId="case-documents">
      {detail.documents.length === 0 ? (
        <p className="text-secondary empty-line">{t('documents.none')}</p>
      ) : (
        <ul className="item-list">
          {detail.documents.map((document) => (
            <li key={document.id} className="item document-item" data-testid="document">
              <Tag>{t(`documents.kinds.${document.kind}`)}</Tag>
              <a href={document.downloadUrl} download={document.fileName} className="document-link" data-testid="document-download">
                <DownloadOutlined /> {document.fileName}
              </a>
              <span className="text-secondary document-meta">
                {formatSize(document.sizeBytes)} · {dayjs(document.createdAt).format('MM-DD HH:mm')}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
