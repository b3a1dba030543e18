import { Alert, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CourtApplicationDetail } from '@tiaojie/contracts';
import { Panel } from '../../../components/ui/Panel';
import { courtDocumentUrl, courtFileUrl } from '../../confirmation/api/confirmation-api';
import { at } from './court-time';

/** Read-only sections of the court's view of an application: the status, parties, agreement and package (R33, R34). */

type Props = { detail: CourtApplicationDetail };

/** Status, court, case number, the deadlines and any refusal or ruling (R33, R34). */
export function CourtSummaryPanel({ detail: d }: Props) {
  const { t } = useTranslation('court');
  const { t: tc } = useTranslation('confirmation');
  return (
    <Panel title={d.parties.map((p) => p.name).join(' / ')} testId="court-application" className="court-detail">
      <p>
        <Tag data-testid="court-status" data-status={d.status}>
          {tc(`status.${d.status}`)}
        </Tag>
        {d.courtName}
      </p>
      <dl className="court-fields">
        <dt>{t('detail.case')}</dt>
        <dd>{d.caseNumber}</dd>
        <dt>{t('detail.organisation')}</dt>
        <dd>{d.organisationName}</dd>
      </dl>
      {d.deadlines.acceptBy && d.status === 'submitted' && <p data-testid="court-deadline">{t('deadline.acceptBy', { date: at(d.deadlines.acceptBy) })}</p>}
      {d.deadlines.ruleBy && d.status === 'accepted' && (
        <p data-testid="court-deadline">
          {t('deadline.ruleBy', { date: at(d.deadlines.ruleBy) })}
          {d.deadlines.extended ? t('deadline.extended') : ''}
        </p>
      )}
      {d.deadlines.extensionApprovedBy && (
        <p data-testid="court-extension-approval">
          {t('deadline.approved', { name: d.deadlines.extensionApprovedBy, date: d.deadlines.extensionApprovedAt ? at(d.deadlines.extensionApprovedAt) : '' })}
        </p>
      )}
      <p className="muted">{t('detail.free')}</p>
      {d.refusal && (
        <Alert type="error" showIcon title={tc('refusal.title', { ground: tc(`refusal.ground.${d.refusal.ground}`) })} description={d.refusal.note ?? undefined} data-testid="court-refusal" />
      )}
      {d.withdrawnReason && <Alert type="warning" showIcon title={tc(`withdrawnReason.${d.withdrawnReason}`)} />}
      {d.ruling?.outcome === 'confirmed' && <Alert type="success" showIcon title={tc('ruling.confirmed', { number: d.ruling.rulingNumber })} data-testid="court-ruling" />}
      {d.ruling?.outcome === 'rejected' && (
        <Alert
          type="error"
          showIcon
          title={tc('ruling.rejected', { ground: tc(`ruling.ground.${d.ruling.rejectionGround ?? 'other'}`) })}
          description={d.ruling.rejectionNote ?? undefined}
          data-testid="court-ruling"
        />
      )}
    </Panel>
  );
}

/** The parties, with masked contact details. */
export function CourtPartiesPanel({ detail: d }: Props) {
  const { t } = useTranslation('court');
  return (
    <Panel title={t('detail.parties')}>
      <ul>
        {d.parties.map((p) => (
          <li key={p.partyId}>
            {p.name} · {p.mobileMasked}
            {p.idNumberMasked ? ` · ${p.idNumberMasked}` : ''}
            {p.address ? ` · ${p.address}` : ''}
          </li>
        ))}
      </ul>
    </Panel>
  );
}

/** The agreement under review: facts, responsibilities, obligations and other terms (R25). */
export function CourtAgreementPanel({ detail: d }: Props) {
  const { t } = useTranslation('court');
  return (
    <Panel title={t('detail.agreement')} testId="court-agreement">
      {d.agreement.facts && (
        <p>
          <strong>{t('detail.facts')}：</strong>
          {d.agreement.facts}
        </p>
      )}
      {d.agreement.responsibilities && (
        <p>
          <strong>{t('detail.responsibilities')}：</strong>
          {d.agreement.responsibilities}
        </p>
      )}
      <h3>{t('detail.obligations')}</h3>
      <ol>
        {d.agreement.obligations.map((o) => (
          <li key={o.id}>
            {t('detail.obligation', { obligor: o.obligorName, obligee: o.obligeeName, due: o.dueDate, description: o.description })}
            {o.amount ? ` ¥${o.amount}` : ''}
          </li>
        ))}
      </ol>
      {d.agreement.otherTerms && (
        <p>
          <strong>{t('detail.otherTerms')}：</strong>
          {d.agreement.otherTerms}
        </p>
      )}
    </Panel>
  );
}

/** The application package: generated PDFs and each party's documents (R31). */
export function CourtPackagePanel({ detail: d }: Props) {
  const { t } = useTranslation('court');
  const { t: tc } = useTranslation('confirmation');
  return (
    <Panel title={t('detail.package')} testId="court-package">
      <ul className="court-files">
        <li>
          <a href={courtFileUrl(d.id, 'application.pdf')} target="_blank" rel="noreferrer" data-testid="court-application-pdf">
            {t('detail.applicationPdf')}
          </a>
        </li>
        {d.agreement.pdfUrl && (
          <li>
            <a href={courtFileUrl(d.id, 'agreement.pdf')} target="_blank" rel="noreferrer" data-testid="court-agreement-pdf">
              {t('detail.agreementPdf')}
            </a>
          </li>
        )}
        {d.rulingPdfUrl && (
          <li>
            <a href={courtFileUrl(d.id, 'ruling.pdf')} target="_blank" rel="noreferrer" data-testid="court-ruling-pdf">
              {t('detail.rulingPdf')}
            </a>
          </li>
        )}
        {d.packageItems
          .filter((i) => i.kind !== 'application' && i.kind !== 'agreement')
          .map((i, n) => (
            <li key={`${i.kind}-${i.partyId ?? n}`} data-kind={i.kind}>
              {tc(`package.item.${i.kind}`, { name: i.partyName ?? '' })}
              {i.kind === 'contacts' && i.detail ? `：${i.detail}` : ''}
              {i.documents.map((doc) => (
                <div key={doc.id}>
                  <CourtDocumentLink applicationId={d.id} document={doc} />
                </div>
              ))}
            </li>
          ))}
      </ul>
    </Panel>
  );
}

/** A document of the package, opened from the court's own download route in a new tab. */
export function CourtDocumentLink({ applicationId, document, testId }: { applicationId: string; document: { id: string; fileName: string }; testId?: string }) {
  return (
    <a href={courtDocumentUrl(applicationId, document.id)} target="_blank" rel="noreferrer" data-testid={testId}>
      {document.fileName}
    </a>
  );
}
