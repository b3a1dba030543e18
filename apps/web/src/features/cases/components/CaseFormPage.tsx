import { lazy, Suspense, useMemo, useRef, useState } from 'react';
import { Alert, Button, Form } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import type { CaseDetail, DocumentView, ErrorBody, UserProfile } from '@tiaojie/contracts';
import { APPLICANT_EDITABLE_STATES, type Evaluation, inStates, NOTICE_VERSION } from '@tiaojie/domain';
import { FormError } from '../../../components/ui/FormError';
import { PageHeading } from '../../../components/ui/PageHeading';
import { PageLoader } from '../../../components/ui/PageLoader';
import { ApiError, isApiError } from '../../../lib/api';
import { clearConsultationHandoff, readConsultationHandoff } from '../../../lib/consultation-handoff';
import { applyApiErrorToForm, translateError } from '../../../lib/form-errors';
import { useSession } from '../../../lib/session';
import '../../../locales/case';
import '../../../locales/filing';
import { createCase, submitCase, updateCase } from '../api/cases-api';
import { caseKeys, useCaseDetail, useOrganisations, useRoster } from '../hooks/useCase';
import { asCreateRequest, asUpdateRequest, FIELD_ALIASES, FILING_STEPS, MAX_RESPONDENTS, stepOfField, toDraftRequest, valuesFromDetail, type FilingValues } from './filing/filing-model';
import { StepClaims } from './filing/StepClaims';
import { StepDispute } from './filing/StepDispute';
import { StepMaterials } from './filing/StepMaterials';
import { StepParties } from './filing/StepParties';

// Rendered only once reached (their fields hold no values the API checks): loaded then.
const StepMediator = lazy(() => import('./filing/StepMediator').then((module) => ({ default: module.StepMediator })));
const StepConfirm = lazy(() => import('./filing/StepConfirm').then((module) => ({ default: module.StepConfirm })));

/** Intake staff and agents file for someone else (the API requires their `applicant`). */
function filesForOthers(user: UserProfile) {
  return user.roles.includes('intake') || user.roles.includes('agent');
}

/** `/cases/new` and `/cases/:id/edit`: the filing form, one step per screen on a phone. */
export default function CaseFormPage() {
  const { t } = useTranslation(['filing', 'case']);
  const { id } = useParams();
  const { user } = useSession();
  const detail = useCaseDetail(id);
  if (!user) return null;
  if (!id) return <FilingForm user={user} initial={null} />;
  if (detail.isPending) return <PageLoader />;
  if (detail.isError) return <Alert type="error" showIcon title={translateError(detail.error)} data-testid="filing-load-error" />;
  if (!inStates(APPLICANT_EDITABLE_STATES, detail.data.state)) {
    return (
      <div className="page">
        <Alert type="info" showIcon title={t('notEditable')} data-testid="filing-not-editable" />
        <Link to={`/cases/${detail.data.id}`}>{t('viewCase')}</Link>
      </div>
    );
  }
  return <FilingForm key={id} user={user} initial={detail.data} />;
}

