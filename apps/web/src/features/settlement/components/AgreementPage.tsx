import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Popconfirm } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { AgreementDetailView, AgreementTemplateView, CaseDetail } from '@tiaojie/contracts';
import { DRAFTING_STATES, inStates, maskMobile } from '@tiaojie/domain';
import { PageHeading } from '../../../components/ui/PageHeading';
import { PageLoader } from '../../../components/ui/PageLoader';
import { Panel } from '../../../components/ui/Panel';
import { isApiError } from '../../../lib/api';
import { translateError } from '../../../lib/form-errors';
import { useSession } from '../../../lib/session';
import '../../../locales/case';
import '../../../locales/settlement';
import { createAgreement, fetchAgreements, fetchCaseForAgreement, fetchTemplate, saveAgreement, sealAgreement, settlementKeys, startSigning } from '../api/settlement-api';
import { agreementErrorText } from './agreement-errors';
import { AgreementDocument, SignatureStatus } from './AgreementDocument';
import { DraftEditor, type DraftEditorProps, type DraftValues } from './DraftEditor';
import { ChangeRequestForm, ChangeRequestList, RevisionCompare } from './ReviewParts';
import { SigningDialog } from './SigningDialog';
import './settlement.css';

/** Case states in which a new agreement may be drafted (R34: after a rejection, a new one). */

function fromTemplate(tpl: AgreementTemplateView): DraftValues {
  return { partial: false, content: tpl.content, obligations: tpl.obligations.map((o) => ({ ...o, amount: o.amount ?? '', plan: o.plan ?? [] })) };
}

function fromAgreement(a: AgreementDetailView): DraftValues {
  return { partial: a.partial, content: a.content, obligations: a.drafts.map((o) => ({ ...o, amount: o.amount ?? '', plan: o.plan ?? [] })) };
}

/**
 * `/cases/:id/agreement`: the mediator drafts and revises, parties review and ask for changes,
 * everyone signs with an SMS code and a drawn signature, and each party downloads its copy of
 * the signed PDF (R25–R27).
 */
export default function AgreementPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation(['settlement', 'case']);
  const caseQuery = useQuery({ queryKey: ['cases', 'detail', id], queryFn: () => fetchCaseForAgreement(id) });
  const agreements = useQuery({ queryKey: settlementKeys.list(id), queryFn: () => fetchAgreements(id) });

  if (caseQuery.isPending || agreements.isPending) return <PageLoader />;
  if (caseQuery.isError || agreements.isError) {
    const error = caseQuery.error ?? agreements.error;
    const missing = isApiError(error) && error.status === 404;
    return (
      <div className="page">
        <Alert type={missing ? 'info' : 'error'} showIcon title={missing ? t('case:notFound', { defaultValue: t('none') }) : translateError(error)} data-testid="agreement-error" />
      </div>
    );
  }
  return <AgreementWorkspace detail={caseQuery.data} agreements={agreements.data} />;
}

