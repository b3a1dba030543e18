import { useId, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import type { CreateComplaintRequest } from '@tiaojie/contracts';
import { COMPLAINT_GROUNDS, type ComplaintGround } from '@tiaojie/domain';
import { ApiErrorAlert } from '../../../components/ui/ApiErrorAlert';
import { PageHeading } from '../../../components/ui/PageHeading';
import { Panel } from '../../../components/ui/Panel';
import '../../../locales/complaints';
import { fetchOrganisations } from '../../cases/api/cases-api';
import { useCaseDetail } from '../../cases/hooks/useCase';
import { fileComplaint, uploadEvidence } from '../api/complaints-api';
import { complaintKeys } from '../hooks/useComplaints';

/**
 * `/complaints/new` (R38): from a case (`?caseId=`) the complaint is about its organisation or
 * one of its mediators; without a case, a public complaint about an organisation.
 */
export default function FileComplaintPage() {
  const { t } = useTranslation('complaints');
  const id = useId();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [params] = useSearchParams();
  const caseId = params.get('caseId') ?? undefined;
  const detail = useCaseDetail(caseId);
  const orgs = useQuery({ queryKey: ['organisations'], queryFn: fetchOrganisations, enabled: !caseId });
  const [subject, setSubject] = useState<string>('organisation');
  const [organisationId, setOrganisationId] = useState('');
  const [ground, setGround] = useState<ComplaintGround | null>(null);
  const [description, setDescription] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [tried, setTried] = useState(false);
  const c = caseId ? detail.data : undefined;
  const mediators = c ? [...new Map(c.assignments.map((a) => [a.mediatorId, a.mediatorName])).entries()] : [];

  const submit = useMutation({
    mutationFn: async (body: CreateComplaintRequest) => {
      const filed = await fileComplaint(body);
      if (file) await uploadEvidence(filed.id, file);
      return filed;
    },
    onSuccess: (filed) => {
      void client.invalidateQueries({ queryKey: complaintKeys.all });
      navigate(`/complaints/${filed.id}`, { state: { filed: true } });
    },
  });

  const onSubmit = () => {
    setTried(true);
    if (!ground || !description.trim() || (!caseId && !organisationId)) return;
    const body: CreateComplaintRequest =
      subject === 'organisation'
        ? { subjectKind: 'organisation', ground, description: description.trim(), ...(caseId ? { caseId } : { organisationId }) }
        : { subjectKind: 'mediator', mediatorId: subject, ground, description: description.trim(), ...(caseId ? { caseId } : {}) };
    submit.mutate(body);
  };

  return (
    <div className="page" data-testid="complaint-file-page">
      <PageHeading testId="complaint-file-heading">{t('file.title')}</PageHeading>
      <Alert type="info" showIcon title={t('file.intro')} />
      <Panel>
        <div className="stack">
          {c?.number && <p data-testid="complaint-file-case">{t('file.case', { number: c.number })}</p>}
          {caseId ? (
            <fieldset className="native-fieldset">
              <legend className="inline-form-title">{t('file.subject')}</legend>
              <div className="native-choices" role="radiogroup">
                <label className="native-choice">
                  <input type="radio" name={`${id}-subject`} checked={subject === 'organisation'} onChange={() => setSubject('organisation')} data-testid="complaint-subject-organisation" />
                  <span>{t('file.subjectOrganisation', { name: c?.organisationName ?? '' })}</span>
                </label>
                {mediators.map(([mid, name]) => (
                  <label key={mid} className="native-choice">
                    <input type="radio" name={`${id}-subject`} checked={subject === mid} onChange={() => setSubject(mid)} data-testid={`complaint-subject-mediator-${mid}`} />
                    <span>{t('file.subjectMediator', { name })}</span>
                  </label>
                ))}
              </div>
            </fieldset>
          ) : (
            <>
              <label className="field-label" htmlFor={`${id}-org`}>
                {t('file.organisation')}
              </label>
              <select id={`${id}-org`} className="native-select" value={organisationId} onChange={(e) => setOrganisationId(e.target.value)} data-testid="complaint-organisation">
                <option value="">{t('file.organisationPlaceholder')}</option>
                {orgs.data?.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
              {tried && !organisationId && (
                <p className="field-error" role="alert">
                  {t('file.required')}
                </p>
              )}
            </>
          )}
          <fieldset className="native-fieldset">
            <legend className="inline-form-title">{t('file.ground')}</legend>
            <div className="native-choices" role="radiogroup">
              {COMPLAINT_GROUNDS.map((g) => (
                <label key={g} className="native-choice">
                  <input type="radio" name={`${id}-ground`} checked={ground === g} onChange={() => setGround(g)} data-testid={`complaint-ground-${g}`} />
                  <span>{t(`grounds.${g}`)}</span>
                </label>
              ))}
            </div>
            {tried && !ground && (
              <p className="field-error" role="alert">
                {t('file.required')}
              </p>
            )}
          </fieldset>
          <label className="field-label" htmlFor={`${id}-desc`}>
            {t('file.description')}
          </label>
          <textarea
            id={`${id}-desc`}
            className={tried && !description.trim() ? 'native-textarea is-error' : 'native-textarea'}
            rows={5}
            maxLength={2000}
            placeholder={t('file.descriptionHint')}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            data-testid="complaint-description"
          />
          {tried && !description.trim() && (
            <p className="field-error" role="alert">
              {t('file.required')}
            </p>
          )}
          <label className="field-label" htmlFor={`${id}-file`}>
            {t('file.evidence')}
          </label>
          <input id={`${id}-file`} type="file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} data-testid="complaint-evidence" />
          <ApiErrorAlert error={submit.error} testId="complaint-file-error" />
          <div className="button-row button-row-start">
            <Button type="primary" loading={submit.isPending} onClick={onSubmit} data-testid="complaint-submit">
              {t('file.submit')}
            </Button>
          </div>
        </div>
      </Panel>
    </div>
  );
}
