import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Input, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AGREEMENT_LIMITS, type AgreementDetailView, type AgreementRevisionChange } from '@tiaojie/contracts';
import { NativeSelect } from '../../../components/ui/NativeSelect';
import { compareRevisions, requestChanges, settlementKeys } from '../api/settlement-api';
import { agreementErrorText } from './agreement-errors';

const at = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm');

/** A party asks for changes to the draft, privately (only the mediator sees it, R15). */
export function ChangeRequestForm({ agreement, onSent }: { agreement: AgreementDetailView; onSent: (a: AgreementDetailView) => void }) {
  const { t } = useTranslation('settlement');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);
  const send = async () => {
    setError(null);
    if (!text.trim()) {
      setError(t('errors.required', { field: t('review.title') }));
      return;
    }
    setBusy(true);
    try {
      const next = await requestChanges(agreement.id, { revision: agreement.revision, text: text.trim() });
      setText('');
      setSent(true);
      onSent(next);
    } catch (e) {
      setError(agreementErrorText(e, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="agreement-change-form" data-testid="change-request-form">
      <p className="text-secondary">{t('review.hint')}</p>
      <Input.TextArea
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setSent(false);
        }}
        autoSize={{ minRows: 3, maxRows: 8 }}
        maxLength={AGREEMENT_LIMITS.changeRequestMax}
        placeholder={t('review.placeholder')}
        status={error ? 'error' : undefined}
        data-testid="change-request-text"
      />
      {error && (
        <div className="ant-form-item-explain-error" data-testid="change-request-error">
          {error}
        </div>
      )}
      {sent && <Alert type="success" showIcon title={t('review.sent')} data-testid="change-request-sent" />}
      <Button onClick={send} loading={busy} className="agreement-gap-top" data-testid="change-request-submit">
        {t('review.submit')}
      </Button>
    </div>
  );
}

export function ChangeRequestList({ agreement }: { agreement: AgreementDetailView }) {
  const { t } = useTranslation('settlement');
  if (!agreement.changeRequests.length) return null;
  return (
    <ul className="agreement-requests" data-testid="change-request-list">
      {agreement.changeRequests.map((r) => (
        <li key={r.id} data-testid="change-request-item">
          <div>
            <strong>{r.partyName}</strong>{' '}
            <span className="text-secondary">
              · {t('review.onRevision', { revision: r.revision })} · {at(r.createdAt)}
            </span>{' '}
            <Tag color={r.resolvedAt ? 'green' : 'orange'}>{r.resolvedAt ? t('review.resolved') : t('review.open')}</Tag>
          </div>
          <div className="pre-wrap">{r.text}</div>
        </li>
      ))}
    </ul>
  );
}

/** The path of a change in the user's language: `obligations.1.amount` → "义务 2 · 金额". */
export function changeLabel(path: string, t: (key: string, options?: Record<string, unknown>) => string): string {
  const parts = path.split('.');
  if (parts[0] === 'obligations') {
    const n = Number(parts[1]) + 1;
    const head = t('compare.paths.obligation', { n });
    return parts[2] ? `${head} · ${t(`compare.paths.${parts[2]}`)}` : head;
  }
  return t(`compare.paths.${path}`);
}

/** Two revisions side by side, field by field (the revisions are kept, never changed). */
export function RevisionCompare({ agreement }: { agreement: AgreementDetailView }) {
  const { t } = useTranslation('settlement');
  const revisions = agreement.revisions.map((r) => r.revision);
  const [from, setFrom] = useState(Math.max(1, agreement.revision - 1));
  const [to, setTo] = useState(agreement.revision);
  const enabled = revisions.length > 1 && from !== to;
  const query = useQuery({ queryKey: settlementKeys.compare(agreement.id, from, to), queryFn: () => compareRevisions(agreement.id, from, to), enabled });
  if (revisions.length < 2) return null;
  const options = revisions.map((n) => ({ value: String(n), label: t('compare.revision', { n }) }));
  const names = new Map(agreement.parties.map((p) => [p.id, p.name]));
  const show = (c: AgreementRevisionChange, value: string | null) => (value && /(PartyId)$/.test(c.path) ? (names.get(value) ?? value) : value);
  return (
    <div className="agreement-compare" data-testid="revision-compare">
      <div className="agreement-compare-pick">
        <label>
          {t('compare.from')} <NativeSelect value={String(from)} onChange={(v) => setFrom(Number(v))} options={options} data-testid="compare-from" />
        </label>
        <label>
          {t('compare.to')} <NativeSelect value={String(to)} onChange={(v) => setTo(Number(v))} options={options} data-testid="compare-to" />
        </label>
      </div>
      {query.isError && <Alert type="error" showIcon title={agreementErrorText(query.error, t)} />}
      {query.data && query.data.changes.length === 0 && <p className="text-secondary">{t('compare.none')}</p>}
      {query.data && query.data.changes.length > 0 && (
        <ul className="agreement-changes" data-testid="compare-changes">
          {query.data.changes.map((c) => (
            <li key={c.path} data-testid="compare-change" data-path={c.path}>
              <strong>{changeLabel(c.path, t)}</strong>
              {c.before === null ? (
                <div className="change-after">
                  {t('compare.added')}：{show(c, c.after)}
                </div>
              ) : c.after === null ? (
                <div className="change-before">
                  {t('compare.removed')}：{show(c, c.before)}
                </div>
              ) : (
                <>
                  <div className="change-before">
                    {t('compare.before')}：{show(c, c.before)}
                  </div>
                  <div className="change-after">
                    {t('compare.after')}：{show(c, c.after)}
                  </div>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      <ul className="agreement-revisions text-secondary">
        {agreement.revisions.map((r) => (
          <li key={r.revision}>
            {t('revisions.item', { revision: r.revision, by: r.createdByName, at: at(r.createdAt) })}
            {r.note && ` — ${r.note}`}
          </li>
        ))}
      </ul>
    </div>
  );
}