export function AgreementWorkspace({ detail: c, agreements }: { detail: CaseDetail; agreements: AgreementDetailView[] }) {
  const { t } = useTranslation(['settlement', 'case']);
  const queryClient = useQueryClient();
  const { user } = useSession();
  const [editing, setEditing] = useState<'new' | 'edit' | null>(null);
  const [signingOpen, setSigningOpen] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const mediator = c.viewerRole === 'mediator';
  const current = agreements[0] ?? null;
  const older = agreements.slice(1);
  const mayDraftNew = mediator && inStates(DRAFTING_STATES, c.state) && (!current || (current.status !== 'draft' && current.status !== 'signing'));
  const template = useQuery({ queryKey: settlementKeys.template(c.id), queryFn: () => fetchTemplate(c.id), enabled: editing === 'new' && !current });

  const updated = (next: AgreementDetailView) => {
    queryClient.setQueryData<AgreementDetailView[]>(settlementKeys.list(c.id), (list) => {
      const rest = (list ?? []).filter((a) => a.id !== next.id);
      return [next, ...rest].sort((a, b) => b.seq - a.seq);
    });
    void queryClient.invalidateQueries({ queryKey: ['cases'] });
  };

  const seal = async (a: AgreementDetailView) => {
    setError(null);
    try {
      updated(await sealAgreement(a.id));
      setNotice(t('seal.done'));
    } catch (e) {
      setError(agreementErrorText(e, t));
    }
  };

  const start = async (a: AgreementDetailView) => {
    setError(null);
    try {
      updated(await startSigning(a.id, a.revision));
      setNotice(t('signing.started'));
    } catch (e) {
      setError(agreementErrorText(e, t));
    }
  };

  /** The editor of a new draft or of the current one; saving closes it and says which revision was saved. */
  const editorPanel = (props: Omit<DraftEditorProps, 'onSaved' | 'onCancel'>) => (
    <Panel title={t('sections.editor')} testId="agreement-editor-panel">
      <DraftEditor
        {...props}
        onSaved={(saved) => {
          updated(saved);
          setEditing(null);
          setNotice(t('editor.saved', { revision: saved.revision }));
        }}
        onCancel={() => setEditing(null)}
      />
    </Panel>
  );
  let editor = null;
  if (editing === 'new') {
    const initial = current ? fromAgreement(current) : template.data ? fromTemplate(template.data) : null;
    const parties = current?.parties ?? template.data?.parties ?? c.parties.map((p) => ({ id: p.id, side: p.side, name: p.name }));
    editor = initial ? (
      editorPanel({
        parties,
        initial,
        notice: template.data ? t('editor.templateNote', { type: t(`case:disputeTypes.${c.disputeType}`) }) : null,
        submit: (req) => createAgreement(c.id, req),
      })
    ) : template.isError ? (
      <Alert type="error" showIcon title={translateError(template.error)} />
    ) : (
      <PageLoader />
    );
  } else if (editing === 'edit' && current) {
    editor = editorPanel({
      parties: current.parties,
      initial: fromAgreement(current),
      revision: current.revision,
      signing: current.status === 'signing',
      submit: (req) => saveAgreement(current.id, req),
    });
  }

  return (
    <div className="page agreement-page" data-testid="agreement-page" data-case-state={c.state}>
      <PageHeading testId="agreement-page-heading">{c.number ? t('titleWithNumber', { number: c.number }) : t('title')}</PageHeading>
      <Link to={`/cases/${c.id}`} data-testid="agreement-back">
        ← {t('backToCase')}
      </Link>
      {notice && <Alert type="success" showIcon closable onClose={() => setNotice(null)} title={notice} data-testid="agreement-notice" />}
      {error && <Alert type="error" showIcon closable onClose={() => setError(null)} title={error} data-testid="agreement-action-error" />}

      {!current && !editing && (
        <Panel testId="agreement-none">
          <p className="text-secondary">{mediator ? t('noneMediator') : t('none')}</p>
          {mayDraftNew && (
            <Button type="primary" block onClick={() => setEditing('new')} data-testid="agreement-start-draft">
              {t('startDraft')}
            </Button>
          )}
        </Panel>
      )}

      {editor}

      {current && !editing && (
        <>
          <Panel title={t('sections.content')} testId="agreement-panel">
            <AgreementDocument agreement={current} />
            <div className="agreement-buttons">
              {current.actions.includes('edit') && (
                <Button onClick={() => setEditing('edit')} data-testid="agreement-edit">
                  {t('editor.edit')}
                </Button>
              )}
              {current.actions.includes('start_signing') && (
                <Popconfirm
                  title={t('signing.start')}
                  description={<span className="popconfirm-text">{t('signing.startHint')}</span>}
                  onConfirm={() => start(current)}
                  okButtonProps={{ 'data-testid': 'agreement-start-signing-confirm' } as Record<string, string>}
                >
                  <Button type="primary" data-testid="agreement-start-signing">
                    {t('signing.start')}
                  </Button>
                </Popconfirm>
              )}
              {current.actions.includes('sign') && (
                <Button type="primary" onClick={() => setSigningOpen(true)} data-testid="agreement-sign">
                  {t('signing.open')}
                </Button>
              )}
              {mayDraftNew && current.status === 'effective' && c.state === 'CONFIRMATION_REJECTED' && (
                <Button onClick={() => setEditing('new')} data-testid="agreement-new">
                  {t('newAgreement')}
                </Button>
              )}
            </div>
          </Panel>

          {current.status === 'awaiting_seal' && (
            // R26 (PML 29): signed by all; in effect once an authorised person applies the committee's seal.
            <Panel title={t('seal.title')} testId="agreement-awaiting-seal">
              <p>{current.actions.includes('seal') ? t('seal.explainAdmin', { org: c.organisationName ?? '' }) : t('seal.waiting')}</p>
              {current.actions.includes('seal') && (
                <Popconfirm title={t('seal.confirm')} onConfirm={() => seal(current)} okButtonProps={{ 'data-testid': 'agreement-seal-confirm' } as Record<string, string>}>
                  <Button type="primary" data-testid="agreement-seal">
                    {t('seal.button')}
                  </Button>
                </Popconfirm>
              )}
            </Panel>
          )}

          {(current.status === 'signing' || current.status === 'awaiting_seal' || current.status === 'effective') && (
            <Panel title={t('sections.signatures')} testId="agreement-signatures-panel">
              <SignatureStatus agreement={current} />
            </Panel>
          )}

          {current.status === 'effective' && (
            <Panel title={t('effective.title')} testId="agreement-effective">
              <dl className="agreement-terms">
                <dt>{t('effective.at')}</dt>
                <dd data-testid="agreement-effective-at">{current.effectiveAt ? dayjs(current.effectiveAt).format('YYYY-MM-DD HH:mm') : ''}</dd>
                <dt>{t('effective.seal')}</dt>
                <dd data-testid="agreement-sealed-by">
                  {current.sealedByOrg}
                  {current.sealedByName ? ` · ${t('effective.sealedBy', { name: current.sealedByName })}` : ''}
                </dd>
                <dt>{t('effective.code')}</dt>
                <dd data-testid="agreement-verification-code">{current.verificationCode}</dd>
              </dl>
              {current.pdfUrl && (
                <Button type="primary" block href={current.pdfUrl} download className="agreement-download" data-testid="agreement-download">
                  {t('effective.download')}
                </Button>
              )}
              <p className="text-secondary">
                {t('effective.verifyHint', { url: `${window.location.origin}/verify` })} <Link to={`/verify?code=${current.verificationCode ?? ''}`}>/verify</Link>
              </p>
            </Panel>
          )}

          {current.actions.includes('request_changes') && (
            <Panel title={t('review.title')} testId="agreement-review">
              <ChangeRequestForm agreement={current} onSent={updated} />
            </Panel>
          )}
          {current.changeRequests.length > 0 && (
            <Panel title={t('sections.changeRequests')} testId="agreement-change-requests">
              <ChangeRequestList agreement={current} />
            </Panel>
          )}
          {current.revisions.length > 1 && (
            <Panel title={t('sections.compare')} testId="agreement-compare">
              <RevisionCompare agreement={current} />
            </Panel>
          )}
          {signingOpen && (
            <SigningDialog
              agreement={current}
              open={signingOpen}
              mobile={user?.mobile ? maskMobile(user.mobile) : undefined}
              signerName={user?.name}
              onClose={() => setSigningOpen(false)}
              onSigned={(next) => {
                updated(next);
                setSigningOpen(false);
                setNotice(t('signing.done'));
              }}
            />
          )}
        </>
      )}

      {older.length > 0 && (
        <Panel title={t('sections.older')} testId="agreement-older">
          <ul className="agreement-revisions">
            {older.map((a) => (
              <li key={a.id}>
                {t('heading', { seq: a.seq, revision: a.revision })} · {t(`status.${a.status}`)}
                {a.pdfUrl && (
                  <>
                    {' · '}
                    <a href={a.pdfUrl} download>
                      PDF
                    </a>
                  </>
                )}
              </li>
            ))}
          </ul>
        </Panel>
      )}
    </div>
  );
}
