import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ConfirmationOverview, PackageItemView } from '@tiaojie/contracts';
import { translateError } from '../../../lib/form-errors';
import { confirmationKeys, uploadPackageDocument } from '../api/confirmation-api';

const UPLOAD_KIND = { id_proof: 'id_card', power_of_attorney: 'power_of_attorney' } as const;

/**
 * The application package (R31) with, next to every missing item, the control that supplies it
 * for the viewer who can (issue #11 "Confirmation blocked by a missing ID proof"): the party's
 * own ID proof or power of attorney is uploaded right here, its address is filled in the form
 * below (a link to it), the agreement is on the agreement page; anyone else is told who must.
 */
export function PackageList({ overview: o }: { overview: ConfirmationOverview }) {
  const { t } = useTranslation('confirmation');
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const upload = useMutation({
    mutationFn: (arg: { kind: 'id_card' | 'power_of_attorney'; file: File; partyId: string | null }) => uploadPackageDocument(o.caseId, arg.kind, arg.file),
    onMutate: () => setError(null),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: confirmationKeys.overview(o.caseId) });
      void queryClient.invalidateQueries({ queryKey: ['cases'] });
    },
    onError: (e: unknown) => setError(translateError(e)),
  });
  const own = (item: PackageItemView) => !!item.partyId && o.ownPartyIds.includes(item.partyId);
  const editable = (item: PackageItemView) => o.editableContacts.some((p) => p.partyId === item.partyId);

  const fix = (item: PackageItemView) => {
    if (item.present || item.kind === 'property_proof' || item.kind === 'application') return null;
    if (item.kind === 'agreement') {
      return (
        <Link to={`/cases/${o.caseId}/agreement`} className="confirmation-fix" data-testid="confirmation-fix-agreement">
          {t('fix.agreement')}
        </Link>
      );
    }
    if (item.kind === 'contacts') {
      return editable(item) ? (
        <a href={`#confirmation-contacts-${item.partyId}`} className="confirmation-fix" data-testid="confirmation-fix-contacts">
          {t('fix.contacts')}
        </a>
      ) : (
        <span className="muted confirmation-fix" data-testid="confirmation-fix-wait">
          {t('fix.waitContacts', { name: item.partyName ?? '' })}
        </span>
      );
    }
    const kind = UPLOAD_KIND[item.kind as keyof typeof UPLOAD_KIND];
    if (!kind) return null;
    if (!own(item)) {
      return (
        <span className="muted confirmation-fix" data-testid="confirmation-fix-wait">
          {t('fix.waitUpload', { name: item.partyName ?? '', what: t(`fix.what.${item.kind}`) })}
        </span>
      );
    }
    const busy = upload.isPending && upload.variables?.partyId === item.partyId && upload.variables?.kind === kind;
    return (
      <label className="confirmation-upload confirmation-fix">
        {busy ? t('fix.uploading') : t(`fix.upload.${item.kind}`)}
        <input
          type="file"
          accept={kind === 'id_card' ? 'image/*,application/pdf' : undefined}
          disabled={upload.isPending}
          data-testid={`confirmation-fix-${item.kind}`}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) upload.mutate({ kind, file, partyId: item.partyId });
            e.target.value = '';
          }}
        />
      </label>
    );
  };

  return (
    <>
      <ul className="confirmation-package" data-testid="confirmation-package">
        {o.packageItems.map((item, i) => (
          <li key={`${item.kind}-${item.partyId ?? i}`} data-kind={item.kind} data-present={item.present} data-party={item.partyId ?? ''}>
            <span>{t(`package.item.${item.kind}`, { name: item.partyName ?? '' })}</span>{' '}
            {item.kind === 'property_proof' ? <Tag>{t('package.optional')}</Tag> : <Tag color={item.present ? 'green' : 'red'}>{t(item.present ? 'package.present' : 'package.missing')}</Tag>}
            {item.detail && item.kind === 'contacts' && <div className="muted">{item.detail}</div>}
            {item.documents.length > 0 && <div className="muted">{item.documents.map((d) => d.fileName).join('，')}</div>}
            {fix(item)}
          </li>
        ))}
      </ul>
      {error && <Alert type="error" showIcon title={error} data-testid="confirmation-fix-error" />}
    </>
  );
}
