import { Alert, Button, Modal } from 'antd';
import { OtpInput } from '../../../components/ui/OtpInput';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgreementDetailView } from '@tiaojie/contracts';
import { IssueConfirmModal } from '../../../components/ui/IssueConfirmModal';
import { requestSigningCode, signAgreement } from '../api/settlement-api';
import { agreementErrorText } from './agreement-errors';
import { SignatureCanvas, type SignatureCanvasHandle } from './SignatureCanvas';

interface SigningDialogProps {
  agreement: AgreementDetailView;
  open: boolean;
  /** The signer's own number, masked, for the "code sent" line. */
  mobile?: string;
  /** Who signs (the logged-in user), shown in the preview before the signature is sent. */
  signerName?: string;
  onClose: () => void;
  onSigned: (agreement: AgreementDetailView) => void;
}

/**
 * Signing (R26): a one-time code sent by SMS to the signer's own phone, the signature drawn on
 * the screen, bound to the content hash the signer is shown.
 */
export function SigningDialog({ agreement, open, mobile, signerName, onClose, onSigned }: SigningDialogProps) {
  const { t } = useTranslation('settlement');
  const pad = useRef<SignatureCanvasHandle>(null);
  const [code, setCode] = useState('');
  const [sent, setSent] = useState<{ minutes: number } | null>(null);
  const [wait, setWait] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'code' | 'sign' | null>(null);
  // Issue #11: the drawn signature waits here while the signer reads what is being signed.
  const [pending, setPending] = useState<string | null>(null);

  useEffect(() => {
    if (wait <= 0) return undefined;
    const timer = window.setTimeout(() => setWait((w) => w - 1), 1000);
    return () => window.clearTimeout(timer);
  }, [wait]);

  const sendCode = async () => {
    setBusy('code');
    setError(null);
    try {
      const res = await requestSigningCode(agreement.id);
      setSent({ minutes: Math.round(res.expiresInSeconds / 60) });
      setWait(res.resendInSeconds);
    } catch (e) {
      setError(agreementErrorText(e, t));
    } finally {
      setBusy(null);
    }
  };

  const sign = async () => {
    setError(null);
    if (!/^\d{6}$/.test(code.trim())) {
      setError(t('validation:otp'));
      return;
    }
    if (!pad.current || pad.current.isEmpty()) {
      setError(t('errors.png'));
      return;
    }
    setPending(pad.current.toDataURL());
  };

  const send = async (signaturePng: string) => {
    setBusy('sign');
    try {
      const signed = await signAgreement(agreement.id, { contentHash: agreement.contentHash ?? '', code: code.trim(), signaturePng });
      setCode('');
      setPending(null);
      onSigned(signed);
    } catch (e) {
      setPending(null);
      setError(agreementErrorText(e, t));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Modal open={open} onCancel={onClose} title={t('signing.title')} footer={null} destroyOnHidden width={520} className="signing-dialog">
      <div className="signing-body" data-testid="signing-dialog">
        <p className="text-secondary signing-hash">
          {/* Citizen words (issue #11): the version signed, not its hash (the hash still goes with the signature). */}
          <span data-testid="signing-hash">{t('signing.versionLabel', { revision: agreement.revision })}</span>
        </p>
        <h4>{t('signing.step1')}</h4>
        <Button onClick={sendCode} loading={busy === 'code'} disabled={wait > 0} data-testid="sign-request-code">
          {wait > 0 ? t('signing.resendIn', { seconds: wait }) : t('signing.requestCode')}
        </Button>
        {sent && (
          <p className="text-secondary" data-testid="sign-code-sent">
            {t('signing.codeSent', { mobile: mobile ?? '', minutes: sent.minutes })}
          </p>
        )}
        <h4>{t('signing.step2')}</h4>
        <OtpInput value={code} onChange={setCode} placeholder={t('signing.codePlaceholder')} testId="sign-code" />
        <h4>{t('signing.step3')}</h4>
        <SignatureCanvas ref={pad} />
        <Button type="link" onClick={() => pad.current?.clear()} data-testid="signature-clear">
          {t('signing.clear')}
        </Button>
        {error && <Alert type="error" showIcon title={error} data-testid="sign-error" />}
        <Button type="primary" block onClick={sign} loading={busy === 'sign'} className="agreement-gap-top" data-testid="sign-submit">
          {t('signing.submit')}
        </Button>
      </div>
      {pending && (
        <IssueConfirmModal
          open
          title={t('signing.previewTitle')}
          warning={t('signing.previewWarning')}
          okLabel={t('signing.previewOk')}
          pending={busy === 'sign'}
          onOk={() => void send(pending)}
          onCancel={() => setPending(null)}
          testId="sign-confirm"
        >
          <dl>
            <dt>{t('signing.previewAgreement')}</dt>
            <dd data-testid="sign-confirm-agreement">{t('signing.previewAgreementValue', { number: agreement.caseNumber ?? '', revision: agreement.revision })}</dd>
            <dt>{t('signing.previewSigner')}</dt>
            <dd data-testid="sign-confirm-signer">{signerName}</dd>
            <dt>{t('signing.previewSignature')}</dt>
            <dd>
              <img src={pending} alt={t('signing.previewSignature')} className="signing-preview-image" />
            </dd>
          </dl>
        </IssueConfirmModal>
      )}
    </Modal>
  );
}
