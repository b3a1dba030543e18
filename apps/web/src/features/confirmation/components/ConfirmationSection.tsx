import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Input, Radio, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConfirmationOverview, ExclusionAnswers, FieldError } from '@tiaojie/contracts';
import { CONFIRMATION_STATES, inStates, type CaseState } from '@tiaojie/domain';
import { IssueConfirmModal } from '../../../components/ui/IssueConfirmModal';
import { Panel } from '../../../components/ui/Panel';
import { isApiError } from '../../../lib/api';
import { translateError, translateFieldError } from '../../../lib/form-errors';
import { useNow } from '../../../lib/use-now';
import '../../../locales/confirmation';
import { ProvisionalNote } from '../../calendar/components/ProvisionalNote';
import { ApplicationRuling, ApplicationStatus } from './ApplicationOutcome';
import { at } from './confirmation-time';
import { ContactsForm } from './ContactsForm';
import { PackageList } from './PackageList';
import { chooseCourt, confirmationKeys, fetchConfirmation, requestSigningCode, saveContacts, sendPartyMessage, signApplication, uploadSupplement, withdrawApplication } from '../api/confirmation-api';

const QUESTIONS: (keyof ExclusionAnswers)[] = ['personalStatus', 'titleDispute', 'specialProcedure'];

/**
 * The parties' side of judicial confirmation (R29–R35), a section of the case page: the
 * countdown, the proposed court and its basis, the exclusions pre-check, the package, signing
 * with a one-time code, then the court's progress, its requests and messages, and the ruling.
 */
export function ConfirmationSection({ caseId, state }: { caseId: string; state: CaseState }) {
  const enabled = inStates(CONFIRMATION_STATES, state);
  const query = useQuery({ queryKey: confirmationKeys.overview(caseId), queryFn: () => fetchConfirmation(caseId), enabled });
  if (!enabled || !query.data) return null;
  return <ConfirmationView overview={query.data} />;
}

