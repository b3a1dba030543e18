import { Alert, Button, Input } from 'antd';
import dayjs from 'dayjs';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import type { AgreementVerification } from '@tiaojie/contracts';
import { PageHeading } from '../../../components/ui/PageHeading';
import { Panel } from '../../../components/ui/Panel';
import { isApiError } from '../../../lib/api';
import { translateError } from '../../../lib/form-errors';
import '../../../locales/settlement';
import { verifyByCode, verifyByFile } from '../api/settlement-api';
import './settlement.css';

/**
 * Public `/verify`: anyone holding a signed agreement checks it against the record — by the
 * verification code printed on it, or by uploading the PDF (its sha-256 must equal the stored
 * one, so a modified file fails).
 */
export default function VerifyPage() {
  const { t } = useTranslation('settlement');
  const [params] = useSearchParams();
  const [code, setCode] = useState(params.get('code') ?? '');
  const [result, setResult] = useState<{ kind: 'code' | 'file'; value: AgreementVerification } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'code' | 'file' | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const check = async () => {
    setError(null);
    setResult(null);
    if (!code.trim()) {
      setError(t('errors.required', { field: t('verify.codeLabel') }));
      return;
    }
    setBusy('code');
    try {
      setResult({ kind: 'code', value: await verifyByCode(code) });
    } catch (e) {
      setError(isApiError(e) && e.status === 404 ? t('verify.notFound') : translateError(e));
    } finally {
      setBusy(null);
    }
  };

  const upload = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    setResult(null);
    setBusy('file');
    try {
      setResult({ kind: 'file', value: await verifyByFile(file, code) });
    } catch (e) {
      setError(translateError(e));
    } finally {
      setBusy(null);
      if (fileInput.current) fileInput.current.value = '';
    }
  };

  const v = result?.value;
  return (
    <div className="page verify-page" data-testid="verify-page">
      <PageHeading testId="verify-heading">{t('verify.title')}</PageHeading>
      <Panel>
        <p>{t('verify.intro')}</p>
        <label className="verify-label" htmlFor="verify-code">
          {t('verify.codeLabel')}
        </label>
        <div className="verify-row">
          <Input
            id="verify-code"
            value={code}
            onChange={(e) => setCode(e.target.value.toUpperCase())}
            onPressEnter={check}
            maxLength={16}
            placeholder={t('verify.codePlaceholder')}
            autoCapitalize="characters"
            data-testid="verify-code"
          />
          <Button type="primary" onClick={check} loading={busy === 'code'} data-testid="verify-check">
            {t('verify.check')}
          </Button>
        </div>
        <p className="verify-or text-secondary">{t('verify.or')}</p>
        <Button block onClick={() => fileInput.current?.click()} loading={busy === 'file'} data-testid="verify-upload">
          {t('verify.upload')}
        </Button>
        <input ref={fileInput} type="file" accept="application/pdf,.pdf" hidden onChange={(e) => upload(e.target.files?.[0])} data-testid="verify-file" />
        <p className="text-secondary">{t('verify.uploadHint')}</p>
      </Panel>
      {error && <Alert type="warning" showIcon title={error} data-testid="verify-error" />}
      {v && (
        <Panel testId="verify-result">
          {result.kind === 'file' ? (
            <Alert type={v.match ? 'success' : 'error'} showIcon title={v.match ? t('verify.match') : t('verify.noMatch')} data-testid="verify-outcome" data-match={v.match} />
          ) : (
            <Alert type="success" showIcon title={t('verify.found')} data-testid="verify-outcome" data-match={v.match} />
          )}
          {v.caseNumber && (
            <dl className="agreement-terms">
              <dt>{t('verify.document')}</dt>
              <dd data-testid="verify-document" data-document={v.document ?? ''}>
                {v.document === 'ruling' ? t('verify.documentRuling') : t('verify.documentAgreement')}
              </dd>
              <dt>{t('verify.caseNumber')}</dt>
              <dd data-testid="verify-case-number">{v.caseNumber}</dd>
              {v.rulingNumber && (
                <>
                  <dt>{t('verify.rulingNumber')}</dt>
                  <dd data-testid="verify-ruling-number">{v.rulingNumber}</dd>
                </>
              )}
              <dt>{t('verify.parties')}</dt>
              <dd>{v.parties.join('、')}</dd>
              <dt>{v.document === 'ruling' ? t('verify.ruledAt') : t('verify.effectiveAt')}</dt>
              <dd>{v.effectiveAt ? dayjs(v.effectiveAt).format('YYYY-MM-DD HH:mm') : '—'}</dd>
              <dt>{v.document === 'ruling' ? t('verify.court') : t('verify.seal')}</dt>
              <dd>{v.sealedByOrg}</dd>
              <dt>{t('verify.sha')}</dt>
              <dd className="break-all">{v.pdfSha256}</dd>
              {v.uploadedSha256 && (
                <>
                  <dt>{t('verify.uploadedSha')}</dt>
                  <dd className="break-all">{v.uploadedSha256}</dd>
                </>
              )}
            </dl>
          )}
        </Panel>
      )}
    </div>
  );
}
