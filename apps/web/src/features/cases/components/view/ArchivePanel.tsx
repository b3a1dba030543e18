import { useState } from 'react';
import { Alert, Button } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '@tiaojie/contracts';
import { Panel } from '../../../../components/ui/Panel';
import { caseSteps } from '../../api/cases-api';
import type { useCaseStep } from '../../hooks/useCaseStep';

/**
 * R27: the staff's "close and archive" once the case reached a final state (the API lists
 * `close` in the actions), and, once closed, the archived case file for the staff.
 */
export function ArchivePanel({ detail, step }: { detail: CaseDetail; step: ReturnType<typeof useCaseStep> }) {
  const { t } = useTranslation('casePage');
  const [confirming, setConfirming] = useState(false);
  const archive = detail.archive;
  if (!archive && !detail.actions.includes('close')) return null;
  return (
    <Panel title={t('archive.title')} testId="case-archive">
      {archive ? (
        <>
          <Alert type="info" showIcon title={t('archive.closed')} description={t('archive.closedAt', { date: dayjs(archive.archivedAt).format('YYYY-MM-DD HH:mm') })} data-testid="case-archived" />
          {archive.pdfUrl && (
            <a href={archive.pdfUrl} download className="document-link" data-testid="case-archive-pdf">
              {t('archive.download')}
            </a>
          )}
        </>
      ) : confirming ? (
        <div className="stack">
          <p>{t('archive.closeConfirm')}</p>
          <div className="button-row">
            <Button onClick={() => setConfirming(false)}>{t('archive.cancel')}</Button>
            <Button
              type="primary"
              danger
              loading={step.pending}
              onClick={() => step.run({ run: () => caseSteps.close(detail.id, { version: detail.version }), success: t('archive.done'), onDone: () => setConfirming(false) })}
              data-testid="case-close-confirm"
            >
              {t('archive.close')}
            </Button>
          </div>
        </div>
      ) : (
        <Button block onClick={() => setConfirming(true)} data-testid="case-close">
          {t('archive.close')}
        </Button>
      )}
    </Panel>
  );
}
