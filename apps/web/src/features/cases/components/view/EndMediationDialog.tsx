import { useId, useState } from 'react';
import { Alert, Button, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '@tiaojie/contracts';
import { PARTY_WITHDRAWAL_REASONS, type PartyWithdrawalReason } from '@tiaojie/domain';
import { caseSteps } from '../../api/cases-api';
import type { useCaseStep } from '../../hooks/useCaseStep';

type CaseStep = ReturnType<typeof useCaseStep>;

/**
 * The dialog of EndMediation, loaded when the party opens it (the case page's first load stays
 * light). R01 (PML 23): a party ends mediation itself, at any time — a coded reason and a note (required
 * for "other"), then a confirmation, since the case ends and this cannot be undone.
 */
export default function EndMediationDialog({ detail, step, onClose }: { detail: CaseDetail; step: CaseStep; onClose: () => void }) {
  const { t } = useTranslation('casePage');
  const id = useId();
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState<PartyWithdrawalReason | null>(null);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    setConfirming(false);
    setError(null);
    onClose();
  };
  const next = () => {
    if (!reason) return setError(t('actions.reasonRequired'));
    if (reason === 'other' && !note.trim()) return setError(t('actions.noteRequired'));
    setError(null);
    setConfirming(true);
  };
  const submit = () =>
    reason &&
    step.run({
      run: () => caseSteps.endMediation(detail.id, { version: detail.version, reasonCode: reason, ...(note.trim() ? { reasonNote: note.trim() } : {}) }),
      success: t('done.endMediation'),
      onDone: close,
    });
  return (
    <Modal open title={confirming ? t('actions.endConfirmTitle') : t('actions.endMediation')} onCancel={close} footer={null} destroyOnHidden>
      {confirming ? (
        <div data-testid="end-mediation-confirm">
          <p>{t('actions.endConfirmBody')}</p>
          <p className="text-secondary">
            {t('actions.endReason')}：{reason ? t(`actions.endReasons.${reason}`) : ''}
          </p>
          <div className="button-row">
            <Button onClick={() => setConfirming(false)}>{t('actions.cancel')}</Button>
            <Button danger type="primary" loading={step.pending} onClick={submit} data-testid="end-mediation-submit">
              {t('actions.endConfirm')}
            </Button>
          </div>
        </div>
      ) : (
        <div data-testid="end-mediation-form">
          <p className="text-secondary">{t('actions.endIntro')}</p>
          <span className="field-label" id={`${id}-reason`}>
            {t('actions.endReason')}
          </span>
          <div className="native-choices" role="radiogroup" aria-labelledby={`${id}-reason`}>
            {PARTY_WITHDRAWAL_REASONS.map((code) => (
              <label key={code} className="native-choice">
                <input type="radio" name={`${id}-reason`} checked={reason === code} onChange={() => setReason(code)} data-testid={`end-reason-${code}`} />
                <span>{t(`actions.endReasons.${code}`)}</span>
              </label>
            ))}
          </div>
          <label className="field-label" htmlFor={`${id}-note`}>
            {t('actions.endNote')}
          </label>
          <textarea id={`${id}-note`} className="native-textarea" value={note} onChange={(event) => setNote(event.target.value)} rows={3} maxLength={1000} data-testid="end-note" />
          {error && <Alert type="error" showIcon title={error} role="alert" data-testid="end-mediation-error" />}
          <div className="button-row">
            <Button onClick={close}>{t('actions.cancel')}</Button>
            <Button danger type="primary" onClick={next} data-testid="end-mediation-next">
              {t('actions.endMediation')}
            </Button>
          </div>
        </div>
      )}
    </Modal>
  );
}
