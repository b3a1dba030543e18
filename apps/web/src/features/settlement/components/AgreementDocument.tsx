import { Tag } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { AgreementDetailView } from '@tiaojie/contracts';
import { formatCny } from '@tiaojie/domain';

const at = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm');

/** The agreement as the parties read it: terms, then one card per obligation (phone-friendly, no wide table). */
export function AgreementDocument({ agreement: a }: { agreement: AgreementDetailView }) {
  const { t } = useTranslation('settlement');
  return (
    <div className="agreement-document" data-testid="agreement-document" data-status={a.status} data-revision={a.revision}>
      <div className="agreement-meta">
        <strong data-testid="agreement-heading">{t('heading', { seq: a.seq, revision: a.revision })}</strong>
        <Tag color={a.status === 'effective' ? 'green' : a.status === 'signing' ? 'blue' : a.status === 'awaiting_seal' ? 'orange' : 'default'} data-testid="agreement-status">
          {t(`status.${a.status}`)}
        </Tag>
        {a.partial && <Tag color="orange">{t('partialTag')}</Tag>}
      </div>
      <h3 className="agreement-subtitle">{t('sections.parties')}</h3>
      <ul className="agreement-parties">
        {a.parties.map((p) => (
          <li key={p.id}>
            {t(`sides.${p.side}`)}：{p.name}
          </li>
        ))}
      </ul>
      <dl className="agreement-terms">
        <dt>{t('fields.facts')}</dt>
        <dd data-testid="agreement-facts">{a.content.facts}</dd>
        <dt>{t('fields.disputedMatters')}</dt>
        <dd>{a.content.disputedMatters}</dd>
        <dt>{t('fields.responsibilities')}</dt>
        <dd>{a.content.responsibilities}</dd>
      </dl>
      <h3 className="agreement-subtitle">{t('sections.obligations')}</h3>
      {a.obligations.length === 0 && <p className="text-secondary">{t('noObligations')}</p>}
      <ol className="agreement-obligations" data-testid="agreement-obligations">
        {a.obligations.map((o) => (
          <li key={o.id} className="agreement-obligation-card" data-testid="agreement-obligation">
            <div>
              <strong>{o.obligorName}</strong> → <strong>{o.obligeeName}</strong>
              {o.instalment && <span className="text-secondary"> · {t('instalmentOf', { n: o.instalment, of: o.instalments })}</span>}
            </div>
            <div>
              {t(`kinds.${o.kind}`)}：{o.description}
              {o.amount && (
                <span className="agreement-amount" data-testid="agreement-obligation-amount">
                  {' '}
                  {formatCny(o.amount)}
                </span>
              )}
            </div>
            <div className="text-secondary">
              {t('fields.dueDate')}：{o.dueDate}
              {o.method && ` · ${t('fields.method')}：${o.method}`}
              {o.place && ` · ${t('fields.place')}：${o.place}`}
            </div>
          </li>
        ))}
      </ol>
      {a.content.otherTerms && (
        <dl className="agreement-terms">
          <dt>{t('fields.otherTerms')}</dt>
          <dd>{a.content.otherTerms}</dd>
        </dl>
      )}
    </div>
  );
}

/** Who has signed the frozen revision and who still has to (R26). */
export function SignatureStatus({ agreement: a }: { agreement: AgreementDetailView }) {
  const { t } = useTranslation('settlement');
  if (a.status !== 'signing' && a.status !== 'effective') return null;
  const rows = [
    ...a.parties.map((p) => ({ key: p.id, label: `${t(`sides.${p.side}`)} ${p.name}`, signature: a.signatures.find((s) => s.partyId === p.id) })),
    { key: 'mediator', label: t('signing.mediator'), signature: a.signatures.find((s) => s.signerRole === 'mediator') },
  ];
  return (
    <ul className="agreement-signers" data-testid="agreement-signers">
      {rows.map((r) => (
        <li key={r.key} data-testid="agreement-signer" data-signed={!!r.signature}>
          <span>{r.label}</span>
          {r.signature ? (
            <Tag color="green">
              {r.signature.signerName} · {t('signing.signedAt', { at: at(r.signature.signedAt) })}
            </Tag>
          ) : (
            <Tag>{t('signing.awaiting')}</Tag>
          )}
        </li>
      ))}
    </ul>
  );
}
