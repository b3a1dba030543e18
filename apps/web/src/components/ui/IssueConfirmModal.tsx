import { Alert, Button, Modal } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface IssueConfirmModalProps {
  open: boolean;
  title: string;
  /** What will be issued, as the recipients will read it. */
  children: ReactNode;
  /** The consequence, e.g. "takes effect at once and cannot be withdrawn". */
  warning?: string;
  okLabel: string;
  pending?: boolean;
  danger?: boolean;
  onOk: () => void;
  onCancel: () => void;
  /** `${testId}` on the body, `${testId}-ok` and `${testId}-back` on the buttons. */
  testId: string;
}

/**
 * Issue #11 "One click issues a court ruling": a step that issues something binding (a ruling,
 * a rejection, the end of mediation, a signature) shows a preview of what will be issued and
 * sends the request only from this dialog's own button.
 */
export function IssueConfirmModal({ open, title, children, warning, okLabel, pending, danger, onOk, onCancel, testId }: IssueConfirmModalProps) {
  const { t } = useTranslation('common');
  return (
    <Modal open={open} title={title} onCancel={onCancel} footer={null} destroyOnHidden width={560} zIndex={1100}>
      <div data-testid={testId} className="issue-preview">
        {children}
        {warning && <Alert type="warning" showIcon title={warning} className="issue-preview-warning" />}
        <div className="button-row">
          <Button onClick={onCancel} disabled={pending} data-testid={`${testId}-back`}>
            {t('issue.back')}
          </Button>
          <Button type="primary" danger={danger} loading={pending} onClick={onOk} data-testid={`${testId}-ok`}>
            {okLabel}
          </Button>
        </div>
      </div>
    </Modal>
  );
}
