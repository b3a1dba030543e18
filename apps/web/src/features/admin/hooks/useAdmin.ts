import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PutAgreementTemplateRequest, RecipientRole, SaveCourtRequest, SaveOrganisationRequest } from '@tiaojie/contracts';
import type { Role } from '@tiaojie/domain';
import {
  adminKeys,
  fetchAccount,
  fetchAccounts,
  fetchAudit,
  fetchBureaus,
  fetchCourts,
  fetchDisputeTypes,
  fetchOrganisations,
  fetchSettings,
  fetchTemplates,
  putAgreementTemplate,
  putSetting,
  resetAgreementTemplate,
  saveCourt,
  saveOrganisation,
  setAccountDisabled,
  setAccountRoles,
  type AuditFilter,
} from '../api/admin-api';

/** After any console change: the console's lists and the audit view are stale. */
function useInvalidateAdmin() {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: adminKeys.all });
}

export const useOrganisations = () => useQuery({ queryKey: adminKeys.organisations, queryFn: fetchOrganisations });
export function useSaveOrganisation() {
  const invalidate = useInvalidateAdmin();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: SaveOrganisationRequest }) => saveOrganisation(id, body),
    onSuccess: () => {
      invalidate();
      // The public organisation list (filing, consultation) shows the new profile.
      void queryClient.invalidateQueries({ queryKey: ['public', 'organisations'] });
    },
  });
}

export const useBureaus = () => useQuery({ queryKey: adminKeys.bureaus, queryFn: fetchBureaus });
export const useCourts = () => useQuery({ queryKey: adminKeys.courts, queryFn: fetchCourts });
export function useSaveCourt() {
  const invalidate = useInvalidateAdmin();
  return useMutation({ mutationFn: ({ id, body }: { id: string | null; body: SaveCourtRequest }) => saveCourt(id, body), onSuccess: invalidate });
}

export const useSettings = () => useQuery({ queryKey: adminKeys.settings, queryFn: fetchSettings });
export function usePutSetting() {
  const invalidate = useInvalidateAdmin();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ key, value }: { key: string; value: string }) => putSetting(key, value),
    onSuccess: () => {
      invalidate();
      void queryClient.invalidateQueries({ queryKey: ['public', 'consultation'] });
    },
  });
}

export const useTemplates = (role: RecipientRole) => useQuery({ queryKey: adminKeys.templates(role), queryFn: () => fetchTemplates(role) });
export const useDisputeTypes = () => useQuery({ queryKey: adminKeys.disputeTypes, queryFn: fetchDisputeTypes });
export function useAgreementTemplate() {
  const invalidate = useInvalidateAdmin();
  return useMutation({
    mutationFn: ({ type, body }: { type: string; body: PutAgreementTemplateRequest | null }) => (body ? putAgreementTemplate(type, body) : resetAgreementTemplate(type)),
    onSuccess: invalidate,
  });
}

export const useAccounts = (q: string, page: number) => useQuery({ queryKey: adminKeys.accounts(q, page), queryFn: () => fetchAccounts(q, page), placeholderData: keepPreviousData });
export const useAccount = (id: string | null) => useQuery({ queryKey: adminKeys.account(id ?? ''), queryFn: () => fetchAccount(id ?? ''), enabled: !!id });
export function useSetAccountDisabled() {
  const invalidate = useInvalidateAdmin();
  return useMutation({ mutationFn: ({ id, disabled, reason }: { id: string; disabled: boolean; reason?: string }) => setAccountDisabled(id, disabled, reason), onSuccess: invalidate });
}
export function useSetAccountRoles() {
  const invalidate = useInvalidateAdmin();
  return useMutation({ mutationFn: ({ id, roles }: { id: string; roles: Role[] }) => setAccountRoles(id, roles), onSuccess: invalidate });
}

export const useAudit = (filter: AuditFilter) => useQuery({ queryKey: adminKeys.audit(filter), queryFn: () => fetchAudit(filter), placeholderData: keepPreviousData });