export function ConfirmationView({ overview: o }: { overview: ConfirmationOverview }) {
  const { t } = useTranslation('confirmation');
  const queryClient = useQueryClient();
  const now = useNow();
  const [answers, setAnswers] = useState<ExclusionAnswers>({});
  const [code, setCode] = useState('');
  const [codeSent, setCodeSent] = useState(false);
  const [message, setMessage] = useState('');
  const [confirmWithdraw, setConfirmWithdraw] = useState(false);
  // Issue #11: the application is signed from its preview (the court, the agreement, the answers).
  const [reviewSign, setReviewSign] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<{ text: string; fields: FieldError[] } | null>(null);

  const refresh = (next?: ConfirmationOverview) => {
    if (next) queryClient.setQueryData(confirmationKeys.overview(o.caseId), next);
    void queryClient.invalidateQueries({ queryKey: ['cases'] });
  };
  const onError = (e: unknown) => setError({ text: translateError(e), fields: isApiError(e) ? (e.body.fields ?? []) : [] });
  const useStep = <T,>(fn: (arg: T) => Promise<ConfirmationOverview>, done: string) =>
    useMutation({
      mutationFn: fn,
      onMutate: () => setError(null),
      onSuccess: (next) => {
        setNotice(t(done));
        refresh(next);
      },
      onError,
    });

  const sendCode = useMutation({ mutationFn: () => requestSigningCode(o.caseId), onMutate: () => setError(null), onSuccess: () => setCodeSent(true), onError });
  const sign = useMutation({
    mutationFn: () => signApplication(o.caseId, { code, answers, version: o.caseVersion }),
    onMutate: () => setError(null),
    onSuccess: (next) => {
      setReviewSign(false);
      setNotice(t('done.signed'));
      refresh(next);
    },
    onError: (e: unknown) => {
      setReviewSign(false);
      onError(e);
    },
  });
  const withdraw = useStep(() => withdrawApplication(o.caseId, { version: o.caseVersion }), 'done.withdrawn');
  const send = useStep(() => sendPartyMessage(o.caseId, message).then((r) => (setMessage(''), r)), 'done.sent');
  const upload = useStep((arg: { id: string; file: File }) => uploadSupplement(o.caseId, arg.id, arg.file), 'done.uploaded');
  const contacts = useStep(
    (arg: { partyId: string; address: string; domicileRegion: string }) => saveContacts(o.caseId, { partyId: arg.partyId, address: arg.address, domicileRegion: arg.domicileRegion || null }),
    'done.contacts',
  );
  const choose = useStep((courtId: string) => chooseCourt(o.caseId, courtId), 'done.court');
  const courts = [o.proposal, ...o.alternatives].filter((c): c is NonNullable<typeof c> => !!c);
  const courtName = (id: string | null) => courts.find((c) => c.courtId === id)?.courtName ?? t('choice.none');
  const ownChoice = o.courtChoices.find((c) => o.ownPartyIds.includes(c.partyId))?.courtId ?? null;
  const needsChoice = o.courtChoices.length > 0 && !o.chosenCourtId;

  const app = o.application;
  const fieldMessage = (name: string) =>
    error?.fields
      .filter((f) => f.field === name)
      .map((f) => translateFieldError(f))
      .join(' ');
  const daysLeft = o.windowEndsAt ? Math.max(0, Math.ceil((Date.parse(o.windowEndsAt) - now) / 86_400_000)) : 0;
  const mineSigned = !!app && app.status === 'signing' && app.parties.some((p) => o.ownPartyIds.includes(p.partyId) && p.signedAt);

  return (
    <Panel title={t('title')} testId="confirmation" className="confirmation-panel">
      <Alert type="info" showIcon title={t('free')} data-testid="confirmation-free" />
      {/* R35: "free" for mediation only when the organisation charges nothing; otherwise its fees. */}
      {o.organisationFees && (
        <div className="muted" data-testid="confirmation-fees" data-charges={o.organisationFees.chargesFees}>
          {o.organisationFees.chargesFees ? t('fees.charges', { name: o.organisationFees.organisationName }) : t('fees.free', { name: o.organisationFees.organisationName })}
          {o.organisationFees.chargesFees && <div data-testid="confirmation-fee-schedule">{o.organisationFees.feeSchedule || t('fees.noSchedule')}</div>}
        </div>
      )}
      {notice && <Alert type="success" showIcon closable title={notice} onClose={() => setNotice(null)} data-testid="confirmation-notice" />}
      {error && (
        <Alert
          type="error"
          showIcon
          title={error.text}
          description={
            error.fields
              .filter((f) => !f.field.startsWith('answers.') && f.field !== 'code')
              .map((f) => translateFieldError(f))
              .filter((text, i, all) => all.indexOf(text) === i)
              .join(' ') || undefined
          }
          data-testid="confirmation-error"
        />
      )}

      {(!app || app.status === 'signing' || app.status === 'withdrawn' || app.status === 'refused') && o.caseState === 'SETTLED' && (
        <>
          <p data-testid="confirmation-window" data-open={o.windowOpen}>
            {!o.windowEndsAt ? t('window.noAgreement') : o.windowOpen ? t('window.open', { date: at(o.windowEndsAt), days: daysLeft }) : t('window.closed', { date: at(o.windowEndsAt) })}
          </p>
          {o.windowOpen && o.windowProvisional && o.windowEndsAt && <ProvisionalNote dueAts={[o.windowEndsAt]} />}
          <dl className="confirmation-court" data-testid="confirmation-court">
            <dt>{t('court.label')}</dt>
            <dd>{o.proposal ? `${o.proposal.courtName}（${t(`court.basis.${o.proposal.basis}`)}）` : t('court.none')}</dd>
          </dl>

          {o.courtChoices.length > 0 && (
            <div className="confirmation-choice" data-testid="confirmation-court-choice" data-agreed={!!o.chosenCourtId}>
              <h3>{t('choice.title')}</h3>
              <p className="muted">{t('choice.intro')}</p>
              {o.actions.includes('choose_court') && (
                <Radio.Group value={ownChoice} onChange={(e) => choose.mutate(e.target.value as string)} disabled={choose.isPending} aria-label={t('choice.mine')}>
                  {courts.map((c) => (
                    <Radio key={c.courtId} value={c.courtId} data-testid={`confirmation-court-option-${c.courtId}`}>
                      {c.courtName}（{t(`court.basis.${c.basis}`)}）
                    </Radio>
                  ))}
                </Radio.Group>
              )}
              <ul>
                {o.courtChoices.map((c) => (
                  <li key={c.partyId}>{t('choice.of', { name: c.partyName, court: courtName(c.courtId) })}</li>
                ))}
              </ul>
              <p data-testid="confirmation-court-agreed">{o.chosenCourtId ? t('choice.agreed', { court: courtName(o.chosenCourtId) }) : t('choice.differ')}</p>
            </div>
          )}

          <h3>{t('exclusions.title')}</h3>
          {o.exclusions.length ? (
            <ul data-testid="confirmation-exclusions">
              {o.exclusions.map((x) => (
                <li key={x.code}>{t(`exclusions.code.${x.code}`)}</li>
              ))}
            </ul>
          ) : (
            <p>{t('exclusions.none')}</p>
          )}

          <h3>{t('package.title')}</h3>
          <PackageList overview={o} />
          {!o.packageComplete && <Alert type="warning" showIcon title={t('package.incomplete')} data-testid="confirmation-incomplete" />}
          {o.packageItems
            .filter((i) => i.kind === 'contacts' && !i.present)
            .map((i) => (
              <div key={`missing-${i.partyId}`} className="field-error" role="alert" data-testid="confirmation-contacts-missing">
                {t('contacts.missing', { name: i.partyName ?? '' })}
              </div>
            ))}
          {o.editableContacts.length > 0 && (
            <div className="confirmation-contacts" data-testid="confirmation-contacts">
              <h3>{t('contacts.title')}</h3>
              <p className="muted">{t('contacts.intro')}</p>
              {o.editableContacts.map((p) => (
                <ContactsForm
                  key={`${p.partyId}-${p.address ?? ''}-${p.domicileRegion ?? ''}`}
                  party={p}
                  saving={contacts.isPending}
                  error={error?.fields
                    .filter((f) => f.field.startsWith(`parties.${p.partyId}.`) || (f.field === 'address' && contacts.variables?.partyId === p.partyId))
                    .map((f) => translateFieldError(f))
                    .join(' ')}
                  onSave={(address, domicileRegion) => contacts.mutate({ partyId: p.partyId, address, domicileRegion })}
                />
              ))}
            </div>
          )}

          {app?.status === 'signing' && (
            <ul data-testid="confirmation-signatures">
              {app.parties.map((p) => (
                <li key={p.partyId}>
                  {p.name} <Tag color={p.signedAt ? 'green' : 'default'}>{t(p.signedAt ? 'sign.signed' : 'sign.waiting')}</Tag>
                </li>
              ))}
            </ul>
          )}
          {mineSigned && <p data-testid="confirmation-signed-mine">{t('sign.done')}</p>}

          {o.actions.includes('sign') && (
            <div className="confirmation-sign" data-testid="confirmation-sign-form">
              <h3>{t('sign.title')}</h3>
              <p className="muted">{t('exclusions.intro')}</p>
              {QUESTIONS.map((q) => (
                <div key={q}>
                  <Checkbox checked={!!answers[q]} onChange={(e) => setAnswers({ ...answers, [q]: e.target.checked })} data-testid={`confirmation-answer-${q}`}>
                    {t(`exclusions.question.${q}`)}
                  </Checkbox>
                  {fieldMessage(`answers.${q}`) && (
                    <div className="field-error" role="alert">
                      {t(`exclusions.code.${q === 'personalStatus' ? 'personal_status' : q === 'titleDispute' ? 'title_dispute' : 'special_procedure'}`)}
                    </div>
                  )}
                </div>
              ))}
              <p className="muted">{t('sign.explain')}</p>
              <div className="confirmation-code-row">
                <Input
                  inputMode="numeric"
                  maxLength={6}
                  value={code}
                  onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
                  placeholder={t('sign.code')}
                  aria-label={t('sign.code')}
                  status={fieldMessage('code') ? 'error' : undefined}
                  data-testid="confirmation-code"
                />
                <Button onClick={() => sendCode.mutate()} loading={sendCode.isPending} data-testid="confirmation-send-code">
                  {t('sign.sendCode')}
                </Button>
              </div>
              {fieldMessage('code') && (
                <div className="field-error" role="alert" data-testid="confirmation-code-error">
                  {fieldMessage('code')}
                </div>
              )}
              {codeSent && <p className="muted">{t('sign.codeSent')}</p>}
              <Button
                type="primary"
                block
                disabled={code.length !== 6 || !o.packageComplete || needsChoice}
                loading={sign.isPending}
                onClick={() => setReviewSign(true)}
                data-testid="confirmation-sign"
              >
                {t('sign.submit')}
              </Button>
              <IssueConfirmModal
                open={reviewSign}
                title={t('sign.previewTitle')}
                warning={t('sign.previewWarning')}
                okLabel={t('sign.submit')}
                pending={sign.isPending}
                onOk={() => sign.mutate()}
                onCancel={() => setReviewSign(false)}
                testId="confirmation-sign-preview"
              >
                <dl>
                  <dt>{t('court.label')}</dt>
                  <dd data-testid="confirmation-sign-preview-court">{o.chosenCourtId ? courtName(o.chosenCourtId) : (o.proposal?.courtName ?? t('court.none'))}</dd>
                  <dt>{t('sign.previewAgreement')}</dt>
                  <dd>{t('sign.previewAgreementValue', { number: o.caseNumber ?? '', date: o.agreementEffectiveAt ? at(o.agreementEffectiveAt) : '' })}</dd>
                  <dt>{t('exclusions.title')}</dt>
                  <dd>
                    <ul data-testid="confirmation-sign-preview-answers">
                      {QUESTIONS.map((q) => (
                        <li key={q}>
                          {t(`exclusions.question.${q}`)}：{answers[q] ? t('sign.yes') : t('sign.no')}
                        </li>
                      ))}
                    </ul>
                  </dd>
                </dl>
              </IssueConfirmModal>
            </div>
          )}
        </>
      )}

      {app && app.status !== 'signing' && <ApplicationStatus caseId={o.caseId} app={app} />}

      {app && app.supplements.length > 0 && (
        <div data-testid="confirmation-supplements">
          <h3>{t('supplements.title')}</h3>
          <ul>
            {app.supplements.map((s) => (
              <li key={s.id} data-testid="confirmation-supplement" data-fulfilled={!!s.fulfilledAt}>
                <div>{s.text}</div>
                <div className="muted">{t('supplements.due', { date: at(s.dueAt) })}</div>
                {s.documents.map((d) => (
                  <div key={d.id}>
                    <Tag color="green">{t('supplements.uploaded')}</Tag> {d.fileName}
                  </div>
                ))}
                {s.missedAt && !s.decision && <Tag color="red">{t('supplements.pendingDecision')}</Tag>}
                {s.decision && <Tag color={s.decision === 'withdrawn' ? 'red' : 'blue'}>{t(`supplements.decision.${s.decision}`)}</Tag>}
                {/* R33: open before the deadline, or after it when the judge decided the review goes on. */}
                {o.actions.includes('upload_supplement') && (s.decision === 'continue' || (!s.missedAt && !s.decision && Date.parse(s.dueAt) >= now)) && (
                  <label className="confirmation-upload">
                    {t('supplements.upload')}
                    <input
                      type="file"
                      data-testid="confirmation-supplement-file"
                      onChange={(e) => {
                        const file = e.target.files?.[0];
                        if (file) upload.mutate({ id: s.id, file });
                        e.target.value = '';
                      }}
                    />
                  </label>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}

      {app && (app.messages.length > 0 || o.actions.includes('message')) && (
        <div data-testid="confirmation-messages">
          <h3>{t('messages.title')}</h3>
          {app.messages.length === 0 && <p className="muted">{t('messages.empty')}</p>}
          <ul>
            {app.messages.map((m) => (
              <li key={m.id} data-testid="confirmation-message" data-role={m.authorRole}>
                <strong>{m.authorName}</strong> <span className="muted">{at(m.createdAt)}</span>
                <div>{m.body}</div>
              </li>
            ))}
          </ul>
          {o.actions.includes('message') && (
            <div className="confirmation-code-row">
              <Input value={message} onChange={(e) => setMessage(e.target.value)} placeholder={t('messages.placeholder')} maxLength={2000} data-testid="confirmation-message-input" />
              <Button disabled={!message.trim()} loading={send.isPending} onClick={() => send.mutate(undefined)} data-testid="confirmation-message-send">
                {t('messages.send')}
              </Button>
            </div>
          )}
        </div>
      )}

      {o.actions.includes('withdraw') && (
        <div className="confirmation-withdraw">
          <p className="muted">{t('withdraw.explain')}</p>
          {!confirmWithdraw ? (
            <Button danger block onClick={() => setConfirmWithdraw(true)} data-testid="confirmation-withdraw">
              {t('withdraw.button')}
            </Button>
          ) : (
            <Button danger type="primary" block loading={withdraw.isPending} onClick={() => withdraw.mutate(undefined)} data-testid="confirmation-withdraw-confirm">
              {t('withdraw.confirm')}
            </Button>
          )}
        </div>
      )}

      {app && <ApplicationRuling caseId={o.caseId} app={app} />}
    </Panel>
  );
}