function FilingForm({ user, initial }: { user: UserProfile; initial: CaseDetail | null }) {
  const { t } = useTranslation(['filing', 'case', 'validation']);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [form] = Form.useForm<FilingValues>();
  const staff = filesForOthers(user);

  const [caseId, setCaseId] = useState<string | null>(initial?.id ?? null);
  const current = useCaseDetail(caseId ?? undefined).data ?? initial;
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  // Only what was changed here is sent for respondents and the organisation: the API replaces
  // respondents wholesale (their full ID numbers are not shown back), and a draft's chosen
  // organisation is not part of CaseDetail.
  const dirty = useRef({ respondents: !initial, organisation: false });

  const handoff = useMemo(() => (initial ? null : readConsultationHandoff()), [initial]);
  const evaluation: Evaluation | null = current?.evaluation ?? handoff?.evaluation ?? null;

  const initialValues = useMemo<FilingValues>(() => {
    if (initial) {
      const values = valuesFromDetail(initial);
      if (!staff) values.applicant = { ...values.applicant, mobile: user.mobile, name: values.applicant?.name ?? user.realName ?? user.name };
      return values;
    }
    return {
      disputeType: handoff?.disputeType,
      applicant: staff ? { kind: 'person' } : { kind: 'person', name: user.realName ?? user.name, mobile: user.mobile },
      respondents: [{ kind: 'person', locale: 'zh-CN' }],
      organisationId: '',
      preferredMediatorId: '',
      idCard: 0,
    };
  }, [initial, handoff, staff, user]);

  const stepParam = Number(params.get('step') ?? 0);
  const step = caseId && Number.isInteger(stepParam) ? Math.min(Math.max(stepParam, 0), FILING_STEPS.length - 1) : 0;
  const goTo = (next: number, id = caseId) => {
    setFormError(null);
    if (id && id !== initial?.id) {
      navigate(`/cases/${id}/edit?step=${next}`, { replace: true });
    } else {
      const nextParams = new URLSearchParams(params);
      nextParams.set('step', String(next));
      setParams(nextParams, { replace: true });
    }
    window.scrollTo(0, 0);
  };

  const watched = Form.useWatch([], form) as FilingValues | undefined;
  const values: FilingValues = watched ?? initialValues;
  const organisations = useOrganisations();
  const roster = useRoster(values.disputeType);

  const labels = useMemo(() => {
    const map: Record<string, string> = {
      disputeType: t('fields.disputeType'),
      facts: t('fields.facts'),
      'claims.amount': t('fields.amount'),
      'claims.otherRequests': t('fields.otherRequests'),
      region: t('fields.region'),
      'applicant.name': t('fields.name'),
      'applicant.mobile': t('fields.mobile'),
      'applicant.idNumber': t('fields.idNumber'),
      'applicant.address': t('fields.address'),
      'applicant.email': t('fields.email'),
      organisationId: t('fields.organisation'),
      preferredMediatorId: t('fields.mediator'),
      idCard: t('fields.idCard'),
    };
    for (let i = 0; i < MAX_RESPONDENTS; i++) {
      map[`respondents.${i}.name`] = t('fields.respondentName');
      map[`respondents.${i}.mobile`] = t('fields.mobile');
      map[`respondents.${i}.idNumber`] = t('fields.idNumber');
      map[`respondents.${i}.address`] = t('fields.address');
      map[`respondents.${i}.kind`] = t('fields.respondentKind');
      map[`respondents.${i}.locale`] = t('fields.respondentLocale');
    }
    return map;
  }, [t]);

  /** Puts each field error of the API on its field, in the user's language, and opens the first such step. */
  const showError = (error: unknown) => {
    if (isApiError(error) && error.code === 'STALE_VERSION') {
      if (caseId) void queryClient.invalidateQueries({ queryKey: caseKeys.detail(caseId) });
      setFormError(t('stale'));
      return;
    }
    if (!isApiError(error) || !error.body.fields?.length) {
      setFormError(translateError(error));
      return;
    }
    const fields = error.body.fields.map((field) => ({ ...field, field: FIELD_ALIASES[field.field] ?? field.field }));
    const placed = new ApiError(error.status, { ...error.body, fields } satisfies ErrorBody);
    const unplaced = applyApiErrorToForm(form, placed, { labels });
    const firstStep = Math.min(...fields.filter((field) => labels[field.field]).map((field) => stepOfField(field.field)));
    if (Number.isFinite(firstStep)) goTo(firstStep);
    setFormError(unplaced ?? (error.code === 'UNPROCESSABLE' || error.code === 'VALIDATION_FAILED' ? t('incomplete') : null));
  };

  /** POST the first time, PATCH afterwards; the draft is then resumable from "my cases". */
  const save = async (): Promise<CaseDetail> => {
    const request = toDraftRequest(form.getFieldsValue(true) as FilingValues, {
      includeRespondents: dirty.current.respondents,
      includeOrganisation: dirty.current.organisation,
      evaluation: caseId ? null : handoff?.evaluation,
    });
    const saved = caseId && current ? await updateCase(caseId, asUpdateRequest(request, current.version)) : await createCase(asCreateRequest(request));
    queryClient.setQueryData(caseKeys.detail(saved.id), saved);
    void queryClient.invalidateQueries({ queryKey: ['cases', 'list'] });
    dirty.current = { respondents: false, organisation: false };
    setSavedAt(dayjs().format('HH:mm'));
    if (!caseId) {
      setCaseId(saved.id);
      clearConsultationHandoff();
    }
    return saved;
  };

  const stepFields: Record<number, (string | (string | number)[])[]> = {
    0: ['disputeType', 'facts'],
    1: [['claims', 'amount'], ['claims', 'otherRequests'], 'region'],
    2: ['applicant', 'respondents'],
    4: ['idCard'],
    5: ['noticeSeen', 'consent'],
  };

  const next = async () => {
    setFormError(null);
    try {
      await form.validateFields(stepFields[step] ?? [], { recursive: true });
    } catch {
      return;
    }
    setBusy(true);
    try {
      const saved = await save();
      goTo(step + 1, saved.id);
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  };

  const saveDraft = async () => {
    setFormError(null);
    setBusy(true);
    try {
      const saved = await save();
      if (saved.id !== initial?.id) goTo(step, saved.id);
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  };

  const submit = async () => {
    setFormError(null);
    try {
      await form.validateFields(stepFields[5], { recursive: true });
    } catch {
      return;
    }
    setBusy(true);
    try {
      const saved = await save();
      const submitted = await submitCase(saved.id, { version: saved.version, consent: true, noticeSeen: true, noticeVersion: NOTICE_VERSION });
      queryClient.setQueryData(caseKeys.detail(submitted.id), submitted);
      void queryClient.invalidateQueries({ queryKey: ['cases', 'list'] });
      navigate(`/cases/${submitted.id}`, { replace: true, state: { submitted: true } });
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  };

  const onUploaded = (document: DocumentView) => {
    if (!caseId) return;
    queryClient.setQueryData<CaseDetail>(caseKeys.detail(caseId), (old) => (old ? { ...old, documents: [...old.documents, document] } : old));
  };

  const onRemoved = (document: DocumentView) => {
    if (!caseId) return;
    queryClient.setQueryData<CaseDetail>(caseKeys.detail(caseId), (old) => (old ? { ...old, documents: old.documents.filter((d) => d.id !== document.id) } : old));
  };

  const applicantParty = current?.parties.find((party) => party.side === 'applicant');
  const idNumberOnRecord = applicantParty?.idNumberMasked ?? (staff ? null : user.idNumberMasked);
  const title = current?.state === 'RETURNED' ? t('editTitle') : staff ? t('forCitizenTitle') : t('title');
  const last = step === FILING_STEPS.length - 1;

  return (
    <div className="page filing-page">
      <PageHeading testId="filing-heading">{title}</PageHeading>
      {evaluation && step <= 1 && (
        <Alert
          type={evaluation.interestCheck?.aboveCap ? 'warning' : 'info'}
          showIcon
          title={t('fromConsultation', { type: t(`case:disputeTypes.${evaluation.disputeType}`) })}
          description={evaluation.interestCheck?.aboveCap ? t('fromConsultationAboveCap') : undefined}
          data-testid="filing-from-consultation"
        />
      )}
      {current?.state === 'RETURNED' && current.returnReason && (
        <Alert type="warning" showIcon title={t('returned', { reason: t(`case:returnReasons.${current.returnReason}`) })} description={current.reasonNote ?? undefined} data-testid="filing-returned" />
      )}

      <div className="step-header" data-testid="filing-step" data-step={FILING_STEPS[step]}>
        <div className="step-header-text">
          <span className="step-header-count">{t('stepOf', { n: step + 1, total: FILING_STEPS.length })}</span>
          <span className="step-header-title" data-testid="filing-step-title">
            {t(`steps.${FILING_STEPS[step]}`)}
          </span>
        </div>
        <div className="step-header-bar" aria-hidden>
          <span style={{ width: `${((step + 1) / FILING_STEPS.length) * 100}%` }} />
        </div>
      </div>

      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={initialValues}
        scrollToFirstError
        onValuesChange={(changed: FilingValues) => {
          if ('respondents' in changed) dirty.current.respondents = true;
          if ('organisationId' in changed) dirty.current.organisation = true;
        }}
        className="panel filing-form"
        data-testid="filing-form"
      >
        <FormError message={formError} />
        <div hidden={step !== 0}>
          <StepDispute />
        </div>
        <div hidden={step !== 1}>
          <StepClaims />
        </div>
        <div hidden={step !== 2}>
          <StepParties staff={staff} idNumberOnRecord={idNumberOnRecord} existingRespondents={current?.parties.filter((party) => party.side === 'respondent') ?? []} />
        </div>
        <div hidden={step !== 3}>
          {step === 3 && (
            <Suspense fallback={<PageLoader />}>
              <StepMediator disputeType={values.disputeType} region={values.region} organisationId={values.organisationId} />
            </Suspense>
          )}
        </div>
        <div hidden={step !== 4}>
          <StepMaterials caseId={caseId} documents={current?.documents ?? []} onUploaded={onUploaded} onRemoved={onRemoved} />
        </div>
        <div hidden={step !== 5}>
          {step === 5 && (
            <Suspense fallback={<PageLoader />}>
              <StepConfirm values={values} documents={current?.documents ?? []} organisations={organisations.data ?? []} mediators={roster.data ?? []} staffFiling={user.roles.includes('intake')} />
            </Suspense>
          )}
        </div>

        <div className="step-actions">
          {step > 0 && (
            <Button size="large" onClick={() => goTo(step - 1)} disabled={busy} data-testid="filing-back">
              {t('buttons.back')}
            </Button>
          )}
          {last ? (
            <Button type="primary" size="large" onClick={() => void submit()} loading={busy} data-testid="filing-submit">
              {t('review.submit')}
            </Button>
          ) : (
            <Button type="primary" size="large" onClick={() => void next()} loading={busy} data-testid="filing-next">
              {t('buttons.next')}
            </Button>
          )}
        </div>
        <div className="step-secondary">
          <Button type="link" onClick={() => void saveDraft()} disabled={busy} data-testid="filing-save-draft">
            {t('buttons.saveDraft')}
          </Button>
          {savedAt && (
            <span className="text-secondary" data-testid="draft-saved">
              {t('draftSaved', { time: savedAt })}
            </span>
          )}
        </div>
      </Form>
    </div>
  );
}
