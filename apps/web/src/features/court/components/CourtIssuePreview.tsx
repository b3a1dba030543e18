import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { CourtApplicationDetail } from '@tiaojie/contracts';
import { IssueConfirmModal } from '../../../components/ui/IssueConfirmModal';

export type CourtIssue =
  | null
  | { kind: 'confirm' }
  | { kind: 'reject' | 'refuse'; groundLabel: string; note: string }
  /** R33: a missed supplementary deadline ruled a withdrawal of the application (视为撤回). */
  | { kind: 'withdrawn'; supplementId: string; request: string; note: string };

/**
 * Issue #11: before a ruling (裁定确认协议有效 or 驳回) or a refusal to accept is sent, the
 * judge reads what will be issued — the court, the case, the applicants and the operative part
 * (for a valid ruling, the agreement's obligations too) — and issues it from the dialog. The same
 * for treating the application as withdrawn when requested materials were not provided (R33).
 */
export function CourtIssuePreview({ detail: d, issue, pending, onOk, onCancel }: { detail: CourtApplicationDetail; issue: CourtIssue; pending: boolean; onOk: () => void; onCancel: () => void }) {
  const { t, i18n } = useTranslation('court');
  const zh = i18n.language.startsWith('zh');
  const names = d.parties.map((p) => p.name).join(zh ? '与' : ' and ');
  const date = d.agreement.effectiveAt ? dayjs(d.agreement.effectiveAt).format(zh ? 'YYYY年M月D日' : 'YYYY-MM-DD') : '';
  const kind = issue?.kind ?? 'confirm';
  const main =
    issue?.kind === 'confirm'
      ? t('preview.confirmMain', { names, date })
      : issue?.kind === 'withdrawn'
        ? t('preview.withdrawnMain', { names, request: issue.request })
        : issue
          ? t(issue.kind === 'reject' ? 'preview.rejectMain' : 'preview.refuseMain', { names, ground: issue.groundLabel })
          : '';
  return (
    <IssueConfirmModal
      open={!!issue}
      title={t(`preview.${kind}Title`)}
      warning={t('preview.warning')}
      okLabel={t('preview.ok')}
      pending={pending}
      danger={kind !== 'confirm'}
      onOk={onOk}
      onCancel={onCancel}
      testId={`court-${kind}-preview`}
    >
      <dl>
        <dt>{t('preview.court')}</dt>
        <dd>{d.courtName}</dd>
        <dt>{t('preview.case')}</dt>
        <dd>{d.caseNumber}</dd>
        <dt>{t('preview.parties')}</dt>
        <dd>{d.parties.map((p) => p.name).join('、')}</dd>
        <dt>{t('preview.to')}</dt>
        <dd data-testid="court-preview-to">{t('preview.toParties', { names: d.parties.map((p) => p.name).join('、') })}</dd>
        <dt>{t('preview.main')}</dt>
        <dd className="issue-preview-main" data-testid="court-preview-main">
          {main}
        </dd>
        {issue && issue.kind !== 'confirm' && issue.note && (
          <>
            <dt>{t('preview.note')}</dt>
            <dd data-testid="court-preview-note">{issue.note}</dd>
          </>
        )}
        {issue?.kind === 'confirm' && d.agreement.obligations.length > 0 && (
          <>
            <dt>{t('preview.obligations')}</dt>
            <dd>
              <ol data-testid="court-preview-obligations">
                {d.agreement.obligations.map((o) => (
                  <li key={o.id}>
                    {o.obligorName} → {o.obligeeName}：{o.description}
                    {o.amount ? ` ${o.amount}` : ''}
                    {o.dueDate ? `（${o.dueDate}）` : ''}
                  </li>
                ))}
              </ol>
            </dd>
          </>
        )}
      </dl>
    </IssueConfirmModal>
  );
}
