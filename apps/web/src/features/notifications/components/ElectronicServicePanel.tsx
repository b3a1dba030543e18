import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, ElectronicServiceView } from '@tiaojie/contracts';
import { Panel } from '../../../components/ui/Panel';
import { isApiError } from '../../../lib/api';
import { translateError, translateFieldError } from '../../../lib/form-errors';
import '../../../locales/noticePages';
import { fetchElectronicService, fetchServiceProofs, saveElectronicService, serviceProofsPdfUrl } from '../api/notifications-api';

const at = (iso: string | null) => (iso ? dayjs(iso).format('MM-DD HH:mm') : '—');

/**
 * R40 on the case page: a party records (or withdraws) its consent to electronic service at an
 * address; the case's staff see every served document's proof of service (送达回证) — sent,
 * delivered, opened — and download it as a PDF for the case file.
 */
export default function ElectronicServicePanel({ detail: c, staff }: { detail: CaseDetail; staff: boolean }) {
  const { t } = useTranslation('noticePages');
  const consents = useQuery({
    queryKey: ['cases', c.id, 'electronic-service'],
    queryFn: () => fetchElectronicService(c.id),
  });
  const proofs = useQuery({
    queryKey: ['cases', c.id, 'service-proofs'],
    queryFn: () => fetchServiceProofs(c.id),
    enabled: staff,
  });
  const own = c.parties.filter((p) => p.isViewer);
  if (consents.isError && isApiError(consents.error) && consents.error.status === 404) return null;
  if (!own.length && !staff) return null;
  return (
    <Panel title={t('service.title')} testId="electronic-service">
      {consents.isError && <Alert type="error" showIcon title={translateError(consents.error)} />}
      {own.map((p) => (
        <ConsentForm key={p.id} caseId={c.id} partyId={p.id} partyName={p.name} defaultAddress={p.mobile} current={consents.data?.find((x) => x.partyId === p.id)} />
      ))}
      {staff && (
        <>
          <ul className="service-consents">
            {(consents.data ?? [])
              .filter((x) => !own.some((p) => p.id === x.partyId))
              .map((x) => (
                <li key={x.partyId} data-testid="service-consent" data-consented={!!x.consentAt}>
                  {x.partyName}：
                  {x.consentAt
                    ? t('service.consentedAt', {
                        address: x.address ?? '',
                        date: at(x.consentAt),
                      })
                    : t('service.noConsent')}
                </li>
              ))}
          </ul>
          <h3>{t('service.proofsTitle')}</h3>
          {proofs.isError && <Alert type="error" showIcon title={translateError(proofs.error)} />}
          {proofs.data && proofs.data.length === 0 && <p className="text-secondary">{t('service.noProofs')}</p>}
          {proofs.data && proofs.data.length > 0 && (
            <>
              <table className="service-proofs" data-testid="service-proofs">
                <thead>
                  <tr>
                    <th>{t('service.col.document')}</th>
                    <th>{t('service.col.party')}</th>
                    <th>{t('service.col.sent')}</th>
                    <th>{t('service.col.delivered')}</th>
                    <th>{t('service.col.opened')}</th>
                    <th>{t('service.col.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {proofs.data.map((p) => (
                    <tr key={`${p.eventId}-${p.partyId}`} data-testid="service-proof" data-status={p.status} data-kind={p.kind}>
                      <td>{t(`service.kind.${p.kind}`)}</td>
                      <td>{p.partyName}</td>
                      <td>{at(p.sentAt)}</td>
                      <td>{at(p.deliveredAt)}</td>
                      <td>{at(p.openedAt)}</td>
                      <td>
                        <Tag color={p.status === 'served' ? 'green' : p.status === 'no_consent' ? 'red' : undefined}>{t(`service.status.${p.status}`)}</Tag>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <Button href={serviceProofsPdfUrl(c.id)} target="_blank" data-testid="service-proofs-pdf">
                {t('service.pdf')}
              </Button>
            </>
          )}
        </>
      )}
    </Panel>
  );
}

function ConsentForm({
  caseId,
  partyId,
  partyName,
  defaultAddress,
  current,
}: {
  caseId: string;
  partyId: string;
  partyName: string;
  defaultAddress: string;
  current: ElectronicServiceView | undefined;
}) {
  const { t } = useTranslation('noticePages');
  const queryClient = useQueryClient();
  const [address, setAddress] = useState(defaultAddress);
  const save = useMutation({
    mutationFn: (consent: boolean) =>
      saveElectronicService(caseId, {
        partyId,
        consent,
        address: consent ? address.trim() : undefined,
      }),
    onSuccess: (next) => queryClient.setQueryData(['cases', caseId, 'electronic-service'], next),
  });
  const fieldError = isApiError(save.error) ? save.error.body.fields?.find((f) => f.field === 'address') : undefined;
  return (
    <div className="service-consent-form" data-testid="service-consent-form" data-consented={!!current?.consentAt}>
      <p>{t('service.explain', { name: partyName })}</p>
      {current?.consentAt ? (
        <>
          <p data-testid="service-consent-status">
            {t('service.consentedAt', {
              address: current.address ?? '',
              date: at(current.consentAt),
            })}
          </p>
          <Button loading={save.isPending} onClick={() => save.mutate(false)} data-testid="service-consent-withdraw">
            {t('service.withdraw')}
          </Button>
        </>
      ) : (
        <div className="court-row">
          {/* A plain input: antd's brings its form runtime, 110 KB of script, to every case page (TARGETS P5). */}
          <input
            type="text"
            className={fieldError ? 'native-input is-error' : 'native-input'}
            value={address}
            onChange={(e) => setAddress(e.target.value)}
            maxLength={254}
            aria-label={t('service.address')}
            aria-invalid={!!fieldError}
            placeholder={t('service.address')}
            data-testid="service-consent-address"
          />
          <Button type="primary" loading={save.isPending} disabled={!address.trim()} onClick={() => save.mutate(true)} data-testid="service-consent-give">
            {t('service.consent')}
          </Button>
        </div>
      )}
      {fieldError && (
        <div className="field-error" role="alert">
          {translateFieldError(fieldError)}
        </div>
      )}
      {save.isError && !fieldError && <Alert type="error" showIcon title={translateError(save.error)} />}
    </div>
  );
}
